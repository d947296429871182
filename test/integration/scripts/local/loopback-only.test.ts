import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { projectPath } from '../../../support/project';

const PRELOAD = projectPath('scripts', 'local', 'loopback-only.js');

/**
 * The address a server gets from `listen(<args>)` in a Node process with the preload of the
 * local stack's `serverless offline` (scripts/local/loopback-only.js).
 */
async function addressWithPreload(listenArgs: string): Promise<string> {
  const script = `
    const server = require('node:net').createServer();
    server.listen(${listenArgs});
    server.on('listening', () => {
      const address = server.address();
      console.log(typeof address === 'string' ? address : address.address);
      server.close();
    });`;
  const { stdout } = await promisify(execFile)(process.execPath, [
    '--require',
    PRELOAD,
    '-e',
    script,
  ]);
  return stdout.trim();
}

describe('the loopback-only preload of the local stack', () => {
  it.each([
    ['listen()', ''],
    ['listen(port)', '0'],
    ['listen(port, callback)', '0, () => {}'],
    ['listen(port, backlog, callback)', '0, 511, () => {}'],
    ['listen(callback)', '() => {}'],
    ['listen({ port })', '{ port: 0 }'],
  ])('puts a server given no address on 127.0.0.1: %s', async (_form, args) => {
    expect(await addressWithPreload(args)).toBe('127.0.0.1');
  });

  it.each([
    ['listen(port, host)', "0, '127.0.0.2'"],
    ['listen({ port, host })', "{ port: 0, host: '127.0.0.2' }"],
  ])('leaves an address given on purpose alone: %s', async (_form, args) => {
    expect(await addressWithPreload(args)).toBe('127.0.0.2');
  });

  it('leaves a Unix socket alone', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'loopback-only-'));
    try {
      const path = join(dir, 'server.sock');

      expect(await addressWithPreload(JSON.stringify(path))).toBe(path);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
