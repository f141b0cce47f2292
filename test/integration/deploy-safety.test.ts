// Deploy under careless or hostile use (issue 12): one app must not take over another's objects,
// two applies of one app must not race, old Secret values must not live on in revisions, and a
// failure must be recorded once and reported as it is. Each test reproduced the fault before the
// fix; each runs on the real API server.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { t, type AppSpec, type Component } from '@quai/contracts';
import { deploy, model, QuaiError, render, type KubeClient, type KubeObject } from '@quai/core';
import { deleteNamespace, testClient, uniqueName } from './helpers.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const main = join(root, 'packages/cli/dist/main.js');
let client: KubeClient;
const namespaces: string[] = [];
const platform = model.defaultPlatform();

beforeAll(async () => {
  client = await testClient({ qps: 0 });
});

afterAll(async () => {
  for (const ns of namespaces) await deleteNamespace(client, ns);
  client.close();
});

function web(overrides: Partial<Component> = {}): Component {
  return {
    image: 'registry.example/shop/web:1.0.0',
    ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
    replicas: 1,
    ...overrides,
  };
}

function spec(
  name: string,
  components: Record<string, Component>,
  options: { namespace?: string; team?: string } = {},
): AppSpec {
  const ns = options.namespace ?? uniqueName(`quai-test-${name}`);
  if (!namespaces.includes(ns)) namespaces.push(ns);
  return {
    apiVersion: 'quai.dev/v1alpha1',
    kind: 'App',
    metadata: { name, ...(options.team ? { team: options.team } : {}) },
    spec: { namespace: ns, components },
  };
}

function rendered(
  s: AppSpec,
  secrets?: Record<string, Record<string, string>>,
): { target: deploy.AppTarget; objects: readonly KubeObject[] } {
  const r = render.render({ app: s, platform, environment: 'prod', ...(secrets ? { secrets } : {}) });
  return {
    target: { app: s.metadata.name, environment: 'prod', namespace: r.namespace },
    objects: r.objects,
  };
}

type Live = KubeObject & { spec: any; data?: Record<string, string> };

async function live(kind: string, namespace: string, name: string): Promise<Live> {
  const apiVersion = kind === 'Deployment' ? 'apps/v1' : 'v1';
  return client.get<Live>({ apiVersion, kind, namespace, name });
}

