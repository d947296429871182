import fc from 'fast-check';
import type { CallBackRuleInfo, CallBackTemplateInfo } from '../../../../lib/tencent/types';
import {
  WIRED_URL_FIELDS,
  applySetup,
  changesNothing,
  planRemove,
  planSetup,
  readTencentWiring,
  wiringTemplateName,
  type WantedWiring,
} from '../../../../lib/tencent/wiring';
import { InMemoryLiveApi } from '../../../support/in-memory-live-api';

const URL = 'https://a1b2c3.execute-api.us-east-1.amazonaws.com/callback';
const KEY = 'PlanTestKey42';
const NAME = 'tencent-css-recordings-prod';

const wanted: WantedWiring = {
  domain: 'push.example.com',
  app: 'live',
  templateName: NAME,
  callbackUrl: URL,
  callbackKey: KEY,
};

/** A template as Describe returns it, wired as setup leaves it. */
function wiredTemplate(id: number, overrides: Partial<CallBackTemplateInfo> = {}) {
  const urls = Object.fromEntries(
    WIRED_URL_FIELDS.filter((field) => field !== 'RecordStatusNotifyUrl').map((f) => [f, URL]),
  );
  return { TemplateId: id, TemplateName: NAME, ...urls, CallbackKey: KEY, ...overrides };
}

function rule(templateId: number, domain = 'push.example.com', app = 'live'): CallBackRuleInfo {
  return { DomainName: domain, AppName: app, TemplateId: templateId };
}

describe('wiringTemplateName', () => {
  it('is <service>-<stage>', () => {
    expect(wiringTemplateName('tencent-css-recordings', 'prod')).toBe(NAME);
  });

  it('refuses a name Tencent would refuse', () => {
    expect(() => wiringTemplateName('tencent-css-recordings', 'my stage')).toThrow(
      'is not letters, digits, _ and - only',
    );
  });
});

describe('planSetup', () => {
  it('creates the template with every wired URL and the key, then binds it, on an empty account', () => {
    const plan = planSetup({ templates: [], rules: [] }, wanted);

    expect(plan.template).toEqual({
      action: 'create',
      name: NAME,
      request: {
        TemplateName: NAME,
        CallbackKey: KEY,
        ...Object.fromEntries(WIRED_URL_FIELDS.map((field) => [field, URL])),
      },
    });
    expect(plan.binding).toEqual({ action: 'create', domain: 'push.example.com', app: 'live' });
    expect(changesNothing(plan)).toBe(false);
  });

  it('has nothing to do when the template and the binding are as wanted', () => {
    const plan = planSetup({ templates: [wiredTemplate(12)], rules: [rule(12)] }, wanted);

    expect(plan).toEqual({
      template: { action: 'unchanged', template: { id: 12, name: NAME } },
      binding: {
        action: 'unchanged',
        template: { id: 12, name: NAME },
        domain: 'push.example.com',
        app: 'live',
      },
    });
    expect(changesNothing(plan)).toBe(true);
  });

  it('modifies only what differs, names the fields, and resends the URL Tencent never shows', () => {
    const template = wiredTemplate(12, {
      RecordNotifyUrl: 'https://old.example.com/cb',
      SnapshotNotifyUrl: '',
    });

    const plan = planSetup({ templates: [template], rules: [rule(12)] }, wanted);

    expect(plan.template).toEqual({
      action: 'modify',
      template: { id: 12, name: NAME },
      changed: ['RecordNotifyUrl', 'SnapshotNotifyUrl'],
      request: {
        TemplateId: 12,
        RecordNotifyUrl: URL,
        SnapshotNotifyUrl: URL,
        RecordStatusNotifyUrl: URL,
      },
    });
    expect(plan.binding.action).toBe('unchanged');
  });

  it('sends the key only when it differs, and names it without its value', () => {
    const plan = planSetup(
      { templates: [wiredTemplate(12, { CallbackKey: 'OldKey1' })], rules: [rule(12)] },
      wanted,
    );

    expect(plan.template).toMatchObject({ action: 'modify', changed: ['CallbackKey'] });
    expect(plan.template.action === 'modify' && plan.template.request.CallbackKey).toBe(KEY);
    const unchanged = planSetup({ templates: [wiredTemplate(12)], rules: [] }, wanted);
    expect(JSON.stringify(unchanged)).not.toContain(KEY);
  });

  it('reports a binding to another template as a conflict, naming it, and changes nothing', () => {
    const other = {
      TemplateId: 7,
      TemplateName: 'hand-made',
      RecordNotifyUrl: 'https://x.example/cb',
    };

    const plan = planSetup({ templates: [other], rules: [rule(7)] }, wanted);

    expect(plan.binding).toEqual({
      action: 'conflict',
      current: { id: 7, name: 'hand-made' },
      domain: 'push.example.com',
      app: 'live',
    });
    expect(plan.template.action).toBe('create');
    expect(changesNothing(plan)).toBe(false);
  });

  it('replaces a binding to another template with force', () => {
    const other = { TemplateId: 7, TemplateName: 'hand-made' };

    const plan = planSetup({ templates: [other, wiredTemplate(12)], rules: [rule(7)] }, wanted, {
      force: true,
    });

    expect(plan.binding).toEqual({
      action: 'replace',
      current: { id: 7, name: 'hand-made' },
      domain: 'push.example.com',
      app: 'live',
    });
    expect(plan.template.action).toBe('unchanged');
  });

  it('leaves the bindings of other push paths alone', () => {
    const plan = planSetup(
      {
        templates: [wiredTemplate(12)],
        rules: [rule(12, 'other.example.com'), rule(12, 'push.example.com', 'vip')],
      },
      wanted,
    );

    expect(plan.binding).toEqual({ action: 'create', domain: 'push.example.com', app: 'live' });
  });

  it('picks, of two templates with the stage name, the one bound to the push path', () => {
    const plan = planSetup(
      { templates: [wiredTemplate(3), wiredTemplate(9)], rules: [rule(9)] },
      wanted,
    );

    expect(plan.binding).toMatchObject({ action: 'unchanged', template: { id: 9 } });
  });
});

