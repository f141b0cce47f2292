import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { KubeClient, loadClusterAccess, type KubeObject } from '@quai/core';
import { axe, launchChromium, postFromPage, shot, signIn, startServe, type Served } from './harness.js';

/**
 * Exceptions from the Security page, in Debian's Chromium against a real `quai serve` on the
 * test cluster: an admin accepts the risk of an open finding (expiry, justification, reason), the
 * object carries the exception with its grantor, the audit shows it with who granted it and when,
 * the audit trail has the grant with its reason; revoking asks for a confirmation and a reason and
 * removes it; a viewer sees no button, and the API refuses them anyway. No serious accessibility
 * violation (axe-core).
 */

const ns = `exc-${randomBytes(3).toString('hex')}`;
const viewerBinding = `${ns}-viewer`;
let served: Served;
let browser: Browser;
let client: KubeClient;

const newPage = (): Promise<Page> => browser.newPage({ viewport: { width: 1280, height: 900 } });
const ref = { apiVersion: 'apps/v1', kind: 'Deployment', namespace: ns, name: 'portail' };
const object = `Deployment/${ns}/portail`;
/** 60 days from now (UTC), as the date field takes it. */
const expires = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
const frDay = (iso: string): string => iso.split('-').reverse().join('/');
const today = new Date().toISOString().slice(0, 10);

async function auditNow(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Auditer le cluster maintenant' }).click();
  await page.getByRole('button', { name: 'Auditer le cluster maintenant' }).waitFor({ timeout: 120_000 });
}

beforeAll(async () => {
  client = new KubeClient(await loadClusterAccess({ kubeconfig: inject('kubeconfig') }));
  const apply = (o: Record<string, unknown>) =>
    client.apply(o as never, { fieldManager: 'quai-e2e', force: true });
  await apply({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name: viewerBinding },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
    subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'console-viewer' }],
  });
  await apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  // A workload that may run as root: an open finding (PSS-runAsNonRoot).
  await apply({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'portail', namespace: ns },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: 'portail' } },
      template: {
        metadata: { labels: { app: 'portail' } },
        spec: { containers: [{ name: 'web', image: 'registry.example/portail:3.1' }] },
      },
    },
  });
  served = await startServe(inject('kubeconfig'));
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await served?.stop();
  await client
    ?.delete({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', name: viewerBinding })
    .catch(() => undefined);
  await client?.delete({ apiVersion: 'v1', kind: 'Namespace', name: ns }).catch(() => undefined);
  client?.close();
});

