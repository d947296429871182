import { recordingKind } from '../../events/recording/kind';
import type { TableLayout } from '../dynamodb-record-store';

/**
 * The service's tables. Each one's keys and indexes are defined once, in the JSON file beside
 * this one, which both serverless.yml (deployed) and the local stack (`npm start`, the tests) read.
 */
export function recordingsTable(tableName: string): TableLayout {
  return {
    tableName,
    label: 'recordings',
    keyAttributes: ['stream_id', 'file_id'],
    identify: recordingKind.identify,
  };
}
