import { bytesOf, extendContiguous, partsOf } from '../../../lib/archive/parts';
import type { CompletedPart } from '../../../lib/archive/types';

async function* chunks(...sizes: number[]) {
  let value = 0;
  for (const size of sizes) {
    yield Uint8Array.from({ length: size }, () => value++ % 256);
  }
}

async function collect(iterable: AsyncIterable<Buffer>): Promise<Buffer[]> {
  const out: Buffer[] = [];
  for await (const part of iterable) out.push(Buffer.from(part));
  return out;
}

it('cuts a stream into parts of a size, whatever its chunks, the last one shorter', async () => {
  const parts = await collect(partsOf(chunks(3, 7, 1, 12), 5));
  expect(parts.map((part) => part.length)).toEqual([5, 5, 5, 5, 3]);
  expect(Buffer.concat(parts)).toEqual(Buffer.from(Array.from({ length: 23 }, (_, i) => i)));
});

it('skips the bytes asked, then cuts', async () => {
  const parts = await collect(partsOf(chunks(4, 4, 4), 3, 5));
  expect(Buffer.concat(parts)).toEqual(Buffer.from([5, 6, 7, 8, 9, 10, 11]));
  expect(parts.map((part) => part.length)).toEqual([3, 3, 1]);
});

it('yields nothing for an empty stream', async () => {
  expect(await collect(partsOf(chunks(), 5))).toEqual([]);
});

const part = (number: number): CompletedPart => ({ number, etag: `"${number}"`, size: 10 });

it('grows the run of parts only with the next part in order', () => {
  const parts = [part(1)];
  const finished = new Map([3, 4].map((n) => [n, part(n)]));

  expect(extendContiguous(parts, finished)).toBe(false);
  finished.set(2, part(2));
  expect(extendContiguous(parts, finished)).toBe(true);
  expect(parts.map((p) => p.number)).toEqual([1, 2, 3, 4]);
  expect(finished.size).toBe(0);
  expect(bytesOf(parts)).toBe(40);
});
