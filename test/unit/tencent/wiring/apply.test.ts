import { TencentApiError } from '../../../../lib/tencent/errors';
import type { TencentLiveApi } from '../../../../lib/tencent/tencent-api';
import {
  applyRemove,
  applySetup,
  readTencentWiring,
  type AppliedStep,
  type RemovePlan,
  type SetupPlan,
} from '../../../../lib/tencent/wiring';
import { InMemoryLiveApi } from '../../../support/in-memory-live-api';

/*
 * Carrying out a plan: which of the port's actions each step calls, with what, in what order,
 * and what is told of it. The plans are written out here; plan.test.ts tests how they are made.
 */
const URL = 'https://a1b2c3.execute-api.us-east-1.amazonaws.com/callback';
const KEY = 'ApplyTestKey42';
const NAME = 'tencent-css-recordings-prod';
const PATH = { domain: 'push.example.com', app: 'live' };
const RULE = { DomainName: PATH.domain, AppName: PATH.app };

const createTemplate = {
  action: 'create',
  name: NAME,
  request: {
    TemplateName: NAME,
    RecordNotifyUrl: URL,
    StreamBeginNotifyUrl: URL,
    CallbackKey: KEY,
  },
} as const;
const modifyTemplate = {
  action: 'modify',
  template: { id: 5, name: NAME },
  changed: ['RecordNotifyUrl', 'CallbackKey'],
  request: { TemplateId: 5, RecordNotifyUrl: URL, CallbackKey: KEY },
} as const satisfies SetupPlan['template'];
const templateUnchanged = { action: 'unchanged', template: { id: 5, name: NAME } } as const;
const other = { id: 7, name: 'other' };

/** An account with the stage's template (5) and another (7) bound to the push path. */
function account() {
  return new InMemoryLiveApi({
    templates: [
      { TemplateId: 5, TemplateName: NAME },
      { TemplateId: 7, TemplateName: 'other' },
    ],
    rules: [{ ...RULE, TemplateId: 7 }],
  });
}

/** Applies and returns what was called and told; rethrows a failure once both are read. */
async function setup(api: InMemoryLiveApi, plan: SetupPlan) {
  const steps: AppliedStep[] = [];
  const template = await applySetup(api, plan, (step) => steps.push(step));
  return { template, steps, calls: api.calls };
}

