import {
  packageService,
  type CloudFormationTemplate,
  type PackagedService,
} from '../../../scripts/build/package-service';

/*
 * The archive in the stack (DESIGN.md, "Recordings into S3"), proven on the CloudFormation that
 * `serverless package` generates: off by default, and then not in the template at all; on with one
 * deploy parameter, adding its function, bucket, retry policy, dead-letter queue, alarm and role,
 * and changing nothing else.
 */
let off: PackagedService;
let on: PackagedService;
let template: CloudFormationTemplate;

beforeAll(async () => {
  [off, on] = await Promise.all([
    packageService('prod'),
    packageService('prod', 'us-east-1', { archiveRecordings: 'true', archiveTransitionDays: '30' }),
  ]);
  template = on.template;
}, 120_000);

afterAll(async () => {
  await Promise.all([off?.remove(), on?.remove()]);
});

const ARCHIVE_RESOURCES = [
  'ArchiveBucket',
  'ArchiveBucketPolicy',
  'ArchiveDeadLetterQueue',
  'ArchiveDeadLetterQueuePolicy',
  'ArchiveDeadLettersAlarm',
  'ArchiveRecordingEventBridgeLambdaPermission1',
  'ArchiveRecordingLambdaEvConf',
  'ArchiveRecordingLambdaFunction',
  'ArchiveRecordingLogGroup',
  'ArchiveRecordingRole',
];
const RULE = 'TencentcssrecordingsprodarchiveRecordingrule1EventBridgeRule';

const props = (name: string) => {
  const resource = template.Resources[name];
  if (!resource) throw new Error(`resource ${name} is not in the template`);
  return resource.Properties ?? {};
};

