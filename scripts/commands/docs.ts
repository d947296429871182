// `npm run docs`: writes the generated samples into the documentation (see scripts/docs/samples.ts).
import { readFile, writeFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { DOCUMENTS, renderSamples, withSamples } from '../docs/samples';
import { PROJECT_DIR } from '../local/service-config';

async function main(): Promise<void> {
  const samples = await renderSamples();
  for (const file of DOCUMENTS) {
    const before = await readFile(file, 'utf8').catch(() => undefined);
    if (before === undefined) continue;
    const after = withSamples(before, samples);
    if (after !== before) await writeFile(file, after);
    console.log(`${relative(PROJECT_DIR, file)}: ${after === before ? 'up to date' : 'updated'}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
