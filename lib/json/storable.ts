import { ExactNumber } from './exact-number';
import type { JsonValue } from './json';

/**
 * DynamoDB's own limits on what an attribute may hold. A payload that breaks one would make the
 * write fail with a ValidationException, which would look like an outage (5xx, retried forever)
 * instead of the sender's mistake it is; so values are checked before they reach the table.
 */
const MAX_DEPTH = 30; // DynamoDB allows 32 levels of nesting; the item itself is one.
const MAX_MAGNITUDE = 1e125; // DynamoDB's limit is just under 1e126.
const MIN_MAGNITUDE = 1e-130;

/** Why `value` cannot be stored as it is, or `undefined` when it can. */
export function unstorableReason(value: unknown, depth = 0): string | undefined {
  if (depth > MAX_DEPTH) return `is nested more than ${MAX_DEPTH} levels deep`;
  switch (typeof value) {
    case 'string':
      return value.isWellFormed() ? undefined : 'is not valid Unicode';
    case 'boolean':
      return undefined;
    case 'number': {
      const magnitude = Math.abs(value);
      if (!Number.isFinite(value) || magnitude > MAX_MAGNITUDE)
        return 'is a number too large to store';
      return magnitude !== 0 && magnitude < MIN_MAGNITUDE
        ? 'is a number too small to store'
        : undefined;
    }
    case 'object': {
      if (value === null) return undefined;
      // Up to 38 digits by construction (exact-number.ts); only the magnitude can be out of range.
      if (value instanceof ExactNumber) return unstorableReason(value.valueOf(), depth);
      if (Array.isArray(value)) {
        for (const item of value) {
          const reason = unstorableReason(item, depth + 1);
          if (reason) return reason;
        }
        return undefined;
      }
      for (const [key, item] of Object.entries(value)) {
        if (key === '') return 'has an empty key';
        // JavaScript gives this name a special meaning: the SDK's serialiser turns it into a
        // prototype and DynamoDB receives an empty value. No real callback uses it.
        if (key === '__proto__') return 'has a key named __proto__';
        if (!key.isWellFormed()) return 'has a key that is not valid Unicode';
        const reason = unstorableReason(item, depth + 1);
        if (reason) return reason;
      }
      return undefined;
    }
    default:
      return 'is not a JSON value';
  }
}

export function isStorable(value: unknown): value is JsonValue {
  return unstorableReason(value) === undefined;
}
