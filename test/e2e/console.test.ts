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
 * The web console in Debian's Chromium against a real `quai serve` on the test cluster: sign in
 * with a token, the overview, onboarding a compose file and deploying it, a rollback with its
 * reason found in the audit trail; a viewer sees no button that changes anything and the API
 * refuses anyway; no serious accessibility violation (axe-core). QUAI_CONSOLE_SCREENSHOTS=1 also
 * writes the screenshots of the docs (docs/images/console/{fr,en}).
 */

const app = `e2e-${randomBytes(3).toString('hex')}`;
let served: Served;
let browser: Browser;
let client: KubeClient;
let namespace = '';

const compose = (tag: string): string => `services:
  web:
    image: registry.example/console-e2e:${tag}
    ports:
      - "8080:80"
    environment:
      GREETING: bonjour
`;

async function deploy(page: Page, tag: string, reason: string, upload = false): Promise<void> {
  await page.goto(`${served.url}/#/onboard`);
  if (upload) {
    // The vendor's file, chosen from the reader's disk: its name is the one the report gives.
    await page.getByLabel('Charger un fichier compose').setInputFiles({
      name: 'docker-compose.yml',
      mimeType: 'application/yaml',
      buffer: Buffer.from(compose(tag)),
    });
    await page.getByText(/docker-compose\.yml chargé/).waitFor();
    expect(await page.getByLabel('Fichier compose', { exact: true }).inputValue()).toBe(compose(tag));
  } else await page.getByLabel('Fichier compose', { exact: true }).fill(compose(tag));
  await page.getByLabel("Nom de l'application (facultatif)").fill(app);
  await page.getByRole('button', { name: 'Convertir' }).click();
  await page.getByTestId('report').waitFor();
  if (upload) {
    expect(await page.getByTestId('report').innerText()).toContain('docker-compose.yml:');
    // The app spec is the app.yaml the CLI would write, editable and saved as a file.
    expect(await page.getByLabel('app.yaml', { exact: true }).inputValue()).toContain(`name: ${app}`);
    const saved = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Télécharger app.yaml' }).click();
    expect((await saved).suggestedFilename()).toBe('app.yaml');
    // The plan: the API server's dry run; nothing exists yet, so every object is to create.
    await page.getByRole('button', { name: 'Voir ce que le déploiement changerait' }).click();
    const plan = page.getByTestId('plan');
    await plan.waitFor();
    const created = plan.getByRole('row').filter({ hasText: /^Deployment \S+\/web/ });
    expect(await created.getByRole('cell').first().innerText()).toBe('à créer');
    await shot(page, 'onboarding-plan', { scrollTo: 'plan' });
    await page.getByRole('button', { name: 'Afficher les manifestes' }).click();
    expect(await page.getByTestId('manifests').innerText()).toContain('kind: Deployment');
  }
  await page.getByLabel('Motif (obligatoire)').fill(reason);
  await page.getByRole('button', { name: 'Déployer' }).click();
  await page.getByText(/La révision \d+ de .* est déployée/).waitFor({ timeout: 120_000 });
}

beforeAll(async () => {
  const kubeconfig = inject('kubeconfig');
  client = new KubeClient(await loadClusterAccess({ kubeconfig }));
  // The viewer: Kubernetes' built-in read-only role, everywhere.
  await bindViewer(client, 'quai-console-e2e-viewer');
  // Where the platform settings live (the backup test declares its target there).
  await ensureSystemNamespace(client);
  served = await startServe(kubeconfig);
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await served?.stop();
  if (namespace !== '')
    await client.delete({ apiVersion: 'v1', kind: 'Namespace', name: namespace }).catch(() => undefined);
  await client
    ?.delete({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      name: 'quai-console-e2e-viewer',
    })
    .catch(() => undefined);
  client?.close();
});

