/**
 * The simulator against the real kube-scheduler, scenario by scenario, on KWOK fake nodes.
 *
 * Each generated scenario is a handful of nodes (sizes, zones, labels, taints) and groups of pods
 * (requests, node selectors, node affinity, pod affinity and anti-affinity, tolerations, topology
 * spread constraints, priorities; some groups behind a Service, which turns on the scheduler's
 * default spreading), in two phases: the first phase is queued all at once, the second arrives
 * once the first has settled (higher priorities, so preemption happens).
 *
 * Scenarios run in waves: the wave's nodes are created, then its pods (scheduled by a second,
 * real kube-scheduler of their own), and the scheduler's log gives the order of its cycles.
 * Scenarios of a wave cannot see each other: their pods select their own nodes, their labels
 * and zones are their own, and their nodes carry a taint that only their pods tolerate.
 *
 * What is compared, per scheduling cycle of the real scheduler (the simulator replays the same
 * cycles in the same order on the same cluster, following the real scheduler's choices):
 * - feasibility: the real scheduler bound the pod <=> the simulator finds a node that fits;
 * - placement: the real node is one of the simulator's best-scored nodes (kube-scheduler breaks
 *   ties at random, so any of them may be chosen);
 * - preemption: the real scheduler preempted <=> the simulator finds a candidate, the real node is
 *   one of its best candidates, and the pods deleted on it are exactly the simulator's victims.
 * And per scenario, with the simulator running on its own (its own choices, ties broken by the
 * first node): the set of pods left pending, and the number of pods per node (sorted, so that
 * nodes of one shape are interchangeable) and per zone.
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KubeClient, KubeObject } from '@quai/core';
import { capacity } from '@quai/core';
import { CHECK_SCHEDULER, schedulerEvents, startCheckScheduler } from './kube-scheduler.js';

const { simNode, simPod, clusterOf, Simulator, ClusterState } = capacity;
type SimPod = capacity.SimPod;
type SpreadSources = capacity.SpreadSources;

export const SCENARIO_LABEL = 'quai.dev/capacity-scenario';
export const ISOLATION_TAINT = 'quai.dev/capacity-check';
export const PRIORITY_CLASSES = [
  { name: 'quai-capacity-low', value: 0 },
  { name: 'quai-capacity-mid', value: 100 },
  { name: 'quai-capacity-high', value: 1000 },
  { name: 'quai-capacity-high-never', value: 1000, preemptionPolicy: 'Never' },
] as const;

export type Theme = 'resources' | 'affinity' | 'anti-affinity' | 'taints' | 'spread' | 'priorities' | 'mixed';
const THEMES: readonly Theme[] = [
  'resources',
  'affinity',
  'anti-affinity',
  'taints',
  'spread',
  'priorities',
  'mixed',
];

export interface Scenario {
  readonly id: string;
  readonly theme: Theme;
  readonly nodes: readonly KubeObject[];
  /** Pods of the first phase (queued at once), then of the second (after the first settled). */
  readonly phases: readonly (readonly KubeObject[])[];
  readonly services: readonly KubeObject[];
}

/** mulberry32: reproducible scenarios from a seed. */
const random = capacity.seededRandom;

interface Gen {
  readonly r: () => number;
  int(min: number, max: number): number;
  pick<T>(xs: readonly T[]): T;
  chance(p: number): boolean;
}

function gen(seed: number): Gen {
  const r = random(seed);
  return {
    r,
    int: (min, max) => min + Math.floor(r() * (max - min + 1)),
    pick: (xs) => xs[Math.floor(r() * xs.length)] as never,
    chance: (p) => r() < p,
  };
}

const NODE_SHAPES = [
  { cpu: '2', memory: '4Gi' },
  { cpu: '4', memory: '8Gi' },
  { cpu: '4', memory: '16Gi' },
  { cpu: '8', memory: '16Gi' },
] as const;
const CPU = ['100m', '250m', '500m', '750m', '1', '1500m', '2'] as const;
const MEMORY = ['128Mi', '256Mi', '512Mi', '1Gi', '2Gi', '3Gi'] as const;

