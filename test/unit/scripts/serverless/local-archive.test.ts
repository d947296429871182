import LocalArchive from '../../../../scripts/serverless/local-archive';

type Fn = { environment?: Record<string, unknown> };

/** The slice of osls the plugin uses, around `functions`. */
function fakeServerless(functions: Record<string, Fn>) {
  class ServerlessError extends Error {}
  return {
    service: {
      getAllFunctions: () => Object.keys(functions),
      getFunction: (name: string) => functions[name] as Fn,
    },
    classes: { Error: ServerlessError },
  };
}

const archiveFunction = (): Fn => ({
  environment: {
    POWERTOOLS_SERVICE_NAME: 'svc-local-archive',
    ARCHIVE_BUCKET: { Ref: 'ArchiveBucket' },
    VOD_HOTLINK_KEY_PARAMETER: '/svc/local/vod-hotlink-key',
  },
});

describe('the local-archive osls plugin', () => {
  it('acts under serverless offline only, never when packaging or deploying', () => {
    const plugin = new LocalArchive(fakeServerless({}));

    expect(Object.keys(plugin.hooks).sort()).toEqual([
      'before:offline:start',
      'before:offline:start:init',
    ]);
  });

  it("gives the archive function the local S3's bucket and drops the hotlink key's parameter", () => {
    const functions = {
      archiveRecording: archiveFunction(),
      callback: { environment: { A: 'b' } },
    };
    const plugin = new LocalArchive(fakeServerless(functions));

    plugin.useLocalBucket({ LOCAL_ARCHIVE_BUCKET: 'recordings-archive' });

    expect(functions.archiveRecording.environment).toEqual({
      POWERTOOLS_SERVICE_NAME: 'svc-local-archive',
      ARCHIVE_BUCKET: 'recordings-archive',
    });
    expect(functions.callback.environment).toEqual({ A: 'b' });
  });

  it('leaves a bucket named by a string as it is, so a second hook changes nothing', () => {
    const functions = { archiveRecording: { environment: { ARCHIVE_BUCKET: 'mine', X: '1' } } };
    const plugin = new LocalArchive(fakeServerless(functions));

    plugin.useLocalBucket({ LOCAL_ARCHIVE_BUCKET: 'recordings-archive' });

    expect(functions.archiveRecording.environment).toEqual({ ARCHIVE_BUCKET: 'mine', X: '1' });
  });

  it('refuses to start the archive offline without a local bucket, saying to use npm start', () => {
    const plugin = new LocalArchive(fakeServerless({ archiveRecording: archiveFunction() }));

    expect(() => plugin.useLocalBucket({})).toThrow(
      /functions\.archiveRecording copies into a bucket of the stack, .*run it with `npm start`/,
    );
  });
});
