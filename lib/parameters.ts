/**
 * Reads a secret parameter's decrypted value (an SSM SecureString when deployed): `undefined`
 * when no such parameter exists, so a caller can tell "not configured" from "unreachable" (which
 * throws). The SSM adapter, `./aws/ssm-parameter-reader.ts`, implements it; tests serve it from a
 * local server or a function.
 */
export type ParameterReader = (name: string) => Promise<string | undefined>;
