import { readFile } from 'node:fs/promises';
import { DOCUMENTS, renderSamples, withSamples } from '../../scripts/docs/samples';

/*
 * The documentation's sample record and event are made by the code (`npm run docs`): this fails
 * when the code changes what it stores or publishes and the documentation was not regenerated.
 */
it.each(DOCUMENTS)('%s shows the samples the code makes today (npm run docs)', async (file) => {
  const text = await readFile(file, 'utf8').catch(() => '');
  const samples = await renderSamples();

  expect(withSamples(text, samples)).toBe(text);
});

it('the README holds every sample', async () => {
  const text = await readFile(DOCUMENTS[0]!, 'utf8');

  for (const [name, sample] of Object.entries(await renderSamples())) {
    expect(text).toContain(`<!-- ${name}:start -->\n\n${sample}\n\n<!-- ${name}:end -->`);
  }
});
