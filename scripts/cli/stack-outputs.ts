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

/** How to deploy a stage, as a person types it. */
export function deployCommand(stage: string, region: string, params: string[] = []): string {
  return [`npm run deploy -- --stage ${stage} --region ${region}`, ...params].join(' ');
}

/**
 * Every output of the stage's stack (OutputKey to OutputValue), with the shell's AWS credentials.
 * A stack that does not exist fails with what to do; `otherwise` adds what the caller could do
 * instead (`or pass --url`).
 */
export async function deployedStackOutputs(
  stage: string,
  region: string,
  env: Record<string, string | undefined>,
  otherwise?: string,
): Promise<Record<string, string>> {
  const name = stackName(stage);
  const client = new CloudFormationClient({ region, ...awsEndpoint(env, 'CLOUDFORMATION') });
  try {
    const { Stacks = [] } = await client.send(new DescribeStacksCommand({ StackName: name }));
    return Object.fromEntries(
      (Stacks[0]?.Outputs ?? []).flatMap(({ OutputKey, OutputValue }) =>
        OutputKey && OutputValue ? [[OutputKey, OutputValue]] : [],
      ),
    );
  } catch (error) {
    if (/does not exist/i.test((error as Error).message ?? '')) {
      throw new CliError(
        `Stack ${name} does not exist in ${region}: deploy it first ` +
          `(${deployCommand(stage, region)})${otherwise ? `, ${otherwise}` : ''}`,
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

/**
 * The `CallbackUrl` output of the stage's stack, with the shell's AWS credentials. A stack that
 * does not exist, or has no such output, fails with what to do.
 */
export async function deployedCallbackUrl(
  stage: string,
  region: string,
  env: Record<string, string | undefined>,
): Promise<string> {
  const outputs = await deployedStackOutputs(stage, region, env, 'or pass --url');
  const url = outputs[CALLBACK_URL_OUTPUT];
  if (!url) {
    throw new CliError(
      `Stack ${stackName(stage)} in ${region} has no ${CALLBACK_URL_OUTPUT} output: deploy this version ` +
        `(${deployCommand(stage, region)}), or pass --url`,
    );
  }
  return url;
}
