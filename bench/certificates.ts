import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

/**
 * The certificates the bench's endpoints serve, made at run time with the `openssl` command
 * (none is committed, none outlives the run's scratch directory).
 *
 * The chain has the shape of the one DynamoDB, EventBridge and SSM present, so a measured process
 * does the same verification work as in Lambda: a leaf (RSA 2048, SHA-256) issued by an
 * intermediate (RSA 2048) that the server sends with it, issued by a root (RSA 2048) the client
 * trusts; the client checks two signatures, the validity dates and the host name (an IP address
 * here: the endpoints listen on 127.0.0.1). AWS's endpoints present the same structure:
 * `*.amazonaws.com` ← "Amazon RSA 2048 M0x" ← "Amazon Root CA 1", all RSA 2048.
 *
 * An impostor chain (the same shape, from another root nobody trusts) backs the check that the
 * measured processes really verify: a connection to it must fail.
 */
export interface BenchCertificates {
  /** The root a measured process trusts (PEM), and its file. */
  caPem: string;
  caFile: string;
  /** The server's key and its chain (leaf + intermediate), PEM. */
  key: string;
  cert: string;
  /** A chain for 127.0.0.1 from a root no process trusts. */
  impostor: { key: string; cert: string };
}

const run = promisify(execFile);
const DAYS = '2';

/** Makes a root, an intermediate and a leaf for 127.0.0.1 under `directory`, and an impostor. */
export async function makeCertificates(directory: string): Promise<BenchCertificates> {
  await mkdir(directory, { recursive: true });
  const openssl = async (...args: string[]) => {
    try {
      await run('openssl', args, { cwd: directory });
    } catch (error) {
      const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
      throw new Error(
        missing
          ? 'the bench serves its endpoints over TLS and needs the openssl command to make their certificates (apt-get install openssl)'
          : `openssl ${args[0]} failed: ${(error as { stderr?: string }).stderr ?? String(error)}`,
        { cause: error },
      );
    }
  };
  await writeFile(
    join(directory, 'ca.ext'),
    'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n',
  );
  await writeFile(
    join(directory, 'leaf.ext'),
    'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\n' +
      'extendedKeyUsage=serverAuth\nsubjectAltName=IP:127.0.0.1,DNS:localhost\n',
  );

  const chain = async (name: string) => {
    const file = (suffix: string) => `${name}-${suffix}`;
    // prettier-ignore
    await openssl(
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-sha256', '-days', DAYS,
      '-keyout', file('root.key'), '-out', file('root.pem'),
      '-subj', `/CN=${name} bench root`,
      '-addext', 'basicConstraints=critical,CA:TRUE',
      '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
    );
    for (const [subject, issuer, extensions] of [
      ['intermediate', 'root', 'ca.ext'],
      ['leaf', 'intermediate', 'leaf.ext'],
    ] as const) {
      // prettier-ignore
      await openssl(
        'req', '-newkey', 'rsa:2048', '-nodes', '-sha256',
        '-keyout', file(`${subject}.key`), '-out', file(`${subject}.csr`),
        '-subj', subject === 'leaf' ? '/CN=127.0.0.1' : `/CN=${name} bench ${subject}`,
      );
      // prettier-ignore
      await openssl(
        'x509', '-req', '-sha256', '-days', DAYS, '-in', file(`${subject}.csr`),
        '-CA', file(`${issuer}.pem`), '-CAkey', file(`${issuer}.key`), '-set_serial', String(Date.now()),
        '-extfile', extensions, '-out', file(`${subject}.pem`),
      );
    }
    const read = (suffix: string) => readFile(join(directory, file(suffix)), 'utf8');
    return {
      rootPem: await read('root.pem'),
      rootFile: join(directory, file('root.pem')),
      key: await read('leaf.key'),
      cert: (await read('leaf.pem')) + (await read('intermediate.pem')),
    };
  };

  const [trusted, impostor] = await Promise.all([chain('trusted'), chain('impostor')]);
  return {
    caPem: trusted.rootPem,
    caFile: trusted.rootFile,
    key: trusted.key,
    cert: trusted.cert,
    impostor: { key: impostor.key, cert: impostor.cert },
  };
}
