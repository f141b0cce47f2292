import { msg, type Message } from '@quai/contracts';
import { randomBytes } from 'node:crypto';
import { waitForReady } from '../deploy/index.js';
import type { KubeClient } from '../kube/index.js';
import type { BackupKey } from './crypto.js';
import { checkIndex, restoreBackup, type OpenOptions, type RestoreResult } from './restore.js';
import type { StorageTarget } from './target.js';
import { drillDatabases, type DataRestoreOptions } from './volumes/data.js';

export interface DrillCheck {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
}

export interface DrillReport {
  readonly backup: string;
  readonly status: 'pass' | 'fail';
  readonly startedAt: string;
  /** From the start of the restore until every workload is ready: the recovery time. */
  readonly recoverySeconds: number;
  readonly scratchNamespaces: Readonly<Record<string, string>>;
  readonly checks: readonly DrillCheck[];
  readonly restore: RestoreResult;
  readonly cleanedUp: boolean;
}

export interface DrillOptions extends OpenOptions {
  readonly key?: BackupKey;
  readonly timeoutMs?: number;
  /** Keep the scratch namespaces for inspection (default: deleted). */
  readonly keep?: boolean;
  readonly onStep?: (message: Message) => void;
  readonly signal?: AbortSignal;
  /** Volume data into the scratch claims (a mover is needed), and the repository of an S3 target. */
  readonly data?: Omit<DataRestoreOptions, 'key'>;
}

/**
 * Proves a backup restores: into scratch namespaces (`<ns>-drill-<random>`), checks that every
 * object came back and that every workload becomes ready, measures the recovery time, then
 * deletes the scratch namespaces.
 */
export async function drill(
  client: KubeClient,
  target: StorageTarget,
  name: string,
  options: DrillOptions = {},
): Promise<DrillReport> {
  const step = options.onStep ?? (() => undefined);
  const index = await target.readIndex(name);
  // Checked before anything is created: the scratch namespaces and the data checks come from it.
  checkIndex(index, options.key, options);
  const suffix = randomBytes(3).toString('hex');
  const mapping: Record<string, string> = {};
  for (const ns of index.namespaces) mapping[ns] = `${ns.slice(0, 45)}-drill-${suffix}`;
  const startedAt = new Date().toISOString();
  const start = performance.now();
  step(msg('backup.step.drillRestoring', { name, namespaces: Object.values(mapping).join(', ') }));
  const restore = await restoreBackup(client, target, name, {
    ...(options.key ? { key: options.key } : {}),
    namespaceMapping: mapping,
    skipPersistentVolumes: true,
    ...(options.allowUnauthenticated ? { allowUnauthenticated: true } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.data?.volumes ? { data: { ...options.data, restoreDatabases: false }, onStep: step } : {}),
  });
  const checks: DrillCheck[] = [];
  const failed = restore.items.filter((i) => i.action === 'failed');
  checks.push({
    name: 'every object restored',
    ok: failed.length === 0 && restore.counts.created > 0,
    detail:
      failed.length === 0
        ? `${restore.counts.created} objects created`
        : `${failed.length} failed: ${failed
            .map((f) => `${f.object} (${f.reason ?? ''})`)
            .slice(0, 5)
            .join('; ')}`,
  });
  const workloads = await Promise.all(
    Object.values(mapping).flatMap((ns) =>
      [
        ['apps/v1', 'Deployment'],
        ['apps/v1', 'StatefulSet'],
        ['apps/v1', 'DaemonSet'],
        ['v1', 'PersistentVolumeClaim'],
      ].map(([apiVersion, kind]) => client.list(apiVersion as string, kind as string, { namespace: ns })),
    ),
  );
  step(msg('backup.step.drillWaiting'));
  try {
    const states = await waitForReady(client, workloads.flat(), {
      timeoutMs: options.timeoutMs ?? 300_000,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    checks.push({ name: 'workloads ready', ok: true, detail: `${states.length} objects ready` });
  } catch (error) {
    checks.push({
      name: 'workloads ready',
      ok: false,
      detail: error instanceof Error ? error.message : String(error),
    });
  }
  for (const v of restore.data?.volumes ?? [])
    checks.push({
      name: `volume ${v.claim} restored`,
      ok: v.action !== 'failed',
      detail: v.reason ?? v.action,
    });
  // Data checks: each dump restored into a scratch database, its declared queries compared.
  if ((index.databases ?? []).length > 0) {
    try {
      checks.push(
        ...(await drillDatabases(
          client,
          target,
          index,
          { ...options.data, ...(options.key ? { key: options.key } : {}), suffix },
          { step, ...(options.signal ? { signal: options.signal } : {}) },
        )),
      );
    } catch (error) {
      if (options.signal?.aborted) throw error;
      checks.push({
        name: 'data checks',
        ok: false,
        detail: error instanceof Error ? error.message : String(error),
      });
    }
  }
  const recoverySeconds = Math.round((performance.now() - start) / 10) / 100;
  let cleanedUp = false;
  if (!options.keep) {
    step(msg('backup.step.drillCleaning'));
    for (const ns of Object.values(mapping))
      await client.delete({ apiVersion: 'v1', kind: 'Namespace', name: ns }).catch(() => undefined);
    cleanedUp = true;
  }
  return {
    backup: name,
    status: checks.every((c) => c.ok) ? 'pass' : 'fail',
    startedAt,
    recoverySeconds,
    scratchNamespaces: mapping,
    checks,
    restore,
    cleanedUp,
  };
}
