import FunctionRoles from '../../../../scripts/serverless/function-roles';

/** The slice of osls that the plugin uses, with osls's own naming of logical ids. */
function fakeServerless(functions: Record<string, Record<string, unknown>>, provider = {}) {
  const resources: Record<string, unknown> = {};
  const normalized = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);
  const serverless = {
    service: {
      provider: {
        tracing: { lambda: true },
        compiledCloudFormationTemplate: { Resources: resources },
        ...provider,
      },
      resources: { Resources: {} },
      getAllFunctions: () => Object.keys(functions),
      getFunction: (name: string) => functions[name],
    },
    getProvider: () => ({
      naming: {
        getNormalizedFunctionName: normalized,
        getLogGroupLogicalId: (name: string) => `${normalized(name)}LogGroup`,
      },
    }),
    classes: { Error },
  };
  return { plugin: new FunctionRoles(serverless), functions, resources };
}

describe('the function-roles osls plugin', () => {
  it('gives a function that names no role a role of its own: its log group and traces only', () => {
    const { plugin, functions, resources } = fakeServerless({
      mine: { handler: 'handlers/mine.handler' },
      callback: { handler: 'handlers/callback.handler', role: 'CallbackRole' },
    });

    plugin.addRoles();

    expect(functions.mine?.role).toBe('MineRole');
    expect(functions.callback?.role).toBe('CallbackRole');
    expect(Object.keys(resources)).toEqual(['MineRole']);
    expect(resources.MineRole).toMatchObject({
      Type: 'AWS::IAM::Role',
      Properties: {
        Policies: [
          {
            PolicyDocument: {
              Statement: [
                {
                  Effect: 'Allow',
                  Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
                  Resource: { 'Fn::GetAtt': ['MineLogGroup', 'Arn'] },
                },
                {
                  Effect: 'Allow',
                  Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'],
                  Resource: '*',
                },
              ],
            },
          },
        ],
      },
    });
  });

  it.each([
    ['an sqs event', { events: [{ sqs: { arn: 'arn:aws:sqs:us-east-1:1:q' } }] }, /an sqs event/],
    ['a VPC', { vpc: { subnetIds: ['s'] } }, /a VPC/],
    ['a dead-letter target', { onError: 'arn:aws:sns:us-east-1:1:t' }, /a dead-letter target/],
  ])('refuses a function without a role that has %s, saying to give it one', (_label, fn, what) => {
    const { plugin } = fakeServerless({ mine: { handler: 'h.handler', ...fn } });

    expect(() => plugin.addRoles()).toThrow(what);
    expect(() => plugin.addRoles()).toThrow(/functions\.mine .*give it a role of its own/);
  });

  it('refuses to overwrite a resource that already has the role name', () => {
    const { plugin, resources } = fakeServerless({ mine: { handler: 'h.handler' } });
    resources.MineRole = { Type: 'AWS::IAM::Role' };

    expect(() => plugin.addRoles()).toThrow(/the resource MineRole .* already exists/);
  });

  it('leaves everything to a role the provider names for every function', () => {
    const { plugin, functions, resources } = fakeServerless(
      { mine: { handler: 'h.handler' } },
      { iam: { role: 'arn:aws:iam::123456789012:role/shared' } },
    );

    plugin.addRoles();

    expect(functions.mine?.role).toBeUndefined();
    expect(resources).toEqual({});
  });
});