describe('one app never silently takes over what another owns', () => {
  it('refuses, in plan and apply, objects of another app in its namespace, and changes nothing', async () => {
    const alpha = spec('alpha', { web: web() }, { team: 'compta' });
    const a = rendered(alpha);
    await deploy.apply(client, a.target, a.objects, { timeoutMs: 60_000 });
    const before = await live('Service', a.target.namespace, 'web');

    // beta names alpha's namespace and has a component "web" too, with another selector.
    const beta = spec(
      'beta',
      { web: web({ image: 'registry.example/beta/web:9.9' }) },
      {
        namespace: alpha.spec.namespace!,
        team: 'compta',
      },
    );
    const b = rendered(beta);
    const plan = await deploy.plan(client, b.target, b.objects);
    const owned = plan.changes.filter((c) => c.kind === 'owned');
    expect(owned.map((c) => c.object)).toEqual(
      expect.arrayContaining([`Service ${a.target.namespace}/web`, `Deployment ${a.target.namespace}/web`]),
    );
    expect(t('en', owned[0]!.owner!)).toBe('app "alpha"');
    expect(t('fr', owned[0]!.owner!)).toBe("l'application « alpha »");
    expect(plan.summary.owned).toBeGreaterThanOrEqual(2);

    const refused = await deploy
      .apply(client, b.target, b.objects, { timeoutMs: 30_000 })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(QuaiError);
    expect(refused).toMatchObject({ code: 'CONFLICT' });
    expect((refused as QuaiError).message).toContain(
      `Service ${a.target.namespace}/web (exists and belongs to app "alpha"`,
    );
    expect((refused as QuaiError).hint).toContain('--take-ownership');
    const after = await live('Service', a.target.namespace, 'web');
    expect(after.metadata.resourceVersion).toBe(before.metadata.resourceVersion);
    const ns = await client.get({ apiVersion: 'v1', kind: 'Namespace', name: a.target.namespace });
    expect(ns.metadata.labels?.['app.kubernetes.io/part-of']).toBe('alpha');
    expect(await deploy.listRevisions(client, a.target.namespace, 'beta')).toEqual([]);
  });

  it('refuses to deploy into, or re-label, a namespace another team owns', async () => {
    const alpha = spec('gamma', { web: web() }, { team: 'compta' });
    const a = rendered(alpha);
    await deploy.apply(client, a.target, a.objects, { timeoutMs: 60_000 });
    const intruder = spec('delta', { api: web() }, { namespace: alpha.spec.namespace!, team: 'rh' });
    const d = rendered(intruder);
    const plan = await deploy.plan(client, d.target, d.objects);
    const nsChange = plan.changes.find((c) => c.ref.kind === 'Namespace');
    expect(nsChange?.kind).toBe('owned');
    expect(t('en', nsChange!.owner!)).toBe('team "compta"');
    const refused = await deploy
      .apply(client, d.target, d.objects, { timeoutMs: 30_000 })
      .catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'CONFLICT' });
    expect((refused as Error).message).toContain('belongs to team "compta"');
    const ns = await client.get({ apiVersion: 'v1', kind: 'Namespace', name: a.target.namespace });
    expect(ns.metadata.annotations?.['quai.dev/team']).toBe('compta');
    expect(
      await client.tryGet({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        namespace: a.target.namespace,
        name: 'api',
      }),
    ).toBeUndefined();
  });

  it('leaves a namespace of another app of the team as it is, and names the objects both would render', async () => {
    const first = spec('epsilon', { web: web() }, { team: 'compta' });
    const f = rendered(first);
    await deploy.apply(client, f.target, f.objects, { timeoutMs: 60_000 });
    const second = spec(
      'zeta',
      { worker: { image: 'registry.example/zeta/worker:1.0' } },
      { namespace: first.spec.namespace!, team: 'compta' },
    );
    const z = rendered(second);
    const plan = await deploy.plan(client, z.target, z.objects);
    const nsChange = plan.changes.find((c) => c.ref.kind === 'Namespace');
    expect(nsChange?.kind).toBe('unchanged');
    expect(t('en', nsChange!.owner!)).toBe('app "epsilon"');
    // Both apps render the namespace's defaults (LimitRange, default network policies): one owner.
    const refused = await deploy
      .apply(client, z.target, z.objects, { timeoutMs: 30_000 })
      .catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'CONFLICT' });
    expect((refused as Error).message).toContain(
      `LimitRange ${f.target.namespace}/defaults (exists and belongs to app "epsilon"`,
    );
    const ns = await client.get({ apiVersion: 'v1', kind: 'Namespace', name: f.target.namespace });
    expect(ns.metadata.labels?.['app.kubernetes.io/part-of']).toBe('epsilon');
  });

  it('refuses an object made by hand, and takes it over only when asked', async () => {
    const s = spec('eta', { web: web() });
    const { target, objects } = rendered(s);
    await client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: target.namespace } });
    await client.create({
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: 'eta', namespace: target.namespace },
    });
    const refused = await deploy
      .apply(client, target, objects, { timeoutMs: 30_000 })
      .catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'CONFLICT' });
    expect((refused as Error).message).toContain('belongs to nobody (made by hand or by another tool)');
    const taken = await deploy.apply(client, target, objects, { timeoutMs: 60_000, takeOwnership: true });
    expect(taken.status).toBe('deployed');
    const sa = await client.get({
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      namespace: target.namespace,
      name: 'eta',
    });
    expect(sa.metadata.labels?.[deploy.LABEL_PART_OF]).toBe(
      deploy.applySetId({ name: 'quai-applyset-eta', namespace: target.namespace }),
    );
  });
});

describe('one apply of an app at a time', () => {
  it('refuses a concurrent apply of the same app, naming who holds it; one revision is deployed', async () => {
    const s = spec('theta', { web: web({ replicas: 2 }) });
    const { target, objects } = rendered(s);
    const results = await Promise.allSettled([
      deploy.apply(client, target, objects, { timeoutMs: 60_000 }),
      deploy.apply(client, target, objects, { timeoutMs: 60_000 }),
    ]);
    const done = results.filter((r) => r.status === 'fulfilled');
    const locked = results.filter((r) => r.status === 'rejected').map((r) => r.reason as QuaiError);
    expect(done).toHaveLength(1);
    expect(locked).toHaveLength(1);
    expect(locked[0]?.code).toBe('APPLY_LOCKED');
    expect(locked[0]?.message).toMatch(
      /Another apply of "theta" is running: .+ on .+ \(process \d+\) since /,
    );
    const history = await deploy.listRevisions(client, target.namespace, 'theta');
    expect(history.map((r) => r.status)).toEqual(['deployed']);
  });
});

