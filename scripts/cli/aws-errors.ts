/**
 * An AWS SDK failure in a person's words: what was being done, why it failed, what to do. Used by
 * the commands that read the deployed stack, never by the functions.
 */
export function awsFailure(doing: string, region: string, error: unknown): string {
  return `Could not ${doing} in ${region}: ${awsReason(error)}`;
}

/**
 * An AWS SDK failure no command put in words of its own (the SDK's errors carry `$metadata`; a
 * missing credential is the credential chain's error): one line, or undefined for any other error.
 */
export function awsFailureLine(error: unknown): string | undefined {
  const sdk =
    typeof error === 'object' &&
    error !== null &&
    ('$metadata' in error || (error as { name?: unknown }).name === 'CredentialsProviderError');
  return sdk ? `AWS: ${awsReason(error)}` : undefined;
}

function awsReason(error: unknown): string {
  const name = (error as { name?: string }).name ?? 'Error';
  const message = error instanceof Error ? error.message : String(error);
  if (name === 'CredentialsProviderError' || /credential/i.test(message)) {
    return (
      `no AWS credentials (${message}). ` +
      'Set AWS_PROFILE or the AWS_* variables for the account, as for npm run deploy'
    );
  }
  if (/AccessDenied|UnauthorizedOperation|not authorized/i.test(`${name} ${message}`)) {
    return `AWS refused (${name}: ${message}). Use credentials allowed to, as for npm run deploy`;
  }
  if (/ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN|socket hang up/i.test(message)) {
    return `AWS is unreachable (${message}). Check the network, or --region`;
  }
  if (name === 'ResourceNotFoundException') {
    return `${name}: ${message} (is the stage deployed? check --stage and --region)`;
  }
  return `${name}: ${message}`;
}

/** The endpoint override of the AWS SDK's own variables, for local servers and tests. */
export function awsEndpoint(
  env: Record<string, string | undefined>,
  service: 'SSM' | 'CLOUDFORMATION' | 'S3' | 'SQS',
): { endpoint?: string } {
  const endpoint = env[`AWS_ENDPOINT_URL_${service}`] ?? env.AWS_ENDPOINT_URL;
  return endpoint ? { endpoint } : {};
}
