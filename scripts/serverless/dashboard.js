'use strict';
// A local osls plugin (serverless.yml `plugins`): the stack's CloudWatch dashboard,
// `<service>-<stage>`, made at package time from what the stack really has: the metrics the
// functions emit (lib/metrics.json, which the code reads too) and every alarm in the compiled
// template, so an alarm added to serverless.yml is on the dashboard without a second edit.
//
// Plain JavaScript: osls requires plugins with Node's own loader, before any TypeScript loader.

const METRICS = require('../../lib/metrics.json');

const WIDTH = 12;
const HEIGHT = 6;
/** Five minutes: the republisher's schedule, and fine enough for a webhook's traffic. */
const PERIOD = 300;

class Dashboard {
  /** @param {any} serverless */
  constructor(serverless) {
    this.serverless = serverless;
    this.hooks = {
      // After serverless.yml's own resources are merged in, so their alarms are seen too.
      'before:aws:package:finalize:saveServiceState': () => this.addDashboard(),
    };
  }

  addDashboard() {
    const { service } = this.serverless;
    const provider = service.provider;
    const template = provider.compiledCloudFormationTemplate;
    const stage = provider.stage;
    const namespace = provider.environment && provider.environment.POWERTOOLS_METRICS_NAMESPACE;
    if (!namespace) {
      throw new this.serverless.classes.Error(
        'provider.environment.POWERTOOLS_METRICS_NAMESPACE is not set: the dashboard ' +
          '(scripts/serverless/dashboard.js) shows the metrics of that namespace',
      );
    }
    const functionName = (name) => {
      const fn = service.getFunction(name);
      return fn.name || `${service.service}-${stage}-${name}`;
    };
    const serviceOf = (name) => `${service.service}-${stage}-${name}`;
    // Deployed only with archiveRecordings 'true' (a package-time choice, not a condition).
    const archived = service.getAllFunctions().includes('archiveRecording');
    const alarms = Object.entries(template.Resources)
      .filter(([, resource]) => resource.Type === 'AWS::CloudWatch::Alarm')
      .map(([id, resource]) => ({ id, condition: resource.Condition }));
    const conditions = [...new Set(alarms.map((alarm) => alarm.condition).filter(Boolean))];
    if (conditions.length > 1) {
      throw new this.serverless.classes.Error(
        `alarms under ${conditions.length} different conditions (${conditions.join(', ')}): ` +
          'scripts/serverless/dashboard.js shows alarms under one condition at most; extend it',
      );
    }
    const body = (withConditional) =>
      JSON.stringify(
        dashboardBody({
          namespace,
          functions: {
            callback: { name: functionName('callback'), service: serviceOf('callback') },
            republish: { name: functionName('republish'), service: serviceOf('republish') },
            reconcile: { name: functionName('reconcile'), service: serviceOf('reconcile') },
            ...(archived && {
              archiveRecording: {
                name: functionName('archiveRecording'),
                service: serviceOf('archiveRecording'),
              },
            }),
          },
          alarmIds: alarms
            .filter((alarm) => !alarm.condition || withConditional)
            .map((alarm) => alarm.id),
        }),
      );
    const [condition] = conditions;
    template.Resources.Dashboard = {
      Type: 'AWS::CloudWatch::Dashboard',
      Properties: {
        DashboardName: `${service.service}-${stage}`,
        DashboardBody: condition
          ? { 'Fn::If': [condition, { 'Fn::Sub': body(true) }, { 'Fn::Sub': body(false) }] }
          : { 'Fn::Sub': body(true) },
      },
    };
  }
}

/**
 * The dashboard's widgets, left to right and top to bottom: what arrived, how fast, what waits,
 * what the scheduled functions did, and the alarms. `${...}` are CloudFormation substitutions.
 */
