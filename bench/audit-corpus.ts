/**
 * The bench:audit corpus: generated objects (a realistic mix: Deployments, StatefulSets,
 * CronJobs, Services, Ingresses, ConfigMaps, NetworkPolicies, PDBs, RBAC) written as
 * multi-document YAML in block style, as kubectl and Helm write it. Shared by bench/audit.ts and
 * bench/audit-same.ts (which proves that the reports stay byte for byte the same).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** One application: 10 objects, some hardened, some not, like a real estate of vendor apps. */
function app(i: number): Record<string, unknown>[] {
  const ns = `app-${i % 40}`;
  const name = `svc-${i}`;
  const labels = { 'app.kubernetes.io/name': name, 'app.kubernetes.io/instance': name };
  const hardened = i % 3 === 0;
  const container = {
    name: 'main',
    image: hardened ? `registry.cd49.fr/team/${name}:1.${i % 9}.0` : `vendor/${name}:latest`,
    ports: [{ containerPort: 8080 }],
    env: [
      { name: 'LOG_LEVEL', value: 'info' },
      ...(i % 7 === 0 ? [{ name: 'DB_PASSWORD', value: `pw-${i}-secret` }] : []),
    ],
    ...(hardened
      ? {
          resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '1', memory: '512Mi' } },
          livenessProbe: { httpGet: { path: '/healthz', port: 8080 } },
          readinessProbe: { httpGet: { path: '/ready', port: 8080 } },
          securityContext: {
            allowPrivilegeEscalation: false,
            readOnlyRootFilesystem: true,
            capabilities: { drop: ['ALL'] },
          },
        }
      : i % 11 === 0
        ? { securityContext: { privileged: true } }
        : {}),
  };
  const podSpec = {
    ...(hardened
      ? {
          securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
          automountServiceAccountToken: false,
        }
      : {}),
    ...(i % 13 === 0 ? { hostNetwork: true } : {}),
    containers: [container],
    ...(i % 17 === 0 ? { volumes: [{ name: 'logs', hostPath: { path: '/var/log' } }] } : {}),
  };
  const kind = i % 10 === 0 ? 'StatefulSet' : 'Deployment';
  return [
    {
      apiVersion: 'apps/v1',
      kind,
      metadata: { name, namespace: ns, labels },
      spec: {
        replicas: 1 + (i % 3),
        selector: { matchLabels: labels },
        template: { metadata: { labels }, spec: podSpec },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name, namespace: ns, labels },
      spec: {
        type: i % 9 === 0 ? 'NodePort' : 'ClusterIP',
        selector: labels,
        ports: [{ port: 80, targetPort: 8080 }],
      },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name, namespace: ns },
      spec: {
        ...(hardened ? { tls: [{ hosts: [`${name}.cd49.fr`], secretName: `${name}-tls` }] } : {}),
        rules: [
          {
            host: `${name}.cd49.fr`,
            http: {
              paths: [
                { path: '/', pathType: 'Prefix', backend: { service: { name, port: { number: 80 } } } },
              ],
            },
          },
        ],
      },
    },
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: `${name}-config`, namespace: ns },
      data: {
        'app.properties': `url=http://${name}\nlevel=info\n`,
        ...(i % 19 === 0 ? { DATABASE_URL: `postgres://u:p4ssw0rd@db/${name}` } : {}),
      },
    },
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: `${name}-static`, namespace: ns },
      data: { 'index.html': '<h1>hello</h1>' },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name, namespace: ns },
      spec: { podSelector: { matchLabels: hardened ? labels : { other: 'x' } }, policyTypes: ['Ingress'] },
    },
    {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name, namespace: ns },
      spec: { maxUnavailable: 1, selector: { matchLabels: labels } },
    },
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace: ns } },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name, namespace: ns },
      rules: [
        {
          apiGroups: [''],
          resources: i % 5 === 0 ? ['secrets', 'configmaps'] : ['configmaps'],
          verbs: ['get', 'list'],
        },
      ],
    },
    i % 4 === 0
      ? {
          apiVersion: 'batch/v1',
          kind: 'CronJob',
          metadata: { name: `${name}-purge`, namespace: ns, labels },
          spec: {
            schedule: '0 3 * * *',
            jobTemplate: {
              spec: {
                template: {
                  metadata: { labels },
                  spec: { restartPolicy: 'OnFailure', containers: [{ ...container, name: 'purge' }] },
                },
              },
            },
          },
        }
      : {
          apiVersion: 'rbac.authorization.k8s.io/v1',
          kind: 'RoleBinding',
          metadata: { name, namespace: ns },
          subjects: [{ kind: 'ServiceAccount', name, namespace: ns }],
          roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name },
        },
  ];
}

/**
 * Block-style YAML as kubectl and Helm write it, for the plain data of app() (mappings, lists,
 * strings, numbers, booleans); strings are quoted with JSON's rules, which YAML reads the same.
 */
function toYaml(value: unknown, indent = ''): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return ' []\n';
    return `\n${value.map((v) => `${indent}-${toYaml(v, `${indent}  `).replace(/^\n\s*/, ' ')}`).join('')}`;
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value);
    if (entries.length === 0) return ' {}\n';
    return `\n${entries.map(([k, v]) => `${indent}${k}:${toYaml(v, `${indent}  `)}`).join('')}`;
  }
  return ` ${typeof value === 'string' ? JSON.stringify(value) : String(value)}\n`;
}

/** Writes `objects` generated objects as multi-document YAML files of 100 objects each. */
export function generate(dir: string, objects: number): number {
  const perFile = 100;
  let written = 0;
  for (let f = 0; written < objects; f++) {
    const docs: Record<string, unknown>[] = [];
    for (let i = f * (perFile / 10); docs.length < perFile; i++) docs.push(...app(i));
    written += docs.length;
    writeFileSync(
      join(dir, `apps-${String(f).padStart(5, '0')}.yaml`),
      docs.map((d) => toYaml(d).slice(1)).join('---\n'),
    );
  }
  return written;
}