describe('applySetup', () => {
  it('creates the template with the request as planned, then binds the push path to its new id', async () => {
    const api = new InMemoryLiveApi();

    const { template, steps, calls } = await setup(api, {
      template: createTemplate,
      binding: { action: 'create', ...PATH },
    });

    expect(calls).toEqual([
      { action: 'CreateLiveCallbackTemplate', request: createTemplate.request },
      { action: 'CreateLiveCallbackRule', request: { ...RULE, TemplateId: 1 } },
    ]);
    expect(template).toEqual({ id: 1, name: NAME });
    expect(steps).toEqual([
      { kind: 'template', action: 'created', template: { id: 1, name: NAME } },
      { kind: 'binding', action: 'created', ...PATH, template: { id: 1, name: NAME } },
    ]);
  });

  it('modifies the template with the request as planned, and leaves a binding that is right', async () => {
    const api = account();

    const { template, steps, calls } = await setup(api, {
      template: modifyTemplate,
      binding: { action: 'unchanged', template: modifyTemplate.template, ...PATH },
    });

    expect(calls).toEqual([
      { action: 'ModifyLiveCallbackTemplate', request: modifyTemplate.request },
    ]);
    expect(template).toEqual(modifyTemplate.template);
    expect(steps).toEqual([
      { kind: 'template', action: 'modified', template: modifyTemplate.template },
    ]);
  });

  it('binds an unbound push path to the template as it is', async () => {
    const api = new InMemoryLiveApi({ templates: [{ TemplateId: 5, TemplateName: NAME }] });

    const { calls, steps } = await setup(api, {
      template: templateUnchanged,
      binding: { action: 'create', ...PATH },
    });

    expect(calls).toEqual([
      { action: 'CreateLiveCallbackRule', request: { ...RULE, TemplateId: 5 } },
    ]);
    expect(steps).toEqual([
      { kind: 'binding', action: 'created', ...PATH, template: templateUnchanged.template },
    ]);
  });

  it('unbinds another template before binding the stage’s, when the plan replaces it', async () => {
    const api = account();

    const { calls, steps } = await setup(api, {
      template: templateUnchanged,
      binding: { action: 'replace', current: other, ...PATH },
    });

    expect(calls).toEqual([
      { action: 'DeleteLiveCallbackRule', request: RULE },
      { action: 'CreateLiveCallbackRule', request: { ...RULE, TemplateId: 5 } },
    ]);
    expect(steps).toEqual([
      { kind: 'binding', action: 'deleted', ...PATH, template: other },
      { kind: 'binding', action: 'created', ...PATH, template: templateUnchanged.template },
    ]);
  });

  it('calls nothing at all for a plan with nothing to do', async () => {
    const api = account();

    const { template, calls, steps } = await setup(api, {
      template: templateUnchanged,
      binding: { action: 'unchanged', template: templateUnchanged.template, ...PATH },
    });

    expect(template).toEqual(templateUnchanged.template);
    expect(calls).toEqual([]);
    expect(steps).toEqual([]);
  });

  it('calls nothing for a plan with a conflicting binding', async () => {
    const api = account();

    await expect(
      setup(api, {
        template: createTemplate,
        binding: { action: 'conflict', current: other, ...PATH },
      }),
    ).rejects.toThrow('a plan with a conflicting binding cannot be applied');
    expect(api.calls).toEqual([]);
  });

  it('stops when Tencent creates a template without saying its id, before binding anything', async () => {
    const api = new InMemoryLiveApi();
    const port: TencentLiveApi = api;
    jest.spyOn(port, 'CreateLiveCallbackTemplate').mockResolvedValueOnce({ RequestId: 'r-1' });
    const steps: AppliedStep[] = [];

    const run = applySetup(
      api,
      { template: createTemplate, binding: { action: 'create', ...PATH } },
      (step) => steps.push(step),
    );

    await expect(run).rejects.toThrow('Tencent created the template but sent no TemplateId');
    expect(api.mutations()).toEqual([]);
    expect(steps).toEqual([]);
  });

  describe('stops at the first action Tencent refuses, having told of every change made before it', () => {
    const replacing: SetupPlan = {
      template: createTemplate,
      binding: { action: 'replace', current: other, ...PATH },
    };

    it.each([
      { refused: 'CreateLiveCallbackTemplate', told: [] },
      { refused: 'DeleteLiveCallbackRule', told: ['template created'] },
      { refused: 'CreateLiveCallbackRule', told: ['template created', 'binding deleted'] },
    ] as const)('when it refuses $refused', async ({ refused, told }) => {
      const api = account();
      const failure = new TencentApiError(refused, 'InternalError', 'injected', 'r-1');
      jest.spyOn(api, refused).mockRejectedValueOnce(failure);
      const steps: AppliedStep[] = [];

      const run = applySetup(api, replacing, (step) => steps.push(step));

      await expect(run).rejects.toBe(failure);
      expect(steps.map((step) => `${step.kind} ${step.action}`)).toEqual(told);
      const attempted = [
        'CreateLiveCallbackTemplate',
        'DeleteLiveCallbackRule',
        'CreateLiveCallbackRule',
      ];
      // Nothing after the refused action was tried.
      expect(api.mutations()).toEqual(attempted.slice(0, attempted.indexOf(refused)));
    });
  });

  it.each([
    { what: 'creates', template: createTemplate },
    { what: 'modifies', template: modifyTemplate },
  ])(
    'sends the callback key to Tencent when it $what the template, and tells it to no one else',
    async ({ template }) => {
      const api = account();
      const plan: SetupPlan = {
        template,
        binding: { action: 'replace', current: other, ...PATH },
      };

      const { template: applied, steps, calls } = await setup(api, plan);

      expect(calls[0]?.request).toMatchObject({ CallbackKey: KEY });
      expect(JSON.stringify({ applied, steps })).not.toContain(KEY);
    },
  );
});

