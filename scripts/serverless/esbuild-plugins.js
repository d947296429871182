// @ts-check
/**
 * esbuild plugins for the deployed bundles (serverless.yml `custom.esbuild.plugins`).
 *
 * The AWS SDK's clients import their own package.json for one field, the version their
 * User-Agent header carries: bundled whole, each manifest brings its scripts and
 * devDependencies into the function's code, where nothing reads them. This serves the bundle each
 * client's manifest reduced to its name and version, which is all the SDK reads of it
 * (`packageInfo.version` in every client's runtimeConfig).
 */
const { readFile } = require('node:fs/promises');

/** @type {import('esbuild').Plugin} */
const sdkManifestsNameAndVersion = {
  name: 'sdk-manifests-name-and-version',
  setup(build) {
    build.onLoad({ filter: /[\\/]@aws-sdk[\\/][^\\/]+[\\/]package\.json$/ }, async ({ path }) => {
      const { name, version } = JSON.parse(await readFile(path, 'utf8'));
      return { contents: JSON.stringify({ name, version }), loader: 'json' };
    });
  },
};

module.exports = [sdkManifestsNameAndVersion];
