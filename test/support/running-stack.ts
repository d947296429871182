import { writeLocalState, type LocalStackState } from '../../scripts/local/state';

/**
 * Writes the state file of a running `npm start` into `file`, with this process standing in for
 * it (so it counts as running): the local stage's names, and what the test's own servers replace.
 * The commands find "the local stack" through this file alone.
 */
export async function writeRunningStack(
  file: string,
  stack: Partial<LocalStackState> & Pick<LocalStackState, 'urls'>,
): Promise<void> {
  await writeLocalState(
    {
      pid: process.pid,
      stage: 'local',
      tableName: 'tencent-css-recordings-local-recordings',
      eventsTableName: 'tencent-css-recordings-local-events',
      eventBusName: 'tencent-css-recordings-local',
      ...stack,
    },
    file,
  );
}
