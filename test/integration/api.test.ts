import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, Socket, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { stringify } from 'yaml';
import { sha256, type RunningServer } from '@quai/api';
import { mapLimit, type KubeClient, type KubeObject } from '@quai/core';
import { deleteNamespace, testClient, uniqueName } from './helpers.js';
import { startTestServer } from './api-server.js';

/**
 * The HTTP API on the real cluster: real users and RBAC bindings, the API server's own refusals,
 * the audit trail in a real SQLite file.
 */

let client: KubeClient;
/** Process warnings seen while this file runs (a listener left per request shows up here). */
const warnings: string[] = [];
process.on('warning', (w) => warnings.push(`${w.name}: ${w.message}`));
let server: RunningServer;
const dir = mkdtempSync(join(tmpdir(), 'quai-api-'));
const nsA = uniqueName('quai-test-team-a');
const nsB = uniqueName('quai-test-team-b');
// Apps deployed by the administrator, each in a namespace of its own.
const nsProd = uniqueName('quai-test-api-prod');
const nsSse = uniqueName('quai-test-api-sse');
const tokens = {
  admin: `t-${randomBytes(16).toString('hex')}`,
  viewer: `t-${randomBytes(16).toString('hex')}`,
  teamA: `t-${randomBytes(16).toString('hex')}`,
};
const users = { viewer: uniqueName('alice'), teamA: uniqueName('bob') };

function spec(name: string, namespace: string, extra: Record<string, unknown> = {}): string {
  return stringify({
    apiVersion: 'quai.dev/v1alpha1',
    kind: 'App',
    metadata: { name },
    spec: {
      namespace,
      components: {
        web: { image: 'registry.example/web:1.0.0', ports: [{ name: 'http', port: 8080 }], ...extra },
      },
    },
  });
}

interface Reply {
  readonly status: number;
  readonly body: any;
  readonly headers: Headers;
}

async function call(path: string, init: RequestInit & { token?: string } = {}): Promise<Reply> {
  const headers = new Headers(init.headers);
  if (init.token !== undefined) headers.set('authorization', `Bearer ${init.token}`);
  if (init.body !== undefined && !headers.has('content-type'))
    headers.set('content-type', 'application/json');
  const res = await fetch(`${server.url}${path}`, { ...init, headers, redirect: 'manual' });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* text or CSV */
  }
  return { status: res.status, body, headers: res.headers };
}

const post = (path: string, body: unknown, init: RequestInit & { token?: string } = {}) =>
  call(`/api/v1${path}`, { ...init, method: 'POST', body: JSON.stringify(body) });

function startApi(kubeconfig: string): Promise<RunningServer> {
  return startTestServer(
    {
      listen: '127.0.0.1:0',
      storage: { sqlite: join(dir, `quai-${randomBytes(4).toString('hex')}.db`) },
      defaultLang: 'en',
      limits: { bodyBytes: 256 * 1024, drainTimeout: '20s' },
      auth: {
        loginAttemptsPerMinute: 5,
        tokens: [
          { user: 'quai-admin', groups: ['system:masters'], sha256: sha256(tokens.admin) },
          { user: users.viewer, groups: [], sha256: sha256(tokens.viewer) },
          { user: users.teamA, groups: [], sha256: sha256(tokens.teamA) },
        ],
      },
    },
    { kubeconfig },
  );
}

