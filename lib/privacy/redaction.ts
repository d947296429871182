export const REDACTED = '[redacted]';

/** `txSecret`, and any name that says it holds a secret, token, signature, key or password. */
const SECRET_NAME = /secret|token|sign|key|passw|pwd/i;

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/**
 * Parses `stream_param` (the push URL's query string) into a map, with secret-bearing values
 * replaced by {@link REDACTED}: the push secret must never reach the table or the bus.
 * A repeated name keeps its last value, as most servers read query strings.
 */
export function parseStreamParam(query: string): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(query.replace(/^\?/, ''))) {
    if (name === '' || name === '__proto__') continue; // cannot be stored (see storable.ts)
    // defineProperty, not assignment: a parameter named __proto__ must stay a plain entry.
    Object.defineProperty(params, name, {
      value: isSecretName(name) ? REDACTED : value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return params;
}
