/**
 * Capacity simulation at scale, and its agreement with the real kube-scheduler.
 *
 *   npm run bench:capacity                     # simulation + agreement (needs the local cluster)
 *   npm run bench:capacity -- --no-cluster     # simulation only
 *   npm run bench:capacity -- --real 200       # also the real kube-scheduler on 200 KWOK nodes
 *
 * 1. Simulation: 1,000 nodes (3 zones, two sizes, some tainted), 1,330 generated Deployments
 *    totalling 30,000 pods (zone spreading, preferred and required anti-affinity, node
 *    selectors, tolerations, priorities), all scheduled by `quai capacity simulate`'s engine;
 *    then a what-if on the full cluster (20 nodes drained, 10 removed, a node template
 *    recommended). Wall time and peak memory (RSS and heap, sampled every 50 ms).
 * 2. Agreement: the scenarios of the integration test (210, same seed) on the local control
 *    plane, compared cycle by cycle with kube-scheduler v1.36.3 (see
 *    test/components/capacity/agreement.ts for exactly what is compared), disturbed waves run
 *    again as in the test; and the time per scenario of each: kube-scheduler's busy time by its
 *    log's clock, the simulator's on the same waves.
 * 3. Side by side (--real N): the same generator scaled to N nodes, scheduled by the real
 *    kube-scheduler on KWOK nodes (time until every pod is bound or unschedulable) and by the
 *    simulator.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { capacity, KubeClient, loadClusterAccess, type KubeObject } from '@quai/core';
import * as devcluster from '@quai/devcluster';
import {
  ensurePriorityClasses,
  generateScenarios,
  percent,
  runAgreement,
  summary,
} from '../test/components/capacity/agreement.js';
import { CHECK_SCHEDULER, startCheckScheduler } from '../test/components/capacity/kube-scheduler.js';

const args = process.argv.slice(2);
const noCluster = args.includes('--no-cluster');
const realIndex = args.indexOf('--real');
const realNodes = realIndex >= 0 ? Number(args[realIndex + 1] ?? 200) : 0;
const nodesIndex = args.indexOf('--nodes');
const simNodes = nodesIndex >= 0 ? Number(args[nodesIndex + 1] ?? 1000) : 1000;

const rng = capacity.seededRandom;

interface Generated {
  readonly nodes: KubeObject[];
  readonly workloads: KubeObject[];
  readonly priorityClasses: KubeObject[];
  readonly pods: number;
}

/** A cluster of `nodeCount` nodes and Deployments totalling about 30 pods per node. */
function generate(nodeCount: number, seed = 1, forKwok = false): Generated {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const zones = ['zone-a', 'zone-b', 'zone-c'];
  const nodes: KubeObject[] = [];
  for (let i = 0; i < nodeCount; i++) {
    const big = i % 10 >= 7;
    const name = `bench-node-${String(i).padStart(4, '0')}`;
    const dedicated = i % 20 === 19;
    nodes.push({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name,
        ...(forKwok
          ? { annotations: { 'kwok.x-k8s.io/node': 'fake', 'node.alpha.kubernetes.io/ttl': '0' } }
          : {}),
        labels: {
          'kubernetes.io/hostname': name,
          'kubernetes.io/os': 'linux',
          'topology.kubernetes.io/zone': zones[i % 3] ?? 'zone-a',
          disk: i % 4 === 0 ? 'ssd' : 'hdd',
          'quai.dev/bench': 'true',
          ...(dedicated ? { dedicated: 'db' } : {}),
        },
      },
      spec: dedicated ? { taints: [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }] } : {},
      status: {
        allocatable: { cpu: big ? '16' : '8', memory: big ? '64Gi' : '32Gi', pods: '110' },
        capacity: { cpu: big ? '16' : '8', memory: big ? '64Gi' : '32Gi', pods: '110' },
        conditions: [{ type: 'Ready', status: 'True' }],
      },
    });
  }
  const priorityClasses: KubeObject[] = [
    { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'bench-low' }, value: 0 },
    {
      apiVersion: 'scheduling.k8s.io/v1',
      kind: 'PriorityClass',
      metadata: { name: 'bench-high' },
      value: 1000,
    },
  ];
  const target = nodeCount * 30;
  const workloads: KubeObject[] = [];
  let pods = 0;
  for (let w = 0; pods < target; w++) {
    const replicas = Math.min(target - pods, 5 + Math.floor(r() * 36));
    pods += replicas;
    const app = `app-${w}`;
    const ns = `team-${w % 40}`;
    const kind = r();
    const spec: Record<string, unknown> = {
      ...(forKwok ? { schedulerName: CHECK_SCHEDULER } : {}),
      containers: [
        {
          name: 'main',
          image: `registry.example/${app}:1`,
          resources: {
            requests: {
              cpu: pick(['50m', '100m', '200m', '250m', '500m']),
              memory: pick(['128Mi', '256Mi', '512Mi', '1Gi', '1536Mi']),
            },
          },
        },
      ],
      priorityClassName: r() < 0.2 ? 'bench-high' : 'bench-low',
    };
    if (kind < 0.3) {
      spec['topologySpreadConstraints'] = [
        {
          maxSkew: 1,
          topologyKey: 'topology.kubernetes.io/zone',
          whenUnsatisfiable: r() < 0.5 ? 'DoNotSchedule' : 'ScheduleAnyway',
          labelSelector: { matchLabels: { app } },
        },
      ];
    } else if (kind < 0.5) {
      spec['affinity'] = {
        podAntiAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [
            {
              weight: 100,
              podAffinityTerm: {
                labelSelector: { matchLabels: { app } },
                topologyKey: 'kubernetes.io/hostname',
              },
            },
          ],
        },
      };
    } else if (kind < 0.55) {
      spec['affinity'] = {
        podAntiAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: [
            { labelSelector: { matchLabels: { app } }, topologyKey: 'kubernetes.io/hostname' },
          ],
        },
      };
    } else if (kind < 0.65) {
      spec['nodeSelector'] = { disk: 'ssd' };
    } else if (kind < 0.68) {
      spec['nodeSelector'] = { dedicated: 'db' };
      spec['tolerations'] = [{ key: 'dedicated', operator: 'Equal', value: 'db', effect: 'NoSchedule' }];
    }
    workloads.push({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: app, namespace: ns },
      spec: {
        replicas,
        selector: { matchLabels: { app } },
        template: { metadata: { labels: { app } }, spec },
      },
    });
  }
  return { nodes, workloads, priorityClasses, pods };
}

