import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { AppSpec } from '@quai/contracts';
import { backup, deploy, KubeClient, loadClusterAccess, model, render } from '@quai/core';
import {
  axe,
  bindViewer,
  ensureSystemNamespace,
  declareTarget,
  launchChromium,
  postFromPage,
  shot,
  signIn,
  startServe,
  type Served,
} from './harness.js';

/**
 * The backups page in Debian's Chromium against a real `quai serve` on the test cluster: an app
 * deployed as `quai apply` does, backed up from the console to a folder target (declared in the
 * platform settings first: the console offers only those), then restored
 * through the wizard (backup, scope, the dry run's preview, a reason, progress) into a new
 * namespace, which the cluster then has; a drill from the console; the schedules with their next
 * run; the app's operations sheet with its backups and findings; a viewer sees none of the
 * buttons and the API refuses them anyway. QUAI_CONSOLE_SCREENSHOTS=1 writes the screenshots of
 * the docs (docs/images/console/{fr,en}).
 */

const id = randomBytes(3).toString('hex');
const app = `rs-${id}`;
const restored = `rs-${id}-copie`;
const schedule = `rs-${id}-nuit`;
const name = `${app}-b1`;
const binding = `quai-console-e2e-restore-${id}`;
/** The folder target's name in the platform settings (the console offers only declared targets). */
const targetName = `rs-${id}`;
/** The backup key, as `quai backup key create` writes it (32 random bytes), in base64. */
const key = randomBytes(32).toString('base64');
let served: Served;
let browser: Browser;
let client: KubeClient;
let target = '';
const drillNamespaces: string[] = [];

const spec: AppSpec = {
  apiVersion: 'quai.dev/v1alpha1',
  kind: 'App',
  metadata: { name: app, description: 'Registre des délibérations (restore e2e)' },
  spec: {
    namespace: app,
    components: {
      web: {
        image: 'registry.example/registre/web:2.3.0',
        ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
        replicas: 1,
        env: { GREETING: 'bonjour' },
      },
    },
  },
};