describe('exceptions in the console', () => {
  it('accepts the risk of a finding, shows who granted it, keeps it in the audit trail, then revokes it', async () => {
    const page = await newPage();
    try {
      await signIn(page, served, served.tokens.admin);
      await page.goto(`${served.url}/#/security`);
      await page.getByRole('heading', { level: 1, name: 'Sécurité' }).waitFor();
      await auditNow(page);
      const accept = page.getByRole('button', {
        name: `Accepter le risque de PSS-runAsNonRoot sur ${object}`,
      });
      await accept.first().waitFor({ timeout: 60_000 });
      expect(await axe(page)).toEqual([]);
      await accept.first().click();

      const dialog = page.getByRole('dialog');
      await dialog.getByLabel(/Dernier jour/).fill(expires);
      await dialog
        .getByLabel(/Justification/)
        .fill('image de l’éditeur, corrigée dans la 3.2 prévue en février');
      // No reason: nothing is sent.
      await dialog.getByRole('button', { name: 'Accorder l’exception' }).click();
      expect(
        await dialog
          .getByLabel('Motif (obligatoire)')
          .evaluate((e) => (e as unknown as { validity: { valid: boolean } }).validity.valid),
      ).toBe(false);
      expect((await client.get<KubeObject>(ref)).metadata.annotations ?? {}).not.toHaveProperty(
        'quai.dev/audit-exception.PSS-runAsNonRoot',
      );
      expect(await axe(page)).toEqual([]);
      await dialog.getByLabel('Motif (obligatoire)').fill('ticket 4412 : éditeur relancé');
      await dialog.getByRole('button', { name: 'Accorder l’exception' }).click();
      await page.getByText(`Exception accordée sur ${object} pour PSS-runAsNonRoot`).waitFor();

      // On the object, with its grantor; in the table after the audit that follows by itself.
      const annotations = (await client.get<KubeObject>(ref)).metadata.annotations ?? {};
      expect(annotations['quai.dev/audit-exception.PSS-runAsNonRoot']).toBe(
        `${expires}; image de l’éditeur, corrigée dans la 3.2 prévue en février`,
      );
      expect(annotations['quai.dev/audit-exception-by.PSS-runAsNonRoot']).toBe(`${today}; quai-admin`);
      const row = page.getByTestId('security-exceptions').getByRole('row').filter({ hasText: object });
      await row.first().waitFor({ timeout: 120_000 });
      const text = await row.first().innerText();
      expect(text).toContain('PSS-runAsNonRoot');
      expect(text).toContain(`quai-admin, le ${frDay(today)}`);
      expect(text).toContain(`${frDay(expires)} (encore`);
      expect(text).toContain('corrigée dans la 3.2');
      expect(text).toContain('annotation quai.dev/audit-exception.PSS-runAsNonRoot');
      expect(await axe(page)).toEqual([]);
      await shot(page, 'security-exceptions', { scrollTo: 'security-exceptions' });

      // The audit trail has the grant, its author and its reason.
      await page.goto(`${served.url}/#/audit`);
      const trail = page
        .getByTestId('audit')
        .getByRole('row')
        .filter({ hasText: 'ticket 4412 : éditeur relancé' });
      await trail.first().waitFor();
      expect(await trail.first().innerText()).toContain('quai-admin');
      expect(await trail.first().innerText()).toContain('audit.grantException');

      // Revoke: a confirmation with a reason; the annotations go.
      await page.goto(`${served.url}/#/security`);
      const revoke = page.getByRole('button', {
        name: `Révoquer l’exception de PSS-runAsNonRoot sur ${object}`,
      });
      await revoke.waitFor({ timeout: 60_000 });
      await revoke.click();
      const confirm = page.getByRole('dialog');
      expect(await confirm.innerText()).toContain('son constat compte de nouveau');
      await confirm.getByRole('button', { name: 'Annuler' }).click();
      expect((await client.get<KubeObject>(ref)).metadata.annotations ?? {}).toHaveProperty(
        'quai.dev/audit-exception.PSS-runAsNonRoot',
      );
      await revoke.click();
      await page.getByRole('dialog').getByLabel('Motif (obligatoire)').fill('éditeur a livré la 3.2');
      await page.getByRole('dialog').getByRole('button', { name: 'Révoquer', exact: true }).click();
      await page.getByText(`Exception de PSS-runAsNonRoot sur ${object} révoquée`).waitFor();
      const after = (await client.get<KubeObject>(ref)).metadata.annotations ?? {};
      expect(Object.keys(after).filter((k) => k.includes('audit-exception'))).toEqual([]);
      await accept.first().waitFor({ timeout: 120_000 });
      expect(
        await page.getByTestId('security-exceptions').getByRole('row').filter({ hasText: object }).count(),
      ).toBe(0);
    } finally {
      await page.close();
    }
  }, 400_000);

  it('shows a viewer no accept or revoke button, and the API refuses them anyway', async () => {
    const page = await newPage();
    try {
      await signIn(page, served, served.tokens.viewer);
      await page.goto(`${served.url}/#/security`);
      await page.getByTestId('security-findings').waitFor({ timeout: 60_000 });
      await page.getByText(object).first().waitFor();
      expect(await page.getByRole('button', { name: /Accepter le risque/ }).count()).toBe(0);
      expect(await page.getByRole('button', { name: /Révoquer/ }).count()).toBe(0);
      expect(await axe(page)).toEqual([]);
      const grant = await postFromPage(page, '/api/v1/audit/exception/grant', {
        object: ref,
        check: 'PSS-runAsNonRoot',
        expires,
        justification: 'moi aussi',
        reason: 'essai',
      });
      expect(grant.status).toBe(403);
      expect(grant.body.error.code).toBe('FORBIDDEN');
      expect((await client.get<KubeObject>(ref)).metadata.annotations ?? {}).not.toHaveProperty(
        'quai.dev/audit-exception.PSS-runAsNonRoot',
      );
    } finally {
      await page.close();
    }
  }, 120_000);
});
