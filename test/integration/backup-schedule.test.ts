import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { t } from '@quai/contracts';
import { backup, KubeApiError, waitFor, type KubeClient, type KubeObject } from '@quai/core';
import { runQuai } from '../../packages/cli/test/run-cli.js';
import { startS3Server } from '../components/s3-server.js';
import { installVeleroCrds } from '../components/velero-crds.js';
import { createNamespace, deleteNamespace, deployment, testClient, uniqueName } from './helpers.js';

const SYS = backup.SYSTEM_NAMESPACE;
let client: KubeClient;
let ns: string;
let dir: string;
let keySecret: string;
const schedules: string[] = [];
const keyBytes = Buffer.alloc(32, 9);

function schedule(overrides: Partial<backup.BackupScheduleInput> = {}): backup.BackupScheduleInput {
  const name = uniqueName('s');
  schedules.push(name);
  return {
    name,
    cron: '0 * * * *',
    timeZone: 'UTC',
    namespaces: [ns],
    target: dir,
    encryption: { keySecret },
    ...overrides,
  };
}

beforeAll(async () => {
  client = await testClient();
  ns = await createNamespace(client);
  await client.create({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'settings', namespace: ns },
    data: { a: '1' },
  });
  await client.create(deployment('web', ns, 1));
  dir = await mkdtemp(join(tmpdir(), 'quai-schedule-'));
  keySecret = uniqueName('key');
  await ensureSys();
  await client.create({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: keySecret, namespace: SYS },
    data: { key: Buffer.from(`${keyBytes.toString('base64')}\n`).toString('base64') },
  });
});

async function ensureSys(): Promise<void> {
  // Saving a schedule creates quai-system with the restricted Pod Security Standard enforced.
  const probe = schedule();
  await new backup.ScheduleStore(client).save(probe);
  await new backup.ScheduleStore(client).delete(probe.name);
}

