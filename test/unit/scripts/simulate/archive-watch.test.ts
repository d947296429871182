import { archiveWatch, sameStack } from '../../../../scripts/simulate/archive-watch';
import type { LocalStackState } from '../../../../scripts/local/state';

const state = (archive?: LocalStackState['archive']): LocalStackState => ({
  pid: 1,
  stage: 'local',
  tableName: 't',
  eventsTableName: 'e',
  eventBusName: 'b',
  urls: { callback: 'http://localhost:3000/callback' },
  ...(archive && { archive }),
});
const ARCHIVE = { bucket: 'recordings-archive', s3Url: 'http://127.0.0.1:4569' };

describe('sameStack', () => {
  it.each([
    ['http://localhost:3000/callback', true],
    ['http://127.0.0.1:3000/callback', true],
    ['http://127.0.0.1:3001/callback', false],
    ['https://abc.execute-api.us-east-1.amazonaws.com/callback', false],
  ])('takes %s for the local stack at localhost:3000: %p', (url, expected) => {
    expect(sameStack(url, 'http://localhost:3000/callback')).toBe(expected);
  });
});

describe('archiveWatch', () => {
  it.each([
    [state(), 'http://localhost:3000/callback', 'not waited for: the local stack runs no archive'],
    [state(ARCHIVE), undefined, 'not waited for: no recording is sent'],
    [
      state(ARCHIVE),
      'https://abc.execute-api.us-east-1.amazonaws.com/callback',
      'not waited for: the recordings go to https://abc.execute-api.us-east-1.amazonaws.com/callback, not the local stack',
    ],
  ])('waits for nothing it cannot see (%#)', async (stack, url, plan) => {
    const watch = archiveWatch(stack, url, []);
    const out: string[] = [];

    expect(watch.plan).toBe(plan);
    expect(await watch.wait({ env: {}, out: (line) => out.push(line), err: () => {} })).toBe(true);
    expect(out).toEqual([]);
    watch.close();
  });

  it('waits for the local archive when the recordings go to the local stack', () => {
    const watch = archiveWatch(state(ARCHIVE), 'http://127.0.0.1:3000/callback', [], 60_000);

    expect(watch.plan).toBe(
      'the local stack copies each file into s3://recordings-archive/ (S3 at http://127.0.0.1:4569); ' +
        'waited for, up to 60 s after the last callback',
    );
    watch.close();
  });
});
