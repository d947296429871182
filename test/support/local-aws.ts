import { captureOutput } from './capture-output';
import { startLocalDynamoDb, type LocalDynamoDb } from '../../fakes/dynamodb';
import { TEST_KEY, type ServiceEnvironment } from './load-handler';
import { createTestTable } from './local-dynamodb';
import {
  startLocalEventBridge,
  type LocalEventBridge,
  type PutEventsEntry,
} from '../../fakes/eventbridge';

export interface LocalAws {
  db: LocalDynamoDb;
  bus: LocalEventBridge;
  /** A fresh recordings table for the test file. */
  tableName: string;
  /** What the current test wrote to stdout/stderr (the handlers' log lines). */
  output: ReturnType<typeof captureOutput>;
}

/**
 * The real local servers an integration test file talks to, started once per file and stopped
 * after it: dynalite with a fresh table, and the local PutEvents server (back to accepting before
 * each test). Each test's output is captured: log lines are read, and searched for secrets.
 */
export function useLocalAws(): LocalAws {
  const aws = {} as LocalAws;
  beforeAll(async () => {
    [aws.db, aws.bus] = await Promise.all([startLocalDynamoDb(), startLocalEventBridge()]);
    aws.tableName = await createTestTable(aws.db);
  });
  afterAll(async () => {
    await Promise.all([aws.db?.stop(), aws.bus?.stop()]);
  });
  beforeEach(() => {
    aws.bus.behaviour = 'accept';
    aws.bus.release();
    delete aws.bus.refuseEntry;
    delete aws.bus.invalidEntry;
    aws.output = captureOutput();
  });
  afterEach(() => aws.output.restore());
  return aws;
}

/** What `loadHandler` gives a handler on the file's local AWS: its table, its bus and a callback key. */
export function handlerEnvironment(aws: LocalAws, callbackKey = TEST_KEY): ServiceEnvironment {
  return {
    tableName: aws.tableName,
    dynamoDbEndpoint: aws.db.endpoint,
    eventBridgeEndpoint: aws.bus.endpoint,
    callbackKey,
  };
}

/** The entries the bus accepted for one stream. */
export function eventsOfStream(bus: LocalEventBridge, streamId: string): PutEventsEntry[] {
  return bus.accepted.filter((entry) =>
    entry.Detail?.includes(`"stream_id":${JSON.stringify(streamId)}`),
  );
}
