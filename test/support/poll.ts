import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Resolves once `condition` holds, asking every 10 ms; rejects after `timeoutMs` (generous: a
 * deadline for a broken test, never the condition a test checks).
 */
export async function pollUntil(
  condition: () => boolean | Promise<boolean>,
  { timeoutMs = 10_000, what = 'the condition' }: { timeoutMs?: number; what?: string } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what} did not hold within ${timeoutMs} ms`);
    await sleep(10);
  }
}
