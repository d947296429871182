import { localLogs, terminalLine } from '../../../../scripts/local/terminal-lines';

const show = (line: string) => terminalLine(line, 'local');

/** A record as Powertools' Logger prints it for the callback function. */
function record(fields: Record<string, unknown>): string {
  return JSON.stringify({
    level: 'INFO',
    message: 'recording created',
    timestamp: '2026-12-07T18:47:38.585Z',
    service: 'tencent-css-recordings-local-callback',
    cold_start: false,
    function_arn: 'offline_invokedFunctionArn_for_tencent-css-recordings-local-callback',
    function_memory_size: '512',
    function_name: 'tencent-css-recordings-local-callback',
    function_request_id: 'c6440679-8fea-4f57-81ad-b4261a0d592f',
    sampling_rate: 0,
    ...fields,
  });
}

describe('terminalLine', () => {
  it('shows a log record as one short line: the function, the message and what it is about', () => {
    const line = record({ stream_id: 's1', file_id: '1234567890', version: 1, published: true });

    expect(show(line)).toBe(
      '[callback] recording created  stream_id=s1 file_id=1234567890 version=1 published=true',
    );
  });

  it('names the level when it is not INFO, quotes text with spaces, and shows an error by its message', () => {
    const line = record({
      level: 'ERROR',
      message: 'could not publish',
      reason: 'the bus said no',
      error: {
        name: 'EventBridgeError',
        location: 'lib/outbox/publish.ts:42',
        message: 'InternalFailure',
        stack: 'EventBridgeError: InternalFailure\n    at publish (lib/outbox/publish.ts:42:11)',
      },
    });

    expect(show(line)).toBe(
      '[callback] ERROR could not publish  reason="the bus said no" error="EventBridgeError: InternalFailure (lib/outbox/publish.ts:42)"',
    );
  });

  it('leaves metrics off the terminal', () => {
    const emf =
      '{"_aws":{"Timestamp":1796669258586,"CloudWatchMetrics":[{"Namespace":"TencentCssRecordings","Dimensions":[["service"]],"Metrics":[{"Name":"CallbackAccepted","Unit":"Count"}]}]},"kind":"recording","service":"tencent-css-recordings-local-callback","CallbackAccepted":1}';

    expect(show(emf)).toBeUndefined();
  });

  it.each([
    'POST /callback (λ: callback)',
    '(λ: callback) RequestId: c6440679-8fea-4f57-81ad-b4261a0d592f  Duration: 110.21 ms  Billed Duration: 111 ms',
    '\u001b[90m(λ: exampleSubscriber) RequestId: 59e4e447  Duration: 73.99 ms  Billed Duration: 74 ms\u001b[39m',
    '',
    '   ',
  ])('leaves out serverless offline’s bookkeeping around each invocation: %p', (line) => {
    expect(show(line)).toBeUndefined();
  });

  it.each([
    'Recording s1/1234567890 v1: 2m34s hls, 265.1 MiB, 2022-01-13 15:57:24 to 15:59:58 UTC, http://12345678.vod2.myqcloud.com/xxxx/yyyy/zzzz.m3u8',
    'Server ready: http://127.0.0.1:3000 🚀',
    '{"not":"a log record"}',
    '{ broken json',
  ])('shows every other line as it is: %p', (line) => {
    expect(show(line)).toBe(line);
  });
});

describe('localLogs', () => {
  it('is short unless LOCAL_LOGS says raw', () => {
    expect(localLogs({})).toBe('short');
    expect(localLogs({ LOCAL_LOGS: 'raw' })).toBe('raw');
    expect(() => localLogs({ LOCAL_LOGS: 'verbose' })).toThrow(
      'LOCAL_LOGS must be short or raw, not "verbose"',
    );
  });
});