function scenario(g: Gen, id: string, theme: Theme): Scenario {
  const zones = [`${id}-a`, `${id}-b`, `${id}-c`].slice(0, g.int(2, 3));
  const nodeCount = g.int(3, 7);
  const shapeCount = g.int(1, 2);
  const shapes = Array.from({ length: shapeCount }, () => g.pick(NODE_SHAPES));
  const wantTaints = theme === 'taints' || (theme === 'mixed' && g.chance(0.5));
  const nodes: KubeObject[] = [];
  for (let i = 0; i < nodeCount; i++) {
    const name = `${id}-n${i}`;
    const shape = shapes[i % shapes.length] ?? NODE_SHAPES[0];
    const taints: Record<string, string>[] = [{ key: ISOLATION_TAINT, value: id, effect: 'NoSchedule' }];
    if (wantTaints && g.chance(0.4)) {
      taints.push(
        g.pick([
          { key: 'dedicated', value: 'db', effect: 'NoSchedule' },
          { key: 'dedicated', value: 'batch', effect: 'PreferNoSchedule' },
          { key: 'gpu', value: 'true', effect: 'NoSchedule' },
          { key: 'maintenance', value: 'soon', effect: 'PreferNoSchedule' },
        ]),
      );
    }
    nodes.push({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name,
        annotations: { 'kwok.x-k8s.io/node': 'fake', 'node.alpha.kubernetes.io/ttl': '0' },
        labels: {
          [SCENARIO_LABEL]: id,
          'kubernetes.io/hostname': name,
          'kubernetes.io/os': 'linux',
          'kubernetes.io/arch': 'amd64',
          'topology.kubernetes.io/zone': zones[i % zones.length] ?? '',
          disk: g.pick(['ssd', 'hdd']),
          pool: g.pick(['general', 'general', 'memory']),
          type: 'kwok',
        },
      },
      spec: { taints },
      status: {
        allocatable: {
          cpu: shape.cpu,
          memory: shape.memory,
          pods: String(g.chance(0.15) ? g.int(2, 5) : 110),
        },
        capacity: { cpu: shape.cpu, memory: shape.memory, pods: '110' },
      },
    });
  }
  const groups = g.int(1, 4);
  const phase1: KubeObject[] = [];
  const phase2: KubeObject[] = [];
  const services: KubeObject[] = [];
  for (let gi = 0; gi < groups; gi++) {
    const app = `${id}-g${gi}`;
    const count = g.int(1, 8);
    const spec: Record<string, unknown> = {
      schedulerName: CHECK_SCHEDULER,
      terminationGracePeriodSeconds: 0,
      nodeSelector: { [SCENARIO_LABEL]: id },
      tolerations: [{ key: ISOLATION_TAINT, operator: 'Equal', value: id, effect: 'NoSchedule' }],
      containers: [
        {
          name: 'app',
          image: 'registry.example/app:1',
          resources: { requests: { cpu: g.pick(CPU), memory: g.pick(MEMORY) } },
        },
      ],
    };
    const affinity: Record<string, unknown> = {};
    const feature = (t: Theme, p: number): boolean => theme === t || (theme === 'mixed' && g.chance(p));
    if (feature('affinity', 0.3)) {
      if (g.chance(0.5)) {
        affinity['nodeAffinity'] = {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [
              {
                matchExpressions: [
                  g.pick([
                    { key: 'disk', operator: 'In', values: ['ssd'] },
                    { key: 'pool', operator: 'NotIn', values: ['memory'] },
                    { key: 'topology.kubernetes.io/zone', operator: 'In', values: zones.slice(0, 2) },
                  ]),
                ],
              },
            ],
          },
        };
      } else {
        affinity['nodeAffinity'] = {
          preferredDuringSchedulingIgnoredDuringExecution: [
            {
              weight: g.int(1, 100),
              preference: { matchExpressions: [{ key: 'disk', operator: 'In', values: ['ssd'] }] },
            },
          ],
        };
      }
      if (gi > 0 && g.chance(0.6)) {
        const target = `${id}-g${g.int(0, gi - 1)}`;
        const term = {
          labelSelector: { matchLabels: { app: target } },
          topologyKey: g.pick(['topology.kubernetes.io/zone', 'kubernetes.io/hostname']),
        };
        affinity['podAffinity'] = g.chance(0.5)
          ? { requiredDuringSchedulingIgnoredDuringExecution: [term] }
          : {
              preferredDuringSchedulingIgnoredDuringExecution: [
                { weight: g.int(1, 100), podAffinityTerm: term },
              ],
            };
      }
    }
    if (feature('anti-affinity', 0.3)) {
      const term = {
        labelSelector: { matchLabels: { app } },
        topologyKey: g.pick([
          'kubernetes.io/hostname',
          'kubernetes.io/hostname',
          'topology.kubernetes.io/zone',
        ]),
      };
      affinity['podAntiAffinity'] = g.chance(0.6)
        ? { requiredDuringSchedulingIgnoredDuringExecution: [term] }
        : {
            preferredDuringSchedulingIgnoredDuringExecution: [
              { weight: g.int(1, 100), podAffinityTerm: term },
            ],
          };
    }
    if (Object.keys(affinity).length > 0) spec['affinity'] = affinity;
    if (feature('taints', 0.3)) {
      const tolerations = spec['tolerations'] as unknown[];
      if (g.chance(0.5))
        tolerations.push({ key: 'dedicated', operator: 'Equal', value: 'db', effect: 'NoSchedule' });
      if (g.chance(0.4)) tolerations.push({ key: 'gpu', operator: 'Exists' });
      if (g.chance(0.3))
        tolerations.push({ key: 'dedicated', operator: 'Exists', effect: 'PreferNoSchedule' });
    }
    if (feature('spread', 0.3)) {
      const constraints = [
        {
          maxSkew: g.int(1, 2),
          topologyKey: g.pick(['topology.kubernetes.io/zone', 'kubernetes.io/hostname']),
          whenUnsatisfiable: g.chance(0.6) ? 'DoNotSchedule' : 'ScheduleAnyway',
          labelSelector: { matchLabels: { app } },
          ...(g.chance(0.2) ? { minDomains: g.int(2, 4) } : {}),
        },
      ];
      const first = constraints[0];
      const duplicate =
        first?.topologyKey === 'kubernetes.io/hostname' && first.whenUnsatisfiable === 'ScheduleAnyway';
      if (g.chance(0.3) && !duplicate) {
        constraints.push({
          maxSkew: 1,
          topologyKey: 'kubernetes.io/hostname',
          whenUnsatisfiable: 'ScheduleAnyway',
          labelSelector: { matchLabels: { app } },
        });
      }
      // minDomains is only allowed with DoNotSchedule.
      for (const c of constraints)
        if (c.whenUnsatisfiable !== 'DoNotSchedule') delete (c as { minDomains?: number }).minDomains;
      spec['topologySpreadConstraints'] = constraints;
    }
    const laterPhase = (theme === 'priorities' || (theme === 'mixed' && g.chance(0.3))) && gi > 0;
    if (theme === 'priorities' || laterPhase || g.chance(0.2)) {
      const cls = laterPhase
        ? g.pick([
            'quai-capacity-high',
            'quai-capacity-high',
            'quai-capacity-mid',
            'quai-capacity-high-never',
          ])
        : g.pick(['quai-capacity-low', 'quai-capacity-mid']);
      spec['priorityClassName'] = cls;
    }
    if (g.chance(0.25)) {
      services.push({
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: app },
        spec: { selector: { app }, ports: [{ port: 80 }] },
      });
    }
    for (let i = 0; i < count; i++) {
      const pod: KubeObject = {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: `${app}-p${i}`, labels: { app, [SCENARIO_LABEL]: id } },
        spec,
      };
      (laterPhase ? phase2 : phase1).push(pod);
    }
  }
  return { id, theme, nodes, phases: phase2.length > 0 ? [phase1, phase2] : [phase1], services };
}

