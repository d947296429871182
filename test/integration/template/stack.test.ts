import Ajv from 'ajv';
import draft04 from 'ajv/lib/refs/json-schema-draft-04.json';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readZip } from '../../../scripts/build/zip';
import {
  DYNAMODB_BUDGET,
  EVENTBRIDGE_BUDGET,
  SSM_BUDGET,
  type ClientBudget,
} from '../../../lib/aws/clients';
import { EXPIRES_AT } from '../../../lib/aws/tables';
import { archivedEventDetail, busEventSink } from '../../../lib/archive/archived-event';
import { recordingToArchive } from '../../../lib/archive/recording';
import { recordingKind } from '../../../lib/events/kinds/recording';
import { PUBLISHED_EVENTS } from '../../../lib/events/published-events';
import { KINDS } from '../../../lib/events/registry';
import { parseJson, type JsonObject } from '../../../lib/json/json';
import METRICS from '../../../lib/metrics.json';
import eventsDefinition from '../../../lib/aws/tables/events.json';
import recordingsDefinition from '../../../lib/aws/tables/recordings.json';
import {
  packageService,
  type CloudFormationTemplate,
  type PackagedService,
} from '../../../scripts/build/package-service';
import { SCHEMAS_DIR } from '../../../scripts/docs/schemas';
import { addCopiedSubscriber, COPIED_SUBSCRIBER } from '../../support/copied-subscriber';
import { fakeEventPublisher } from '../../support/fake-event-publisher';
import { recordingBody } from '../../support/fixtures';
import { detailOf, eventOf, kindBody } from '../../support/kinds';
import { LOCAL_TIMEOUT_VARIABLE } from '../../../lib/aws/clients';

/*
 * The stack `npm run deploy` creates, proven on the CloudFormation that `serverless package`
 * generates (no AWS account needed): what a platform team checks before accepting it.
 */
const SECRET_MARKER = 'NotForTheTemplate9f3a';
/** Tencent gives up on an answer after 20 s, and retries a minute later. */
const TENCENT_WAIT_SECONDS = 20;
const FUNCTIONS = {
  callback: 'Callback',
  republish: 'Republish',
  reconcile: 'Reconcile',
  exampleSubscriber: 'ExampleSubscriber',
};
const DATA_ACTION = /^(dynamodb|events|ssm|kms|sqs|sns|s3):/;

type Statement = { Effect: string; Action: string[]; Resource: unknown; Condition?: unknown };

let packaged: PackagedService;
let withParams: PackagedService;
/** The project with a second subscriber, copied from the example as the README says. */
let withCopy: PackagedService;
let template: CloudFormationTemplate;

beforeAll(async () => {
  process.env.CALLBACK_KEY = SECRET_MARKER; // as if the deployer had a key in the shell
  [packaged, withParams, withCopy] = await Promise.all([
    packageService('prod'),
    packageService('prod', 'eu-west-1', {
      alarmEmail: 'ops@example.com',
      callbackKeyKmsKeyArn:
        'arn:aws:kms:eu-west-1:123456789012:key/11111111-2222-3333-4444-555555555555',
      archiveRetentionDays: '30',
    }),
    packageService('prod', 'us-east-1', {}, { prepare: addCopiedSubscriber }),
  ]);
  template = packaged.template;
}, 120_000);

afterAll(async () => {
  delete process.env.CALLBACK_KEY;
  await Promise.all([packaged?.remove(), withParams?.remove(), withCopy?.remove()]);
});

const withCopyTemplate = () => withCopy.template;
const resource = (name: string, from = template) => {
  const found = from.Resources[name];
  if (!found) throw new Error(`resource ${name} is not in the template`);
  return found;
};
const props = (name: string, from = template) => resource(name, from).Properties ?? {};
const ofType = (type: string, from = template) =>
  Object.entries(from.Resources).filter(([, value]) => value.Type === type);

function statementsOf(roleName: string, from = template): Statement[] {
  const policies = props(roleName, from).Policies as { PolicyDocument: { Statement: unknown[] } }[];
  return policies.flatMap((policy) =>
    policy.PolicyDocument.Statement.flatMap((statement) => {
      // A conditional statement: keep the branch taken when its condition is true.
      const conditional = (statement as { 'Fn::If'?: [string, Statement, unknown] })['Fn::If'];
      return conditional ? [conditional[1]] : [statement as Statement];
    }),
  );
}

function roleOf(functionKey: keyof typeof FUNCTIONS): string {
  return roleOfFunction(FUNCTIONS[functionKey]);
}

