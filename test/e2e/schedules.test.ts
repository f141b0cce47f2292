import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { backup, KubeClient, loadClusterAccess } from '@quai/core';
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
 * Backup schedules made from the console in Debian's Chromium against a real `quai serve` on the
 * test cluster: the new schedule's form previews its next runs in the reader's time zone and
 * language, says a bad cron, an unknown time zone and a name taken next to their fields; the
 * schedule is created, then suspended, each with a reason that the audit trail keeps; a viewer
 * sees no button and the API refuses them anyway. QUAI_CONSOLE_SCREENSHOTS=1 writes
 * docs/images/console/{fr,en}/backups-schedule-form.png.
 */

const id = randomBytes(3).toString('hex');
const ns = `sch-${id}`;
const name = `sch-${id}-nuit`;
const binding = `quai-console-e2e-schedules-${id}`;
let served: Served;
let browser: Browser;
let client: KubeClient;
let target = '';

const stored = async (): Promise<backup.BackupSchedule | undefined> =>
  new backup.ScheduleStore(client).get(name).catch(() => undefined);

beforeAll(async () => {
  const kubeconfig = inject('kubeconfig');
  client = new KubeClient(await loadClusterAccess({ kubeconfig }));
  target = mkdtempSync(join(tmpdir(), 'quai-console-schedules-'));
  await client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  await bindViewer(client, binding);
  await ensureSystemNamespace(client);
  served = await startServe(kubeconfig);
  // Through the API a schedule writes only to a target the platform settings declare.
  await declareTarget(served, 'schedules-e2e', target);
  browser = await launchChromium();
}, 240_000);

