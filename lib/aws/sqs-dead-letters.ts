import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import type { DeadLetter, DeadLetterQueue } from '../archive/backfill';
import { ArchiveStorageError } from '../archive/errors';
import { clientConfig, type ClientOverrides } from './clients';

/** A person's command, not a function: generous, and long-polled for a second at most. */
const SQS_BUDGET = { maxAttempts: 3, connectionTimeoutMs: 3000, requestTimeoutMs: 30_000 };
const WAIT_SECONDS = 1;
/** How long a message taken for archiving stays hidden from other drains. */
const VISIBILITY_SECONDS = 900;
/**
 * A dry run's: long enough to list each message once, short enough to change nothing (nothing
 * consumes this queue but a drain).
 */
const PEEK_SECONDS = 30;

/** The archive's dead-letter queue over the SDK's SQS client. */
export class SqsDeadLetters implements DeadLetterQueue {
  private readonly client: SQSClient;

  constructor(
    private readonly queueUrl: string,
    client?: SQSClient,
    overrides: ClientOverrides = {},
  ) {
    this.client = client ?? new SQSClient(clientConfig(SQS_BUDGET, overrides));
  }

  async receive(max: number, { peek = false } = {}): Promise<DeadLetter[]> {
    const { Messages = [] } = await this.send(() =>
      this.client.send(
        new ReceiveMessageCommand({
          QueueUrl: this.queueUrl,
          MaxNumberOfMessages: max,
          WaitTimeSeconds: WAIT_SECONDS,
          VisibilityTimeout: peek ? PEEK_SECONDS : VISIBILITY_SECONDS,
        }),
      ),
    );
    return Messages.map((message) => ({
      id: message.MessageId ?? '',
      body: message.Body ?? '',
      receipt: message.ReceiptHandle ?? '',
    }));
  }

  async delete(letter: DeadLetter): Promise<void> {
    await this.send(() =>
      this.client.send(
        new DeleteMessageCommand({ QueueUrl: this.queueUrl, ReceiptHandle: letter.receipt }),
      ),
    );
  }

  async release(letter: DeadLetter): Promise<void> {
    await this.send(() =>
      this.client.send(
        new ChangeMessageVisibilityCommand({
          QueueUrl: this.queueUrl,
          ReceiptHandle: letter.receipt,
          VisibilityTimeout: 0,
        }),
      ),
    );
  }

  private async send<Output>(request: () => Promise<Output>): Promise<Output> {
    try {
      return await request();
    } catch (error) {
      throw new ArchiveStorageError('the dead-letter queue could not be read', { cause: error });
    }
  }
}