/** `count` scenarios from a seed, the themes taken in turn. */
export function generateScenarios(count: number, seed: number, prefix = 's'): Scenario[] {
  const g = gen(seed);
  return Array.from({ length: count }, (_, i) =>
    scenario(g, `${prefix}${String(i).padStart(4, '0')}`, THEMES[i % THEMES.length] ?? 'mixed'),
  );
}

// ---------------------------------------------------------------------------------------------
// Running a wave on the cluster

export interface WaveRun {
  readonly namespace: string;
  readonly scenarios: readonly Scenario[];
  /** Every node of the cluster when the wave ran (the scheduler sees them all). */
  readonly allNodes: readonly KubeObject[];
  /** Pods as the API server stored them after each phase was created (defaults applied). */
  readonly created: readonly (readonly KubeObject[])[];
  /** Pods at the end (bound or pending); pods that were preempted are missing. */
  readonly final: readonly KubeObject[];
  /** status.startTime of every pod seen running (preempted ones included), by `ns/name`. */
  readonly startTimes: Readonly<Record<string, string>>;
  readonly log: string;
  readonly seconds: number;
  /** What happened to the wave's nodes while it ran (see NodeEvent); empty for most waves. */
  readonly nodeEvents: readonly NodeEvent[];
}

/**
 * Something that happened to a scenario node while its wave ran. kube-scheduler does not read a
 * node's Ready condition, only its taints and `spec.unschedulable`: a node that goes Unknown for
 * a moment (KWOK renewing 350 Leases late on a loaded machine) changes nothing for it until the
 * node lifecycle controller taints it `node.kubernetes.io/unreachable` or `not-ready`. A taint, a
 * cordon or a deletion *disturbs* the node's scenario: the real scheduler saw a node the
 * simulator did not.
 */
export interface NodeEvent {
  /** Seconds since the watch started. */
  readonly at: number;
  readonly node: string;
  readonly scenario: string;
  /** What is wrong with the node now, or undefined when it is healthy again. */
  readonly trouble: string | undefined;
  readonly disturbs: boolean;
}

export function describeNodeEvent(e: NodeEvent): string {
  return `+${e.at.toFixed(0)}s ${e.node}: ${e.trouble ?? 'healthy again'}`;
}

/** The scenarios disturbed by the node events (see NodeEvent). */
export function disturbedScenarios(events: readonly NodeEvent[]): Set<string> {
  return new Set(events.filter((e) => e.disturbs).map((e) => e.scenario));
}

async function waitFor<T>(what: string, timeoutMs: number, fn: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Why a node is not as the simulator sees it (Ready, schedulable, no lifecycle taint), or undefined. */
export function nodeTrouble(
  n: KubeObject,
): { readonly text: string; readonly disturbs: boolean } | undefined {
  const status = n['status'] as
    { conditions?: { type: string; status: string; reason?: string }[] } | undefined;
  const spec = n['spec'] as
    { taints?: { key: string; effect?: string }[]; unschedulable?: boolean } | undefined;
  const ready = (status?.conditions ?? []).find((c) => c.type === 'Ready');
  const troubles: string[] = [];
  let disturbs = false;
  if (ready?.status !== 'True') troubles.push(`Ready=${ready?.status ?? 'missing'} (${ready?.reason ?? ''})`);
  for (const t of spec?.taints ?? []) {
    if (!t.key.startsWith('node.kubernetes.io/')) continue;
    troubles.push(`taint ${t.key}:${t.effect ?? ''}`);
    disturbs = true;
  }
  if (spec?.unschedulable === true) {
    troubles.push('cordoned');
    disturbs = true;
  }
  return troubles.length === 0 ? undefined : { text: troubles.join(', '), disturbs };
}

/**
 * Watches the scenario nodes while a wave runs and records every change of their trouble (see
 * nodeTrouble), and their deletion. A watch that ends or expires is opened again from a new
 * list, so nothing in between is missed.
 */
function watchNodeHealth(client: KubeClient, names: ReadonlySet<string>): { stop(): Promise<NodeEvent[]> } {
  const seen: NodeEvent[] = [];
  const last = new Map<string, string>();
  const started = Date.now();
  const note = (n: KubeObject, trouble: { text: string; disturbs: boolean } | undefined): void => {
    const name = n.metadata.name ?? '';
    if (!names.has(name)) return;
    const key = trouble?.text ?? '';
    if ((last.get(name) ?? '') === key) return;
    last.set(name, key);
    seen.push({
      at: (Date.now() - started) / 1000,
      node: name,
      scenario: n.metadata.labels?.[SCENARIO_LABEL] ?? '',
      trouble: trouble?.text,
      disturbs: trouble?.disturbs ?? false,
    });
  };
  const controller = new AbortController();
  const loop = (async () => {
    while (!controller.signal.aborted) {
      try {
        const list = await client.listWithVersion('v1', 'Node', {
          labelSelector: SCENARIO_LABEL,
          signal: controller.signal,
        });
        for (const n of list.items) note(n, nodeTrouble(n));
        const events = await client.watch('v1', 'Node', {
          labelSelector: SCENARIO_LABEL,
          resourceVersion: list.resourceVersion,
          timeoutSeconds: 300,
          signal: controller.signal,
        });
        for await (const e of events) {
          if (e.type === 'BOOKMARK') continue;
          note(e.object, e.type === 'DELETED' ? { text: 'deleted', disturbs: true } : nodeTrouble(e.object));
        }
      } catch {
        if (controller.signal.aborted) break;
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  })();
  return {
    stop: async () => {
      controller.abort();
      await loop;
      return seen;
    },
  };
}

async function mapLimit<T>(items: readonly T[], limit: number, fn: (t: T) => Promise<void>): Promise<void> {
  let i = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (i < items.length) await fn(items[i++] as T);
    }),
  );
}

/**
 * Every pod bound (and started: KWOK has set its status.startTime, which preemption reads to
 * choose its victims; a loaded machine delays KWOK by seconds) or unschedulable.
 */