afterAll(async () => {
  if (served !== undefined) await declareTarget(served, 'schedules-e2e', undefined).catch(() => undefined);
  await browser?.close();
  await served?.stop();
  await new backup.ScheduleStore(client).delete(name).catch(() => undefined);
  await client?.delete({ apiVersion: 'v1', kind: 'Namespace', name: ns }).catch(() => undefined);
  await client
    ?.delete({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', name: binding })
    .catch(() => undefined);
  client?.close();
  if (target !== '') rmSync(target, { recursive: true, force: true });
});

describe('backup schedules made from the console', () => {
  it('previews the next runs, says what is wrong by field, creates and suspends a schedule with a reason', async () => {
    // The reader is in Paris: the preview is in their time zone and language.
    const page = await browser.newPage({
      viewport: { width: 1280, height: 900 },
      timezoneId: 'Europe/Paris',
    });
    try {
      await signIn(page, served, served.tokens.admin);
      await page.goto(`${served.url}/#/backups`);
      await page.getByRole('heading', { level: 2, name: 'Nouvelle planification' }).waitFor();
      const form = page.getByTestId('schedule-form');
      const preview = page.getByTestId('schedule-preview');
      // The default cron, read in the reader's time zone: five runs at 02:30 (fr-FR dates).
      expect(await form.getByLabel('Fuseau horaire du cron').inputValue()).toBe('Europe/Paris');
      await preview.locator('li').nth(4).waitFor();
      for (const li of await preview.locator('li').allInnerTexts())
        expect(li).toMatch(/^\d{2}\/\d{2}\/\d{4} 02:30:00$/);
      expect(await preview.innerText()).toContain('Dans votre fuseau horaire (Europe/Paris)');

      // A cron of four fields: said next to the field, no preview.
      const cron = form.getByLabel('Quand (expression cron)');
      await cron.fill('30 2 * *');
      const cronProblem = form.locator('#schedule-cron-problem');
      await cronProblem.waitFor();
      expect(await cronProblem.innerText()).toContain(
        'Expression cron invalide « 30 2 * * » : cinq champs attendus',
      );
      expect(await cron.getAttribute('aria-invalid')).toBe('true');
      expect(await cron.getAttribute('aria-describedby')).toContain('schedule-cron-problem');
      await preview.getByText("Les prochaines exécutions s'affichent ici").waitFor();
      // An unknown time zone: said next to its field.
      await cron.fill('0 */6 * * *');
      const zone = form.getByLabel('Fuseau horaire du cron');
      await zone.fill('Europe/Lutece');
      await form
        .locator('#schedule-timeZone-problem')
        .getByText('Fuseau horaire inconnu : « Europe/Lutece »')
        .waitFor();
      // Every six hours in Cayenne (UTC-3), shown in Paris (UTC+1): 04:00, 10:00, 16:00, 22:00.
      await zone.fill('America/Cayenne');
      await form.locator('#schedule-timeZone-problem').waitFor({ state: 'detached' });
      await preview.locator('li').nth(4).waitFor();
      const hours = (await preview.locator('li').allInnerTexts()).map((x) => x.slice(11, 16));
      expect(new Set(hours)).toEqual(new Set(['04:00', '10:00', '16:00', '22:00']));

      // The rest of the schedule; the reason is asked for before anything is sent.
      await form.getByLabel('Nom', { exact: true }).fill(name);
      await form.getByLabel('Namespaces (séparés par des virgules)').fill(ns);
      await form.getByLabel('Cible', { exact: true }).fill(target);
      await form.getByLabel('Aucun : stockée en clair, Secrets laissés de côté').check();
      await form.getByLabel('Supprimer les sauvegardes de plus de (90m, 36h, 30d, 8w)').fill('30d');
      await form
        .getByLabel('Faire un exercice de restauration de chaque sauvegarde juste après elle')
        .check();
      await form.getByRole('button', { name: 'Créer la planification' }).click();
      await form.getByText('Indiquez un motif.').waitFor();
      expect(await stored()).toBeUndefined();
      await form.getByLabel('Motif (obligatoire)').fill('sauvegardes du registre toutes les 6 heures');
      expect(await axe(page)).toEqual([]);
      await form.getByRole('button', { name: 'Créer la planification' }).click();
      await page.getByText(new RegExp(`Planification ${name} créée : prochaine sauvegarde le`)).waitFor();
      expect(await stored()).toMatchObject({
        name,
        cron: '0 */6 * * *',
        timeZone: 'America/Cayenne',
        namespaces: [ns],
        target,
        encryption: 'none',
        ttl: '30d',
        drill: { afterBackup: true },
        suspend: false,
      });
      const row = page.getByTestId('schedules').getByRole('row').filter({ hasText: name });
      await row.waitFor();
      expect(await row.innerText()).toContain('0 */6 * * * (America/Cayenne)');

      // The same name again: taken, said next to the name.
      await form.getByLabel('Nom', { exact: true }).fill(name);
      await form.getByLabel('Nom', { exact: true }).blur();
      await form.locator('#schedule-name-problem').getByText(`« ${name} » existe déjà`).waitFor();
      expect(await axe(page)).toEqual([]);
      await page.evaluate(() =>
        (
          globalThis as unknown as { document: { activeElement: { blur?: () => void } | null } }
        ).document.activeElement?.blur?.(),
      );
      await shot(page, 'backups-schedule-form', { scrollTo: 'schedule-form' });

      // Suspended, with a reason.
      await row.getByRole('button', { name: `Suspendre ${name}` }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText(`Suspendre la planification ${name}`).waitFor();
      await dialog.getByLabel('Motif (obligatoire)').fill('migration du stockage ce week-end');
      expect(await axe(page)).toEqual([]);
      await dialog.getByRole('button', { name: 'Suspendre' }).click();
      await page.getByText(`Planification ${name} suspendue.`).waitFor();
      expect((await stored())?.suspend).toBe(true);
      await row.getByRole('button', { name: `Reprendre ${name}` }).waitFor();
      expect(await row.innerText()).toContain('Suspendue');

      // The audit trail has both, with their reasons and their author.
      await page.goto(`${served.url}/#/audit`);
      for (const reason of [
        'sauvegardes du registre toutes les 6 heures',
        'migration du stockage ce week-end',
      ]) {
        const line = page.getByTestId('audit').getByRole('row').filter({ hasText: reason });
        await line.first().waitFor();
        expect(await line.first().innerText()).toContain('quai-admin');
      }
      expect(await page.getByTestId('audit').innerText()).toContain('backup.scheduleSuspend');
    } finally {
      await page.close();
    }
  }, 300_000);

  it('shows a viewer no schedule button nor form, and the API refuses them anyway', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await signIn(page, served, served.tokens.viewer);
      await page.goto(`${served.url}/#/backups`);
      const row = page.getByTestId('schedules').getByRole('row').filter({ hasText: name });
      await row.waitFor();
      expect(await row.getByRole('button').count()).toBe(0);
      expect(await page.getByTestId('schedule-form').count()).toBe(0);
      expect(await page.getByRole('button', { name: /Suspendre|Reprendre|Supprimer/ }).count()).toBe(0);
      expect(await axe(page)).toEqual([]);
      for (const [path, body] of [
        ['/api/v1/backup/schedule/suspend', { name, suspend: false, reason: 'pas autorisé' }],
        ['/api/v1/backup/schedule/delete', { name, reason: 'pas autorisé' }],
        [
          '/api/v1/backup/schedule/create',
          { name: `${name}-2`, cron: '@daily', namespaces: [ns], target, encryption: 'none', reason: 'non' },
        ],
      ] as const) {
        const refused = await postFromPage<{ error?: { code?: string } }>(page, path, body);
        expect(refused.status, path).toBe(403);
        expect(refused.body.error?.code).toBe('FORBIDDEN');
      }
      expect((await stored())?.suspend).toBe(true);
    } finally {
      await page.close();
    }
  }, 120_000);
});
