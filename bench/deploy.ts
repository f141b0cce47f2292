/**
 * Deploying 100 apps (1,200 objects) to a fresh local control plane ("bench"), side by side in
 * one run, each way on its own fresh namespaces:
 *   1. kubectl apply --server-side -f (one invocation, all manifests): the peer tool, at the
 *      start and again at the end of the run (the cluster grows meanwhile);
 *   2. the floor: raw server-side apply PATCHes, 32 at once, no client-side limit;
 *   3. `quai apply` (the CLI, every app spec on one command line) with its default settings:
 *      no fixed rate (the client follows the API server's priority and fairness), pruning,
 *      ownership checks, the app's lock and one revision per app, without waiting for readiness
 *      (as kubectl does not);
 *   4. the same through the library, at its defaults; with --fixed-rate-run, at the old fixed
 *      50 requests a second (burst 100) for reference; then with readiness awaited (by watch),
 *      unless --no-wait-run (that run alone takes minutes on a loaded machine).
 * Between two ways, the bench waits until every pod created so far runs (32 fake nodes hold them
 * all), so no measure pays for the controllers still working on the previous one.
 *
 * The load average of the machine is recorded at the start and at the end (it is shared). With
 * --runs N, the whole run is repeated N times, each on a fresh control plane, and the medians are
 * reported with every run's figures (the machine is shared: one run says little).
 *
 * The control plane's CPU (user + system, from /proc) is recorded for each way: on a machine whose
 * cores the server and the client share, it says which way costs the server the most.
 *
 *   npm run bench:deploy [-- --no-wait-run] [--fixed-rate-run] [--runs 3] [--out FILE.json]
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import {
  deploy,
  KubeClient,
  loadClusterAccess,
  mapLimit,
  render,
  writeFileAtomic,
  type KubeObject,
} from '@quai/core';
import * as devcluster from '@quai/devcluster';
import { benchApp, renderBenchApps } from './deploy-apps.js';

const APPS = 100;
const WAIT_RUN = !process.argv.includes('--no-wait-run');
const FIXED_RATE_RUN = process.argv.includes('--fixed-rate-run');
const runsAt = process.argv.indexOf('--runs');
const RUNS = runsAt < 0 ? 1 : Math.max(1, Number(process.argv[runsAt + 1]) || 1);
const outAt = process.argv.indexOf('--out');
/** Where the results go: bench/results/deploy.json, or the file --out names. */
const OUT =
  outAt < 0 || process.argv[outAt + 1] === undefined
    ? new URL('./results/deploy.json', import.meta.url).pathname
    : resolve(process.argv[outAt + 1] ?? '');
const load = (): string =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
const run = promisify(execFile);
const cli = resolve(new URL('..', import.meta.url).pathname, 'packages/cli/dist/main.js');

const warnings: string[] = [];
process.on('warning', (w) => warnings.push(`${w.name}: ${w.message}`));

const renderAll = (prefix: string): ReturnType<typeof renderBenchApps> => renderBenchApps(APPS, prefix);

/** The control plane's processes of the run (API server, etcd, controllers, scheduler, KWOK). */
let controlPlanePids: readonly number[] = [];
/** CPU seconds the control plane spent during each timed way, by label. */
const controlPlaneCpu = new Map<string, number>();

/** User + system CPU seconds of the control plane's processes so far (from /proc). */
function controlPlaneSeconds(): number {
  let ticks = 0;
  for (const pid of controlPlanePids) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // A component that stopped has no more CPU to count.
    }
  }
  return ticks / 100;
}

async function timed(label: string, fn: () => Promise<unknown>): Promise<number> {
  const cpu = controlPlaneSeconds();
  const t = performance.now();
  await fn();
  const s = Math.round((performance.now() - t) / 10) / 100;
  controlPlaneCpu.set(label, Math.round((controlPlaneSeconds() - cpu) * 10) / 10);
  process.stderr.write(`[bench] ${label}: ${s}s, control plane ${controlPlaneCpu.get(label)} s CPU\n`);
  return s;
}