function isSettled(pods: readonly KubeObject[]): boolean {
  return pods.every((p) => {
    const spec = p['spec'] as { nodeName?: string };
    const status = p['status'] as {
      nominatedNodeName?: string;
      startTime?: string;
      conditions?: { type: string; status: string; reason?: string }[];
    };
    if (p.metadata.deletionTimestamp !== undefined) return false;
    if (spec.nodeName) return status?.startTime !== undefined;
    if (status?.nominatedNodeName) return false;
    return (status?.conditions ?? []).some(
      (c) => c.type === 'PodScheduled' && c.status === 'False' && c.reason === 'Unschedulable',
    );
  });
}

function fingerprint(pods: readonly KubeObject[]): string {
  return pods
    .map(
      (p) =>
        `${p.metadata.name}:${(p['spec'] as { nodeName?: string }).nodeName ?? ''}:${(p['status'] as { startTime?: string } | undefined)?.startTime ?? ''}`,
    )
    .sort()
    .join(',');
}

/** Waits until every pod is bound or unschedulable and nothing changed for `quietMs`. */
async function settle(
  client: KubeClient,
  namespace: string,
  expect: number,
  quietMs: number,
): Promise<KubeObject[]> {
  let last = '';
  let since = Date.now();
  return waitFor('the scenario pods to settle', 300_000, async () => {
    const pods = await client.list('v1', 'Pod', { namespace });
    const fp = fingerprint(pods);
    if (fp !== last) {
      last = fp;
      since = Date.now();
    }
    const enough = pods.filter((p) => p.metadata.deletionTimestamp === undefined).length <= expect;
    return enough && isSettled(pods) && Date.now() - since >= quietMs ? pods : undefined;
  });
}

export async function ensurePriorityClasses(client: KubeClient): Promise<void> {
  for (const c of PRIORITY_CLASSES) {
    await client.apply(
      {
        apiVersion: 'scheduling.k8s.io/v1',
        kind: 'PriorityClass',
        metadata: { name: c.name },
        value: c.value,
        ...('preemptionPolicy' in c ? { preemptionPolicy: c.preemptionPolicy } : {}),
      },
      { fieldManager: 'quai-capacity-test', force: true },
    );
  }
}

/**
 * Refuses to run on a cluster whose KWOK renews no node Lease any more. After KWOK had been
 * starved for over a minute (paused for 80 s to reproduce a loaded machine), its lease
 * controller renewed nothing until it was restarted: every new node went Unknown and was tainted
 * about 40 s after it was created, and most scenarios were disturbed. Better said at once.
 */
async function checkKwokLeases(client: KubeClient): Promise<void> {
  const leases = await client.list('coordination.k8s.io/v1', 'Lease', { namespace: 'kube-node-lease' });
  const renewed = leases
    .map((l) => Date.parse((l['spec'] as { renewTime?: string } | undefined)?.renewTime ?? ''))
    .filter((t) => !Number.isNaN(t));
  if (renewed.length === 0) return;
  const age = (Date.now() - Math.max(...renewed)) / 1000;
  if (age > 120) {
    throw new Error(
      `KWOK has renewed no node Lease for ${age.toFixed(0)} s: its lease controller is stuck and every node would go Unknown. ` +
        'Restart the local cluster (quai dev cluster down, then quai dev cluster up) and run again.',
    );
  }
}

/** Runs a wave of scenarios on the cluster and collects what the real scheduler did. */
export async function runWave(
  client: KubeClient,
  kubeconfig: string,
  namespace: string,
  scenarios: readonly Scenario[],
): Promise<WaveRun> {
  const started = Date.now();
  // Fresh node names for every run. A node created under the name of one deleted moments
  // before (the previous wave, a wave run again, the previous run of the test) meets the old
  // node's Lease and health record, kept by name: on a loaded machine KWOK's renewals of that
  // Lease failed with "the object has been modified" conflicts, again and again, and the node
  // lifecycle controller marked such nodes Unknown within seconds and tainted them.
  const tag = randomBytes(3).toString('hex');
  const nodes = scenarios
    .flatMap((s) => s.nodes)
    .map((n) => {
      const name = `${n.metadata.name ?? ''}-${tag}`;
      return {
        ...n,
        metadata: { ...n.metadata, name, labels: { ...n.metadata.labels, 'kubernetes.io/hostname': name } },
      };
    });
  let health: ReturnType<typeof watchNodeHealth> | undefined;
  await checkKwokLeases(client);
  await client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } });
  try {
    await mapLimit(nodes, 16, async (n) => {
      await client.create(n);
    });
    const names = new Set(nodes.map((n) => n.metadata.name));
    // Ready, and without the taints the node lifecycle controller puts on nodes not ready yet.
    const allNodes = await waitFor('the scenario nodes to be ready', 180_000, async () => {
      const list = await client.list('v1', 'Node');
      const ours = list.filter((n) => names.has(n.metadata.name ?? ''));
      const ready = ours.filter((n) => {
        const conditions =
          (n['status'] as { conditions?: { type: string; status: string }[] }).conditions ?? [];
        const taints = ((n['spec'] as { taints?: { key: string }[] }).taints ?? []).map((t) => t.key);
        return (
          conditions.some((c) => c.type === 'Ready' && c.status === 'True') &&
          !taints.some((k) => k.startsWith('node.kubernetes.io/'))
        );
      });
      return ready.length === names.size ? list : undefined;
    });
    health = watchNodeHealth(client, names);
    await waitFor('the default service account', 60_000, () =>
      client.tryGet({ apiVersion: 'v1', kind: 'ServiceAccount', namespace, name: 'default' }),
    );
    for (const s of scenarios.flatMap((x) => x.services)) {
      await client.create({ ...s, metadata: { ...s.metadata, namespace } });
    }
    const created: KubeObject[][] = [];
    const startTimes: Record<string, string> = {};
    const record = (pods: readonly KubeObject[]): void => {
      for (const p of pods) {
        const t = (p['status'] as { startTime?: string } | undefined)?.startTime;
        if (t !== undefined) startTimes[`${p.metadata.namespace}/${p.metadata.name}`] = t;
      }
    };
    const phases = Math.max(...scenarios.map((s) => s.phases.length));
    let expected = 0;
    let scheduler: Awaited<ReturnType<typeof startCheckScheduler>> | undefined;
    try {
      for (let ph = 0; ph < phases; ph++) {
        const pods = scenarios.flatMap((s) => s.phases[ph] ?? []);
        const stored: KubeObject[] = [];
        await mapLimit(pods, 16, async (p) => {
          stored.push(await client.create({ ...p, metadata: { ...p.metadata, namespace } }));
        });
        created.push(stored);
        expected += pods.length;
        // The scheduler starts once the first phase exists: its queue then holds every pod of it.
        scheduler ??= await startCheckScheduler(kubeconfig);
        record(await settle(client, namespace, expected, 2500));
      }
      const final = await settle(client, namespace, expected, 1500);
      record(final);
      const log = scheduler?.log() ?? '';
      const nodeEvents = (await health?.stop()) ?? [];
      health = undefined;
      return {
        namespace,
        scenarios,
        allNodes,
        created,
        final,
        startTimes,
        log,
        seconds: (Date.now() - started) / 1000,
        nodeEvents,
      };
    } finally {
      await scheduler?.stop();
    }
  } finally {
    await health?.stop();
    await client.delete({ apiVersion: 'v1', kind: 'Namespace', name: namespace }).catch(() => undefined);
    await mapLimit(nodes, 16, async (n) => {
      await client
        .delete({ apiVersion: 'v1', kind: 'Node', name: n.metadata.name ?? '' })
        .catch(() => undefined);
    });
  }
}

