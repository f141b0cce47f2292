import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backup, QuaiError } from '../src/index.js';
import { cronJobObjects, rbacObjects } from '../src/backup/schedule-cronjob.js';

const base: backup.BackupScheduleInput = {
  name: 'nightly',
  cron: '30 2 * * *',
  timeZone: 'Europe/Paris',
  namespaces: ['grist'],
  target: 's3://backups/quai',
  encryption: { keySecret: 'backup-key' },
};

function code(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof QuaiError ? error.code : 'other';
  }
  return undefined;
}

describe('backup schedules', () => {
  it('reads the cron in the time zone, across the spring DST change in Paris', () => {
    // 2026-03-29: 02:00 CET jumps to 03:00 CEST; 02:30 does not exist that night.
    const runs = backup.nextRuns(backup.validateSchedule(base), 4, new Date('2026-03-27T00:00:00Z'));
    expect(runs.map((d) => d.toISOString())).toEqual([
      '2026-03-27T01:30:00.000Z', // 02:30 CET
      '2026-03-28T01:30:00.000Z',
      '2026-03-29T01:00:00.000Z', // the skipped 02:30 runs once, at 03:00 CEST
      '2026-03-30T00:30:00.000Z', // 02:30 CEST
    ]);
  });

  it('runs a repeated local time once across the autumn DST change', () => {
    // 2026-10-25: 03:00 CEST goes back to 02:00 CET; 02:30 happens twice.
    const runs = backup.nextRuns(backup.validateSchedule(base), 3, new Date('2026-10-24T12:00:00Z'));
    expect(runs.map((d) => d.toISOString())).toEqual([
      '2026-10-25T00:30:00.000Z', // 02:30 CEST, the first 02:30 of the night; not again at 02:30 CET
      '2026-10-26T01:30:00.000Z', // 02:30 CET
      '2026-10-27T01:30:00.000Z',
    ]);
  });

  it('accepts macros and refuses six fields, bad values and unknown time zones with USAGE', () => {
    expect(backup.validateSchedule({ ...base, cron: '@daily' }).cron).toBe('@daily');
    expect(backup.validateSchedule({ ...base, cron: '@midnight' }).cron).toBe('@midnight');
    expect(code(() => backup.validateSchedule({ ...base, cron: '0 30 2 * * *' }))).toBe('USAGE');
    expect(code(() => backup.validateSchedule({ ...base, cron: '61 * * * *' }))).toBe('USAGE');
    expect(code(() => backup.validateSchedule({ ...base, timeZone: 'Europe/Pariss' }))).toBe('USAGE');
    expect(code(() => backup.validateSchedule({ ...base, target: 'relative/dir' }))).toBe('USAGE');
    expect(code(() => backup.validateSchedule({ ...base, name: 'Nightly' }))).toBe('INPUT_INVALID');
    expect(code(() => backup.validateSchedule({ ...base, ttl: '30 days' }))).toBe('INPUT_INVALID');
    expect(code(() => backup.validateSchedule({ ...base, drill: { cron: 'nope' } }))).toBe('USAGE');
  });

  it('runs missed times once after downtime, like a CronJob', () => {
    const s = backup.validateSchedule({ ...base, cron: '0 * * * *', timeZone: 'UTC' });
    const last = new Date('2026-11-20T10:00:00Z');
    // Down for three days: one run, the newest missed time.
    expect(backup.dueRun(s, last, new Date('2026-11-23T10:20:00Z'))?.toISOString()).toBe(
      '2026-11-23T10:00:00.000Z',
    );
    expect(backup.dueRun(s, last, new Date('2026-11-20T10:59:00Z'))).toBeUndefined();
    // Every minute for a week of downtime is still one run.
    const m = backup.validateSchedule({ ...base, cron: '* * * * *' });
    expect(backup.dueRun(m, last, new Date('2026-11-27T10:00:30Z'))?.toISOString()).toBe(
      '2026-11-27T10:00:00.000Z',
    );
  });

  it('names backups after the schedule and recognises them', () => {
    const name = backup.backupNameFor('nightly', new Date('2026-11-26T01:30:00.123Z'));
    expect(name).toBe('nightly-20261126013000');
    expect(backup.isBackupOf('nightly', name)).toBe(true);
    expect(backup.isBackupOf('night', name)).toBe(false);
    expect(backup.isBackupOf('nightly', 'nightly-manual')).toBe(false);
  });

  it('makes a CronJob with time zone, Forbid, a deadline and a restricted pod', () => {
    const s = backup.validateSchedule({ ...base, drill: { afterBackup: false, cron: '0 6 * * 1' } });
    const [job, drill] = cronJobObjects(s, 'registry.example/quai:1');
    const spec = job?.['spec'] as Record<string, any>;
    expect(spec['timeZone']).toBe('Europe/Paris');
    expect(spec['concurrencyPolicy']).toBe('Forbid');
    expect(spec['startingDeadlineSeconds']).toBeGreaterThan(0);
    const pod = spec['jobTemplate'].spec.template.spec;
    expect(pod.securityContext.runAsNonRoot).toBe(true);
    expect(pod.containers[0].securityContext).toMatchObject({
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
    });
    expect(pod.containers[0].args).toEqual(['backup', 'schedule', 'run-now', 'nightly', '--scheduled']);
    expect((drill?.['spec'] as Record<string, any>)['schedule']).toBe('0 6 * * 1');
  });

  it('grants writes only when a schedule drills, and only the Secrets schedules name', () => {
    const plain = rbacObjects([backup.validateSchedule(base)]);
    expect(plain.map((o) => o.metadata.name)).not.toContain('quai-backup-drill');
    const role = plain.find((o) => o.kind === 'Role') as unknown as {
      rules: { resources: string[]; resourceNames?: string[] }[];
    };
    expect(role.rules.find((r) => r.resources.includes('secrets'))?.resourceNames).toEqual(['backup-key']);
    const drilling = rbacObjects([backup.validateSchedule({ ...base, drill: { afterBackup: true } })]);
    expect(drilling.map((o) => o.metadata.name)).toContain('quai-backup-drill');
    expect(plain.some((o) => o.metadata.name === 'quai-backup-mover')).toBe(false);
    // Data moved by Jobs: create and delete Jobs and Secrets in the backed-up namespaces only.
    const moving = rbacObjects([backup.validateSchedule({ ...base, volumes: { mover: 'job' } })]);
    const mover = moving.filter((o) => o.metadata.name === 'quai-backup-mover');
    expect(mover.map((o) => `${o.kind}/${o.metadata.namespace ?? ''}`)).toEqual(
      base.namespaces.flatMap((n) => [`Role/${n}`, `RoleBinding/${n}`]),
    );
    expect((mover[0] as unknown as { rules: unknown[] }).rules).toEqual([
      { apiGroups: ['batch'], resources: ['jobs'], verbs: ['create', 'delete'] },
      { apiGroups: [''], resources: ['secrets'], verbs: ['create', 'delete'] },
    ]);
    const local = rbacObjects([backup.validateSchedule({ ...base, volumes: { mover: 'local' } })]);
    expect(local.some((o) => o.metadata.name === 'quai-backup-mover')).toBe(false);
    expect(() => backup.validateSchedule({ ...base, encryption: 'none', volumes: { mover: 'job' } })).toThrow(
      /without a key/,
    );
  });

  it('keeps hourly slots in retention', () => {
    const idx = (name: string, at: string): backup.BackupIndex =>
      ({ name, completedAt: at, status: 'completed' }) as backup.BackupIndex;
    const d = backup.applyRetention(
      [
        idx('a', '2026-11-26T10:05:00Z'),
        idx('b', '2026-11-26T10:35:00Z'),
        idx('c', '2026-11-26T11:05:00Z'),
        idx('d', '2026-11-26T12:05:00Z'),
      ],
      { keepHourly: 2 },
    );
    expect(d.keep.map((k) => k.name)).toEqual(['d', 'c']);
    expect(d.remove).toEqual(['b', 'a']);
  });
});

