import { decodeCallbackBody, MAX_BODY_BYTES } from '../../../lib/callback/body';
import { InvalidCallbackError, PayloadTooLargeError } from '../../../lib/errors';
import { signCallback } from '../../../lib/callback/sign-callback';
import { recordingBody } from '../../support/fixtures';

/** A JSON object whose UTF-8 encoding is exactly `bytes` long. */
function jsonOfSize(bytes: number): string {
  const empty = JSON.stringify({ pad: '' });
  return JSON.stringify({ pad: 'x'.repeat(bytes - empty.length) });
}

const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

describe('decodeCallbackBody', () => {
  it('returns the JSON object Tencent sent', () => {
    const sent = signCallback(recordingBody(), 'key', 1_800_000_600);

    const body = decodeCallbackBody(JSON.stringify(sent));

    expect(body).toEqual(sent);
  });

  it('decodes a body API Gateway delivered base64-encoded', () => {
    const sent = signCallback(recordingBody(), 'key', 1_800_000_600);

    const body = decodeCallbackBody(base64(JSON.stringify(sent)), true);

    expect(body).toEqual(sent);
  });

  it('decodes UTF-8 text in a base64 body', () => {
    const sent = { stream_id: '直播间-42', callback_ext: '{"title":"你好"}' };

    const body = decodeCallbackBody(base64(JSON.stringify(sent)), true);

    expect(body).toEqual(sent);
  });

  it.each([
    ['missing', undefined, /body is empty/],
    ['null', null, /body is empty/],
    ['empty', '', /body is empty/],
    ['whitespace', '   ', /not valid JSON/],
    ['not JSON', 'event_type=100&stream_id=x', /not valid JSON/],
    ['truncated JSON', '{"event_type":100,', /not valid JSON/],
    ['a JSON array', '[{"event_type":100}]', /must be a JSON object/],
    ['a JSON number', '100', /must be a JSON object/],
    ['a JSON string', '"hello"', /must be a JSON object/],
    ['JSON null', 'null', /must be a JSON object/],
    ['JSON true', 'true', /must be a JSON object/],
  ])('rejects a body that is %s with a 400', (_case, raw, message) => {
    const decode = () => decodeCallbackBody(raw);

    expect(decode).toThrow(InvalidCallbackError);
    expect(decode).toThrow(message);
  });

  it.each([
    ['an array', '[1,2]'],
    ['not JSON', 'not json {'],
  ])('rejects a base64 body that decodes to %s with a 400', (_case, text) => {
    const decode = () => decodeCallbackBody(base64(text), true);

    expect(decode).toThrow(InvalidCallbackError);
  });

  describe('size limit', () => {
    afterEach(() => {
      jest.restoreAllMocks();
    });

    it('is 64 KiB, answered with a 413', () => {
      expect(MAX_BODY_BYTES).toBe(64 * 1024);
      expect(new PayloadTooLargeError(MAX_BODY_BYTES).statusCode).toBe(413);
    });

    it.each([
      ['plain', false, (text: string) => text],
      ['base64', true, base64],
    ])('accepts a %s body of exactly 64 KiB', (_encoding, isBase64Encoded, encode) => {
      const text = jsonOfSize(MAX_BODY_BYTES);

      const body = decodeCallbackBody(encode(text), isBase64Encoded);

      expect(Buffer.byteLength(text)).toBe(MAX_BODY_BYTES);
      expect(body).toEqual(JSON.parse(text));
    });

    it.each([
      ['plain', false, (text: string) => text],
      ['base64', true, base64],
    ])('rejects a %s body of 64 KiB + 1 byte with a 413', (_encoding, isBase64Encoded, encode) => {
      const text = jsonOfSize(MAX_BODY_BYTES + 1);

      const decode = () => decodeCallbackBody(encode(text), isBase64Encoded);

      expect(decode).toThrow(PayloadTooLargeError);
      expect(decode).toThrow('body is larger than 65536 bytes');
    });

    it('counts bytes, not characters', () => {
      // 30 000 three-byte characters: under the limit in characters, over it in UTF-8 bytes.
      const text = JSON.stringify({ pad: '直'.repeat(30_000) });

      const decode = () => decodeCallbackBody(text);

      expect(text.length).toBeLessThan(MAX_BODY_BYTES);
      expect(decode).toThrow(PayloadTooLargeError);
    });

    it('rejects a huge base64 body before decoding it', () => {
      const huge = 'A'.repeat(10 * MAX_BODY_BYTES);
      const from = jest.spyOn(Buffer, 'from');

      const decode = () => decodeCallbackBody(huge, true);

      expect(decode).toThrow(PayloadTooLargeError);
      expect(from).not.toHaveBeenCalled();
    });

    it('rejects an oversized body even when it is not JSON', () => {
      const decode = () => decodeCallbackBody('x'.repeat(MAX_BODY_BYTES + 1));

      expect(decode).toThrow(PayloadTooLargeError);
    });

    it('honours a smaller limit given by the caller', () => {
      const text = jsonOfSize(101);

      expect(() => decodeCallbackBody(text, false, 100)).toThrow(PayloadTooLargeError);
      expect(decodeCallbackBody(jsonOfSize(100), false, 100)).toEqual({
        pad: expect.any(String) as unknown,
      });
    });
  });
});
