import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Polls `condition` until it holds or `timeoutMs` has passed: a generous deadline, so a busy
 * machine only makes a test slower, never makes it fail. Returns whether it held; a test then
 * asserts what it needs, and the assertion says what is missing.
 */
export async function waitUntil(
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 60_000,
  intervalMs = 50,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return true;
    if (Date.now() > deadline) return false;
    await sleep(intervalMs);
  }
}
