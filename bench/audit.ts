/**
 * Benchmark of `quai audit` on 10,000 generated objects (a realistic mix: Deployments,
 * StatefulSets, CronJobs, Services, Ingresses, ConfigMaps, NetworkPolicies, PDBs, RBAC), written
 * as 100 multi-document YAML files (of indented JSON documents). Measures the CLI end to end (wall time and peak RSS with
 * GNU time), the library alone (load, audit, SARIF), and, side by side on the same files, peer
 * tools built from the Go module proxy when present in $QUAI_BENCH_GOBIN (default /tmp/gobin):
 *
 *   GOBIN=/tmp/gobin go install github.com/zegl/kube-score/cmd/kube-score@latest
 *   GOBIN=/tmp/gobin go install golang.stackrox.io/kube-linter/cmd/kube-linter@latest
 *   npm run build && npm run bench:audit
 *
 * kube-linter (golang.stackrox.io/kube-linter) and Polaris (github.com/fairwindsops/polaris)
 * could not be built here: the Go module proxy answers 403 for both.
 */
import { spawnSync } from 'node:child_process';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { audit, writeFileAtomic } from '@quai/core';

const OBJECTS = 10_000;
const FILES = 100;
const root = resolve(import.meta.dirname, '..');
const gobin = process.env['QUAI_BENCH_GOBIN'] ?? '/tmp/gobin';
const results: Record<string, unknown> = { objects: OBJECTS, files: FILES, node: process.version };

function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

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

function timed(cmd: string, args: readonly string[]): { seconds: number; peakMiB: number; exit: number } {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', cmd, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  const last = r.stderr.trim().split('\n').pop() ?? '';
  const [seconds = 'NaN', kb = 'NaN'] = last.split(' ');
  return { seconds: Number(seconds), peakMiB: Math.round(Number(kb) / 1024), exit: r.status ?? -1 };
}

const dir = mkdtempSync(join(tmpdir(), 'quai-bench-audit-'));
try {
  const perFile = OBJECTS / FILES;
  let written = 0;
  for (let f = 0; f < FILES; f++) {
    const docs: Record<string, unknown>[] = [];
    for (let i = f * (perFile / 10); docs.length < perFile; i++) docs.push(...app(i));
    written += docs.length;
    // Indented JSON documents (valid YAML) in a multi-document stream: the root workspace has
    // no YAML writer of its own.
    writeFileSync(
      join(dir, `apps-${String(f).padStart(3, '0')}.yaml`),
      docs.map((d) => JSON.stringify(d, null, 2)).join('\n---\n'),
    );
  }
  log(`${written} objects in ${FILES} files under ${dir}`);
  results['objects'] = written;

  // The library alone, in this process.
  const t0 = performance.now();
  const loaded = await audit.loadManifestPaths([dir]);
  const t1 = performance.now();
  // Live heap once loaded: the objects and what locating fields needs, nothing else.
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
  const heapAfterLoadMiB = Math.round(process.memoryUsage().heapUsed / 1048576);
  const t1b = performance.now();
  const report = audit.auditObjects(loaded.objects, { notes: loaded.notes });
  const t2 = performance.now();
  const sarif = JSON.stringify(audit.renderSarif(report));
  const t3 = performance.now();
  results['library'] = {
    loadSeconds: Math.round(t1 - t0) / 1000,
    heapAfterLoadMiB,
    auditSeconds: Math.round(t2 - t1b) / 1000,
    sarifSeconds: Math.round(t3 - t2) / 1000,
    findings: report.findings.length,
    sarifMiB: Math.round(sarif.length / 1048576),
  };
  log(
    `library: load ${(t1 - t0).toFixed(0)} ms (live heap then ${heapAfterLoadMiB} MiB), audit ${(t2 - t1b).toFixed(0)} ms, SARIF ${(t3 - t2).toFixed(0)} ms; ${report.findings.length} findings`,
  );

  // The CLI end to end, in a fresh process.
  const main = join(root, 'packages/cli/dist/main.js');
  if (!existsSync(main)) throw new Error('Run `npm run build` first.');
  const cli = timed('node', [main, 'audit', dir, '--format', 'sarif']);
  results['quai'] = cli;
  log(`quai audit (CLI, SARIF to a pipe): ${cli.seconds}s, peak RSS ${cli.peakMiB} MiB, exit ${cli.exit}`);

  const files = readdirSync(dir).map((f) => join(dir, f));
  const peers: Record<string, unknown> = {};
  const kubeScore = join(gobin, 'kube-score');
  if (existsSync(kubeScore)) {
    peers['kube-score'] = timed(kubeScore, ['score', '--output-format', 'ci', ...files]);
    log(`kube-score: ${JSON.stringify(peers['kube-score'])}`);
  } else {
    log(`kube-score not found in ${gobin}; skipped`);
  }
  const kubeLinter = join(gobin, 'kube-linter');
  if (existsSync(kubeLinter)) {
    peers['kube-linter'] = timed(kubeLinter, ['lint', '--format', 'sarif', dir]);
    log(`kube-linter: ${JSON.stringify(peers['kube-linter'])}`);
  } else {
    log(`kube-linter not found in ${gobin}; skipped`);
  }
  results['peers'] = peers;
  await writeFileAtomic(join(root, 'bench/results/audit.json'), `${JSON.stringify(results, null, 2)}\n`);
  log('written to bench/results/audit.json');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
