import { describeArchiveRecordsContract } from '../../support/archive-records-contract';
import { InMemoryArchiveRecords } from '../../support/in-memory-archive';

// The fake the unit tests use is held to the same contract as the DynamoDB adapter.
describeArchiveRecordsContract('InMemoryArchiveRecords', async () => {
  const records = new InMemoryArchiveRecords();
  return {
    records,
    add: async (recording) => records.add(recording),
    replace: async (recording) => records.replace(recording.key),
  };
});
