import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { sha256, type RunningServer } from '@quai/api';
import { app, scan, waitFor, type KubeClient, type KubeObject } from '@quai/core';
import {
  buildLayer,
  registryAvailable,
  RegistryPusher,
  startRegistry,
  type TestRegistry,
} from '../components/registry.js';
import { startTestServer } from './api-server.js';
import { deleteNamespace, testClient, uniqueName } from './helpers.js';

/*
 * `scan.cluster` through the HTTP API (`quai serve`) on the local control plane: Deployments in
 * two namespaces run images pushed to a real registry on loopback (the images and the lodash
 * advisory of the CLI's scan cluster test). The scan streams its progress (images done / total),
 * returns the compact result (per image: workloads, counts, top vulnerabilities with their fix)
 * and the server keeps it in its history, where the Security page reads it. A user who may list
 * pods in one namespace only (and list namespaces) gets that namespace scanned, nothing of the
 * other; a missing image and a missing database are said per image, in the reader's language.
 */

interface Reply {
  readonly status: number;
  readonly body: any;
}

let reg: TestRegistry;
let client: KubeClient;
let server: RunningServer;
let empty: RunningServer;
let work: string;
const nsA = uniqueName('quai-test-images-a');
const nsB = uniqueName('quai-test-images-b');
const viewer = uniqueName('dana');
const tokens = {
  admin: `t-${randomBytes(16).toString('hex')}`,
  viewer: `t-${randomBytes(16).toString('hex')}`,
};
const digests: Record<string, string> = {};
/** GHSA-35jh-r3h4-6jhm, lodash < 4.17.21 (fixtures/osv/README.md). */
const LODASH = new URL('fixtures/osv/GHSA-35jh-r3h4-6jhm.json', import.meta.url).pathname;

async function post(url: string, path: string, body: unknown, token: string, lang = 'en'): Promise<Reply> {
  const res = await fetch(`${url}/api/v1${path}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      'accept-language': lang,
    },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: JSON.parse(await res.text()) as unknown };
}

async function get(path: string, token: string): Promise<Reply> {
  const res = await fetch(`${server.url}/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: JSON.parse(await res.text()) as unknown };
}

