import {
  AwsJsonError,
  parseErrorAnswer,
  parseJsonObject,
  sanitizeErrorCode,
} from '../../../lib/aws/aws-json-error';

describe('parseErrorAnswer', () => {
  it('reads the code from __type without its namespace, and the message', () => {
    const body = {
      __type: 'com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException',
      message: 'The conditional request failed',
      Item: { stream_id: { S: 's' } },
    };

    expect(parseErrorAnswer(400, {}, JSON.stringify(body))).toEqual({
      code: 'ConditionalCheckFailedException',
      message: 'The conditional request failed',
      body,
    });
  });

  it('prefers the x-amzn-errortype header, without the URL it may carry', () => {
    const headers = { 'x-amzn-errortype': 'ThrottlingException:http://internal.amazon.com/coral/' };

    expect(parseErrorAnswer(400, headers, '{"__type":"Other"}').code).toBe('ThrottlingException');
  });

  it.each([
    ['message', { __type: 'A', message: 'lower' }, 'lower'],
    ['Message', { __type: 'A', Message: 'upper' }, 'upper'],
    ['errorMessage', { __type: 'A', errorMessage: 'lambda style' }, 'lambda style'],
  ])('reads the message from %s (services differ in case)', (_field, body, message) => {
    expect(parseErrorAnswer(400, {}, JSON.stringify(body)).message).toBe(message);
  });

  it('reads a `code` field when there is no __type', () => {
    expect(parseErrorAnswer(400, {}, '{"code":"ValidationException"}').code).toBe(
      'ValidationException',
    );
  });

  it.each([
    ['an empty body', ''],
    ['an HTML page from a proxy', '<html><body>Bad Gateway</body></html>'],
    ['a JSON array', '[1, 2]'],
  ])('names the status when the answer has no code (%s)', (_name, text) => {
    expect(parseErrorAnswer(502, {}, text)).toEqual({
      code: 'UnknownError',
      message: 'HTTP 502, no error code',
    });
  });
});

describe('sanitizeErrorCode', () => {
  it.each([
    ['ParameterNotFound', 'ParameterNotFound'],
    ['com.amazonaws.ssm#ParameterNotFound', 'ParameterNotFound'],
    [
      'aws.protocoltests.restjson#FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/',
      'FooError',
    ],
  ])('%s → %s', (raw, code) => {
    expect(sanitizeErrorCode(raw)).toBe(code);
  });
});

describe('parseJsonObject', () => {
  it.each(['', '   ', 'null', '"text"', '42', '{', '[]'])('is undefined for %j', (text) => {
    expect(parseJsonObject(text)).toBeUndefined();
  });
});

describe('AwsJsonError', () => {
  it('is named by its code, as the SDK names its exceptions, and says where it happened', () => {
    const error = new AwsJsonError({
      service: 'ssm',
      operation: 'GetParameter',
      code: 'ParameterNotFound',
      message: 'parameter /x not found',
      statusCode: 400,
      attempts: 1,
      networkError: false,
      timedOut: false,
    });

    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('ParameterNotFound');
    expect(error.message).toBe('ssm GetParameter: parameter /x not found');
  });
});
