/** The fixtures as tests use them: Tencent's documented callbacks (shared with the bench), and unique ids. */
export {
  FIXTURES,
  FIXTURES_DIR,
  fixture,
  fixtureNames,
  loadFixture,
  recordingBody,
} from '../../fakes/fixtures';

let counter = 0;

/** A unique stream id, so tests sharing a table never see each other's items. */
export function uniqueStreamId(label = 'stream'): string {
  return `${label}-${process.pid}-${Date.now()}-${++counter}`;
}
