// The lock that keeps two writers of the same backup name apart on one target. A lock records who
// holds it (host, process id, backup id, since); its holder refreshes it every LOCK_REFRESH_MS, so
// a lock left by a killed process is recognised as stale: its process is gone (same host), or it
// was not refreshed for LOCK_STALE_MS (any host, an NFS folder shared by several machines).
import { hostname } from 'node:os';
import { msg, type Message } from '@quai/contracts';
import { QuaiError } from '../errors/index.js';

export const LOCK_REFRESH_MS = 20_000;
export const LOCK_STALE_MS = 120_000;

export interface LockRecord {
  readonly host: string;
  readonly pid: number;
  readonly id: string;
  readonly since: string;
}

export function lockRecord(id: string, now: Date = new Date()): LockRecord {
  return { host: hostname(), pid: process.pid, id, since: now.toISOString() };
}

/** Parses a lock's content; undefined when it is not a lock record (then it is treated as stale). */
export function parseLockRecord(text: string): LockRecord | undefined {
  try {
    const o = JSON.parse(text) as Partial<LockRecord>;
    if (
      typeof o.host === 'string' &&
      typeof o.pid === 'number' &&
      typeof o.id === 'string' &&
      typeof o.since === 'string'
    )
      return o as LockRecord;
  } catch {
    // not a record
  }
  return undefined;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A lock whose holder is gone: its process died on this host, or it was not refreshed in time. */
export function lockIsStale(
  record: LockRecord | undefined,
  refreshedAt: Date,
  now: Date = new Date(),
): boolean {
  if (record === undefined) return true;
  if (now.getTime() - refreshedAt.getTime() > LOCK_STALE_MS) return true;
  return record.host === hostname() && !processAlive(record.pid);
}

export function lockedError(name: string, where: string, record: LockRecord | undefined): QuaiError {
  const who =
    record === undefined
      ? msg('backup.lockedByUnknown')
      : msg('backup.lockedBy', {
          pid: record.pid,
          host: record.host,
          id: record.id.slice(0, 8),
          since: record.since,
        });
  return new QuaiError('BACKUP_LOCKED', msg('backup.locked', { name, where, who }), {
    hint: msg('backup.lockedHint', { minutes: LOCK_STALE_MS / 60_000 }),
    details: record === undefined ? {} : { ...record },
  });
}

/**
 * Sorts the locks of a target into live ones (a backup being written) and stale ones, which are
 * removed; both targets clean their leftovers with it.
 */
export async function sweepLocks(
  names: readonly string[],
  read: (name: string) => Promise<{ readonly record?: LockRecord; readonly refreshedAt: Date } | undefined>,
  remove: (name: string) => Promise<void>,
): Promise<{
  live: Set<string>;
  writing: { name: string; id: string }[];
  removed: Message[];
}> {
  const live = new Set<string>();
  const writing: { name: string; id: string }[] = [];
  const removed: Message[] = [];
  for (const name of names) {
    const held = await read(name);
    if (held === undefined) continue;
    if (!lockIsStale(held.record, held.refreshedAt)) {
      live.add(name);
      writing.push({ name, id: held.record?.id ?? '' });
      continue;
    }
    await remove(name);
    removed.push(
      msg('backup.leftover.staleLock', {
        name,
        holder: held.record
          ? msg('backup.leftover.lockHolder', { pid: String(held.record.pid), host: held.record.host })
          : msg('backup.leftover.lockUnreadable'),
      }),
    );
  }
  return { live, writing, removed };
}