function decodeRevision(s: KubeObject & { data?: Record<string, string> }): string {
  return gunzipSync(Buffer.from(s.data?.['manifests.json.gz'] ?? '', 'base64')).toString('utf8');
}

describe('revisions keep digests of Secret values, never the values', () => {
  const withSecret = (n: string): AppSpec =>
    spec(n, { web: web({ secretEnv: { DB_PASSWORD: { secret: 'db', key: 'password' } } }) });

  it('stores no value; rolls back with the live values when they match, refuses naming the Secret when not', async () => {
    const s = withSecret('iota');
    const v1 = rendered(s, { db: { password: 'first-Secret-1' } });
    await deploy.apply(client, v1.target, v1.objects, { timeoutMs: 60_000 });
    const v2 = rendered(s, { db: { password: 'rotated-Secret-2' } });
    await deploy.apply(client, v2.target, v2.objects, { timeoutMs: 60_000 });
    const revs = await client.list<KubeObject & { data?: Record<string, string> }>('v1', 'Secret', {
      namespace: v1.target.namespace,
      labelSelector: 'quai.dev/record=revision',
    });
    expect(revs).toHaveLength(2);
    for (const r of revs) {
      const text = decodeRevision(r);
      for (const value of ['first-Secret-1', 'rotated-Secret-2']) {
        expect(text).not.toContain(value);
        expect(text).not.toContain(Buffer.from(value).toString('base64'));
      }
      expect(text).toContain('quai-digest:hmac-sha256:');
    }
    // The live value changed since revision 1: refused, with the way out.
    const refused = await deploy
      .rollback(client, v1.target, { to: 1, timeoutMs: 60_000 })
      .catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'INPUT_INVALID' });
    expect((refused as QuaiError).message).toContain(`Secret ${v1.target.namespace}/db (password)`);
    expect((refused as QuaiError).hint).toContain('--secrets DIR');
    const wrong = await deploy
      .rollback(client, v1.target, { to: 1, secrets: { db: { password: 'guess' } }, timeoutMs: 60_000 })
      .catch((e: unknown) => e);
    expect((wrong as QuaiError).message).toContain('are not those of revision 1');
    // Given the old value, it rolls back.
    const back = await deploy.rollback(client, v1.target, {
      to: 1,
      secrets: { db: { password: 'first-Secret-1' } },
      timeoutMs: 60_000,
    });
    expect(back.status).toBe('deployed');
    const db = await live('Secret', v1.target.namespace, 'db');
    expect(Buffer.from(db.data?.['password'] ?? '', 'base64').toString()).toBe('first-Secret-1');
    // Now live matches revision 1 again: rolling back to 2 needs the values, to 1 does not.
    const again = await deploy.rollback(client, v1.target, { to: 1, timeoutMs: 60_000 });
    expect(again.status).toBe('deployed');
  });

  it('rolls back automatically with the values replaced by the failed apply', async () => {
    const s = withSecret('kappa');
    const v1 = rendered(s, { db: { password: 'kappa-old' } });
    await deploy.apply(client, v1.target, v1.objects, { timeoutMs: 60_000 });
    const broken = {
      ...s,
      spec: {
        ...s.spec,
        components: {
          web: { ...s.spec.components['web']!, annotations: { 'quai.dev/simulate': 'never-ready' } },
        },
      },
    };
    const v2 = rendered(broken, { db: { password: 'kappa-new' } });
    const result = await deploy.apply(client, v2.target, v2.objects, {
      timeoutMs: 6_000,
      rollbackOnFailure: true,
    });
    expect(result.status).toBe('rolled-back');
    expect(result.rollback).toMatchObject({ to: 1, status: 'deployed', revision: 3 });
    const db = await live('Secret', v1.target.namespace, 'db');
    expect(Buffer.from(db.data?.['password'] ?? '', 'base64').toString()).toBe('kappa-old');
  });

  it('rewrites revisions an older Quai wrote with values in clear', async () => {
    const s = withSecret('lambda');
    const v1 = rendered(s, { db: { password: 'lambda-1' } });
    await deploy.apply(client, v1.target, v1.objects, { timeoutMs: 60_000 });
    // A revision as Quai wrote them before digests: the manifests with the value, gzipped.
    const { gzipSync } = await import('node:zlib');
    await client.apply(
      {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: {
          name: 'quai-rev-lambda-v0',
          namespace: v1.target.namespace,
          labels: { 'quai.dev/record': 'revision', 'quai.dev/app': 'lambda', 'quai.dev/revision': '0' },
          annotations: { 'quai.dev/status': 'superseded' },
        },
        type: 'quai.dev/revision',
        data: { 'manifests.json.gz': gzipSync(Buffer.from(JSON.stringify(v1.objects))).toString('base64') },
      },
      { fieldManager: 'quai', force: true },
    );
    const old = await live('Secret', v1.target.namespace, 'quai-rev-lambda-v0');
    expect(decodeRevision(old)).toContain('lambda-1');
    await deploy.apply(client, v1.target, v1.objects, { timeoutMs: 60_000 });
    const rewritten = await live('Secret', v1.target.namespace, 'quai-rev-lambda-v0');
    expect(decodeRevision(rewritten)).not.toContain('lambda-1');
    expect(decodeRevision(rewritten)).toContain('quai-digest:hmac-sha256:');
  });
});

