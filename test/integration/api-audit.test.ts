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
 * The security audit through the HTTP API (`quai serve`), on the real cluster, as a real RBAC
 * user: the API impersonates the signed-in user, so the audit reads what that user may read and
 * nothing more; findings come back in the result, capped, with the outcome and its status.
 */

let client: KubeClient;
let server: RunningServer;
const dir = mkdtempSync(join(tmpdir(), 'quai-api-audit-'));
const nsA = uniqueName('quai-test-audit-a');
const nsB = uniqueName('quai-test-audit-b');
const tokens = {
  admin: `t-${randomBytes(16).toString('hex')}`,
  viewer: `t-${randomBytes(16).toString('hex')}`,
};
const viewer = uniqueName('carol');

interface Reply {
  readonly status: number;
  readonly body: any;
}

async function post(path: string, body: unknown, token: string, lang = 'en'): Promise<Reply> {
  const res = await fetch(`${server.url}/api/v1${path}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      'accept-language': lang,
    },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: JSON.parse(text) as unknown };
}

/** A Deployment that breaks Pod Security restricted and baseline: privileged, host network. */
function insecure(name: string, namespace: string): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: {
          hostNetwork: true,
          containers: [{ name: 'main', image: 'vendor/app:latest', securityContext: { privileged: true } }],
        },
      },
    },
  };
}

beforeAll(async () => {
  client = await testClient();
  for (const ns of [nsA, nsB])
    await client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  await client.create(insecure('legacy', nsA));
  await client.create(insecure('other-team', nsB));
  // The viewer may read namespace A (the built-in view ClusterRole), nothing else.
  await client.create({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name: 'viewer', namespace: nsA },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
    subjects: [{ kind: 'User', name: viewer, apiGroup: 'rbac.authorization.k8s.io' }],
  });
  server = await startTestServer({
    listen: '127.0.0.1:0',
    storage: { sqlite: join(dir, 'quai.db') },
    defaultLang: 'en',
    auth: {
      tokens: [
        { user: 'quai-admin', groups: ['system:masters'], sha256: sha256(tokens.admin) },
        { user: viewer, groups: [], sha256: sha256(tokens.viewer) },
      ],
    },
  });
}, 120_000);

afterAll(async () => {
  await server?.stop();
  for (const ns of [nsA, nsB]) await deleteNamespace(client, ns);
  client.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the security audit through the HTTP API', () => {
  it('audits the namespace a viewer may read, as that viewer: findings, and notes for what RBAC hides', async () => {
    const r = await post('/audit/cluster', { namespaces: [nsA] }, tokens.viewer);
    expect(r.status).toBe(200);
    expect(r.body.outcome).toBe('findings');
    const result = r.body.result;
    expect(result.source).toBe('cluster');
    expect(result.tool).toEqual({ name: 'quai', version: '9.9.9' });
    // The cluster's own policy version (the local control plane runs 1.36 or newer).
    expect(result.options.pssVersion).toMatch(/^v1\.\d+$/);
    const privileged = result.findings.filter(
      (f: any) => f.checkId === 'PSS-privileged' && f.object.kind === 'Deployment',
    );
    expect(privileged.map((f: any) => `${f.object.namespace}/${f.object.name}`)).toEqual([`${nsA}/legacy`]);
    expect(result.summary.failing).toBeGreaterThan(0);
    expect(result.truncated).toBe(false);
    // Nothing of namespace B leaks into the viewer's report.
    expect(JSON.stringify(result.findings)).not.toContain(nsB);
    // The kinds the viewer may not list cluster-wide are notes, with the API server's refusal;
    // each is a catalog message (id and parameters, for the console) with its text.
    const skipped = result.notes.filter((n: any) => n.kind === 'skipped').map((n: any) => n.message);
    const clusterRoles = skipped.find((m: any) => m.params?.kind === 'ClusterRole');
    expect(clusterRoles).toMatchObject({ id: 'audit.note.cannotList', params: { code: 'FORBIDDEN' } });
    expect(clusterRoles.text).toMatch(
      /^Cannot list ClusterRole \(FORBIDDEN\): .*cannot list resource "clusterroles"/,
    );
  });

  it('refuses an audit of a namespace the viewer may not read, with the API server reason (403)', async () => {
    const r = await post('/audit/cluster', { namespaces: [nsB] }, tokens.viewer);
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('FORBIDDEN');
    expect(r.body.error.message).toContain(viewer);
    // The administrator reads it.
    const admin = await post('/audit/cluster', { namespaces: [nsB], maxFindings: 1 }, tokens.admin);
    expect(admin.status).toBe(200);
    expect(admin.body.result.findings).toHaveLength(1);
    expect(admin.body.result.truncated).toBe(true);
  });

  it('audits inline manifests, in French, and never reads or writes a path a client names', async () => {
    const yaml = stringify(insecure('inline', 'default'));
    const r = await post(
      '/audit/manifests',
      { sources: [{ yaml, name: 'deploy.yaml' }], severityThreshold: 'high' },
      tokens.viewer,
      'fr',
    );
    expect(r.status).toBe(200);
    expect(r.body.outcome).toBe('findings');
    const f = r.body.result.findings.find((x: any) => x.checkId === 'PSS-privileged');
    expect(f).toMatchObject({ file: 'deploy.yaml', line: expect.any(Number), path: expect.any(String) });
    // Texts are messages: their id and parameters, and the text in the reader's language.
    expect(f.title).toEqual({
      id: 'audit.check.PSS-privileged.title',
      text: 'Conteneur privilégié (PSS, niveau baseline)',
    });
    expect(f.message.id).toBe('audit.finding.pss');
    expect(f.message.text).toMatch(/^Refusé par PodSecurity « restricted:/);

    const path = await post('/audit/manifests', { sources: [{ path: '/etc' }] }, tokens.viewer, 'fr');
    expect(path.status).toBe(400);
    expect(path.body.error.code).toBe('USAGE');
    expect(path.body.error.message).toContain('Ce point d’entrée prend les manifestes comme contenu');
    const report = await post(
      '/audit/manifests',
      { sources: [{ yaml }], reports: [{ format: 'sarif', file: '/tmp/x.sarif' }] },
      tokens.viewer,
    );
    expect(report.status).toBe(400);
    expect(report.body.error.message).toContain('cannot write report files');

    const malformed = await post(
      '/audit/manifests',
      { sources: [{ yaml: `${yaml}---\nkind: [\n`, name: 'two.yaml' }] },
      tokens.viewer,
    );
    // One document audited, one unreadable: partial (207), the problem with its line.
    expect(malformed.status).toBe(207);
    expect(malformed.body.outcome).toBe('partial');
    expect(malformed.body.result.notes).toContainEqual(
      expect.objectContaining({ kind: 'input-error', file: 'two.yaml', line: expect.any(Number) }),
    );
  });

  it('answers who-can from the cluster with the caller own rights', async () => {
    const admin = await post(
      '/audit/who-can',
      { verb: 'list', resource: 'pods', namespace: nsA },
      tokens.admin,
    );
    expect(admin.status).toBe(200);
    expect(admin.body.result.subjects).toContainEqual(
      expect.objectContaining({
        subject: expect.objectContaining({ kind: 'User', name: viewer }),
        scope: nsA,
      }),
    );
    // The viewer may not list the cluster's roles and bindings.
    const denied = await post('/audit/who-can', { verb: 'list', resource: 'pods' }, tokens.viewer);
    expect(denied.status).toBe(403);
  });
});
