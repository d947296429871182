import { replaceSdkNodeWarning } from '../../scripts/cli/node-version';

/**
 * Once per `npm test`, before any test file runs: the AWS SDK's Node-version warning becomes one
 * line here, instead of one per test file (the test workers, and every process a test starts,
 * inherit the switch).
 */
export default function globalSetup(): void {
  const notice = replaceSdkNodeWarning();
  if (notice) console.log(`\n${notice}`);
}
