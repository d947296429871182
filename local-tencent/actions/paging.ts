import { invalidValue } from '../tencent-fault';

export interface Page<T> {
  items: T[];
  PageNum: number;
  PageSize: number;
  TotalNum: number;
  TotalPage: number;
}

/** One page of `items`, pages numbered from 1, with Tencent's totals. */
export function page<T>(items: readonly T[], pageNum: number, pageSize: number): Page<T> {
  const start = (pageNum - 1) * pageSize;
  return {
    items: items.slice(start, start + pageSize),
    PageNum: pageNum,
    PageSize: pageSize,
    TotalNum: items.length,
    TotalPage: Math.ceil(items.length / pageSize),
  };
}

export function checkPaging(
  pageNum: number,
  pageSize: number,
  limits: { maxPageSize: number; maxEntries?: number },
): void {
  if (pageNum < 1) throw invalidValue('PageNum must be 1 or more.');
  if (pageSize < 1 || pageSize > limits.maxPageSize) {
    throw invalidValue(`PageSize must be from 1 to ${limits.maxPageSize}.`);
  }
  if (limits.maxEntries !== undefined && pageNum * pageSize > limits.maxEntries) {
    throw invalidValue(`Only the first ${limits.maxEntries} entries can be paged through.`);
  }
}

/** A 0/1 switch parameter. */
export function checkFlag(name: string, value: number | undefined): boolean {
  if (value === undefined || value === 0) return false;
  if (value === 1) return true;
  throw invalidValue(`${name} must be 0 or 1.`);
}
