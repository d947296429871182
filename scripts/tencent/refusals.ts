import { TencentApiError, TencentError } from '../../lib/tencent';
import { CliError } from '../cli/errors';

/** What to do about some of Tencent's refusals, by code. */
const TENCENT_HINTS: Record<string, string> = {
  'InternalError.ConfOutLimit':
    'Tencent holds 50 callback templates, its limit: delete one you no longer use (CSS console, Live Stream Callback)',
  'InvalidParameter.DomainFormatError': 'check --domain',
  'ResourceNotFound.DomainNotExist': 'add the push domain to CSS first, or check --domain',
  'InvalidParameter.InvalidCallbackUrl': 'check --url',
  'InvalidParameter.UrlNotSafe':
    'Tencent refuses callback URLs of private addresses: wire a deployed stage, or pass --url',
  'InternalError.RuleAlreadyExist': 'the domain was bound meanwhile: run the command again',
  'FailedOperation.ConfInUsed': 'another push path uses the template: unbind it first',
};

/**
 * One line for a failure of the wiring a person can act on, with what to do about Tencent's
 * refusals that name an option or a limit; undefined for anything else.
 */
export function wiringFailureLine(error: unknown): string | undefined {
  if (error instanceof CliError) return error.message;
  if (error instanceof TencentApiError) {
    const hint = TENCENT_HINTS[error.code];
    return hint ? `${error.message}: ${hint}` : error.message;
  }
  if (error instanceof TencentError) return error.message;
  return undefined;
}

/** A failure in the wiring's words: a CliError carrying {@link wiringFailureLine}'s line. */
export function explained(error: unknown): unknown {
  if (error instanceof CliError) return error;
  const line = wiringFailureLine(error);
  return line === undefined ? error : new CliError(line, { cause: error });
}

/** A failure after some changes were made: the line says so, and how to finish. */
export function partly(error: unknown, applied: number, finish: string): unknown {
  if (applied === 0) return explained(error);
  const line = wiringFailureLine(error);
  if (line === undefined) return error;
  return new CliError(`${line} (the changes above are made: ${finish})`, { cause: error });
}
