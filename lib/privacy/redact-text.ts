import { REDACTED } from './constants';
import { readUnit, type Unit } from './escapes';
import { isSecretName } from './secret-names';

/*
 * The rule for text: inside any string, a `name=value` pair (a query string, a URL, a form body)
 * or a `"name": value` pair (JSON held in a string) whose name is secret-bearing has its value
 * replaced by "[redacted]"; everything else is kept character for character.
 *
 * The text is read once, left to right, one unit at a time (see ./escapes.ts), so pairs are found
 * at any level of escaping: `token%3Dabc` in a URL passed as a parameter of another URL, or
 * `\"txSecret\":\"abc\"` in JSON held in a JSON string. No position is read more than a few
 * times and nothing backtracks (the one regular expression is a single character class): the cost
 * is linear in the length of the text, whatever a sender puts in it.
 */

/** Strings without one of these characters hold no pair: the common case costs one scan. */
const MAY_HOLD_PAIR = /[=%"\\]/;

/** Characters of a query parameter's name besides letters and digits (`[]`: `auth[token]=`). */
const NAME_PUNCTUATION = new Set(['_', '.', '~', '-', '[', ']']);

function isNameChar(char: string): boolean {
  return (
    (char >= 'a' && char <= 'z') ||
    (char >= 'A' && char <= 'Z') ||
    (char >= '0' && char <= '9') ||
    NAME_PUNCTUATION.has(char)
  );
}

/** Characters that end a query parameter's value, when encoded no deeper than its `=`. */
const QUERY_VALUE_ENDS = new Set(['&', ';', '#', '"', "'", '<', '>', ' ', '\t', '\n', '\r']);
/** Characters that end a JSON scalar (a number, `true`, `null`). */
const JSON_SCALAR_ENDS = new Set([',', '}', ']', '"', ' ', '\t', '\n', '\r', '&']);
const WHITESPACE = new Set([' ', '\t', '\n', '\r']);

interface Quote {
  /** Where the text after the quote starts. */
  end: number;
  unit: Unit;
  /** The quote as written (`"`, `\"`, `%22`), used to quote a redacted non-string value. */
  written: string;
}

/**
 * `text` with the value of every secret-bearing pair in it replaced by {@link REDACTED}.
 * An empty value is kept: it hides nothing. A JSON value that is not a string (a number, an
 * object) becomes the string `"[redacted]"`, so JSON stays JSON.
 */
export function redactText(text: string): string {
  if (!MAY_HOLD_PAIR.test(text)) return text;
  let redacted = '';
  let copied = 0;
  let nameStart = -1;
  let quote: Quote | undefined;

  const replace = (start: number, end: number, replacement: string) => {
    redacted += text.slice(copied, start) + replacement;
    copied = end;
  };

  let at = 0;
  while (at < text.length) {
    const unit = readUnit(text, at);
    const next = at + unit.width;

    if (isNameChar(unit.char)) {
      if (nameStart < 0) nameStart = at;
      at = next;
      continue;
    }

    if (unit.char === '=' && nameStart >= 0 && isSecretName(text.slice(nameStart, at))) {
      const end = queryValueEnd(text, next, unit.percentLevel);
      if (end > next) replace(next, end, REDACTED);
      nameStart = -1;
      quote = undefined;
      at = end;
      continue;
    }

    if (unit.char === '"') {
      const valueStart = quote ? afterColon(text, next) : -1;
      if (quote && valueStart >= 0 && isSecretName(text.slice(quote.end, at))) {
        const end = redactJsonValue(text, valueStart, quote, replace);
        nameStart = -1;
        quote = undefined;
        at = end;
        continue;
      }
      // Not the end of a secret name: perhaps the start of one.
      quote = { end: next, unit, written: text.slice(at, next) };
    }

    nameStart = -1;
    at = next;
  }
  return copied === 0 ? text : redacted + text.slice(copied);
}

/** Where a query parameter's value that starts at `start` ends. */
function queryValueEnd(text: string, start: number, percentLevel: number): number {
  let at = start;
  while (at < text.length) {
    const unit = readUnit(text, at);
    // `%26` inside a value whose `=` was written plain is part of the value, not its end.
    if (QUERY_VALUE_ENDS.has(unit.char) && unit.percentLevel <= percentLevel) return at;
    at += unit.width;
  }
  return at;
}

/** The start of a JSON value after optional whitespace, a colon and whitespace; -1 if no colon. */
function afterColon(text: string, start: number): number {
  let at = start;
  let colon = false;
  while (at < text.length) {
    const unit = readUnit(text, at);
    if (unit.char === ':' && !colon) colon = true;
    else if (!WHITESPACE.has(unit.char)) break;
    at += unit.width;
  }
  return colon ? at : -1;
}

/**
 * Redacts the JSON value at `start`, written inside quotes like `name`'s, and returns where the
 * scan goes on: at a string's closing quote (which may open the next name), after anything else.
 */
function redactJsonValue(
  text: string,
  start: number,
  name: Quote,
  replace: (start: number, end: number, replacement: string) => void,
): number {
  if (start >= text.length) return start;
  const first = readUnit(text, start);
  const quoted = name.written + REDACTED + name.written;

  if (first.char === '"') {
    const contentStart = start + first.width;
    const end = stringEnd(text, contentStart, first.backslashes);
    if (end > contentStart) replace(contentStart, end, REDACTED);
    return end;
  }
  if (first.char === '{' || first.char === '[') {
    const end = containerEnd(text, start, name.unit.backslashes);
    replace(start, end, quoted);
    return end;
  }
  let end = start;
  while (end < text.length) {
    const unit = readUnit(text, end);
    if (JSON_SCALAR_ENDS.has(unit.char)) break;
    end += unit.width;
  }
  if (end > start) replace(start, end, quoted);
  return end;
}

/**
 * Where a JSON string whose opening quote had `backslashes` backslashes ends: at the next quote
 * escaped no more deeply (a more deeply escaped one is inside the string), or the end of text.
 */
function stringEnd(text: string, start: number, backslashes: number): number {
  let at = start;
  while (at < text.length) {
    const unit = readUnit(text, at);
    if (unit.char === '"' && unit.backslashes <= backslashes) return at;
    at += unit.width;
  }
  return at;
}

/** Where the JSON object or array at `start` ends (just after its closing bracket), or text's end. */
function containerEnd(text: string, start: number, backslashes: number): number {
  let depth = 0;
  let at = start;
  while (at < text.length) {
    const unit = readUnit(text, at);
    at += unit.width;
    if (unit.char === '"' && unit.backslashes <= backslashes) {
      at = stringEnd(text, at, unit.backslashes);
      if (at < text.length) at += readUnit(text, at).width;
    } else if (unit.char === '{' || unit.char === '[') {
      depth++;
    } else if (unit.char === '}' || unit.char === ']') {
      depth--;
      if (depth === 0) return at;
    }
  }
  return at;
}
