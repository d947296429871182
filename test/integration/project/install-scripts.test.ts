import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { PROJECT_DIR, readManifest } from '../../support/project';

/*
 * A fresh `npm install` prints no install-script warning: every installed package with an
 * install script is approved or denied in package.json's allowScripts (docs/local.md says why
 * each). A dependency that brings a new one fails here until someone decides about it.
 */
describe('the install scripts', () => {
  it('are each approved or denied in package.json, so npm install has none to warn about', async () => {
    const { stdout } = await promisify(execFile)('npm', ['install-scripts', 'ls', '--json'], {
      cwd: PROJECT_DIR,
    });

    expect(JSON.parse(stdout)).toEqual({ allowScripts: [] });
  });

  it('run only for the native tools that check their own binary: esbuild and swc', () => {
    const manifest = readManifest();

    expect(manifest.allowScripts).toEqual({
      esbuild: true,
      '@swc/core': true,
      'classic-level': false,
      '@parcel/watcher': false,
      'es5-ext': false,
    });
  });
});
