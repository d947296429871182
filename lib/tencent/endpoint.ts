import { lookup } from 'node:dns';
import { Agent } from 'node:http';
import type { LookupFunction } from 'node:net';
import type { HttpProfile } from 'tencentcloud-sdk-nodejs-common';
import { TencentConfigurationError } from './errors';
import { LIVE_API_HOST, LIVE_SERVICE } from './tencent-api';

/** Where the SDK sends requests, and the address a person should read in messages. */
export interface LiveEndpoint {
  httpProfile: HttpProfile;
  /** `https://live.tencentcloudapi.com`, or the override as given. */
  display: string;
}

/**
 * The SDK's HTTP profile for `TENCENTCLOUD_ENDPOINT` (unset: Tencent itself).
 *
 * The SDK signs with the service name it takes from the endpoint's first host label
 * (`service = endpoint.split(".")[0]` in `AbstractClient.doRequestWithSign3`), so pointed at
 * `127.0.0.1:4020` it would sign for a service `127` that no Tencent accepts. An override whose
 * host does not start with `live.` is therefore addressed as `live.tencentcloudapi.com:<port>`, and
 * an agent connects that name to the override's address (what `curl --connect-to` does): the
 * request is signed for `live` and its Host names Tencent's live API, as in production.
 */
export function liveEndpoint(override: string | undefined): LiveEndpoint {
  const text = override?.trim();
  if (!text) return { httpProfile: {}, display: `https://${LIVE_API_HOST}` };

  const url = parseEndpoint(text);
  const protocol = url.protocol === 'https:' ? 'https://' : 'http://';
  if (url.hostname.split('.')[0] === LIVE_SERVICE) {
    return {
      // A plain agent also keeps a shell's http_proxy, which the SDK honours, off a local server.
      httpProfile: {
        endpoint: url.host,
        protocol,
        ...(protocol === 'http://' && { agent: new Agent({ keepAlive: true }) }),
      },
      display: text,
    };
  }
  if (protocol === 'https://') {
    throw new TencentConfigurationError(
      `TENCENTCLOUD_ENDPOINT ${text}: an https endpoint must be a live host (https://live.<...>), ` +
        'because the SDK signs for the service its first label names; other hosts work over http',
    );
  }
  const address = url.hostname.replace(/^\[(.*)\]$/, '$1'); // IPv6 literals come bracketed
  const connectTo: LookupFunction = (_hostname, options, callback) =>
    lookup(address, options, callback);
  return {
    httpProfile: {
      endpoint: `${LIVE_API_HOST}${url.port ? `:${url.port}` : ''}`,
      protocol,
      agent: new Agent({ keepAlive: true, lookup: connectTo }),
    },
    display: text,
  };
}

function parseEndpoint(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch (error) {
    throw new TencentConfigurationError(
      `TENCENTCLOUD_ENDPOINT must be a URL such as http://127.0.0.1:4020, not "${text}"`,
      { cause: error },
    );
  }
  const plain = url.pathname === '/' && !url.search && !url.hash && !url.username;
  if (!['http:', 'https:'].includes(url.protocol) || !plain) {
    throw new TencentConfigurationError(
      `TENCENTCLOUD_ENDPOINT must be http(s)://host[:port] with no path, not "${text}"`,
    );
  }
  return url;
}