/** The role resource of the function whose resources are named `<logicalId>...`. */
function roleOfFunction(logicalId: string, from = template): string {
  const role = props(`${logicalId}LambdaFunction`, from).Role as {
    'Fn::GetAtt': [string, string];
  };
  return role['Fn::GetAtt'][0];
}

/** The EventBridge rules that target the function named `<logicalId>...`. */
function rulesTargeting(logicalId: string, from = template) {
  return ofType('AWS::Events::Rule', from)
    .map(([, rule]) => rule.Properties ?? {})
    .filter((rule) => JSON.stringify(rule.Targets).includes(`"${logicalId}LambdaFunction"`));
}

describe.each([
  ['recordings', 'RecordingsTable', recordingsDefinition, 'file_id'],
  ['events', 'EventsTable', eventsDefinition, 'event_key'],
] as const)('the %s table', (_name, logicalId, definition, sortKey) => {
  it('survives the stack: retained on delete and replace, deletion-protected', () => {
    expect(resource(logicalId)).toMatchObject({
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
    expect(props(logicalId).DeletionProtectionEnabled).toBe(true);
  });

  it('is on-demand, encrypted, with point-in-time recovery', () => {
    expect(props(logicalId)).toMatchObject({
      BillingMode: 'PAY_PER_REQUEST',
      SSESpecification: { SSEEnabled: true },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    });
  });

  it('has the keys and the sparse indexes (pending and parked records, records awaiting verification) the code and the local stack use (one definition)', () => {
    expect(props(logicalId)).toMatchObject({
      KeySchema: [
        { AttributeName: 'stream_id', KeyType: 'HASH' },
        { AttributeName: sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: definition.GlobalSecondaryIndexes,
      AttributeDefinitions: definition.AttributeDefinitions,
    });
    expect(definition.GlobalSecondaryIndexes.map((index) => index.IndexName)).toEqual([
      'pending-publish',
      'pending-verification',
    ]);
  });

  it('keeps its indexes lean, so a write pays one unit per index: keys, and the one attribute the republisher filters on', () => {
    expect(
      definition.GlobalSecondaryIndexes.map(({ IndexName, Projection }) => [IndexName, Projection]),
    ).toEqual([
      [
        'pending-publish',
        { ProjectionType: 'INCLUDE', NonKeyAttributes: ['publish_next_attempt_at'] },
      ],
      ['pending-verification', { ProjectionType: 'KEYS_ONLY' }],
    ]);
  });
});

describe('the events table', () => {
  it('expires the high-volume kinds by the attribute the code writes', () => {
    expect(props('EventsTable').TimeToLiveSpecification).toEqual({
      AttributeName: EXPIRES_AT,
      Enabled: true,
    });
  });

  it('is named to every function that reads it, with the retention of the high-volume kinds', () => {
    const environment = (
      props('CallbackLambdaFunction').Environment as { Variables: Record<string, unknown> }
    ).Variables;
    expect(environment).toMatchObject({
      EVENTS_TABLE_NAME: 'tencent-css-recordings-prod-events',
      HIGH_VOLUME_RETENTION_DAYS: '30',
    });
  });
});

describe('the bus', () => {
  it('is the service own bus, archived for replay with a configurable retention', () => {
    expect(props('EventBus').Name).toBe('tencent-css-recordings-prod');
    expect(props('EventBusArchive')).toMatchObject({
      SourceArn: { 'Fn::GetAtt': ['EventBus', 'Arn'] },
      RetentionDays: 90,
    });
    // CLI params arrive as strings; CloudFormation reads "30" as the integer 30.
    expect(Number(props('EventBusArchive', withParams.template).RetentionDays)).toBe(30);
  });

  it('routes every event of this bus, of every detail-type, to the example subscriber', () => {
    const rules = ofType('AWS::Events::Rule').filter(([, rule]) =>
      JSON.stringify(rule).includes('ExampleSubscriber'),
    );
    expect(rules).toHaveLength(1);
    const [, rule] = rules[0] as [string, { Properties: Record<string, unknown> }];
    expect(rule.Properties).toMatchObject({
      EventBusName: { Ref: 'EventBus' },
      Targets: [{ Arn: { 'Fn::GetAtt': ['ExampleSubscriberLambdaFunction', 'Arn'] } }],
    });
    expect(rule.Properties.EventPattern).toEqual({ source: ['tencentcloud.css'] });
  });
});

describe('least privilege', () => {
  it('gives every function a role of its own', () => {
    const roles = (Object.keys(FUNCTIONS) as (keyof typeof FUNCTIONS)[]).map(roleOf);

    expect(new Set(roles).size).toBe(roles.length);
    expect(template.Resources).not.toHaveProperty('IamRoleLambdaExecution');
  });

  it.each(Object.keys(FUNCTIONS) as (keyof typeof FUNCTIONS)[])(
    '%s: no data action on a * resource',
    (fn) => {
      const statements = statementsOf(roleOf(fn));
      const dataResources = statements
        .filter((statement) => statement.Action.some((action) => DATA_ACTION.test(action)))
        .map((statement) => JSON.stringify(statement.Resource));

      expect(dataResources.filter((resource) => /"\*"|:\*"|\/\*"/.test(resource))).toEqual([]);
      expect(
        statements
          .flatMap((statement) => statement.Action)
          .filter((action) => action.includes('*')),
      ).toEqual([]);
    },
  );

  it('callback: writes and reads the two tables, publishes to the bus, reads its key parameter; nothing else', () => {
    const statements = statementsOf(roleOf('callback'), template).filter(
      (statement) => !statement.Action.some((action) => /^(logs|xray):/.test(action)),
    );
    const noKms = statements.filter((statement) => !statement.Action.includes('kms:Decrypt'));

    expect(noKms).toEqual([
      {
        Effect: 'Allow',
        Action: ['dynamodb:PutItem', 'dynamodb:GetItem', 'dynamodb:UpdateItem'],
        Resource: [
          { 'Fn::GetAtt': ['RecordingsTable', 'Arn'] },
          { 'Fn::GetAtt': ['EventsTable', 'Arn'] },
        ],
      },
      {
        Effect: 'Allow',
        Action: ['events:PutEvents'],
        Resource: { 'Fn::GetAtt': ['EventBus', 'Arn'] },
      },
      {
        Effect: 'Allow',
        Action: ['ssm:GetParameter'],
        Resource: {
          'Fn::Sub':
            'arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/tencent-css-recordings/prod/callback-key',
        },
      },
    ]);
  });

  it('callback: may decrypt with a customer-managed key only when one is given, only for its parameter, only through SSM', () => {
    expect(template.Conditions?.HasCallbackKeyKmsKey).toEqual({
      'Fn::Not': [{ 'Fn::Equals': ['', ''] }],
    });
    const kms = statementsOf(roleOf('callback'), withParams.template).find((statement) =>
      statement.Action.includes('kms:Decrypt'),
    );

    expect(kms).toMatchObject({
      Resource: 'arn:aws:kms:eu-west-1:123456789012:key/11111111-2222-3333-4444-555555555555',
      Condition: {
        StringEquals: { 'kms:ViaService': { 'Fn::Sub': 'ssm.${AWS::Region}.amazonaws.com' } },
      },
    });
  });

  it('republish: queries only the pending indexes, updates the tables, publishes to the bus', () => {
    const actions = statementsOf(roleOf('republish')).flatMap((statement) => statement.Action);
    const query = statementsOf(roleOf('republish')).find((statement) =>
      statement.Action.includes('dynamodb:Query'),
    );

    expect(query?.Resource).toEqual([
      { 'Fn::Sub': '${RecordingsTable.Arn}/index/pending-publish' },
      { 'Fn::Sub': '${EventsTable.Arn}/index/pending-publish' },
    ]);
    expect(actions).not.toContain('dynamodb:PutItem');
    expect(actions).not.toContain('dynamodb:Scan');
    expect(actions).toContain('events:PutEvents');
  });

  it('reconcile: reads its Tencent key, reads and writes the tables, queries only the verification indexes, publishes', () => {
    const statements = statementsOf(roleOf('reconcile')).filter(
      (statement) => !statement.Action.some((action) => /^(logs|xray):/.test(action)),
    );

    expect(statements).toEqual([
      {
        Effect: 'Allow',
        Action: ['ssm:GetParameter'],
        Resource: {
          'Fn::Sub':
            'arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/tencent-css-recordings/prod/tencent-credentials',
        },
      },
      {
        Effect: 'Allow',
        Action: [
          'dynamodb:GetItem',
          'dynamodb:BatchGetItem',
          'dynamodb:PutItem',
          'dynamodb:UpdateItem',
          'dynamodb:DeleteItem',
        ],
        Resource: [
          { 'Fn::GetAtt': ['RecordingsTable', 'Arn'] },
          { 'Fn::GetAtt': ['EventsTable', 'Arn'] },
        ],
      },
      {
        Effect: 'Allow',
        Action: ['dynamodb:Query'],
        Resource: [
          { 'Fn::Sub': '${RecordingsTable.Arn}/index/pending-verification' },
          { 'Fn::Sub': '${EventsTable.Arn}/index/pending-verification' },
        ],
      },
      {
        Effect: 'Allow',
        Action: ['events:PutEvents'],
        Resource: { 'Fn::GetAtt': ['EventBus', 'Arn'] },
      },
    ]);
  });

  it('reconcile: runs hourly, with its Tencent key parameter named and no key in its environment', () => {
    const [, rule] =
      ofType('AWS::Events::Rule').find(([name]) => name.startsWith('Reconcile')) ?? [];
    const environment = (
      props('ReconcileLambdaFunction').Environment as { Variables: Record<string, unknown> }
    ).Variables;

    expect(rule?.Properties?.ScheduleExpression).toBe('rate(1 hour)');
    expect(environment).toMatchObject({
      TENCENT_CREDENTIALS_PARAMETER: '/tencent-css-recordings/prod/tencent-credentials',
      RECONCILE_LOOKBACK_HOURS: '48',
      UNVERIFIED_AFTER_HOURS: '6',
      TENCENT_REQUESTS_PER_SECOND: '15',
    });
    expect(JSON.stringify(environment)).not.toMatch(/TENCENTCLOUD_SECRET/);
    expect(props('ReconcileLambdaFunction').Timeout).toBe(900);
  });

  it('example subscriber: only writes its own logs (and traces)', () => {
    const actions = statementsOf(roleOf('exampleSubscriber')).flatMap(
      (statement) => statement.Action,
    );

    expect(actions.sort()).toEqual([
      'logs:CreateLogStream',
      'logs:PutLogEvents',
      'xray:PutTelemetryRecords',
      'xray:PutTraceSegments',
    ]);
    expect(statementsOf(roleOf('exampleSubscriber'))).toContainEqual({
      Effect: 'Allow',
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      Resource: { 'Fn::GetAtt': ['ExampleSubscriberLogGroup', 'Arn'] },
    });
  });
});

describe('a subscriber copied from the example as the README says', () => {
  const { logicalId, name } = COPIED_SUBSCRIBER;
  const copied = withCopyTemplate;

  it('is routed the events of the bus, as the example is', () => {
    const [example] = rulesTargeting('ExampleSubscriber', copied());

    expect(rulesTargeting(logicalId, copied())).toEqual([
      {
        ...example,
        Name: expect.stringContaining(name) as unknown,
        Targets: [
          {
            Arn: { 'Fn::GetAtt': [`${logicalId}LambdaFunction`, 'Arn'] },
            Id: expect.any(String) as unknown,
          },
        ],
      },
    ]);
    expect(example).toMatchObject({ EventBusName: { Ref: 'EventBus' } });
    expect(example?.EventPattern).toEqual({ source: ['tencentcloud.css'] });
    expect(props(`${logicalId}EventBridgeLambdaPermission1`, copied())).toMatchObject({
      Action: 'lambda:InvokeFunction',
      FunctionName: { 'Fn::GetAtt': [`${logicalId}LambdaFunction`, 'Arn'] },
      Principal: 'events.amazonaws.com',
    });
  });

  it('gets a role of its own that may write its own log group, and nothing the example may not', () => {
    const role = roleOfFunction(logicalId, copied());
    const exampleStatements = statementsOf(roleOfFunction('ExampleSubscriber', copied()), copied());
    const asTheExample = JSON.parse(
      JSON.stringify(exampleStatements).replaceAll(
        'ExampleSubscriberLogGroup',
        `${logicalId}LogGroup`,
      ),
    ) as Statement[];

    expect(statementsOf(role, copied())).toEqual(asTheExample);
    expect(statementsOf(role, copied())).toContainEqual({
      Effect: 'Allow',
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      Resource: { 'Fn::GetAtt': [`${logicalId}LogGroup`, 'Arn'] },
    });
    expect(props(`${logicalId}LogGroup`, copied())).toEqual({
      LogGroupName: `/aws/lambda/tencent-css-recordings-prod-${name}`,
      RetentionInDays: 30,
    });
  });

  it('leaves every function with a role of its own, and no shared default role', () => {
    const roles = [...Object.values(FUNCTIONS), logicalId].map((id) =>
      roleOfFunction(id, copied()),
    );

    expect(new Set(roles).size).toBe(roles.length);
    expect(copied().Resources).not.toHaveProperty('IamRoleLambdaExecution');
  });

  it('is packaged as a function of its own', () => {
    expect(Object.keys(withCopy.artifacts).sort()).toEqual(
      [...Object.keys(FUNCTIONS), name].sort(),
    );
  });
});

describe('functions', () => {
  it("keep the deployed AWS budgets: none has the local stack's longer timeout", () => {
    const functions = ofType('AWS::Lambda::Function');
    const variablesOf = ([, fn]: (typeof functions)[number]) =>
      (fn.Properties?.Environment as { Variables?: Record<string, unknown> } | undefined)
        ?.Variables ?? {};

    expect(functions.length).toBeGreaterThanOrEqual(4);
    expect(functions.filter((fn) => LOCAL_TIMEOUT_VARIABLE in variablesOf(fn))).toEqual([]);
  });

  it('run on Node 24 (arm64), traced, with timeouts inside Tencent 20 s for the callback', () => {
    for (const name of Object.values(FUNCTIONS)) {
      expect(props(`${name}LambdaFunction`)).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        TracingConfig: { Mode: 'Active' },
      });
    }
    expect(props('CallbackLambdaFunction')).toMatchObject({ Timeout: 18, MemorySize: 512 });
  });

  it("give the callback time for every client's budget, and answer before Tencent gives up", () => {
    // Per attempt, the request timeout (it runs from the request's start, connection included);
    // between attempts, the SDK's backoff ceiling when not throttled (100 ms × 2^retry).
    const worstMs = ({ maxAttempts, requestTimeoutMs }: ClientBudget) =>
      maxAttempts * requestTimeoutMs +
      Array.from({ length: maxAttempts - 1 }, (_, retry) => 100 * 2 ** (retry + 1)).reduce(
        (sum, ms) => sum + ms,
        0,
      );
    // The key read on a cold start, the table write, then a bus that never answers.
    const chain = [SSM_BUDGET, DYNAMODB_BUDGET, EVENTBRIDGE_BUDGET].map(worstMs);
    const total = chain.reduce((sum, ms) => sum + ms, 0);

    expect(total).toBeLessThan(Number(props('CallbackLambdaFunction').Timeout) * 1000);
    expect(Number(props('CallbackLambdaFunction').Timeout)).toBeLessThan(TENCENT_WAIT_SECONDS);
  });

  it('keep their logs 30 days', () => {
    for (const name of Object.values(FUNCTIONS)) {
      expect(props(`${name}LogGroup`).RetentionInDays).toBe(30);
    }
  });

  it('read the key from the parameter at run time: no key in the environment', () => {
    const environment = (
      props('CallbackLambdaFunction').Environment as { Variables: Record<string, unknown> }
    ).Variables;

    expect(environment).toMatchObject({
      TABLE_NAME: 'tencent-css-recordings-prod-recordings',
      EVENT_BUS_NAME: 'tencent-css-recordings-prod',
      CALLBACK_KEY_PARAMETER: '/tencent-css-recordings/prod/callback-key',
    });
    expect(environment).not.toHaveProperty('CALLBACK_KEY');
  });

  it('republish runs every 5 minutes', () => {
    const [, rule] =
      ofType('AWS::Events::Rule').find(([name]) => name.startsWith('Republish')) ?? [];
    expect(rule?.Properties?.ScheduleExpression).toBe('rate(5 minutes)');
  });
});

describe('the HTTP API', () => {
  it('routes POST /callback to the callback function, throttled', () => {
    expect(props('HttpApiRoutePostCallback').RouteKey).toBe('POST /callback');
    expect(props('HttpApiStage').DefaultRouteSettings).toEqual({
      ThrottlingRateLimit: 200,
      ThrottlingBurstLimit: 400,
    });
  });
});

describe('alarms', () => {
  it('watch callback 5xx answers, callback crashes, records left pending or parked, and the republisher', () => {
    const alarms = Object.fromEntries(
      ofType('AWS::CloudWatch::Alarm').map(([name, alarm]) => [name, alarm.Properties]),
    );

    expect(alarms).toMatchObject({
      CallbackServerErrorsAlarm: { Namespace: 'AWS/ApiGateway', MetricName: '5xx' },
      CallbackErrorsAlarm: { Namespace: 'AWS/Lambda', MetricName: 'Errors' },
      RecordsPendingAlarm: {
        Namespace: 'TencentCssRecordings',
        MetricName: 'OldestPendingAgeSeconds',
        Dimensions: [{ Name: 'service', Value: 'tencent-css-recordings-prod-republish' }],
      },
      RepublishErrorsAlarm: { Namespace: 'AWS/Lambda', MetricName: 'Errors' },
      CallbacksRecoveredAlarm: {
        Namespace: 'TencentCssRecordings',
        MetricName: 'ReconcileRecovered',
        Dimensions: [{ Name: 'service', Value: 'tencent-css-recordings-prod-reconcile' }],
      },
      RecordsUnverifiedAlarm: {
        Namespace: 'TencentCssRecordings',
        MetricName: 'RecordsUnverified',
        Dimensions: [{ Name: 'service', Value: 'tencent-css-recordings-prod-reconcile' }],
      },
      ReconcileErrorsAlarm: { Namespace: 'AWS/Lambda', MetricName: 'Errors' },
    });
    // Parked records, counted by both the callback and the republisher, each under its service.
    const parked = alarms.RecordsParkedAlarm as { Metrics: { MetricStat?: { Metric: unknown } }[] };
    expect(parked.Metrics.flatMap((metric) => metric.MetricStat?.Metric ?? [])).toEqual([
      {
        Namespace: 'TencentCssRecordings',
        MetricName: 'PublishParked',
        Dimensions: [{ Name: 'service', Value: 'tencent-css-recordings-prod-callback' }],
      },
      {
        Namespace: 'TencentCssRecordings',
        MetricName: 'PendingRecordsParked',
        Dimensions: [{ Name: 'service', Value: 'tencent-css-recordings-prod-republish' }],
      },
    ]);
    // The metric dimension the alarm watches is the service name the republisher logs under.
    const republishEnv = (
      props('RepublishLambdaFunction').Environment as { Variables: Record<string, unknown> }
    ).Variables;
    expect(republishEnv.POWERTOOLS_SERVICE_NAME).toBe('tencent-css-recordings-prod-republish');
  });

  it('notify an SNS topic (email) only when alarmEmail is given', () => {
    expect(resource('AlarmTopic')).toMatchObject({ Condition: 'HasAlarmEmail' });
    expect(template.Conditions?.HasAlarmEmail).toEqual({ 'Fn::Not': [{ 'Fn::Equals': ['', ''] }] });
    expect(props('AlarmTopic', withParams.template).Subscription).toEqual([
      { Protocol: 'email', Endpoint: 'ops@example.com' },
    ]);
    expect(props('CallbackServerErrorsAlarm').AlarmActions).toEqual({
      'Fn::If': ['HasAlarmEmail', [{ Ref: 'AlarmTopic' }], { Ref: 'AWS::NoValue' }],
    });
  });
});

describe('outputs', () => {
  it('print the callback URL and export the bus, the table and the URL for other stacks', () => {
    expect(template.Outputs).toMatchObject({
      CallbackUrl: { Export: { Name: 'tencent-css-recordings-prod-CallbackUrl' } },
      EventBusName: {
        Value: { Ref: 'EventBus' },
        Export: { Name: 'tencent-css-recordings-prod-EventBusName' },
      },
      EventBusArn: {
        Value: { 'Fn::GetAtt': ['EventBus', 'Arn'] },
        Export: { Name: 'tencent-css-recordings-prod-EventBusArn' },
      },
      RecordingsTableName: { Export: { Name: 'tencent-css-recordings-prod-RecordingsTableName' } },
    });
  });

  it('are all exported: ours as <service>-<stage>-<Output>, as the README promises, osls own with its sls- prefix', () => {
    const ours = [
      'CallbackUrl',
      'CallbackKeyParameter',
      'EventBusName',
      'EventBusArn',
      'RecordingsTableName',
      'RecordingsTableArn',
      'EventsTableName',
      'EventsTableArn',
      'TencentCredentialsParameter',
    ];
    const outputs = Object.entries(template.Outputs ?? {});
    const expectedExport = (name: string) =>
      `${ours.includes(name) ? '' : 'sls-'}tencent-css-recordings-prod-${name}`;

    expect(Object.keys(template.Outputs ?? {})).toEqual(expect.arrayContaining(ours));
    expect(
      outputs
        .filter(([name, output]) => output.Export?.Name !== expectedExport(name))
        .map(([name]) => name),
    ).toEqual([]);
    expect(template.Outputs?.CallbackKeyParameter).toEqual({
      Description: expect.any(String) as unknown,
      Value: '/tencent-css-recordings/prod/callback-key',
      Export: { Name: 'tencent-css-recordings-prod-CallbackKeyParameter' },
    });
  });
});

describe('secrets', () => {
  it('no callback key from the deployer environment reaches the template or the code', async () => {
    expect(JSON.stringify(template)).not.toContain(SECRET_MARKER);
    for (const zip of Object.values(packaged.artifacts)) {
      for (const entry of readZip(await readFile(zip))) {
        expect(entry.read().toString('utf8')).not.toContain(SECRET_MARKER);
      }
    }
  });
});

describe('the bundles', () => {
  const callbackCode = async () =>
    readZip(await readFile(packaged.artifacts.callback ?? ''))
      .map((entry) => entry.read().toString('utf8'))
      .join('\n');

  it("take AWS credentials from the environment, as Lambda gives them, without the SDK's whole chain", async () => {
    const code = await callbackCode();

    expect(code).toContain('AWS_ACCESS_KEY_ID');
    // Read by the links of the default chain that Lambda never gets to (web identity, SSO).
    expect(code).not.toContain('AWS_WEB_IDENTITY_TOKEN_FILE');
    expect(code).not.toContain('sso_start_url');
  });

  it("carry the SDK clients' manifests as the name and version their User-Agent reads", async () => {
    const code = await callbackCode();

    expect(code).toMatch(/name:"@aws-sdk\/client-dynamodb",version:"3\.\d+\.\d+"/);
    expect(code).not.toContain('devDependencies');
  });
});

describe('the dashboard', () => {
  type Widget = { type: string; properties: { metrics?: unknown[][]; alarms?: string[] } };
  const ours = METRICS as Record<string, Record<string, string>>;
  const bodyOf = (from: CloudFormationTemplate) => {
    const body = from.Resources.Dashboard?.Properties?.DashboardBody as { 'Fn::Sub': string };
    return JSON.parse(body['Fn::Sub']) as { widgets: Widget[] };
  };
  const alarmIds = (from: CloudFormationTemplate) =>
    Object.entries(from.Resources)
      .filter(([, resource]) => resource.Type === 'AWS::CloudWatch::Alarm')
      .map(([id]) => id);

  it('is named after the stage', () => {
    expect(props('Dashboard')).toMatchObject({ DashboardName: 'tencent-css-recordings-prod' });
  });

  it('names only metrics a function emits, each under the function that emits it', () => {
    const namespace = 'TencentCssRecordings';
    const shown = bodyOf(template)
      .widgets.flatMap((widget) => widget.properties.metrics ?? [])
      .filter((metric) => metric[0] === namespace);

    expect(shown.length).toBeGreaterThan(10);
    for (const [, name, dimension, service] of shown) {
      expect(dimension).toBe('service');
      const fn = String(service).replace('tencent-css-recordings-prod-', '');
      expect(Object.values(ours[fn] ?? {})).toContain(name);
    }
    // Every metric the callback counts (refusals through a search by reason), and the
    // reconciler's recoveries, are on it.
    const names = new Set(shown.map((metric) => metric[1]));
    const counted = Object.values(ours.callback ?? {}).filter(
      (name) => name !== ours.callback?.rejected,
    );
    expect([...counted, ours.reconcile?.recovered].filter((name) => !names.has(name))).toEqual([]);
    expect(JSON.stringify(bodyOf(template))).toContain(
      `MetricName=\\"${ours.callback?.rejected}\\"`,
    );
  });

  it('shows every alarm of the stack with its state', () => {
    const alarms = bodyOf(template).widgets.find((widget) => widget.type === 'alarm');

    expect(alarmIds(template).length).toBeGreaterThan(5);
    expect(alarms?.properties.alarms).toEqual(alarmIds(template).map((id) => `\${${id}.Arn}`));
  });

  it('has alarms that watch metrics the functions emit', () => {
    const watched = Object.values(template.Resources)
      .filter((resource) => resource.Type === 'AWS::CloudWatch::Alarm')
      .flatMap((resource) => {
        const properties = resource.Properties as {
          Namespace?: string;
          MetricName?: string;
          Metrics?: { MetricStat?: { Metric?: { Namespace?: string; MetricName?: string } } }[];
        };
        return [
          { Namespace: properties.Namespace, MetricName: properties.MetricName },
          ...(properties.Metrics ?? []).map((metric) => metric.MetricStat?.Metric ?? {}),
        ];
      })
      .filter((metric) => metric.Namespace === 'TencentCssRecordings');
    const emitted = Object.values(ours).flatMap((names) => Object.values(names));

    expect(watched.length).toBeGreaterThan(3);
    for (const metric of watched) expect(emitted).toContain(metric.MetricName);
  });
});

describe('the schema registry', () => {
  type Schema = { Type: string; Properties: Record<string, unknown> };
  const schemasOf = (from: CloudFormationTemplate) =>
    Object.values(from.Resources as Record<string, Schema>).filter(
      (resource) => resource.Type === 'AWS::EventSchemas::Schema',
    );
  const ajv04 = new Ajv({ schemaId: 'id', meta: false, allErrors: true });
  ajv04.addMetaSchema(draft04);
  const deployed = (detailType: string) => {
    const schema = schemasOf(template).find(
      (resource) =>
        resource.Properties.SchemaName === `tencentcloud.css@${detailType.replace(/ /g, '')}`,
    );
    return ajv04.compile(JSON.parse(String(schema?.Properties.Content)) as object);
  };
  /** An event as EventBridge delivers it to a rule's target. */
  const delivered = (detailType: string, detail: unknown) => ({
    version: '0',
    id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
    'detail-type': detailType,
    source: 'tencentcloud.css',
    account: '123456789012',
    time: '2026-12-07T12:00:00Z',
    region: 'us-east-1',
    resources: [],
    detail,
  });
  const problems = (detailType: string, detail: unknown) => {
    const validate = deployed(detailType);
    return validate(delivered(detailType, detail)) ? 'valid' : ajv04.errorsText(validate.errors);
  };

  it("is the stage's, with one JSONSchemaDraft4 schema per detail-type, named as the registry names discovered ones", () => {
    expect(props('EventSchemaRegistry')).toMatchObject({
      RegistryName: 'tencent-css-recordings-prod',
    });
    // The service's own events' too (Recording File Archived), whether or not it publishes them.
    expect(
      schemasOf(template).map(({ Properties }) => [Properties.SchemaName, Properties.Type]),
    ).toEqual(
      PUBLISHED_EVENTS.map((declared) => [
        `tencentcloud.css@${declared.detailType.replace(/ /g, '')}`,
        'JSONSchemaDraft4',
      ]),
    );
    for (const schema of schemasOf(template)) {
      expect(schema.Properties.RegistryName).toEqual({
        'Fn::GetAtt': ['EventSchemaRegistry', 'RegistryName'],
      });
      expect(ajv04.validateSchema(JSON.parse(String(schema.Properties.Content)) as object)).toBe(
        true,
      );
    }
  });

  it('deploys the schemas committed under schemas/ (npm run docs), one source for both', async () => {
    for (const schema of schemasOf(template)) {
      const committed = await readFile(
        join(SCHEMAS_DIR, `${String(schema.Properties.SchemaName)}.json`),
        'utf8',
      );
      expect(JSON.parse(String(schema.Properties.Content))).toEqual(JSON.parse(committed));
    }
  });

  it.each(KINDS.map((kind) => [kind.detailType, kind] as const))(
    'takes every %s event the service publishes: as documented, truncated, with exact numbers',
    (detailType, kind) => {
      const documented = detailOf(kind, kind.normalise(kindBody(kind)));
      // A body too large for one event: the event leaves out its bulkiest optional fields.
      const bulky = kind.normalise(
        kindBody(kind, { callback_ext: JSON.stringify({ note: 'x'.repeat(300_000) }) }),
      );
      const truncated = JSON.parse(eventOf(kind, bulky).detail) as Record<string, unknown>;
      // A number a double would change travels with all its digits.
      const { appid: _appid, ...body } = kindBody(kind);
      const withBigNumber = JSON.stringify(body).replace(/^\{/, '{"appid":18446744073709551615,');
      const exactEvent = eventOf(kind, kind.normalise(parseJson(withBigNumber) as JsonObject));
      const exact = JSON.parse(exactEvent.detail) as unknown;

      expect(truncated).toMatchObject({ truncated: true });
      expect(exactEvent.detail).toContain('"appid":18446744073709551615');
      for (const detail of [documented, truncated, exact]) {
        expect(problems(detailType, detail)).toBe('valid');
      }
    },
  );

  it('takes the Recording File Archived event the archive publishes, and refuses one without its uri', async () => {
    const bus = fakeEventPublisher();
    const recording = recordingToArchive(recordingKind.normalise(recordingBody()), 3);
    const archive = {
      uri: 's3://tencent-css-recordings-prod-archivebucket-1a2b3c4d5e6f/stream_test/1234567890/index.m3u8',
      bytes: 277_946_317,
      archivedAt: '2026-12-07T20:41:03.112Z',
    };

    await busEventSink(bus).announce(archivedEventDetail(recording, archive));

    const [event] = bus.sent;
    const detail = JSON.parse(event?.detail ?? 'null') as Record<string, unknown>;
    const { uri: _uri, ...withoutUri } = detail;
    expect(event).toMatchObject({ source: 'tencentcloud.css' });
    expect(problems(event?.detailType ?? '', detail)).toBe('valid');
    expect(problems('Recording File Archived', withoutUri)).toMatch(/uri/);
    expect(problems('Recording File Archived', { ...detail, bytes: '277946317' })).toMatch(/bytes/);
  });

  it('refuses what a subscriber must never see', () => {
    const recording = detailOf(recordingKind, recordingKind.normalise(kindBody(recordingKind)));
    const { file_id: _fileId, ...withoutFileId } = recording;

    expect(problems('Recording File Created', 'not an object')).toMatch(/detail should be object/);
    expect(problems('Recording File Created', withoutFileId)).toMatch(/file_id/);
    expect(problems('Recording File Created', { ...recording, sign: 'x' })).not.toBe('valid');
  });
});
