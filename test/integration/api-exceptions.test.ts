import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256, type RunningServer } from '@quai/api';
import type { KubeClient, KubeObject } from '@quai/core';
import { startTestServer } from './api-server.js';
import { createNamespace, deleteNamespace, deployment, testClient } from './helpers.js';

/**
 * Exceptions granted and revoked through the HTTP API on the local control plane: the grantor is
 * the signed-in user (a `grantedBy` in the body is refused), the expiry is checked, the object is
 * annotated by server-side apply under its own field manager as that user (a viewer is refused by
 * the API server), the audit of the cluster accepts the finding and says who granted it, the
 * audit trail keeps who, what and why; revoking removes both annotations.
 */

let client: KubeClient;
let server: RunningServer;
let ns = '';
const dir = mkdtempSync(join(tmpdir(), 'quai-api-exceptions-'));
const admin = `t-${randomBytes(16).toString('hex')}`;
const viewer = `t-${randomBytes(16).toString('hex')}`;
const binding = `quai-test-exc-viewer-${randomBytes(3).toString('hex')}`;
const viewerName = `exc-viewer-${randomBytes(3).toString('hex')}`;

const NOW = new Date();
const day = (days: number): string => new Date(NOW.getTime() + days * 86_400_000).toISOString().slice(0, 10);