/** Peak RSS and heap while `fn` runs (sampled every 50 ms). */
async function measured<T>(
  fn: () => T | Promise<T>,
): Promise<{ value: T; seconds: number; peakRssMiB: number; peakHeapMiB: number }> {
  global.gc?.();
  let peakRss = process.memoryUsage().rss;
  let peakHeap = process.memoryUsage().heapUsed;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 50);
  const start = performance.now();
  try {
    const value = await fn();
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
    return {
      value,
      seconds: (performance.now() - start) / 1000,
      peakRssMiB: peakRss / 2 ** 20,
      peakHeapMiB: peakHeap / 2 ** 20,
    };
  } finally {
    clearInterval(timer);
  }
}

async function simulation(): Promise<Record<string, unknown>> {
  const g = generate(simNodes);
  process.stdout.write(
    `[bench] ${g.nodes.length} nodes, ${g.workloads.length} Deployments, ${g.pods} pods\n`,
  );
  const base = capacity.snapshotOf(capacity.clusterObjectsOf([...g.nodes, ...g.priorityClasses]));
  const changes = (over: Partial<capacity.Changes> = {}): capacity.Changes => ({
    add: [],
    replicas: {},
    autoscaled: 'min',
    removeNodes: [],
    drainNodes: [],
    addNodes: [],
    ...over,
  });
  const options = { now: new Date(), source: 'snapshot' as const };
  // Every pod from scratch.
  const first = await measured(() =>
    capacity.simulateChanges(
      base,
      changes({ add: [{ source: 'bench', namespace: 'default', objects: g.workloads }] }),
      options,
    ),
  );
  const r = first.value;
  process.stdout.write(
    `[bench] schedule ${g.pods} pods on ${g.nodes.length} nodes: ${first.seconds.toFixed(1)} s, peak RSS ${first.peakRssMiB.toFixed(0)} MiB, heap ${first.peakHeapMiB.toFixed(0)} MiB; placed ${r.after.pods}, pending ${r.after.pending}\n`,
  );
  // The full cluster as a snapshot: its pods bound where the simulation put them.
  const bound: KubeObject[] = [];
  const rsObjects: KubeObject[] = [];
  const placed = new Map(
    r.pods.filter((p) => p.node !== undefined).map((p) => [`${p.namespace}/${p.pod}`, p.node as string]),
  );
  for (const w of capacity.expandWorkloads(g.workloads, 'default', {
    admission: base.admission,
    autoscaled: 'min',
  })) {
    if (w.controller !== undefined) {
      const [ns, , name] = w.controller.key.split('/');
      rsObjects.push({
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: { name: name ?? '', namespace: ns ?? '' },
        spec: { selector: { matchLabels: { app: w.workload.split('/')[1] ?? '' }, matchExpressions: [] } },
      });
    }
    for (const p of w.pods) {
      const node = placed.get(p.key);
      if (node === undefined) continue;
      const d = g.workloads.find((x) => `Deployment/${x.metadata.name ?? ''}` === w.workload) as KubeObject;
      const template = (
        d['spec'] as {
          template: { metadata: { labels: Record<string, string> }; spec: Record<string, unknown> };
        }
      ).template;
      bound.push({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name: p.name,
          namespace: p.namespace,
          labels: { ...template.metadata.labels, ...p.labels },
          ownerReferences: [
            {
              apiVersion: 'apps/v1',
              kind: 'ReplicaSet',
              name: p.owner?.name ?? '',
              controller: true,
              uid: '0',
            },
          ],
        },
        spec: { ...template.spec, nodeName: node, priority: p.priority },
        status: { phase: 'Running' },
      });
    }
  }
  const full = capacity.snapshotOf(
    capacity.clusterObjectsOf([...g.nodes, ...g.priorityClasses, ...rsObjects, ...bound]),
  );
  const drain = g.nodes.slice(0, 20).map((n) => n.metadata.name ?? '');
  const remove = g.nodes.slice(20, 30).map((n) => n.metadata.name ?? '');
  const whatIf = await measured(() =>
    capacity.simulateChanges(
      full,
      changes({ drainNodes: drain, removeNodes: remove, nodeTemplate: { cpu: '8', memory: '32Gi' } }),
      options,
    ),
  );
  process.stdout.write(
    `[bench] what-if on ${bound.length} running pods: drain 20, remove 10, recommend: ${whatIf.seconds.toFixed(1)} s, peak RSS ${whatIf.peakRssMiB.toFixed(0)} MiB; moved ${whatIf.value.pods.filter((p) => p.origin === 'moved').length}, pending ${whatIf.value.after.pending}\n`,
  );
  return {
    nodes: g.nodes.length,
    pods: g.pods,
    deployments: g.workloads.length,
    scheduleAll: {
      seconds: first.seconds,
      peakRssMiB: first.peakRssMiB,
      peakHeapMiB: first.peakHeapMiB,
      placed: r.after.pods,
      pending: r.after.pending,
    },
    whatIf: {
      runningPods: bound.length,
      drained: 20,
      removed: 10,
      seconds: whatIf.seconds,
      peakRssMiB: whatIf.peakRssMiB,
      peakHeapMiB: whatIf.peakHeapMiB,
      moved: whatIf.value.pods.filter((p) => p.origin === 'moved').length,
      pending: whatIf.value.after.pending,
      recommendation: whatIf.value.recommendation ?? null,
    },
  };
}

