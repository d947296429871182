import { invalidValue } from './tencent-fault';

/** How a query wrote its times: Tencent answers in the same style. */
export type TimeStyle = { kind: 'utc' } | { kind: 'offset'; offset: string } | { kind: 'beijing' };

export interface QueryTime {
  ms: number;
  style: TimeStyle;
}

const ISO = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(Z|[+-]\d\d:\d\d)$/;
const BEIJING = /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)$/;
const BEIJING_OFFSET_MS = 8 * 3600_000;

/** `2018-12-29T19:00:00Z` only: what DescribeLiveStreamEventList documents. */
export function parseUtcTime(name: string, text: string): number {
  const match = ISO.exec(text);
  if (!match || match[7] !== 'Z') {
    throw invalidValue(`${name} must be a UTC time such as 2018-12-29T19:00:00Z, not "${text}".`);
  }
  return checked(name, text, Date.parse(text));
}

/**
 * `YYYY-MM-DDThh:mm:ssZ` (UTC, or with an offset) or `YYYY-MM-DD hh:mm:ss` (Beijing time): the
 * two formats DescribeCallbackRecordsList documents.
 */
export function parseQueryTime(name: string, text: string): QueryTime {
  const iso = ISO.exec(text);
  if (iso) {
    const zone = iso[7] ?? 'Z';
    return {
      ms: checked(name, text, Date.parse(text)),
      style: zone === 'Z' ? { kind: 'utc' } : { kind: 'offset', offset: zone },
    };
  }
  if (BEIJING.test(text)) {
    return {
      ms: checked(name, text, Date.parse(`${text.replace(' ', 'T')}+08:00`)),
      style: { kind: 'beijing' },
    };
  }
  throw invalidValue(
    `${name} must be YYYY-MM-DDThh:mm:ssZ (UTC) or YYYY-MM-DD hh:mm:ss (Beijing time), not "${text}".`,
  );
}

/** `2019-01-07T12:00:00Z`. */
export function formatUtc(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** `2019-01-07 20:00:00`: Beijing time (UTC+8), as Tencent writes CreateTime fields. */
export function formatBeijing(ms: number): string {
  return new Date(ms + BEIJING_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

export function formatInStyle(ms: number, style: TimeStyle): string {
  switch (style.kind) {
    case 'utc':
      return formatUtc(ms);
    case 'beijing':
      return formatBeijing(ms);
    case 'offset': {
      const sign = style.offset.startsWith('-') ? -1 : 1;
      const [hours, minutes] = style.offset.slice(1).split(':').map(Number);
      const shift = sign * ((hours ?? 0) * 60 + (minutes ?? 0)) * 60_000;
      return new Date(ms + shift).toISOString().slice(0, 19) + style.offset;
    }
  }
}

function checked(name: string, text: string, ms: number): number {
  if (Number.isNaN(ms)) throw invalidValue(`${name} is not a valid time: "${text}".`);
  return ms;
}
