// HTTP fault injection: a loopback server that answers with chosen status codes, to check the
// client's retry, backoff, timeout and error-mapping policy. Kubernetes semantics themselves are
// tested against the real API server in test/integration.
import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { KubeApiError, KubeClient, QuaiError } from '../src/index.js';
import { serve } from './fault-server.js';

function status(
  res: ServerResponse,
  code: number,
  reason: string,
  message: string,
  extra: object = {},
): void {
  res.writeHead(code, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ kind: 'Status', status: 'Failure', code, reason, message, ...extra }));
}

describe('KubeClient retries and errors', () => {
  it('retries 429 honouring Retry-After, then succeeds', async () => {
    const { access, count } = await serve((_req, res, n) => {
      if (n < 2) {
        res.setHeader('retry-after', '0');
        status(res, 429, 'TooManyRequests', 'slow down');
      } else {
        res.end('{"ok":true}');
      }
    });
    const client = new KubeClient(access, { qps: 0, backoffMs: 1 });
    expect(await client.request({ path: '/x' })).toEqual({ ok: true });
    expect(count()).toBe(3);
    client.close();
  });

  it('retries 503 for reads but not for creates', async () => {
    const { access, count } = await serve((_req, res) => status(res, 503, 'ServiceUnavailable', 'down'));
    const client = new KubeClient(access, { qps: 0, backoffMs: 1, retries: 3 });
    await expect(client.request({ path: '/x' })).rejects.toMatchObject({ code: 'SERVER_ERROR' });
    expect(count()).toBe(4);
    await expect(client.request({ method: 'POST', path: '/x', body: {} })).rejects.toMatchObject({
      code: 'SERVER_ERROR',
    });
    expect(count()).toBe(5);
    client.close();
  });

  it('keeps the server message and causes, and maps status codes to error codes', async () => {
    const cases: [number, string, string][] = [
      [401, 'Unauthorized', 'UNAUTHORIZED'],
      [403, 'Forbidden', 'FORBIDDEN'],
      [404, 'NotFound', 'NOT_FOUND'],
      [409, 'AlreadyExists', 'ALREADY_EXISTS'],
      [409, 'Conflict', 'CONFLICT'],
      [422, 'Invalid', 'INVALID'],
    ];
    for (const [code, reason, expected] of cases) {
      const { access } = await serve((_req, res) =>
        status(res, code, reason, `server says ${reason}`, {
          details: { causes: [{ reason: 'FieldValueInvalid', field: 'spec.x', message: 'bad' }] },
        }),
      );
      const client = new KubeClient(access, { qps: 0, retries: 0 });
      const error = await client.request({ path: '/apis/x' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(KubeApiError);
      const e = error as KubeApiError;
      expect(e.code).toBe(expected);
      expect(e.status).toBe(code);
      expect(e.serverMessage).toBe(`server says ${reason}`);
      expect(e.message).toContain('GET /apis/x');
      expect(e.causes[0]?.field).toBe('spec.x');
      expect(e.hint).toBeTruthy();
      client.close();
    }
  });

  it('times out a hung request, retries it, then reports TIMEOUT', async () => {
    const { access, count } = await serve(() => undefined /* never answers */);
    const client = new KubeClient(access, { qps: 0, timeoutMs: 100, retries: 1, backoffMs: 1 });
    const error = await client.request({ path: '/slow' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QuaiError);
    expect((error as QuaiError).code).toBe('TIMEOUT');
    expect(count()).toBe(2);
    client.close();
  });

  it('reports an unreachable server with its address and context', async () => {
    const { access, close } = await serve(() => undefined);
    await close();
    const client = new KubeClient(access, { qps: 0, retries: 2, backoffMs: 1 });
    const error = (await client.request({ path: '/' }).catch((e: unknown) => e)) as QuaiError;
    expect(error.code).toBe('CLUSTER_UNREACHABLE');
    expect(error.message).toContain(access.server);
    expect(error.message).toContain('context "test"');
    client.close();
  });

  it('sends the bearer token and applies with the apply-patch content type', async () => {
    const seen: {
      auth: string | undefined;
      type: string | undefined;
      url: string | undefined;
      method: string | undefined;
    }[] = [];
    const { access } = await serve((req, res) => {
      seen.push({
        auth: req.headers.authorization,
        type: req.headers['content-type'],
        url: req.url,
        method: req.method,
      });
      if (req.url?.startsWith('/api/v1?') || req.url === '/api/v1') {
        res.end(
          JSON.stringify({
            resources: [{ name: 'configmaps', kind: 'ConfigMap', namespaced: true, verbs: ['patch'] }],
          }),
        );
        return;
      }
      res.end('{}');
    });
    const client = new KubeClient(access, { qps: 0 });
    await client.apply(
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'ns' } },
      { fieldManager: 'quai', force: true, dryRun: true },
    );
    const patch = seen.find((s) => s.method === 'PATCH');
    expect(patch?.auth).toBe('Bearer t');
    expect(patch?.type).toBe('application/apply-patch+yaml');
    expect(patch?.url).toBe('/api/v1/namespaces/ns/configmaps/c?fieldManager=quai&force=true&dryRun=All');
    client.close();
  });
});

describe('an object reference without a name', () => {
  it('is refused before any request: a nameless DELETE would remove the whole collection', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(500).end();
    });
    const client = new KubeClient(server.access);
    for (const name of ['', undefined as unknown as string]) {
      const ref = { apiVersion: 'v1', kind: 'Pod', name, namespace: 'default' };
      await expect(client.delete(ref)).rejects.toMatchObject({ code: 'INPUT_INVALID' });
      await expect(client.get(ref)).rejects.toMatchObject({ code: 'INPUT_INVALID' });
    }
    expect(server.count()).toBe(0);
    client.close();
  });
});
