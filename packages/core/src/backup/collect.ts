import { msg, type Message } from '@quai/contracts';
import { gzipSync } from 'node:zlib';
import { QuaiError } from '../errors/index.js';
import type { KubeClient, KubeObject, ResourceType } from '../kube/index.js';
import { encrypt, fileBinding, indexMac, newBackupId, sha256, type BackupKey } from './crypto.js';
import { FORMAT_VERSION, type BackupFile, type BackupIndex } from './format.js';
import { RESTORE_LABEL } from './restore-progress.js';
import type { StorageTarget } from './target.js';
import { backupData, type DataOptions } from './volumes/data.js';
import { compareText } from '../util/index.js';

/** Kinds Kubernetes regenerates or that make no sense to restore. */
const SKIPPED = new Set([
  'Event.',
  'Event.events.k8s.io',
  'Endpoints.',
  'EndpointSlice.discovery.k8s.io',
  'Lease.coordination.k8s.io',
  'ControllerRevision.apps',
  'Binding.',
  'PodMetrics.metrics.k8s.io',
]);

type Obj = KubeObject & {
  spec?: Record<string, unknown>;
  type?: string;
  roleRef?: { kind?: string; name?: string };
};

export interface BackupOptions {
  readonly name: string;
  readonly namespaces: readonly string[];
  readonly labelSelector?: string;
  /** auto: the cluster-scoped objects the namespaces depend on; yes: the same; no: none. */
  readonly clusterResources: 'auto' | 'yes' | 'no';
  /** Encryption key; without one, Secrets are left out (never stored in clear). */
  readonly key?: BackupKey;
  readonly onProgress?: (message: Message) => void;
  readonly signal?: AbortSignal;
  readonly now?: () => Date;
  /** Volume data (restic) and database dumps, recorded in the index's `volumes` and `databases`. */
  readonly data?: DataOptions;
}

interface Discovered extends ResourceType {
  readonly apiVersion: string;
}

/** Every kind the server can list and create, at each group's preferred version. */
async function discover(client: KubeClient, signal?: AbortSignal): Promise<Discovered[]> {
  return (await client.discoverAll(signal))
    .filter((r) => r.verbs.includes('list') && r.verbs.includes('create'))
    .map((r) => ({ ...r, apiVersion: r.group === '' ? r.version : `${r.group}/${r.version}` }));
}

function gk(o: { kind: string; group?: string; apiVersion?: string }): string {
  const group = o.group ?? (o.apiVersion?.includes('/') ? o.apiVersion.split('/')[0] : '');
  return `${o.kind}.${group ?? ''}`;
}

function owned(o: KubeObject): boolean {
  return ((o.metadata['ownerReferences'] ?? []) as { controller?: boolean }[]).some(
    (r) => r.controller === true,
  );
}

/**
 * Backs up namespaces: every listable namespaced kind (less what Kubernetes regenerates: events,
 * endpoints, pods and replica sets owned by controllers, service-account tokens, the root CA
 * ConfigMap), plus the cluster-scoped objects they depend on. Each kind goes to one file with its
 * SHA-256, encrypted with AES-256-GCM bound to the backup's name, random id and the file's path;
 * the index, authenticated by a MAC, is written last, so a backup is visible only once complete.
 */