afterAll(async () => {
  for (const s of schedules) {
    await new backup.ScheduleStore(client).delete(s).catch(() => undefined);
    await backup.uninstallCronJobs(client, s).catch(() => undefined);
    for (const lease of [`quai-backup-${s}`, `quai-drill-${s}`])
      await client
        .delete({ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', namespace: SYS, name: lease })
        .catch(() => undefined);
  }
  await client
    .delete({ apiVersion: 'v1', kind: 'Secret', namespace: SYS, name: keySecret })
    .catch(() => undefined);
  await deleteNamespace(client, ns);
  await rm(dir, { recursive: true, force: true });
  client.close();
});

describe('backup schedules in the cluster', () => {
  it('stores schedules as ConfigMaps in quai-system that every client reads', async () => {
    const store = new backup.ScheduleStore(client);
    const s = await store.save(
      schedule({ cron: '30 2 * * *', timeZone: 'Europe/Paris', retention: { keepDaily: 7 } }),
    );
    const other = new backup.ScheduleStore(await testClient());
    expect((await other.get(s.name)).timeZone).toBe('Europe/Paris');
    expect((await other.list()).map((x) => x.name)).toContain(s.name);
    await expect(store.save({ ...s })).rejects.toMatchObject({ code: 'ALREADY_EXISTS' });
    await store.save({ ...s, cron: '@daily' }, { replace: true });
    expect((await other.get(s.name)).cron).toBe('@daily');
    const ns = await client.get({ apiVersion: 'v1', kind: 'Namespace', name: SYS });
    expect(ns.metadata.labels?.['pod-security.kubernetes.io/enforce']).toBe('restricted');
    await store.delete(s.name);
    await expect(store.get(s.name)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('runs a schedule: backup with its log, then retention and TTL among its own backups', async () => {
    const s = backup.validateSchedule(schedule({ retention: { keepLast: 2 }, ttl: '3h' }));
    const t0 = Date.parse('2026-11-20T10:00:00Z');
    const at = (h: number) => () => new Date(t0 + h * 3600_000);
    const lines: backup.LogLine[] = [];
    const r1 = await backup.runSchedule(client, s, { now: at(0), onLog: (l) => lines.push(l) });
    expect(r1.status).toBe('completed');
    expect(r1.backup?.name).toBe(`${s.name}-20261120100000`);
    await backup.runSchedule(client, s, { now: at(1) });
    const r3 = await backup.runSchedule(client, s, { now: at(5) });
    // keepLast 2 removes the first; the TTL of 3h then expires the second (4h old).
    expect(r3.retention?.remove).toEqual([`${s.name}-20261120100000`]);
    expect(r3.expired).toEqual([`${s.name}-20261120110000`]);
    const target = new backup.DirectoryTarget(dir);
    expect((await target.list()).filter((b) => backup.isBackupOf(s.name, b.name)).map((b) => b.name)).toEqual(
      [`${s.name}-20261120150000`],
    );
    const log = await backup.readBackupLog(target, `${s.name}-20261120150000`);
    expect(log[0]?.message).toContain(`backup ${s.name}-20261120150000 of ${ns}`);
    const last = log.at(-1);
    expect(last?.message).toMatch(/^backup completed: \d+ objects/);
    expect(last?.counts?.['ConfigMap']).toBe(1);
    expect(lines.some((l) => l.message.includes('read'))).toBe(true);
  });

  it('never runs one scheduled time twice: concurrent runners and a second runner of the same time skip', async () => {
    const s = backup.validateSchedule(schedule());
    const [a, b] = await Promise.all([
      backup.runSchedule(client, s, { scheduled: true, identity: 'runner-a' }),
      backup.runSchedule(client, s, { scheduled: true, identity: 'runner-b' }),
    ]);
    expect([a.status, b.status].sort()).toEqual(['completed', 'skipped']);
    const again = await backup.runSchedule(client, s, { scheduled: true, identity: 'runner-c' });
    expect(again).toMatchObject({ status: 'skipped' });
    expect(again.reason).toMatch(/already made/);
    // A person's run-now always runs.
    const manual = await backup.runSchedule(client, s, {
      identity: 'person',
      now: () => new Date(Date.now() + 1500),
    });
    expect(manual.status).toBe('completed');
  });

  it('refuses to take a lock another runner holds, and takes it over once expired', async () => {
    const name = `quai-backup-${uniqueName('lock')}`;
    schedules.push(name.replace('quai-backup-', ''));
    const a = new backup.ScheduleLock(client, 'holder-a', { leaseSeconds: 2 });
    const b = new backup.ScheduleLock(client, 'holder-b', { leaseSeconds: 2 });
    const held = await a.acquire(name);
    expect(held).toBeDefined();
    expect(await b.acquire(name)).toBeUndefined();
    expect(await b.holder(name)).toBe('holder-a');
    await held?.release();
    const taken = await b.acquire(name);
    expect(taken?.identity).toBe('holder-b');
    await taken?.release();
    // A runner that crashed leaves the Lease held, with a renewal far in the past: it is taken over.
    const lease = await client.get<KubeObject & { spec: Record<string, unknown> }>({
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      namespace: SYS,
      name,
    });
    await client.request({
      method: 'PUT',
      path: `/apis/coordination.k8s.io/v1/namespaces/${SYS}/leases/${name}`,
      body: {
        ...lease,
        spec: {
          ...lease.spec,
          holderIdentity: 'crashed',
          leaseDurationSeconds: 2,
          renewTime: '2026-01-01T00:00:00.000000Z',
        },
      },
    });
    expect(await b.holder(name)).toBeUndefined();
    const over = await a.acquire(name);
    expect(over?.identity).toBe('holder-a');
    await over?.release();
  });

  it('drills after the backup when asked, and keeps the report beside it', async () => {
    const s = backup.validateSchedule(schedule({ drill: { afterBackup: true } }));
    const r = await backup.runSchedule(client, s, { drillTimeoutMs: 90_000 });
    expect(r.drill?.status).toBe('pass');
    const target = new backup.DirectoryTarget(dir);
    const history = await backup.drillHistory(target, { schedule: s.name });
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ backup: r.backup?.name, status: 'pass' });
    expect(history[0]?.recoverySeconds).toBeGreaterThan(0);
    // The drill of a schedule picks its newest backup.
    const report = await backup.drillSchedule(client, s, { timeoutMs: 90_000 });
    expect(report?.backup).toBe(r.backup?.name);
    expect(await backup.drillHistory(target, { schedule: s.name })).toHaveLength(2);
  });

  it('the daemon runs missed times once after downtime, then waits', async () => {
    const s = await new backup.ScheduleStore(client).save(schedule({ cron: '0 * * * *' }));
    // A first run records the current hour as made.
    await backup.runSchedule(client, s, { scheduled: true });
    const later = (): Date => new Date(Date.now() + 3 * 3600_000 + 60_000); // three hours missed
    const runs: backup.RunScheduleResult[] = [];
    const daemon = (): Promise<void> =>
      backup.runDaemon(client, {
        iterations: 1,
        now: later,
        identity: 'daemon-test',
        onRun: (r) => {
          if (r.schedule === s.name) runs.push(r);
        },
      });
    await daemon();
    expect(runs.map((r) => r.status)).toEqual(['completed']);
    await daemon();
    expect(runs).toHaveLength(1);
  });
});

describe('stopping the daemon', () => {
  it('Ctrl-C aborts a backup in progress cleanly: nothing half-visible, the lock released', async () => {
    const s = await new backup.ScheduleStore(client).save(schedule({ cron: '*/5 * * * *' }));
    await backup.runSchedule(client, s, { scheduled: true });
    const before = (await new backup.DirectoryTarget(dir).list()).length;
    const stop = new AbortController();
    const lines: string[] = [];
    await backup.runDaemon(client, {
      now: () => new Date(Date.now() + 600_000),
      identity: 'daemon-abort',
      pollMs: 100,
      signal: stop.signal,
      onLog: (l) => {
        lines.push(l.message);
        // Interrupted as soon as the backup starts reading the cluster.
        if (l.message.includes(`${s.name}: `) && l.message.includes('read'))
          stop.abort(new Error('interrupted by SIGINT'));
      },
    });
    expect(lines.at(-1)).toContain('daemon daemon-abort stopped');
    expect((await new backup.DirectoryTarget(dir).list()).length).toBe(before);
    expect((await readdir(dir)).filter((f) => f.endsWith('.partial'))).toEqual([]);
    // Its log tells why it stopped.
    const failed = (await readdir(join(dir, '.failed'))).filter((f) => f.startsWith(`${s.name}-`));
    expect(failed).toHaveLength(1);
    const log = await backup.readBackupLog(
      new backup.DirectoryTarget(dir),
      failed[0]?.replace('.log.jsonl', '') ?? '',
    );
    expect(log.at(-1)).toMatchObject({
      level: 'error',
      message: expect.stringContaining('interrupted') as string,
    });
    expect(await new backup.ScheduleLock(client).holder(`quai-backup-${s.name}`)).toBeUndefined();
  });
});

describe('the in-cluster runner', () => {
  it('is accepted under the restricted Pod Security Standard with least-privilege RBAC', async () => {
    const s = await new backup.ScheduleStore(client).save(
      schedule({ cron: '15 3 * * *', timeZone: 'Europe/Paris' }),
    );
    const applied = await backup.installCronJobs(client, [s], [s], { image: 'registry.example/quai:test' });
    expect(applied.map((o) => o.kind)).toContain('CronJob');
    const cj = await client.get<
      KubeObject & { spec: { timeZone: string; jobTemplate: { spec: { template: { spec: unknown } } } } }
    >({
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      namespace: SYS,
      name: `quai-backup-${s.name}`,
    });
    expect(cj.spec.timeZone).toBe('Europe/Paris');
    // The pod the Job will create passes admission in quai-system (restricted enforced)...
    await client.create(
      {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'probe', namespace: SYS },
        spec: cj.spec.jobTemplate.spec.template.spec,
      },
      { dryRun: true },
    );
    // ...where a root pod would not.
    const err = await client
      .create(
        {
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { name: 'root-probe', namespace: SYS },
          spec: { containers: [{ name: 'c', image: 'x', securityContext: { privileged: true } }] },
        },
        { dryRun: true },
      )
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KubeApiError);
    const can = async (verb: string, resource: string, group = '', namespace?: string): Promise<boolean> => {
      const review = await client.create<KubeObject & { status: { allowed: boolean } }>({
        apiVersion: 'authorization.k8s.io/v1',
        kind: 'SubjectAccessReview',
        metadata: {},
        spec: {
          user: `system:serviceaccount:${SYS}:quai-backup`,
          resourceAttributes: { verb, resource, group, ...(namespace ? { namespace } : {}) },
        },
      });
      return review.status.allowed;
    };
    expect(await can('list', 'secrets')).toBe(true);
    expect(await can('update', 'leases', 'coordination.k8s.io', SYS)).toBe(true);
    expect(await can('create', 'deployments', 'apps', ns)).toBe(false);
    expect(await can('delete', 'namespaces')).toBe(false);
  });

  it('the CronJob controller starts a Job on schedule, and a manual Job from the template completes', async () => {
    const s = await new backup.ScheduleStore(client).save(schedule({ cron: '* * * * *' }));
    await backup.installCronJobs(client, [s], [s], { image: 'registry.example/quai:test' });
    const scheduled = await waitFor(
      async () => {
        const jobs = await client.list('batch/v1', 'Job', {
          namespace: SYS,
          labelSelector: `quai.dev/backup-schedule=${s.name}`,
        });
        return jobs.find((j) => !j.metadata.name?.includes('-manual-'));
      },
      { timeoutMs: 100_000, intervalMs: 2000, what: 'a Job created by the CronJob controller' },
    );
    expect(scheduled.metadata.name).toMatch(new RegExp(`^quai-backup-${s.name}-\\d+$`));
    const job = await backup.startJobFromCronJob(client, s.name);
    const states: string[] = [];
    // KWOK runs no container: its stages mark the pod succeeded, and the Job controller completes the Job.
    expect(
      await backup.waitForJob(client, job, { timeoutMs: 90_000, onState: (m) => states.push(t('en', m)) }),
    ).toBe('succeeded');
    expect(states.length).toBeGreaterThan(0);
    await backup.uninstallCronJobs(client, s.name);
  }, 240_000);
});

describe('Velero interop (Velero v1.18.3 CRDs from the Go module proxy)', () => {
  let veleroNs: string;
  beforeAll(async () => {
    await installVeleroCrds(client);
    veleroNs = await createNamespace(client);
  }, 300_000);
  afterAll(async () => {
    await deleteNamespace(client, veleroNs);
  });

  it('creates Velero backups and restores, lists them and follows their phase', async () => {
    expect(await backup.veleroPresent(client)).toBe(true);
    const name = await backup.createVeleroBackup(client, {
      name: 'grist-nightly',
      namespaces: [ns],
      labelSelector: 'app.kubernetes.io/name=web',
      includeClusterResources: false,
      ttl: '720h0m0s',
      veleroNamespace: veleroNs,
    });
    const listed = await backup.listVeleroBackups(client, { namespace: veleroNs });
    expect(listed).toEqual([
      expect.objectContaining({ source: 'velero', name, phase: 'New', includedNamespaces: [ns] }),
    ]);
    await expect(
      backup.createVeleroBackup(client, {
        namespaces: [ns],
        labelSelector: 'tier in (web)',
        veleroNamespace: veleroNs,
      }),
    ).rejects.toMatchObject({ code: 'USAGE' });
    // No Velero server runs in this cluster: the test writes the status as Velero's server would.
    const phases: string[] = [];
    const follow = backup.followVelero(client, 'Backup', name, {
      veleroNamespace: veleroNs,
      intervalMs: 200,
      onPhase: (p) => phases.push(p.phase),
    });
    const setStatus = async (status: Record<string, unknown>): Promise<void> => {
      const o = await client.get({ apiVersion: 'velero.io/v1', kind: 'Backup', namespace: veleroNs, name });
      await client.request({
        method: 'PUT',
        path: `/apis/velero.io/v1/namespaces/${veleroNs}/backups/${name}`,
        body: { ...o, status },
      });
    };
    await new Promise((r) => setTimeout(r, 500));
    await setStatus({ phase: 'InProgress', progress: { totalItems: 4, itemsBackedUp: 1 } });
    await new Promise((r) => setTimeout(r, 500));
    await setStatus({
      phase: 'Completed',
      progress: { totalItems: 4, itemsBackedUp: 4 },
      completionTimestamp: '2026-11-26T02:31:00Z',
    });
    const final = await follow;
    expect(final).toMatchObject({ phase: 'Completed', items: 4, total: 4 });
    expect(phases).toContain('InProgress');
    const described = await backup.describeVeleroBackup(client, name, veleroNs);
    expect(described.backup.completedAt).toBe('2026-11-26T02:31:00Z');
    const restore = await backup.createVeleroRestore(client, {
      backup: name,
      namespaceMapping: { [ns]: `${ns}-restored` },
      existing: 'update',
      veleroNamespace: veleroNs,
    });
    const r = await client.get<KubeObject & { spec: Record<string, unknown> }>({
      apiVersion: 'velero.io/v1',
      kind: 'Restore',
      namespace: veleroNs,
      name: restore,
    });
    expect(r.spec).toMatchObject({
      backupName: name,
      existingResourcePolicy: 'update',
      namespaceMapping: { [ns]: `${ns}-restored` },
    });
    await expect(
      backup.createVeleroRestore(client, { backup: 'missing', veleroNamespace: veleroNs }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const listed2 = await runQuai(['backup', 'list', '--velero', '-o', 'json'], {
      KUBECONFIG: inject('kubeconfig'),
    });
    expect(listed2.code).toBe(0);
    const both = JSON.parse(listed2.out) as { quai: unknown[]; velero: { name: string; phase: string }[] };
    expect(both.velero).toContainEqual(expect.objectContaining({ name, phase: 'Completed' }));
  });
});

describe('the CLI', () => {
  const quai = (args: string[], e: NodeJS.ProcessEnv) =>
    runQuai(inject('context') ? [...args, '--context', inject('context')] : args, e);
  const env = (): NodeJS.ProcessEnv => ({
    KUBECONFIG: inject('kubeconfig'),
  });

  it('creates, lists, runs and deletes a schedule; prints the log; drills and lists drills', async () => {
    const name = uniqueName('cli');
    schedules.push(name);
    const keyFile = join(dir, `${name}.key`);
    await writeFile(keyFile, `${keyBytes.toString('base64')}\n`, { mode: 0o600 });
    const create = await quai(
      [
        'backup',
        'schedule',
        'create',
        name,
        '-n',
        ns,
        '--cron',
        '@hourly',
        '--time-zone',
        'Europe/Paris',
        '--target',
        dir,
        '--key-secret',
        keySecret,
        '--keep-last',
        '3',
        '-o',
        'json',
      ],
      env(),
    );
    expect(create.err).toBe('');
    expect(create.code).toBe(0);
    const list = await quai(['backup', 'schedule', 'list', '-o', 'json'], env());
    expect((JSON.parse(list.out) as { name: string }[]).map((s) => s.name)).toContain(name);
    const run = await quai(['backup', 'schedule', 'run-now', name, '-o', 'json'], env());
    expect(run.code).toBe(0);
    const made = (JSON.parse(run.out) as { backup: { name: string } }).backup.name;
    expect(run.err).toContain(`${name}: backup ${made} of ${ns}`);
    const logs = await quai(['backup', 'logs', made, '--target', dir], env());
    expect(logs.code).toBe(0);
    expect(logs.out).toMatch(/backup completed: \d+ objects/);
    const describeOut = await quai(['backup', 'schedule', 'describe', name], env());
    expect(describeOut.out).toContain('Europe/Paris');
    expect(describeOut.out).toContain('Next runs:');
    const drillRun = await quai(
      ['backup', 'drill', made, '--target', dir, '--key-file', keyFile, '--timeout', '90s'],
      env(),
    );
    expect(drillRun.code).toBe(0);
    const drills = await quai(
      ['backup', 'drill', 'list', '--target', dir, '--schedule', name, '-o', 'json'],
      env(),
    );
    expect(JSON.parse(drills.out)).toEqual([expect.objectContaining({ backup: made, status: 'pass' })]);
    const bad = await quai(
      [
        'backup',
        'schedule',
        'create',
        'x',
        '-n',
        ns,
        '--cron',
        '@daily',
        '--time-zone',
        'Mars/Olympus',
        '--target',
        dir,
        '--no-encryption',
      ],
      env(),
    );
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('Unknown time zone');
    expect((await quai(['backup', 'schedule', 'delete', name], env())).code).toBe(0);
  });
});

describe('logs and drill reports on an S3 target (Versity Gateway on loopback)', () => {
  it('keeps them beside the backup, refuses traversal, and deletes them with it', async () => {
    const s3 = await startS3Server();
    const target = new backup.S3Target({
      bucket: s3.bucket,
      prefix: 'sched/',
      endpoint: s3.endpoint,
      accessKeyId: s3.accessKeyId,
      secretAccessKey: s3.secretAccessKey,
    });
    try {
      const index = await backup.createBackupWithLog(client, target, {
        name: 'nightly-20261126013000',
        namespaces: [ns],
        clusterResources: 'no',
      });
      const log = await backup.readBackupLog(target, index.name);
      expect(log.at(-1)?.counts?.['ConfigMap']).toBe(1);
      await target.writeExtra(index.name, 'drills/20261126T020000Z-abcd.json', Buffer.from('{}'));
      expect(await target.listExtra(index.name, 'drills')).toEqual(['drills/20261126T020000Z-abcd.json']);
      await expect(
        target.writeExtra(index.name, '../other/index.json', Buffer.from('x')),
      ).rejects.toMatchObject({
        code: 'INPUT_INVALID',
      });
      await target.writeFailureLog(
        'nightly-20261126020000',
        Buffer.from('{"time":"t","level":"error","message":"disk full"}\n'),
      );
      expect((await backup.readBackupLog(target, 'nightly-20261126020000'))[0]?.message).toBe('disk full');
      expect((await target.list()).map((b) => b.name)).toEqual([index.name]);
      await target.delete(index.name);
      expect(await target.listExtra(index.name, 'drills')).toEqual([]);
      expect(await target.readExtra(index.name, 'log.jsonl')).toBeUndefined();
    } finally {
      target.close();
      await s3.stop();
    }
  });
});
