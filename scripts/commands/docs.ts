// `npm run docs`: writes the generated samples into the documentation (see scripts/docs/samples.ts).
import { defineCommand, runMain } from '../cli/command';
import { updateDocuments } from '../docs/samples';

export const docsCommand = defineCommand({
  summary: `Writes the samples the documentation shows (a recording callback as stored, as published),
made by the code they document, between their markers in README.md and docs/events.md.`,
  usage: ['npm run docs'],
  options: {},
  notes: 'A test fails when the committed samples drift from what this writes.',
  run: async (_line, io) => {
    await updateDocuments(io);
    return 0;
  },
});

if (require.main === module) runMain(docsCommand);
