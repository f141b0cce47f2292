import type { KubeObject } from '../kube/index.js';

/*
 * The in-cluster form of `quai vulndb update`: a CronJob that refreshes a vulnerability store kept
 * on a PersistentVolumeClaim from an internal mirror, for `quai scan cluster` run in the cluster.
 * The pod passes the restricted Pod Security Standard: non-root, no privilege escalation, no
 * capability, read-only root filesystem, RuntimeDefault seccomp; it writes only the store volume
 * and an emptyDir for /tmp. One run at a time (the store takes one import at a time anyway).
 */

export const VULNDB_MOUNT = '/var/lib/quai/vulndb';

export interface VulnDbCronJobOptions {
  readonly from: string;
  /** Ecosystems to fetch besides those the store holds (the first run needs them). */
  readonly ecosystems: readonly string[];
  readonly image: string;
  readonly namespace: string;
  readonly name?: string;
  /** Cron schedule (default: every day at 03:17). */
  readonly schedule?: string;
  readonly timeZone?: string;
  /** The PersistentVolumeClaim that holds the store; created when `claimSize` is given. */
  readonly claim: string;
  readonly claimSize?: string;
  /** A ConfigMap with `ca.crt`: the certificate authority of an internal HTTPS mirror. */
  readonly caConfigMap?: string;
}

export function vulnDbCronJobObjects(options: VulnDbCronJobOptions): KubeObject[] {
  const name = options.name ?? 'quai-vulndb-update';
  const labels = { 'app.kubernetes.io/name': 'quai-vulndb', 'app.kubernetes.io/managed-by': 'quai' };
  const claim: KubeObject[] =
    options.claimSize === undefined
      ? []
      : [
          {
            apiVersion: 'v1',
            kind: 'PersistentVolumeClaim',
            metadata: { name: options.claim, namespace: options.namespace, labels },
            spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: options.claimSize } } },
          },
        ];
  const args = [
    'vulndb',
    'update',
    '--from',
    options.from,
    '--dir',
    VULNDB_MOUNT,
    ...options.ecosystems.flatMap((e) => ['--ecosystem', e]),
  ];
  const cronJob: KubeObject = {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name, namespace: options.namespace, labels },
    spec: {
      schedule: options.schedule ?? '17 3 * * *',
      ...(options.timeZone === undefined ? {} : { timeZone: options.timeZone }),
      concurrencyPolicy: 'Forbid',
      startingDeadlineSeconds: 3600,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 3,
      jobTemplate: {
        metadata: { labels },
        spec: {
          backoffLimit: 2,
          activeDeadlineSeconds: 3 * 3600,
          ttlSecondsAfterFinished: 7 * 86_400,
          template: {
            metadata: { labels },
            spec: {
              restartPolicy: 'Never',
              automountServiceAccountToken: false,
              securityContext: {
                runAsNonRoot: true,
                runAsUser: 10001,
                runAsGroup: 10001,
                fsGroup: 10001,
                seccompProfile: { type: 'RuntimeDefault' },
              },
              containers: [
                {
                  name: 'update',
                  image: options.image,
                  args,
                  env: [
                    { name: 'HOME', value: '/tmp' },
                    ...(options.caConfigMap === undefined
                      ? []
                      : [{ name: 'NODE_EXTRA_CA_CERTS', value: '/etc/quai/mirror-ca/ca.crt' }]),
                  ],
                  resources: { requests: { cpu: '200m', memory: '512Mi' }, limits: { memory: '2Gi' } },
                  securityContext: {
                    allowPrivilegeEscalation: false,
                    readOnlyRootFilesystem: true,
                    runAsNonRoot: true,
                    capabilities: { drop: ['ALL'] },
                  },
                  volumeMounts: [
                    { name: 'vulndb', mountPath: VULNDB_MOUNT },
                    { name: 'tmp', mountPath: '/tmp' },
                    ...(options.caConfigMap === undefined
                      ? []
                      : [{ name: 'mirror-ca', mountPath: '/etc/quai/mirror-ca', readOnly: true }]),
                  ],
                },
              ],
              volumes: [
                { name: 'vulndb', persistentVolumeClaim: { claimName: options.claim } },
                { name: 'tmp', emptyDir: {} },
                ...(options.caConfigMap === undefined
                  ? []
                  : [{ name: 'mirror-ca', configMap: { name: options.caConfigMap } }]),
              ],
            },
          },
        },
      },
    },
  };
  return [...claim, cronJob];
}
