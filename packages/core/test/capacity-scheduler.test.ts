import { describe, expect, it } from 'vitest';
import { capacity } from '../src/index.js';

const { simPod, simNode, clusterOf, Simulator, NO_SPREAD_SOURCES, milliValue, intValue, nanoValue } =
  capacity;

function node(
  name: string,
  opts: {
    cpu?: string;
    memory?: string;
    pods?: number;
    labels?: Record<string, string>;
    taints?: unknown[];
    unschedulable?: boolean;
  } = {},
) {
  return simNode({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      labels: { 'kubernetes.io/hostname': name, 'topology.kubernetes.io/zone': 'z1', ...(opts.labels ?? {}) },
    },
    spec: {
      ...(opts.taints ? { taints: opts.taints } : {}),
      ...(opts.unschedulable ? { unschedulable: true } : {}),
    },
    status: {
      allocatable: { cpu: opts.cpu ?? '4', memory: opts.memory ?? '8Gi', pods: String(opts.pods ?? 110) },
      conditions: [{ type: 'Ready', status: 'True' }],
    },
  });
}

function pod(
  name: string,
  spec: Record<string, unknown> = {},
  labels: Record<string, string> = {},
  extra: { nodeName?: string; priority?: number } = {},
) {
  const { cpu = '100m', memory = '128Mi', ...rest } = spec as { cpu?: string; memory?: string };
  return simPod({
    pod: {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace: 'ns', labels, creationTimestamp: '2026-01-01T00:00:00Z' },
      spec: {
        containers: [{ name: 'c', image: 'app:1', resources: { requests: { cpu, memory } } }],
        ...rest,
        ...(extra.nodeName ? { nodeName: extra.nodeName } : {}),
        ...(extra.priority !== undefined ? { priority: extra.priority } : {}),
      },
    },
  });
}

describe('quantities', () => {
  it('reads quantities exactly and rounds up like resource.Quantity', () => {
    expect(milliValue('250m')).toBe(250);
    expect(milliValue('1.5')).toBe(1500);
    expect(milliValue('0.1m')).toBe(1);
    expect(milliValue('2e3')).toBe(2_000_000);
    expect(intValue('1Gi')).toBe(1073741824);
    expect(intValue('1.5Gi')).toBe(1610612736);
    expect(intValue('100M')).toBe(100_000_000);
    expect(intValue('0.5')).toBe(1);
    expect(nanoValue('1n')).toBe(1);
    expect(milliValue('12x')).toBeUndefined();
    expect(milliValue('')).toBeUndefined();
  });
});

describe('pod requests as the scheduler computes them', () => {
  it('takes the larger of the containers and the init containers, sidecars counted in both', () => {
    const p = simPod({
      pod: {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'p', namespace: 'ns' },
        spec: {
          initContainers: [
            { name: 'sidecar', restartPolicy: 'Always', resources: { requests: { cpu: '200m' } } },
            { name: 'init', resources: { requests: { cpu: '1', memory: '1Gi' } } },
          ],
          containers: [{ name: 'c', resources: { requests: { cpu: '300m', memory: '100Mi' } } }],
          overhead: { cpu: '10m' },
        },
      },
    });
    // containers 300m + sidecar 200m = 500m; init 1 + sidecar 200m = 1200m; + overhead 10m
    expect(p.requests.cpu).toBe(1210);
    expect(p.requests.memory).toBe(1073741824);
    // Non-zero: the sidecar's missing memory counts 200 MiB.
    expect(p.nonZero.memory).toBe(Math.max(100 * 2 ** 20 + 200 * 2 ** 20, 2 ** 30 + 200 * 2 ** 20));
  });

  it('uses the defaults for scoring when a container asks for nothing', () => {
    const p = simPod({
      pod: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c' }] } },
    });
    expect(p.requests.cpu).toBe(0);
    expect(p.nonZero).toEqual({ cpu: 100, memory: 200 * 1024 * 1024 });
  });
});