async function agreement(client: KubeClient, kubeconfig: string): Promise<Record<string, unknown>> {
  await ensurePriorityClasses(client);
  const scenarios = generateScenarios(210, 20261205);
  const started = performance.now();
  let wave = 0;
  const load = (): number => Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
  const loads: number[] = [load()];
  const run = await runAgreement(client, kubeconfig, scenarios, {
    wave: 70,
    reruns: 2,
    namespace: () => `quai-bench-cap-${wave++}`,
    write: (line) => {
      loads.push(load());
      process.stdout.write(`[bench] ${line}\n`);
    },
  });
  const { results, timings } = run;
  const cycles = results.reduce((s, r) => s + r.cycles, 0);
  const agreed = results.reduce((s, r) => s + r.agreedCycles, 0);
  const timed = timings.reduce((s, t) => s + t.scenarios, 0);
  const kubeSeconds = timings.reduce((s, t) => s + t.kubeSchedulerSeconds, 0);
  const simSeconds = timings.reduce((s, t) => s + t.simulatorSeconds, 0);
  process.stdout.write(
    `${summary(results)}\n[bench] decision agreement ${agreed}/${cycles} = ${percent(agreed, cycles)}\n` +
      `[bench] per scenario: kube-scheduler ${((1000 * kubeSeconds) / timed).toFixed(0)} ms, simulator ${((1000 * simSeconds) / timed).toFixed(1)} ms\n`,
  );
  return {
    scenarios: results.length,
    cycles,
    agreedCycles: agreed,
    agreement: percent(agreed, cycles),
    preemptions: results.reduce((s, r) => s + r.preemptions, 0),
    interchangeableVictims: results.reduce((s, r) => s + r.interchangeableVictims, 0),
    samePending: results.filter((r) => r.samePending).length,
    sameNodeCounts: results.filter((r) => r.sameNodeCounts).length,
    sameZoneCounts: results.filter((r) => r.sameZoneCounts).length,
    reproducedWithTies: results.filter((r) => r.reproducedWithTies).length,
    disturbedScenarioRuns: run.disturbedRuns,
    harmlessNodeEvents: run.harmlessNodeEvents,
    leftOut: run.leftOut,
    perScenario: {
      kubeSchedulerMs: (1000 * kubeSeconds) / timed,
      simulatorMs: (1000 * simSeconds) / timed,
    },
    waves: timings,
    loadAverage: { min: Math.min(...loads), max: Math.max(...loads) },
    seconds: (performance.now() - started) / 1000,
  };
}

