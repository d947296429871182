// `npm run bench:reconcile [-- --streams N]`: see bench/reconcile-day.ts, and --help.
import { defineCommand, runMain } from '../../scripts/cli/command';
import { wholeNumber } from '../../scripts/cli/values';
import { benchReconcile } from '../reconcile-day';

export const benchReconcileCommand = defineCommand({
  summary: `Measures what reconciling a day of Tencent history costs (Tencent API calls, throttles,
wall time, DynamoDB and PutEvents requests), against the local Tencent and local AWS fakes, and
prints a Markdown table.`,
  usage: ['npm run bench:reconcile [-- --streams N]'],
  options: {
    streams: {
      type: 'string',
      value: 'N',
      help: 'streams with an 8-hour push each on yesterday (default 1000)',
    },
  },
  notes:
    'The client keeps to TENCENT_REQUESTS_PER_SECOND (15) per action. Measures; asserts nothing.',
  run: async ({ values }, io) => {
    const streams = wholeNumber('--streams', values.streams, { min: 1 }) ?? 1000;
    io.out(await benchReconcile({ streams }, (line) => io.err(line)));
    return 0;
  },
});

if (require.main === module) runMain(benchReconcileCommand);
