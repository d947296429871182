import { DEFAULT_SIGN_TTL_SECONDS, signCallback } from '../../../lib/callback/sign-callback';
import { computeSign, verifySignature } from '../../../lib/callback/signature';
import { recordingBody } from '../../support/fixtures';

const KEY = 'callbackKey123';

describe('signCallback', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  it('produces a callback the verifier accepts', () => {
    const payload = recordingBody();

    const signed = signCallback(payload, KEY, 1_800_000_600);

    expect(() => verifySignature(signed, [KEY], { now: 1_800_000_000 })).not.toThrow();
  });

  it('sets sign to md5(key + t) and keeps every field of the payload', () => {
    const payload = recordingBody();

    const signed = signCallback(payload, KEY, 1_800_000_600);

    expect(signed).toEqual({ ...payload, t: 1_800_000_600, sign: computeSign(KEY, 1_800_000_600) });
  });

  it('expires 10 minutes after now by default, as Tencent does', () => {
    jest.useFakeTimers({ now: new Date('2027-03-01T12:00:00.750Z') });
    const nowSeconds = Math.floor(Date.parse('2027-03-01T12:00:00Z') / 1000);

    const signed = signCallback({}, KEY);

    expect(DEFAULT_SIGN_TTL_SECONDS).toBe(600);
    expect(signed.t).toBe(nowSeconds + 600);
    expect(Number.isInteger(signed.t)).toBe(true);
  });

  it('replaces a placeholder sign and t instead of keeping them', () => {
    const payload = { stream_id: 's', sign: 'placeholder', t: 1 };

    const signed = signCallback(payload, KEY, 1_800_000_600);

    expect(signed.t).toBe(1_800_000_600);
    expect(signed.sign).toBe(computeSign(KEY, 1_800_000_600));
  });

  it('leaves the payload it was given unchanged', () => {
    const payload = recordingBody();
    const before = structuredClone(payload);

    signCallback(payload, KEY, 1_800_000_600);

    expect(payload).toEqual(before);
  });
});
