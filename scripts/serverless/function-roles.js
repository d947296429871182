'use strict';
// A local osls plugin (serverless.yml `plugins`): every function that names no `role` gets a role
// of its own, `<Function>Role`, that may write its own log group (and X-Ray traces when tracing
// is on) and nothing else. Why: osls's default role is one role for all such functions, with
// every log group of the stack (`/aws/lambda/<service>-<stage>*`); a subscriber copied from the
// example should get exactly what the example has, without a role to copy and rename by hand.
// Functions that need more (the table, the bus, a queue) keep naming a role of their own.
//
// Plain JavaScript: osls requires plugins with Node's own loader, before any TypeScript loader.

/** What a function may have that a logs-only role cannot serve: it must name a role of its own. */
const NEEDS_MORE = {
  vpc: 'a VPC (network interfaces)',
  destinations: 'destinations',
  onError: 'a dead-letter target (onError)',
  fileSystemConfig: 'a file system',
};
/** Event sources that Lambda polls with the function's role. */
const POLLED_EVENTS = ['sqs', 'stream', 'kafka', 'msk', 'activemq', 'rabbitmq'];

class FunctionRoles {
  /** @param {any} serverless */
  constructor(serverless) {
    this.serverless = serverless;
    this.hooks = {
      // Before osls decides whether it needs its default role: with a role on every function,
      // it creates none.
      'before:package:setupProviderConfiguration': () => this.addRoles(),
    };
  }

  addRoles() {
    const { service } = this.serverless;
    const { provider } = service;
    const naming = this.serverless.getProvider('aws').naming;
    const resources = provider.compiledCloudFormationTemplate.Resources;
    const ownResources = (service.resources && service.resources.Resources) || {};
    const providerRole = provider.role || (provider.iam && provider.iam.role);
    // A provider-wide role (or statements for the default role) is the service's own choice.
    if (providerRole || provider.iamRoleStatements || provider.iamManagedPolicies) return;

    for (const name of service.getAllFunctions()) {
      const fn = service.getFunction(name);
      if (fn.role) continue;
      const reason = needsMore(fn);
      if (reason) {
        throw new this.serverless.classes.Error(
          `functions.${name} names no role, so it gets one that may only write its own logs ` +
            `(scripts/serverless/function-roles.js), but it has ${reason}: give it a role of its ` +
            'own (`role: <Name>Role` and the role under resources, as the callback has).',
        );
      }
      const roleId = `${naming.getNormalizedFunctionName(name)}Role`;
      if (resources[roleId] || ownResources[roleId]) {
        throw new this.serverless.classes.Error(
          `functions.${name} names no role, and the resource ${roleId} that would be its role ` +
            `already exists: name it in the function (role: ${roleId}) or rename the resource.`,
        );
      }
      resources[roleId] = roleOf(name, fn, naming, provider);
      fn.role = roleId;
    }
  }
}

/** @returns {string | undefined} */
function needsMore(fn) {
  for (const [property, what] of Object.entries(NEEDS_MORE)) if (fn[property]) return what;
  const polled = (fn.events || [])
    .flatMap((event) => Object.keys(event))
    .find((type) => POLLED_EVENTS.includes(type));
  return polled && `an ${polled} event (Lambda reads it with the function's role)`;
}

function roleOf(name, fn, naming, provider) {
  const statements = [];
  if (!fn.disableLogs) {
    statements.push({
      Effect: 'Allow',
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      // The log group's ARN ends in `:*`: it covers the group's streams, and no other group.
      Resource: { 'Fn::GetAtt': [naming.getLogGroupLogicalId(name), 'Arn'] },
    });
  }
  if (fn.tracing || (provider.tracing && provider.tracing.lambda)) {
    // X-Ray accepts no resource narrower than *; this is telemetry, not data.
    statements.push({
      Effect: 'Allow',
      Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'],
      Resource: '*',
    });
  }
  return {
    Type: 'AWS::IAM::Role',
    Properties: {
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'lambda.amazonaws.com' },
            Action: 'sts:AssumeRole',
          },
        ],
      },
      Policies:
        statements.length > 0
          ? [{ PolicyName: name, PolicyDocument: { Version: '2012-10-17', Statement: statements } }]
          : [],
    },
  };
}

module.exports = FunctionRoles;
