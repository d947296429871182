import tls from 'node:tls';

/**
 * Makes this process trust one more root, on top of Node's own (bundled) roots, the way a Lambda
 * function trusts the roots that AWS's certificates chain to: every TLS client context made
 * without an explicit `ca` (the functions' agents, the AWS SDK's in the reference handler) gets
 * the usual root store plus `pem`. Runs in every measured process, before the handler loads.
 *
 * Why this and not the alternatives (compared by the time from start to the third answer of
 * HTTPS connections to a bench endpoint, on Node 20 and 24):
 * - this wrapper: close to the default store, i.e. the verification work Lambda does (Node
 *   builds its root store once, on the first connection, and checks the same RSA signatures, the
 *   dates and the name); the difference is a copy of the parsed store per connection
 *   (`addCACert` gives the context a store of its own) and the parse of one PEM;
 * - `NODE_EXTRA_CA_CERTS`: Node 20 then builds the whole store at start-up, before any code
 *   runs, which slows every process down, and Lambda sets none;
 * - an agent or request `ca` option: replaces the store, so every bundled root must be passed as
 *   PEM and is parsed again for every connection (the slowest by far), and the handler's code
 *   would have to be changed to take it;
 * - `tls.setDefaultCACertificates` (Node 24 only): parses every root from PEM at once, eagerly,
 *   and does not exist on 20.
 *
 * Verification stays on: a chain from another root fails (`npm run bench` checks it with an
 * impostor endpoint before measuring, on every Node it measures).
 *
 * Returns a function that puts Node's own back (for tests, which share the process).
 */
export function trustCertificate(pem: string): () => void {
  const createSecureContext = tls.createSecureContext;
  tls.createSecureContext = (options?: tls.SecureContextOptions) => {
    const secureContext = createSecureContext(options);
    if (options?.ca === undefined) {
      (secureContext.context as { addCACert: (pem: string) => void }).addCACert(pem);
    }
    return secureContext;
  };
  return () => {
    tls.createSecureContext = createSecureContext;
  };
}
