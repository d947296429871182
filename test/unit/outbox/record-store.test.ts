import { describeRecordingStoreContract } from '../../support/recording-store-contract';
import { InMemoryRecordingStore } from '../../support/in-memory-recording-store';

// lib/outbox/record-store.ts is the port; this checks that the fake the other unit tests rely on
// behaves as the port documents (the DynamoDB adapter runs the same suite in integration tests).
describeRecordingStoreContract('InMemoryRecordingStore', () => new InMemoryRecordingStore());
