import { readFile, writeFile } from 'node:fs/promises';
import { format, resolveConfig } from 'prettier';

// Apart from report.ts: rendering a report is pure, writing it into the docs needs prettier.

/**
 * Formats Markdown as the project's prettier configuration does (the docs are checked by it),
 * wrapping prose at its print width as the rest of the docs are.
 */
export async function formatMarkdown(markdown: string, filePath: string): Promise<string> {
  const config = (await resolveConfig(filePath)) ?? {};
  return format(markdown, { ...config, parser: 'markdown', proseWrap: 'always' });
}

const START = '<!-- bench:start -->';
const END = '<!-- bench:end -->';

/** Replaces what is between a document's bench markers, and nothing else. */
export async function writeReportSection(documentPath: string, markdown: string): Promise<void> {
  const readme = await readFile(documentPath, 'utf8');
  const start = readme.indexOf(START);
  const end = readme.indexOf(END, start);
  if (start < 0 || end < 0) throw new Error(`${documentPath} has no ${START} ... ${END} markers`);
  const section = await formatMarkdown(markdown, documentPath);
  const updated = `${readme.slice(0, start + START.length)}\n\n${section.trim()}\n\n${readme.slice(end)}`;
  await writeFile(documentPath, updated);
}
