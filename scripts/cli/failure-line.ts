import { TencentError } from '../../lib/tencent/errors';
import { awsFailureLine } from './aws-errors';
import { CliError } from './errors';

/**
 * The one line a command prints when what was asked failed, for the failures a person can act
 * on: its own (a {@link CliError}), Tencent's refusals (each names what to check: the credential's
 * variable, the clock, the network) and AWS's (credentials, permissions, a stage not deployed).
 * Undefined for anything else: a bug, shown with its stack.
 */
export function failureLine(error: unknown): string | undefined {
  if (error instanceof CliError || error instanceof TencentError) return error.message;
  return awsFailureLine(error);
}