type Results = Record<string, number | string>;

async function oneRun(): Promise<Results> {
  const results: Results = {};
  await devcluster.down({ name: 'bench' });
  // 32 nodes of 8 CPUs hold every way's pods (7 x 300 pods of 100m): none is left Pending.
  const up = await devcluster.up({ name: 'bench', nodes: 32 });
  controlPlanePids = up.state.processes.map((p) => p.pid);
  controlPlaneCpu.clear();
  const access = await loadClusterAccess({ kubeconfig: up.state.kubeconfig });
  const kubectl = join(
    devcluster.devClusterPaths('bench').binDir,
    `kubernetes-${up.state.versions.kubernetes}`,
    'kubectl',
  );
  const dir = mkdtempSync(join(tmpdir(), 'quai-bench-deploy-'));

  /**
   * Waits until the pods the previous ways created are all running, so that a measure does not
   * pay for the controllers and the scheduler still working on the one before.
   */
  async function settle(client: KubeClient, label: string): Promise<void> {
    const t = performance.now();
    for (let i = 0; i < 240; i++) {
      const pods = await client.list('v1', 'Pod', {});
      const busy = pods.filter(
        (p) => (p as KubeObject & { status?: { phase?: string } }).status?.phase !== 'Running',
      ).length;
      if (busy === 0) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    await new Promise((r) => setTimeout(r, 3000));
    process.stderr.write(
      `[bench] settled after ${label} in ${Math.round((performance.now() - t) / 100) / 10}s\n`,
    );
  }

  async function kubectlApply(prefix: string): Promise<number> {
    const file = join(dir, `${prefix}.yaml`);
    writeFileSync(
      file,
      renderAll(prefix)
        .map((a) => render.toYamlStream(a.objects))
        .join('---\n'),
    );
    return timed(`kubectl (${prefix})`, () =>
      run(
        kubectl,
        [
          '--kubeconfig',
          up.state.kubeconfig,
          'apply',
          '--server-side',
          '--field-manager=kubectl-bench',
          '-f',
          file,
        ],
        { maxBuffer: 64 * 1024 * 1024 },
      ),
    );
  }

  const observer = new KubeClient(access);
  try {
    const objects = renderAll('q').reduce((n, a) => n + a.objects.length, 0);
    results['load average at the start (1, 5, 15 min)'] = load();
    results['apps'] = APPS;
    results['objects'] = objects;

    results['kubectl apply --server-side (one invocation), s'] = await kubectlApply('k');
    await settle(observer, 'kubectl');

    const floorClient = new KubeClient(access, { maxInFlight: 32 });
    const all = renderAll('f').flatMap((a) => a.objects);
    results['floor: raw server-side applies, 32 at once, s'] = await timed('floor', async () => {
      await mapLimit(
        all.filter((o) => o.kind === 'Namespace'),
        32,
        (o) => floorClient.apply(o, { fieldManager: 'floor' }),
      );
      await mapLimit(
        all.filter((o) => o.kind !== 'Namespace'),
        32,
        (o) => floorClient.apply(o, { fieldManager: 'floor' }),
      );
    });
    results['floor requests sent'] = floorClient.requestCount;
    floorClient.close();
    await settle(observer, 'floor');

    // The CLI as a user runs it: one command, 100 app specs, default settings.
    const specs = Array.from({ length: APPS }, (_, i) => {
      const file = join(dir, `app${i}.yaml`);
      writeFileSync(file, JSON.stringify(benchApp(i, 'c')));
      return file;
    });
    results['quai apply (CLI, defaults, --no-wait), s'] = await timed('quai CLI', () =>
      run('node', [cli, 'apply', ...specs, '--no-wait', '--kubeconfig', up.state.kubeconfig], {
        maxBuffer: 64 * 1024 * 1024,
      }),
    );
    await settle(observer, 'quai CLI');

    const quaiClient = new KubeClient(access);
    results['quai apply (library, defaults, no wait), s'] = await timed('quai library', () =>
      Promise.all(renderAll('q').map((a) => deploy.apply(quaiClient, a.target, a.objects, { wait: false }))),
    );
    results['quai requests sent'] = quaiClient.requestCount;
    results['quai 429 answers (API Priority and Fairness)'] = quaiClient.limiter.stats().throttles;
    quaiClient.close();
    await settle(observer, 'quai library');

    if (FIXED_RATE_RUN) {
      const capped = new KubeClient(access, { qps: 50, burst: 100 });
      results['quai apply at the old fixed 50 req/s (burst 100), s'] = await timed('quai 50/s', () =>
        Promise.all(renderAll('o').map((a) => deploy.apply(capped, a.target, a.objects, { wait: false }))),
      );
      capped.close();
      await settle(observer, 'quai 50/s');
    }

    if (WAIT_RUN) {
      const waitClient = new KubeClient(access);
      results['quai apply and wait for readiness (defaults, by watch), s'] = await timed(
        'quai with wait',
        () =>
          Promise.all(
            renderAll('w').map((a) => deploy.apply(waitClient, a.target, a.objects, { timeoutMs: 600_000 })),
          ),
      );
      results['quai with wait: requests sent (watches included)'] = waitClient.requestCount;
      waitClient.close();
      await settle(observer, 'quai with wait');
    }

    results['kubectl apply --server-side, again at the end, s'] = await kubectlApply('k2');
    // The ratios within this run (the machine's load changes between runs).
    const cliSeconds = results['quai apply (CLI, defaults, --no-wait), s'];
    const ratio = (x: number): number => Math.round(x * 100) / 100;
    results['kubectl (first) / quai CLI'] = ratio(
      results['kubectl apply --server-side (one invocation), s'] / cliSeconds,
    );
    results['kubectl (faster of the two) / quai CLI'] = ratio(
      Math.min(
        results['kubectl apply --server-side (one invocation), s'],
        results['kubectl apply --server-side, again at the end, s'],
      ) / cliSeconds,
    );
    results['quai CLI / floor'] = ratio(
      cliSeconds / results['floor: raw server-side applies, 32 at once, s'],
    );
    // Where the time goes on a machine whose cores the control plane and the client share: the
    // server's own CPU for each way (the controllers' work on the pods it creates included).
    for (const [label, seconds] of controlPlaneCpu) results[`control plane CPU during ${label}, s`] = seconds;
    results['process warnings (MaxListenersExceededWarning...)'] = warnings.length;
    results['load average at the end (1, 5, 15 min)'] = load();
  } finally {
    observer.close();
    await devcluster.down({ name: 'bench' });
  }
  return results;
}

const runs: Results[] = [];
for (let i = 0; i < RUNS; i++) {
  runs.push(await oneRun());
  process.stderr.write(`[bench] run ${i + 1} of ${RUNS} done\n`);
}
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[m]! : Math.round(((s[m - 1]! + s[m]!) / 2) * 100) / 100;
};
const results: Results = {};
for (const k of Object.keys(runs[0] ?? {})) {
  const values = runs.map((r) => r[k]);
  results[k] = values.every((v) => typeof v === 'number') ? median(values) : values.join(' / ');
}
await writeFileAtomic(
  OUT,
  `${JSON.stringify({ date: new Date().toISOString(), runs: RUNS, medians: results, each: runs, warnings }, null, 2)}\n`,
);
process.stdout.write(`| measure | ${RUNS > 1 ? `median of ${RUNS} runs` : 'value'} |\n| --- | --- |\n`);
for (const [k, v] of Object.entries(results)) process.stdout.write(`| ${k} | ${v} |\n`);