describe('backup logs and drill reports on a directory target', () => {
  it('keeps a log beside a backup, and a failure log for a backup that never completed', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'quai-log-'));
    try {
      const target = new backup.DirectoryTarget(dir);
      const w = await target.begin('b1', 'b1'.padEnd(32, '0'));
      await w.commit({
        format: backup.FORMAT_VERSION,
        name: 'b1',
        status: 'completed',
        startedAt: '2026-11-26T00:00:00Z',
        completedAt: '2026-11-26T00:00:01Z',
        createdBy: 'test',
        cluster: 'https://127.0.0.1',
        namespaces: ['a'],
        clusterResources: false,
        encryption: 'none',
        files: [],
        counts: {},
        warnings: [],
        errors: [],
      });
      const log = new backup.BackupLog();
      log.info('done', { ConfigMap: 3 });
      await target.writeExtra('b1', 'log.jsonl', log.toBuffer());
      expect((await backup.readBackupLog(target, 'b1'))[0]).toMatchObject({
        message: 'done',
        counts: { ConfigMap: 3 },
      });
      await expect(target.writeExtra('b1', '../escape.json', Buffer.from('x'))).rejects.toMatchObject({
        code: 'INPUT_INVALID',
      });
      await expect(target.writeExtra('nope', 'log.jsonl', Buffer.from('x'))).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
      await target.writeFailureLog('b2', Buffer.from('{"time":"t","level":"error","message":"boom"}\n'));
      expect((await backup.readBackupLog(target, 'b2'))[0]?.message).toBe('boom');
      expect((await target.list()).map((b) => b.name)).toEqual(['b1']);
      await expect(backup.readBackupLog(target, 'b3')).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await target.writeExtra('b1', 'drills/20261126T000000Z.json', Buffer.from('{"startedAt":"x"}'));
      expect(await target.listExtra('b1', 'drills')).toEqual(['drills/20261126T000000Z.json']);
      await target.delete('b1');
      expect(await target.listExtra('b1', 'drills')).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('a schedule checked field by field (the console form, a dry run)', () => {
  const now = new Date('2026-03-27T12:00:00Z');
  it('says every wrong field at once, and still previews the next runs when the cron reads', () => {
    const check = backup.checkSchedule(
      { name: 'Nuit', cron: '30 2 * * *', timeZone: 'Europe/Paris', target: 'relative/dir', ttl: '3 days' },
      now,
    );
    expect(check.schedule).toBeUndefined();
    const fields = Object.fromEntries(check.problems.map((p) => [p.field, p.message.id]));
    expect(fields).toEqual({
      name: 'backup.schedule.badName',
      namespaces: 'backup.schedule.noNamespaces',
      encryption: 'backup.schedule.noEncryption',
      ttl: 'backup.schedule.badTtl',
      target: 'backup.schedule.relativeTarget',
    });
    // Across the spring DST change (29 March 2026): 02:30 does not exist that night, it runs at 03:00.
    expect(check.nextRuns.map((d) => d.toISOString())).toEqual([
      '2026-03-28T01:30:00.000Z',
      '2026-03-29T01:00:00.000Z',
      '2026-03-30T00:30:00.000Z',
      '2026-03-31T00:30:00.000Z',
      '2026-04-01T00:30:00.000Z',
    ]);
  });
  it('puts a bad cron, an unknown time zone and a bad drill cron on their fields', () => {
    const cron = backup.checkSchedule({ ...base, cron: '30 2 * *' }, now);
    expect(cron.problems.map((p) => [p.field, p.message.id])).toEqual([
      ['cron', 'backup.schedule.cronFields'],
    ]);
    expect(cron.nextRuns).toEqual([]);
    const values = backup.checkSchedule({ ...base, cron: '61 2 * * *' }, now);
    expect(values.problems[0]).toMatchObject({ field: 'cron', message: { id: 'backup.schedule.badCron' } });
    const zone = backup.checkSchedule({ ...base, timeZone: 'Europe/Lutece' }, now);
    expect(zone.problems.map((p) => p.field)).toEqual(['timeZone']);
    const drill = backup.checkSchedule({ ...base, drill: { cron: 'often' } }, now);
    expect(drill.problems.map((p) => p.field)).toEqual(['drill.cron']);
    const data = backup.checkSchedule({ ...base, encryption: 'none', volumes: { mover: 'job' } }, now);
    expect(data.problems.map((p) => [p.field, p.message.id])).toEqual([
      ['encryption', 'backup.schedule.dataWithoutKey'],
    ]);
  });
  it('gives the schedule with its defaults when nothing is wrong', () => {
    const check = backup.checkSchedule({ ...base }, now, 2);
    expect(check.problems).toEqual([]);
    expect(check.schedule).toMatchObject({ name: 'nightly', clusterResources: 'auto', suspend: false });
    expect(check.nextRuns).toHaveLength(2);
    expect(() => backup.validateSchedule(check.schedule)).not.toThrow();
  });
});
