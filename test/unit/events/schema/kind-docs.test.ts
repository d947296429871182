import { readKindDocs } from '../../../../lib/events/schema/kind-docs';
import { projectPath } from '../../../support/project';

const EXAMPLE_FILE = projectPath('test', 'support', 'example-kind.ts');
const ARCHIVED_FILE = projectPath('lib', 'events', 'kinds', 'recording-archived.ts');

describe('readKindDocs', () => {
  it('reads a kind’s words from its file, by detail-type: what it is, its key, its fields', () => {
    const docs = readKindDocs([EXAMPLE_FILE]).get('Example Happened');

    expect(docs?.summary).toBe(
      'Something happened to a stream (Tencent `event_type` 990, which does not exist).',
    );
    expect(docs?.key).toBe("`example#<ISO event_time>#<seq>`: a stream's examples in time order.");
    expect(Object.fromEntries(docs?.fields ?? [])).toEqual({
      stream_id: "The stream's name.",
      seq: "Tencent's number of this message.",
      event_time: 'Unix seconds: when it happened.',
      amount: 'How much of it there was.',
      details: 'What happened, in detail (an array), kept as sent.',
    });
  });

  it('reads an event of the service’s own from its file as it reads a kind', () => {
    const docs = readKindDocs([ARCHIVED_FILE]).get('Recording File Archived');

    expect(docs?.summary).toMatch(/^A recording was copied into the stack's archive bucket/);
    expect(docs?.key).toBeUndefined();
    expect([...(docs?.fields.keys() ?? [])]).toEqual([
      'id',
      'version',
      'stream_id',
      'file_id',
      'uri',
      'bytes',
    ]);
    expect(docs?.fields.get('bytes')).toBe(
      "Bytes copied: the file's, or an HLS recording's playlist and files together.",
    );
  });

  it('says which file TypeScript could not read', () => {
    expect(() => readKindDocs(['/nowhere/kind.ts'])).toThrow(
      '/nowhere/kind.ts: TypeScript could not read it',
    );
  });
});
