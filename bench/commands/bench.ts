// `npm run bench [-- options]`: see bench/run-bench.ts, and --help.
import { defineCommand, runMain } from '../../scripts/cli/command';
import { CliError } from '../../scripts/cli/errors';
import { BENCH_COMMAND, benchOptions } from '../options';
import { runBench } from '../run-bench';

export const benchCommand = defineCommand({
  ...BENCH_COMMAND,
  run: async ({ values }, io) => {
    const options = benchOptions(values);
    try {
      await runBench(options, io);
    } catch (error) {
      // A measurement that went wrong (a process that failed, a write that did not happen): its
      // message says which, as the bench has always reported it.
      throw new CliError(`bench: ${error instanceof Error ? error.message : String(error)}`, {
        cause: error,
      });
    }
    return 0;
  },
});

if (require.main === module) runMain(benchCommand);
