import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, request, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeCertificates, type BenchCertificates } from '../../../bench/certificates';
import { trustCertificate } from '../../../bench/trust-certificate';

/** One HTTPS POST with Node's defaults (as the functions' agents make them): its status, or the error code. */
function post(url: string, servername?: string): Promise<string> {
  return new Promise((resolve) => {
    const options = { method: 'POST', ...(servername && { servername }) };
    const outgoing = request(url, options, (response) => {
      response.resume();
      response.on('end', () => resolve(String(response.statusCode)));
    });
    outgoing.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    outgoing.end('{}');
  });
}

async function serve(tls: { key: string; cert: string }): Promise<{ server: Server; url: string }> {
  const server = createServer(tls, (incoming, response) => {
    incoming.resume();
    incoming.on('end', () => response.end('{}'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `https://127.0.0.1:${(server.address() as AddressInfo).port}/` };
}

describe("the bench's certificates and the trust its measured processes get", () => {
  let directory: string;
  let certificates: BenchCertificates;
  let trusted: { server: Server; url: string };
  let impostor: { server: Server; url: string };

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'bench-certificates-'));
    certificates = await makeCertificates(directory);
    [trusted, impostor] = await Promise.all([serve(certificates), serve(certificates.impostor)]);
  });

  afterAll(async () => {
    await Promise.all(
      [trusted, impostor].map(({ server }) => new Promise((resolve) => server.close(resolve))),
    );
    await rm(directory, { recursive: true, force: true });
  });

  it("is refused by Node's default trust: the run's root is in no store", async () => {
    expect(await post(trusted.url)).toBe('UNABLE_TO_GET_ISSUER_CERT_LOCALLY');
  });

  it('makes the run’s endpoints trusted, on top of the usual roots, and still refuses another root', async () => {
    const untrust = trustCertificate(certificates.caPem);
    try {
      expect(await post(trusted.url)).toBe('200');
      expect(await post(impostor.url)).toBe('UNABLE_TO_GET_ISSUER_CERT_LOCALLY');
    } finally {
      untrust();
    }
  });

  it('serves a chain of the shape AWS presents (leaf and intermediate), checked for its name too', async () => {
    const blocks = certificates.cert.match(/-----BEGIN CERTIFICATE-----/g) ?? [];
    const untrust = trustCertificate(certificates.caPem);
    try {
      expect(blocks).toHaveLength(2);
      expect(await post(trusted.url, 'dynamodb.us-east-1.amazonaws.com')).toBe(
        'ERR_TLS_CERT_ALTNAME_INVALID',
      );
    } finally {
      untrust();
    }
  });
});
