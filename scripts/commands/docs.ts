// `npm run docs`: writes what the documentation shows that the code makes (scripts/docs/).
import { defineCommand, runMain } from '../cli/command';
import { updateDocuments } from '../docs/samples';
import { updateSchemaFiles } from '../docs/schemas';

export const docsCommand = defineCommand({
  summary: `Writes what the documentation shows that the code makes: the samples (a recording
callback as stored, as published) between their markers in README.md and docs/events.md, and
the event schemas under schemas/, one per detail-type (as the stack's schema registry has them).`,
  usage: ['npm run docs'],
  options: {},
  notes: 'A test fails when the committed samples or schemas drift from what this writes.',
  run: async (_line, io) => {
    await updateDocuments(io);
    await updateSchemaFiles(io);
    return 0;
  },
});

if (require.main === module) runMain(docsCommand);
