/**
 * The AWS SDK for JavaScript warns, in seven lines, once per process and per worker thread, that
 * its releases after the first week of January 2027 require Node.js 22: through `npm test` (one
 * per test file that builds a client) and `npm start` (one per handler worker) that repeats a
 * dozen times. It is true, and worth one line, once: the deployed functions run on Node 24 in
 * Lambda, and package-lock.json pins SDK versions that run on Node 20 for the tests and the local
 * stack; the line says what it means here. `npm run bench` gives every measured process the SDK's
 * switch, so none is timed writing a warning Lambda's Node 24 never prints. The SDK's own switch
 * (`AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true`, given in the SDK's announcement,
 * aws/aws-sdk-js-v3#7983) silences the repeats.
 */

export const SDK_NODE_WARNING_SWITCH = 'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED';
/** The oldest Node.js that AWS SDK releases after the first week of January 2027 run on. */
export const SDK_MINIMUM_NODE_MAJOR = 22;

/** The one line for people on a Node.js older than the SDK's coming minimum; else undefined. */
export function nodeVersionNotice(version: string = process.version): string | undefined {
  const major = Number(/^v(\d+)\./.exec(version)?.[1]);
  if (!(major < SDK_MINIMUM_NODE_MAJOR)) return undefined;
  return (
    `Note: Node.js ${version} runs this project's tests and local stack with the AWS SDK ` +
    'versions package-lock.json pins (Lambda runs the deployed functions on Node 24), but SDK releases ' +
    `after early January 2027 need Node.js ${SDK_MINIMUM_NODE_MAJOR} or later: ` +
    'use 22 or later before updating them.'
  );
}

/**
 * On a Node.js older than the SDK's coming minimum, turns the SDK's repeated warning off in `env`
 * (so in every process and thread started with it), unless `env` already says otherwise, and
 * returns {@link nodeVersionNotice}'s line to print once instead. On a newer Node.js it changes
 * nothing: a warning the SDK might add later for that version shows as the SDK prints it.
 */
export function replaceSdkNodeWarning(
  env: Record<string, string | undefined> = process.env,
  version: string = process.version,
): string | undefined {
  const notice = nodeVersionNotice(version);
  if (notice) env[SDK_NODE_WARNING_SWITCH] ??= 'true';
  return notice;
}
