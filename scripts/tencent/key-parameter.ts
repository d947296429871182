import { randomInt } from 'node:crypto';
import {
  GetParameterCommand,
  ParameterAlreadyExists,
  ParameterNotFound,
  PutParameterCommand,
  SSMClient,
} from '@aws-sdk/client-ssm';
import { awsEndpoint, awsFailure } from '../cli/aws-errors';
import { SERVICE_NAME } from '../cli/target';
import { CliError } from '../cli/errors';

/** `/tencent-css-recordings/<stage>/callback-key`: serverless.yml's `callbackKeyParameter`. */
export function keyParameterName(stage: string): string {
  return `/${SERVICE_NAME}/${stage}/callback-key`;
}

const KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export const GENERATED_KEY_LENGTH = 32;

/**
 * A new callback key: 32 letters and digits (the longest Tencent takes), each drawn uniformly by
 * node:crypto, about 190 bits.
 */
export function generateCallbackKey(): string {
  let key = '';
  for (let i = 0; i < GENERATED_KEY_LENGTH; i++)
    key += KEY_ALPHABET[randomInt(KEY_ALPHABET.length)];
  return key;
}

/** The SecureString that holds a deployed stage's callback key(s), comma-separated. */
export interface KeyParameter {
  name: string;
  /** Its value, decrypted; undefined when it does not exist. */
  read(): Promise<string | undefined>;
  /** Creates it; false when it exists already (it is never overwritten). */
  create(value: string): Promise<boolean>;
}

/** The stage's key parameter in SSM, with the shell's AWS credentials. */
export function ssmKeyParameter(
  stage: string,
  region: string,
  env: Record<string, string | undefined>,
): KeyParameter {
  const name = keyParameterName(stage);
  const withClient = async <T>(doing: string, use: (client: SSMClient) => Promise<T>) => {
    const client = new SSMClient({ region, ...awsEndpoint(env, 'SSM') });
    try {
      return await use(client);
    } catch (error) {
      if (error instanceof CliError) throw error;
      throw new CliError(awsFailure(doing, region, error), { cause: error });
    } finally {
      client.destroy();
    }
  };
  return {
    name,
    read: () =>
      withClient(`read SSM parameter ${name}`, async (client) => {
        try {
          const { Parameter } = await client.send(
            new GetParameterCommand({ Name: name, WithDecryption: true }),
          );
          return Parameter?.Value;
        } catch (error) {
          if (error instanceof ParameterNotFound) return undefined;
          throw error;
        }
      }),
    create: (value) =>
      withClient(`store SSM parameter ${name}`, async (client) => {
        try {
          await client.send(
            new PutParameterCommand({
              Name: name,
              Value: value,
              Type: 'SecureString',
              Overwrite: false,
              Description:
                'Tencent CSS callback key(s), comma-separated (npm run tencent -- setup)',
            }),
          );
          return true;
        } catch (error) {
          if (error instanceof ParameterAlreadyExists) return false;
          throw error;
        }
      }),
  };
}
