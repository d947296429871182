import Ajv from 'ajv';
import type { DetailType, DetailsByType } from '../../../../lib/events/detail-types';
import {
  RECORDING_ARCHIVED_DETAIL_TYPE,
  recordingArchivedEvent,
  type RecordingFileArchivedDetail,
} from '../../../../lib/events/kinds/recording-archived';
import { KINDS, kindOfEventType } from '../../../../lib/events/registry';
import { detailJsonSchema } from '../../../../lib/events/schema';
import { documentedDetail } from '../../../support/kinds';

/*
 * `Recording File Archived`: published by the archive once it has copied a recording into S3 and
 * recorded it on the item (docs/archive.md), not for a callback. Declared once; its type, its JSON
 * Schema and its place among the published detail-types come from that declaration.
 */

const schema = detailJsonSchema(recordingArchivedEvent);
const validate = new Ajv({ allErrors: true }).compile(schema);
const detail = documentedDetail(recordingArchivedEvent);

describe('recordingArchivedEvent', () => {
  it('is published as Recording File Archived', () => {
    expect(recordingArchivedEvent).toMatchObject({
      origin: 'service',
      name: 'recording-archived',
      detailType: 'Recording File Archived',
    });
    expect(RECORDING_ARCHIVED_DETAIL_TYPE).toBe('Recording File Archived');
  });

  it('has its detail’s type read from its declaration, among the published detail-types', () => {
    // Checked by the compiler: every field required, each of its schema's output type.
    const typed: RecordingFileArchivedDetail = {
      id: 'stream_test/1234567890',
      version: 1,
      stream_id: 'stream_test',
      file_id: '1234567890',
      uri: 's3://tencent-css-recordings-prod-archivebucket-1a2b3c4d5e6f/stream_test/1234567890.mp4',
      bytes: 277941079,
    };
    const { uri: _uri, ...withoutUri } = typed;
    // @ts-expect-error: every event says where the recording now is
    const noUri: RecordingFileArchivedDetail = withoutUri;
    // @ts-expect-error: bytes is a number
    const textBytes: RecordingFileArchivedDetail = { ...typed, bytes: '277941079' };
    const detailType: DetailType = RECORDING_ARCHIVED_DETAIL_TYPE;
    const byType: DetailsByType['Recording File Archived'] = typed;

    expect(detail).toEqual(typed);
    expect([noUri, textBytes, byType, detailType]).toHaveLength(4);
  });

  it('is routed from no event_type: no callback is published as it', () => {
    const eventTypes = [...KINDS.flatMap((kind) => kind.eventTypes), 101, 102, 400, 999];

    for (const eventType of eventTypes) {
      expect(kindOfEventType(eventType).detailType).not.toBe(RECORDING_ARCHIVED_DETAIL_TYPE);
    }
  });
});

describe('the JSON Schema of Recording File Archived', () => {
  const properties = schema.properties as Record<string, Record<string, unknown>>;

  it('lists its fields, all required, with the types they have', () => {
    expect(schema.required).toEqual(['id', 'version', 'stream_id', 'file_id', 'uri', 'bytes']);
    expect(properties).toMatchObject({
      id: { type: 'string', minLength: 1 },
      version: { type: 'integer', minimum: 1 },
      stream_id: { type: 'string', minLength: 1 },
      file_id: { type: 'string', minLength: 1 },
      uri: { type: 'string', minLength: 1 },
      bytes: { type: 'integer', minimum: 0 },
    });
    expect(Object.keys(properties)).toEqual(schema.required);
  });

  it('takes its words from the declaration’s TSDoc', () => {
    expect(schema.title).toBe('Recording File Archived (detail)');
    expect(schema.description).toMatch(
      /^A recording was copied into the stack's archive bucket, .*\(docs\/archive\.md\)\. Published by the service itself, not for a callback: .* Deduplicate on id \+ version\.$/,
    );
    expect(properties.id?.description).toBe(
      "<stream_id>/<file_id>: the recording's id, as in its Recording File Created.",
    );
    expect(properties.version?.description).toBe(
      'The version of the recording that was copied, as in its Recording File Created.',
    );
    expect(properties.uri?.description).toMatch(/^s3:\/\/<bucket>\/<key>: the file /);
    expect(properties.bytes?.description).toMatch(/^Bytes copied/);
    for (const field of Object.values(properties)) {
      expect(field.description).toEqual(expect.any(String));
    }
  });

  it('accepts the documented detail', () => {
    expect(validate(detail)).toBe(true);
  });

  it.each([
    ['without uri', { uri: undefined }],
    ['with an empty uri', { uri: '' }],
    ['without bytes', { bytes: undefined }],
    ['with bytes as text', { bytes: '277941079' }],
    ['with a fraction of a byte', { bytes: 1.5 }],
    ['with negative bytes', { bytes: -1 }],
    ['with version 0', { version: 0 }],
    ['without its file_id', { file_id: undefined }],
  ])('refuses a detail %s', (_what, change) => {
    const changed = JSON.parse(JSON.stringify({ ...detail, ...change })) as unknown;

    expect(validate(changed)).toBe(false);
  });
});