describe('the web console in Chromium', () => {
  it('signs in with a token and shows the overview, in French by default', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(served.url);
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    await page.getByLabel("Jeton d'accès").fill('t-not-a-token');
    await page.getByRole('button', { name: 'Se connecter avec le jeton' }).click();
    await page.getByRole('alert').waitFor();
    expect(await axe(page)).toEqual([]);
    await signIn(page, served, served.tokens.admin);
    await page.getByTestId('health').waitFor();
    expect(await page.getByRole('heading', { name: 'Nœuds simulés (KWOK)' }).count()).toBe(1);
    await page.getByText('En direct').waitFor();
    expect(await axe(page)).toEqual([]);
    await shot(page, 'overview');
    await page.close();
  }, 60_000);

  it('onboards a compose file, deploys it twice, rolls back with a reason found in the audit trail', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, served, served.tokens.admin);
    await deploy(page, '1.0', 'first deployment from the console', true);
    expect(await page.getByTestId('report').getByText('image').count()).toBeGreaterThan(0);
    expect(await axe(page)).toEqual([]);
    await shot(page, 'onboarding');
    await deploy(page, '1.1', 'version 1.1');
    const link = page.getByRole('link', { name: app });
    const href = (await link.getAttribute('href')) ?? '';
    namespace = decodeURIComponent(href.split('/')[2] ?? '');
    await page.goto(`${served.url}/#/apps`);
    await page.getByRole('link', { name: app }).click();
    await page.getByTestId('revisions').waitFor();
    // Its pod, found through its Deployment's selector.
    await page.getByTestId('pods').getByRole('rowheader', { name: /^web-/ }).first().waitFor();
    await page.getByRole('button', { name: 'Revenir à la révision 1' }).click();
    const dialog = page.getByRole('dialog');
    // No reason: nothing is sent, the field says why.
    await dialog.getByRole('button', { name: 'Revenir en arrière' }).click();
    expect(
      await dialog
        .getByLabel('Motif (obligatoire)')
        .evaluate((e) => (e as unknown as { validity: { valid: boolean } }).validity.valid),
    ).toBe(false);
    await dialog.getByLabel('Motif (obligatoire)').fill('1.1 breaks the sign-in page');
    expect(await axe(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Revenir en arrière' }).click();
    await page.getByText('Retour à la révision 1 effectué.').waitFor({ timeout: 120_000 });
    await shot(page, 'application');
    await page.goto(`${served.url}/#/apps`);
    await page.getByTestId('apps').waitFor();
    expect(await axe(page)).toEqual([]);
    await shot(page, 'applications');
    await page.goto(`${served.url}/#/audit`);
    const row = page.getByTestId('audit').getByRole('row').filter({ hasText: 'deploy.rollback' });
    await row.first().waitFor();
    expect(await row.first().innerText()).toContain('1.1 breaks the sign-in page');
    expect(await row.first().innerText()).toContain('quai-admin');
    const csvUrl = (await page.locator('a[download]').getAttribute('href')) ?? '';
    const csv = await page.evaluate(async (url) => (await fetch(url)).text(), csvUrl);
    expect(csv).toContain('1.1 breaks the sign-in page');
    expect(await axe(page)).toEqual([]);
    await shot(page, 'audit');
    await page.close();
  }, 400_000);

  it('shows a change made in the cluster without a reload, from the server-sent events', async () => {
    expect(namespace).not.toBe('');
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const reads: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/v1/')) reads.push(new URL(r.url()).pathname);
    });
    await signIn(page, served, served.tokens.admin);
    await page.goto(`${served.url}/#/apps/${namespace}/${app}`);
    const pods = page.getByTestId('pods').getByRole('rowheader', { name: /^web-/ });
    await pods.first().waitFor();
    await page.getByText('En direct').waitFor();
    // A mark in the page: a reload would lose it.
    await page.evaluate(() => ((globalThis as unknown as { mark: number }).mark = 42));
    const before = await pods.count();
    await client.request({
      method: 'PATCH',
      path: `/apis/apps/v1/namespaces/${namespace}/deployments/web/scale`,
      contentType: 'application/merge-patch+json',
      body: { spec: { replicas: before + 1 } },
    });
    await page.waitForFunction(
      (n) =>
        (
          globalThis as unknown as { document: { querySelectorAll(s: string): { length: number } } }
        ).document.querySelectorAll('[data-testid="pods"] tbody tr').length === n,
      before + 1,
      { timeout: 60_000 },
    );
    await page
      .getByText(`/ ${before + 1}`)
      .first()
      .waitFor();
    expect(await page.evaluate(() => (globalThis as unknown as { mark?: number }).mark)).toBe(42);
    // The page followed the cluster with its streams: no polling use case, three watches.
    expect(reads.filter((p) => p === '/api/v1/watch').length).toBeGreaterThanOrEqual(3);
    expect(reads.some((p) => p.includes('/view/watch'))).toBe(false);
    await client.request({
      method: 'PATCH',
      path: `/apis/apps/v1/namespaces/${namespace}/deployments/web/scale`,
      contentType: 'application/merge-patch+json',
      body: { spec: { replicas: before } },
    });
    await page.close();
  }, 120_000);

  it('compares two revisions, reads the logs, scales with a reason found in the audit trail', async () => {
    expect(namespace).not.toBe('');
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, served, served.tokens.admin);
    await page.goto(`${served.url}/#/apps/${namespace}/${app}`);
    await page.getByTestId('revisions').waitFor();
    // The diff between revision 1 (1.0) and 2 (1.1): the image changed.
    await page.getByLabel('De la révision').selectOption('1');
    await page.getByLabel('À la révision').selectOption('2');
    await page.getByRole('button', { name: 'Comparer' }).click();
    const diff = page.getByTestId('diff');
    await diff.waitFor();
    expect(await diff.innerText()).toContain('console-e2e:1.1');
    expect(await diff.innerText()).toContain('console-e2e:1.0');
    await diff.scrollIntoViewIfNeeded();
    await shot(page, 'application-diff');
    // Logs: simulated nodes have none to give; the page says which pod could not be read, or
    // shows the lines.
    await page.getByRole('button', { name: 'Afficher' }).click();
    await page
      .getByTestId('logs')
      .or(page.getByText(/^Non lu : web-/).first())
      .or(page.getByText('Aucune ligne.'))
      .first()
      .waitFor({ timeout: 30_000 });
    expect(await axe(page)).toEqual([]);
    const components = page.getByTestId('components');
    const before = Number(/\/ (\d+)/.exec(await components.getByRole('row').nth(1).innerText())?.[1]);
    await page.getByRole('button', { name: "Mettre web à l'échelle" }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Réplicas').fill(String(before + 1));
    await dialog.getByRole('button', { name: "Mettre à l'échelle" }).click();
    // No reason: nothing is sent, the field says why.
    expect(
      await dialog
        .getByLabel('Motif (obligatoire)')
        .evaluate((e) => (e as unknown as { validity: { valid: boolean } }).validity.valid),
    ).toBe(false);
    await dialog.getByLabel('Motif (obligatoire)').fill('pic de charge du lundi');
    expect(await axe(page)).toEqual([]);
    await dialog.getByRole('button', { name: "Mettre à l'échelle" }).click();
    await page.getByText(`Deployment/web : ${before} → ${before + 1} réplicas.`).waitFor({ timeout: 60_000 });
    await components.getByText(`/ ${before + 1}`).waitFor();
    await page.goto(`${served.url}/#/audit`);
    const row = page.getByTestId('audit').getByRole('row').filter({ hasText: 'capacity.scale' });
    await row.first().waitFor();
    expect(await row.first().innerText()).toContain('pic de charge du lundi');
    expect(await row.first().innerText()).toContain('quai-admin');
    await page.close();
  }, 180_000);

  it('makes a backup of the app from the backups page and lists it with its size', async () => {
    expect(namespace).not.toBe('');
    const target = mkdtempSync(join(tmpdir(), 'quai-console-backup-'));
    // The console offers only the targets of the platform settings: an admin declares it first.
    await declareTarget(served, `${app}-target`, target);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await signIn(page, served, served.tokens.admin);
      await page.goto(`${served.url}/#/backups`);
      await page.getByRole('heading', { level: 1, name: 'Sauvegardes' }).waitFor();
      await page.getByText('Aucune sauvegarde réalisée par ce serveur pour le moment.').waitFor();
      const form = page.getByTestId('create-backup');
      await form.getByLabel('Nom').fill(`${app}-b1`);
      await form.getByLabel('Cible de stockage').selectOption(`${app}-target`);
      await form.getByLabel('Application (facultatif)').fill(app);
      await form.getByLabel('Chiffrer avec une clé de sauvegarde').uncheck();
      expect(await axe(page)).toEqual([]);
      await form.getByRole('button', { name: 'Sauvegarder maintenant' }).click();
      await page.getByText(new RegExp(`Sauvegarde ${app}-b1 réalisée`)).waitFor({ timeout: 120_000 });
      const row = page
        .getByTestId('backups')
        .getByRole('row')
        .filter({ hasText: `${app}-b1` });
      await row.waitFor();
      expect(await row.innerText()).toContain('Terminée');
      expect(await row.innerText()).toMatch(/\d+(,\d+)?\s(o|Kio|Mio)/);
      expect(await axe(page)).toEqual([]);
      await shot(page, 'backups');
    } finally {
      await page.close();
      await declareTarget(served, `${app}-target`, undefined);
      rmSync(target, { recursive: true, force: true });
    }
  }, 180_000);

  it('shows a viewer no button that changes anything, and the API refuses them anyway', async () => {
    expect(namespace).not.toBe('');
    // Quai keeps an app's revisions in Secrets (its ApplySet parent): a viewer of the console
    // reads them in the app's namespace, which Kubernetes' `view` role does not grant.
    await client.apply(
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'Role',
        metadata: { name: 'quai-revisions-reader', namespace },
        rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list', 'watch'] }],
      },
      { fieldManager: 'quai-e2e', force: true },
    );
    await client.apply(
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: { name: 'quai-revisions-reader', namespace },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'quai-revisions-reader' },
        subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'console-viewer' }],
      },
      { fieldManager: 'quai-e2e', force: true },
    );
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, served, served.tokens.viewer);
    await page.goto(`${served.url}/#/apps/${namespace}/${app}`);
    await page.getByTestId('revisions').waitFor();
    await page.getByTestId('components').waitFor();
    expect(await page.getByRole('button', { name: /Revenir à la révision/ }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /à l'échelle/ }).count()).toBe(0);
    await page.goto(`${served.url}/#/backups`);
    await page.getByRole('heading', { level: 1, name: 'Sauvegardes' }).waitFor();
    await page.getByTestId('backups').or(page.getByText('Aucune sauvegarde')).first().waitFor();
    expect(await page.getByTestId('create-backup').count()).toBe(0);
    await page.goto(`${served.url}/#/onboard`);
    await page.getByLabel('Fichier compose', { exact: true }).fill(compose('2.0'));
    await page.getByRole('button', { name: 'Convertir' }).click();
    await page.getByTestId('report').waitFor();
    expect(await page.getByRole('button', { name: 'Déployer' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Voir ce que le déploiement changerait' }).count()).toBe(0);
    // The same request the admin's button sends, from the viewer's session.
    const status = await page.evaluate(
      async ([ns, name]) => {
        const me = (await (await fetch('/api/v1/auth/me')).json()) as { csrf: string };
        const res = await fetch('/api/v1/deploy/rollback', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrf },
          body: JSON.stringify({ app: { app: name }, namespace: ns, to: 2, reason: 'not allowed' }),
        });
        return res.status;
      },
      [namespace, app] as const,
    );
    expect(status).toBe(403);
    const scaled = await page.evaluate(
      async ([ns, name]) => {
        const me = (await (await fetch('/api/v1/auth/me')).json()) as { csrf: string };
        const res = await fetch('/api/v1/capacity/scale', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrf },
          body: JSON.stringify({ app: { app: name }, namespace: ns, replicas: 5, reason: 'not allowed' }),
        });
        return res.status;
      },
      [namespace, app] as const,
    );
    expect(scaled).toBe(403);
    await page.close();
  }, 120_000);

  it('shows a lost connection when the server goes, and recovers when it is back', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, served, served.tokens.admin);
    await page.getByLabel('Langue').selectOption('en');
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    await page.getByText('Live').waitFor();
    const restarted = served.restart(4000);
    await page.getByText('Connection lost, reconnecting…').waitFor({ timeout: 30_000 });
    await restarted;
    await page.getByText('Live', { exact: true }).waitFor({ timeout: 60_000 });
    // Still signed in: the session outlives the server process (it is in the store).
    expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(1);
    await page.close();
  }, 240_000);
});
