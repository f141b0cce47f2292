/**
 * The capacity report: per node and per namespace, allocatable against requests, limits and
 * actual usage; quotas and their use; fragmentation (pod shapes that fit on no node although the
 * free capacity adds up); top consumers; pending pods and why.
 */
import type { CapacityReport, Message } from '@quai/contracts';
import { msg } from '@quai/contracts';
import type { KubeObject } from '../kube/index.js';
import { ClusterState } from './cluster.js';
import type { SimPod } from './model.js';
import { quantityNumber } from './quantity.js';
import type { FilterReason } from './scheduler.js';
import { Simulator } from './simulator.js';
import type { Snapshot } from './snapshot.js';
import type { Usage } from './usage.js';
import { compareText } from '../util/index.js';

type Amounts = { cpu: number; memory: number };

const RESOURCE_REASONS: ReadonlySet<FilterReason> = new Set([
  'cpu',
  'memory',
  'pods',
  'ephemeralStorage',
  'extendedResource',
]);

function add(a: Amounts, b: Amounts): Amounts {
  return { cpu: a.cpu + b.cpu, memory: a.memory + b.memory };
}

function share(part: number | undefined, total: number): number | undefined {
  if (part === undefined || total <= 0) return undefined;
  return part / total;
}

function shares(part: Amounts | undefined, total: Amounts): { cpu?: number; memory?: number } {
  const cpu = share(part?.cpu, total.cpu);
  const memory = share(part?.memory, total.memory);
  return { ...(cpu === undefined ? {} : { cpu }), ...(memory === undefined ? {} : { memory }) };
}

/** A message saying why a pod fits nowhere, in kube-scheduler's terms (`0/5 nodes are available: ...`). */
export function reasonsMessage(
  nodes: number,
  reasons: Readonly<Partial<Record<FilterReason, number>>>,
): Message {
  const parts = Object.entries(reasons)
    .sort(([a], [b]) => compareText(a, b))
    .map(([reason, count]) =>
      msg('capacity.reasonCount', {
        count: count ?? 0,
        reason: msg(`capacity.reason.${reason as FilterReason}`),
      }),
    );
  return msg('capacity.noNode', {
    nodes,
    reasons: parts.length === 0 ? msg('capacity.noNodes') : joinMessages(parts),
  });
}

/** Joins messages with commas (each rendered in the reader's language). */
export function joinMessages(parts: readonly Message[]): Message {
  return parts
    .slice(1)
    .reduce<Message>(
      (acc, p) => msg('capacity.join', { first: acc, next: p }),
      parts[0] ?? msg('common.none'),
    );
}

export interface ReportOptions {
  readonly namespaces?: readonly string[];
  readonly top: number;
  readonly now: Date;
  readonly usage?: Usage;
  readonly usageSource: CapacityReport['usageSource'];
}

function quotaUse(q: KubeObject): CapacityReport['namespaces'][number]['quotas'] {
  const status = (q['status'] ?? {}) as { hard?: Record<string, string>; used?: Record<string, string> };
  const hard = status.hard ?? (q['spec'] as { hard?: Record<string, string> } | undefined)?.hard ?? {};
  const used = status.used ?? {};
  return Object.keys(hard)
    .sort()
    .map((resource) => {
      const h = hard[resource] ?? '0';
      const u = used[resource] ?? '0';
      const hv = quantityNumber(h);
      const uv = quantityNumber(u);
      const s = hv !== undefined && uv !== undefined && hv > 0 ? uv / hv : undefined;
      return {
        quota: q.metadata.name ?? '',
        resource,
        hard: h,
        used: u,
        ...(s === undefined ? {} : { share: s }),
      };
    });
}

