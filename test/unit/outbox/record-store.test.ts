import { describeRecordStoreContract } from '../../support/record-store-contract';
import { InMemoryRecordStore } from '../../support/in-memory-record-store';

// lib/outbox/record-store.ts is the port; this checks that the fake the other unit tests rely on
// behaves as the port documents (the DynamoDB adapter runs the same suite in integration tests).
describeRecordStoreContract('InMemoryRecordStore', () => new InMemoryRecordStore());
