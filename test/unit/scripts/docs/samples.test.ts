import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PUBLISHED_EVENTS } from '../../../../lib/events/published-events';
import { PROJECT_DIR } from '../../../../scripts/local/service-config';
import {
  DOCUMENTS,
  renderSamples,
  SAMPLE_HOMES,
  withSamples,
} from '../../../../scripts/docs/samples';
import { renderSchemaFiles, SCHEMAS_DIR } from '../../../../scripts/docs/schemas';

/*
 * The documentation's sample record and event are made by the code (`npm run docs`): this fails
 * when the code changes what it stores or publishes and the documentation was not regenerated.
 */
it.each(DOCUMENTS)('%s shows the samples the code makes today (npm run docs)', async (file) => {
  const text = await readFile(file, 'utf8').catch(() => '');
  const samples = await renderSamples();

  expect(withSamples(text, samples)).toBe(text);
});

it('every sample is shown where it belongs', async () => {
  const samples = Object.entries(await renderSamples());

  expect(samples.map(([name]) => name).sort()).toEqual(Object.keys(SAMPLE_HOMES).sort());
  for (const [name, sample] of samples) {
    const text = await readFile(join(PROJECT_DIR, SAMPLE_HOMES[name]!), 'utf8');
    expect(text).toContain(`<!-- ${name}:start -->\n\n${sample}\n\n<!-- ${name}:end -->`);
  }
});

describe('schemas/', () => {
  it('holds the schema of every detail-type the code makes today, and nothing else (npm run docs)', async () => {
    const files = await renderSchemaFiles();
    const committed = (await readdir(SCHEMAS_DIR)).filter((name) => name.endsWith('.json')).sort();

    expect(committed).toEqual([...files.keys()].sort());
    for (const [name, content] of files) {
      expect(await readFile(join(SCHEMAS_DIR, name), 'utf8')).toBe(content);
    }
  });

  it('names each file as the schema registry names the schema', async () => {
    const files = await renderSchemaFiles();

    expect([...files.keys()]).toContain('tencentcloud.css@RecordingFileCreated.json');
    // The service's own events too, whether or not a stack publishes them.
    expect([...files.keys()]).toContain('tencentcloud.css@RecordingFileArchived.json');
    expect(files.size).toBe(PUBLISHED_EVENTS.length);
  });
});
