import { TencentFault } from './tencent-fault';

/** The JSON types Tencent's actions take, as its documentation names them. */
export type ParamType = 'String' | 'Integer' | 'Array of String';

export interface ParamSpec {
  type: ParamType;
  required?: boolean;
}

/** An action's parameters by name, exactly as in the SDK's request model. */
export type ParamsSpec = Readonly<Record<string, ParamSpec>>;

/**
 * Checks a request body against an action's parameters the way Tencent does: a name it does not
 * know is `UnknownParameter` (Tencent refuses what it cannot interpret rather than ignoring it),
 * a missing required one `MissingParameter`, a value of the wrong JSON type `InvalidParameter`.
 */
export function checkParams(body: unknown, spec: ParamsSpec): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new TencentFault('InvalidParameter', 'The request body must be a JSON object.');
  }
  const params = body as Record<string, unknown>;
  for (const name of Object.keys(params)) {
    if (!Object.hasOwn(spec, name)) {
      throw new TencentFault('UnknownParameter', `The parameter \`${name}\` is not recognized.`);
    }
  }
  for (const [name, { type, required }] of Object.entries(spec)) {
    const value = params[name];
    if (value === undefined) {
      if (required) {
        throw new TencentFault(
          'MissingParameter',
          `The request is missing a required parameter \`${name}\`.`,
        );
      }
      continue;
    }
    if (!hasType(value, type)) {
      throw new TencentFault(
        'InvalidParameter',
        `The value type of parameter \`${name}\` is not valid: it must be ${type}.`,
      );
    }
  }
  return params;
}

function hasType(value: unknown, type: ParamType): boolean {
  switch (type) {
    case 'String':
      return typeof value === 'string';
    case 'Integer':
      return Number.isSafeInteger(value);
    case 'Array of String':
      return Array.isArray(value) && value.every((item) => typeof item === 'string');
  }
}
