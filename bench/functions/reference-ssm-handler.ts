/**
 * The floor of the deployed key path: bench/functions/reference-handler.ts (the two AWS SDK clients alone,
 * one PutItem, one PutEvents) plus one SecureString read through Powertools Parameters, as the
 * callback reads its key when deployed (DESIGN.md, "AWS through the SDK"). Nothing else: no
 * logger, no validation, no signature check. Not deployed; bench/measure.ts bundles it as it
 * bundles the reference.
 */
import { getParameter } from '@aws-lambda-powertools/parameters/ssm';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { handler as putAndPublish } from './reference-handler';

export async function handler(
  event: APIGatewayProxyEventV2,
): Promise<APIGatewayProxyStructuredResultV2> {
  const key = await getParameter(process.env.CALLBACK_KEY_PARAMETER ?? '', { decrypt: true });
  if (!key) return { statusCode: 500, body: '{"code":500}' };
  return putAndPublish(event);
}
