import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { awsEndpoint, awsFailure } from './aws-errors';
import { SERVICE_NAME } from './target';
import { CliError } from './errors';

/** The deployed stack's callback URL: serverless.yml's `CallbackUrl` output. */
export const CALLBACK_URL_OUTPUT = 'CallbackUrl';

/** `tencent-css-recordings-<stage>`: the CloudFormation stack `npm run deploy` creates. */
export function stackName(stage: string): string {
  return `${SERVICE_NAME}-${stage}`;
}

/**
 * The `CallbackUrl` output of the stage's stack, with the shell's AWS credentials. A stack that
 * does not exist, or has no such output, fails with what to do.
 */
export async function deployedCallbackUrl(
  stage: string,
  region: string,
  env: Record<string, string | undefined>,
): Promise<string> {
  const name = stackName(stage);
  const client = new CloudFormationClient({ region, ...awsEndpoint(env, 'CLOUDFORMATION') });
  try {
    const { Stacks = [] } = await client.send(new DescribeStacksCommand({ StackName: name }));
    const url = Stacks[0]?.Outputs?.find(
      (output) => output.OutputKey === CALLBACK_URL_OUTPUT,
    )?.OutputValue;
    if (!url) {
      throw new CliError(
        `Stack ${name} in ${region} has no ${CALLBACK_URL_OUTPUT} output: deploy this version ` +
          `(npm run deploy -- --stage ${stage} --region ${region}), or pass --url`,
      );
    }
    return url;
  } catch (error) {
    if (error instanceof CliError) throw error;
    if (/does not exist/i.test((error as Error).message ?? '')) {
      throw new CliError(
        `Stack ${name} does not exist in ${region}: deploy it first ` +
          `(npm run deploy -- --stage ${stage} --region ${region}), or pass --url`,
        { cause: error },
      );
    }
    throw new CliError(awsFailure(`read the outputs of stack ${name}`, region, error), {
      cause: error,
    });
  } finally {
    client.destroy();
  }
}