export async function createBackup(
  client: KubeClient,
  target: StorageTarget,
  options: BackupOptions,
): Promise<BackupIndex> {
  const now = options.now ?? (() => new Date());
  const startedAt = now().toISOString();
  const progress = options.onProgress ?? (() => undefined);
  const signal = options.signal;
  for (const ns of options.namespaces) {
    if ((await client.tryGet({ apiVersion: 'v1', kind: 'Namespace', name: ns }, signal)) === undefined) {
      throw new QuaiError('NOT_FOUND', msg('backup.namespaceMissing', { namespace: ns }), {
        hint: msg('backup.namespaceMissingHint'),
      });
    }
  }
  const id = newBackupId();
  const writer = await target.begin(options.name, id);
  const warnings: Message[] = [];
  const errors: string[] = [];
  const files: BackupFile[] = [];
  const counts: Record<string, number> = {};
  try {
    const kinds = await discover(client, signal);
    const byKind = new Map<string, { type: Discovered; items: Obj[] }>();
    const push = (type: Discovered, o: Obj): void => {
      const entry = byKind.get(gk(type)) ?? { type, items: [] };
      entry.items.push(o);
      byKind.set(gk(type), entry);
    };
    const namespaced = kinds.filter((k) => k.namespaced && !SKIPPED.has(gk(k)));
    // Few namespaces: list each kind per namespace. Many: list each kind once, cluster-wide.
    const perNamespace = options.namespaces.length <= 3;
    const wanted = new Set(options.namespaces);
    const keep = (type: Discovered, o: Obj): void => {
      if (type.kind === 'Pod' && owned(o)) return;
      if (type.kind === 'ReplicaSet' && owned(o)) return;
      if (type.kind === 'Job' && owned(o)) return;
      if (type.kind === 'Secret' && o.type === 'kubernetes.io/service-account-token') return;
      if (type.kind === 'ConfigMap' && o.metadata.name === 'kube-root-ca.crt') return;
      // The progress record of a restore in progress is not the app's.
      if (type.kind === 'ConfigMap' && o.metadata.labels?.[RESTORE_LABEL] !== undefined) return;
      if (type.kind === 'Secret' && options.key === undefined) {
        warnings.push(
          msg('backup.warning.secretLeftOut', {
            secret: `${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`,
          }),
        );
        return;
      }
      push(type, o);
    };
    const scopes = perNamespace ? options.namespaces.map((ns) => [ns] as const) : [[undefined] as const];
    let done = 0;
    for (const [ns] of scopes) {
      for (const type of namespaced) {
        signal?.throwIfAborted();
        let items: Obj[];
        try {
          items = await client.list<Obj>(type.apiVersion, type.kind, {
            ...(ns === undefined ? {} : { namespace: ns }),
            ...(options.labelSelector ? { labelSelector: options.labelSelector } : {}),
            ...(signal ? { signal } : {}),
          });
        } catch (error) {
          errors.push(`${type.kind}${ns === undefined ? '' : ` in ${ns}`}: ${(error as Error).message}`);
          continue;
        }
        for (const o of items) if (wanted.has(o.metadata.namespace ?? '')) keep(type, o);
        if (ns === undefined)
          progress(msg('backup.step.kindRead', { kind: type.kind, done: ++done, total: namespaced.length }));
      }
      if (ns !== undefined)
        progress(
          msg('backup.step.namespaceRead', { namespace: ns, done: ++done, total: options.namespaces.length }),
        );
    }
    if (options.clusterResources !== 'no') {
      const cluster = kinds.filter((k) => !k.namespaced);
      const find = (kind: string, group: string): Discovered | undefined =>
        cluster.find((k) => k.kind === kind && k.group === group);
      const get = async (type: Discovered | undefined, name: string): Promise<void> => {
        if (type === undefined || name === '') return;
        const o = await client.tryGet<Obj>({ apiVersion: type.apiVersion, kind: type.kind, name }, signal);
        if (o !== undefined && !(byKind.get(gk(type))?.items ?? []).some((x) => x.metadata.name === name))
          push(type, o);
      };
      const nsType = find('Namespace', '');
      for (const ns of options.namespaces) await get(nsType, ns);
      for (const pvc of byKind.get('PersistentVolumeClaim.')?.items ?? []) {
        await get(find('PersistentVolume', ''), (pvc.spec?.['volumeName'] as string | undefined) ?? '');
        await get(
          find('StorageClass', 'storage.k8s.io'),
          (pvc.spec?.['storageClassName'] as string | undefined) ?? '',
        );
      }
      for (const rb of byKind.get('RoleBinding.rbac.authorization.k8s.io')?.items ?? []) {
        if (rb.roleRef?.kind === 'ClusterRole')
          await get(find('ClusterRole', 'rbac.authorization.k8s.io'), rb.roleRef.name ?? '');
      }
      const priorityNames = new Set<string>();
      for (const [, { items }] of byKind) {
        for (const o of items) {
          const spec = o.spec as
            { priorityClassName?: string; template?: { spec?: { priorityClassName?: string } } } | undefined;
          const p = spec?.priorityClassName ?? spec?.template?.spec?.priorityClassName;
          if (p) priorityNames.add(p);
        }
      }
      for (const p of priorityNames) await get(find('PriorityClass', 'scheduling.k8s.io'), p);
      const crdType = find('CustomResourceDefinition', 'apiextensions.k8s.io');
      if (crdType) {
        const builtIn = /(^|\.)k8s\.io$|^$|^(apps|batch|policy|autoscaling)$/;
        const customGroups = [...byKind.values()].map((v) => v.type).filter((t) => !builtIn.test(t.group));
        for (const t of customGroups) await get(crdType, `${t.resource}.${t.group}`);
      }
    }
    for (const [kindKey, { type, items }] of [...byKind.entries()].sort(([a], [b]) => compareText(a, b))) {
      const cleaned = items.map((o) => ({
        ...o,
        apiVersion: type.apiVersion,
        kind: type.kind,
        metadata: { ...o.metadata, managedFields: undefined },
      }));
      const path = `resources/${type.kind}.${type.group || 'core'}.json${options.key ? '.enc' : ''}`;
      const plain = gzipSync(Buffer.from(JSON.stringify(cleaned)));
      const data = options.key
        ? encrypt(plain, options.key, fileBinding({ format: FORMAT_VERSION, name: options.name, id }, path))
        : plain;
      await writer.write(path, data);
      files.push({
        path,
        apiVersion: type.apiVersion,
        kind: type.kind,
        count: items.length,
        bytes: data.length,
        sha256: sha256(data),
      });
      counts[kindKey.replace(/\.$/, '')] = items.length;
    }
    const data = options.data
      ? await backupData(
          client,
          target,
          { name: options.name, id },
          byKind.get('PersistentVolumeClaim.')?.items ?? [],
          options.key,
          options.data,
          { step: progress, errors, ...(signal ? { signal } : {}) },
        )
      : {};
    const who = await client.whoAmI();
    const unsigned: BackupIndex = {
      format: FORMAT_VERSION,
      name: options.name,
      id,
      status: errors.length > 0 ? 'partially-failed' : 'completed',
      startedAt,
      completedAt: now().toISOString(),
      createdBy: who,
      cluster: client.access.server,
      namespaces: [...options.namespaces],
      ...(options.labelSelector ? { labelSelector: options.labelSelector } : {}),
      clusterResources: options.clusterResources !== 'no',
      encryption: options.key ? { algorithm: 'aes-256-gcm', keyId: options.key.id } : 'none',
      files,
      ...data,
      counts,
      warnings,
      errors,
    };
    // The MAC covers every field: editing, adding or removing anything is refused at restore.
    const index: BackupIndex = options.key ? { ...unsigned, mac: indexMac(unsigned, options.key) } : unsigned;
    await writer.commit(index);
    return index;
  } catch (error) {
    await writer.abort();
    throw error;
  }
}
