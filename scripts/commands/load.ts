// `npm run load -- [--url URL] [--key KEY] [--total N] [--concurrency N] ...`
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { checkCallbackUrl, resolveSenderKey, SenderError } from '../callback/sender';
import { localCallbackUrl } from '../local/settings';
import { formatFigures, LOAD_DEFAULTS, runLoad } from '../load/load-test';
import { runCli } from '../cli/command';

const usage = () => `Bursts signed Tencent CSS recording callbacks at a running stack and prints
the answers, the throughput and the latencies.

Usage: npm run load -- [--url URL] [--key KEY] [--total N] [--concurrency N]
                       [--streams N] [--duplicates RATIO] [--seed N]

  --url URL           where to POST (default: the local stack, ${localCallbackUrl()})
  --key KEY           the callback key to sign with (default: CALLBACK_KEY; for the local stack,
                      its default key)
  --total N           callbacks sent, redeliveries included (default ${LOAD_DEFAULTS.total})
  --concurrency N     callbacks in flight at once (default ${LOAD_DEFAULTS.concurrency})
  --streams N         streams the distinct recordings are spread over (default ${LOAD_DEFAULTS.streams})
  --duplicates RATIO  share of the callbacks that redeliver one already in the burst, each
                      re-signed as Tencent's retries are (default ${LOAD_DEFAULTS.duplicateRatio})
  --seed N            which recordings are redelivered, and the order (default ${LOAD_DEFAULTS.seed})

Every run uses new stream ids, so it creates new items in the table and new events on the bus:
pointed at a deployed stage, it writes that many recordings there and wakes its subscribers.
Start the stack first (\`npm start\`). Exits 1 unless every callback is answered 200 {"code":0}.`;

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      url: { type: 'string' },
      key: { type: 'string' },
      total: { type: 'string' },
      concurrency: { type: 'string' },
      streams: { type: 'string' },
      duplicates: { type: 'string' },
      seed: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(usage());
    return 0;
  }
  const url = values.url === undefined ? localCallbackUrl() : checkCallbackUrl(values.url);
  const { key, source } = resolveSenderKey(url, values.key);
  // Checked here, with the option's own name, before anything is sent.
  const whole = (name: string, value: string | undefined, minimum = 1) => {
    if (value === undefined) return undefined;
    const parsed = Number(value);
    if (!/^\d+$/.test(value) || parsed < minimum) {
      throw new SenderError(
        `--${name} must be a whole number of at least ${minimum}, not "${value}"`,
      );
    }
    return parsed;
  };
  const ratio = (name: string, value: string | undefined) => {
    if (value === undefined) return undefined;
    const parsed = Number(value);
    if (value.trim() === '' || !(parsed >= 0 && parsed < 1)) {
      throw new SenderError(
        `--${name} must be a ratio from 0 up to (not including) 1, not "${value}"`,
      );
    }
    return parsed;
  };
  const options = {
    url,
    key,
    total: whole('total', values.total),
    concurrency: whole('concurrency', values.concurrency),
    streams: whole('streams', values.streams),
    duplicateRatio: ratio('duplicates', values.duplicates),
    seed: whole('seed', values.seed, 0),
  };

  const machine = cpus();
  console.log(
    `Node.js ${process.version}, ${machine.length} × ${machine[0]?.model.trim() ?? 'unknown CPU'}, ` +
      `load average ${loadavg()[0]?.toFixed(2)}; signed with ${source}.`,
  );
  const figures = await runLoad(options);
  console.log(formatFigures(figures));
  const ok = figures.statuses['200'] ?? 0;
  return ok === figures.total ? 0 : 1;
}

runCli(() => main(process.argv.slice(2)), usage);