describe('scheduling cycle', () => {
  it('spreads identical pods over identical nodes (LeastAllocated)', () => {
    const state = clusterOf([node('a'), node('b'), node('c')], []);
    const sim = new Simulator(state, { sources: NO_SPREAD_SOURCES });
    const result = sim.run(Array.from({ length: 6 }, (_, i) => pod(`p${i}`, { cpu: '500m', memory: '1Gi' })));
    expect(result.pending.size).toBe(0);
    expect(state.nodes.map((n) => n.pods.length)).toEqual([2, 2, 2]);
  });

  it('says why a pod fits nowhere, node by node', () => {
    const state = clusterOf(
      [
        node('a', { cpu: '1' }),
        node('b', { taints: [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }] }),
        node('c', { unschedulable: true }),
      ],
      [],
    );
    const sim = new Simulator(state, { sources: NO_SPREAD_SOURCES });
    const d = sim.scheduleOne(pod('big', { cpu: '2' }));
    expect(d.kind).toBe('pending');
    if (d.kind !== 'pending') return;
    expect(d.reasons).toEqual({ cpu: 1, taint: 1, unschedulable: 1 });
    expect(d.preemption).toBe('not-helpful');
  });

  it('honours required anti-affinity on the hostname and leaves the extra replica pending', () => {
    const state = clusterOf([node('a'), node('b')], []);
    const sim = new Simulator(state, { sources: NO_SPREAD_SOURCES });
    const anti = {
      affinity: {
        podAntiAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: [
            { labelSelector: { matchLabels: { app: 'web' } }, topologyKey: 'kubernetes.io/hostname' },
          ],
        },
      },
    };
    const r = sim.run([
      pod('w0', anti, { app: 'web' }),
      pod('w1', anti, { app: 'web' }),
      pod('w2', anti, { app: 'web' }),
    ]);
    expect(r.placed.size).toBe(2);
    expect([...r.pending.values()][0]).toMatchObject({ kind: 'pending', reasons: { antiAffinity: 2 } });
  });

  it('preempts the lowest-priority pods and keeps those it does not need to evict', () => {
    const a = node('a', { cpu: '2' });
    const low1 = pod('low1', { cpu: '1' }, {}, { nodeName: 'a', priority: 0 });
    const low2 = pod('low2', { cpu: '1' }, {}, { nodeName: 'a', priority: 10 });
    const state = clusterOf([a], [low1, low2]);
    const sim = new Simulator(state, { sources: NO_SPREAD_SOURCES, recreateEvicted: false });
    const d = sim.scheduleOne(pod('high', { cpu: '1' }, {}, { priority: 100 }));
    expect(d.kind).toBe('bound');
    if (d.kind !== 'bound') return;
    expect(d.preempted.map((p) => p.name)).toEqual(['low1']);
  });

  it('counts only nodes the pod may go to as spreading domains', () => {
    const nodes = [
      node('a', { labels: { 'topology.kubernetes.io/zone': 'z1' } }),
      node('b', { labels: { 'topology.kubernetes.io/zone': 'z2' } }),
      node('c', { labels: { 'topology.kubernetes.io/zone': 'z3', pool: 'other' } }),
    ];
    const spread = {
      nodeSelector: { 'kubernetes.io/os': 'linux' },
      topologySpreadConstraints: [
        {
          maxSkew: 1,
          topologyKey: 'topology.kubernetes.io/zone',
          whenUnsatisfiable: 'DoNotSchedule',
          labelSelector: { matchLabels: { app: 'api' } },
        },
      ],
    };
    const withOs = nodes.map((n) => ({
      ...n,
      labels: { ...n.labels, ...(n.name !== 'c' ? { 'kubernetes.io/os': 'linux' } : {}) },
    }));
    const state = clusterOf(withOs, []);
    const sim = new Simulator(state, { sources: NO_SPREAD_SOURCES });
    sim.run(Array.from({ length: 4 }, (_, i) => pod(`api${i}`, spread, { app: 'api' })));
    expect(state.nodes.map((n) => n.pods.length)).toEqual([2, 2, 0]);
  });
});
