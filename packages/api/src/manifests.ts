import type { KubeObject } from '@quai/core';
import { stringify } from 'yaml';
import type { ServerConfig } from './config.js';

export interface ManifestOptions {
  readonly namespace: string;
  readonly image: string;
  /** sqlite: one replica with a volume; postgres: several replicas sharing the database. */
  readonly storage: 'sqlite' | 'postgres';
  readonly replicas: number;
  /** The address users reach, for OIDC redirects and secure cookies. */
  readonly publicUrl?: string;
  /** The server configuration to mount (listen and storage are set for the cluster). */
  readonly config?: Partial<ServerConfig>;
  /** Today, for the expiry of the accepted risks (reviewed each year). */
  readonly now?: Date;
}

const LABELS = { 'app.kubernetes.io/name': 'quai', 'app.kubernetes.io/component': 'api' } as const;

/** A year from today: when the accepted risks of these manifests must be reviewed. */
function reviewDate(now = new Date()): string {
  const d = new Date(now);
  d.setUTCFullYear(d.getUTCFullYear() + 1);
  return d.toISOString().slice(0, 10);
}

const TOKEN_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

/** Milliseconds as the configuration file writes a duration (8h, 90m, 1500ms): the file's own form. */
function durationText(ms: number): string {
  for (const [unit, size] of [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1000],
  ] as const)
    if (ms >= size && ms % size === 0) return `${ms / size}${unit}`;
  return `${ms}ms`;
}

/**
 * The configuration as its file is written: a parsed configuration holds its durations in
 * milliseconds, and the file wants them as durations ("8h"), so they are written back.
 */
function configFile(config: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...config };
  for (const [section, keys] of [
    ['auth', ['sessionTtl', 'idleTimeout']],
    ['limits', ['drainTimeout']],
  ] as const) {
    const value = out[section];
    if (typeof value !== 'object' || value === null) continue;
    const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    for (const k of keys) if (typeof copy[k] === 'number') copy[k] = durationText(copy[k]);
    out[section] = copy;
  }
  return out;
}

/**
 * `quai serve` in the cluster: a namespace under restricted Pod Security, a service account that
 * may only impersonate users and groups (every read and change, live views included, acts as the
 * signed-in user), the configuration, a volume for SQLite or a PostgreSQL URL from a Secret,
 * probes, a PodDisruptionBudget and a Service.
 */
