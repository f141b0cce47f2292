import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { sha256, type RunningServer } from '@quai/api';
import type { KubeClient, KubeObject } from '@quai/core';
import { deleteNamespace, testClient, uniqueName } from './helpers.js';
import { startTestServer } from './api-server.js';

/**
 * `quai scale` through the HTTP API (`quai serve`) on the local control plane: a write that needs
 * a reason, done as the signed-in user, and kept in the audit trail (who, what, why, how it
 * ended); the workload says who scaled it and why.
 */

let client: KubeClient;
let server: RunningServer;
const dir = mkdtempSync(join(tmpdir(), 'quai-api-scale-'));
const ns = uniqueName('quai-test-scale-api');
const token = `t-${randomBytes(16).toString('hex')}`;

const app = stringify({
  apiVersion: 'quai.dev/v1alpha1',
  kind: 'App',
  metadata: { name: 'board' },
  spec: {
    namespace: ns,
    components: { web: { image: 'registry.example/board/web:1.0.0', replicas: 1 } },
  },
});

async function call(path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${server.url}/api/v1${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'accept-language': 'fr',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: JSON.parse(await res.text()) as unknown };
}

beforeAll(async () => {
  client = await testClient();
  server = await startTestServer({
    listen: '127.0.0.1:0',
    storage: { sqlite: join(dir, 'quai.db') },
    defaultLang: 'en',
    auth: { tokens: [{ user: 'alice', groups: ['system:masters'], sha256: sha256(token) }] },
  });
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await deleteNamespace(client, ns);
  client.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('quai scale through the HTTP API', () => {
  it('asks for a reason, scales as the signed-in user and keeps who, what and why in the audit trail', async () => {
    const applied = await call('/deploy/apply', {
      apps: [{ yaml: app }],
      wait: false,
      reason: 'first deploy',
    });
    expect(applied.body).toMatchObject({ outcome: 'ok' });

    const noReason = await call('/capacity/scale', { app: { yaml: app }, replicas: 3 });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.code).toBe('REASON_REQUIRED');

    const scaled = await call('/capacity/scale', {
      app: { yaml: app },
      replicas: 3,
      reason: 'ticket 77: rush hour',
    });
    expect(scaled.status).toBe(200);
    expect(scaled.body).toMatchObject({
      outcome: 'ok',
      result: { workload: 'Deployment/web', from: 1, to: 3, fieldManager: 'quai-scale', namespace: ns },
    });
    const d = await client.get<KubeObject & { spec: { replicas: number } }>({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      namespace: ns,
      name: 'web',
    });
    expect(d.spec.replicas).toBe(3);
    // The API server acted as alice (impersonated), and the workload says so.
    expect(d.metadata.annotations).toMatchObject({
      'quai.dev/scaled-by': 'alice',
      'quai.dev/scaled-to': '3',
      'quai.dev/scale-reason': 'ticket 77: rush hour',
    });

    const trail = await call('/audit?action=capacity.scale');
    expect(trail.status).toBe(200);
    const events = trail.body.events as { reason?: string; status: string }[];
    expect(events.find((e) => e.reason === 'ticket 77: rush hour')).toMatchObject({
      actor: 'alice',
      action: 'capacity.scale',
      status: 'ok',
      app: 'board',
      namespace: ns,
      environment: 'prod',
    });
    // The refused one (no reason) is not a change: nothing was recorded as done for it.
    expect(events.filter((e) => e.status === 'ok')).toHaveLength(1);
  }, 180_000);
});
