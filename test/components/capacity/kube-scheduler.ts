import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as devcluster from '@quai/devcluster';

/** The scheduler name of the checking kube-scheduler: pods that name it are its alone. */
export const CHECK_SCHEDULER = 'quai-capacity-check';

/**
 * A second, real kube-scheduler (the control plane's own binary, v1.36.3, default plugins), run
 * against the test cluster with its own profile name so that it schedules only the scenario
 * pods. It is started after the pods exist, so its queue holds them all at once (priority, then
 * name order), and it logs at -v=3: "Attempting to schedule pod" gives the exact order of its
 * scheduling cycles, which the comparison replays. Backoff is shortened to 1 s so that retries
 * settle fast; nothing else differs from the defaults.
 */
export interface CheckScheduler {
  /** The scheduler's log so far. */
  log(): string;
  stop(): Promise<void>;
}

export async function kubeSchedulerBinary(): Promise<string> {
  const versions = await devcluster.pinnedVersions();
  const paths = devcluster.devClusterPaths(devcluster.DEFAULT_CLUSTER_NAME);
  const bin = join(paths.binDir, `kubernetes-${versions.kubernetes}`, 'kube-scheduler');
  if (!existsSync(bin))
    throw new Error(`kube-scheduler is not built at ${bin}: run quai dev cluster up once`);
  return bin;
}

export async function startCheckScheduler(kubeconfig: string): Promise<CheckScheduler> {
  const bin = await kubeSchedulerBinary();
  const dir = mkdtempSync(join(tmpdir(), 'quai-check-scheduler-'));
  const config = join(dir, 'config.yaml');
  writeFileSync(
    config,
    [
      'apiVersion: kubescheduler.config.k8s.io/v1',
      'kind: KubeSchedulerConfiguration',
      'clientConnection:',
      `  kubeconfig: ${JSON.stringify(kubeconfig)}`,
      '  qps: 200',
      '  burst: 400',
      'leaderElection:',
      '  leaderElect: false',
      'podInitialBackoffSeconds: 1',
      'podMaxBackoffSeconds: 1',
      'profiles:',
      `- schedulerName: ${CHECK_SCHEDULER}`,
      '',
    ].join('\n'),
  );
  const logFile = join(dir, 'kube-scheduler.log');
  const out = createWriteStream(logFile);
  const child: ChildProcess = spawn(bin, [`--config=${config}`, '--secure-port=0', '--v=3'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(out, { end: false });
  child.stderr?.pipe(out, { end: false });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const read = (): string => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '');
  // Ready when its informers synced and it starts its queue.
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`kube-scheduler exited:\n${read().slice(-3000)}`);
    if (/Starting Kubernetes Scheduler|Attempting to schedule pod/.test(read())) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`kube-scheduler did not start in 60 s:\n${read().slice(-3000)}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    log: read,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      out.end();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** One line of the scheduler's log that the comparison reads. */
export type SchedulerEvent =
  | { readonly kind: 'attempt'; readonly pod: string; readonly at: number }
  | { readonly kind: 'preemption'; readonly pod: string; readonly node: string; readonly at: number }
  | { readonly kind: 'bound'; readonly pod: string; readonly node: string; readonly at: number }
  | {
      readonly kind: 'victim';
      readonly preemptor: string;
      readonly pod: string;
      readonly node: string;
      readonly at: number;
    };

/**
 * The time of a klog line ("I1206 06:00:04.223109 ..."), in ms since the epoch; klog writes the
 * local time and no year: the year is the current one (a run across New Year's Eve is off by one).
 */
export function klogTime(line: string, year = new Date().getFullYear()): number {
  const m = /^[IWEF](\d\d)(\d\d) (\d\d):(\d\d):(\d\d)\.(\d{3})/.exec(line);
  if (m === null) return Number.NaN;
  const [mo = 1, d, h, mi, s, ms] = m.slice(1).map(Number);
  return new Date(year, mo - 1, d, h, mi, s, ms).getTime();
}

function field(line: string, key: string): string | undefined {
  return new RegExp(`\\b${key}="([^"]*)"`).exec(line)?.[1];
}

/**
 * The scheduling cycles in the order the scheduler ran them, the preemptions it decided, the
 * bindings and the victims it deleted (bindings and deletions run on their own goroutines: their
 * lines can come after later cycles).
 */
export function schedulerEvents(log: string): SchedulerEvent[] {
  const out: SchedulerEvent[] = [];
  for (const line of log.split('\n')) {
    if (line.includes('"Attempting to schedule pod"')) {
      const pod = field(line, 'pod');
      if (pod !== undefined) out.push({ kind: 'attempt', pod, at: klogTime(line) });
    } else if (line.includes('"the target node for the preemption is determined"')) {
      const pod = field(line, 'pod');
      const node = field(line, 'node');
      if (pod !== undefined && node !== undefined)
        out.push({ kind: 'preemption', pod, node, at: klogTime(line) });
    } else if (line.includes('"Successfully bound pod to node"')) {
      const pod = field(line, 'pod');
      const node = field(line, 'node');
      if (pod !== undefined && node !== undefined) out.push({ kind: 'bound', pod, node, at: klogTime(line) });
    } else if (line.includes('"Preemptor Pod preempted victim Pod"')) {
      const preemptor = field(line, 'preemptor');
      const pod = field(line, 'victim');
      const node = field(line, 'node');
      if (preemptor !== undefined && pod !== undefined && node !== undefined) {
        out.push({ kind: 'victim', preemptor, pod, node, at: klogTime(line) });
      }
    }
  }
  return out;
}
