/** What SigV4 signs with: a role's temporary credentials carry a session token. */
export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/**
 * The credentials Lambda hands every function in its environment (the role's, refreshed by Lambda
 * for the container's life), read on each signature so nothing stale is kept. The local stack and
 * the tests set the same variables. The SDK's default chain (profiles, SSO, STS, instance
 * metadata) never gets past its first link in Lambda, so functions do without it; the commands a
 * person runs pass it in (`scripts/cli/target.ts`).
 */
export function credentialsFromEnvironment(env: NodeJS.ProcessEnv = process.env): AwsCredentials {
  const { AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey } = env;
  if (!accessKeyId || !secretAccessKey) {
    throw new Error(
      'Environment variables AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are required (Lambda sets them; set dummy values for local servers)',
    );
  }
  const sessionToken = env.AWS_SESSION_TOKEN;
  return { accessKeyId, secretAccessKey, ...(sessionToken && { sessionToken }) };
}