export interface AgreementRun {
  readonly results: readonly ScenarioResult[];
  /** The most KWOK nodes of one wave. */
  readonly nodes: number;
  /** Scenario runs disturbed (see NodeEvent), and run again in waves of their own. */
  readonly disturbedRuns: number;
  /** Node events that disturbed nothing (a node Unknown for a moment, without a taint). */
  readonly harmlessNodeEvents: number;
  /** Scenarios disturbed on every run, left out of the results. */
  readonly leftOut: readonly string[];
  /** Timings of every wave run. */
  readonly timings: readonly WaveTiming[];
}

/**
 * Runs scenarios wave by wave and compares them. Scenarios are independent (their pods only
 * fit their own nodes), so a scenario whose node was tainted by the node lifecycle controller,
 * cordoned or deleted while the wave ran (see NodeEvent) is set apart: it is reported with its
 * node events and the disagreements it would have counted, and run again with the others so
 * disturbed, in waves of their own of at most half the size, on fresh nodes, up to `reruns`
 * times; a scenario disturbed
 * every time is left out and named. The scheduler log of a wave with a disturbance or a
 * disagreement is kept in the temporary folder.
 */
export async function runAgreement(
  client: KubeClient,
  kubeconfig: string,
  scenarios: readonly Scenario[],
  options: {
    readonly wave: number;
    readonly reruns: number;
    readonly namespace: () => string;
    readonly write: (line: string) => void;
  },
): Promise<AgreementRun> {
  const results: ScenarioResult[] = [];
  const leftOut: string[] = [];
  const timings: WaveTiming[] = [];
  let disturbedRuns = 0;
  let harmless = 0;
  let nodes = 0;
  // Waves to run: [wave number, attempt, scenarios]. Disturbed scenarios run again in waves of
  // at most half the size: fewer nodes for KWOK to keep alive.
  const queue: [number, number, readonly Scenario[]][] = [];
  for (let i = 0; i < scenarios.length; i += options.wave)
    queue.push([i / options.wave + 1, 1, scenarios.slice(i, i + options.wave)]);
  const half = Math.max(1, Math.ceil(options.wave / 2));
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    const [n, attempt, wave] = next;
    const waveNodes = wave.reduce((s, x) => s + x.nodes.length, 0);
    nodes = Math.max(nodes, waveNodes);
    const run = await runWave(client, kubeconfig, options.namespace(), wave);
    const compared = compareWave(run);
    const disturbed = disturbedScenarios(run.nodeEvents);
    harmless += run.nodeEvents.filter((e) => !disturbed.has(e.scenario)).length;
    const kept =
      disturbed.size > 0 || compared.some((r) => r.disagreements.length > 0)
        ? join(tmpdir(), `${run.namespace}-kube-scheduler.log`)
        : undefined;
    if (kept !== undefined) writeFileSync(kept, run.log);
    const timing = timeWave(run);
    timings.push(timing);
    options.write(
      `wave ${n}${attempt > 1 ? ` (run ${attempt}, disturbed scenarios again)` : ''}: ${wave.length} scenarios, ${waveNodes} KWOK nodes, ${run.seconds.toFixed(0)} s` +
        ` (kube-scheduler ${timing.kubeSchedulerSeconds.toFixed(1)} s, simulator ${timing.simulatorSeconds.toFixed(2)} s)` +
        `${run.nodeEvents.length > 0 ? `, ${run.nodeEvents.length} node events` : ''}` +
        `${kept === undefined ? '' : `; scheduler log in ${kept}`}`,
    );
    results.push(...compared.filter((r) => !disturbed.has(r.id)));
    if (disturbed.size === 0) continue;
    disturbedRuns += disturbed.size;
    const lost = compared.filter((r) => disturbed.has(r.id)).reduce((s, r) => s + r.disagreements.length, 0);
    options.write(
      `  DISTURBED: ${[...disturbed].join(', ')} (a node tainted by the node lifecycle controller, cordoned or deleted; ${lost} disagreements not counted):`,
    );
    for (const e of run.nodeEvents.filter((x) => disturbed.has(x.scenario)).slice(0, 12))
      options.write(`    ${describeNodeEvent(e)}`);
    const again = wave.filter((s) => disturbed.has(s.id));
    if (attempt === 1 + options.reruns) {
      leftOut.push(...again.map((s) => s.id));
      continue;
    }
    for (let j = 0; j < again.length; j += half) queue.push([n, attempt + 1, again.slice(j, j + half)]);
  }
  return { results, nodes, disturbedRuns, harmlessNodeEvents: harmless, leftOut, timings };
}

