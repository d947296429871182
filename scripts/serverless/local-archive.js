'use strict';
// A local osls plugin (serverless.yml `plugins`), active under `serverless offline` only (npm
// start); deploying and packaging never run its hooks. The archive function's bucket is a
// CloudFormation reference (`ARCHIVE_BUCKET: !Ref ArchiveBucket`), which nothing resolves locally:
// serverless-offline would hand the handler "[object Object]". npm start names the local S3's
// bucket in LOCAL_ARCHIVE_BUCKET, and this puts it in place. The VOD hotlink key's parameter goes:
// there is no SSM locally, and the simulator's local VOD serves unsigned URLs.
//
// Listed before serverless-offline-aws-eventbridge: that plugin builds its subscribers' Lambdas in
// the same `before:` hook, from the functions as they are when it runs.
//
// Plain JavaScript: osls requires plugins with Node's own loader, before any TypeScript loader.

class LocalArchive {
  /** @param {any} serverless */
  constructor(serverless) {
    this.serverless = serverless;
    const apply = () => this.useLocalBucket(process.env);
    this.hooks = {
      'before:offline:start': apply,
      'before:offline:start:init': apply,
    };
  }

  /** @param {Record<string, string | undefined>} env */
  useLocalBucket(env) {
    const { service } = this.serverless;
    for (const name of service.getAllFunctions()) {
      const fn = service.getFunction(name);
      const environment = fn.environment || {};
      if (!('ARCHIVE_BUCKET' in environment) || typeof environment.ARCHIVE_BUCKET === 'string') {
        continue;
      }
      const bucket = (env.LOCAL_ARCHIVE_BUCKET || '').trim();
      if (!bucket) {
        throw new this.serverless.classes.Error(
          `functions.${name} copies into a bucket of the stack, which does not exist locally: ` +
            'run it with `npm start`, which starts a local S3 and names its bucket in LOCAL_ARCHIVE_BUCKET.',
        );
      }
      const { VOD_HOTLINK_KEY_PARAMETER: _parameter, ...rest } = environment;
      fn.environment = { ...rest, ARCHIVE_BUCKET: bucket };
    }
  }
}

module.exports = LocalArchive;
