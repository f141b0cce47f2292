// What a restore has done, kept in the cluster so that a rerun after an interruption (Ctrl-C,
// SIGKILL, a lost connection) resumes exactly. A restore's id is derived from the backup's
// identity, so every run of a restore of that backup has the same one:
// - each Namespace the restore creates carries the label quai.dev/restore-id=ID from its
//   creation (one request: a namespace never exists without it), so a rerun knows which
//   namespaces an earlier run created, and restores their volume data and dumps as if it had
//   created them itself;
// - in each such namespace, a ConfigMap quai-restore-ID (labelled likewise) lists the volumes and
//   databases whose data is back, so a rerun does not restore them again over what the app may
//   have written since.
// When the restore completes, the label is removed first, then the ConfigMaps: a rerun after
// that treats the namespaces as existing ones (their live data is left alone).
import { createHash } from 'node:crypto';
import { msg, type Message } from '@quai/contracts';
import type { KubeClient, KubeObject } from '../kube/index.js';
import type { BackupIndex } from './format.js';

export const RESTORE_LABEL = 'quai.dev/restore-id';

/** The id of a restore of a backup: the same for every run of it. */
export function restoreIdOf(index: Pick<BackupIndex, 'name' | 'id' | 'startedAt'>): string {
  return createHash('sha256')
    .update(`quai restore\u0000${index.name}\u0000${index.id ?? index.startedAt}`)
    .digest('hex')
    .slice(0, 16);
}

type ConfigMap = KubeObject & { data?: Record<string, string> };

export class RestoreProgress {
  private readonly done = new Map<string, Set<string>>();
  private readonly resumedNamespaces = new Set<string>();

  private constructor(
    private readonly client: KubeClient,
    readonly id: string,
    private readonly signal: AbortSignal | undefined,
  ) {}

  private get recordName(): string {
    return `quai-restore-${this.id}`;
  }

  /** Reads what earlier runs of this restore did in the namespaces it restores into. */
  static async open(
    client: KubeClient,
    id: string,
    namespaces: readonly string[],
    signal?: AbortSignal,
  ): Promise<RestoreProgress> {
    const p = new RestoreProgress(client, id, signal);
    for (const ns of namespaces) {
      const live = await client.tryGet({ apiVersion: 'v1', kind: 'Namespace', name: ns }, signal);
      if (live?.metadata.labels?.[RESTORE_LABEL] !== id) continue;
      p.resumedNamespaces.add(ns);
      const record = await client.tryGet<ConfigMap>(
        { apiVersion: 'v1', kind: 'ConfigMap', namespace: ns, name: p.recordName },
        signal,
      );
      p.done.set(ns, new Set(JSON.parse(record?.data?.['done'] ?? '[]') as string[]));
    }
    return p;
  }

  /** Namespaces an earlier, interrupted run of this restore created. */
  get resumed(): ReadonlySet<string> {
    return this.resumedNamespaces;
  }

  /** The labels a namespace this restore creates carries. */
  label(): Record<string, string> {
    return { [RESTORE_LABEL]: this.id };
  }

  /** Whether an earlier run restored this item (`volume NS/CLAIM`, `database NS/NAME`) in `ns`. */
  isDone(ns: string, item: string): boolean {
    return this.done.get(ns)?.has(item) === true;
  }

  /** Records an item whose data is back, in its namespace's record (one write, whole). */
  async markDone(ns: string, item: string): Promise<void> {
    const set = this.done.get(ns) ?? new Set<string>();
    set.add(item);
    this.done.set(ns, set);
    await this.client.apply(
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: this.recordName, namespace: ns, labels: this.label() },
        data: { restore: this.id, done: JSON.stringify([...set].sort()) },
      },
      { fieldManager: 'quai-restore', force: true, ...(this.signal ? { signal: this.signal } : {}) },
    );
  }

  /**
   * The restore completed: its namespaces become ordinary ones (label removed first, so an
   * interruption here never makes a rerun restore data twice), then the records are deleted.
   */
  async finish(namespaces: Iterable<string>): Promise<Message[]> {
    const problems: Message[] = [];
    for (const ns of namespaces) {
      try {
        await this.client.request({
          method: 'PATCH',
          path: `/api/v1/namespaces/${ns}`,
          contentType: 'application/merge-patch+json',
          body: { metadata: { labels: { [RESTORE_LABEL]: null } } },
          ...(this.signal ? { signal: this.signal } : {}),
        });
        await this.client
          .delete({ apiVersion: 'v1', kind: 'ConfigMap', namespace: ns, name: this.recordName })
          .catch(() => undefined);
      } catch (error) {
        problems.push(
          msg('backup.restoreNote.labelNotRemoved', {
            namespace: ns,
            label: RESTORE_LABEL,
            reason: error instanceof Error ? error.message : String(error),
          }),
        );
      }
    }
    return problems;
  }
}