// ---------------------------------------------------------------------------------------------
// Comparing

export interface Disagreement {
  readonly scenario: string;
  readonly pod: string;
  readonly what: 'feasibility' | 'placement' | 'preemption' | 'victims';
  readonly detail: string;
}

export interface ScenarioResult {
  readonly id: string;
  readonly theme: Theme;
  /** Scheduling cycles compared, and how many agreed. */
  readonly cycles: number;
  readonly agreedCycles: number;
  /** Agreed preemptions whose victims differ only among pods kube-scheduler cannot tell apart. */
  readonly interchangeableVictims: number;
  readonly preemptions: number;
  readonly pending: number;
  /** The simulator on its own: same pending pods; same pods per node (sorted) and per zone. */
  readonly samePending: boolean;
  readonly sameNodeCounts: boolean;
  readonly sameZoneCounts: boolean;
  readonly reproducedWithTies: boolean;
  readonly disagreements: readonly Disagreement[];
}

function sourcesOf(namespace: string, services: readonly KubeObject[]): SpreadSources {
  const selectors = services.map((s) => (s['spec'] as { selector: Record<string, string> }).selector);
  return { services: new Map([[namespace, selectors]]), controllers: new Map() };
}

function podKey(p: KubeObject): string {
  return `${p.metadata.namespace}/${p.metadata.name}`;
}

function unbound(p: KubeObject): KubeObject {
  const spec = { ...(p['spec'] as Record<string, unknown>) };
  delete spec['nodeName'];
  return { ...p, spec };
}

function toSim(p: KubeObject): SimPod {
  return simPod({ pod: unbound(p) });
}

/**
 * How long each scheduler took on a wave. kube-scheduler: from the first scheduling cycle of
 * each phase to its last decision (binding, preemption), by its log's clock, phases added (the
 * wait between phases is the harness's). The simulator: the same wave on its own (every node and
 * pod of the wave in one simulated cluster, the phases in the same order), as
 * `quai capacity simulate` runs it.
 */
export interface WaveTiming {
  readonly scenarios: number;
  readonly kubeSchedulerSeconds: number;
  readonly simulatorSeconds: number;
}

export function timeWave(run: WaveRun): WaveTiming {
  const ns = run.namespace;
  const events = schedulerEvents(run.log).filter(
    (e) => (e.kind === 'victim' ? e.preemptor : e.pod).startsWith(`${ns}/`) && !Number.isNaN(e.at),
  );
  const phaseOf = new Map<string, number>();
  run.created.forEach((pods, i) => {
    for (const p of pods) phaseOf.set(podKey(p), i);
  });
  let kubeMs = 0;
  for (let ph = 0; ph < run.created.length; ph++) {
    const mine = events.filter((e) => phaseOf.get(e.kind === 'victim' ? e.preemptor : e.pod) === ph);
    const first = mine.find((e) => e.kind === 'attempt');
    const last = mine.at(-1);
    if (first !== undefined && last !== undefined) kubeMs += last.at - first.at;
  }
  const sources = sourcesOf(
    ns,
    run.scenarios.flatMap((s) => s.services),
  );
  const started = performance.now();
  const sim = new Simulator(
    clusterOf(
      run.allNodes.map((n) => simNode(n)),
      [],
    ),
    { sources, recreateEvicted: false },
  );
  for (const phase of run.created) sim.run(phase.map(toSim), 'when-idle');
  return {
    scenarios: run.scenarios.length,
    kubeSchedulerSeconds: kubeMs / 1000,
    simulatorSeconds: (performance.now() - started) / 1000,
  };
}

