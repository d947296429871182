import fc from 'fast-check';
import { decodeCallbackBody, MAX_BODY_BYTES } from '../../../../lib/callback/body';
import { InvalidCallbackError } from '../../../../lib/errors';
import { recordingKind } from '../../../../lib/events/kinds/recording';
import { contentHash } from '../../../../lib/json/json';
import { MAX_ENTRY_BYTES, toOutgoingEvent } from '../../../../lib/outbox/event';
import { recordingBody } from '../../../support/fixtures';

/*
 * The hardening issue's promise: nothing a signed callback under the body limit can contain may
 * leave its record unpublishable. Bodies are generated to expand as much as JSON allows once
 * normalised (numbers written out, empty query parameters becoming map entries, redaction
 * markers, prefixed names) and filled up to the 64 KiB limit; every one the normaliser accepts
 * must give an event below EventBridge's 256 KB entry limit.
 */

/** Pieces of JSON text that grow most when normalised and serialised again. */
const expandingNumber = fc.constantFrom('1e20', '-1e20', '9e20', '1E+20', '1e-7', '0.000001');
const expandingValue = fc.oneof(
  expandingNumber,
  fc.constantFrom('0', '{}', '[]', '""', '{"key":0}', '{"token":[]}', '"?key=&sign=&pwd="'),
);
const fieldName = fc.oneof(
  fc.constantFrom('version', 'id', 'published_at', 'truncated', 'key', 'txSecret', 'x'),
  fc.stringMatching(/^[a-z]{1,3}$/),
);

/** `[v,v,v,...]` of about `bytes` bytes. */
function arrayOf(value: string, bytes: number): string {
  return `[${Array.from({ length: Math.max(1, Math.floor(bytes / (value.length + 1))) }, () => value).join(',')}]`;
}

/** `a&b&c...`: each short name without a value becomes `"name":""` in the map. */
function emptyParams(bytes: number): string {
  const names: string[] = [];
  for (let index = 0, size = 0; size < bytes; index++) {
    names.push(index.toString(36));
    size += names[index]!.length + 1;
  }
  return names.join('&');
}

const bodyText = fc
  .record({
    filler: fc.constantFrom('unknown-array', 'callback-ext', 'stream-param', 'many-fields', 'url'),
    value: expandingValue,
    names: fc.array(fieldName, { maxLength: 20 }),
    share: fc.double({ min: 0.05, max: 1, noNaN: true }),
  })
  .map(({ filler, value, names, share }) => {
    const base = recordingBody({ t: 1, sign: 'x'.repeat(32) });
    const head = JSON.stringify(base).slice(0, -1);
    const extra = names.map((name, index) => `"${name}${index}":${value}`).join(',');
    const room = Math.floor((MAX_BODY_BYTES - head.length - extra.length - 64) * share);
    const fill = (() => {
      switch (filler) {
        case 'unknown-array':
          return `"samples":${arrayOf(value, room)}`;
        case 'callback-ext':
          return `"callback_ext":${JSON.stringify(`{"n":${arrayOf(value, room / 1.2)}}`)}`;
        case 'stream-param':
          return `"stream_param":${JSON.stringify(emptyParams(room))}`;
        case 'url':
          return `"task_id":${JSON.stringify(`rtmp://h/live/s?${'key=&'.repeat(room / 5)}`)}`;
        case 'many-fields': {
          const fields = [];
          for (let index = 0, size = 0; size < room; index++) {
            const field = `"${index.toString(36)}":${value}`;
            fields.push(field);
            size += field.length + 1;
          }
          return fields.join(',');
        }
      }
    })();
    return `${head},${[extra, fill].filter(Boolean).join(',')}}`;
  })
  .filter((text) => Buffer.byteLength(text) <= MAX_BODY_BYTES);

it('gives every recording body the normaliser accepts, up to 64 KiB, an event EventBridge takes', () => {
  let accepted = 0;
  fc.assert(
    fc.property(bodyText, (text) => {
      let fields;
      try {
        fields = recordingKind.normalise(decodeCallbackBody(text));
      } catch (error) {
        if (error instanceof InvalidCallbackError) return; // answered 400: nothing stored
        throw error;
      }
      accepted++;
      const identity = recordingKind.identify(fields);
      const stored = {
        ...identity,
        fields,
        version: 1,
        contentHash: contentHash(fields),
        receivedAt: '2027-01-01T00:00:00.000Z',
        updatedAt: '2027-01-01T00:00:00.000Z',
      };

      const event = toOutgoingEvent(stored, recordingKind.keptWhenTruncated);

      expect(event.size).toBeLessThan(MAX_ENTRY_BYTES);
      const detail = JSON.parse(event.detail) as Record<string, unknown>;
      expect(detail.id).toBe(identity.id);
      for (const name of ['video_url', 'file_size', 'start_time', 'end_time', 'duration']) {
        expect(detail).toHaveProperty(name);
      }
    }),
    { numRuns: 300 },
  );
  // The property is only worth something if most generated bodies were accepted.
  expect(accepted).toBeGreaterThan(200);
});
