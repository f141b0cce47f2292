import { msg, type Message } from '@quai/contracts';
import { randomBytes } from 'node:crypto';
import { QuaiError } from '../errors/index.js';
import { KubeApiError, type KubeClient, type KubeObject } from '../kube/index.js';
import { ensureSystemNamespace, SCHEDULE_LABEL, SYSTEM_NAMESPACE, type BackupSchedule } from './schedule.js';

/** The image the CronJob runs when none is given: build it from packaging/Dockerfile and push it. */
export const DEFAULT_IMAGE = 'quai/quai:0.1.0';
export const SERVICE_ACCOUNT = 'quai-backup';
const FIELD_MANAGER = 'quai-backup-schedule';
const MANAGED = { 'app.kubernetes.io/managed-by': 'quai', 'app.kubernetes.io/component': 'backup' };

export const cronJobName = (schedule: string): string => `quai-backup-${schedule}`;
export const drillCronJobName = (schedule: string): string => `quai-drill-${schedule}`;

/**
 * What the in-cluster runner may do, and no more: read every object (a backup reads all kinds,
 * Secrets included, to encrypt them), and, only when a schedule drills, write objects (a drill
 * restores into scratch namespaces and deletes them). In quai-system: read the schedules and the
 * Secrets they name, and hold the schedule Leases. Schedules whose data is moved by Jobs: create
 * and delete Jobs and Secrets in the namespaces they back up.
 */
export function rbacObjects(schedules: readonly BackupSchedule[]): KubeObject[] {
  const drills = schedules.some((s) => s.drill?.afterBackup === true || s.drill?.cron !== undefined);
  const secretNames = [
    ...new Set(
      schedules.flatMap((s) => [
        ...(s.encryption === 'none' ? [] : [s.encryption.keySecret]),
        ...(s.credentialsSecret ? [s.credentialsSecret] : []),
      ]),
    ),
  ].sort();
  const subject = { kind: 'ServiceAccount', name: SERVICE_ACCOUNT, namespace: SYSTEM_NAMESPACE };
  const objects: KubeObject[] = [
    {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: SERVICE_ACCOUNT, namespace: SYSTEM_NAMESPACE, labels: MANAGED },
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: 'quai-backup-read', labels: MANAGED },
      rules: [{ apiGroups: ['*'], resources: ['*'], verbs: ['get', 'list', 'watch'] }],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: 'quai-backup-read', labels: MANAGED },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'quai-backup-read' },
      subjects: [subject],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name: 'quai-backup-runner', namespace: SYSTEM_NAMESPACE, labels: MANAGED },
      rules: [
        { apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list'] },
        { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['get', 'create', 'update'] },
        ...(secretNames.length > 0
          ? [{ apiGroups: [''], resources: ['secrets'], resourceNames: secretNames, verbs: ['get'] }]
          : []),
      ],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'quai-backup-runner', namespace: SYSTEM_NAMESPACE, labels: MANAGED },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'quai-backup-runner' },
      subjects: [subject],
    },
  ];
  // Volume data and dumps moved by Jobs: in each namespace backed up, the runner creates the mover
  // Job and its credentials Secret, then deletes both (reading pods and logs is in the read role).
  const moverNamespaces = [
    ...new Set(
      schedules
        .filter(
          (s) =>
            (s.volumes !== undefined || (s.databases ?? []).length > 0) &&
            (s.volumes?.mover ?? 'job') === 'job',
        )
        .flatMap((s) => [...s.namespaces, ...(s.databases ?? []).map((d) => d.namespace)]),
    ),
  ].sort();
  for (const namespace of moverNamespaces) {
    objects.push(
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'Role',
        metadata: { name: 'quai-backup-mover', namespace, labels: MANAGED },
        rules: [
          { apiGroups: ['batch'], resources: ['jobs'], verbs: ['create', 'delete'] },
          { apiGroups: [''], resources: ['secrets'], verbs: ['create', 'delete'] },
        ],
      },
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: { name: 'quai-backup-mover', namespace, labels: MANAGED },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'quai-backup-mover' },
        subjects: [subject],
      },
    );
  }
  if (drills) {
    objects.push(
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRole',
        metadata: { name: 'quai-backup-drill', labels: MANAGED },
        rules: [{ apiGroups: ['*'], resources: ['*'], verbs: ['create', 'update', 'patch', 'delete'] }],
      },
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRoleBinding',
        metadata: { name: 'quai-backup-drill', labels: MANAGED },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'quai-backup-drill' },
        subjects: [subject],
      },
    );
  }
  return objects;
}

