import { msg } from '@quai/contracts';
import { QuaiError } from '../errors/index.js';
import type { BackupIndex } from './format.js';
import { compareText } from '../util/index.js';

/** How many backups to keep, as restic's `forget` counts them (days, ISO weeks and months in UTC). */
export interface RetentionPolicy {
  readonly keepLast?: number;
  readonly keepHourly?: number;
  readonly keepDaily?: number;
  readonly keepWeekly?: number;
  readonly keepMonthly?: number;
}

export interface RetentionDecision {
  /** Backups kept, each with the rules that keep it. */
  readonly keep: readonly { readonly name: string; readonly reasons: readonly string[] }[];
  readonly remove: readonly string[];
}

function isoWeek(d: Date): string {
  const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  const day = t.getUTCDay() || 7;
  t.setUTCDate(t.getUTCDate() + 4 - day);
  const yearStart = new Date(Date.UTC(t.getUTCFullYear(), 0, 1));
  const week = Math.ceil(((t.getTime() - yearStart.getTime()) / 86_400_000 + 1) / 7);
  return `${t.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/**
 * Decides which backups a retention policy keeps: the newest `keepLast`, then the newest backup of
 * each of the last `keepDaily` days (weeks, months) that have one. Only completed backups fill
 * these slots; a partially-failed backup is removed once a newer completed backup exists. A
 * policy that keeps nothing is refused.
 */
export function applyRetention(backups: readonly BackupIndex[], policy: RetentionPolicy): RetentionDecision {
  const counts = [
    policy.keepLast,
    policy.keepHourly,
    policy.keepDaily,
    policy.keepWeekly,
    policy.keepMonthly,
  ];
  if (counts.every((n) => n === undefined || n <= 0)) {
    throw new QuaiError('USAGE', msg('backup.retention.keepsNothing'), {
      hint: msg('backup.retention.keepsNothingHint'),
    });
  }
  const newestFirst = [...backups].sort((a, b) => compareText(b.completedAt, a.completedAt));
  const completed = newestFirst.filter((b) => b.status === 'completed');
  const reasons = new Map<string, string[]>();
  const mark = (name: string, why: string): void => {
    reasons.set(name, [...(reasons.get(name) ?? []), why]);
  };
  completed.slice(0, policy.keepLast ?? 0).forEach((b, i) => mark(b.name, `last ${i + 1}`));
  const buckets = (n: number | undefined, label: string, key: (d: Date) => string): void => {
    if (!n || n <= 0) return;
    const seen = new Set<string>();
    for (const b of completed) {
      const k = key(new Date(b.completedAt));
      if (seen.has(k)) continue;
      if (seen.size >= n) break;
      seen.add(k);
      mark(b.name, `${label} ${k}`);
    }
  };
  buckets(policy.keepHourly, 'hourly', (d) => d.toISOString().slice(0, 13));
  buckets(policy.keepDaily, 'daily', (d) => d.toISOString().slice(0, 10));
  buckets(policy.keepWeekly, 'weekly', isoWeek);
  buckets(policy.keepMonthly, 'monthly', (d) => d.toISOString().slice(0, 7));
  const newestCompleted = completed[0]?.completedAt ?? '';
  // A partial backup newer than every completed one is kept: it may be all there is.
  for (const b of newestFirst)
    if (b.status !== 'completed' && b.completedAt > newestCompleted)
      mark(b.name, 'newer than any completed backup');
  return {
    keep: newestFirst
      .filter((b) => reasons.has(b.name))
      .map((b) => ({ name: b.name, reasons: reasons.get(b.name) ?? [] })),
    remove: newestFirst.filter((b) => !reasons.has(b.name)).map((b) => b.name),
  };
}