describe('failures are recorded once and reported as they are', () => {
  it('records one failed revision for a refused apply, even when the rollback is refused too', async () => {
    const s = spec('mu', {
      web: web(),
      cache: { image: 'registry.example/cache:1', ports: [{ name: 'c', port: 6379, protocol: 'TCP' }] },
    });
    const { target, objects } = rendered(s);
    await deploy.apply(client, target, objects, { timeoutMs: 60_000 });
    // A hand edit makes another manager own web's replicas: every apply of web is refused.
    await client.apply(
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'web', namespace: target.namespace },
        spec: { replicas: 3 },
      },
      { fieldManager: 'kubectl-edit', force: true },
    );
    const changed = rendered({
      ...s,
      spec: {
        ...s.spec,
        components: { ...s.spec.components, web: web({ image: 'registry.example/shop/web:2.0' }) },
      },
    });
    const refused = await deploy
      .apply(client, target, changed.objects, { timeoutMs: 30_000, rollbackOnFailure: true })
      .catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'CONFLICT' });
    const history = await deploy.listRevisions(client, target.namespace, 'mu');
    expect(history.map((r) => r.status)).toEqual(['deployed', 'failed']);
    expect(history[1]?.message).toContain('rollback to revision 1 failed');
  });

  it('never reports a rollback as done when the rollback itself failed', async () => {
    const s = spec('nu', { web: web() });
    const { target, objects } = rendered(s);
    await deploy.apply(client, target, objects, { timeoutMs: 60_000 });
    // From now on no pod may be created here (and the running one is gone): the new version and
    // the rollback both fail.
    await client.create({
      apiVersion: 'v1',
      kind: 'ResourceQuota',
      metadata: { name: 'no-pods', namespace: target.namespace },
      spec: { hard: { pods: '0' } },
    });
    for (const pod of await client.list('v1', 'Pod', { namespace: target.namespace })) {
      await client.delete(
        { apiVersion: 'v1', kind: 'Pod', namespace: target.namespace, name: pod.metadata.name ?? '' },
        { gracePeriodSeconds: 0 },
      );
    }
    const bad = rendered({
      ...s,
      spec: { ...s.spec, components: { web: web({ image: 'registry.example/shop/web:3.0' }) } },
    });
    const result = await deploy.apply(client, target, bad.objects, {
      timeoutMs: 20_000,
      rollbackOnFailure: true,
    });
    expect(result.status).toBe('failed');
    expect(result.rolledBackTo).toBeUndefined();
    expect(result.rollback).toMatchObject({ to: 1, status: 'failed', revision: 3 });
    const history = await deploy.listRevisions(client, target.namespace, 'nu');
    expect(history.map((r) => r.status)).toEqual(['deployed', 'failed', 'failed']);
  });

  it('plans the rest, and shows the drift, when a Service port edited by hand makes the server refuse one object', async () => {
    const s = spec('xi', { web: web() });
    const { target, objects } = rendered(s);
    await deploy.apply(client, target, objects, { timeoutMs: 60_000 });
    await client.request({
      method: 'PATCH',
      path: `/api/v1/namespaces/${target.namespace}/services/web`,
      contentType: 'application/json-patch+json',
      body: [{ op: 'replace', path: '/spec/ports/0/port', value: 8081 }],
      query: { fieldManager: 'kubectl-edit' },
    });
    const next = rendered({
      ...s,
      spec: { ...s.spec, components: { web: web({ image: 'registry.example/shop/web:1.1.0' }) } },
    });
    const plan = await deploy.plan(client, target, next.objects);
    const svc = plan.changes.find((c) => c.object === `Service ${target.namespace}/web`);
    expect(svc?.kind).toBe('invalid');
    expect(svc?.note).toContain('Duplicate value: "http"');
    expect(svc?.fields).toContainEqual({ path: 'spec.ports[0].port', before: 8081, after: 8080 });
    const dep = plan.changes.find((c) => c.object === `Deployment ${target.namespace}/web`);
    expect(dep?.kind).toBe('update');
    expect(plan.summary.invalid).toBe(1);
  });
});