beforeAll(async () => {
  const kubeconfig = inject('kubeconfig');
  client = new KubeClient(await loadClusterAccess({ kubeconfig }));
  target = mkdtempSync(join(tmpdir(), 'quai-console-restore-'));
  // An app deployed as `quai apply` deploys it.
  const r = render.render({ app: spec, platform: model.defaultPlatform(), environment: 'prod' });
  await deploy.apply(client, { app, environment: 'prod', namespace: r.namespace }, r.objects, {
    timeoutMs: 120_000,
  });
  // A schedule of the app to the same folder: listed on the page, and read by the app's sheet.
  await new backup.ScheduleStore(client).save({
    name: schedule,
    cron: '30 2 * * *',
    timeZone: 'Europe/Paris',
    namespaces: [app],
    app,
    target,
    encryption: 'none',
    drill: { afterBackup: true },
  });
  await bindViewer(client, binding);
  await ensureSystemNamespace(client);
  served = await startServe(kubeconfig);
  await declareTarget(served, targetName, target);
  browser = await launchChromium();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  if (served !== undefined) await declareTarget(served, targetName, undefined).catch(() => undefined);
  await served?.stop();
  await new backup.ScheduleStore(client).delete(schedule).catch(() => undefined);
  for (const ns of [app, restored, ...drillNamespaces])
    await client.delete({ apiVersion: 'v1', kind: 'Namespace', name: ns }).catch(() => undefined);
  await client
    ?.delete({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', name: binding })
    .catch(() => undefined);
  client?.close();
  if (target !== '') rmSync(target, { recursive: true, force: true });
});

describe('backups, restores and drills in the console', () => {
  it('backs up an app, previews its restore into a new namespace, restores it with a reason', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await signIn(page, served, served.tokens.admin);
      await page.goto(`${served.url}/#/backups`);
      await page.getByRole('heading', { level: 1, name: 'Sauvegardes' }).waitFor();
      const form = page.getByTestId('create-backup');
      await form.getByLabel('Nom').fill(name);
      await form.getByLabel('Cible de stockage').selectOption(targetName);
      await form.getByLabel('Application (facultatif)').fill(app);
      await form.getByLabel('Clé de la sauvegarde (base64)').fill(key);
      await form.getByRole('button', { name: 'Sauvegarder maintenant' }).click();
      await page.getByText(new RegExp(`Sauvegarde ${name} réalisée`)).waitFor({ timeout: 120_000 });

      // Step 1: the backups of the target, one chosen.
      const wizard = page.getByTestId('restore-wizard');
      await wizard.getByText('Étape 1 sur 4 : choisir une sauvegarde').waitFor();
      await wizard.getByLabel('Cible de stockage').selectOption(targetName);
      await wizard.getByRole('button', { name: 'Lire la cible' }).click();
      const row = wizard.getByTestId('target-backups').getByRole('row').filter({ hasText: name });
      await row.waitFor();
      expect(await row.innerText()).toContain('Chiffrée');
      expect(await row.innerText()).toContain(app);
      await wizard.getByRole('button', { name: 'Suivant' }).isDisabled();
      await wizard.getByLabel(`Choisir ${name}`).check();
      await wizard.getByRole('button', { name: 'Suivant' }).click();

      // Step 2: its namespace, into a new one.
      await wizard.getByText('Étape 2 sur 4 : quoi restaurer, et où').waitFor();
      await wizard.getByLabel(`Restaurer ${app} dans`).fill(restored);
      await wizard.getByLabel('Clé de la sauvegarde (base64)').fill(key);
      expect(await axe(page)).toEqual([]);
      await wizard.getByRole('button', { name: 'Aperçu' }).click();

      // Step 3: the dry run's preview; nothing is made yet.
      await wizard.getByText('Étape 3 sur 4 : aperçu et confirmation').waitFor({ timeout: 60_000 });
      const preview = wizard.getByTestId('restore-preview');
      const toCreate = Number(
        (
          await preview
            .locator('dt', { hasText: 'À créer' })
            .locator('xpath=following-sibling::dd')
            .innerText()
        ).replace(/\s/g, ''),
      );
      expect(toCreate).toBeGreaterThan(2);
      expect(await preview.innerText()).toContain('Déjà présents, laissés tels quels');
      expect(await client.tryGet({ apiVersion: 'v1', kind: 'Namespace', name: restored })).toBeUndefined();
      expect(await axe(page)).toEqual([]);
      await shot(page, 'restore-preview', { scrollTo: 'restore-preview' });
      // No reason: nothing is sent.
      await wizard.getByRole('button', { name: 'Restaurer' }).click();
      expect(
        await wizard
          .getByLabel('Motif (obligatoire)')
          .evaluate((e) => (e as unknown as { validity: { valid: boolean } }).validity.valid),
      ).toBe(false);
      await wizard.getByLabel('Motif (obligatoire)').fill('copie pour vérifier le registre de mars');
      await wizard.getByRole('button', { name: 'Restaurer' }).click();

      // Step 4: the restore, its progress, its result.
      await wizard.getByText('Étape 4 sur 4 : restauration').waitFor();
      await wizard
        .getByText(new RegExp(`Restauration de ${name} terminée : \\d+ créés`))
        .waitFor({ timeout: 120_000 });
      expect(await wizard.getByTestId('restore-progress').locator('li').count()).toBeGreaterThan(0);
      expect(await axe(page)).toEqual([]);
      const deployment = await client.tryGet({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        namespace: restored,
        name: 'web',
      });
      expect(deployment?.metadata.namespace).toBe(restored);

      // In the history: the preview and the restore.
      const restores = page.getByTestId('restores');
      await restores.getByRole('row').filter({ hasText: 'Terminée' }).first().waitFor();
      expect(await restores.innerText()).toContain('Aperçu (simulation)');
      // The restored namespace's app is listed.
      await page.goto(`${served.url}/#/apps`);
      await page.getByTestId('apps').getByText(restored).first().waitFor({ timeout: 60_000 });
      // The audit trail has the restore with its reason and its author.
      await page.goto(`${served.url}/#/audit`);
      const audit = page
        .getByTestId('audit')
        .getByRole('row')
        .filter({ hasText: 'copie pour vérifier le registre de mars' });
      await audit.first().waitFor();
      expect(await audit.first().innerText()).toContain('quai-admin');
    } finally {
      await page.close();
    }
  }, 400_000);

  it('runs a restore drill from the console and lists it with its result', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await signIn(page, served, served.tokens.admin);
      await page.goto(`${served.url}/#/backups`);
      const form = page.getByTestId('drill-form');
      await form.getByLabel('Cible de stockage').selectOption(targetName);
      await form.getByLabel('Sauvegarde', { exact: true }).fill(name);
      await form.getByLabel('Clé de la sauvegarde, si elle est chiffrée (base64)').fill(key);
      await form.getByLabel('Motif (obligatoire)').fill('exercice trimestriel');
      expect(await axe(page)).toEqual([]);
      await form.getByRole('button', { name: 'Lancer un exercice de restauration' }).click();
      await page
        .getByText(new RegExp(`Exercice de restauration de ${name} : Réussi`))
        .waitFor({ timeout: 300_000 });
      const row = page.getByTestId('drills').getByRole('row').filter({ hasText: name });
      await row.first().waitFor();
      expect(await row.first().innerText()).toContain('Réussi');
      expect(await axe(page)).toEqual([]);
      await shot(page, 'backups-drills', { scrollTo: 'drills' });
    } finally {
      await page.close();
    }
  }, 400_000);

  it('lists the schedules with their next run, and the backups page is keyboard reachable', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await signIn(page, served, served.tokens.admin);
      await page.goto(`${served.url}/#/backups`);
      const row = page.getByTestId('schedules').getByRole('row').filter({ hasText: schedule });
      await row.waitFor();
      const text = await row.innerText();
      expect(text).toContain('30 2 * * * (Europe/Paris)');
      expect(text).toContain('après chaque sauvegarde');
      // The next run, in fr-FR (day/month/year), in the reader's time zone.
      expect(text).toMatch(/\d{2}\/\d{2}\/\d{4} \d{2}:30:00/);
      expect(await row.getByRole('button', { name: `Lancer ${schedule} maintenant` }).count()).toBe(1);
      // The screenshot before the walk below: a field left empty shows its problem once left.
      await shot(page, 'backups-schedules', { scrollTo: 'schedules' });
      // Tab from the page's start reaches the wizard's target field and the drill's reason.
      await page.locator('body').press('Tab');
      const reached = new Set<string>();
      for (let i = 0; i < 60; i++) {
        reached.add(
          await page.evaluate(
            () =>
              (globalThis as unknown as { document: { activeElement: { id?: string } | null } }).document
                .activeElement?.id ?? '',
          ),
        );
        await page.keyboard.press('Tab');
      }
      expect([...reached]).toEqual(expect.arrayContaining(['restore-target', 'drill-reason']));
      expect(await axe(page)).toEqual([]);
    } finally {
      await page.close();
    }
  }, 120_000);

  it("shows the app's operations sheet, its backups and findings on its page", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await signIn(page, served, served.tokens.admin);
      await page.goto(`${served.url}/#/apps/${app}/${app}`);
      const sheet = page.getByTestId('sheet');
      await sheet.waitFor({ timeout: 60_000 });
      // Read from the deployed revision (no spec given): its commands, its notes.
      expect(await sheet.innerText()).toContain(`quai rollback ${app}`);
      expect(await sheet.innerText()).toContain('Remarques');
      const backups = page.getByTestId('sheet-backups');
      expect(await backups.innerText()).toContain(schedule);
      expect(await backups.innerText()).toContain(name);
      await page.getByTestId('sheet-findings').waitFor();
      await page.getByTestId('sheet-vulns').waitFor();
      expect(await axe(page)).toEqual([]);
      await shot(page, 'application-sheet', { scrollTo: 'sheet-backups' });
    } finally {
      await page.close();
    }
  }, 120_000);

  it('shows a viewer no restore, drill or run button, and the API refuses them anyway', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await signIn(page, served, served.tokens.viewer);
      await page.goto(`${served.url}/#/backups`);
      await page.getByTestId('schedules').waitFor();
      await page.getByTestId('restores').or(page.getByText('Aucune restauration')).first().waitFor();
      expect(await page.getByTestId('restore-wizard').count()).toBe(0);
      expect(await page.getByTestId('drill-form').count()).toBe(0);
      expect(await page.getByTestId('create-backup').count()).toBe(0);
      expect(await page.getByRole('button', { name: /maintenant/ }).count()).toBe(0);
      expect(await axe(page)).toEqual([]);
      const base = { target, backup: name, key: { base64: key }, reason: 'pas autorisé' };
      expect((await postFromPage(page, '/api/v1/view/target-backups', { target })).status).toBe(403);
      // The restore runs as the viewer: Kubernetes refuses each object, nothing is made.
      const restore = await postFromPage(page, '/api/v1/backup/restore', {
        ...base,
        namespaceMapping: { [app]: `${restored}-2` },
      });
      expect(restore.status === 403 || restore.body.outcome === 'partial').toBe(true);
      expect(restore.body.result?.counts?.['created'] ?? 0).toBe(0);
      // The drill is refused before it touches the target (no failed report left on the storage):
      // its scratch namespaces would be refused anyway.
      const drill = await postFromPage(page, '/api/v1/backup/drill', base);
      expect(drill.status).toBe(403);
      expect(drill.body.error?.code).toBe('FORBIDDEN');
      expect(
        await client.tryGet({ apiVersion: 'v1', kind: 'Namespace', name: `${restored}-2` }),
      ).toBeUndefined();
    } finally {
      await page.close();
    }
  }, 120_000);
});