describe('planRemove', () => {
  const target = { domain: 'push.example.com', app: 'live', templateName: NAME };

  it('unbinds the push path and deletes the template nothing else uses', () => {
    expect(planRemove({ templates: [wiredTemplate(12)], rules: [rule(12)] }, target)).toEqual({
      binding: {
        action: 'delete',
        template: { id: 12, name: NAME },
        domain: 'push.example.com',
        app: 'live',
      },
      template: { action: 'delete', template: { id: 12, name: NAME } },
    });
  });

  it('keeps the template while another push path uses it', () => {
    const plan = planRemove(
      { templates: [wiredTemplate(12)], rules: [rule(12), rule(12, 'other.example.com')] },
      target,
    );

    expect(plan.template).toEqual({
      action: 'keep',
      template: { id: 12, name: NAME },
      usedBy: [{ domain: 'other.example.com', app: 'live' }],
    });
  });

  it('leaves a binding to another template alone unless forced', () => {
    const templates = [{ TemplateId: 7, TemplateName: 'hand-made' }];

    expect(planRemove({ templates, rules: [rule(7)] }, target).binding).toMatchObject({
      action: 'foreign',
      template: { id: 7, name: 'hand-made' },
    });
    expect(
      planRemove({ templates, rules: [rule(7)] }, target, { force: true }).binding,
    ).toMatchObject({
      action: 'delete',
      template: { id: 7, name: 'hand-made' },
    });
  });

  it('has nothing to remove on an empty account', () => {
    expect(planRemove({ templates: [], rules: [] }, target)).toEqual({
      binding: { action: 'absent', domain: 'push.example.com', app: 'live' },
      template: { action: 'absent', name: NAME },
    });
  });
});

describe('applySetup', () => {
  it('creates the template, then binds the push path to its new id', async () => {
    const api = new InMemoryLiveApi();
    const steps: string[] = [];

    const template = await applySetup(
      api,
      planSetup(await readTencentWiring(api), wanted),
      (step) => steps.push(`${step.kind} ${step.action} ${step.template.id}`),
    );

    expect(template).toEqual({ id: 1, name: NAME });
    expect(steps).toEqual(['template created 1', 'binding created 1']);
    expect(api.template(1)).toMatchObject({ RecordStatusNotifyUrl: URL, CallbackKey: KEY });
  });

  it('unbinds the other template before binding the stage one when forced', async () => {
    const api = new InMemoryLiveApi({
      templates: [{ TemplateId: 7, TemplateName: 'other' }],
      rules: [rule(7)],
    });

    await applySetup(api, planSetup(await readTencentWiring(api), wanted, { force: true }));

    expect(api.mutations()).toEqual([
      'CreateLiveCallbackTemplate',
      'DeleteLiveCallbackRule',
      'CreateLiveCallbackRule',
    ]);
  });

  it('refuses to apply a plan with a conflict', async () => {
    const api = new InMemoryLiveApi({
      templates: [{ TemplateId: 7, TemplateName: 'other' }],
      rules: [rule(7)],
    });

    await expect(applySetup(api, planSetup(await readTencentWiring(api), wanted))).rejects.toThrow(
      'conflicting binding',
    );
    expect(api.mutations()).toEqual([]);
  });

  it('leaves nothing to do for a second setup, whatever Tencent held before the first', async () => {
    const url = fc.constantFrom('', URL, 'https://old.example.com/cb');
    const template = fc.record({
      TemplateId: fc.integer({ min: 1, max: 6 }),
      TemplateName: fc.constantFrom(NAME, 'other'),
      RecordNotifyUrl: url,
      StreamBeginNotifyUrl: url,
      SnapshotNotifyUrl: url,
      CallbackKey: fc.constantFrom('', KEY, 'OldKey1'),
    });
    const path = fc.record({
      DomainName: fc.constantFrom('push.example.com', 'other.example.com'),
      AppName: fc.constantFrom('live', 'vip'),
    });
    const account = fc
      .tuple(
        fc.uniqueArray(template, { selector: (t) => t.TemplateId, maxLength: 4 }),
        fc.uniqueArray(path, { selector: (p) => `${p.DomainName}/${p.AppName}`, maxLength: 4 }),
      )
      .chain(([templates, paths]) =>
        fc.record({
          templates: fc.constant(templates),
          rules:
            templates.length === 0
              ? fc.constant([])
              : fc.tuple(
                  ...paths.map((p) =>
                    fc.constantFrom(...templates).map((t) => ({ ...p, TemplateId: t.TemplateId })),
                  ),
                ),
        }),
      );

    await fc.assert(
      fc.asyncProperty(account, async (initial) => {
        const api = new InMemoryLiveApi(initial);
        await applySetup(api, planSetup(await readTencentWiring(api), wanted, { force: true }));

        const second = planSetup(await readTencentWiring(api), wanted);

        expect(changesNothing(second)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
