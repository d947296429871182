import { createServer } from 'node:http';
import { close, listen } from './servers';

export interface LocalSsm {
  endpoint: string;
  parameters: Map<string, string>;
  /** GetParameter calls received, with whether decryption was asked for. */
  requests: { name: string; withDecryption: boolean }[];
  stop(): Promise<void>;
}

/** A real HTTP server speaking SSM's GetParameter (AWS JSON 1.1), holding SecureStrings in memory. */
export async function startLocalSsm(): Promise<LocalSsm> {
  const parameters = new Map<string, string>();
  const requests: LocalSsm['requests'] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as {
        Name?: string;
        WithDecryption?: boolean;
      };
      const name = body.Name ?? '';
      requests.push({ name, withDecryption: body.WithDecryption === true });
      const value = parameters.get(name);
      response.writeHead(value === undefined ? 400 : 200, {
        'content-type': 'application/x-amz-json-1.1',
      });
      response.end(
        JSON.stringify(
          value === undefined
            ? { __type: 'ParameterNotFound', message: `parameter ${name} not found` }
            : { Parameter: { Name: name, Type: 'SecureString', Value: value, Version: 1 } },
        ),
      );
    });
  });
  const endpoint = await listen(server);
  return { endpoint, parameters, requests, stop: () => close(server) };
}
