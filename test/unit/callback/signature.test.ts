import { AuthenticationError, AuthenticationFailure } from '../../../lib/errors';
import { signCallback } from '../../../lib/callback/sign-callback';
import {
  computeSign,
  DEFAULT_CLOCK_SKEW_SECONDS,
  DEFAULT_MAX_LOOKAHEAD_SECONDS,
  verifySignature,
  type SignedFields,
  type VerifyOptions,
} from '../../../lib/callback/signature';
import { errorThrownBy } from '../../support/thrown';

const KEY = 'callbackKey123';
const NOW = 1_800_000_000;

/** Runs the verifier and returns the error it threw, so tests can check `reason` and message. */
function rejection(
  fields: SignedFields,
  keys: readonly string[] = [KEY],
  options: VerifyOptions = { now: NOW },
) {
  return errorThrownBy<AuthenticationError>(
    () => verifySignature(fields, keys, options),
    'expected verifySignature to reject the callback',
  );
}

describe('computeSign', () => {
  it('is md5(key + t) as lowercase hex, the value Tencent puts in sign', () => {
    // md5("abc") is the RFC 1321 test vector.
    expect(computeSign('ab', 'c')).toBe('900150983cd24fb0d6963f7d28e17f72');
  });

  it('signs t the same whether it is a number or its text', () => {
    expect(computeSign(KEY, NOW)).toBe(computeSign(KEY, String(NOW)));
  });
});