beforeAll(async () => {
  client = await testClient();
  for (const ns of [nsA, nsB])
    await client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  const rbac = 'rbac.authorization.k8s.io/v1';
  // The viewer may read team A's namespace; team A may change it (and SSA its Namespace object).
  await client.create({
    apiVersion: rbac,
    kind: 'RoleBinding',
    metadata: { name: 'viewer', namespace: nsA },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
    subjects: [{ kind: 'User', name: users.viewer, apiGroup: 'rbac.authorization.k8s.io' }],
  });
  await client.create({
    apiVersion: rbac,
    kind: 'RoleBinding',
    metadata: { name: 'team-a', namespace: nsA },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'admin' },
    subjects: [{ kind: 'User', name: users.teamA, apiGroup: 'rbac.authorization.k8s.io' }],
  });
  // Quai renders a LimitRange and a ResourceQuota with each app: the team may manage them here.
  await client.create({
    apiVersion: rbac,
    kind: 'Role',
    metadata: { name: 'guardrails', namespace: nsA },
    rules: [
      {
        apiGroups: [''],
        resources: ['limitranges', 'resourcequotas'],
        verbs: ['get', 'list', 'create', 'patch', 'update', 'delete'],
      },
    ],
  });
  await client.create({
    apiVersion: rbac,
    kind: 'RoleBinding',
    metadata: { name: 'guardrails', namespace: nsA },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'guardrails' },
    subjects: [{ kind: 'User', name: users.teamA, apiGroup: 'rbac.authorization.k8s.io' }],
  });
  await client.create({
    apiVersion: rbac,
    kind: 'ClusterRole',
    metadata: { name: `${nsA}-namespace` },
    rules: [{ apiGroups: [''], resources: ['namespaces'], resourceNames: [nsA], verbs: ['get', 'patch'] }],
  });
  await client.create({
    apiVersion: rbac,
    kind: 'ClusterRoleBinding',
    metadata: { name: `${nsA}-namespace` },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: `${nsA}-namespace` },
    subjects: [{ kind: 'User', name: users.teamA, apiGroup: 'rbac.authorization.k8s.io' }],
  });
  server = await startApi(inject('kubeconfig'));
}, 120_000);

