// In-cluster Jobs for the data mover and the database dumps: hardened for the restricted Pod
// Security Standard, credentials from a Secret created for the run, created and awaited with the
// deploy readiness code, logs fetched (and shown on failure), everything deleted afterwards.
import { msg } from '@quai/contracts';
import { randomBytes } from 'node:crypto';
import { QuaiError } from '../../errors/index.js';
import { waitForReady } from '../../deploy/index.js';
import type { KubeClient, KubeObject } from '../../kube/index.js';

/** Default image of the in-cluster mover (restic's official image; its entrypoint is restic). */
export const DEFAULT_MOVER_IMAGE = 'docker.io/restic/restic:0.17.3';

export const MOVER_LABEL = 'quai.dev/mover';

type Loose = Record<string, unknown>;

/** Pod-level settings that pass the restricted Pod Security Standard. */
export function restrictedPodSecurity(runAs?: {
  readonly runAsUser?: number | undefined;
  readonly runAsGroup?: number | undefined;
  readonly fsGroup?: number | undefined;
  readonly supplementalGroups?: readonly number[] | undefined;
}): Loose {
  return {
    runAsNonRoot: true,
    runAsUser: runAs?.runAsUser && runAs.runAsUser > 0 ? runAs.runAsUser : 65532,
    runAsGroup: runAs?.runAsGroup ?? 65532,
    ...(runAs?.fsGroup !== undefined ? { fsGroup: runAs.fsGroup } : {}),
    ...(runAs?.supplementalGroups ? { supplementalGroups: [...runAs.supplementalGroups] } : {}),
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

export const RESTRICTED_CONTAINER = {
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  runAsNonRoot: true,
  capabilities: { drop: ['ALL'] },
} as const;

export interface JobSpecInput {
  readonly namespace: string;
  /** Prefix of the Job's name; a random suffix is added. */
  readonly prefix: string;
  readonly containers: readonly Loose[];
  readonly initContainers?: readonly Loose[];
  readonly volumes: readonly Loose[];
  /** Run on this node (where the pod using the volume runs), for ReadWriteOnce volumes. */
  readonly nodeName?: string;
  readonly podSecurity?: Loose;
  readonly labels?: Readonly<Record<string, string>>;
  readonly activeDeadlineSeconds?: number;
}

/** A Job name (63 characters at most) and the Secret of the same name. */
export function jobName(prefix: string): string {
  return `${prefix.slice(0, 50).replace(/-+$/, '')}-${randomBytes(3).toString('hex')}`;
}

export function jobManifest(name: string, input: JobSpecInput): KubeObject {
  const labels = { 'app.kubernetes.io/managed-by': 'quai', [MOVER_LABEL]: name, ...(input.labels ?? {}) };
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name, namespace: input.namespace, labels },
    spec: {
      backoffLimit: 0,
      ttlSecondsAfterFinished: 3600,
      activeDeadlineSeconds: input.activeDeadlineSeconds ?? 6 * 3600,
      template: {
        metadata: { labels },
        spec: {
          restartPolicy: 'Never',
          automountServiceAccountToken: false,
          enableServiceLinks: false,
          securityContext: input.podSecurity ?? restrictedPodSecurity(),
          ...(input.nodeName
            ? {
                affinity: {
                  nodeAffinity: {
                    requiredDuringSchedulingIgnoredDuringExecution: {
                      nodeSelectorTerms: [
                        {
                          matchFields: [{ key: 'metadata.name', operator: 'In', values: [input.nodeName] }],
                        },
                      ],
                    },
                  },
                },
                // The volume's node may be cordoned or tainted: go there anyway.
                tolerations: [{ operator: 'Exists' }],
              }
            : {}),
          ...(input.initContainers ? { initContainers: input.initContainers } : {}),
          containers: input.containers,
          volumes: input.volumes,
        },
      },
    },
  };
}

export function secretManifest(
  name: string,
  namespace: string,
  data: Readonly<Record<string, string>>,
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name, namespace, labels: { 'app.kubernetes.io/managed-by': 'quai', [MOVER_LABEL]: name } },
    type: 'Opaque',
    stringData: { ...data },
  };
}

export interface JobRun {
  readonly name: string;
  readonly ok: boolean;
  /** The logs of the Job's pod (empty when the node gave none). */
  readonly logs: string;
  readonly reason?: string;
}

async function podLogs(client: KubeClient, namespace: string, job: string): Promise<string> {
  const pods = await client
    .list('v1', 'Pod', { namespace, labelSelector: `${MOVER_LABEL}=${job}` })
    .catch(() => []);
  const out: string[] = [];
  for (const p of pods) {
    const text = await client
      .request<string>({
        path: `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(p.metadata.name ?? '')}/log`,
        query: { tailLines: 200 },
      })
      .catch(() => '');
    if (typeof text === 'string' && text !== '') out.push(text);
  }
  return out.join('\n');
}

/**
 * Creates the Secret and the Job, waits for the Job to complete (or fail), fetches its logs, and
 * deletes both. A Ctrl-C deletes them too (the pod is killed with the Job).
 */
export async function runJob(
  client: KubeClient,
  job: KubeObject,
  secret: KubeObject | undefined,
  options: { readonly timeoutMs?: number; readonly signal?: AbortSignal } = {},
): Promise<JobRun> {
  const namespace = job.metadata.namespace ?? '';
  const name = job.metadata.name ?? '';
  const signalOpt = options.signal ? { signal: options.signal } : {};
  if (secret) await client.create(secret, { fieldManager: 'quai-backup', ...signalOpt });
  try {
    const created = await client.create(job, { fieldManager: 'quai-backup', ...signalOpt });
    try {
      await waitForReady(client, [created], {
        timeoutMs: options.timeoutMs ?? 3_600_000,
        intervalMs: 1000,
        ...signalOpt,
      });
      return { name, ok: true, logs: await podLogs(client, namespace, name) };
    } catch (error) {
      if (options.signal?.aborted) throw error;
      const logs = await podLogs(client, namespace, name);
      return {
        name,
        ok: false,
        logs,
        reason: `${error instanceof Error ? error.message : String(error)}${logs ? `\n${logs.trim().split('\n').slice(-10).join('\n')}` : ''}`,
      };
    }
  } catch (error) {
    if (error instanceof QuaiError && options.signal?.aborted) {
      throw new QuaiError('INTERRUPTED', msg('backup.job.interrupted', { namespace, name }));
    }
    throw error;
  } finally {
    await client
      .delete({ apiVersion: 'batch/v1', kind: 'Job', namespace, name }, { propagationPolicy: 'Background' })
      .catch(() => undefined);
    if (secret)
      await client
        .delete({ apiVersion: 'v1', kind: 'Secret', namespace, name: secret.metadata.name ?? '' })
        .catch(() => undefined);
  }
}
