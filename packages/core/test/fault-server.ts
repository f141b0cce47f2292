// A loopback HTTP server that answers as each test chooses (status codes, delays), to check the
// Kubernetes client's retry, backoff and limit policy. Kubernetes semantics themselves are tested
// against the real API server in test/integration.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';
import type { ClusterAccess } from '../src/index.js';

export type Handler = (req: IncomingMessage, res: ServerResponse, n: number) => void;
const servers: Server[] = [];

/** Starts a server whose n-th request goes to `handler`; closed after each test. */
export async function serve(
  handler: Handler,
): Promise<{ access: ClusterAccess; count: () => number; close: () => Promise<void> }> {
  let n = 0;
  const server = createServer((req, res) => handler(req, res, n++));
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    access: {
      source: 'test',
      contextName: 'test',
      server: `http://127.0.0.1:${port}`,
      namespace: 'default',
      insecureSkipTlsVerify: false,
      auth: { kind: 'token', token: 't' },
    },
    count: () => n,
    /** Stops the server now (a test of an unreachable server). */
    close: () => stop(server),
  };
}

function stop(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((r) => server.close(() => r()));
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => (s.listening ? stop(s) : Promise.resolve())));
});
