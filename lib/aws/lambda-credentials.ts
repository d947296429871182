import { fromEnv } from '@aws-sdk/credential-provider-env';

/**
 * Replaces `@aws-sdk/credential-provider-node` in the deployed bundles (an esbuild `alias` in
 * serverless.yml). Lambda always hands a function its role's credentials in environment
 * variables, so the SDK's default chain (profiles, SSO, STS web identity, container and instance
 * metadata: 70 KB of the callback's bundle) never gets past its first link there. The local stack
 * sets the same variables.
 */
export const defaultProvider: typeof fromEnv = (init) => fromEnv(init);
