import Dashboard from '../../../../scripts/serverless/dashboard';

/** The slice of osls the plugin reads: the stage, the namespace, the compiled resources. */
function fakeServerless(
  resources: Record<string, { Type: string; Condition?: string }>,
  functions = ['callback', 'republish', 'reconcile'],
) {
  const serverless = {
    service: {
      service: 'svc',
      provider: {
        stage: 'dev',
        environment: { POWERTOOLS_METRICS_NAMESPACE: 'Ns' },
        compiledCloudFormationTemplate: { Resources: resources },
      },
      getFunction: () => ({}),
      getAllFunctions: () => functions,
    },
    classes: { Error },
  };
  return { plugin: new Dashboard(serverless), resources };
}

const alarm = (Condition?: string) => ({
  Type: 'AWS::CloudWatch::Alarm',
  ...(Condition && { Condition }),
});

describe('the dashboard osls plugin', () => {
  it('shows an alarm that exists only under a condition only when it exists', () => {
    const { plugin, resources } = fakeServerless({
      AlwaysAlarm: alarm(),
      OptionalAlarm: alarm('OptionalOn'),
    });

    plugin.addDashboard();

    const body = (resources.Dashboard as unknown as { Properties: { DashboardBody: unknown } })
      .Properties.DashboardBody as {
      'Fn::If': [string, { 'Fn::Sub': string }, { 'Fn::Sub': string }];
    };
    const [condition, on, off] = body['Fn::If'];
    expect(condition).toBe('OptionalOn');
    expect(on['Fn::Sub']).toContain('${OptionalAlarm.Arn}');
    expect(off['Fn::Sub']).not.toContain('OptionalAlarm');
    expect(off['Fn::Sub']).toContain('${AlwaysAlarm.Arn}');
  });

  it('refuses alarms under two conditions, saying what to extend', () => {
    const { plugin } = fakeServerless({ A: alarm('One'), B: alarm('Two') });

    expect(() => plugin.addDashboard()).toThrow(/different conditions \(One, Two\).*extend it/);
  });

  it("shows the archive's function and counts only when the stack has the archive", () => {
    const titles = (functions?: string[]) => {
      const { plugin, resources } = fakeServerless({ AlwaysAlarm: alarm() }, functions);
      plugin.addDashboard();
      const body = (resources.Dashboard as unknown as { Properties: { DashboardBody: unknown } })
        .Properties.DashboardBody as { 'Fn::Sub': string };
      const widgets = (JSON.parse(body['Fn::Sub']) as { widgets: { properties: object }[] })
        .widgets;
      return widgets.map((widget) => (widget.properties as { title: string }).title);
    };

    expect(titles().filter((title) => title.startsWith('The archive'))).toEqual([]);
    expect(
      titles(['callback', 'republish', 'reconcile', 'archiveRecording']).filter((title) =>
        title.startsWith('The archive'),
      ),
    ).toEqual(['The archive: recordings copied into S3', 'The archive: duration and errors']);
  });
});