function dashboardBody({ namespace, functions, alarmIds }) {
  const ours = (fn, metric, options = {}) => [
    namespace,
    metric,
    'service',
    functions[fn].service,
    { stat: 'Sum', ...options },
  ];
  const lambda = (metric, fn, stat, label) => [
    'AWS/Lambda',
    metric,
    'FunctionName',
    functions[fn].name,
    { stat, label },
  ];
  const graph = (title, metrics, extra = {}) => ({
    type: 'metric',
    width: WIDTH,
    height: HEIGHT,
    properties: {
      title,
      region: '${AWS::Region}',
      view: 'timeSeries',
      stacked: false,
      period: PERIOD,
      metrics,
      ...extra,
    },
  });
  const callback = METRICS.callback;
  const republish = METRICS.republish;
  const reconcile = METRICS.reconcile;
  const archive = METRICS.archiveRecording;
  const archiveWidgets = functions.archiveRecording
    ? [
        graph('The archive: recordings copied into S3', [
          ours('archiveRecording', archive.archived),
          ours('archiveRecording', archive.alreadyArchived),
          ours('archiveRecording', archive.superseded),
          ours('archiveRecording', archive.missing),
          ours('archiveRecording', archive.bytes, { label: `${archive.bytes}`, yAxis: 'right' }),
        ]),
        graph('The archive: duration and errors', [
          lambda('Duration', 'archiveRecording', 'Maximum', 'duration max (ms)'),
          lambda('Errors', 'archiveRecording', 'Sum', 'errors (retried, then dead letters)'),
          lambda('Throttles', 'archiveRecording', 'Sum', 'throttles'),
        ]),
      ]
    : [];
  return {
    widgets: [
      graph('Callbacks accepted and refused', [
        ours('callback', callback.accepted),
        ours('callback', callback.duplicate),
        ours('callback', callback.failed, { label: `${callback.failed} (answered 5xx)` }),
        [
          {
            expression: `SEARCH('{${namespace},reason,service} MetricName="${callback.rejected}"', 'Sum', ${PERIOD})`,
            label: `${callback.rejected} by reason`,
            id: 'rejected',
          },
        ],
      ]),
      graph('The callback: duration and errors', [
        lambda('Duration', 'callback', 'p50', 'duration p50 (ms)'),
        lambda('Duration', 'callback', 'p99', 'duration p99 (ms)'),
        lambda('Errors', 'callback', 'Sum', 'errors'),
        lambda('Throttles', 'callback', 'Sum', 'throttles'),
      ]),
      graph('Records waiting: pending, parked, unverified', [
        ours('republish', republish.found, { label: `${republish.found} (pending, due)` }),
        ours('republish', republish.oldestPendingSeconds, {
          stat: 'Maximum',
          label: `${republish.oldestPendingSeconds} (s)`,
          yAxis: 'right',
        }),
        ours('callback', callback.publishFailed),
        ours('callback', callback.publishParked),
        ours('republish', republish.parked),
        ours('reconcile', reconcile.unverified, { stat: 'Maximum' }),
      ]),
      graph('The republisher: published, refused, parked', [
        ours('republish', republish.published),
        ours('republish', republish.failed),
        ours('republish', republish.parked),
      ]),
      graph("The reconciler: Tencent's history", [
        ours('reconcile', reconcile.callbacksFound),
        ours('reconcile', reconcile.recovered),
        ours('reconcile', reconcile.verified),
        ours('reconcile', reconcile.replaced),
        ours('reconcile', reconcile.invalid),
      ]),
      graph("The reconciler: Tencent's API", [
        ours('reconcile', reconcile.apiCalls),
        ours('reconcile', reconcile.throttled),
        ours('reconcile', reconcile.streamsChecked),
      ]),
      ...archiveWidgets,
      {
        type: 'alarm',
        width: 2 * WIDTH,
        height: HEIGHT,
        properties: {
          title: 'Alarms',
          alarms: alarmIds.map((id) => `\${${id}.Arn}`),
        },
      },
    ],
  };
}

module.exports = Dashboard;
module.exports.dashboardBody = dashboardBody;
