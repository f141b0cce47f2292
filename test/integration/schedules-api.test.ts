import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { sha256, type RunningServer } from '@quai/api';
import { backup, type KubeClient, type KubeObject } from '@quai/core';
import { runQuai } from '../../packages/cli/test/run-cli.js';
import {
  createNamespace,
  deleteNamespace,
  ensureSystemNamespace,
  testClient,
  uniqueName,
} from './helpers.js';
import { startTestServer } from './api-server.js';

/**
 * Backup schedules created, suspended, resumed and deleted through the HTTP API (`quai serve`,
 * as the console calls it) on the local control plane: each is a change with a reason, done as
 * the signed-in user (RBAC on the ConfigMap decides), kept in the audit trail; the schedule's
 * ConfigMap and its installed CronJob really change; a dry run only checks and previews.
 */

const SYS = backup.SYSTEM_NAMESPACE;
let client: KubeClient;
let server: RunningServer;
let ns: string;
const dir = mkdtempSync(join(tmpdir(), 'quai-api-schedules-'));
const admin = `t-${randomBytes(16).toString('hex')}`;
const viewer = `t-${randomBytes(16).toString('hex')}`;
const name = uniqueName('sa');
const cliName = uniqueName('sc');
const binding = uniqueName('quai-test-schedules-view');

