/**
 * The straightforward peer: the callback as a capable developer would first write it with the
 * usual libraries, measured beside the floors so the report shows what the service's own care
 * costs or saves. middy, zod (its full build), the DocumentClient, the EventBridge client,
 * Powertools Logger, and the key read through Powertools Parameters (cached, as deployed). It
 * checks the signature, but has none of the service's idempotent store, outbox, exact
 * numbers or redaction. Not deployed; bench/measure.ts bundles it as it bundles the floors.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { Logger } from '@aws-lambda-powertools/logger';
import { getParameter } from '@aws-lambda-powertools/parameters/ssm';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { z } from 'zod';

const logger = new Logger();
const documents = DynamoDBDocumentClient.from(new DynamoDBClient());
const eventBridge = new EventBridgeClient();

const Recording = z
  .object({
    event_type: z.coerce.number(),
    stream_id: z.string().min(1),
    file_id: z.string().min(1),
    video_url: z.string(),
    start_time: z.coerce.number(),
    end_time: z.coerce.number(),
    duration: z.coerce.number(),
    file_size: z.coerce.number(),
    sign: z.string(),
    t: z.coerce.number(),
  })
  .passthrough();

const answer = (statusCode: number): APIGatewayProxyStructuredResultV2 => ({
  statusCode,
  body: JSON.stringify({ code: statusCode === 200 ? 0 : statusCode }),
});

export const handler = middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>().handler(
  async (event) => {
    const parsed = Recording.safeParse(JSON.parse(event.body ?? '{}'));
    if (!parsed.success) return answer(400);
    const { sign, t, ...recording } = parsed.data;
    const key = await getParameter(process.env.CALLBACK_KEY_PARAMETER ?? '', {
      decrypt: true,
      maxAge: 300,
    });
    const expected = createHash('md5').update(`${key}${t}`).digest();
    const given = Buffer.from(sign, 'hex');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return answer(401);
    await documents.send(
      new PutCommand({
        TableName: process.env.TABLE_NAME,
        Item: { ...recording, received_at: new Date().toISOString() },
      }),
    );
    await eventBridge.send(
      new PutEventsCommand({
        Entries: [
          {
            EventBusName: process.env.EVENT_BUS_NAME,
            Source: 'tencentcloud.css',
            DetailType: 'Recording File Created',
            Detail: JSON.stringify(recording),
          },
        ],
      }),
    );
    logger.info('recording stored', { stream_id: recording.stream_id, file_id: recording.file_id });
    return answer(200);
  },
);