/** Compares a wave: the lockstep replay of the real scheduler's cycles, then each scenario alone. */
export function compareWave(run: WaveRun): ScenarioResult[] {
  const ns = run.namespace;
  const sources = sourcesOf(
    ns,
    run.scenarios.flatMap((s) => s.services),
  );
  const scenarioOf = (pod: string): string => pod.replace(`${ns}/`, '').replace(/-g\d+-p\d+$/, '');
  const createdByKey = new Map(run.created.flat().map((p) => [podKey(p), p]));
  const finalByKey = new Map(run.final.map((p) => [podKey(p), p]));
  const finalNode = (key: string): string | undefined =>
    (finalByKey.get(key)?.['spec'] as { nodeName?: string } | undefined)?.nodeName;
  // The real scheduler's cycles for this wave's pods, in order.
  const events = schedulerEvents(run.log).filter((e) => e.pod.startsWith(`${ns}/`));
  // Where each pod was bound, and the victims of each preemptor, from the scheduler's own lines.
  const boundTo = new Map<string, string>();
  const victimsOf = new Map<string, Set<string>>();
  for (const e of events) {
    if (e.kind === 'bound') boundTo.set(e.pod, e.node);
    if (e.kind === 'victim') {
      const set = victimsOf.get(e.preemptor) ?? new Set<string>();
      set.add(e.pod);
      victimsOf.set(e.preemptor, set);
    }
  }
  const lastAttempt = new Map<string, number>();
  const firstAttempt = new Map<string, number>();
  events.forEach((e, i) => {
    if (e.kind !== 'attempt') return;
    lastAttempt.set(e.pod, i);
    if (!firstAttempt.has(e.pod)) firstAttempt.set(e.pod, i);
  });

  // The lockstep replay: one simulated cluster for the whole wave (all nodes, as the scheduler sees).
  const state = new ClusterState(run.allNodes.map((n) => simNode(n)));
  const sim = new Simulator(state, { sources, recreateEvicted: false });
  const results = new Map<
    string,
    {
      cycles: number;
      agreed: number;
      interchangeable: number;
      preemptions: number;
      disagreements: Disagreement[];
    }
  >();
  const bucket = (id: string) => {
    let b = results.get(id);
    if (b === undefined) {
      b = { cycles: 0, agreed: 0, interchangeable: 0, preemptions: 0, disagreements: [] };
      results.set(id, b);
    }
    return b;
  };
  const simPods = new Map([...createdByKey].map(([k, p]) => [k, toSim(p)]));
  /**
   * Whether two victim sets differ only by pods the real scheduler could not tell apart: pods of
   * one group (same spec) and priority whose start times tie to the second, or one of which had
   * no start time yet when the cycle ran (KWOK had not started it: kube-scheduler then takes
   * "now", so the choice among them is the order of its cache, which nothing records).
   */
  const interchangeable = (real: readonly string[], simulated: readonly string[], at: number): boolean => {
    if (real.length !== simulated.length) return false;
    const onlySim = simulated.filter((k) => !real.includes(k));
    const startSecond = (k: string): number => Math.floor(Date.parse(run.startTimes[k] ?? '') / 1000);
    const unknownAt = (k: string): boolean => {
      const t = startSecond(k);
      // status.startTime is to the second: one set in the cycle's second (or later) may not have
      // reached the scheduler.
      return Number.isNaN(t) || Number.isNaN(at) || t >= Math.floor(at / 1000);
    };
    const group = (k: string): string =>
      `${createdByKey.get(k)?.metadata.labels?.['app'] ?? k}/${simPods.get(k)?.priority ?? ''}`;
    const used = new Set<string>();
    return real
      .filter((k) => !simulated.includes(k))
      .every((r) => {
        const match = onlySim.find(
          (s) =>
            !used.has(s) &&
            group(s) === group(r) &&
            (unknownAt(s) || unknownAt(r) || startSecond(s) === startSecond(r)),
        );
        if (match !== undefined) used.add(match);
        return match !== undefined;
      });
  };
  const claimed = new Set<string>();
  events.forEach((e, i) => {
    if (e.kind !== 'attempt') return;
    const pod = simPods.get(e.pod);
    if (pod === undefined || state.placement.has(pod.key)) return;
    const id = scenarioOf(e.pod);
    const b = bucket(id);
    b.cycles++;
    const realNode = lastAttempt.get(e.pod) === i ? boundTo.get(e.pod) : undefined;
    // The preemption decided in this cycle (its line comes before the next cycle starts).
    let realPreemption: string | undefined;
    for (let j = i + 1; j < events.length; j++) {
      const x = events[j];
      if (x === undefined || x.kind === 'attempt') break;
      if (x.kind === 'preemption' && x.pod === e.pod) realPreemption = x.node;
    }
    const evaluation = sim.evaluate(pod);
    const disagree = (what: Disagreement['what'], detail: string): void => {
      b.disagreements.push({ scenario: id, pod: e.pod, what, detail });
    };
    if (realNode !== undefined) {
      const best = evaluation.best.map((n) => n.node.name);
      if (evaluation.feasible.length === 0)
        disagree('feasibility', `bound to ${realNode}; the simulator finds no node`);
      else if (!best.includes(realNode)) {
        disagree(
          'placement',
          `bound to ${realNode}; the simulator's best: ${best.join(', ')} (score ${evaluation.score})`,
        );
      } else b.agreed++;
      const node = state.byName.get(realNode);
      // Started when the real one did (preemption prefers victims that started last).
      const started = run.startTimes[e.pod];
      if (node !== undefined) sim.bind(pod, node, started === undefined ? undefined : Date.parse(started));
      return;
    }
    if (evaluation.feasible.length > 0) {
      disagree(
        'feasibility',
        `left pending; the simulator fits it on ${evaluation.feasible.map((n) => n.node.name).join(', ')}`,
      );
      return;
    }
    // Pending in both: does preemption agree?
    const found = sim.preemptionCandidates(pod);
    const bestNodes = found.best.map((c) => c.node.node.name);
    if (realPreemption === undefined) {
      if (found.best.length > 0) {
        disagree('preemption', `no preemption; the simulator would preempt on ${bestNodes.join(', ')}`);
      } else b.agreed++;
      return;
    }
    b.preemptions++;
    const candidate = found.best.find((c) => c.node.node.name === realPreemption);
    if (candidate === undefined) {
      disagree(
        'preemption',
        `preempted on ${realPreemption}; the simulator's best: ${bestNodes.join(', ') || 'none'}`,
      );
      return;
    }
    // The victims: exactly the pods the real scheduler deleted for this preemptor.
    const simVictims = candidate.victims.map((p) => p.key).sort();
    const realVictims = [...(victimsOf.get(e.pod) ?? [])].filter((k) => !claimed.has(k)).sort();
    if (simVictims.join(',') !== realVictims.join(',') && interchangeable(realVictims, simVictims, e.at)) {
      b.agreed++;
      b.interchangeable++;
    } else if (simVictims.join(',') !== realVictims.join(',')) {
      disagree(
        'victims',
        `on ${realPreemption}: deleted ${realVictims.join(', ')}; the simulator's ${simVictims.join(', ')}`,
      );
    } else b.agreed++;
    for (const k of realVictims) {
      claimed.add(k);
      const v = state.placement.get(k)?.pods.find((p) => p.key === k);
      if (v !== undefined) state.unbind(v);
    }
    // The preemptor waits for its next cycle with the node reserved for it.
    sim.nominate(pod, candidate.node);
  });

  return run.scenarios.map((s) => {
    const b = bucket(s.id);
    const standalone = standaloneComparison(run, s, sources, firstAttempt, createdByKey, finalByKey);
    return {
      id: s.id,
      theme: s.theme,
      cycles: b.cycles,
      agreedCycles: b.agreed,
      interchangeableVictims: b.interchangeable,
      preemptions: b.preemptions,
      pending: [...finalByKey.entries()].filter(([k]) => scenarioOf(k) === s.id && finalNode(k) === undefined)
        .length,
      ...standalone,
      disagreements: b.disagreements,
    };
  });
}