describe('verifySignature', () => {
  it('accepts a callback signed with the key whose t is in the future', () => {
    const fields = signCallback({}, KEY, NOW + 600);

    expect(() => verifySignature(fields, [KEY], { now: NOW })).not.toThrow();
  });

  const future = String(NOW + 600);
  it.each<{ problem: string; fields: SignedFields; reason: AuthenticationFailure }>([
    { problem: 'sign is missing', fields: { t: NOW + 600 }, reason: 'missing-sign' },
    { problem: 'sign is empty', fields: { sign: '', t: NOW + 600 }, reason: 'missing-sign' },
    { problem: 'sign is a number', fields: { sign: 123, t: NOW + 600 }, reason: 'missing-sign' },
    { problem: 't is missing', fields: { sign: computeSign(KEY, future) }, reason: 'missing-t' },
    {
      problem: 't is not numeric',
      fields: { sign: computeSign(KEY, 'soon'), t: 'soon' },
      reason: 'missing-t',
    },
    {
      problem: 't is a fraction',
      fields: { sign: computeSign(KEY, `${future}.5`), t: NOW + 600.5 },
      reason: 'missing-t',
    },
    {
      problem: 't is negative',
      fields: { sign: computeSign(KEY, -1), t: -1 },
      reason: 'missing-t',
    },
    { problem: 't is zero', fields: { sign: computeSign(KEY, 0), t: 0 }, reason: 'missing-t' },
    {
      problem: 't has a plus sign',
      fields: { sign: computeSign(KEY, `+${future}`), t: `+${future}` },
      reason: 'missing-t',
    },
    {
      problem: 't is in exponent form',
      fields: { sign: computeSign(KEY, '1.8e9'), t: '1.8e9' },
      reason: 'missing-t',
    },
    {
      problem: 't is null',
      fields: { sign: computeSign(KEY, 'null'), t: null },
      reason: 'missing-t',
    },
  ])('rejects a callback whose $problem (reason $reason)', ({ fields, reason }) => {
    const error = rejection(fields);

    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.reason).toBe(reason);
    expect(error.statusCode).toBe(401);
  });

  it('rejects a callback whose t expired more than the skew ago', () => {
    const fields = signCallback({}, KEY, NOW - DEFAULT_CLOCK_SKEW_SECONDS - 1);

    const error = rejection(fields);

    expect(error.reason).toBe(AuthenticationFailure.expired);
    expect(error.message).toMatch(/too old/);
  });

  it.each([
    ['just now', NOW],
    ['half the skew ago', NOW - DEFAULT_CLOCK_SKEW_SECONDS / 2],
    ['exactly the skew ago', NOW - DEFAULT_CLOCK_SKEW_SECONDS],
  ])('accepts a callback whose t expired %s (within the clock skew)', (_case, t) => {
    const fields = signCallback({}, KEY, t);

    expect(() => verifySignature(fields, [KEY], { now: NOW })).not.toThrow();
  });

  it('accepts a t exactly the look-ahead in the future', () => {
    const fields = signCallback({}, KEY, NOW + DEFAULT_MAX_LOOKAHEAD_SECONDS);

    expect(() => verifySignature(fields, [KEY], { now: NOW })).not.toThrow();
  });

  it('rejects a callback whose t is more than the look-ahead in the future', () => {
    const fields = signCallback({}, KEY, NOW + DEFAULT_MAX_LOOKAHEAD_SECONDS + 1);

    const error = rejection(fields);

    expect(error.reason).toBe(AuthenticationFailure.tooFarAhead);
  });

  it('honours a configured skew and look-ahead', () => {
    const options = { now: NOW, clockSkewSeconds: 5, maxLookaheadSeconds: 10 };

    expect(() => verifySignature(signCallback({}, KEY, NOW - 5), [KEY], options)).not.toThrow();
    expect(rejection(signCallback({}, KEY, NOW - 6), [KEY], options).reason).toBe('expired');
    expect(rejection(signCallback({}, KEY, NOW + 11), [KEY], options).reason).toBe('too-far-ahead');
  });

  it('rejects a callback signed with another key', () => {
    const fields = signCallback({}, 'someOtherKey', NOW + 600);

    const error = rejection(fields);

    expect(error.reason).toBe(AuthenticationFailure.mismatch);
  });

  it.each([
    ['a sign made for another t', { sign: computeSign(KEY, NOW + 601), t: NOW + 600 }],
    ['a truncated sign', { sign: computeSign(KEY, NOW + 600).slice(0, 31), t: NOW + 600 }],
    ['a sign with a trailing space', { sign: `${computeSign(KEY, NOW + 600)} `, t: NOW + 600 }],
    ['a sign that is not hex', { sign: 'z'.repeat(32), t: NOW + 600 }],
  ])('rejects %s as a mismatch', (_case, fields) => {
    const error = rejection(fields);

    expect(error.reason).toBe(AuthenticationFailure.mismatch);
  });

  it('accepts a sign in uppercase hex', () => {
    const signed = signCallback({}, KEY, NOW + 600);

    const fields = { ...signed, sign: signed.sign.toUpperCase() };

    expect(() => verifySignature(fields, [KEY], { now: NOW })).not.toThrow();
  });

  it('accepts a callback signed with the second of several keys (key rotation)', () => {
    const fields = signCallback({}, 'newKey', NOW + 600);

    expect(() => verifySignature(fields, ['oldKey', 'newKey'], { now: NOW })).not.toThrow();
  });

  it('accepts t sent as a numeric string, as older senders do', () => {
    const t = String(NOW + 600);
    const fields = { t, sign: computeSign(KEY, t) };

    expect(() => verifySignature(fields, [KEY], { now: NOW })).not.toThrow();
  });

  it('checks the sign against t exactly as sent (leading zeros included)', () => {
    const t = `0${NOW + 600}`;
    const signedAsSent = { t, sign: computeSign(KEY, t) };
    const signedAsNumber = { t, sign: computeSign(KEY, NOW + 600) };

    expect(() => verifySignature(signedAsSent, [KEY], { now: NOW })).not.toThrow();
    expect(rejection(signedAsNumber).reason).toBe(AuthenticationFailure.mismatch);
  });

  it('accepts nothing when no key is configured', () => {
    const fields = signCallback({}, '', NOW + 600);

    expect(rejection(fields, []).reason).toBe(AuthenticationFailure.mismatch);
  });

  it('checks the time before the sign, so a stale callback is reported as expired', () => {
    const fields = signCallback({}, 'someOtherKey', NOW - 3600);

    expect(rejection(fields).reason).toBe(AuthenticationFailure.expired);
  });

  it('never puts the key or the sign in its error messages', () => {
    const good = signCallback({}, KEY, NOW + 600);
    const errors = [
      rejection({ t: NOW + 600 }),
      rejection({ ...good, t: 'x' }),
      rejection(signCallback({}, KEY, NOW - 3600)),
      rejection(signCallback({}, KEY, NOW + 86_400)),
      rejection({ ...good, sign: computeSign('wrong', NOW + 600) }),
    ];

    for (const error of errors) {
      expect(error.message).not.toContain(KEY);
      expect(error.message).not.toContain(good.sign);
    }
  });
});
