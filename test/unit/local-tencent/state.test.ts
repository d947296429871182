import { LocalTencentState, noNotifyUrls } from '../../../local-tencent/state';

function aTemplate(state: LocalTencentState, name = 'template') {
  return state.addTemplate({
    ...noNotifyUrls(),
    RecordNotifyUrl: 'http://localhost:3000/callback',
    TemplateName: name,
    Description: '',
    CallbackKey: 'key1',
    StreamMixNotifyUrl: '',
    RecordExceptionLevels: [],
  });
}

describe('LocalTencentState', () => {
  it("reads a domain/app's binding: the rule and its template's URLs and key", () => {
    const state = new LocalTencentState(() => 1_800_000_000_000);
    const { TemplateId } = aTemplate(state);
    state.addRule('push.example.com', 'live', TemplateId);

    expect(state.binding('push.example.com')).toEqual({
      rule: {
        DomainName: 'push.example.com',
        AppName: 'live',
        TemplateId,
        createdAt: 1_800_000_000_000,
        updatedAt: 1_800_000_000_000,
      },
      template: expect.objectContaining({
        RecordNotifyUrl: 'http://localhost:3000/callback',
        CallbackKey: 'key1',
      }) as object,
    });
    expect(state.binding('push.example.com', 'other')).toBeUndefined();
  });

  it('hands out copies: changing what it returned changes nothing inside', () => {
    const state = new LocalTencentState();
    const template = aTemplate(state);

    template.RecordExceptionLevels.push('error');
    template.CallbackKey = 'changed';

    expect(state.template(template.TemplateId)).toMatchObject({
      CallbackKey: 'key1',
      RecordExceptionLevels: [],
    });
  });

  it('keeps the body of a callback record as sent, serialising an object as JSON', () => {
    const state = new LocalTencentState();

    const record = state.addCallbackRecord({
      stream: 's',
      eventType: 100,
      time: new Date(0),
      request: { event_type: 100 },
    });

    expect(record).toMatchObject({
      request: '{"event_type":100}',
      response: '{"code":0}',
      resultCode: 0,
    });
  });

  it('refuses a push session that ends before it starts', () => {
    expect(() =>
      new LocalTencentState().addPushSession({
        domain: 'd.example.com',
        stream: 's',
        start: new Date(2000),
        end: new Date(1000),
      }),
    ).toThrow(RangeError);
  });

  it('forgets everything on reset, and numbers templates from the start again', () => {
    const state = new LocalTencentState();
    const first = aTemplate(state);
    state.counters.throttled = 3;
    state.injectFault({ kind: 'hang', times: 2 });

    state.reset();

    expect(state.templates()).toEqual([]);
    expect(state.pendingFaults()).toBe(0);
    expect(state.counters).toEqual({ requests: {}, throttled: 0, authFailures: 0 });
    expect(aTemplate(state).TemplateId).toBe(first.TemplateId);
  });
});