interface Standalone {
  readonly samePending: boolean;
  readonly sameNodeCounts: boolean;
  readonly sameZoneCounts: boolean;
  /** Whether some tie-breaking of the simulator reproduces the real outcome exactly. */
  readonly reproducedWithTies: boolean;
}

/**
 * The simulator alone on the scenario's nodes, each phase queued in the order the real
 * scheduler first took its pods (the order of its queue within a priority is arbitrary: it
 * comes from its informer's initial list), ties broken by the first node; then, when the
 * outcome differs, with up to 60 random tie-breakings and both retry policies, to see whether
 * ties and the timing of retries (which kube-scheduler decides by its backoff clock) explain it.
 */
function standaloneComparison(
  run: WaveRun,
  s: Scenario,
  sources: SpreadSources,
  firstAttempt: ReadonlyMap<string, number>,
  createdByKey: ReadonlyMap<string, KubeObject>,
  finalByKey: ReadonlyMap<string, KubeObject>,
): Standalone {
  const nodes = run.allNodes.filter((n) => n.metadata.labels?.[SCENARIO_LABEL] === s.id);
  const mine = (p: KubeObject): boolean => p.metadata.labels?.[SCENARIO_LABEL] === s.id;
  const zoneOf = new Map(
    nodes.map((n) => [n.metadata.name ?? '', n.metadata.labels?.['topology.kubernetes.io/zone'] ?? '']),
  );
  const sorted = (m: ReadonlyMap<string, number>): string =>
    nodes
      .map(
        (n) =>
          `${JSON.stringify((n['status'] as { allocatable: unknown }).allocatable)}:${m.get(n.metadata.name ?? '') ?? 0}`,
      )
      .sort()
      .join('|');
  const byZone = (m: ReadonlyMap<string, number>): string => {
    const z = new Map<string, number>();
    for (const [n, c] of m) z.set(zoneOf.get(n) ?? '', (z.get(zoneOf.get(n) ?? '') ?? 0) + c);
    return [...z.entries()]
      .filter(([, c]) => c > 0)
      .sort()
      .map(([k, c]) => `${k}=${c}`)
      .join(',');
  };
  const realPending = new Set(
    [...finalByKey.values()]
      .filter((p) => mine(p) && !(p['spec'] as { nodeName?: string }).nodeName)
      .map(podKey),
  );
  const realByNode = new Map<string, number>();
  for (const p of finalByKey.values()) {
    const n = (p['spec'] as { nodeName?: string }).nodeName;
    if (mine(p) && n) realByNode.set(n, (realByNode.get(n) ?? 0) + 1);
  }
  const attempt = (
    tieBreak: capacity.TieBreak,
    retry: 'when-idle' | 'on-change' = 'when-idle',
  ): { pending: Set<string>; byNode: Map<string, number> } => {
    const state = clusterOf(
      nodes.map((n) => simNode(n)),
      [],
    );
    const sim = new Simulator(state, { sources, recreateEvicted: false, tieBreak });
    for (const phase of run.created) {
      const pods = phase
        .filter(mine)
        .map(toSim)
        .sort((a, b) => (firstAttempt.get(a.key) ?? 1e9) - (firstAttempt.get(b.key) ?? 1e9));
      sim.run(pods, retry);
    }
    const preempted = new Set(sim.preempted.map((p) => p.key));
    const pending = new Set(
      [...createdByKey.entries()]
        .filter(([k, p]) => mine(p) && !state.placement.has(k) && !preempted.has(k))
        .map(([k]) => k),
    );
    return { pending, byNode: new Map(state.nodes.map((n) => [n.node.name, n.pods.length])) };
  };
  const samePendingOf = (pending: ReadonlySet<string>): boolean =>
    pending.size === realPending.size && [...pending].every((k) => realPending.has(k));
  const first = attempt({ kind: 'first' });
  const samePending = samePendingOf(first.pending);
  const sameNodeCounts = sorted(realByNode) === sorted(first.byNode);
  const sameZoneCounts = byZone(realByNode) === byZone(first.byNode);
  let reproducedWithTies = samePending && sameNodeCounts && sameZoneCounts;
  for (let i = 1; i <= 60 && !reproducedWithTies; i++) {
    // Ties broken at random, and pending pods retried when idle or at each change.
    const r = attempt({ kind: 'random', seed: i }, i % 2 === 0 ? 'on-change' : 'when-idle');
    reproducedWithTies =
      samePendingOf(r.pending) &&
      sorted(realByNode) === sorted(r.byNode) &&
      byZone(realByNode) === byZone(r.byNode);
  }
  return { samePending, sameNodeCounts, sameZoneCounts, reproducedWithTies };
}

export function percent(n: number, total: number): string {
  return total === 0 ? '-' : `${((100 * n) / total).toFixed(1)}%`;
}

/** The figures, per theme and in total, as the test prints them. */
export function summary(results: readonly ScenarioResult[]): string {
  const themes = [...new Set(results.map((r) => r.theme))];
  const line = (name: string, rs: readonly ScenarioResult[]): string => {
    const cycles = rs.reduce((s, r) => s + r.cycles, 0);
    const agreed = rs.reduce((s, r) => s + r.agreedCycles, 0);
    const pre = rs.reduce((s, r) => s + r.preemptions, 0);
    return [
      name.padEnd(14),
      String(rs.length).padStart(5),
      String(cycles).padStart(7),
      percent(agreed, cycles).padStart(8),
      String(pre).padStart(5),
      percent(rs.filter((r) => r.samePending).length, rs.length).padStart(9),
      percent(rs.filter((r) => r.sameNodeCounts).length, rs.length).padStart(9),
      percent(rs.filter((r) => r.sameZoneCounts).length, rs.length).padStart(9),
      percent(rs.filter((r) => r.reproducedWithTies).length, rs.length).padStart(10),
    ].join(' ');
  };
  return [
    'theme          scen.  cycles  agreed  pre.   pending  per-node  per-zone  with ties',
    ...themes.map((t) =>
      line(
        t,
        results.filter((r) => r.theme === t),
      ),
    ),
    line('all', results),
  ].join('\n');
}