/** A template as a string with what differs between two packagings (the artifacts' keys) blanked. */
const comparable = (value: unknown) =>
  JSON.parse(
    JSON.stringify(value).replace(
      /serverless\/tencent-css-recordings\/prod\/[^"]+\.zip/g,
      'ARTIFACT',
    ),
  ) as unknown;

describe('off (the default)', () => {
  it('has nothing of the archive in the template, and no archive function packaged', () => {
    const text = JSON.stringify(off.template);
    expect(text).not.toMatch(/archive(Recording|Bucket|DeadLetter)|ARCHIVE_BUCKET|vod-hotlink/i);
    expect(Object.keys(off.artifacts)).not.toContain('archiveRecording');
  });

  it('still has the schema of Recording File Archived, for code bindings before turning it on', () => {
    for (const stack of [off.template, template]) {
      expect(stack.Resources.EventSchemaRecordingFileArchived?.Properties).toMatchObject({
        SchemaName: 'tencentcloud.css@RecordingFileArchived',
        Type: 'JSONSchemaDraft4',
      });
    }
    expect(off.template.Resources.EventSchemaRecordingFileArchived).toEqual(
      template.Resources.EventSchemaRecordingFileArchived,
    );
  });
});

describe("on (archiveRecordings: 'true')", () => {
  it('adds the archive and changes nothing else', () => {
    const added = Object.keys(template.Resources).filter(
      (name) => !(name in off.template.Resources),
    );
    // The dashboard is compared on its own (below): it shows the archive too.
    const kept = Object.fromEntries(
      Object.keys(off.template.Resources)
        .filter((name) => name !== 'Dashboard')
        .map((name) => [name, template.Resources[name]]),
    );

    expect(added.filter((name) => !/^ArchiveRecordingLambdaVersion/.test(name)).sort()).toEqual(
      [...ARCHIVE_RESOURCES, RULE].sort(),
    );
    const { Dashboard: _dashboard, ...offResources } = off.template.Resources;
    expect(comparable(kept)).toEqual(comparable(offResources));
    expect(
      Object.keys(template.Outputs ?? {}).filter((name) => !(name in (off.template.Outputs ?? {}))),
    ).toEqual([
      'ArchiveRecordingLambdaFunctionQualifiedArn',
      'ArchiveBucketName',
      'ArchiveDeadLetterQueueUrl',
    ]);
    expect(Object.keys(on.artifacts)).toContain('archiveRecording');
  });

  it("puts the archive's counts, function and alarm on the dashboard, and keeps the rest", () => {
    type Widget = { type: string; properties: { title?: string; alarms?: string[] } };
    const widgetsOf = (from: CloudFormationTemplate) => {
      const body = from.Resources.Dashboard?.Properties?.DashboardBody as { 'Fn::Sub': string };
      return (JSON.parse(body['Fn::Sub']) as { widgets: Widget[] }).widgets;
    };
    const [onWidgets, offWidgets] = [widgetsOf(template), widgetsOf(off.template)];
    const titles = (widgets: Widget[]) => widgets.map((widget) => widget.properties.title);
    const alarms = (widgets: Widget[]) =>
      widgets.find((widget) => widget.type === 'alarm')?.properties.alarms;

    expect(titles(onWidgets).filter((title) => !titles(offWidgets).includes(title))).toEqual([
      'The archive: recordings copied into S3',
      'The archive: duration and errors',
    ]);
    expect(alarms(onWidgets)).toEqual([
      ...(alarms(offWidgets) ?? []),
      '${ArchiveDeadLettersAlarm.Arn}',
    ]);
    expect(JSON.stringify(onWidgets)).toContain('tencent-css-recordings-prod-archiveRecording');
  });

  it('refuses a value other than true or false, instead of leaving the archive off', async () => {
    await expect(
      packageService('prod', 'us-east-1', { archiveRecordings: 'yes' }),
    ).rejects.toMatchObject({
      stdout: expect.stringContaining(
        'Cannot resolve variable at "custom.archiveRecordingsIsTrueOrFalse"',
      ) as unknown,
    });
  });

  describe('the bucket', () => {
    it('is kept when the stack goes, encrypted, private, owned by the account', () => {
      expect(template.Resources.ArchiveBucket).toMatchObject({
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
      });
      expect(props('ArchiveBucket')).not.toHaveProperty('BucketName');
      expect(props('ArchiveBucket')).toMatchObject({
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [
            { ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } },
          ],
        },
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      });
    });

    it('refuses any request not over TLS', () => {
      expect(props('ArchiveBucketPolicy')).toEqual({
        Bucket: { Ref: 'ArchiveBucket' },
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'TlsOnly',
              Effect: 'Deny',
              Principal: '*',
              Action: 's3:*',
              Resource: [
                { 'Fn::GetAtt': ['ArchiveBucket', 'Arn'] },
                { 'Fn::Sub': '${ArchiveBucket.Arn}/*' },
              ],
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            },
          ],
        },
      });
    });

    it('aborts incomplete uploads after 7 days, and moves copies to a colder class when asked', () => {
      expect(props('ArchiveBucket').LifecycleConfiguration).toEqual({
        Rules: [
          {
            Id: 'abort-incomplete-uploads',
            Status: 'Enabled',
            AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 },
          },
          {
            'Fn::If': [
              'HasArchiveTransition',
              {
                Id: 'colder-storage',
                Status: 'Enabled',
                Transitions: [{ StorageClass: 'GLACIER_IR', TransitionInDays: '30' }],
              },
              { Ref: 'AWS::NoValue' },
            ],
          },
        ],
      });
      expect(template.Conditions?.HasArchiveTransition).toEqual({
        'Fn::Not': [{ 'Fn::Equals': ['30', '0'] }],
      });
    });
  });

  describe('the function', () => {
    it('runs 15 minutes with its bucket and hotlink key parameter named, and no key', () => {
      const fn = props('ArchiveRecordingLambdaFunction');
      expect(fn).toMatchObject({
        Handler: 'handlers/archive-recording.handler',
        Runtime: 'nodejs24.x',
        Timeout: 900,
        MemorySize: 1024,
        Role: { 'Fn::GetAtt': ['ArchiveRecordingRole', 'Arn'] },
        DeadLetterConfig: { TargetArn: { 'Fn::GetAtt': ['ArchiveDeadLetterQueue', 'Arn'] } },
        TracingConfig: { Mode: 'Active' },
      });
      expect((fn.Environment as { Variables: Record<string, unknown> }).Variables).toMatchObject({
        TABLE_NAME: 'tencent-css-recordings-prod-recordings',
        EVENT_BUS_NAME: 'tencent-css-recordings-prod',
        ARCHIVE_BUCKET: { Ref: 'ArchiveBucket' },
        VOD_HOTLINK_KEY_PARAMETER: '/tencent-css-recordings/prod/vod-hotlink-key',
      });
    });

    it('is retried twice by Lambda when it fails, then its event goes to the dead-letter queue', () => {
      expect(props('ArchiveRecordingLambdaEvConf')).toMatchObject({
        MaximumRetryAttempts: 2,
        MaximumEventAgeInSeconds: 21600,
      });
    });

    it('gets Recording File Created from the bus, delivered for up to 24 hours, then dead-lettered', () => {
      expect(props(RULE)).toMatchObject({
        Name: 'tencent-css-recordings-prod-archive-recording',
        EventBusName: { Ref: 'EventBus' },
        EventPattern: { source: ['tencentcloud.css'], 'detail-type': ['Recording File Created'] },
        Targets: [
          {
            Arn: { 'Fn::GetAtt': ['ArchiveRecordingLambdaFunction', 'Arn'] },
            RetryPolicy: { MaximumEventAgeInSeconds: 86400, MaximumRetryAttempts: 185 },
            DeadLetterConfig: { Arn: { 'Fn::GetAtt': ['ArchiveDeadLetterQueue', 'Arn'] } },
          },
        ],
      });
    });

    it('may read and update the recordings, write into its bucket, announce, read its key, dead-letter; nothing else', () => {
      const policies = props('ArchiveRecordingRole').Policies as {
        PolicyDocument: { Statement: { Action: string[] }[] };
      }[];
      const statements = policies
        .flatMap((policy) => policy.PolicyDocument.Statement)
        .filter((statement) => !statement.Action.some((action) => /^xray:/.test(action)));
      expect(statements).toEqual([
        {
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          Resource: { 'Fn::GetAtt': ['ArchiveRecordingLogGroup', 'Arn'] },
        },
        {
          Effect: 'Allow',
          Action: ['dynamodb:GetItem', 'dynamodb:UpdateItem'],
          Resource: { 'Fn::GetAtt': ['RecordingsTable', 'Arn'] },
        },
        {
          Effect: 'Allow',
          Action: ['s3:PutObject', 's3:AbortMultipartUpload'],
          Resource: { 'Fn::Sub': '${ArchiveBucket.Arn}/*' },
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
              'arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/tencent-css-recordings/prod/vod-hotlink-key',
          },
        },
        {
          Effect: 'Allow',
          Action: ['sqs:SendMessage'],
          Resource: { 'Fn::GetAtt': ['ArchiveDeadLetterQueue', 'Arn'] },
        },
      ]);
    });
  });

  describe('the dead-letter queue', () => {
    it('keeps what failed 14 days, encrypted', () => {
      expect(props('ArchiveDeadLetterQueue')).toEqual({
        MessageRetentionPeriod: 1209600,
        SqsManagedSseEnabled: true,
      });
    });

    it("takes the rule's failed deliveries from the rule alone, over TLS", () => {
      const [allow, tls] = (
        props('ArchiveDeadLetterQueuePolicy').PolicyDocument as { Statement: unknown[] }
      ).Statement;
      expect(allow).toEqual({
        Effect: 'Allow',
        Principal: { Service: 'events.amazonaws.com' },
        Action: 'sqs:SendMessage',
        Resource: { 'Fn::GetAtt': ['ArchiveDeadLetterQueue', 'Arn'] },
        Condition: {
          ArnEquals: {
            'aws:SourceArn': {
              'Fn::Sub': `arn:\${AWS::Partition}:events:\${AWS::Region}:\${AWS::AccountId}:rule/tencent-css-recordings-prod/${String(props(RULE).Name)}`,
            },
          },
        },
      });
      expect(tls).toMatchObject({
        Effect: 'Deny',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      });
    });

    it('raises an alarm as soon as anything is in it', () => {
      expect(props('ArchiveDeadLettersAlarm')).toMatchObject({
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [
          { Name: 'QueueName', Value: { 'Fn::GetAtt': ['ArchiveDeadLetterQueue', 'QueueName'] } },
        ],
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      });
    });
  });

  it('names the bucket and the queue as exported outputs', () => {
    expect(template.Outputs).toMatchObject({
      ArchiveBucketName: {
        Value: { Ref: 'ArchiveBucket' },
        Export: { Name: 'tencent-css-recordings-prod-ArchiveBucketName' },
      },
      ArchiveDeadLetterQueueUrl: {
        Value: { Ref: 'ArchiveDeadLetterQueue' },
        Export: { Name: 'tencent-css-recordings-prod-ArchiveDeadLetterQueueUrl' },
      },
    });
  });
});
