import {
  parseTc3Authorization,
  signTc3,
  tc3Authorization,
  utcDate,
} from '../../../local-tencent/tc3';

/*
 * The worked example of Tencent's "签名方法 v3" (TC3-HMAC-SHA256) document,
 * https://cloud.tencent.com/document/api/213/30654 (CVM DescribeInstances, 2019-02-25): its
 * inputs and the signature it publishes. The keys are the document's, masked with asterisks as
 * it prints them; its signatures were computed over those exact strings. The payload holds the
 * six characters \u672a (a backslash escape), not the character it encodes.
 */
const DOC = {
  secretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******',
  secretKey: 'Gu5t9xGARNpq86cd98joQYCN3*******',
  timestamp: 1551113065,
  service: 'cvm',
  payload:
    '{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}',
  contentType: 'application/json; charset=utf-8',
  host: 'cvm.tencentcloudapi.com',
};

describe('signTc3', () => {
  it("reproduces the signature Tencent's document publishes for its example", () => {
    const signed = signTc3({
      method: 'POST',
      headers: { 'Content-Type': DOC.contentType, Host: DOC.host },
      payload: DOC.payload,
      timestamp: DOC.timestamp,
      service: DOC.service,
      secretKey: DOC.secretKey,
    });

    expect(signed.canonicalRequest).toBe(
      'POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:cvm.tencentcloudapi.com\n\n' +
        'content-type;host\n35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064',
    );
    expect(signed.hashedCanonicalRequest).toBe(
      '5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031',
    );
    expect(signed.credentialScope).toBe('2019-02-25/cvm/tc3_request');
    expect(signed.signature).toBe(
      '2230eefd229f582d8b1b891af7107b91597240707d778ab3738f756258d7652c',
    );
    expect(tc3Authorization(DOC.secretId, signed)).toBe(
      'TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******/2019-02-25/cvm/tc3_request, ' +
        'SignedHeaders=content-type;host, ' +
        'Signature=2230eefd229f582d8b1b891af7107b91597240707d778ab3738f756258d7652c',
    );
  });

  it("reproduces the document's later revision, which also signs X-TC-Action (value lower-cased)", () => {
    const signed = signTc3({
      method: 'POST',
      headers: {
        'Content-Type': DOC.contentType,
        Host: DOC.host,
        'X-TC-Action': 'DescribeInstances',
      },
      payload: DOC.payload,
      timestamp: DOC.timestamp,
      service: DOC.service,
      secretKey: DOC.secretKey,
    });

    expect(signed.signedHeaders).toBe('content-type;host;x-tc-action');
    expect(signed.signature).toBe(
      'be4f67d323c78ab9acb7395e43c0dbcf822a9cfac32fea2449a7bc7726b770a3',
    );
  });

  it('signs headers in name order whatever order they are given in', () => {
    const input = {
      method: 'POST',
      payload: '{}',
      timestamp: DOC.timestamp,
      service: 'live',
      secretKey: 'k',
    };

    const a = signTc3({ ...input, headers: { host: 'h', 'content-type': 'application/json' } });
    const b = signTc3({ ...input, headers: { 'content-type': 'application/json', host: 'h' } });

    expect(a.signature).toBe(b.signature);
  });
});

describe('utcDate', () => {
  it("is the UTC date, not the local one: the document's 2019-02-26 00:44:25 in Beijing", () => {
    expect(utcDate(1551113065)).toBe('2019-02-25');
  });
});

describe('parseTc3Authorization', () => {
  it('reads the SecretId, scope, signed headers and signature', () => {
    expect(
      parseTc3Authorization(
        'TC3-HMAC-SHA256 Credential=AKIDx/2019-02-25/live/tc3_request, SignedHeaders=content-type;host, ' +
          'Signature=2230eefd229f582d8b1b891af7107b91597240707d778ab3738f756258d7652c',
      ),
    ).toEqual({
      secretId: 'AKIDx',
      date: '2019-02-25',
      service: 'live',
      terminator: 'tc3_request',
      signedHeaders: ['content-type', 'host'],
      signature: '2230eefd229f582d8b1b891af7107b91597240707d778ab3738f756258d7652c',
    });
  });

  it.each([
    [
      'another algorithm',
      'AWS4-HMAC-SHA256 Credential=a/b/c/d, SignedHeaders=host, Signature=' + 'a'.repeat(64),
    ],
    [
      'a short scope',
      'TC3-HMAC-SHA256 Credential=a/2019-02-25/live, SignedHeaders=host, Signature=' +
        'a'.repeat(64),
    ],
    [
      'no signature',
      'TC3-HMAC-SHA256 Credential=a/2019-02-25/live/tc3_request, SignedHeaders=host',
    ],
    [
      'a signature that is not hex',
      'TC3-HMAC-SHA256 Credential=a/2019-02-25/live/tc3_request, SignedHeaders=host, Signature=' +
        'z'.repeat(64),
    ],
    ['nothing', ''],
  ])('refuses %s', (_problem, header) => {
    expect(parseTc3Authorization(header)).toBeUndefined();
  });
});
