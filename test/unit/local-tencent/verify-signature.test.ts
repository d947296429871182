import type { IncomingHttpHeaders } from 'node:http';
import { signTc3, tc3Authorization } from '../../../local-tencent/tc3';
import { TencentFault } from '../../../local-tencent/tencent-fault';
import { verifySignature, type ReceivedRequest } from '../../../local-tencent/verify-signature';
import { errorThrownBy } from '../../support/thrown';

const SECRET_ID = 'AKIDverifyTest';
const SECRET_KEY = 'verifyTestSecretKey';
const NOW = Date.parse('2027-03-01T12:00:00Z');
const BODY = '{"TemplateId":1001}';

/** A request signed for real, as a client would send it; `change` then tampers with it. */
function signedRequest(
  options: {
    service?: string;
    timestamp?: number;
    secretKey?: string;
    host?: string;
    signHost?: string;
  } = {},
): ReceivedRequest {
  const timestamp = options.timestamp ?? NOW / 1000;
  const host = options.host ?? 'live.tencentcloudapi.com';
  const signed = signTc3({
    method: 'POST',
    headers: { 'content-type': 'application/json', host: options.signHost ?? host },
    payload: BODY,
    timestamp,
    service: options.service ?? 'live',
    secretKey: options.secretKey ?? SECRET_KEY,
  });
  const headers: IncomingHttpHeaders = {
    authorization: tc3Authorization(SECRET_ID, signed),
    'content-type': 'application/json',
    host,
    'x-tc-timestamp': String(timestamp),
  };
  return { method: 'POST', query: '', headers, body: Buffer.from(BODY) };
}

const options = {
  secretKeyOf: (id: string) => (id === SECRET_ID ? SECRET_KEY : undefined),
  now: NOW,
  service: 'live',
};

function faultOf(request: ReceivedRequest): TencentFault {
  const error = errorThrownBy(
    () => verifySignature(request, options),
    'expected the request to be refused',
  );
  if (error instanceof TencentFault) return error;
  throw error;
}

describe('verifySignature', () => {
  it('accepts a request signed with a known key and returns its SecretId', () => {
    expect(verifySignature(signedRequest(), options)).toEqual({ secretId: SECRET_ID });
  });

  it('accepts a timestamp up to five minutes either side of its clock', () => {
    expect(() =>
      verifySignature(signedRequest({ timestamp: NOW / 1000 - 300 }), options),
    ).not.toThrow();
    expect(() =>
      verifySignature(signedRequest({ timestamp: NOW / 1000 + 300 }), options),
    ).not.toThrow();
  });

  it('accepts a Host with a port signed without it, as the Node SDK signs', () => {
    const request = signedRequest({ host: '127.0.0.1:4020', signHost: '127.0.0.1' });

    expect(verifySignature(request, options)).toEqual({ secretId: SECRET_ID });
  });

  it.each<{ problem: string; request: () => ReceivedRequest; code: string }>([
    {
      problem: 'a body changed after signing',
      request: () => ({ ...signedRequest(), body: Buffer.from('{"TemplateId":1002}') }),
      code: 'AuthFailure.SignatureFailure',
    },
    {
      problem: 'a timestamp changed after signing',
      request: () => {
        const request = signedRequest();
        return {
          ...request,
          headers: { ...request.headers, 'x-tc-timestamp': String(NOW / 1000 - 1) },
        };
      },
      code: 'AuthFailure.SignatureFailure',
    },
    {
      problem: 'a wrong SecretKey',
      request: () => signedRequest({ secretKey: 'notTheSecretKey' }),
      code: 'AuthFailure.SignatureFailure',
    },
    {
      problem: 'a scope for another service (the SDK with a bare IP endpoint signs for 127)',
      request: () => signedRequest({ service: '127' }),
      code: 'AuthFailure.SignatureFailure',
    },
    {
      problem: 'a timestamp more than five minutes old',
      request: () => signedRequest({ timestamp: NOW / 1000 - 301 }),
      code: 'AuthFailure.SignatureExpire',
    },
    {
      problem: 'a timestamp more than five minutes ahead',
      request: () => signedRequest({ timestamp: NOW / 1000 + 301 }),
      code: 'AuthFailure.SignatureExpire',
    },
    {
      problem: 'an unknown SecretId',
      request: () => {
        const request = signedRequest();
        const authorization = String(request.headers.authorization).replace(
          SECRET_ID,
          'AKIDunknown',
        );
        return { ...request, headers: { ...request.headers, authorization } };
      },
      code: 'AuthFailure.SecretIdNotFound',
    },
    {
      problem: 'no Authorization header',
      request: () => {
        const { authorization: _dropped, ...headers } = signedRequest().headers;
        return { ...signedRequest(), headers };
      },
      code: 'AuthFailure.InvalidAuthorization',
    },
    {
      problem: 'a signature that does not sign host',
      request: () => {
        const request = signedRequest();
        const authorization = String(request.headers.authorization).replace(
          'SignedHeaders=content-type;host',
          'SignedHeaders=content-type',
        );
        return { ...request, headers: { ...request.headers, authorization } };
      },
      code: 'AuthFailure.InvalidAuthorization',
    },
    {
      problem: 'no X-TC-Timestamp',
      request: () => {
        const { 'x-tc-timestamp': _dropped, ...headers } = signedRequest().headers;
        return { ...signedRequest(), headers };
      },
      code: 'MissingParameter',
    },
  ])('refuses $problem with $code', ({ request, code }) => {
    expect(faultOf(request()).code).toBe(code);
  });

  it('says which part of the scope is wrong, so a client can be fixed', () => {
    expect(faultOf(signedRequest({ service: '127' })).message).toContain(
      'the credential scope names service `127`, not `live`',
    );
  });

  it('never repeats the SecretKey', () => {
    const messages = [
      faultOf(signedRequest({ secretKey: 'notTheSecretKey' })),
      faultOf(signedRequest({ service: 'cvm' })),
      faultOf(signedRequest({ timestamp: 1 })),
    ].map((fault) => fault.message);

    for (const message of messages) expect(message).not.toContain(SECRET_KEY);
  });
});