async function call(
  token: string,
  path: string,
  body?: unknown,
  lang = 'fr',
): Promise<{ status: number; body: any }> {
  const res = await fetch(`${server.url}/api/v1${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'accept-language': lang,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: JSON.parse(await res.text()) as unknown };
}

/** A schedule of the test's namespace, every night at 02:30 in Paris, to a folder, in clear. */
const nightly = () => ({
  name,
  cron: '30 2 * * *',
  timeZone: 'Europe/Paris',
  namespaces: [ns],
  target: dir,
  encryption: 'none',
});

const configMap = (): Promise<KubeObject | undefined> =>
  client.tryGet({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    namespace: SYS,
    name: `quai-backup-schedule-${name}`,
  });
const stored = async (): Promise<Record<string, unknown>> =>
  JSON.parse(((await configMap())?.['data'] as Record<string, string>)['schedule.json'] ?? '{}');
const cronJob = async (): Promise<{ schedule: string; suspend: boolean; timeZone: string } | undefined> =>
  (
    await client.tryGet({
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      namespace: SYS,
      name: `quai-backup-${name}`,
    })
  )?.['spec'] as never;

beforeAll(async () => {
  client = await testClient();
  ns = await createNamespace(client);
  await client.apply(
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: binding },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'schedule-viewer' }],
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
        { user: 'schedule-viewer', groups: [], sha256: sha256(viewer) },
      ],
    },
  });
  // The settings live in quai-system: on a fresh cluster, no earlier test has made it.
  await ensureSystemNamespace(client);
  await declareTarget(dir);
}, 120_000);

/**
 * Through the API a schedule writes only to a target the platform settings declare (by name or
 * location): the test's folder is declared, as an admin does on the Settings page, and removed
 * after. `undefined` removes it. A change made meanwhile is a CONFLICT: read again and redo.
 */
async function declareTarget(location: string | undefined): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const view = await call(admin, '/settings/view', { checks: false });
    const { settings, resourceVersion } = view.body.result as {
      settings: { targets: { name: string }[] };
      resourceVersion?: string;
    };
    const targets = [
      ...settings.targets.filter((t) => t.name !== 'schedules-api'),
      ...(location === undefined ? [] : [{ name: 'schedules-api', location }]),
    ];
    const done = await call(admin, '/settings/update', {
      settings: { ...settings, targets },
      reason: 'schedules test: its target',
      ...(resourceVersion === undefined ? {} : { resourceVersion }),
    });
    if (done.status === 200) return;
    if (done.body.error?.code !== 'CONFLICT') throw new Error(JSON.stringify(done.body));
  }
}

afterAll(async () => {
  await declareTarget(undefined).catch(() => undefined);
  await server?.stop();
  await new backup.ScheduleStore(client).delete(name).catch(() => undefined);
  await backup.uninstallCronJobs(client, name).catch(() => undefined);
  await new backup.ScheduleStore(client).delete(cliName).catch(() => undefined);
  await client
    .delete({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', name: binding })
    .catch(() => undefined);
  await deleteNamespace(client, ns);
  client.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('backup schedules through the HTTP API', () => {
  it('checks a schedule field by field in a dry run and previews its next 5 runs, saving nothing', async () => {
    const bad = await call(admin, '/backup/schedule/create', {
      name: 'Nuit!',
      cron: '30 2 * *',
      timeZone: 'Europe/Paris',
      target: 'backups',
      dryRun: true,
    });
    expect(bad.status).toBe(200);
    expect(bad.body.result.status).toBe('invalid');
    const byField = Object.fromEntries(
      (bad.body.result.problems as { field: string; message: { text: string } }[]).map((p) => [
        p.field,
        p.message.text,
      ]),
    );
    expect(byField['name']).toContain('Nom de planification invalide « Nuit! »');
    expect(byField['cron']).toContain('cinq champs attendus');
    expect(byField['namespaces']).toContain('au moins un namespace');
    // Through the API a target is a declared one: `backups` is not.
    expect(byField['target']).toContain(
      'La cible « backups » n’est pas une cible de stockage des paramètres',
    );
    expect(byField['encryption']).toContain('Secret de la clé');
    expect(bad.body.result.nextRuns).toEqual([]);

    const zone = await call(admin, '/backup/schedule/create', {
      name,
      cron: '30 2 * * *',
      timeZone: 'Europe/Lutece',
      dryRun: true,
    });
    const tz = (zone.body.result.problems as { field: string; message: { text: string } }[]).find(
      (p) => p.field === 'timeZone',
    );
    expect(tz?.message.text).toContain('Fuseau horaire inconnu : « Europe/Lutece »');

    const good = await call(admin, '/backup/schedule/create', { ...nightly(), dryRun: true });
    expect(good.body.result).toMatchObject({ status: 'valid', problems: [] });
    const runs = good.body.result.nextRuns as string[];
    expect(runs).toHaveLength(5);
    // 02:30 in Paris is 01:30 UTC in winter, 00:30 UTC in summer.
    for (const r of runs) expect(r).toMatch(/T0[01]:30:00\.000Z$/);
    // A declared target may be named: the schedule keeps its location.
    const named = await call(admin, '/backup/schedule/create', {
      ...nightly(),
      target: 'schedules-api',
      dryRun: true,
    });
    expect(named.body.result).toMatchObject({ status: 'valid', schedule: { target: dir } });
    // A folder the settings do not declare: a problem on the field in a dry run, 403 for real.
    const elsewhere = { ...nightly(), target: '/etc/quai-not-declared' };
    const previewed = await call(admin, '/backup/schedule/create', { ...elsewhere, dryRun: true });
    expect(previewed.body.result.status).toBe('invalid');
    expect((previewed.body.result.problems as { field: string }[]).map((p) => p.field)).toEqual(['target']);
    const refused = await call(admin, '/backup/schedule/create', { ...elsewhere, reason: 'not declared' });
    expect(refused.status).toBe(403);
    expect(await configMap()).toBeUndefined();
  }, 60_000);

  it('creates, suspends, resumes and deletes a schedule with a reason, as the user, in the audit trail', async () => {
    const body = {
      ...nightly(),
      retention: { keepDaily: 7 },
      ttl: '30d',
      drill: { afterBackup: true },
    };
    const noReason = await call(admin, '/backup/schedule/create', body);
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.code).toBe('REASON_REQUIRED');
    expect(await configMap()).toBeUndefined();

    const created = await call(admin, '/backup/schedule/create', { ...body, reason: 'nuits du registre' });
    expect(created.status).toBe(200);
    expect(created.body.result).toMatchObject({ name, status: 'created', cronJobs: [] });
    expect(created.body.result.nextRuns).toHaveLength(5);
    expect(await stored()).toMatchObject({ cron: '30 2 * * *', retention: { keepDaily: 7 }, suspend: false });

    // A name taken: refused, said for the name field.
    const again = await call(admin, '/backup/schedule/create', { ...body, reason: 'encore' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ALREADY_EXISTS');
    expect(again.body.error.message).toContain(`« ${name} » existe déjà`);
    const taken = await call(admin, '/backup/schedule/create', { ...body, dryRun: true });
    expect(taken.body.result.problems[0]).toMatchObject({ field: 'name' });

    // Its in-cluster runner installed: a change of the schedule reaches the CronJob.
    const all = await new backup.ScheduleStore(client).list();
    await backup.installCronJobs(
      client,
      all.filter((s) => s.name === name),
      all,
      { image: 'quai/quai:test' },
    );
    expect(await cronJob()).toMatchObject({
      schedule: '30 2 * * *',
      suspend: false,
      timeZone: 'Europe/Paris',
    });

    const suspended = await call(admin, '/backup/schedule/suspend', {
      name,
      suspend: true,
      reason: 'migration du stockage',
    });
    expect(suspended.status).toBe(200);
    expect(suspended.body.result).toMatchObject({
      name,
      suspend: true,
      changed: true,
      cronJobs: [`${SYS}/quai-backup-${name}`],
    });
    expect((await stored())['suspend']).toBe(true);
    expect((await cronJob())?.suspend).toBe(true);

    const resumed = await call(admin, '/backup/schedule/suspend', {
      name,
      suspend: false,
      reason: 'migration terminée',
    });
    expect(resumed.body.result).toMatchObject({ suspend: false, changed: true });
    expect(resumed.body.result.nextRun).toMatch(/T0[01]:30:00\.000Z$/);
    expect((await stored())['suspend']).toBe(false);
    expect((await cronJob())?.suspend).toBe(false);

    // Replaced with another cron: the installed CronJob follows, with the image it ran.
    const replaced = await call(admin, '/backup/schedule/create', {
      ...body,
      cron: '@hourly',
      replace: true,
      reason: 'toutes les heures',
    });
    expect(replaced.body.result).toMatchObject({ status: 'replaced' });
    expect((await cronJob())?.schedule).toBe('@hourly');
    expect(await backup.installedImage(client, name)).toBe('quai/quai:test');

    // A viewer: no schedules in view.access, and the API server refuses each change.
    const access = await call(viewer, '/view/access', {});
    expect(access.body.result).toMatchObject({ schedules: false });
    expect((await call(admin, '/view/access', {})).body.result).toMatchObject({ schedules: true });
    for (const [path, req] of [
      ['/backup/schedule/suspend', { name, suspend: true, reason: 'non' }],
      ['/backup/schedule/delete', { name, reason: 'non' }],
      ['/backup/schedule/create', { ...body, name: `${name}-v`, reason: 'non' }],
    ] as const) {
      const refused = await call(viewer, path, req);
      expect(refused.status, path).toBe(403);
      expect(refused.body.error.code).toBe('FORBIDDEN');
    }
    expect((await stored())['suspend']).toBe(false);
    expect((await cronJob())?.suspend).toBe(false);

    const deleted = await call(admin, '/backup/schedule/delete', { name, reason: 'registre archivé' });
    expect(deleted.status).toBe(200);
    expect(deleted.body.result).toEqual({ name, cronJobs: [`${SYS}/quai-backup-${name}`] });
    expect(await configMap()).toBeUndefined();
    expect(await cronJob()).toBeUndefined();
    const gone = await call(admin, '/backup/schedule/delete', { name, reason: 'deux fois' });
    expect(gone.status).toBe(404);

    // The audit trail: who, what and why of each change; the viewer's refusals as denied.
    const trail = await call(admin, '/audit?limit=100');
    const events = (
      trail.body.events as { action: string; actor: string; reason?: string; status: string }[]
    ).filter((e) => e.action.startsWith('backup.schedule'));
    const done = (action: string, reason: string) =>
      events.find((e) => e.action === action && e.reason === reason);
    expect(done('backup.scheduleCreate', 'nuits du registre')).toMatchObject({
      actor: 'alice',
      status: 'ok',
    });
    expect(done('backup.scheduleSuspend', 'migration du stockage')).toMatchObject({
      actor: 'alice',
      status: 'ok',
    });
    expect(done('backup.scheduleSuspend', 'migration terminée')).toMatchObject({ status: 'ok' });
    expect(done('backup.scheduleDelete', 'registre archivé')).toMatchObject({ status: 'ok' });
    expect(events.filter((e) => e.actor === 'schedule-viewer').map((e) => e.status)).toEqual([
      'denied',
      'denied',
      'denied',
    ]);
    // A dry run changes nothing: it is not in the trail; the one without a reason was refused.
    expect(
      events
        .filter((e) => e.action === 'backup.scheduleCreate' && e.reason === undefined)
        .map((e) => e.status),
    ).toEqual(['error']);
  }, 120_000);

  it('suspends and resumes a schedule from the CLI (`quai backup schedule suspend|resume`), in French and English', async () => {
    const quai = (args: string[]) =>
      runQuai(inject('context') ? [...args, '--context', inject('context')] : args, {
        KUBECONFIG: inject('kubeconfig'),
      });
    await new backup.ScheduleStore(client).save({
      name: cliName,
      cron: '@daily',
      namespaces: [ns],
      target: dir,
      encryption: 'none',
    });
    const suspended = await quai([
      'backup',
      'schedule',
      'suspend',
      cliName,
      '--reason',
      'test',
      '--lang',
      'fr',
    ]);
    expect(suspended.code, suspended.err).toBe(0);
    expect(suspended.out.trim()).toBe(`Planification ${cliName} suspendue.`);
    expect((await new backup.ScheduleStore(client).get(cliName)).suspend).toBe(true);
    const twice = await quai(['backup', 'schedule', 'suspend', cliName, '--lang', 'en']);
    expect(twice.out.trim()).toBe(`Schedule ${cliName} was already suspended.`);
    const resumed = await quai(['backup', 'schedule', 'resume', cliName, '-o', 'json']);
    expect(resumed.code).toBe(0);
    expect(JSON.parse(resumed.out)).toMatchObject({
      name: cliName,
      suspend: false,
      changed: true,
      nextRun: expect.stringMatching(/T00:00:00\.000Z$/),
      cronJobs: [],
    });
    expect((await new backup.ScheduleStore(client).get(cliName)).suspend).toBe(false);
    const missing = await quai(['backup', 'schedule', 'resume', `${cliName}-x`, '--lang', 'en']);
    expect(missing.code).not.toBe(0);
    expect(missing.err).toContain(`No backup schedule named "${cliName}-x"`);
    const deleted = await quai(['backup', 'schedule', 'delete', cliName, '--lang', 'en']);
    expect(deleted.out.trim()).toBe(`Deleted schedule ${cliName} (its backups are kept).`);
  }, 60_000);
});
