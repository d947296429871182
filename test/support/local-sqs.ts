import { createHash, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { close, listen } from '../../fakes/http';

export interface LocalSqs {
  endpoint: string;
  queueUrl: string;
  /** Messages in the queue, visible or not. */
  messages: { id: string; body: string; hiddenUntil: number; receipt?: string }[];
  send(body: string): void;
  stop(): Promise<void>;
}

/**
 * One SQS queue speaking the AWS JSON 1.0 protocol the SDK uses (ReceiveMessage with a visibility
 * timeout, DeleteMessage and ChangeMessageVisibility by receipt handle, the latest receive's
 * only), with MD5 of each body as SQS returns it (the SDK checks it).
 */
export async function startLocalSqs(): Promise<LocalSqs> {
  const messages: LocalSqs['messages'] = [];
  const server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    request.on('end', () => {
      const body = JSON.parse(text || '{}') as {
        MaxNumberOfMessages?: number;
        VisibilityTimeout?: number;
        ReceiptHandle?: string;
      };
      const answer = (status: number, payload: object) => {
        response.writeHead(status, { 'content-type': 'application/x-amz-json-1.0' });
        response.end(JSON.stringify(payload));
      };
      switch (request.headers['x-amz-target']) {
        case 'AmazonSQS.ReceiveMessage': {
          const now = Date.now();
          const taken = messages
            .filter((message) => message.hiddenUntil <= now)
            .slice(0, body.MaxNumberOfMessages ?? 1);
          for (const message of taken) {
            message.hiddenUntil = now + (body.VisibilityTimeout ?? 30) * 1000;
            message.receipt = randomUUID();
          }
          answer(200, {
            Messages: taken.map((message) => ({
              MessageId: message.id,
              ReceiptHandle: message.receipt,
              Body: message.body,
              MD5OfBody: createHash('md5').update(message.body).digest('hex'),
            })),
          });
          return;
        }
        case 'AmazonSQS.ChangeMessageVisibility': {
          const message = messages.find((each) => each.receipt === body.ReceiptHandle);
          if (message === undefined) {
            answer(400, {
              __type: 'com.amazonaws.sqs#ReceiptHandleIsInvalid',
              message: 'The input receipt handle is invalid.',
            });
            return;
          }
          message.hiddenUntil = Date.now() + (body.VisibilityTimeout ?? 0) * 1000;
          answer(200, {});
          return;
        }
        case 'AmazonSQS.DeleteMessage': {
          const index = messages.findIndex((message) => message.receipt === body.ReceiptHandle);
          if (index >= 0) messages.splice(index, 1);
          answer(200, {});
          return;
        }
        default:
          answer(400, { __type: 'com.amazonaws.sqs#InvalidAction', message: 'not served here' });
      }
    });
  });
  const endpoint = await listen(server);
  return {
    endpoint,
    queueUrl: `${endpoint}/123456789012/archive-dead-letters`,
    messages,
    send: (body) => messages.push({ id: randomUUID(), body, hiddenUntil: 0 }),
    stop: () => close(server),
  };
}
