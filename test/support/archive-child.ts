/**
 * Runs the archive function once, in a process of its own, so that a test can kill it half-way
 * (SIGKILL: no handler, no clean-up, as when Lambda stops an invocation). The environment is the
 * function's, set by the test; argv[2] is the `Recording File Created` event as JSON.
 */
import type { Context, EventBridgeEvent } from 'aws-lambda';
import { handler } from '../../handlers/archive-recording';
import { lambdaContext } from '../../fakes/http-api-event';

const context: Context = {
  ...lambdaContext('archiveRecording'),
  getRemainingTimeInMillis: () => 900_000,
};

const event = JSON.parse(process.argv[2] ?? '{}') as EventBridgeEvent<string, unknown>;

handler(event, context).then(
  (result) => {
    process.stdout.write(`${JSON.stringify(result)}\n`);
  },
  (error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exitCode = 1;
  },
);
