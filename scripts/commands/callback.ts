// `npm run callback -- [payload.json] [--url URL] [--key KEY] [--stream-id S] [--file-id F]`
import { relative, resolve } from 'node:path';
import type { JsonObject } from '../../lib/json/json';
import {
  checkCallbackUrl,
  DEFAULT_PAYLOAD_FILE,
  loadPayload,
  resolveSenderKey,
  sendCallback,
  withIds,
} from '../callback/sender';
import { defineCommand, runMain } from '../cli/command';
import { UsageError } from '../cli/errors';
import { PROJECT_DIR } from '../local/service-config';
import { localCallbackUrl } from '../local/settings';

export const callbackCommand = defineCommand({
  summary: 'Sends a signed Tencent CSS callback and prints the answer.',
  usage: [
    'npm run callback -- [payload.json] [--url URL] [--key KEY] [--stream-id S] [--file-id F]',
  ],
  options: {
    url: {
      type: 'string',
      value: 'URL',
      help:
        'where to POST: http(s), path ending in /callback (default: the local\n' +
        `stack, ${localCallbackUrl()}; it speaks plain http)`,
    },
    key: {
      type: 'string',
      value: 'KEY',
      help:
        'the callback key to sign with (default: CALLBACK_KEY; for the local stack,\n' +
        'its default key). Prefer CALLBACK_KEY: a --key stays in your shell history.',
    },
    'stream-id': {
      type: 'string',
      value: 'S',
      help: 'send the payload with this stream_id (channel_id follows)',
    },
    'file-id': {
      type: 'string',
      value: 'F',
      help: 'send the payload with this file_id (record_file_id follows)',
    },
  },
  positionals: true,
  notes: `payload.json is the callback body (default: Tencent's documented recording example,
${relative(PROJECT_DIR, DEFAULT_PAYLOAD_FILE)}); its sign and t are replaced. Exits 0 when the answer
is a 2xx, 1 otherwise.`,
  run: async ({ values, positionals }, io) => {
    if (positionals.length > 1) throw new UsageError('Give at most one payload file.');
    const url =
      values.url === undefined ? localCallbackUrl(io.env) : checkCallbackUrl(values.url, io.env);
    const { key, source } = resolveSenderKey(url, values.key, io.env);
    // npm runs scripts in the project directory; a relative path means where the user typed it.
    const [given] = positionals;
    const file = given === undefined ? undefined : resolve(io.env.INIT_CWD ?? process.cwd(), given);
    const payload = withIds(await loadPayload(file), {
      streamId: values['stream-id'],
      fileId: values['file-id'],
    });

    io.out(`POST ${url}`);
    io.out(`  ${describePayload(payload)}, signed with ${source}`);
    const answer = await sendCallback({ url, key, payload });
    io.out(`HTTP ${answer.status} ${answer.text}`);
    return answer.status >= 200 && answer.status < 300 ? 0 : 1;
  },
});

function describePayload(payload: JsonObject): string {
  const id = (field: string) =>
    typeof payload[field] === 'string' || typeof payload[field] === 'number'
      ? String(payload[field])
      : '?';
  return `event_type ${id('event_type')}, stream_id ${id('stream_id')}, file_id ${id('file_id')}`;
}

if (require.main === module) runMain(callbackCommand);
