import { createServer, type Server } from 'node:net';
import {
  assertPortsFree,
  isPortFree,
  PortInUseError,
  waitForPort,
} from '../../../../scripts/local/ports';

async function listenOn(host: string): Promise<{ server: Server; port: number }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, host, () => resolve()));
  return { server, port: (server.address() as { port: number }).port };
}

const close = (server: Server) => new Promise((resolve) => server.close(resolve));

describe('the port check of npm start', () => {
  it.each(['127.0.0.1', '0.0.0.0'])('sees a port taken by a server on %s', async (host) => {
    const { server, port } = await listenOn(host);

    const free = await isPortFree(port);
    await close(server);

    expect(free).toBe(false);
    expect(await isPortFree(port)).toBe(true);
  });

  it('names every taken port, what needs it and the variable that moves it', async () => {
    const taken = await listenOn('127.0.0.1');
    const { server: spare, port: freePort } = await listenOn('127.0.0.1');
    await close(spare);

    const check = assertPortsFree([
      { port: freePort, serves: 'the console', variable: 'LOCAL_CONSOLE_PORT' },
      { port: taken.port, serves: 'DynamoDB (dynalite)', variable: 'LOCAL_DYNAMODB_PORT' },
    ]);

    await expect(check).rejects.toThrow(PortInUseError);
    await expect(check).rejects.toThrow(
      new RegExp(
        `^Port ${taken.port} is already in use; it is needed for DynamoDB \\(dynalite\\)\\. .*` +
          'LOCAL_DYNAMODB_PORT=<port> npm start$',
      ),
    );
    await close(taken.server);
  });

  it('waits until something listens on the port', async () => {
    const { server, port } = await listenOn('127.0.0.1');
    await close(server);

    const waiting = waitForPort(port, { intervalMs: 10, timeoutMs: 5_000 });
    const reopened = createServer().listen(port, '127.0.0.1');

    await expect(waiting).resolves.toBeUndefined();
    await close(reopened);
  });

  it('gives up waiting when told to (the process that should open it died)', async () => {
    const { server, port } = await listenOn('127.0.0.1');
    await close(server);
    const giveUp = new AbortController();

    const waiting = waitForPort(port, { intervalMs: 10, signal: giveUp.signal });
    giveUp.abort();

    await expect(waiting).rejects.toThrow(/abort/i);
  });
});