/** A pod that passes the restricted Pod Security Standard: non-root, no privilege, read-only root. */
function podSpec(schedule: BackupSchedule, image: string, args: string[]): Record<string, unknown> {
  const dirTarget = !schedule.target.startsWith('s3://');
  return {
    serviceAccountName: SERVICE_ACCOUNT,
    restartPolicy: 'Never',
    securityContext: {
      runAsNonRoot: true,
      runAsUser: 10001,
      runAsGroup: 10001,
      fsGroup: 10001,
      seccompProfile: { type: 'RuntimeDefault' },
    },
    containers: [
      {
        name: 'quai',
        image,
        args,
        env: [
          { name: 'HOME', value: '/tmp' },
          ...(schedule.s3Endpoint ? [{ name: 'QUAI_S3_ENDPOINT', value: schedule.s3Endpoint }] : []),
        ],
        resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '1Gi' } },
        securityContext: {
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          capabilities: { drop: ['ALL'] },
        },
        volumeMounts: [
          { name: 'tmp', mountPath: '/tmp' },
          ...(dirTarget && schedule.targetVolumeClaim
            ? [{ name: 'target', mountPath: schedule.target }]
            : []),
        ],
      },
    ],
    volumes: [
      { name: 'tmp', emptyDir: {} },
      ...(dirTarget && schedule.targetVolumeClaim
        ? [{ name: 'target', persistentVolumeClaim: { claimName: schedule.targetVolumeClaim } }]
        : []),
    ],
  };
}

function cronJob(
  schedule: BackupSchedule,
  name: string,
  cron: string,
  image: string,
  args: string[],
  deadlineSeconds: number,
): KubeObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: {
      name,
      namespace: SYSTEM_NAMESPACE,
      labels: { ...MANAGED, [SCHEDULE_LABEL]: schedule.name },
    },
    spec: {
      schedule: cron,
      timeZone: schedule.timeZone,
      // Never two runs of one schedule at once; a missed run (controller down) runs once if it
      // can start within the deadline, never N times.
      concurrencyPolicy: 'Forbid',
      startingDeadlineSeconds: 600,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 3,
      suspend: schedule.suspend,
      jobTemplate: {
        metadata: { labels: { ...MANAGED, [SCHEDULE_LABEL]: schedule.name } },
        spec: {
          backoffLimit: 1,
          activeDeadlineSeconds: deadlineSeconds,
          ttlSecondsAfterFinished: 7 * 86_400,
          template: {
            metadata: { labels: { ...MANAGED, [SCHEDULE_LABEL]: schedule.name } },
            spec: podSpec(schedule, image, args),
          },
        },
      },
    },
  };
}

/** The CronJobs of a schedule: its backups, and its drills when it drills on its own cron. */
export function cronJobObjects(schedule: BackupSchedule, image = DEFAULT_IMAGE): KubeObject[] {
  const jobs = [
    cronJob(
      schedule,
      cronJobName(schedule.name),
      schedule.cron === '@midnight' ? '@daily' : schedule.cron,
      image,
      ['backup', 'schedule', 'run-now', schedule.name, '--scheduled'],
      6 * 3600,
    ),
  ];
  if (schedule.drill?.cron !== undefined) {
    jobs.push(
      cronJob(
        schedule,
        drillCronJobName(schedule.name),
        schedule.drill.cron,
        image,
        ['backup', 'drill', '--schedule', schedule.name],
        3 * 3600,
      ),
    );
  }
  return jobs;
}

