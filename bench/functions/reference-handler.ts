/**
 * The cold-start reference point: "the two AWS SDK v3 clients alone, bundled and minified,
 * serving one callback". Both clients with their default configuration, one PutItem and one
 * PutEvents, and nothing else: no logger, no validation, no signature check. Not deployed;
 * bench/measure.ts bundles it twice (the SDK's ES module build and its CommonJS build) and
 * measures it as it measures the callback, so the report shows the floor measured in the same run.
 */
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

const dynamoDb = new DynamoDBClient();
const eventBridge = new EventBridgeClient();

export async function handler(
  event: APIGatewayProxyEventV2,
): Promise<APIGatewayProxyStructuredResultV2> {
  const body = event.body ?? '{}';
  const { stream_id, file_id } = JSON.parse(body) as { stream_id: string; file_id: string };
  await dynamoDb.send(
    new PutItemCommand({
      TableName: process.env.TABLE_NAME,
      Item: { stream_id: { S: stream_id }, file_id: { S: file_id } },
    }),
  );
  await eventBridge.send(
    new PutEventsCommand({
      Entries: [
        {
          EventBusName: process.env.EVENT_BUS_NAME,
          Source: 'tencentcloud.css',
          DetailType: 'Recording File Created',
          Detail: body,
        },
      ],
    }),
  );
  return { statusCode: 200, body: '{"code":0}' };
}
