// `npm run callback -- [payload.json] [--url URL] [--key KEY] [--stream-id S] [--file-id F]`
import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  checkCallbackUrl,
  DEFAULT_PAYLOAD_FILE,
  loadPayload,
  resolveSenderKey,
  sendCallback,
  SenderError,
  withIds,
} from '../callback/sender';
import { PROJECT_DIR } from '../local/service-config';
import { localCallbackUrl } from '../local/settings';
import { runCli } from '../cli/command';

const usage = () => `Sends a signed Tencent CSS callback and prints the answer.

Usage: npm run callback -- [payload.json] [--url URL] [--key KEY] [--stream-id S] [--file-id F]

  payload.json    the callback body (default: Tencent's documented recording example,
                  ${relative(PROJECT_DIR, DEFAULT_PAYLOAD_FILE)}); its sign and t are replaced
  --url URL       where to POST: http(s), path ending in /callback (default: the local
                  stack, ${localCallbackUrl()}; it speaks plain http)
  --key KEY       the callback key to sign with (default: CALLBACK_KEY; for the local stack,
                  its default key). Prefer CALLBACK_KEY: a --key stays in your shell history.
  --stream-id S   send the payload with this stream_id (channel_id follows)
  --file-id F     send the payload with this file_id (record_file_id follows)`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      url: { type: 'string' },
      key: { type: 'string' },
      'stream-id': { type: 'string' },
      'file-id': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(usage());
    return 0;
  }
  if (positionals.length > 1) throw new SenderError('Give at most one payload file');

  const url = values.url === undefined ? localCallbackUrl() : checkCallbackUrl(values.url);
  const { key, source } = resolveSenderKey(url, values.key);
  // npm runs scripts in the project directory; a relative path means where the user typed it.
  const [given] = positionals;
  const file =
    given === undefined ? undefined : resolve(process.env.INIT_CWD ?? process.cwd(), given);
  const payload = withIds(await loadPayload(file), {
    streamId: values['stream-id'],
    fileId: values['file-id'],
  });

  console.log(`POST ${url}`);
  console.log(`  ${describePayload(payload)}, signed with ${source}`);
  const answer = await sendCallback({ url, key, payload });
  console.log(`HTTP ${answer.status} ${answer.text}`);
  return answer.status >= 200 && answer.status < 300 ? 0 : 1;
}

function describePayload(payload: Record<string, unknown>): string {
  const id = (field: string) =>
    typeof payload[field] === 'string' || typeof payload[field] === 'number'
      ? String(payload[field])
      : '?';
  return `event_type ${id('event_type')}, stream_id ${id('stream_id')}, file_id ${id('file_id')}`;
}

runCli(() => main(process.argv.slice(2)), usage);