afterAll(async () => {
  await server?.stop();
  for (const name of [`${nsA}-namespace`]) {
    await client
      .delete({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', name })
      .catch(() => undefined);
    await client
      .delete({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', name })
      .catch(() => undefined);
  }
  for (const ns of [nsA, nsB, nsProd, nsSse]) await deleteNamespace(client, ns);
  client.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A server-sent event stream read as text until a pattern appears in it (30 s at most). */
function eventStream(res: Response): {
  until: (pattern: RegExp) => Promise<RegExpMatchArray>;
  text: () => string;
  cancel: () => Promise<void>;
} {
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let text = '';
  return {
    async until(pattern) {
      const deadline = Date.now() + 30_000;
      for (;;) {
        const m = text.match(pattern);
        if (m) return m;
        if (Date.now() > deadline) throw new Error(`no ${pattern} in ${text.slice(0, 2000)}`);
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended before ${pattern}`);
        text += value;
      }
    },
    text: () => text,
    cancel: () => reader.cancel().catch(() => undefined),
  };
}

describe('the HTTP API', () => {
  it('answers its probes and serves a valid OpenAPI 3.1 document of every use case', async () => {
    expect((await call('/healthz')).status).toBe(200);
    expect((await call('/readyz')).status).toBe(200);
    const doc = await call('/api/v1/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe('3.1.0');
    expect(Object.keys(doc.body.paths)).toContain('/api/v1/deploy/apply');
    const validator = new Validator();
    const result = await validator.validate(doc.body);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('refuses callers without a valid token or session, and sets security headers', async () => {
    const none = await post('/deploy/status', { apps: [{ app: 'x' }] });
    expect(none.status).toBe(401);
    expect(none.body.error.code).toBe('UNAUTHENTICATED');
    expect(none.headers.get('x-content-type-options')).toBe('nosniff');
    expect(none.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    const bad = await post('/deploy/status', { apps: [{ app: 'x' }] }, { token: 'nope' });
    expect(bad.status).toBe(401);
  });

  it('gives 404 for unknown routes, 413 for oversized bodies, 400 with the schema problems in French', async () => {
    expect((await call('/api/v1/nope', { token: tokens.admin })).status).toBe(404);
    const big = await post(
      '/deploy/plan',
      { apps: [{ yaml: 'x'.repeat(300 * 1024) }] },
      { token: tokens.admin },
    );
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    const invalid = await post(
      '/deploy/apply',
      { apps: [], timeoutMs: 'soon' },
      {
        token: tokens.admin,
        headers: { 'accept-language': 'fr-FR,fr;q=0.9' },
      },
    );
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.code).toBe('INPUT_INVALID');
    expect(invalid.body.error.message).toContain('timeoutMs');
    expect(invalid.body.error.message).toContain('nombre attendu');
    const notJson = await call('/api/v1/deploy/plan', {
      method: 'POST',
      body: '{',
      token: tokens.admin,
      headers: { 'content-type': 'application/json' },
    });
    expect(notJson.status).toBe(400);
    const path = await post('/deploy/plan', { apps: [{ file: '/etc/passwd' }] }, { token: tokens.admin });
    expect(path.status).toBe(400);
    expect(path.body.error.message).toContain('not as a path');
    expect(path.body.error.hint).toContain('never reads paths');
  });

  it('acts as the signed-in user: a viewer cannot apply, the API server says why, and it is recorded', async () => {
    const r = await post(
      '/deploy/apply',
      { apps: [{ yaml: spec('web', nsA) }], environment: 'prod', reason: 'try', wait: false },
      { token: tokens.viewer },
    );
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('FORBIDDEN');
    expect(r.body.error.message).toContain(users.viewer);
    const trail = await call(`/api/v1/audit?actor=${users.viewer}`, { token: tokens.admin });
    expect(trail.body.events[0]).toMatchObject({
      action: 'deploy.apply',
      status: 'denied',
      errorCode: 'FORBIDDEN',
      reason: 'try',
    });
  });

  it('lets a team deploy in its namespace and not in another team one', async () => {
    const ok = await post(
      '/deploy/apply',
      {
        apps: [{ yaml: spec('web', nsA) }],
        environment: 'staging-like',
        wait: false,
        platform: { yaml: platform() },
      },
      { token: tokens.teamA },
    );
    expect(ok.body).toMatchObject({ outcome: 'ok' });
    expect(ok.status).toBe(200);
    expect(ok.body.result[0]).toMatchObject({ status: 'deployed', target: { app: 'web', namespace: nsA } });
    const status = await post(
      '/deploy/status',
      { apps: [{ app: 'web' }], namespace: nsA, environment: 'staging-like', platform: { yaml: platform() } },
      { token: tokens.teamA },
    );
    expect(status.status).toBe(200);
    expect(status.body.result[0].revision.deployedBy).toBe(users.teamA);
    const other = await post(
      '/deploy/apply',
      {
        apps: [{ yaml: spec('web', nsB) }],
        environment: 'staging-like',
        wait: false,
        platform: { yaml: platform() },
      },
      { token: tokens.teamA },
    );
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('FORBIDDEN');
  });

  it('asks for a reason before a production apply and a rollback, and keeps it in the audit trail', async () => {
    const noReason = await post(
      '/deploy/apply',
      { apps: [{ yaml: spec('api', nsProd) }], wait: false },
      { token: tokens.admin },
    );
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.code).toBe('REASON_REQUIRED');
    const withReason = await post(
      '/deploy/apply',
      { apps: [{ yaml: spec('api', nsProd) }], wait: false, reason: 'ticket 4242' },
      { token: tokens.admin },
    );
    expect(withReason.body).toMatchObject({ outcome: 'ok' });
    const rollback = await post(
      '/deploy/rollback',
      { app: { app: 'api' }, namespace: nsProd },
      { token: tokens.admin },
    );
    expect(rollback.body.error.code).toBe('REASON_REQUIRED');
    const trail = await call('/api/v1/audit?action=deploy.apply&actor=quai-admin', { token: tokens.admin });
    const event = trail.body.events.find((e: { reason?: string }) => e.reason === 'ticket 4242');
    expect(event).toMatchObject({
      actor: 'quai-admin',
      status: 'ok',
      app: 'api',
      namespace: nsProd,
      environment: 'prod',
    });
    expect(event.request.apps[0].yaml.sha256).toMatch(/^[a-f0-9]{64}$/);
    const csv = await call('/api/v1/audit?format=csv&action=deploy.apply', { token: tokens.admin });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(String(csv.body).split('\r\n')[0]).toBe(
      'at,actor,groups,action,app,namespace,environment,reason,status,errorCode,message,durationMs,source,id',
    );
    expect(String(csv.body)).toContain('ticket 4242');
    const history = await call('/api/v1/history?kind=deploy.apply', { token: tokens.admin });
    expect(history.body.entries.some((h: { app?: string }) => h.app === 'api')).toBe(true);
    // A restore always needs a reason, except its dry run, which changes nothing and stays out of
    // the trail (here it fails further on: the folder holds no backup).
    const target = join(dir, 'no-backups-here');
    const restore = { target, backup: 'b1', namespaces: [nsProd] };
    const real = await post('/backup/restore', restore, { token: tokens.admin });
    expect(real.body.error.code).toBe('REASON_REQUIRED');
    const dry = await post('/backup/restore', { ...restore, dryRun: true }, { token: tokens.admin });
    expect(dry.body.error?.code).not.toBe('REASON_REQUIRED');
    const restores = await call('/api/v1/audit?action=backup.restore', { token: tokens.admin });
    // The refused real restore is there; the dry run is not.
    expect(restores.body.events.map((e: { errorCode?: string }) => e.errorCode)).toEqual(['REASON_REQUIRED']);
  });

  it('shows each user the trail and the history of the namespaces where the API server lets them read events', async () => {
    // The admin sees everything: team A's deploy and the production apply.
    const all = await call('/api/v1/audit?limit=1000', { token: tokens.admin });
    const namespaces = (r: { body: { events: { namespace?: string }[] } }): Set<string | undefined> =>
      new Set(r.body.events.map((e) => e.namespace));
    expect([...namespaces(all)]).toEqual(expect.arrayContaining([nsA, nsProd]));
    // The viewer reads events in team A's namespace only: team A's deploy, not production.
    const viewer = await call('/api/v1/audit?limit=1000', { token: tokens.viewer });
    expect(viewer.status).toBe(200);
    const seen = viewer.body.events as { actor: string; namespace?: string; action: string }[];
    expect(
      seen.some((e) => e.actor === users.teamA && e.namespace === nsA && e.action === 'deploy.apply'),
    ).toBe(true);
    expect(seen.every((e) => e.namespace === nsA || e.actor === users.viewer)).toBe(true);
    // Filtering by another namespace gives nothing, and the CSV export follows the same rule.
    const prod = await call(`/api/v1/audit?namespace=${nsProd}`, { token: tokens.viewer });
    expect(prod.body.events).toEqual([]);
    const csv = await call('/api/v1/audit?format=csv&limit=1000', { token: tokens.viewer });
    expect(String(csv.body)).not.toContain('ticket 4242');
    // The history: the production apply's report is not listed for the viewer, and reading it by
    // its id answers as if it did not exist.
    const prodHistory = await call('/api/v1/history?kind=deploy.apply&limit=1000', { token: tokens.admin });
    const prodEntry = (prodHistory.body.entries as { id: string; namespace?: string }[]).find(
      (h) => h.namespace === nsProd,
    );
    expect(prodEntry).toBeDefined();
    const viewerHistory = await call('/api/v1/history?kind=deploy.apply&limit=1000', {
      token: tokens.viewer,
    });
    const viewerEntries = viewerHistory.body.entries as { namespace?: string }[];
    expect(viewerEntries.some((h) => h.namespace === nsA)).toBe(true);
    expect(viewerEntries.every((h) => h.namespace === nsA)).toBe(true);
    expect((await call(`/api/v1/history/${prodEntry?.id ?? ''}`, { token: tokens.viewer })).status).toBe(404);
    expect((await call(`/api/v1/history/${prodEntry?.id ?? ''}`, { token: tokens.admin })).status).toBe(200);
  });

  it('streams progress as server-sent events, then the result', async () => {
    const res = await fetch(`${server.url}/api/v1/deploy/apply`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${tokens.admin}`,
        accept: 'text/event-stream',
        'content-type': 'application/json',
      },
      body: JSON.stringify({ apps: [{ yaml: spec('sse', nsSse) }], reason: 'sse test', timeoutMs: 60_000 }),
    });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const text = await res.text();
    const events = [...text.matchAll(/^event: (\w+)\ndata: (.*)$/gm)].map((m) => ({
      event: m[1],
      data: JSON.parse(m[2]!),
    }));
    expect(events.filter((e) => e.event === 'progress').length).toBeGreaterThan(0);
    expect(events.find((e) => e.event === 'progress')?.data.message.text).toEqual(expect.any(String));
    const last = events.at(-1)!;
    expect(last, JSON.stringify(last.data)).toMatchObject({
      event: 'result',
      data: { outcome: 'ok', status: 200 },
    });
  });

  it('streams live changes from the watch cache as the user sees them, and refuses what RBAC refuses', async () => {
    // Team B's namespace: the viewer may not list there; the API server's reason comes back.
    const denied = await call(`/api/v1/watch?apiVersion=v1&kind=ConfigMap&namespace=${nsB}`, {
      token: tokens.viewer,
    });
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe('FORBIDDEN');
    const secrets = await call(`/api/v1/watch?apiVersion=v1&kind=Secret&namespace=${nsA}`, {
      token: tokens.admin,
    });
    expect(secrets.status).toBe(400);
    const bad = await call(`/api/v1/watch?apiVersion=v1&kind=config-map&namespace=${nsA}`, {
      token: tokens.viewer,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('kind');

    await client.create({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'before', namespace: nsA },
      data: { a: '1' },
    });
    const controller = new AbortController();
    const res = await fetch(`${server.url}/api/v1/watch?apiVersion=v1&kind=ConfigMap&namespace=${nsA}`, {
      headers: { authorization: `Bearer ${tokens.viewer}` },
      signal: controller.signal,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const stream = eventStream(res);
    const until = stream.until;
    const snapshot = JSON.parse((await until(/event: snapshot\ndata: (.*)\n/))[1]!);
    const read = await call(`/api/v1/objects?apiVersion=v1&kind=ConfigMap&namespace=${nsA}`, {
      token: tokens.viewer,
    });
    expect(read.status).toBe(200);
    expect(read.body.items.map((o: { metadata: { name: string } }) => o.metadata.name)).toContain('before');
    expect(
      (await call(`/api/v1/objects?apiVersion=v1&kind=ConfigMap&namespace=${nsB}`, { token: tokens.viewer }))
        .status,
    ).toBe(403);
    expect(snapshot.items.map((o: { metadata: { name: string } }) => o.metadata.name)).toContain('before');
    expect(snapshot.items[0].metadata.managedFields).toBeUndefined();
    await client.create({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'after', namespace: nsA },
      data: { b: '2' },
    });
    const change = JSON.parse((await until(/event: change\ndata: (.*"after".*)\n/))[1]!);
    expect(change).toMatchObject({ type: 'ADDED', object: { metadata: { name: 'after', namespace: nsA } } });
    await client.delete({ apiVersion: 'v1', kind: 'ConfigMap', name: 'before', namespace: nsA });
    const gone = JSON.parse((await until(/event: change\ndata: (\{"type":"DELETED".*)\n/))[1]!);
    expect(gone.object.metadata.name).toBe('before');
    controller.abort();
    await stream.cancel();
  });

  it('serves a namespace and a selector from one cache of the whole kind to who may list it everywhere', async () => {
    const cm = (name: string, namespace: string, tier: string): KubeObject => ({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name, namespace, labels: { tier } },
    });
    await client.create(cm('front-a', nsA, 'front'));
    await client.create(cm('back-a', nsA, 'back'));
    await client.create(cm('front-b', nsB, 'front'));
    const query = `apiVersion=v1&kind=ConfigMap&namespace=${nsA}&labelSelector=${encodeURIComponent('tier in (front)')}`;
    const relabel = (name: string, namespace: string, labels: Record<string, string>): Promise<KubeObject> =>
      client.apply(
        { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace, labels } },
        { fieldManager: 'quai-test', force: true },
      );
    const names = (items: KubeObject[]): string[] => items.map((o) => o.metadata.name ?? '').sort();
    const read = await call(`/api/v1/objects?${query}`, { token: tokens.admin });
    expect(read.status).toBe(200);
    expect(names(read.body.items)).toEqual(['front-a']);
    const controller = new AbortController();
    const res = await fetch(`${server.url}/api/v1/watch?${query}`, {
      headers: { authorization: `Bearer ${tokens.admin}` },
      signal: controller.signal,
    });
    const stream = eventStream(res);
    const until = stream.until;
    try {
      const snapshot = JSON.parse((await until(/event: snapshot\ndata: (.*)\n/))[1]!);
      expect(names(snapshot.items)).toEqual(['front-a']);
      // Relabelled out of the selector: DELETED for this reader; relabelled in: ADDED.
      await relabel('front-a', nsA, { tier: 'back' });
      const out = JSON.parse((await until(/event: change\ndata: (\{"type":"DELETED".*"front-a".*)\n/))[1]!);
      expect(out.object.metadata.labels.tier).toBe('back');
      await relabel('back-a', nsA, { tier: 'front' });
      const into = JSON.parse((await until(/event: change\ndata: (\{"type":"ADDED".*"back-a".*)\n/))[1]!);
      expect(into.object.metadata.namespace).toBe(nsA);
      // Another namespace's change never reaches this reader.
      await relabel('front-b', nsB, { tier: 'front', changed: 'yes' });
      await client.create(cm('front-a2', nsA, 'front'));
      await until(/event: change\ndata: (\{"type":"ADDED".*"front-a2".*)\n/);
      expect(stream.text()).not.toContain('front-b');
    } finally {
      controller.abort();
      await stream.cancel();
    }
  });

  it('signs in with a token into a cookie session whose changes need the CSRF token', async () => {
    const login = await call('/api/v1/auth/token', {
      method: 'POST',
      body: JSON.stringify({ token: tokens.admin }),
      headers: { 'content-type': 'application/json' },
    });
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/quai_session=[^;]+; Max-Age=\d+; Path=\/; HttpOnly; SameSite=Lax/);
    const session = cookie.split(';')[0]!;
    const me = await call('/api/v1/auth/me', { headers: { cookie: session } });
    expect(me.body).toMatchObject({ user: 'quai-admin', via: 'session' });
    const body = JSON.stringify({ apps: [{ app: 'api' }], namespace: nsProd });
    const noCsrf = await call('/api/v1/deploy/status', {
      method: 'POST',
      body,
      headers: { cookie: session, 'content-type': 'application/json' },
    });
    expect(noCsrf.status).toBe(403);
    expect(noCsrf.body.error.code).toBe('CSRF_FAILED');
    const withCsrf = await call('/api/v1/deploy/status', {
      method: 'POST',
      body,
      headers: { cookie: session, 'content-type': 'application/json', 'x-csrf-token': me.body.csrf },
    });
    expect(withCsrf.status).toBe(200);
    await call('/api/v1/auth/logout', {
      method: 'POST',
      headers: { cookie: session, 'x-csrf-token': me.body.csrf },
    });
    const after = await call('/api/v1/auth/me', { headers: { cookie: session } });
    expect(after.status).toBe(401);
  });

  it('limits sign-in attempts and says when to try again', async () => {
    const attempts = [];
    for (let i = 0; i < 7; i++) {
      attempts.push(
        await call('/api/v1/auth/token', {
          method: 'POST',
          body: JSON.stringify({ token: 'wrong' }),
          headers: { 'content-type': 'application/json' },
        }),
      );
    }
    // Five attempts a minute from one address (earlier tests used some): then 429 until it passes.
    const first429 = attempts.findIndex((a) => a.status === 429);
    expect(first429).toBeGreaterThanOrEqual(0);
    expect(attempts.slice(0, first429).every((a) => a.status === 401)).toBe(true);
    expect(attempts.slice(first429).every((a) => a.status === 429)).toBe(true);
    const limited = attempts.at(-1)!;
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('the HTTP API when the cluster goes away', () => {
  it('answers 503 while the API server is unreachable, and works again when it returns', async () => {
    // A plain TCP relay in front of the real API server, that the test can cut.
    const kubeconfig = inject('kubeconfig');
    const { loadClusterAccess } = await import('@quai/core');
    const access = await loadClusterAccess({ kubeconfig });
    const upstream = new URL(access.server);
    let sockets: Socket[] = [];
    const relay: Server = createServer((downstream) => {
      const up = new Socket();
      up.connect(Number(upstream.port), upstream.hostname);
      downstream.pipe(up).pipe(downstream);
      up.on('error', () => downstream.destroy());
      downstream.on('error', () => up.destroy());
      sockets.push(up, downstream);
    });
    await new Promise<void>((r) => relay.listen(0, '127.0.0.1', r));
    const port = (relay.address() as { port: number }).port;
    const { readFileSync, writeFileSync } = await import('node:fs');
    const relayed = join(dir, 'relayed-kubeconfig');
    writeFileSync(
      relayed,
      readFileSync(kubeconfig, 'utf8').replace(access.server, `https://127.0.0.1:${port}`),
    );
    const s = await startApi(relayed);
    try {
      const ask = () =>
        fetch(`${s.url}/api/v1/deploy/history`, {
          method: 'POST',
          headers: { authorization: `Bearer ${tokens.admin}`, 'content-type': 'application/json' },
          body: JSON.stringify({ app: { app: 'api' }, namespace: nsProd }),
        });
      expect((await ask()).status).toBe(200);
      // A live stream through the same relay: it says when the cluster is lost and when it is back.
      const live = await fetch(`${s.url}/api/v1/watch?apiVersion=v1&kind=Namespace`, {
        headers: { authorization: `Bearer ${tokens.admin}` },
      });
      expect(live.status).toBe(200);
      const reader = live.body!.pipeThrough(new TextDecoderStream()).getReader();
      let text = '';
      const until = async (pattern: RegExp): Promise<void> => {
        while (!pattern.test(text)) {
          const { value, done } = await reader.read();
          if (done) throw new Error(`stream ended before ${pattern}: ${text.slice(-500)}`);
          text += value;
        }
      };
      await until(/event: snapshot/);
      const closed = new Promise<void>((r) => relay.close(() => r()));
      for (const x of sockets) x.destroy();
      sockets = [];
      await closed;
      const down = await ask();
      expect(down.status).toBe(503);
      expect(((await down.json()) as { error: { code: string } }).error.code).toBe('CLUSTER_UNREACHABLE');
      await until(/event: status\ndata: \{"connected":false/);
      await new Promise<void>((r) => relay.listen(port, '127.0.0.1', r));
      expect((await ask()).status).toBe(200);
      await until(/event: status\ndata: \{"connected":true\}/);
      // Stopping the server ends the open stream instead of waiting for it.
      const stopped = s.stop();
      for (let r = await reader.read(); !r.done; r = await reader.read()) text += r.value;
      await stopped;
    } finally {
      await s.stop();
      relay.close();
      for (const x of sockets) x.destroy();
    }
  }, 180_000);
});

function platform(): string {
  return stringify({
    apiVersion: 'quai.dev/v1alpha1',
    kind: 'Platform',
    metadata: { name: 'test' },
    spec: {
      domain: 'apps.example.fr',
      environments: { prod: { namespaceSuffix: '' }, 'staging-like': { namespaceSuffix: '' } },
    },
  });
}

describe('the server over many requests', () => {
  it('leaves no listener behind per request (no MaxListenersExceededWarning)', async () => {
    // Past 500 listeners on one signal, the server lets Node warn: 520 requests, 10 at a time.
    await mapLimit(Array.from({ length: 520 }), 10, async () => {
      const status = await post(
        '/deploy/status',
        {
          apps: [{ app: 'web' }],
          namespace: nsA,
          environment: 'staging-like',
          platform: { yaml: platform() },
        },
        { token: tokens.admin },
      );
      expect(status.status).toBe(200);
    });
    await new Promise((r) => setTimeout(r, 50));
    expect(warnings.filter((w) => w.startsWith('MaxListenersExceededWarning'))).toEqual([]);
  });
});
