import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readFile, readdir, rm, stat, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const PROJECT = resolve(__dirname, '..', '..');
/**
 * What `serverless package` reads (`scripts/` for the project's own osls plugin), and what
 * `npm start` run from a copy loads besides (the fakes, the local Tencent); build output goes to
 * the copy, never into the project.
 */
const LINKED = [
  'package-lock.json',
  'tsconfig.json',
  'handlers',
  'lib',
  'node_modules',
  'scripts',
  'fakes',
  'local-tencent',
];
/** osls does not take a symlinked serverless.yml for a service directory: these are copied. */
const COPIED = ['serverless.yml', 'package.json'];

export interface PackagedService {
  /** The CloudFormation template `serverless deploy` would send. */
  template: CloudFormationTemplate;
  /** Function name -> path of its zip artifact. */
  artifacts: Record<string, string>;
  directory: string;
  remove(): Promise<void>;
}

export interface CloudFormationTemplate {
  Conditions?: Record<string, unknown>;
  Resources: Record<
    string,
    { Type: string; Properties?: Record<string, unknown>; [key: string]: unknown }
  >;
  Outputs?: Record<string, { Value: unknown; Export?: { Name: unknown }; Description?: string }>;
}

/**
 * Runs `serverless package` exactly as `npm run deploy` builds, in a scratch copy of the project
 * (symlinks), so it needs no AWS credentials and never races another build in the work tree.
 */
export async function packageService(
  stage = 'prod',
  region = 'us-east-1',
  params: Record<string, string> = {},
  {
    prepare,
  }: {
    /** Changes the scratch copy before it is packaged (a test adding a function, ...). */
    prepare?: (directory: string) => Promise<void>;
  } = {},
): Promise<PackagedService> {
  const directory = await scratchCopy('tencent-css-package-');
  await prepare?.(directory);
  const output = join(directory, '.serverless');
  try {
    await promisify(execFile)(
      process.execPath,
      [
        join(PROJECT, 'node_modules', 'serverless', 'bin', 'serverless.js'),
        'package',
        '--stage',
        stage,
        ...Object.entries(params).map(([name, value]) => `--param=${name}=${value}`),
        '--region',
        region,
      ],
      {
        cwd: directory,
        env: { ...process.env, SLS_TELEMETRY_DISABLED: '1' },
        maxBuffer: 16 * 1024 * 1024,
      },
    );
  } catch (error) {
    // A refused configuration leaves no scratch copy behind (osls says why on stdout).
    await rm(directory, { recursive: true, force: true });
    throw error;
  }
  const template = JSON.parse(
    await readFile(join(output, 'cloudformation-template-update-stack.json'), 'utf8'),
  ) as CloudFormationTemplate;
  const zips = (await readdir(output)).filter((name) => name.endsWith('.zip'));
  const artifacts = Object.fromEntries(
    zips.map((name) => [name.replace(/\.zip$/, ''), join(output, name)]),
  );
  return {
    template,
    artifacts,
    directory,
    remove: () => rm(directory, { recursive: true, force: true }),
  };
}

/**
 * A new temporary directory holding the project as osls sees it: the files it reads as symlinks
 * into the project, serverless.yml and package.json as copies. Removing it removes only the copy.
 */
export async function scratchCopy(prefix: string): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), prefix));
  await Promise.all([
    ...LINKED.map((name) => symlink(join(PROJECT, name), join(directory, name))),
    ...COPIED.map((name) => copyFile(join(PROJECT, name), join(directory, name))),
  ]);
  return directory;
}

export async function fileSize(path: string): Promise<number> {
  return (await stat(path)).size;
}
