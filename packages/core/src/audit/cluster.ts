import { msg, type Message } from '@quai/contracts';
import { KubeApiError } from '../kube/api-error.js';
import type { KubeClient, KubeObject } from '../kube/index.js';
import type { AuditNote, AuditObject } from './types.js';

/** The kinds a cluster audit reads. Secrets are left out: their values never leave the cluster. */
const CLUSTER_KINDS: readonly (readonly [string, string, boolean])[] = [
  ['v1', 'Namespace', false],
  ['v1', 'Pod', true],
  ['v1', 'ReplicationController', true],
  ['v1', 'PodTemplate', true],
  ['apps/v1', 'Deployment', true],
  ['apps/v1', 'ReplicaSet', true],
  ['apps/v1', 'StatefulSet', true],
  ['apps/v1', 'DaemonSet', true],
  ['batch/v1', 'Job', true],
  ['batch/v1', 'CronJob', true],
  ['v1', 'Service', true],
  ['v1', 'ConfigMap', true],
  ['v1', 'ServiceAccount', true],
  ['networking.k8s.io/v1', 'Ingress', true],
  ['networking.k8s.io/v1', 'NetworkPolicy', true],
  ['policy/v1', 'PodDisruptionBudget', true],
  ['rbac.authorization.k8s.io/v1', 'Role', true],
  ['rbac.authorization.k8s.io/v1', 'RoleBinding', true],
  ['rbac.authorization.k8s.io/v1', 'ClusterRole', false],
  ['rbac.authorization.k8s.io/v1', 'ClusterRoleBinding', false],
];

export const RBAC_KINDS: readonly string[] = ['Role', 'RoleBinding', 'ClusterRole', 'ClusterRoleBinding'];

export interface ClusterLoadOptions {
  /** These namespaces; all namespaces when undefined. Cluster-scoped kinds are read either way. */
  readonly namespaces?: readonly string[];
  /** Only these kinds (default: every kind the audit reads). */
  readonly kinds?: readonly string[];
  readonly signal?: AbortSignal;
  readonly onProgress?: (message: Message) => void;
}

/**
 * Lists the live objects an audit reads. Objects a controller owns (the ReplicaSets of a
 * Deployment, the Pods of a ReplicaSet, Job or StatefulSet, the Jobs of a CronJob) are left out
 * when their owner is listed too, so each pod template is audited once, where it is written.
 * A kind the credentials may not list becomes a note; the rest is still audited.
 */
export async function loadClusterObjects(
  client: KubeClient,
  options: ClusterLoadOptions = {},
): Promise<{ objects: AuditObject[]; notes: AuditNote[] }> {
  const notes: AuditNote[] = [];
  const all: KubeObject[] = [];
  const kinds = CLUSTER_KINDS.filter(
    ([, kind]) => options.kinds === undefined || options.kinds.includes(kind),
  );
  const scopes: readonly (string | undefined)[] =
    options.namespaces === undefined || options.namespaces.length === 0 ? [undefined] : options.namespaces;
  for (const [apiVersion, kind, namespaced] of kinds) {
    if (kind === 'Namespace' && options.namespaces !== undefined && options.namespaces.length > 0) {
      for (const name of options.namespaces) {
        const ns = await client.tryGet({ apiVersion, kind, name }, options.signal).catch(() => undefined);
        if (ns !== undefined) all.push({ ...ns, apiVersion, kind });
      }
      continue;
    }
    for (const namespace of namespaced ? scopes : [undefined]) {
      try {
        const items = await client.list(apiVersion, kind, {
          ...(namespace === undefined ? {} : { namespace }),
          ...(options.signal === undefined ? {} : { signal: options.signal }),
        });
        all.push(...items);
        options.onProgress?.(
          namespace === undefined
            ? msg('audit.progress.listed', { kind, count: items.length })
            : msg('audit.progress.listedIn', { kind, namespace, count: items.length }),
        );
      } catch (error) {
        if (error instanceof KubeApiError && (error.code === 'FORBIDDEN' || error.code === 'NOT_FOUND')) {
          notes.push({
            kind: 'skipped',
            message:
              namespace === undefined
                ? msg('audit.note.cannotList', { kind, code: error.code, reason: error.serverMessage })
                : msg('audit.note.cannotListIn', {
                    kind,
                    namespace,
                    code: error.code,
                    reason: error.serverMessage,
                  }),
            hint: msg('audit.note.cannotListHint'),
          });
          options.onProgress?.(msg('audit.progress.skipped', { kind, code: error.code }));
          continue;
        }
        throw error;
      }
    }
  }
  const uids = new Set(all.map((o) => o.metadata.uid).filter((u): u is string => u !== undefined));
  const objects = all
    .filter((o) => {
      const owners = Array.isArray(o.metadata['ownerReferences'])
        ? (o.metadata['ownerReferences'] as { uid?: string; controller?: boolean }[])
        : [];
      return !owners.some((r) => r.controller === true && r.uid !== undefined && uids.has(r.uid));
    })
    .map((object) => ({ object }));
  return { objects, notes };
}