/**
 * Installs (or updates) the in-cluster runner of the given schedules: the ServiceAccount and
 * RBAC for all of them, then each schedule's CronJobs. Server-side apply: running it again
 * changes only what differs.
 */
export async function installCronJobs(
  client: KubeClient,
  schedules: readonly BackupSchedule[],
  all: readonly BackupSchedule[],
  options: { image?: string; dryRun?: boolean; signal?: AbortSignal } = {},
): Promise<KubeObject[]> {
  await ensureSystemNamespace(client, options.signal);
  const objects = [...rbacObjects(all), ...schedules.flatMap((s) => cronJobObjects(s, options.image))];
  const applied = await applyAll(client, objects, options);
  // A schedule that no longer drills on its own cron loses its drill CronJob.
  for (const s of schedules) {
    if (s.drill?.cron === undefined && !options.dryRun) await removeCronJob(client, drillCronJobName(s.name));
  }
  return applied;
}

/** Removes a CronJob; false when there was none. */
async function removeCronJob(client: KubeClient, name: string, signal?: AbortSignal): Promise<boolean> {
  try {
    await client.delete(
      { apiVersion: 'batch/v1', kind: 'CronJob', namespace: SYSTEM_NAMESPACE, name },
      { propagationPolicy: 'Background', ...(signal ? { signal } : {}) },
    );
    return true;
  } catch (error) {
    if (error instanceof KubeApiError && error.code === 'NOT_FOUND') return false;
    throw error;
  }
}

/** Removes a schedule's CronJobs; returns those there were (namespace/name). */
export async function uninstallCronJobs(
  client: KubeClient,
  schedule: string,
  signal?: AbortSignal,
): Promise<string[]> {
  const removed: string[] = [];
  for (const name of [cronJobName(schedule), drillCronJobName(schedule)]) {
    if (await removeCronJob(client, name, signal)) removed.push(`${SYSTEM_NAMESPACE}/${name}`);
  }
  return removed;
}

/** The image a schedule's installed backup CronJob runs; undefined when its runner is not installed. */
export async function installedImage(
  client: KubeClient,
  schedule: string,
  signal?: AbortSignal,
): Promise<string | undefined> {
  const job = await client.tryGet(
    { apiVersion: 'batch/v1', kind: 'CronJob', namespace: SYSTEM_NAMESPACE, name: cronJobName(schedule) },
    signal,
  );
  if (job === undefined) return undefined;
  const spec = job['spec'] as
    { jobTemplate?: { spec?: { template?: { spec?: { containers?: { image?: string }[] } } } } } | undefined;
  return spec?.jobTemplate?.spec?.template?.spec?.containers?.[0]?.image ?? DEFAULT_IMAGE;
}

/**
 * Brings a schedule's in-cluster runner, when it is installed, in line with the schedule after a
 * change (a new cron, a suspension): its CronJobs applied again with the image they run, and with
 * `rbac` the runner's ServiceAccount and roles (a replaced schedule may name other Secrets or
 * namespaces). Nothing when the runner is not installed (the daemon reads the schedule itself).
 * Returns the CronJobs applied (namespace/name).
 */
export async function updateInstalledCronJobs(
  client: KubeClient,
  schedule: BackupSchedule,
  options: { all?: readonly BackupSchedule[]; signal?: AbortSignal } = {},
): Promise<string[]> {
  const image = await installedImage(client, schedule.name, options.signal);
  if (image === undefined) return [];
  const signal = options.signal ? { signal: options.signal } : {};
  const applied =
    options.all === undefined
      ? await applyAll(client, cronJobObjects(schedule, image), options)
      : await installCronJobs(client, [schedule], options.all, { image, ...signal });
  if (options.all === undefined && schedule.drill?.cron === undefined)
    await removeCronJob(client, drillCronJobName(schedule.name), options.signal);
  return applied
    .filter((o) => o.kind === 'CronJob')
    .map((o) => `${SYSTEM_NAMESPACE}/${o.metadata.name ?? ''}`);
}

