/*
 * Keeping secrets out of what the service stores, publishes and logs. One rule, from names:
 * a value is secret when the name it is held under (a key, a query parameter, a JSON member)
 * has a word that names a secret (`txSecret`, `api_key`, `accessToken`; see ./secret-names.ts).
 * The rule is applied to keys and values at any depth, and to the pairs inside every string.
 */
export { REDACTED } from './constants';
export { isSecretName } from './secret-names';
export { parseStreamParam } from './stream-param';
export { redactSecrets, type RedactionOptions } from './redact-secrets';