describe('the quai command', () => {
  function quai(
    args: readonly string[],
    cwd: string,
  ): ChildProcess & { output: Promise<{ code: number; out: string; err: string }> } {
    const child = spawn('node', [main, ...args], {
      cwd,
      env: { ...process.env, KUBECONFIG: inject('kubeconfig'), NO_COLOR: '1' },
    });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    const output = new Promise<{ code: number; out: string; err: string }>((resolveOut) =>
      child.on('close', (code, sig) => resolveOut({ code: code ?? (sig ? 137 : -1), out, err })),
    );
    return Object.assign(child, { output });
  }

  function writeSpec(dir: string, s: AppSpec): string {
    const file = join(dir, `${s.metadata.name}-${Math.random().toString(16).slice(2, 8)}.yaml`);
    writeFileSync(file, JSON.stringify(s));
    return file;
  }

  it('reports an object the API server refuses as invalid input (exit 2) with its field message', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quai-invalid-'));
    const s = spec('omicron', {
      web: web({ resources: { requests: { memory: '256Mi' }, limits: { memory: '64Mi' } } }),
    });
    const r = await quai(['apply', writeSpec(dir, s), '--no-rollback-on-failure'], dir).output;
    expect(r.code).toBe(2);
    expect(r.err).toContain('error [INVALID]');
    expect(r.err).toContain('spec.template.spec.containers[0].resources.requests: Invalid value: "256Mi"');
    expect(r.err).not.toContain('SERVER_ERROR');
  });

  it('refuses a second apply process, naming the first; a killed apply is taken over at once and recorded as interrupted', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quai-lock-'));
    const s = spec('pi', { web: web() });
    const stuck = writeSpec(dir, {
      ...s,
      spec: { ...s.spec, components: { web: web({ annotations: { 'quai.dev/simulate': 'never-ready' } }) } },
    });
    const first = quai(['apply', stuck, '--timeout', '5m', '--no-rollback-on-failure'], dir);
    // Wait until the first holds the lock and waits for readiness.
    for (
      let i = 0;
      i < 600 &&
      !(await Promise.race([
        first.output.then(() => true),
        new Promise((r) => setTimeout(() => r(false), 100)),
      ]));
      i++
    ) {
      const history = await deploy.listRevisions(client, s.spec.namespace!, 'pi').catch(() => []);
      if (history.some((h) => h.status === 'pending')) break;
    }
    const second = await quai(['apply', writeSpec(dir, s)], dir).output;
    expect(second.code).toBe(7);
    expect(second.err).toContain('error [APPLY_LOCKED]');
    expect(second.err).toContain(`(process ${first.pid ?? 0})`);
    // The first dies without a chance to clean up.
    process.kill(first.pid!, 'SIGKILL');
    expect((await first.output).code).toBe(137);
    const third = await quai(['apply', writeSpec(dir, s), '--timeout', '60s'], dir).output;
    expect(third.err).not.toContain('APPLY_LOCKED');
    expect(third.code).toBe(0);
    const history = await deploy.listRevisions(client, s.spec.namespace!, 'pi');
    expect(history.map((h) => h.status)).toEqual(['interrupted', 'deployed']);
    expect(history[0]?.message).toMatch(/interrupted: .+ stopped before the end/);
  });
});
