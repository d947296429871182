import type { CompletedPart } from './types';

/**
 * Cuts a stream into parts of `partSize` bytes (the last one shorter), after skipping `skip`
 * bytes. One part is filled at a time, and a part's memory is taken only once its first byte
 * arrives: with a consumer that uploads at most N parts at once, the copy holds at most N + 1.
 */
export async function* partsOf(
  body: AsyncIterable<Uint8Array>,
  partSize: number,
  skip = 0,
): AsyncGenerator<Buffer> {
  let part: Buffer | undefined;
  let filled = 0;
  let toSkip = skip;
  for await (const chunk of body) {
    let data = chunk;
    if (toSkip > 0) {
      const skipped = Math.min(toSkip, data.length);
      data = data.subarray(skipped);
      toSkip -= skipped;
    }
    while (data.length > 0) {
      part ??= Buffer.allocUnsafe(partSize);
      const taken = Math.min(partSize - filled, data.length);
      part.set(data.subarray(0, taken), filled);
      filled += taken;
      data = data.subarray(taken);
      if (filled === partSize) {
        yield part;
        part = undefined;
        filled = 0;
      }
    }
  }
  if (part !== undefined && filled > 0) yield part.subarray(0, filled);
}

/**
 * Moves the parts of `finished` that continue `parts` without a gap into it (parts finish out of
 * order; only an unbroken run from part 1 says how far the file is copied). True if it grew.
 */
export function extendContiguous(
  parts: CompletedPart[],
  finished: Map<number, CompletedPart>,
): boolean {
  const before = parts.length;
  for (let next = finished.get(parts.length + 1); next; next = finished.get(parts.length + 1)) {
    parts.push(next);
    finished.delete(next.number);
  }
  return parts.length > before;
}

export function bytesOf(parts: readonly { size: number }[]): number {
  return parts.reduce((sum, part) => sum + part.size, 0);
}
