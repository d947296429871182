/** What a secret is replaced by, wherever it was: a value, a query parameter, a JSON member. */
export const REDACTED = '[redacted]';
