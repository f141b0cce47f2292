/**
 * Benchmark of `quai audit` side by side with kube-score, on generated objects (a realistic mix:
 * Deployments, StatefulSets, CronJobs, Services, Ingresses, ConfigMaps, NetworkPolicies, PDBs,
 * RBAC) written as multi-document YAML in block style, as kubectl and Helm write it:
 *
 * - 10,000 objects in 100 files: the CLI end to end (SARIF to a pipe; wall time, CPU time and peak
 *   RSS with GNU time), kube-score on the same files, and the library alone (read and audit,
 *   SARIF);
 * - 100,000 and 200,000 objects (QUAI_BENCH_SCALE=0 skips them): the CLI only, to show that
 *   memory stays bounded and time linear.
 *
 * kube-score is built from the Go module proxy by bench/kube-score/build.sh, the same version and
 * flags every time, into ~/.cache/quai/tools (like the other peers):
 *
 *   npm run build && npm run bench:audit
 *
 * kube-linter (golang.stackrox.io/kube-linter) and Polaris (github.com/fairwindsops/polaris)
 * could not be built here: the Go module proxy answers 403 for both.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { audit, writeFileAtomic } from '@quai/core';

const OBJECTS = 10_000;
const FILES = 100;
const root = resolve(import.meta.dirname, '..');
const scale = process.env['QUAI_BENCH_SCALE'] !== '0';
const results: Record<string, unknown> = { objects: OBJECTS, files: FILES, node: process.version };
const load = (): string =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
results['loadAverageAtStart'] = load();

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

function timed(
  cmd: string,
  args: readonly string[],
): { seconds: number; cpuSeconds: number; peakMiB: number; exit: number } {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', cmd, ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  const last = r.stderr.trim().split('\n').pop() ?? '';
  const [seconds = 'NaN', user = 'NaN', sys = 'NaN', kb = 'NaN'] = last.split(' ');
  return {
    seconds: Number(seconds),
    cpuSeconds: Math.round((Number(user) + Number(sys)) * 100) / 100,
    peakMiB: Math.round(Number(kb) / 1024),
    exit: r.status ?? -1,
  };
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
function generate(dir: string, objects: number): number {
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

/** The median run (by wall time), as the machine is shared. */
function medianOf(runs: readonly ReturnType<typeof timed>[]): ReturnType<typeof timed> {
  const sorted = [...runs].sort((a, b) => a.seconds - b.seconds);
  const m = sorted[Math.floor(sorted.length / 2)];
  if (m === undefined) throw new Error('no run');
  return m;
}

const main = join(root, 'packages/cli/dist/main.js');
if (!existsSync(main)) throw new Error('Run `npm run build` first.');
const build = spawnSync('bash', [join(root, 'bench/kube-score/build.sh')], { encoding: 'utf8' });
const kubeScore = build.status === 0 ? build.stdout.trim().split('\n').pop() : undefined;
if (kubeScore === undefined)
  log(`kube-score could not be built: ${build.stderr.trim().split('\n').pop() ?? ''}`);

const dir = mkdtempSync(join(tmpdir(), 'quai-bench-audit-'));
try {
  const written = generate(dir, OBJECTS);
  log(`${written} objects in ${FILES} files (block YAML) under ${dir}`);
  results['objects'] = written;

  // The library alone, in this process: read and audit (streamed), then SARIF.
  const cpu = (): number => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1e6;
  };
  const t0 = performance.now();
  const c0 = cpu();
  const run = await audit.auditStream(audit.readManifests([{ kind: 'path', path: dir }]), {});
  const t1 = performance.now();
  const c1 = cpu();
  let sarifChars = 0;
  for (const chunk of audit.sarifChunks(run.header, run.findings())) sarifChars += chunk.length;
  const t2 = performance.now();
  const c2 = cpu();
  run.close();
  results['library'] = {
    auditSeconds: Math.round(t1 - t0) / 1000,
    auditCpuSeconds: Math.round((c1 - c0) * 100) / 100,
    sarifSeconds: Math.round(t2 - t1) / 1000,
    sarifCpuSeconds: Math.round((c2 - c1) * 100) / 100,
    findings: run.header.summary.findings + run.header.summary.suppressed,
    sarifMiB: Math.round(sarifChars / 1048576),
  };
  log(`library: ${JSON.stringify(results['library'])}`);

  // Side by side: three rounds, Quai then kube-score in each, so that both see the same machine
  // load; the median of each (by wall time).
  const files = readdirSync(dir).map((f) => join(dir, f));
  const quaiRuns: ReturnType<typeof timed>[] = [];
  const ksRuns: ReturnType<typeof timed>[] = [];
  for (let round = 0; round < 3; round++) {
    quaiRuns.push(timed('node', [main, 'audit', dir, '--format', 'sarif']));
    if (kubeScore !== undefined) ksRuns.push(timed(kubeScore, ['score', '--output-format', 'ci', ...files]));
  }
  const quai = medianOf(quaiRuns);
  results['quai'] = quai;
  log(`quai audit (CLI, SARIF to a pipe): ${JSON.stringify(quai)}`);
  const peers: Record<string, unknown> = {};
  if (kubeScore !== undefined) {
    const ks = medianOf(ksRuns);
    peers['kube-score'] = { version: 'v1.20.0', ...ks };
    log(`kube-score: ${JSON.stringify(peers['kube-score'])}`);
    results['ratio'] = {
      time: Math.round((ks.seconds / quai.seconds) * 100) / 100,
      cpu: Math.round((ks.cpuSeconds / quai.cpuSeconds) * 100) / 100,
      memory: Math.round((quai.peakMiB / ks.peakMiB) * 100) / 100,
    };
    log(`kube-score time / quai time: ${JSON.stringify(results['ratio'])}`);
  }
  results['peers'] = peers;

  if (scale) {
    // A whole cluster's export: bounded memory, linear time.
    const big: Record<string, unknown> = {};
    for (const n of [100_000, 200_000]) {
      const d = mkdtempSync(join(tmpdir(), 'quai-bench-audit-big-'));
      try {
        generate(d, n);
        big[String(n)] = timed('node', [main, 'audit', d, '--format', 'sarif']);
        log(`quai audit of ${n} objects: ${JSON.stringify(big[String(n)])}`);
      } finally {
        rmSync(d, { recursive: true, force: true });
      }
    }
    results['scale'] = big;
  }
  results['loadAverageAtEnd'] = load();
  await writeFileAtomic(join(root, 'bench/results/audit.json'), `${JSON.stringify(results, null, 2)}\n`);
  log('written to bench/results/audit.json');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
