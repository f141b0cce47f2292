import { describe, expect, it } from 'vitest';
import { backup, QuaiError } from '../src/index.js';

function b(
  name: string,
  completedAt: string,
  status: 'completed' | 'partially-failed' = 'completed',
): backup.BackupIndex {
  return {
    format: 1,
    name,
    status,
    startedAt: completedAt,
    completedAt,
    createdBy: 'x',
    cluster: 'x',
    namespaces: ['a'],
    clusterResources: true,
    encryption: 'none',
    files: [],
    counts: {},
    warnings: [],
    errors: [],
  };
}

// Two backups a day at 00:00 and 12:00 (like k3s etcd snapshots) from 2026-10-01 to 2026-11-26.
const series: backup.BackupIndex[] = [];
for (
  let d = new Date('2026-10-01T00:00:00Z');
  d <= new Date('2026-11-26T12:00:00Z');
  d = new Date(d.getTime() + 12 * 3_600_000)
) {
  series.push(b(`n-${d.toISOString().slice(0, 13).replace(/[-T:]/g, '')}`, d.toISOString()));
}

describe('backup retention', () => {
  it('keeps the last N', () => {
    const r = backup.applyRetention(series, { keepLast: 3 });
    expect(r.keep.map((k) => k.name)).toEqual(['n-2026112612', 'n-2026112600', 'n-2026112512']);
    expect(r.remove).toHaveLength(series.length - 3);
  });

  it('keeps the newest of each of the last days, ISO weeks and months', () => {
    const r = backup.applyRetention(series, { keepDaily: 3, keepWeekly: 2, keepMonthly: 2 });
    const kept = Object.fromEntries(r.keep.map((k) => [k.name, k.reasons]));
    expect(kept['n-2026112612']).toEqual(['daily 2026-11-26', 'weekly 2026-W48', 'monthly 2026-11']);
    expect(kept['n-2026112512']).toEqual(['daily 2026-11-25']);
    expect(kept['n-2026112412']).toEqual(['daily 2026-11-24']);
    // The newest of the previous ISO week (Sunday 2026-11-22) and of October.
    expect(kept['n-2026112212']).toEqual(['weekly 2026-W47']);
    expect(kept['n-2026103112']).toEqual(['monthly 2026-10']);
    expect(r.keep).toHaveLength(5);
  });

  it('removes partial backups once a newer completed one exists, keeps a newest partial one', () => {
    const r = backup.applyRetention(
      [
        b('old-partial', '2026-11-20T00:00:00Z', 'partially-failed'),
        b('good', '2026-11-21T00:00:00Z'),
        b('new-partial', '2026-11-22T00:00:00Z', 'partially-failed'),
      ],
      { keepLast: 5 },
    );
    expect(r.keep.map((k) => k.name)).toEqual(['new-partial', 'good']);
    expect(r.remove).toEqual(['old-partial']);
  });

  it('refuses a policy that keeps nothing', () => {
    expect(() => backup.applyRetention(series, {})).toThrow(QuaiError);
    expect(() => backup.applyRetention(series, { keepLast: 0 })).toThrow(/keeps nothing/);
  });
});