async function real(
  client: KubeClient,
  kubeconfig: string,
  nodeCount: number,
): Promise<Record<string, unknown>> {
  const g = generate(nodeCount, 2, true);
  for (const pc of g.priorityClasses) await client.apply(pc, { fieldManager: 'quai-bench', force: true });
  const namespaces = [...new Set(g.workloads.map((w) => w.metadata.namespace ?? ''))];
  for (const ns of namespaces)
    await client.apply(
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } },
      { fieldManager: 'quai-bench' },
    );
  const batch = async <T>(items: readonly T[], fn: (t: T) => Promise<unknown>): Promise<void> => {
    let i = 0;
    await Promise.all(
      Array.from({ length: 32 }, async () => {
        while (i < items.length) await fn(items[i++] as T);
      }),
    );
  };
  await batch(g.nodes, (n) => client.create(n).catch(() => undefined));
  const pods: KubeObject[] = [];
  for (const w of capacity.expandWorkloads(g.workloads, 'default', {
    admission: capacity.admissionOf(capacity.clusterObjectsOf(g.priorityClasses)),
    autoscaled: 'min',
  })) {
    const d = g.workloads.find((x) => `Deployment/${x.metadata.name ?? ''}` === w.workload) as KubeObject;
    const template = (
      d['spec'] as {
        template: { metadata: { labels: Record<string, string> }; spec: Record<string, unknown> };
      }
    ).template;
    for (const p of w.pods) {
      pods.push({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: p.name, namespace: p.namespace, labels: template.metadata.labels },
        spec: {
          ...template.spec,
          nodeSelector: {
            ...((template.spec['nodeSelector'] as Record<string, string>) ?? {}),
            'quai.dev/bench': 'true',
          },
        },
      });
    }
  }
  try {
    await batch(pods, (p) => client.create(p));
    const start = performance.now();
    const scheduler = await startCheckScheduler(kubeconfig);
    let bound = 0;
    try {
      for (;;) {
        const all = (
          await Promise.all(namespaces.map((ns) => client.list('v1', 'Pod', { namespace: ns })))
        ).flat();
        bound = all.filter((p) => (p['spec'] as { nodeName?: string }).nodeName).length;
        const settled = all.every((p) => {
          const s = p['status'] as { conditions?: { type: string; reason?: string }[] } | undefined;
          return (
            (p['spec'] as { nodeName?: string }).nodeName ||
            (s?.conditions ?? []).some((c) => c.type === 'PodScheduled' && c.reason === 'Unschedulable')
          );
        });
        if (settled) break;
        await new Promise((r) => setTimeout(r, 1000));
      }
    } finally {
      await scheduler.stop();
    }
    const kubeSeconds = (performance.now() - start) / 1000;
    const sim = await measured(() =>
      capacity.simulateChanges(
        capacity.snapshotOf(capacity.clusterObjectsOf([...g.nodes, ...g.priorityClasses])),
        {
          add: [{ source: 'bench', namespace: 'default', objects: g.workloads }],
          replicas: {},
          autoscaled: 'min',
          removeNodes: [],
          drainNodes: [],
          addNodes: [],
        },
        { now: new Date(), source: 'snapshot' },
      ),
    );
    process.stdout.write(
      `[bench] ${nodeCount} KWOK nodes, ${pods.length} pods: kube-scheduler ${kubeSeconds.toFixed(1)} s (${bound} bound); simulator ${sim.seconds.toFixed(1)} s (${sim.value.after.pods} placed)\n`,
    );
    return {
      nodes: nodeCount,
      pods: pods.length,
      kubeScheduler: { seconds: kubeSeconds, bound },
      simulator: { seconds: sim.seconds, placed: sim.value.after.pods, peakRssMiB: sim.peakRssMiB },
    };
  } finally {
    for (const ns of namespaces)
      await client.delete({ apiVersion: 'v1', kind: 'Namespace', name: ns }).catch(() => undefined);
    await batch(g.nodes, (n) =>
      client.delete({ apiVersion: 'v1', kind: 'Node', name: n.metadata.name ?? '' }).catch(() => undefined),
    );
  }
}

const results: Record<string, unknown> = {
  date: new Date().toISOString(),
  node: process.version,
  loadAverageAtStart: Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]),
};
results['simulation'] = await simulation();
if (!noCluster || realNodes > 0) {
  const status = await devcluster.status();
  if (status.state !== 'running') {
    process.stdout.write(
      '[bench] the local control plane is not running: start it with `quai dev cluster up` (skipping the cluster parts)\n',
    );
  } else {
    const kubeconfig = await devcluster.kubeconfigPath();
    const client = new KubeClient(await loadClusterAccess({ kubeconfig }), { qps: 200, burst: 400 });
    try {
      if (!noCluster) results['agreement'] = await agreement(client, kubeconfig);
      if (realNodes > 0) results['sideBySide'] = await real(client, kubeconfig, realNodes);
    } finally {
      client.close();
    }
  }
}
writeFileSync(new URL('./results/capacity.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
process.stdout.write('[bench] results in bench/results/capacity.json\n');