async function call(token: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
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

const object = () => ({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: ns, name: 'web' });
const annotationsOf = async (): Promise<Record<string, string>> =>
  (await client.get<KubeObject>(object())).metadata.annotations ?? {};

beforeAll(async () => {
  client = await testClient();
  ns = await createNamespace(client);
  await client.apply(deployment('web', ns, 1), { fieldManager: 'quai-test', force: true });
  await client.apply(
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: binding },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: viewerName }],
    },
    { fieldManager: 'quai-test', force: true },
  );
  server = await startTestServer({
    listen: '127.0.0.1:0',
    storage: { sqlite: join(dir, 'quai.db') },
    defaultLang: 'en',
    auth: {
      tokens: [
        { user: 'alice', groups: ['system:masters'], sha256: sha256(admin) },
        { user: viewerName, groups: [], sha256: sha256(viewer) },
      ],
    },
  });
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await deleteNamespace(client, ns);
  await client
    ?.delete({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', name: binding })
    .catch(() => undefined);
  client?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('exceptions granted and revoked through the HTTP API', () => {
  it('refuses bad grants before touching the object, with French messages', async () => {
    const base = {
      object: object(),
      check: 'PSS-runAsNonRoot',
      justification: 'image tierce, corrigée par l’éditeur en mars',
      reason: 'ticket 12',
    };
    const noReason = await call(admin, '/audit/exception/grant', {
      ...base,
      reason: undefined,
      expires: day(30),
    });
    expect(noReason.body.error.code).toBe('REASON_REQUIRED');
    const forged = await call(admin, '/audit/exception/grant', {
      ...base,
      expires: day(30),
      grantedBy: 'mallory',
    });
    expect(forged.status).toBe(400);
    expect(forged.body.error.code).toBe('INPUT_INVALID');
    const past = await call(admin, '/audit/exception/grant', { ...base, expires: day(0) });
    expect(past.status).toBe(400);
    expect(past.body.error.message).toContain('n’est pas dans le futur');
    const far = await call(admin, '/audit/exception/grant', { ...base, expires: day(400) });
    expect(far.body.error.message).toContain('est à plus d’un an');
    const notADate = await call(admin, '/audit/exception/grant', { ...base, expires: '2027-02-30' });
    expect(notADate.body.error.message).toContain('n’est pas une date');
    const unknown = await call(admin, '/audit/exception/grant', {
      ...base,
      check: 'NOPE-1',
      expires: day(30),
    });
    expect(unknown.body.error.message).toContain('Aucun contrôle « NOPE-1 »');
    const missing = await call(admin, '/audit/exception/grant', {
      ...base,
      object: { ...object(), name: 'absent' },
      expires: day(30),
    });
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toContain('aucune exception n’a été écrite');
    // Nothing was written, and nothing was created.
    expect(Object.keys(await annotationsOf()).filter((k) => k.includes('audit-exception'))).toEqual([]);
    expect(
      await client.tryGet({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: ns, name: 'absent' }),
    ).toBeUndefined();
  }, 60_000);

  it('grants as the signed-in user, the audit accepts the finding and names who, the trail keeps it', async () => {
    const expires = day(90);
    const granted = await call(admin, '/audit/exception/grant', {
      object: object(),
      check: 'PSS-runAsNonRoot',
      expires,
      justification: 'image tierce; corrigée par l’éditeur en mars',
      reason: 'ticket 12: éditeur prévenu',
    });
    expect(granted.status).toBe(200);
    const today = new Date().toISOString().slice(0, 10);
    expect(granted.body).toMatchObject({
      outcome: 'ok',
      result: { grantedBy: 'alice', grantedAt: today, fieldManager: 'quai-audit-exception', expires },
    });
    const annotations = await annotationsOf();
    expect(annotations).toMatchObject({
      'quai.dev/audit-exception.PSS-runAsNonRoot': `${expires}; image tierce; corrigée par l’éditeur en mars`,
      'quai.dev/audit-exception-by.PSS-runAsNonRoot': `${today}; alice`,
    });
    // Under its own field manager, applied (server-side apply) as alice.
    const managed = (await client.get<KubeObject>(object())).metadata.managedFields as
      { manager: string; operation: string }[] | undefined;
    expect(managed?.find((m) => m.manager === 'quai-audit-exception')?.operation).toBe('Apply');

    const audited = await call(admin, '/audit/cluster', { namespaces: [ns] });
    const f = (
      audited.body.result.findings as { checkId: string; object: { name: string }; suppressed?: unknown }[]
    ).find((x) => x.checkId === 'PSS-runAsNonRoot' && x.object.name === 'web');
    expect(f?.suppressed).toMatchObject({ grantedBy: 'alice', grantedAt: today, expires });

    const trail = await call(admin, '/audit?action=audit.grantException');
    expect(trail.body.events[0]).toMatchObject({
      actor: 'alice',
      action: 'audit.grantException',
      status: 'ok',
      namespace: ns,
      reason: 'ticket 12: éditeur prévenu',
    });
  }, 120_000);

  it('shows a viewer no right to grant, and the API server refuses them anyway', async () => {
    const access = await call(viewer, '/audit/exception/access', {
      objects: [{ apiVersion: 'apps/v1', kind: 'Deployment', namespace: ns }],
    });
    expect(access.body.result.patch).toEqual([false]);
    const mine = await call(admin, '/audit/exception/access', {
      objects: [{ apiVersion: 'apps/v1', kind: 'Deployment', namespace: ns }],
    });
    expect(mine.body.result.patch).toEqual([true]);
    const before = await annotationsOf();
    for (const path of ['/audit/exception/grant', '/audit/exception/revoke']) {
      const refused = await call(viewer, path, {
        object: object(),
        check: 'PSS-runAsNonRoot',
        ...(path.endsWith('grant') ? { expires: day(10), justification: 'moi aussi' } : {}),
        reason: 'essai',
      });
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('FORBIDDEN');
    }
    expect(await annotationsOf()).toEqual(before);
    const trail = await call(admin, `/audit?actor=${viewerName}`);
    expect(trail.body.events.map((e: { status: string }) => e.status)).toEqual(['denied', 'denied']);
  }, 60_000);

  it('revokes: both annotations go, whoever wrote them; revoking again says there is none', async () => {
    const revoked = await call(admin, '/audit/exception/revoke', {
      object: object(),
      check: 'PSS-runAsNonRoot',
      reason: 'image corrigée',
    });
    expect(revoked.status).toBe(200);
    expect(Object.keys(revoked.body.result.removed).sort()).toEqual([
      'quai.dev/audit-exception-by.PSS-runAsNonRoot',
      'quai.dev/audit-exception.PSS-runAsNonRoot',
    ]);
    expect(Object.keys(await annotationsOf()).filter((k) => k.includes('audit-exception'))).toEqual([]);
    const again = await call(admin, '/audit/exception/revoke', {
      object: object(),
      check: 'PSS-runAsNonRoot',
      reason: 'encore',
    });
    expect(again.status).toBe(404);
    expect(again.body.error.message).toContain('rien à révoquer');
    // One written by hand (kubectl annotate) is revoked too.
    const d = await client.get<KubeObject>(object());
    await client.request({
      method: 'PATCH',
      path: `/apis/apps/v1/namespaces/${ns}/deployments/web`,
      contentType: 'application/merge-patch+json',
      body: { metadata: { annotations: { 'quai.dev/audit-exception.QUAI-BP-020': `${day(5)}; à la main` } } },
    });
    expect(d.metadata.name).toBe('web');
    const byHand = await call(admin, '/audit/exception/revoke', {
      object: object(),
      check: 'QUAI-BP-020',
      reason: 'nettoyage',
    });
    expect(byHand.status).toBe(200);
    expect(await annotationsOf()).not.toHaveProperty('quai.dev/audit-exception.QUAI-BP-020');
  }, 60_000);
});
