import {
  nodeVersionNotice,
  replaceSdkNodeWarning,
  SDK_NODE_WARNING_SWITCH,
} from '../../../../scripts/cli/node-version';

describe('the Node.js version notice', () => {
  it('tells a Node 20 user, in one line, what the SDK warning means for this project', () => {
    const notice = nodeVersionNotice('v20.20.2');

    expect(notice).toBe(
      "Note: Node.js v20.20.2 runs this project's tests and local stack with the AWS SDK " +
        'versions package-lock.json pins (Lambda runs the deployed functions on Node 24), but SDK ' +
        'releases after early January 2027 need Node.js 22 or later: use 22 or later before ' +
        'updating them.',
    );
    expect(notice).not.toContain('\n');
  });

  it.each(['v22.0.0', 'v24.11.1', 'v26.1.0'])('says nothing on %s', (version) => {
    expect(nodeVersionNotice(version)).toBeUndefined();
  });

  it("turns the SDK's repeated warning off on Node 20, and returns the line to print once", () => {
    const env: Record<string, string | undefined> = {};

    const notice = replaceSdkNodeWarning(env, 'v20.20.2');

    expect(env[SDK_NODE_WARNING_SWITCH]).toBe('true');
    expect(notice).toBe(nodeVersionNotice('v20.20.2'));
  });

  it("leaves the SDK's switch as the user set it", () => {
    const env = { [SDK_NODE_WARNING_SWITCH]: 'false' };

    replaceSdkNodeWarning(env, 'v20.20.2');

    expect(env[SDK_NODE_WARNING_SWITCH]).toBe('false');
  });

  it('changes nothing on Node 22 or later: a later SDK warning would show', () => {
    const env: Record<string, string | undefined> = {};

    expect(replaceSdkNodeWarning(env, 'v24.11.1')).toBeUndefined();
    expect(env).toEqual({});
  });
});
