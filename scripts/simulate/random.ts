/**
 * A small seeded generator (mulberry32): the same seed gives the same session, ids and sizes,
 * so payload builders are deterministic and their tests exact. Not for secrets.
 */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** In [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** `count` decimal digits, the first not 0. */
  digits(count: number): string {
    let text = String(this.int(1, 9));
    while (text.length < count) text += String(this.int(0, 9));
    return text;
  }

  /** `count` lowercase hex digits. */
  hex(count: number): string {
    let text = '';
    while (text.length < count) text += this.int(0, 15).toString(16);
    return text;
  }

  /** `count` characters of the URL-safe base64 alphabet. */
  base64url(count: number): string {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    let text = '';
    while (text.length < count) text += alphabet[this.int(0, 63)];
    return text;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)] as T;
  }
}
