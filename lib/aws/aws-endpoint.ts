/** Where a service answers, as the AWS SDK finds it. */
export interface EndpointNames {
  /** The host's first label in the regional endpoint: `dynamodb`, `events`, `ssm`. */
  endpointPrefix: string;
  /** The SDK's service id in `AWS_ENDPOINT_URL_<ID>`: `DYNAMODB`, `EVENTBRIDGE`, `SSM`. */
  endpointVariable: string;
}

/** A region becomes part of a host name: letters, digits and dashes only. */
const REGION = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/**
 * The endpoint of a service, in the SDK's order: `AWS_ENDPOINT_URL_<SERVICE>`, then
 * `AWS_ENDPOINT_URL` (both ignored when `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true`), then the
 * regional default, `https://<prefix>.<region>.amazonaws.com` (`.com.cn` in China).
 *
 * @example
 * resolveEndpoint({ endpointPrefix: 'events', endpointVariable: 'EVENTBRIDGE' }, 'eu-west-1')
 * // URL https://events.eu-west-1.amazonaws.com/
 */
export function resolveEndpoint(
  names: EndpointNames,
  region: string,
  env: NodeJS.ProcessEnv = process.env,
): URL {
  const configured =
    env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS === 'true'
      ? undefined
      : env[`AWS_ENDPOINT_URL_${names.endpointVariable}`] || env.AWS_ENDPOINT_URL;
  if (configured) return parseEndpoint(configured);
  if (!REGION.test(region)) throw new Error(`"${region}" is not an AWS region`);
  const suffix = region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
  return new URL(`https://${names.endpointPrefix}.${region}.${suffix}/`);
}

/** An endpoint given by configuration: an http(s) URL, the path kept (`/` when none). */
export function parseEndpoint(value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`endpoint "${value}" is not a URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`endpoint "${value}" is not an http(s) URL`);
  }
  return url;
}
