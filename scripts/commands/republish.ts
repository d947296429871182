// `npm run republish -- --list-parked | --retry-parked [--id ID]... [--stage S] [--region R]`
import { defineCommand, runMain } from '../cli/command';
import { UsageError } from '../cli/errors';
import { TARGET_OPTIONS } from '../cli/target';
import { putBackInLine, showParked } from '../republish/parked';

export const republishCommand = defineCommand({
  summary: 'Shows and retries records whose event the bus refused (parked records).',
  usage: [
    'npm run republish -- --list-parked [--stage S] [--region R]',
    'npm run republish -- --retry-parked [--id ID]... [--stage S] [--region R]',
  ],
  options: {
    'list-parked': {
      type: 'boolean',
      help: "list the parked records: id, version, when and why, the bus's last error",
    },
    'retry-parked': {
      type: 'boolean',
      help:
        'put parked records back in line (all, or those given with --id); the\n' +
        'republisher publishes them on its next run (within 5 minutes)',
    },
    id: {
      type: 'string',
      multiple: true,
      value: 'ID',
      help: 'an event id (<stream_id>/<file_id>), as --list-parked shows it; repeatable',
    },
    ...TARGET_OPTIONS,
  },
  notes: "Against a deployed stage it uses your shell's AWS credentials.",
  run: async ({ values }, io) => {
    if (values['list-parked'] === values['retry-parked']) {
      throw new UsageError('Give one of --list-parked or --retry-parked.');
    }
    const args = { stage: values.stage, region: values.region, ids: values.id };
    return values['list-parked'] ? showParked(args, io) : putBackInLine(args, io);
  },
});

if (require.main === module) runMain(republishCommand);
