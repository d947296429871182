// `npm run load -- [--url URL] [--key KEY] [--total N] [--concurrency N] ...`
import { cpus, loadavg } from 'node:os';
import { checkCallbackUrl, resolveSenderKey } from '../callback/sender';
import { defineCommand, runMain } from '../cli/command';
import { ratio, wholeNumber } from '../cli/values';
import { formatFigures, LOAD_DEFAULTS, runLoad } from '../load/load-test';
import { localCallbackUrl } from '../local/settings';

export const loadCommand = defineCommand({
  summary: `Bursts signed Tencent CSS recording callbacks at a running stack and prints
the answers, the throughput and the latencies.`,
  usage: [
    `npm run load -- [--url URL] [--key KEY] [--total N] [--concurrency N]
                       [--streams N] [--duplicates RATIO] [--seed N]`,
  ],
  options: {
    url: {
      type: 'string',
      value: 'URL',
      help: `where to POST (default: the local stack, ${localCallbackUrl()})`,
    },
    key: {
      type: 'string',
      value: 'KEY',
      help:
        'the callback key to sign with (default: CALLBACK_KEY; for the local stack,\n' +
        'its default key)',
    },
    total: {
      type: 'string',
      value: 'N',
      help: `callbacks sent, redeliveries included (default ${LOAD_DEFAULTS.total})`,
    },
    concurrency: {
      type: 'string',
      value: 'N',
      help: `callbacks in flight at once (default ${LOAD_DEFAULTS.concurrency})`,
    },
    streams: {
      type: 'string',
      value: 'N',
      help: `streams the distinct recordings are spread over (default ${LOAD_DEFAULTS.streams})`,
    },
    duplicates: {
      type: 'string',
      value: 'RATIO',
      help:
        'share of the callbacks that redeliver one already in the burst, each\n' +
        `re-signed as Tencent's retries are (default ${LOAD_DEFAULTS.duplicateRatio})`,
    },
    seed: {
      type: 'string',
      value: 'N',
      help: `which recordings are redelivered, and the order (default ${LOAD_DEFAULTS.seed})`,
    },
  },
  notes: `Every run uses new stream ids, so it creates new items in the table and new events on the bus:
pointed at a deployed stage, it writes that many recordings there and wakes its subscribers.
Start the stack first (\`npm start\`). Exits 1 unless every callback is answered 200 {"code":0}.`,
  run: async ({ values }, io) => {
    const url =
      values.url === undefined ? localCallbackUrl(io.env) : checkCallbackUrl(values.url, io.env);
    const { key, source } = resolveSenderKey(url, values.key, io.env);
    const options = {
      url,
      key,
      total: wholeNumber('--total', values.total, { min: 1 }),
      concurrency: wholeNumber('--concurrency', values.concurrency, { min: 1 }),
      streams: wholeNumber('--streams', values.streams, { min: 1 }),
      duplicateRatio: ratio('--duplicates', values.duplicates),
      seed: wholeNumber('--seed', values.seed, { min: 0 }),
    };

    const machine = cpus();
    io.out(
      `Node.js ${process.version}, ${machine.length} × ${machine[0]?.model.trim() ?? 'unknown CPU'}, ` +
        `load average ${loadavg()[0]?.toFixed(2)}; signed with ${source}.`,
    );
    const figures = await runLoad(options);
    io.out(formatFigures(figures));
    const ok = figures.statuses['200'] ?? 0;
    return ok === figures.total ? 0 : 1;
  },
});

if (require.main === module) runMain(loadCommand);