/** Builds the report from a snapshot of the cluster and, when known, its usage. */
export function capacityReport(snapshot: Snapshot, options: ReportOptions): CapacityReport {
  const wanted =
    options.namespaces !== undefined && options.namespaces.length > 0
      ? new Set(options.namespaces)
      : undefined;
  const inScope = (ns: string): boolean => wanted === undefined || wanted.has(ns);
  const usage = options.usage;
  const warnings: Message[] = [];
  const state = new ClusterState(snapshot.nodes, snapshot.namespaces);
  const pending: SimPod[] = [];
  for (const p of snapshot.pods) {
    const node = p.nodeName === undefined ? undefined : state.byName.get(p.nodeName);
    if (node !== undefined) state.bind(p, node);
    else if (p.nodeName === undefined) pending.push(p);
  }
  const podUsage = (p: SimPod): Amounts | undefined => usage?.pods.get(p.key);

  // Nodes
  const nodes: CapacityReport['nodes'] = state.nodes.map((n) => {
    const node = n.node;
    let limits = { cpu: 0, memory: 0 };
    let fromPods: Amounts | undefined;
    for (const p of n.pods) {
      limits = add(limits, p.limits);
      const u = podUsage(p);
      if (u !== undefined) fromPods = add(fromPods ?? { cpu: 0, memory: 0 }, u);
    }
    const nodeUsage =
      usage?.nodes.get(node.name) ?? (usage !== undefined && usage.nodes.size === 0 ? fromPods : undefined);
    const allocatable = {
      cpu: node.allocatable.cpu,
      memory: node.allocatable.memory,
      pods: node.allocatable.pods,
    };
    const requests = { cpu: n.cpu, memory: n.memory };
    return {
      name: node.name,
      ...(node.labels['topology.kubernetes.io/zone'] !== undefined
        ? { zone: node.labels['topology.kubernetes.io/zone'] }
        : {}),
      roles: Object.keys(node.labels)
        .filter((k) => k.startsWith('node-role.kubernetes.io/'))
        .map((k) => k.slice('node-role.kubernetes.io/'.length))
        .sort(),
      ready: node.ready,
      schedulable: !node.unschedulable,
      taints: node.taints.map((t) => `${t.key}${t.value === '' ? '' : `=${t.value}`}:${t.effect}`),
      allocatable,
      requests,
      limits,
      ...(nodeUsage === undefined ? {} : { usage: nodeUsage }),
      pods: n.pods.length,
      requested: shares(requests, allocatable),
      used: shares(nodeUsage, allocatable),
    };
  });

  // Namespaces
  const byNamespace = new Map<
    string,
    { pods: number; requests: Amounts; limits: Amounts; usage?: Amounts }
  >();
  for (const p of snapshot.pods) {
    if (p.nodeName === undefined && !inScope(p.namespace)) continue;
    const e = byNamespace.get(p.namespace) ?? {
      pods: 0,
      requests: { cpu: 0, memory: 0 },
      limits: { cpu: 0, memory: 0 },
    };
    e.pods++;
    e.requests = add(e.requests, p.requests);
    e.limits = add(e.limits, p.limits);
    const u = podUsage(p);
    if (u !== undefined) e.usage = add(e.usage ?? { cpu: 0, memory: 0 }, u);
    byNamespace.set(p.namespace, e);
  }
  for (const q of snapshot.objects.quotas) {
    const ns = q.metadata.namespace ?? '';
    if (!byNamespace.has(ns))
      byNamespace.set(ns, { pods: 0, requests: { cpu: 0, memory: 0 }, limits: { cpu: 0, memory: 0 } });
  }
  const namespaces: CapacityReport['namespaces'] = [...byNamespace.entries()]
    .filter(([ns]) => inScope(ns))
    .sort(([a], [b]) => compareText(a, b))
    .map(([name, e]) => ({
      name,
      pods: e.pods,
      requests: e.requests,
      limits: e.limits,
      ...(e.usage === undefined ? {} : { usage: e.usage }),
      quotas: snapshot.objects.quotas.filter((q) => q.metadata.namespace === name).flatMap(quotaUse),
    }));

  // Cluster
  const schedulable = state.nodes.filter((n) => !n.node.unschedulable && n.node.ready);
  const total = (f: (n: (typeof nodes)[number]) => Amounts | undefined): Amounts | undefined => {
    let sum: Amounts | undefined;
    for (const n of nodes) {
      const v = f(n);
      if (v !== undefined) sum = add(sum ?? { cpu: 0, memory: 0 }, v);
    }
    return sum;
  };
  const allocatable = {
    ...(total((n) => n.allocatable) ?? { cpu: 0, memory: 0 }),
    pods: nodes.reduce((s, n) => s + n.allocatable.pods, 0),
  };
  const requests = total((n) => n.requests) ?? { cpu: 0, memory: 0 };
  const clusterUsage = usage === undefined ? undefined : total((n) => n.usage);
  const freeOf = (n: (typeof state.nodes)[number]): Amounts => ({
    cpu: Math.max(0, n.node.allocatable.cpu - n.cpu),
    memory: Math.max(0, n.node.allocatable.memory - n.memory),
  });
  const free = schedulable.reduce((s, n) => add(s, freeOf(n)), { cpu: 0, memory: 0 });
  const largestFree = schedulable.reduce(
    (s, n) => {
      const f = freeOf(n);
      return { cpu: Math.max(s.cpu, f.cpu), memory: Math.max(s.memory, f.memory) };
    },
    { cpu: 0, memory: 0 },
  );

  // Fragmentation: one more pod of each workload's shape, and each pending pod.
  const sim = new Simulator(state, { sources: snapshot.sources, budgets: snapshot.budgets });
  const representatives = new Map<string, { pod: SimPod; replicas: number }>();
  for (const p of snapshot.pods) {
    if (!inScope(p.namespace) || p.nodeName === undefined) continue;
    const k = `${p.namespace}/${p.workload ?? `Pod/${p.name}`}`;
    const r = representatives.get(k);
    if (r === undefined) representatives.set(k, { pod: p, replicas: 1 });
    else r.replicas++;
  }
  const shapes: CapacityReport['fragmentation']['shapes'] = [];
  const pendingOut: CapacityReport['pending'] = [];
  const classify = (
    pod: SimPod,
  ): {
    fitsOn: number;
    reasons: Partial<Record<FilterReason, number>>;
    status: CapacityReport['fragmentation']['shapes'][number]['status'];
  } => {
    const probe: SimPod = { ...pod, key: `${pod.key}#probe`, name: `${pod.name}-probe` };
    const { feasible, failed } = sim.filterAll(probe);
    const reasons: Partial<Record<FilterReason, number>> = {};
    for (const r of failed.values()) for (const x of r.reasons) reasons[x] = (reasons[x] ?? 0) + 1;
    if (feasible.length > 0) return { fitsOn: feasible.length, reasons, status: 'fits' };
    const maxAlloc = schedulable.reduce(
      (s, n) => ({
        cpu: Math.max(s.cpu, n.node.allocatable.cpu),
        memory: Math.max(s.memory, n.node.allocatable.memory),
      }),
      { cpu: 0, memory: 0 },
    );
    if (pod.requests.cpu > maxAlloc.cpu || pod.requests.memory > maxAlloc.memory)
      return { fitsOn: 0, reasons, status: 'too-big' };
    const onlyResources = [...failed.values()].some((r) => r.reasons.every((x) => RESOURCE_REASONS.has(x)));
    const addsUp = pod.requests.cpu <= free.cpu && pod.requests.memory <= free.memory;
    return { fitsOn: 0, reasons, status: onlyResources && addsUp ? 'fragmented' : 'constrained' };
  };
  for (const [k, { pod, replicas }] of [...representatives.entries()].sort(([a], [b]) => compareText(a, b))) {
    const c = classify(pod);
    shapes.push({
      namespace: pod.namespace,
      workload: k.slice(pod.namespace.length + 1),
      requests: { cpu: pod.requests.cpu, memory: pod.requests.memory },
      replicas,
      fitsOn: c.fitsOn,
      status: c.status,
      reasons: c.reasons,
    });
  }
  for (const p of pending.filter((x) => inScope(x.namespace))) {
    const c = classify(p);
    shapes.push({
      namespace: p.namespace,
      workload: p.workload ?? `Pod/${p.name}`,
      requests: { cpu: p.requests.cpu, memory: p.requests.memory },
      replicas: 1,
      fitsOn: c.fitsOn,
      status: c.status,
      reasons: c.reasons,
    });
    pendingOut.push({
      namespace: p.namespace,
      pod: p.name,
      ...(p.workload === undefined ? {} : { workload: p.workload }),
      requests: { cpu: p.requests.cpu, memory: p.requests.memory },
      reasons: c.reasons,
      message:
        c.fitsOn > 0
          ? msg('capacity.pendingFitsNow', { nodes: c.fitsOn })
          : reasonsMessage(state.nodes.length, c.reasons),
    });
  }
  if (shapes.some((s) => s.status === 'fragmented')) warnings.push(msg('capacity.warn.fragmented'));

  // Top consumers
  const consumers = snapshot.pods
    .filter((p) => inScope(p.namespace) && p.nodeName !== undefined)
    .map((p) => {
      const u = podUsage(p);
      return {
        namespace: p.namespace,
        pod: p.name,
        ...(p.workload === undefined ? {} : { workload: p.workload }),
        ...(p.nodeName === undefined ? {} : { node: p.nodeName }),
        requests: { cpu: p.requests.cpu, memory: p.requests.memory },
        limits: { cpu: p.limits.cpu, memory: p.limits.memory },
        ...(u === undefined ? {} : { usage: u }),
      };
    });
  const weight = (a: Amounts): number =>
    (share(a.cpu, allocatable.cpu) ?? 0) + (share(a.memory, allocatable.memory) ?? 0);
  const byRequests = [...consumers]
    .sort((a, b) => weight(b.requests) - weight(a.requests))
    .slice(0, options.top);
  const byUsage =
    usage === undefined
      ? []
      : [...consumers]
          .filter((c) => c.usage !== undefined)
          .sort((a, b) => weight(b.usage ?? { cpu: 0, memory: 0 }) - weight(a.usage ?? { cpu: 0, memory: 0 }))
          .slice(0, options.top);
  const workloads = new Map<
    string,
    { namespace: string; workload: string; pods: number; requests: Amounts; usage: Amounts }
  >();
  if (usage !== undefined) {
    for (const c of consumers) {
      if (c.usage === undefined) continue;
      const k = `${c.namespace}/${c.workload ?? `Pod/${c.pod}`}`;
      const e = workloads.get(k) ?? {
        namespace: c.namespace,
        workload: c.workload ?? `Pod/${c.pod}`,
        pods: 0,
        requests: { cpu: 0, memory: 0 },
        usage: { cpu: 0, memory: 0 },
      };
      e.pods++;
      e.requests = add(e.requests, c.requests);
      e.usage = add(e.usage, c.usage);
      workloads.set(k, e);
    }
  }
  const sizing = [...workloads.values()].map((w) => ({ ...w, ratio: shares(w.usage, w.requests) }));
  const overRequested = sizing
    .filter((w) => (w.ratio.cpu ?? 1) < 0.3 || (w.ratio.memory ?? 1) < 0.3)
    .sort((a, b) => a.usage.cpu - a.requests.cpu - (b.usage.cpu - b.requests.cpu))
    .slice(0, options.top);
  const underRequested = sizing
    .filter((w) => (w.ratio.cpu ?? 0) > 1 || (w.ratio.memory ?? 0) > 1)
    .sort((a, b) => (b.ratio.cpu ?? 0) + (b.ratio.memory ?? 0) - ((a.ratio.cpu ?? 0) + (a.ratio.memory ?? 0)))
    .slice(0, options.top);
  if (nodes.some((n) => !n.ready))
    warnings.push(msg('capacity.warn.notReady', { count: nodes.filter((n) => !n.ready).length }));

  return {
    generatedAt: options.now.toISOString(),
    usageSource: options.usageSource,
    cluster: {
      nodes: nodes.length,
      schedulableNodes: schedulable.length,
      pods: snapshot.pods.filter((p) => p.nodeName !== undefined).length,
      pendingPods: pending.length,
      allocatable,
      requests,
      limits: total((n) => n.limits) ?? { cpu: 0, memory: 0 },
      ...(clusterUsage === undefined ? {} : { usage: clusterUsage }),
      free,
      requested: shares(requests, allocatable),
      used: shares(clusterUsage, allocatable),
    },
    nodes,
    namespaces,
    fragmentation: {
      largestFree,
      totalFree: free,
      index: {
        ...(free.cpu > 0 ? { cpu: 1 - largestFree.cpu / free.cpu } : {}),
        ...(free.memory > 0 ? { memory: 1 - largestFree.memory / free.memory } : {}),
      },
      shapes,
    },
    top: { byRequests, byUsage, overRequested, underRequested },
    pending: pendingOut,
    warnings,
  };
}
