// `npm run bench:archive [-- options]`: see bench/archive-copy.ts, and --help.
import { defineCommand, runMain } from '../../scripts/cli/command';
import { CliError, UsageError } from '../../scripts/cli/errors';
import { benchArchive } from '../archive-copy';
import { NODE24_OPTIONS, node24Choice } from '../options';

const MIB = 1024 * 1024;

export const benchArchiveCommand = defineCommand({
  summary: `Measures what copying a recording costs the archive function: its artifact, as deploy builds
it with archiveRecordings 'true', copies files from the local VOD into the local S3 in a process
of its own with Lambda's Node flags and environment; prints throughput and peak memory as a
Markdown table. docs/archive.md is left alone unless --write-docs is given.`,
  usage: ['npm run bench:archive [-- options]'],
  options: {
    sizes: {
      type: 'string',
      value: 'LIST',
      help: 'file sizes in MiB, comma-separated (default 256,1024)',
    },
    ...NODE24_OPTIONS,
    'write-docs': { type: 'boolean', help: "also write the report into docs/archive.md's figures" },
  },
  notes: 'It measures and asserts nothing but that every copy is the file, byte for byte.',
  run: async ({ values }, io) => {
    const sizes = (values.sizes ?? '256,1024').split(',').map((size) => Number(size) * MIB);
    if (sizes.some((size) => !Number.isSafeInteger(size) || size <= 0)) {
      throw new UsageError(`--sizes takes sizes in MiB, comma-separated, such as 256,1024.`);
    }
    const options = {
      sizes,
      node24: node24Choice(values),
      writeDocs: values['write-docs'] === true,
    };
    try {
      io.out(await benchArchive(options, (line) => io.err(`bench: ${line}`)));
    } catch (error) {
      throw new CliError(`bench: ${error instanceof Error ? error.message : String(error)}`, {
        cause: error,
      });
    }
    return 0;
  },
});

if (require.main === module) runMain(benchArchiveCommand);