async function applyAll(
  client: KubeClient,
  objects: readonly KubeObject[],
  options: { dryRun?: boolean; signal?: AbortSignal },
): Promise<KubeObject[]> {
  const applied: KubeObject[] = [];
  for (const o of objects) {
    applied.push(
      await client.apply(o, {
        fieldManager: FIELD_MANAGER,
        force: true,
        ...(options.dryRun ? { dryRun: true } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      }),
    );
  }
  return applied;
}

interface JobStatus {
  active?: number;
  succeeded?: number;
  failed?: number;
  conditions?: { type: string; status: string; reason?: string; message?: string }[];
}

/** Starts a Job from a schedule's CronJob template now, like `kubectl create job --from=cronjob/...`. */
export async function startJobFromCronJob(
  client: KubeClient,
  schedule: string,
  args?: readonly string[],
  signal?: AbortSignal,
): Promise<string> {
  const cj = await client.tryGet<
    KubeObject & {
      spec: {
        jobTemplate: {
          metadata?: { labels?: Record<string, string> };
          spec: { template: { spec: { containers: { args?: string[] }[] } } };
        };
      };
    }
  >(
    { apiVersion: 'batch/v1', kind: 'CronJob', namespace: SYSTEM_NAMESPACE, name: cronJobName(schedule) },
    signal,
  );
  if (cj === undefined) {
    throw new QuaiError(
      'NOT_FOUND',
      msg('backup.schedule.noCronJob', { schedule, namespace: SYSTEM_NAMESPACE }),
      { hint: msg('backup.schedule.noCronJobHint', { schedule }) },
    );
  }
  const template = structuredClone(cj.spec.jobTemplate);
  const container = template.spec.template.spec.containers[0];
  if (container && args) container.args = [...args];
  const name = `${cronJobName(schedule).slice(0, 45)}-manual-${randomBytes(3).toString('hex')}`;
  await client.create(
    {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: {
        name,
        namespace: SYSTEM_NAMESPACE,
        labels: { ...template.metadata?.labels },
        annotations: { 'cronjob.kubernetes.io/instantiate': 'manual' },
        ownerReferences: [
          {
            apiVersion: 'batch/v1',
            kind: 'CronJob',
            name: cj.metadata.name ?? '',
            uid: cj.metadata.uid ?? '',
            controller: true,
          },
        ],
      },
      spec: template.spec,
    },
    signal ? { signal } : {},
  );
  return name;
}

/** Follows a Job until it completes or fails, reporting its state as it changes. */
export async function waitForJob(
  client: KubeClient,
  name: string,
  options: { timeoutMs?: number; signal?: AbortSignal; onState?: (state: Message) => void } = {},
): Promise<'succeeded' | 'failed'> {
  const deadline = Date.now() + (options.timeoutMs ?? 6 * 3600_000);
  let last = '';
  for (;;) {
    options.signal?.throwIfAborted();
    const job = await client.get<KubeObject & { status?: JobStatus }>(
      { apiVersion: 'batch/v1', kind: 'Job', namespace: SYSTEM_NAMESPACE, name },
      options.signal,
    );
    const st = job.status ?? {};
    const cond = (type: string): boolean =>
      (st.conditions ?? []).some((c) => c.type === type && c.status === 'True');
    const counts = { name, active: st.active ?? 0, succeeded: st.succeeded ?? 0, failed: st.failed ?? 0 };
    const state = JSON.stringify(counts);
    if (state !== last) {
      last = state;
      options.onState?.(msg('backup.step.jobState', counts));
    }
    if (cond('Complete')) return 'succeeded';
    if (cond('Failed')) return 'failed';
    if (Date.now() > deadline) {
      throw new QuaiError(
        'TIMEOUT',
        msg('backup.schedule.jobTimeout', { namespace: SYSTEM_NAMESPACE, name }),
        { hint: msg('backup.schedule.jobTimeoutHint', { namespace: SYSTEM_NAMESPACE, name }) },
      );
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
}
