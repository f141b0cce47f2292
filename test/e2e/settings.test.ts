import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { KubeClient, loadClusterAccess } from '@quai/core';
import {
  axe,
  bindViewer,
  ensureSystemNamespace,
  declareTarget,
  launchChromium,
  shot,
  signIn,
  startServe,
  type Served,
} from './harness.js';

/**
 * The Settings page in Debian's Chromium against a real `quai serve` on the test cluster: an admin
 * adds a storage target through the form (with a reason), sees it checked (reachable, writable,
 * free space) and offered by the backup form; a viewer sees the settings read only, with the
 * reason why and no edit button, and the API refuses the viewer's change anyway (Kubernetes RBAC
 * on the ConfigMap quai-settings). QUAI_CONSOLE_SCREENSHOTS=1 writes docs/images/console/{fr,en}/settings.png.
 */

const id = randomBytes(3).toString('hex');
const name = `nas-${id}`;
const binding = `quai-console-e2e-settings-${id}`;
let served: Served;
let browser: Browser;
let client: KubeClient;
let folder = '';

async function post(page: Page, path: string, body: unknown): Promise<{ status: number; body: any }> {
  return page.evaluate(
    async ([p, b]) => {
      const me = (await (await fetch('/api/v1/auth/me')).json()) as { csrf: string };
      const res = await fetch(p, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrf },
        body: JSON.stringify(b),
      });
      return { status: res.status, body: (await res.json()) as never };
    },
    [path, body] as const,
  );
}

beforeAll(async () => {
  const kubeconfig = inject('kubeconfig');
  client = new KubeClient(await loadClusterAccess({ kubeconfig }));
  folder = mkdtempSync(join(tmpdir(), 'quai-console-settings-'));
  await ensureSystemNamespace(client);
  await bindViewer(client, binding);
  served = await startServe(kubeconfig);
  browser = await launchChromium();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  if (served !== undefined) await declareTarget(served, name, undefined).catch(() => undefined);
  await served?.stop();
  await client
    ?.delete({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', name: binding })
    .catch(() => undefined);
  client?.close();
  if (folder !== '') rmSync(folder, { recursive: true, force: true });
});

describe('the Settings page', () => {
  it('lets an admin add a storage target, checked and then offered by the backup form', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await signIn(page, served, served.tokens.admin);
      await page.getByRole('link', { name: 'Paramètres' }).click();
      await page.getByRole('heading', { level: 1, name: 'Paramètres' }).waitFor();
      // The cluster served and this server's mode.
      const cluster = page.getByTestId('settings-cluster');
      await cluster.waitFor();
      expect(await cluster.innerText()).toMatch(/v1\.\d+/);
      expect(await page.getByTestId('settings-server').innerText()).toContain('emprunt d’identité');
      expect(await page.getByTestId('settings-read-only').count()).toBe(0);
      expect(await axe(page)).toEqual([]);

      await page.getByRole('button', { name: 'Modifier' }).click();
      const form = page.getByTestId('settings-form');
      await form.getByLabel('Nom affiché').fill('Cluster de test CG49');
      await form.getByLabel('Environnement', { exact: true }).fill('test');
      await form.getByRole('button', { name: 'Ajouter une cible' }).click();
      const added = form
        .locator('fieldset')
        .filter({ has: page.getByRole('button', { name: /^Retirer/ }) })
        .last();
      await added.getByLabel('Nom', { exact: true }).fill(name);
      await added.getByLabel('Emplacement').fill(folder);
      await added.getByLabel('Description').fill('Le NAS du service (tests de bout en bout)');
      expect(await axe(page)).toEqual([]);
      await form.getByLabel('Motif (obligatoire)').fill('nouveau NAS du service');
      await form.getByRole('button', { name: 'Enregistrer les paramètres' }).click();
      await page.getByText(/Paramètres enregistrés/).waitFor({ timeout: 30_000 });

      await page.getByTestId('settings-cluster').getByText('Cluster de test CG49').waitFor();
      const row = page.getByTestId('settings-targets').getByRole('row').filter({ hasText: name });
      await row.waitFor();
      const text = await row.innerText();
      expect(text).toContain(folder);
      expect(text).toContain('joignable');
      expect(text).toContain('accessible en écriture');
      expect(text).toMatch(/\d+(,\d+)?\s(Gio|Tio|Mio) libres/);
      expect(await axe(page)).toEqual([]);
      await shot(page, 'settings', { fullPage: true });

      // The backup form offers the declared targets, in a select.
      await page.getByRole('link', { name: 'Sauvegardes' }).click();
      const select = page.getByTestId('create-backup').getByLabel('Cible de stockage');
      await select.waitFor();
      expect(await select.locator('option').allInnerTexts()).toContain(`${name} (${folder})`);

      // The change is in the audit trail, with its reason.
      const trail = await page.evaluate(async () =>
        (await fetch('/api/v1/audit?action=settings.update&actor=quai-admin')).json(),
      );
      expect((trail as { events: { reason?: string; status: string }[] }).events).toEqual(
        expect.arrayContaining([expect.objectContaining({ reason: 'nouveau NAS du service', status: 'ok' })]),
      );
    } finally {
      await page.close();
    }
  }, 180_000);

  it('shows a viewer the settings read only, and the API refuses the viewer’s change', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await signIn(page, served, served.tokens.viewer);
      await page.goto(`${served.url}/#/settings`);
      await page.getByTestId('settings-read-only').waitFor();
      expect(await page.getByTestId('settings-read-only').innerText()).toContain('Lecture seule');
      await page.getByTestId('settings-targets').getByRole('row').filter({ hasText: name }).waitFor();
      expect(await page.getByRole('button', { name: 'Modifier' }).count()).toBe(0);
      expect(await page.getByTestId('settings-form').count()).toBe(0);
      expect(await axe(page)).toEqual([]);
      await page.locator('header select').selectOption('en');
      await page
        .getByText('Read only: Kubernetes does not let you change the ConfigMap quai-settings')
        .waitFor();
      await page.locator('header select').selectOption('fr');

      const view = await post(page, '/api/v1/settings/view', { checks: false });
      expect(view.body.result.mayUpdate).toBe(false);
      const refused = await post(page, '/api/v1/settings/update', {
        settings: { ...view.body.result.settings, targets: [] },
        resourceVersion: view.body.result.resourceVersion,
        reason: 'pas autorisé',
      });
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('FORBIDDEN');
      const after = await post(page, '/api/v1/settings/view', { checks: false });
      expect(after.body.result.settings.targets.map((t: { name: string }) => t.name)).toContain(name);
    } finally {
      await page.close();
    }
  }, 120_000);
});
