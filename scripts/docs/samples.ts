import { readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { itemOf } from '../../lib/aws/dynamodb-record-store';
import { recordingsTable } from '../../lib/aws/tables';
import { decodeCallbackBody } from '../../lib/callback/body';
import { recordingKind } from '../../lib/events/kinds/recording';
import { bodyHashOf } from '../../lib/ingest/interpret';
import { contentHash, stringifyJson, type JsonMap } from '../../lib/json/json';
import { toOutgoingEvent } from '../../lib/outbox/event';
import { ReceivedVia, type StoredRecord } from '../../lib/record/record';
import { FIXTURES, FIXTURES_DIR } from '../../fakes/fixtures';
import type { CliIo } from '../cli/io';
import { PROJECT_DIR } from '../local/service-config';

/*
 * The samples the documentation shows, made by the code they document: Tencent's documented
 * recording callback through the normaliser, stored as the table stores it, announced as the bus
 * receives it. `npm run docs` writes them between their markers; a test fails when they drift.
 */

const RECEIVED = '2026-11-25T08:21:22.322Z';
const PUBLISHED = '2026-11-25T08:21:22.376Z';
/** The next hourly reconciliation found it in Tencent's history. */
const VERIFIED = '2026-11-25T09:00:03.114Z';

async function documentedRecording(): Promise<StoredRecord> {
  const text = await readFile(join(FIXTURES_DIR, FIXTURES.documented));
  const body = decodeCallbackBody(text.toString('utf8'));
  const fields = recordingKind.normalise(body);
  return {
    ...recordingKind.identify(fields),
    fields,
    bodyHash: bodyHashOf(body),
    version: 1,
    contentHash: contentHash(fields),
    receivedAt: RECEIVED,
    updatedAt: RECEIVED,
    publishedAt: PUBLISHED,
    receivedVia: ReceivedVia.callback,
    verifiedAt: VERIFIED,
  };
}

/** What each marker pair holds, as Markdown. */
export async function renderSamples(): Promise<Record<string, string>> {
  const stored = await documentedRecording();
  const item = itemOf(recordingsTable('recordings'), stored);
  const event = toOutgoingEvent(stored, recordingKind.keptWhenTruncated);
  const entry: JsonMap = {
    source: event.source,
    'detail-type': event.detailType,
    detail: JSON.parse(event.detail) as JsonMap,
  };
  return {
    'sample-recording-item': jsonBlock(item),
    'sample-recording-event': jsonBlock(entry),
  };
}

function jsonBlock(value: JsonMap): string {
  return ['```json', JSON.stringify(JSON.parse(stringifyJson(value)), null, 2), '```'].join('\n');
}

/** `text` with each `<!-- name:start -->...<!-- name:end -->` block replaced by its sample. */
export function withSamples(text: string, samples: Record<string, string>): string {
  let result = text;
  for (const [name, sample] of Object.entries(samples)) {
    const pattern = new RegExp(`(<!-- ${name}:start -->)[\\s\\S]*?(<!-- ${name}:end -->)`, 'g');
    result = result.replace(
      pattern,
      (_match, start: string, end: string) => `${start}\n\n${sample}\n\n${end}`,
    );
  }
  return result;
}

/** Where each sample is shown: the event with the events, the item with inspecting the tables. */
export const SAMPLE_HOMES: Readonly<Record<string, string>> = {
  'sample-recording-event': 'docs/events.md',
  'sample-recording-item': 'docs/operations.md',
};

/** The documentation files that hold generated samples. */
export const DOCUMENTS = [...new Set(Object.values(SAMPLE_HOMES))].map((name) =>
  join(PROJECT_DIR, name),
);

/** Writes the samples into {@link DOCUMENTS}, a line per file: `docs/events.md: up to date`. */
export async function updateDocuments(io: CliIo): Promise<void> {
  const samples = await renderSamples();
  for (const file of DOCUMENTS) {
    const before = await readFile(file, 'utf8').catch(() => undefined);
    if (before === undefined) continue;
    const after = withSamples(before, samples);
    if (after !== before) await writeFile(file, after);
    io.out(`${relative(PROJECT_DIR, file)}: ${after === before ? 'up to date' : 'updated'}`);
  }
}
