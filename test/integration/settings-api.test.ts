import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { stringify } from 'yaml';
import { sha256, type RunningServer } from '@quai/api';
import { SETTINGS_CONFIGMAP, SETTINGS_KEY, SETTINGS_NAMESPACE } from '@quai/contracts';
import type { KubeClient, KubeObject } from '@quai/core';
import { runQuai } from '../../packages/cli/test/run-cli.js';
import { startFakeGitlab, type FakeGitlab } from '../components/gitlab-api.js';
import {
  createNamespace,
  deleteNamespace,
  ensureSystemNamespace,
  testClient,
  uniqueName,
} from './helpers.js';
import { startTestServer } from './api-server.js';

/**
 * The platform settings through the HTTP API on the local control plane: kept in the ConfigMap
 * quai-settings (written as the signed-in user: RBAC decides), checked before they are written
 * (line and column), never overwriting a change made meanwhile; and the backup use cases of the
 * API accept only the storage targets they name.
 */

let client: KubeClient;
let server: RunningServer;
let gitlab: FakeGitlab;
let ns: string;
const dir = mkdtempSync(join(tmpdir(), 'quai-settings-api-'));
const vault = join(dir, 'vault');
const elsewhere = join(dir, 'elsewhere');
const tokens = {
  admin: `a-${randomBytes(16).toString('hex')}`,
  viewer: `v-${randomBytes(16).toString('hex')}`,
};
const viewers = uniqueName('quai-settings-viewers');
const gitlabToken = `glpat-${randomBytes(10).toString('hex')}`;

async function call(
  path: string,
  body: unknown,
  who: keyof typeof tokens,
  lang: 'en' | 'fr' = 'en',
): Promise<{ status: number; body: any }> {
  const res = await fetch(`${server.url}/api/v1${path}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${tokens[who]}`,
      'accept-language': lang,
      'content-type': 'application/json',
    },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: JSON.parse(await res.text()) as unknown };
}

async function stored(): Promise<(KubeObject & { data?: Record<string, string> }) | undefined> {
  return client.tryGet({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    namespace: SETTINGS_NAMESPACE,
    name: SETTINGS_CONFIGMAP,
  });
}

