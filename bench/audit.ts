/**
 * Benchmark of `quai audit` side by side with kube-score, on generated objects (a realistic mix:
 * Deployments, StatefulSets, CronJobs, Services, Ingresses, ConfigMaps, NetworkPolicies, PDBs,
 * RBAC) written as multi-document YAML in block style, as kubectl and Helm write it:
 *
 * - 10,000 objects in 100 files: the CLI end to end (SARIF to a pipe; wall time, CPU time and peak
 *   RSS with GNU time), kube-score on the same files, and the library alone (read and audit,
 *   SARIF);
 * - 100,000, 200,000, 500,000 and 1,000,000 objects (QUAI_BENCH_SCALE=0 skips them,
 *   QUAI_BENCH_SIZES=100000,200000 picks others): the CLI only, to show that memory stays bounded
 *   and time linear.
 *
 * The CLI is run as users run it: packages/cli/bin/quai.js, the `quai` command npm links, which
 * runs the bundle `npm run build` makes (dist/bundle; module for module when the bundle is missing
 * or older than the last compilation: the bench says so). Each size runs QUAI_BENCH_ROUNDS times
 * (default 3), Quai and kube-score in turn so that both see the same machine load; each figure
 * (wall time, CPU time, peak memory) is the median of its runs, taken separately.
 *
 * QUAI_BENCH_BASELINE=path/to/main.js (a bin/quai.js, a dist/bundle/main.js or a dist/main.js)
 * also runs another build (the main branch before a change) in the same rounds at 10,000
 * objects, and once at the larger sizes, for before and after figures from one run.
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
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { audit, writeFileAtomic } from '@quai/core';
import { generate } from './audit-corpus.js';

const OBJECTS = 10_000;
const FILES = 100;
const root = resolve(import.meta.dirname, '..');
const scale = process.env['QUAI_BENCH_SCALE'] !== '0';
const rounds = Math.max(1, Number(process.env['QUAI_BENCH_ROUNDS'] ?? '3') || 3);
const results: Record<string, unknown> = { objects: OBJECTS, files: FILES, node: process.version };
const load = (): string =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
results['loadAverageAtStart'] = load();

function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
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

/** The median of each figure over the runs (taken separately), as the machine is shared. */
function medianOf(runs: readonly ReturnType<typeof timed>[]): ReturnType<typeof timed> & { runs: number } {
  if (runs.length === 0) throw new Error('no run');
  const median = (pick: (r: ReturnType<typeof timed>) => number): number => {
    const sorted = runs.map(pick).sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
  };
  return {
    seconds: median((r) => r.seconds),
    cpuSeconds: median((r) => r.cpuSeconds),
    peakMiB: median((r) => r.peakMiB),
    exit: runs[0]?.exit ?? -1,
    runs: runs.length,
  };
}

// The `quai` command as npm links it; it runs the bundle when the bundle is current.
const main = join(root, 'packages/cli/bin/quai.js');
const mtime = (f: string): number => (existsSync(f) ? statSync(f).mtimeMs : 0);
const bundle = join(root, 'packages/cli/dist/bundle/main.js');
const compiled = Math.max(
  ...['cli', 'core', 'contracts', 'api', 'devcluster'].map((p) =>
    mtime(join(root, `packages/${p}/tsconfig.tsbuildinfo`)),
  ),
);
if (!existsSync(bundle) && !existsSync(join(root, 'packages/cli/dist/main.js')))
  throw new Error('Run `npm run build` first.');
results['cli'] =
  existsSync(bundle) && mtime(bundle) >= compiled
    ? 'bin/quai.js (bundle)'
    : 'bin/quai.js (modules: no current bundle)';
log(`the CLI runs as ${String(results['cli'])}`);
const baseline = process.env['QUAI_BENCH_BASELINE'];
if (baseline !== undefined && !existsSync(baseline)) throw new Error(`No build at ${baseline}.`);
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

  // Side by side: three rounds, Quai (and the baseline) then kube-score in each, so that all see
  // the same machine load; the median of each (by wall time).
  const files = readdirSync(dir).map((f) => join(dir, f));
  const quaiRuns: ReturnType<typeof timed>[] = [];
  const baseRuns: ReturnType<typeof timed>[] = [];
  const ksRuns: ReturnType<typeof timed>[] = [];
  for (let round = 0; round < rounds; round++) {
    quaiRuns.push(timed('node', [main, 'audit', dir, '--format', 'sarif']));
    if (baseline !== undefined) baseRuns.push(timed('node', [baseline, 'audit', dir, '--format', 'sarif']));
    if (kubeScore !== undefined) ksRuns.push(timed(kubeScore, ['score', '--output-format', 'ci', ...files]));
  }
  const quai = medianOf(quaiRuns);
  results['quai'] = quai;
  log(`quai audit (CLI, SARIF to a pipe): ${JSON.stringify(quai)}`);
  if (baseline !== undefined) {
    results['baseline'] = medianOf(baseRuns);
    log(`baseline (${baseline}): ${JSON.stringify(results['baseline'])}`);
  }
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
    const sizes = (process.env['QUAI_BENCH_SIZES'] ?? '100000,200000,500000,1000000')
      .split(',')
      .map(Number)
      .filter((n) => Number.isInteger(n) && n > 0);
    for (const n of sizes) {
      const d = mkdtempSync(join(tmpdir(), 'quai-bench-audit-big-'));
      try {
        generate(d, n);
        const runs: ReturnType<typeof timed>[] = [];
        for (let round = 0; round < rounds; round++)
          runs.push(timed('node', [main, 'audit', d, '--format', 'sarif']));
        big[String(n)] = medianOf(runs);
        log(`quai audit of ${n} objects: ${JSON.stringify(big[String(n)])}`);
        if (baseline !== undefined) {
          big[`${n} baseline`] = timed('node', [baseline, 'audit', d, '--format', 'sarif']);
          log(`baseline audit of ${n} objects: ${JSON.stringify(big[`${n} baseline`])}`);
        }
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