/** A use case read as server-sent events: each event's name and data. */
async function stream(path: string, body: unknown, token: string): Promise<{ event: string; data: any }[]> {
  const res = await fetch(`${server.url}/api/v1${path}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      accept: 'text/event-stream',
    },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return text
    .split('\n\n')
    .filter((b) => b.includes('data:'))
    .map((block) => {
      const lines = block.split('\n');
      const event =
        lines
          .find((l) => l.startsWith('event:'))
          ?.slice(6)
          .trim() ?? 'message';
      const data = lines
        .filter((l) => l.startsWith('data:'))
        .map((l) => l.slice(5).trimStart())
        .join('');
      return { event, data: JSON.parse(data) as unknown };
    });
}

const deployment = (name: string, namespace: string, image: string): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'main', image }] } },
  },
});

describe.skipIf(!registryAvailable())('scan.cluster through the HTTP API', () => {
  beforeAll(async () => {
    reg = await startRegistry();
    work = await mkdtemp(join(tmpdir(), 'quai-api-images-'));
    client = await testClient();
    for (const ns of [nsA, nsB])
      await client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
    const pusher = new RegistryPusher(reg);
    const dpkg = await readFile('/var/lib/dpkg/status');
    const osRelease = await readFile('/etc/os-release');
    const layer = (name: string, version: string): Buffer =>
      buildLayer({
        'var/lib/dpkg/status': dpkg,
        'etc/os-release': osRelease,
        [`app/node_modules/${name}/package.json`]: JSON.stringify({ name, version }),
      });
    digests['web'] = (await pusher.pushImage('apps/web', '1.0', [layer('lodash', '4.17.20')])).digest;
    digests['report'] = (await pusher.pushImage('apps/report', '2', [layer('lodash', '4.17.21')])).digest;
    const h = reg.host;
    await client.create(deployment('web', nsA, `${h}/apps/web:1.0`));
    await client.create(deployment('web-canary', nsA, `${h}/apps/web:1.0`));
    await client.create(deployment('ghost', nsA, `${h}/apps/missing:1`));
    await client.create(deployment('report', nsB, `${h}/apps/report:2`));
    await waitFor(
      async () => {
        const pods = [
          ...(await client.list('v1', 'Pod', { namespace: nsA })),
          ...(await client.list('v1', 'Pod', { namespace: nsB })),
        ];
        const placed = pods.filter(
          (p) => (p as { spec?: { nodeName?: string } }).spec?.nodeName !== undefined,
        );
        return placed.length >= 4 ? pods : undefined;
      },
      { timeoutMs: 90_000, what: `the 4 pods in ${nsA} and ${nsB}, scheduled` },
    );
    // The viewer may read namespace A (view) and list the namespaces: not the pods of B.
    await client.apply(
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRole',
        metadata: { name: `${viewer}-namespaces` },
        rules: [{ apiGroups: [''], resources: ['namespaces'], verbs: ['get', 'list'] }],
      },
      { fieldManager: 'quai-test', force: true },
    );
    await client.create({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: `${viewer}-namespaces` },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: `${viewer}-namespaces` },
      subjects: [{ kind: 'User', name: viewer, apiGroup: 'rbac.authorization.k8s.io' }],
    });
    await client.create({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'viewer', namespace: nsA },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
      subjects: [{ kind: 'User', name: viewer, apiGroup: 'rbac.authorization.k8s.io' }],
    });
    // The server's vulnerability database: the lodash advisory of the CLI's scan cluster test.
    const env = { HOME: work, QUAI_CACHE_DIR: join(work, 'cache') };
    await scan.osv.importOsv({ dir: scan.osv.defaultVulnDbDir(env), sources: [LODASH] });
    const config = (db: string) => ({
      listen: '127.0.0.1:0',
      storage: { sqlite: join(work, db) },
      defaultLang: 'en',
      auth: {
        tokens: [
          { user: 'quai-admin', groups: ['system:masters'], sha256: sha256(tokens.admin) },
          { user: viewer, groups: [], sha256: sha256(tokens.viewer) },
        ],
      },
    });
    server = await startTestServer(config('quai.db'), { env });
    // A server whose machine has no vulnerability database.
    empty = await startTestServer(config('empty.db'), {
      env: { HOME: work, QUAI_CACHE_DIR: join(work, 'no-cache') },
    });
  }, 180_000);

  afterAll(async () => {
    await server?.stop();
    await empty?.stop();
    for (const ns of [nsA, nsB]) if (client !== undefined) await deleteNamespace(client, ns);
    for (const kind of ['ClusterRoleBinding', 'ClusterRole'])
      await client
        ?.delete({ apiVersion: 'rbac.authorization.k8s.io/v1', kind, name: `${viewer}-namespaces` })
        .catch(() => undefined);
    client?.close();
    await reg?.stop();
    if (work !== undefined) await rm(work, { recursive: true, force: true });
  });

  it('scans a namespace with live progress, returns the compact result, and keeps it in the history', async () => {
    const events = await stream('/scan/cluster', { namespace: nsA, concurrency: 1 }, tokens.admin);
    const counts = events.filter((e) => e.event === 'progress' && e.data.kind === 'count');
    // Each image is counted as it starts and as it ends: two images, done 0..2 of 2.
    expect(counts.map((c) => `${c.data.done}/${c.data.total}`)).toEqual(['0/2', '1/2', '1/2', '2/2']);
    expect(counts[0]!.data.message.text).toMatch(/^Images scanned: 0 of 2 \(/);
    const last = events.at(-1)!;
    expect(last.event).toBe('result');
    expect(last.data.outcome).toBe('findings');
    const r = last.data.result;
    expect(r).toMatchObject({ scope: 'namespace', namespaces: [nsA], pods: 3, containers: 3, top: 20 });
    expect(r.database.records).toBe(1);
    expect(r.summary).toMatchObject({ images: 2, failed: 1, vulnerabilities: 1 });
    expect(r.summary.bySeverity.high).toBe(1);
    expect(r.summary.fixable.high).toBe(1);
    const web = r.images.find((i: any) => i.digest === digests['web']);
    expect(web.images).toEqual([`${reg.host}/apps/web:1.0`]);
    expect(web.workloads.map((w: any) => `${w.kind}/${w.name}`)).toEqual([
      'Deployment/web-canary',
      'Deployment/web',
    ]);
    expect(web.packages).toBeGreaterThan(100);
    expect(web.top).toEqual([
      expect.objectContaining({
        id: 'GHSA-35jh-r3h4-6jhm',
        alias: 'CVE-2021-23337',
        package: 'lodash',
        installed: '4.17.20',
        fixed: '4.17.21',
        severity: 'high',
      }),
    ]);
    // The missing image says why; the other was scanned.
    const ghost = r.images.find((i: any) => i.error !== undefined);
    expect(ghost.error.code).toBe('IMAGE_NOT_FOUND');
    expect(ghost.error.message.text).toContain('apps/missing');
    expect(ghost.workloads[0]).toMatchObject({ kind: 'Deployment', name: 'ghost' });
    // Nothing of namespace B.
    expect(JSON.stringify(r)).not.toContain(nsB);

    // The server kept it: the Security page reads it back, texts in the reader's language.
    const list = await get('/history?kind=scan.cluster', tokens.admin);
    expect(list.status).toBe(200);
    expect(list.body.entries[0]).toMatchObject({
      kind: 'scan.cluster',
      actor: 'quai-admin',
      outcome: 'findings',
      namespace: nsA,
    });
    const entry = await get(`/history/${list.body.entries[0].id as string}?lang=fr`, tokens.admin);
    expect(entry.body.result.images).toHaveLength(2);
    expect(entry.body.result.summary.vulnerabilities).toBe(1);
    const kept = entry.body.result.images.find((i: any) => i.error !== undefined);
    expect(kept.error.message.text).toMatch(/apps\/missing/);
    expect(kept.error.message.text).not.toBe(ghost.error.message.text);
  }, 180_000);

  it('scans every namespace the user may list pods in, and only those', async () => {
    const r = await post(server.url, '/scan/cluster', {}, tokens.viewer);
    expect(r.status).toBe(200);
    expect(r.body.outcome).toBe('findings');
    expect(r.body.result.scope).toBe('namespaces');
    expect(r.body.result.namespaces).toContain(nsA);
    expect(r.body.result.namespaces).not.toContain(nsB);
    expect(JSON.stringify(r.body.result)).not.toContain('apps/report');
    // A namespace the viewer may not read: refused by the API server, with its words.
    const refused = await post(server.url, '/scan/cluster', { namespace: nsB }, tokens.viewer, 'fr');
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('FORBIDDEN');
    // The administrator's whole-cluster scan sees both, in one list.
    const all = await post(server.url, '/scan/cluster', { top: 0 }, tokens.admin);
    expect(all.body.result.scope).toBe('cluster');
    const report = all.body.result.images.find((i: any) => i.digest === digests['report']);
    expect(report).toMatchObject({ total: 0, top: [] });
    expect(report.workloads).toEqual([
      { namespace: nsB, kind: 'Deployment', name: 'report', container: 'main', containerType: 'container' },
    ]);
    // The viewer's history: their own scans, and the administrator's of namespace A (they may
    // read its events), not the administrator's whole-cluster one.
    const theirs = (await get('/history?kind=scan.cluster', tokens.viewer)).body.entries;
    expect(theirs.filter((e: any) => e.actor === viewer)).toHaveLength(1);
    expect(theirs.filter((e: any) => e.actor === 'quai-admin').map((e: any) => e.namespace)).toEqual([nsA]);
    // view.access tells the console to show the scan button to both.
    const access = await post(server.url, '/view/access', {}, tokens.viewer);
    expect(access.body.result.scan).toBe(true);
  }, 180_000);

  it('says per image, in French, that there is no vulnerability database, and still counts the packages', async () => {
    const r = await post(empty.url, '/scan/cluster', { namespace: nsA }, tokens.admin, 'fr');
    expect(r.status).toBe(207);
    expect(r.body.outcome).toBe('partial');
    expect(r.body.result.summary).toMatchObject({ images: 2, failed: 2, vulnerabilities: 0 });
    const web = r.body.result.images.find((i: any) => i.digest === digests['web']);
    expect(web.packages).toBeGreaterThan(100);
    expect(web.error.code).toBe('PREREQUISITE_MISSING');
    expect(web.error.message.text).toMatch(/^Vulnérabilités non vérifiées : il n'y a pas de base/);
    expect(web.error.hint.text).toContain('quai vulndb update');
    expect(r.body.result.database).toBeUndefined();
  }, 180_000);

  it('stops when cancelled: the images not started are not read, nothing is returned', async () => {
    const controller = new AbortController();
    const seen: string[] = [];
    const context = inject('context');
    const ctx = app.createContext(
      {
        lang: 'en',
        cluster: {
          kubeconfig: inject('kubeconfig'),
          ...(context === '' ? {} : { context }),
          userAgent: 'quai/9.9.9',
        },
        env: { HOME: work, QUAI_CACHE_DIR: join(work, 'cache') },
      },
      {
        signal: controller.signal,
        progress: (e) => {
          if (e.kind !== 'count') return;
          seen.push(`${e.done}/${e.total ?? ''}`);
          controller.abort(); // as the console's stop button does, at the first image
        },
      },
    );
    try {
      await expect(app.run('scan.cluster', { namespace: nsA, concurrency: 1 }, ctx)).rejects.toThrow();
    } finally {
      ctx.close();
    }
    // The first image started and ended (stopped); the second never started (it would say 1/2 again).
    expect(seen).toEqual(['0/2', '1/2']);
  }, 60_000);
});