describe('applyRemove', () => {
  const ours = { id: 5, name: NAME };

  async function remove(api: InMemoryLiveApi, plan: RemovePlan) {
    const steps: AppliedStep[] = [];
    await applyRemove(api, plan, (step) => steps.push(step));
    return { steps, calls: api.calls };
  }

  it('unbinds the push path, then deletes the template (Tencent refuses to delete a bound one)', async () => {
    const api = new InMemoryLiveApi({
      templates: [{ TemplateId: 5, TemplateName: NAME }],
      rules: [{ ...RULE, TemplateId: 5 }],
    });

    const { calls, steps } = await remove(api, {
      binding: { action: 'delete', template: ours, ...PATH },
      template: { action: 'delete', template: ours },
    });

    expect(calls).toEqual([
      { action: 'DeleteLiveCallbackRule', request: RULE },
      { action: 'DeleteLiveCallbackTemplate', request: { TemplateId: 5 } },
    ]);
    expect(steps).toEqual([
      { kind: 'binding', action: 'deleted', ...PATH, template: ours },
      { kind: 'template', action: 'deleted', template: ours },
    ]);
  });

  it.each<{ what: string; plan: RemovePlan; called: string[] }>([
    {
      what: 'only unbinds when other push paths still use the template',
      plan: {
        binding: { action: 'delete', template: ours, ...PATH },
        template: {
          action: 'keep',
          template: ours,
          usedBy: [{ domain: 'b.example.com', app: 'live' }],
        },
      },
      called: ['DeleteLiveCallbackRule'],
    },
    {
      what: 'only deletes the template when the push path is not bound',
      plan: {
        binding: { action: 'absent', ...PATH },
        template: { action: 'delete', template: ours },
      },
      called: ['DeleteLiveCallbackTemplate'],
    },
    {
      what: 'calls nothing when the push path is bound elsewhere and the template is gone',
      plan: {
        binding: { action: 'foreign', template: other, ...PATH },
        template: { action: 'absent', name: NAME },
      },
      called: [],
    },
  ])('$what', async ({ plan, called }) => {
    const api = new InMemoryLiveApi({
      templates: [{ TemplateId: 5, TemplateName: NAME }],
      rules: plan.binding.action === 'delete' ? [{ ...RULE, TemplateId: 5 }] : [],
    });

    const { calls, steps } = await remove(api, plan);

    expect(calls.map(({ action }) => action)).toEqual(called);
    expect(steps).toHaveLength(called.length);
  });

  it('carries out the plan when no one listens to its steps', async () => {
    const api = new InMemoryLiveApi({
      templates: [{ TemplateId: 5, TemplateName: NAME }],
      rules: [{ ...RULE, TemplateId: 5 }],
    });

    await applyRemove(api, {
      binding: { action: 'delete', template: ours, ...PATH },
      template: { action: 'delete', template: ours },
    });

    expect(api.mutations()).toEqual(['DeleteLiveCallbackRule', 'DeleteLiveCallbackTemplate']);
  });

  it('leaves the template when Tencent refuses to unbind, and tells of no change', async () => {
    const api = new InMemoryLiveApi({
      templates: [{ TemplateId: 5, TemplateName: NAME }],
      rules: [{ ...RULE, TemplateId: 5 }],
    });
    const failure = new TencentApiError(
      'DeleteLiveCallbackRule',
      'InternalError',
      'injected',
      'r-2',
    );
    jest.spyOn(api, 'DeleteLiveCallbackRule').mockRejectedValueOnce(failure);
    const steps: AppliedStep[] = [];

    const run = applyRemove(
      api,
      {
        binding: { action: 'delete', template: ours, ...PATH },
        template: { action: 'delete', template: ours },
      },
      (step) => steps.push(step),
    );

    await expect(run).rejects.toBe(failure);
    expect(api.mutations()).toEqual([]);
    expect(api.template(5)).toBeDefined();
    expect(steps).toEqual([]);
  });
});

describe('readTencentWiring', () => {
  it('reads every template and every rule', async () => {
    const api = account();

    const wiring = await readTencentWiring(api);

    expect(wiring.templates.map((template) => template.TemplateId)).toEqual([5, 7]);
    expect(wiring.rules).toEqual([{ ...RULE, TemplateId: 7 }]);
    expect(api.mutations()).toEqual([]);
  });

  it('reads an account Tencent answers without lists as one with none', async () => {
    const api = {
      DescribeLiveCallbackTemplates: async () => ({ RequestId: 'r-1' }),
      DescribeLiveCallbackRules: async () => ({ RequestId: 'r-2' }),
    } as unknown as TencentLiveApi;

    await expect(readTencentWiring(api)).resolves.toEqual({ templates: [], rules: [] });
  });
});