export function serverManifests(o: ManifestOptions): KubeObject[] {
  const ns = o.namespace;
  const replicas = o.storage === 'sqlite' ? 1 : Math.max(1, o.replicas);
  const config: Record<string, unknown> = {
    ...o.config,
    listen: '0.0.0.0:8484',
    ...(o.publicUrl === undefined ? {} : { publicUrl: o.publicUrl }),
    storage:
      o.storage === 'sqlite'
        ? { sqlite: '/var/lib/quai/quai.db' }
        : { postgres: { urlEnv: 'QUAI_DATABASE_URL' } },
  };
  const objects: KubeObject[] = [
    {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: ns,
        labels: {
          'pod-security.kubernetes.io/enforce': 'restricted',
          'pod-security.kubernetes.io/enforce-version': 'latest',
          'pod-security.kubernetes.io/audit': 'restricted',
          'pod-security.kubernetes.io/warn': 'restricted',
        },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: 'quai', namespace: ns, labels: { ...LABELS } },
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: {
        name: 'quai-server',
        labels: { ...LABELS },
        annotations: {
          // Impersonation is how the server keeps each user to their own rights; the audit
          // flags it, rightly: it is accepted here for a year, then reviewed.
          'quai.dev/audit-exception.QUAI-RBAC-006': `${reviewDate(o.now)}; quai serve acts as each signed-in user through impersonation so that the API never grants more than kubectl would (docs/api.md)`,
        },
      },
      rules: [
        // Changes and reads made for a user are made as that user (impersonation).
        { apiGroups: [''], resources: ['users', 'groups'], verbs: ['impersonate'] },
      ],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: 'quai-server', labels: { ...LABELS } },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'quai-server' },
      subjects: [{ kind: 'ServiceAccount', name: 'quai', namespace: ns }],
    },
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'quai-serve', namespace: ns, labels: { ...LABELS } },
      data: { 'serve.yaml': stringify(configFile(config)) },
    },
  ];
  if (o.storage === 'sqlite') {
    objects.push({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'quai-data', namespace: ns, labels: { ...LABELS } },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
    });
  }
  const container = {
    name: 'quai',
    image: o.image,
    // Quai's image has no ENTRYPOINT (a CI job's script runs in it as written): the program is named.
    command: ['quai'],
    args: ['serve', '--config', '/etc/quai/serve.yaml'],
    ports: [{ name: 'http', containerPort: 8484 }],
    env: [
      {
        name: 'QUAI_OIDC_CLIENT_SECRET',
        valueFrom: { secretKeyRef: { name: 'quai-oidc', key: 'client-secret', optional: true } },
      },
      ...(o.storage === 'postgres'
        ? [{ name: 'QUAI_DATABASE_URL', valueFrom: { secretKeyRef: { name: 'quai-database', key: 'url' } } }]
        : []),
    ],
    // A loaded node (or a slow PostgreSQL) answers in more than the default second: 5 s before
    // a probe counts as failed, so the pod does not leave its Service's endpoints for nothing.
    readinessProbe: { httpGet: { path: '/readyz', port: 'http' }, periodSeconds: 5, timeoutSeconds: 5 },
    livenessProbe: {
      httpGet: { path: '/healthz', port: 'http' },
      periodSeconds: 10,
      timeoutSeconds: 5,
      failureThreshold: 6,
    },
    resources: {
      requests: { cpu: '100m', memory: '192Mi', 'ephemeral-storage': '64Mi' },
      limits: { cpu: '1', memory: '512Mi', 'ephemeral-storage': '256Mi' },
    },
    securityContext: {
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      runAsUser: 10001,
      runAsGroup: 10001,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    },
    volumeMounts: [
      { name: 'config', mountPath: '/etc/quai', readOnly: true },
      { name: 'token', mountPath: TOKEN_DIR, readOnly: true },
      { name: 'tmp', mountPath: '/tmp' },
      ...(o.storage === 'sqlite' ? [{ name: 'data', mountPath: '/var/lib/quai' }] : []),
    ],
  };
  objects.push(
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {
        name: 'quai',
        namespace: ns,
        labels: { ...LABELS },
        annotations: {
          // The same accepted risk, seen from the workload: its service account impersonates.
          'quai.dev/audit-exception.QUAI-RBAC-025': `${reviewDate(o.now)}; quai serve impersonates each signed-in user and holds no other right (docs/api.md)`,
        },
      },
      spec: {
        replicas,
        // SQLite is one file on one volume: the old pod stops before the new one starts.
        strategy: o.storage === 'sqlite' ? { type: 'Recreate' } : { type: 'RollingUpdate' },
        selector: { matchLabels: { ...LABELS } },
        template: {
          metadata: { labels: { ...LABELS } },
          spec: {
            serviceAccountName: 'quai',
            // The server needs its own token: mounted explicitly, short-lived, in this container only.
            automountServiceAccountToken: false,
            terminationGracePeriodSeconds: 45,
            securityContext: {
              runAsNonRoot: true,
              fsGroup: 10001,
              seccompProfile: { type: 'RuntimeDefault' },
            },
            containers: [container],
            volumes: [
              { name: 'config', configMap: { name: 'quai-serve' } },
              {
                name: 'token',
                projected: {
                  sources: [
                    { serviceAccountToken: { path: 'token', expirationSeconds: 3600 } },
                    { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
                    {
                      downwardAPI: {
                        items: [{ path: 'namespace', fieldRef: { fieldPath: 'metadata.namespace' } }],
                      },
                    },
                  ],
                },
              },
              { name: 'tmp', emptyDir: {} },
              ...(o.storage === 'sqlite'
                ? [{ name: 'data', persistentVolumeClaim: { claimName: 'quai-data' } }]
                : []),
            ],
          },
        },
      },
    },
    {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name: 'quai', namespace: ns, labels: { ...LABELS } },
      spec:
        replicas > 1
          ? { minAvailable: 1, selector: { matchLabels: { ...LABELS } } }
          : { maxUnavailable: 1, selector: { matchLabels: { ...LABELS } } },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'quai', namespace: ns, labels: { ...LABELS } },
      spec: {
        podSelector: { matchLabels: { ...LABELS } },
        policyTypes: ['Ingress'],
        // Users reach the console and the API through the ingress controller, on the http port only.
        ingress: [{ ports: [{ port: 'http', protocol: 'TCP' }] }],
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'quai', namespace: ns, labels: { ...LABELS } },
      spec: { selector: { ...LABELS }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] },
    },
  );
  return objects;
}
