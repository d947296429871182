/**
 * Stands in for `@aws-sdk/credential-provider-node` in the deployed bundles (an esbuild `alias` in
 * serverless.yml): Lambda hands every function its role's credentials in environment variables,
 * so the SDK's default chain (profiles, SSO, STS web identity, container and instance metadata)
 * never gets past its first link there, yet loading it is about a fifth of the callback's code.
 * The local stack sets the same variables. The commands a person runs are not bundled with it,
 * and keep the whole chain.
 */
export { fromEnv as defaultProvider } from '@aws-sdk/credential-provider-env';