beforeAll(async () => {
  client = await testClient();
  mkdirSync(vault);
  mkdirSync(elsewhere);
  gitlab = await startFakeGitlab();
  gitlab.addToken(gitlabToken, { scopes: ['read_api'], accessLevel: 40 });
  await ensureSystemNamespace(client);
  // Another test of this run may have left settings: this file starts from none.
  await client
    .delete({ apiVersion: 'v1', kind: 'ConfigMap', namespace: SETTINGS_NAMESPACE, name: SETTINGS_CONFIGMAP })
    .catch(() => undefined);
  await client.create({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name: viewers },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
    subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: viewers }],
  });
  ns = await createNamespace(client);
  await client.create({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'web', namespace: ns },
    data: { greeting: 'bonjour' },
  });
  server = await startTestServer(
    {
      listen: '127.0.0.1:0',
      storage: { sqlite: join(dir, 'quai.db') },
      defaultLang: 'en',
      auth: {
        tokens: [
          { user: 'settings-admin', groups: ['system:masters'], sha256: sha256(tokens.admin) },
          { user: 'settings-viewer', groups: [viewers], sha256: sha256(tokens.viewer) },
        ],
      },
    },
    { env: { QUAI_GITLAB_TOKEN: gitlabToken, HOME: dir, PATH: process.env['PATH'] ?? '' } },
  );
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await gitlab?.stop();
  await client
    ?.delete({ apiVersion: 'v1', kind: 'ConfigMap', namespace: SETTINGS_NAMESPACE, name: SETTINGS_CONFIGMAP })
    .catch(() => undefined);
  await client
    ?.delete({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', name: viewers })
    .catch(() => undefined);
  if (ns !== undefined) await deleteNamespace(client, ns);
  client?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the platform settings through the API', () => {
  it('shows defaults before any settings, and who may change them', async () => {
    const admin = await call('/settings/view', {}, 'admin');
    expect(admin.status).toBe(200);
    expect(admin.body.result).toMatchObject({ yaml: '', mayUpdate: true, targets: [] });
    expect(admin.body.result.resourceVersion).toBeUndefined();
    expect(admin.body.result.cluster.server).toMatch(/^https:\/\//);
    expect(admin.body.result.cluster.version).toMatch(/^v1\./);
    expect(admin.body.result.server).toMatchObject({
      impersonate: true,
      signIn: { oidc: false, tokens: 2 },
      defaultLang: 'en',
    });
    const viewer = await call('/settings/view', {}, 'viewer');
    expect(viewer.status).toBe(200);
    expect(viewer.body.result.mayUpdate).toBe(false);
  });

  it('refuses a document with its line and column, a change without reason, and writes nothing', async () => {
    const bad = await call(
      '/settings/update',
      { yaml: 'targets:\n  - name: nas\n    location: relative/path\n', reason: 'first targets' },
      'admin',
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('INPUT_INVALID');
    expect(bad.body.error.message).toContain('quai-system/quai-settings:settings.yaml');
    expect(bad.body.error.message).toMatch(/3:5|line 3/);
    const syntax = await call('/settings/update', { yaml: 'targets: [\n', reason: 'x' }, 'admin', 'fr');
    expect(syntax.body.error.code).toBe('INPUT_INVALID');
    expect(syntax.body.error.message).toContain('ligne');
    const secretInUrl = await call(
      '/settings/update',
      {
        settings: {
          targets: [{ name: 's3', location: 's3://bkt/p', endpoint: 'https://key:secret@s3.example.fr' }],
        },
        reason: 'x',
      },
      'admin',
    );
    expect(secretInUrl.status).toBe(400);
    const noReason = await call('/settings/update', { settings: { targets: [] } }, 'admin');
    expect(noReason.body.error.code).toBe('REASON_REQUIRED');
    expect(await stored()).toBeUndefined();
  });

  it('lets the admin declare targets and GitLab, checks them, and refuses a stale write', async () => {
    const settings = {
      cluster: { displayName: 'Test CG49', environment: 'test' },
      targets: [
        { name: 'vault', location: vault, description: 'the tests’ folder' },
        { name: 'gone', location: join(dir, 'missing') },
      ],
      gitlab: { url: gitlab.url, tokenEnv: 'QUAI_GITLAB_TOKEN', project: 'infra/platform' },
    };
    const created = await call('/settings/update', { settings, reason: 'declare the vault' }, 'admin');
    expect(created.status).toBe(200);
    expect(created.body.result).toMatchObject({
      created: true,
      changes: expect.arrayContaining(['targets: + vault', 'gitlab.url']),
    });
    const cm = await stored();
    expect(cm?.data?.[SETTINGS_KEY]).toContain(`location: ${vault}`);
    // Never a secret value: the token is named, not stored.
    expect(cm?.data?.[SETTINGS_KEY]).not.toContain(gitlabToken);

    const view = await call('/settings/view', {}, 'admin');
    const r = view.body.result;
    expect(r.resourceVersion).toBe(created.body.result.resourceVersion);
    expect(r.settings.cluster.displayName).toBe('Test CG49');
    const byName = Object.fromEntries(r.targets.map((t: { name: string }) => [t.name, t]));
    expect(byName.vault).toMatchObject({ kind: 'directory', reachable: true, writable: true, backups: 0 });
    expect(byName.vault.freeBytes).toBeGreaterThan(0);
    expect(byName.gone).toMatchObject({ reachable: false });
    expect(byName.gone.problem.text).toContain('does not exist');
    expect(r.gitlab).toMatchObject({ token: 'env', tokenFound: true, reachable: true, version: '17.6.1' });
    expect(JSON.stringify(r)).not.toContain(gitlabToken);

    // A change made meanwhile (here: by kubectl) is never overwritten.
    await client.request({
      method: 'PUT',
      path: `/api/v1/namespaces/${SETTINGS_NAMESPACE}/configmaps/${SETTINGS_CONFIGMAP}`,
      body: { ...cm, data: { [SETTINGS_KEY]: `${cm?.data?.[SETTINGS_KEY] ?? ''}# edited by hand\n` } },
    });
    const stale = await call(
      '/settings/update',
      { settings: { targets: [] }, resourceVersion: r.resourceVersion, reason: 'drop the targets' },
      'admin',
    );
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('CONFLICT');
    expect((await stored())?.data?.[SETTINGS_KEY]).toContain('# edited by hand');
    // Creating again over existing settings is a conflict too, not an overwrite.
    const again = await call('/settings/update', { settings: { targets: [] }, reason: 'again' }, 'admin');
    expect(again.body.error.code).toBe('CONFLICT');
  });

  it('lets Kubernetes refuse the viewer’s change, recorded as denied in the audit trail', async () => {
    const before = (await stored())?.data?.[SETTINGS_KEY];
    const view = await call('/settings/view', {}, 'viewer');
    expect(view.body.result.mayUpdate).toBe(false);
    expect(view.body.result.settings.targets.map((t: { name: string }) => t.name)).toEqual(['vault', 'gone']);
    const refused = await call(
      '/settings/update',
      { settings: { targets: [] }, resourceVersion: view.body.result.resourceVersion, reason: 'tidy up' },
      'viewer',
    );
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('FORBIDDEN');
    expect((await stored())?.data?.[SETTINGS_KEY]).toBe(before);
    const trail = await fetch(`${server.url}/api/v1/audit?action=settings.update&actor=settings-viewer`, {
      headers: { authorization: `Bearer ${tokens.admin}` },
    }).then((res) => res.json() as Promise<{ events: { status: string; reason?: string }[] }>);
    expect(trail.events[0]).toMatchObject({ status: 'denied', reason: 'tidy up' });
  });

  it('backs up only to a named target through the API, by name or location', async () => {
    const refused = await call(
      '/backup/create',
      { name: 'anywhere', target: elsewhere, namespaces: [ns], encryption: false },
      'admin',
      'fr',
    );
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain(elsewhere);
    expect(refused.body.error.message).toContain('vault');
    expect(refused.body.error.hint).toContain('Paramètres');
    expect(readdirSync(elsewhere)).toEqual([]);
    const listing = await call('/view/target-backups', { target: '/etc' }, 'admin');
    expect(listing.status).toBe(403);

    const byName = await call(
      '/backup/create',
      { name: 'by-name', target: 'vault', namespaces: [ns], encryption: false },
      'admin',
    );
    expect(byName.status).toBe(200);
    expect(existsSync(join(vault, 'by-name', 'index.json'))).toBe(true);
    const byLocation = await call(
      '/backup/create',
      { name: 'by-location', target: `${vault}/`, namespaces: [ns], encryption: false },
      'admin',
    );
    expect(byLocation.status).toBe(200);
    const listed = await call('/view/target-backups', { target: 'vault' }, 'admin');
    expect(listed.body.result.backups.map((b: { name: string }) => b.name).sort()).toEqual([
      'by-location',
      'by-name',
    ]);
  });

  it('refuses backups when the stored settings are invalid, and says so on the page', async () => {
    const cm = await stored();
    await client.request({
      method: 'PUT',
      path: `/api/v1/namespaces/${SETTINGS_NAMESPACE}/configmaps/${SETTINGS_CONFIGMAP}`,
      body: {
        ...cm,
        data: { [SETTINGS_KEY]: stringify({ targets: [{ name: 'Vault!', location: vault }] }) },
      },
    });
    const view = await call('/settings/view', {}, 'admin');
    expect(view.body.result.invalid.text).toContain(
      'quai-system/quai-settings:settings.yaml:2:5 at targets[0].name',
    );
    expect(view.body.result.settings.targets).toEqual([]);
    const backup = await call(
      '/backup/create',
      { name: 'while-broken', target: 'vault', namespaces: [ns], encryption: false },
      'admin',
    );
    expect(backup.body.error.code).toBe('CONFIG_INVALID');
  });

  it('is shown and fixed from the command line, as the kubeconfig’s user', async () => {
    const context = inject('context');
    const cluster = ['--kubeconfig', inject('kubeconfig'), ...(context === '' ? [] : ['--context', context])];
    // The document stored by the previous test is invalid: shown, with where.
    const shown = await runQuai([...cluster, 'settings', 'show']);
    expect(shown.code).toBe(0);
    expect(shown.out).toContain('quai-system/quai-settings:settings.yaml:2:5');
    expect(shown.out).toContain('You may change them');
    const file = join(dir, 'settings.yaml');
    writeFileSync(file, 'targets:\n  - name: vault\n    location: vault\n');
    const bad = await runQuai([...cluster, '--lang', 'fr', 'settings', 'set', file, '--reason', 'réparer']);
    expect(bad.code).not.toBe(0);
    expect(bad.err).toContain('settings.yaml:3:5');
    writeFileSync(file, `# the tests' folder\ntargets:\n  - name: vault\n    location: ${vault}\n`);
    const fixed = await runQuai([...cluster, 'settings', 'set', file, '--reason', 'repair']);
    expect(fixed.code).toBe(0);
    expect(fixed.out).toContain('Settings changed');
    expect(fixed.out).toContain('targets: + vault');
    // Comments are kept: the file is stored as written.
    expect((await stored())?.data?.[SETTINGS_KEY]).toContain("# the tests' folder");
    const again = await runQuai([...cluster, '--lang', 'fr', 'settings', 'show']);
    expect(again.out).toMatch(/vault\s+\S+\s+\(joignable, accessible en écriture, [\d,]+\s\S+ libres\)/);
    expect((await runQuai([...cluster, 'settings', 'show', '--document'])).out).toContain(
      "# the tests' folder",
    );
  });
});
