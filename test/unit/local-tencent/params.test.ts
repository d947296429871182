import { checkParams, type ParamsSpec } from '../../../local-tencent/params';
import { TencentFault } from '../../../local-tencent/tencent-fault';
import { errorThrownBy } from '../../support/thrown';

const SPEC: ParamsSpec = {
  StreamName: { type: 'String', required: true },
  PageNum: { type: 'Integer' },
  RecordExceptionLevels: { type: 'Array of String' },
};

function faultOf(body: unknown): TencentFault {
  const error = errorThrownBy(
    () => checkParams(body, SPEC),
    'expected the parameters to be refused',
  );
  if (error instanceof TencentFault) return error;
  throw error;
}

describe('checkParams', () => {
  it('accepts the parameters of the spec, optional ones left out', () => {
    const body = { StreamName: 's', RecordExceptionLevels: ['error'] };

    expect(checkParams(body, SPEC)).toEqual(body);
  });

  it.each<{ problem: string; body: unknown; code: string; message: string }>([
    {
      problem: 'a name it does not know',
      body: { StreamName: 's', Streamname: 's' },
      code: 'UnknownParameter',
      message: 'The parameter `Streamname` is not recognized.',
    },
    {
      problem: 'a missing required parameter',
      body: { PageNum: 1 },
      code: 'MissingParameter',
      message: 'The request is missing a required parameter `StreamName`.',
    },
    {
      problem: 'an integer as a string',
      body: { StreamName: 's', PageNum: '1' },
      code: 'InvalidParameter',
      message: 'The value type of parameter `PageNum` is not valid: it must be Integer.',
    },
    {
      problem: 'a fraction for an integer',
      body: { StreamName: 's', PageNum: 1.5 },
      code: 'InvalidParameter',
      message: 'The value type of parameter `PageNum` is not valid: it must be Integer.',
    },
    {
      problem: 'null',
      body: { StreamName: null },
      code: 'InvalidParameter',
      message: 'The value type of parameter `StreamName` is not valid: it must be String.',
    },
    {
      problem: 'an array holding a number',
      body: { StreamName: 's', RecordExceptionLevels: ['error', 1] },
      code: 'InvalidParameter',
      message:
        'The value type of parameter `RecordExceptionLevels` is not valid: it must be Array of String.',
    },
    {
      problem: 'a body that is not an object',
      body: ['StreamName'],
      code: 'InvalidParameter',
      message: 'The request body must be a JSON object.',
    },
  ])('refuses $problem with $code', ({ body, code, message }) => {
    const fault = faultOf(body);

    expect(fault.code).toBe(code);
    expect(fault.message).toBe(message);
  });
});
