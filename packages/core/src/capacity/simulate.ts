/**
 * What-if on the cluster: add workloads (rendered apps, manifests), remove nodes (their pods are
 * recreated elsewhere when a controller owns them), drain nodes as `kubectl drain` does (cordon,
 * then evict pod by pod, each eviction allowed only while the pod's PodDisruptionBudgets allow a
 * disruption, waiting for the replacement to be placed before the next), add nodes from a
 * template; then schedule everything that needs a node, and, when pods stay pending, find how
 * many nodes of a given template would let them fit.
 */
import type { Message, NodeTemplate, SimulationResult } from '@quai/contracts';
import { msg } from '@quai/contracts';
import { QuaiError } from '../errors/index.js';
import type { KubeObject } from '../kube/index.js';
import { ClusterState } from './cluster.js';
import { simNode, type SimNode, type SimPod } from './model.js';
import { reasonsMessage } from './report.js';
import type { FilterReason } from './scheduler.js';
import { Simulator, type Decision, type TieBreak } from './simulator.js';
import type { Snapshot } from './snapshot.js';
import { daemonPod, expandWorkloads, type ExpandedWorkload } from './workloads.js';

/** Objects to add, with where they come from (for messages and per-app results). */
export interface AddedObjects {
  readonly source: string;
  readonly app?: string;
  readonly namespace: string;
  readonly objects: readonly KubeObject[];
}

export interface Changes {
  readonly add: readonly AddedObjects[];
  readonly replicas: Readonly<Record<string, number>>;
  readonly autoscaled: 'min' | 'max';
  readonly removeNodes: readonly string[];
  readonly drainNodes: readonly string[];
  readonly addNodes: readonly { readonly template: NodeTemplate; readonly count: number }[];
  readonly nodeTemplate?: NodeTemplate;
}

export interface SimulateOptions {
  readonly tieBreak?: TieBreak;
  readonly now: Date;
  readonly source: 'cluster' | 'snapshot';
}

type Amounts = { cpu: number; memory: number };

/** A node built from a template: an existing node's copy, or a size with labels and taints. */
export function templateNode(snapshot: Snapshot, template: NodeTemplate, name: string): SimNode {
  let base: KubeObject;
  if (template.like !== undefined) {
    const like = snapshot.objects.nodes.find((n) => n.metadata.name === template.like);
    if (like === undefined) {
      throw new QuaiError('INPUT_INVALID', msg('capacity.simulate.unknownNode', { node: template.like }), {
        hint: msg('capacity.simulate.knownNodes', { nodes: nodeList(snapshot) }),
      });
    }
    base = like;
  } else {
    base = { apiVersion: 'v1', kind: 'Node', metadata: { name }, spec: {}, status: {} };
  }
  const status = (base['status'] ?? {}) as Record<string, unknown>;
  const allocatable = { ...((status['allocatable'] as Record<string, unknown> | undefined) ?? {}) };
  if (template.cpu !== undefined) allocatable['cpu'] = template.cpu;
  if (template.memory !== undefined) allocatable['memory'] = template.memory;
  if (template.pods !== undefined || allocatable['pods'] === undefined)
    allocatable['pods'] = String(template.pods ?? 110);
  const labels = {
    ...(base.metadata.labels ?? {}),
    ...(template.labels ?? {}),
    'kubernetes.io/hostname': name,
  };
  const spec = (base['spec'] ?? {}) as Record<string, unknown>;
  const taints = template.taints ?? (spec['taints'] as unknown[] | undefined) ?? [];
  return simNode(
    {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name, labels },
      spec: { taints: (taints as { key: string }[]).filter((t) => !t.key.startsWith('node.kubernetes.io/')) },
      status: { allocatable, conditions: [{ type: 'Ready', status: 'True' }] },
    },
    'added',
  );
}

function nodeList(snapshot: Snapshot): string {
  const names = snapshot.nodes.map((n) => n.name).sort();
  return names.length > 8 ? `${names.slice(0, 8).join(', ')}, ...` : names.join(', ');
}

function templateLabel(t: NodeTemplate): string {
  if (t.like !== undefined) return `like ${t.like}`;
  return `${t.cpu ?? '?'} CPU, ${t.memory ?? '?'}`;
}

interface Run {
  readonly state: ClusterState;
  readonly sim: Simulator;
  readonly added: readonly ExpandedWorkload[];
  readonly queue: readonly SimPod[];
  readonly origin: ReadonlyMap<string, 'added' | 'moved' | 'existing'>;
  readonly lost: readonly SimPod[];
  readonly drains: SimulationResult['drains'];
  readonly pending: ReadonlyMap<string, Decision>;
  readonly placed: ReadonlyMap<string, string>;
  readonly addedNodes: ReadonlySet<string>;
}

function isDaemonSetPod(p: SimPod): boolean {
  return p.owner?.kind === 'DaemonSet';
}

/** Every `replicas` override must name a workload being added. */
function checkReplicas(
  expanded: readonly ExpandedWorkload[],
  replicas: Readonly<Record<string, number>>,
  sources: readonly string[],
): void {
  const known = new Set(expanded.map((w) => w.workload));
  for (const name of Object.keys(replicas)) {
    if (expanded.some((w) => w.workload === name || w.workload.split('/')[1] === name)) continue;
    throw new QuaiError('INPUT_INVALID', msg('capacity.simulate.unknownWorkload', { workload: name }), {
      hint: msg('capacity.simulate.knownWorkloads', {
        workloads: known.size === 0 ? msg('common.none') : [...known].sort().join(', '),
        sources: sources.length === 0 ? msg('common.none') : sources.join(', '),
      }),
    });
  }
}

/** Runs the changes once, with `extraTemplateNodes` more nodes of the recommendation's template. */
function runOnce(
  snapshot: Snapshot,
  changes: Changes,
  options: SimulateOptions,
  extraTemplateNodes: number,
): Run {
  const state = new ClusterState(snapshot.nodes, snapshot.namespaces);
  const origin = new Map<string, 'added' | 'moved' | 'existing'>();
  const queue: SimPod[] = [];
  for (const p of snapshot.pods) {
    const node = p.nodeName === undefined ? undefined : state.byName.get(p.nodeName);
    if (node !== undefined) state.bind(p, node);
    else if (p.nodeName === undefined) {
      queue.push(p);
      origin.set(p.key, 'existing');
    }
  }
  const sim = new Simulator(state, {
    sources: snapshot.sources,
    budgets: snapshot.budgets,
    ...(options.tieBreak === undefined ? {} : { tieBreak: options.tieBreak }),
    now: options.now.getTime(),
  });
  const addedNodes = new Set<string>();
  const daemonSets = snapshot.objects.daemonSets;
  const addNode = (template: NodeTemplate, name: string): void => {
    const node = state.addNode(templateNode(snapshot, template, name));
    addedNodes.add(name);
    // The cluster's DaemonSets run a pod on a new node they target.
    for (const ds of daemonSets) {
      const pod = daemonPod(ds, name, snapshot.admission);
      const result = sim.filterAll(pod);
      const refused = result.failed.get(node);
      if (refused !== undefined && refused.reasons.some((r) => r === 'taint' || r === 'nodeAffinity'))
        continue;
      queue.push(pod);
      origin.set(pod.key, 'added');
    }
  };
  changes.addNodes.forEach((a, i) => {
    const prefix = a.template.name ?? `added-${i + 1}`;
    for (let k = 1; k <= a.count; k++) addNode(a.template, `${prefix}-${k}`);
  });
  if (changes.nodeTemplate !== undefined) {
    const prefix = changes.nodeTemplate.name ?? 'recommended';
    for (let k = 1; k <= extraTemplateNodes; k++) addNode(changes.nodeTemplate, `${prefix}-${k}`);
  }

  // Nodes that go away: their pods are lost, controllers recreate theirs.
  const lost: SimPod[] = [];
  for (const name of changes.removeNodes) {
    for (const p of state.removeNode(name)) {
      if (isDaemonSetPod(p)) continue;
      const again = sim.replacementOf(p);
      if (again === undefined) lost.push(p);
      else {
        queue.push(again);
        origin.set(again.key, 'moved');
      }
    }
  }

  // Drains: cordon, then evict within the budgets, replacements placed before the next eviction.
  const drains: SimulationResult['drains'] = [];
  for (const name of changes.drainNodes) {
    const node = state.byName.get(name);
    if (node === undefined) continue;
    state.updateNode(name, { ...node.node, unschedulable: true });
  }
  for (const name of changes.drainNodes) {
    const node = state.byName.get(name);
    if (node === undefined) continue;
    const toEvict = node.pods.filter((p) => !isDaemonSetPod(p));
    const outcome = {
      node: name,
      evicted: 0,
      blocked: [] as { pod: string; budget: string }[],
      unmanaged: [] as string[],
      daemonSetPods: node.pods.length - toEvict.length,
    };
    let waiting = [...toEvict];
    for (let progress = true; progress && waiting.length > 0;) {
      progress = false;
      const still: SimPod[] = [];
      for (const p of waiting) {
        const blocking = sim.budgetsOf(p).find((b) => sim.disruptionsAllowed(b) < 1);
        if (blocking !== undefined) {
          still.push(p);
          continue;
        }
        progress = true;
        outcome.evicted++;
        state.unbind(p);
        const again = sim.replacementOf(p);
        if (again === undefined) {
          outcome.unmanaged.push(`${p.namespace}/${p.name}`);
          lost.push(p);
          continue;
        }
        origin.set(again.key, 'moved');
        // kubectl drain waits for the budget: the replacement is placed before the next eviction.
        const r = sim.run([again]);
        if (r.pending.size > 0) queue.push(again);
      }
      waiting = still;
    }
    for (const p of waiting) {
      const b = sim.budgetsOf(p).find((x) => sim.disruptionsAllowed(x) < 1);
      outcome.blocked.push({
        pod: `${p.namespace}/${p.name}`,
        budget: b === undefined ? '' : `${b.namespace}/${b.name}`,
      });
    }
    drains.push(outcome);
  }

  // Workloads added.
  const added: ExpandedWorkload[] = [];
  for (const a of changes.add) {
    added.push(
      ...expandWorkloads(a.objects, a.namespace, {
        admission: snapshot.admission,
        autoscaled: changes.autoscaled,
      }),
    );
  }
  checkReplicas(
    added,
    changes.replicas,
    changes.add.map((a) => a.source),
  );
  const sources = {
    services: new Map(snapshot.sources.services),
    controllers: new Map(snapshot.sources.controllers),
  };
  for (const a of changes.add) {
    for (const o of a.objects) {
      if (o.kind !== 'Service') continue;
      const sel = (o['spec'] as { selector?: Record<string, string> } | undefined)?.selector;
      if (sel === undefined) continue;
      const ns = o.metadata.namespace ?? a.namespace;
      sources.services.set(ns, [...(sources.services.get(ns) ?? []), sel]);
    }
  }
  const resized: ExpandedWorkload[] = added.map((w) => {
    const override = changes.replicas[w.workload] ?? changes.replicas[w.workload.split('/')[1] ?? ''];
    if (override === undefined || w.daemonSet !== undefined || w.pods.length === 0) return w;
    const template = w.pods[0] as SimPod;
    const pods = Array.from({ length: override }, (_, i) => {
      const name = `${template.name.replace(/-\d+$/, '')}-${String(i).padStart(4, '0')}`;
      return { ...template, name, key: `${template.namespace}/${name}` };
    });
    return { ...w, replicas: override, pods };
  });
  sim.useSources(sources);
  const finalAdded: ExpandedWorkload[] = [];
  for (const w of resized) {
    if (w.controller !== undefined) sources.controllers.set(w.controller.key, w.controller.selector);
    if (w.daemonSet !== undefined) {
      // A DaemonSet runs one pod on each node its selector, affinity and tolerations allow.
      const pods: SimPod[] = [];
      for (const node of state.nodes) {
        const pod = daemonPod(w.daemonSet, node.node.name, snapshot.admission);
        const refused = sim.filterAll(pod).failed.get(node);
        if (refused !== undefined && refused.reasons.some((r) => r === 'taint' || r === 'nodeAffinity'))
          continue;
        pods.push(pod);
      }
      finalAdded.push({ ...w, replicas: pods.length, pods });
    } else finalAdded.push(w);
  }
  for (const w of finalAdded) {
    for (const p of w.pods) {
      queue.push(p);
      origin.set(p.key, 'added');
    }
  }
  const { placed, pending } = sim.run(queue);
  return { state, sim, added: finalAdded, queue, origin, lost, drains, pending, placed, addedNodes };
}

function totals(state: ClusterState): {
  nodes: number;
  pods: number;
  requests: Amounts;
  allocatable: Amounts;
} {
  let cpu = 0;
  let memory = 0;
  let aCpu = 0;
  let aMem = 0;
  let pods = 0;
  for (const n of state.nodes) {
    cpu += n.cpu;
    memory += n.memory;
    aCpu += n.node.allocatable.cpu;
    aMem += n.node.allocatable.memory;
    pods += n.pods.length;
  }
  return {
    nodes: state.nodes.length,
    pods,
    requests: { cpu, memory },
    allocatable: { cpu: aCpu, memory: aMem },
  };
}

function reasonsOf(d: Decision | undefined): Partial<Record<FilterReason, number>> {
  return d?.kind === 'pending' ? d.reasons : {};
}

/** Simulates the changes on the snapshot and says what fits, what stays pending and why. */
export function simulateChanges(
  snapshot: Snapshot,
  changes: Changes,
  options: SimulateOptions,
): SimulationResult {
  const started = performance.now();
  const known = new Set(snapshot.nodes.map((n) => n.name));
  for (const name of [...changes.removeNodes, ...changes.drainNodes]) {
    if (!known.has(name)) {
      throw new QuaiError('INPUT_INVALID', msg('capacity.simulate.unknownNode', { node: name }), {
        hint: msg('capacity.simulate.knownNodes', { nodes: nodeList(snapshot) }),
      });
    }
  }
  const baseState = new ClusterState(snapshot.nodes, snapshot.namespaces);
  let basePending = 0;
  for (const p of snapshot.pods) {
    const node = p.nodeName === undefined ? undefined : baseState.byName.get(p.nodeName);
    if (node !== undefined) baseState.bind(p, node);
    else if (p.nodeName === undefined) basePending++;
  }
  const run = runOnce(snapshot, changes, options, 0);
  const warnings: Message[] = [];
  const before = { ...totals(baseState), pending: basePending };
  const after = { ...totals(run.state), pending: run.pending.size };

  const pods: SimulationResult['pods'] = [];
  const lastDecision = new Map<string, Decision>();
  for (const a of run.sim.attempts) lastDecision.set(a.pod.key, a.decision);
  const outcomeOf = (p: SimPod): SimulationResult['pods'][number] => {
    const node = run.placed.get(p.key) ?? run.state.placement.get(p.key)?.node.name;
    const d = run.pending.get(p.key);
    const last = lastDecision.get(p.key);
    const tied = last?.kind === 'bound' ? last.tied.length : undefined;
    return {
      namespace: p.namespace,
      pod: p.name,
      ...(p.workload === undefined ? {} : { workload: p.workload }),
      origin: run.origin.get(p.key) ?? 'existing',
      status: node !== undefined ? 'placed' : 'pending',
      ...(node === undefined ? {} : { node }),
      ...(tied !== undefined && tied > 1 ? { tiedWith: tied - 1 } : {}),
      requests: { cpu: p.requests.cpu, memory: p.requests.memory },
      priority: p.priority,
      ...(d?.kind === 'pending' ? { reasons: d.reasons, message: reasonsMessage(d.nodes, d.reasons) } : {}),
    };
  };
  const seen = new Set<string>();
  for (const p of run.queue) {
    if (seen.has(p.key)) continue;
    seen.add(p.key);
    pods.push(outcomeOf(p));
  }
  for (const p of run.sim.preempted) {
    pods.push({
      namespace: p.namespace,
      pod: p.name,
      ...(p.workload === undefined ? {} : { workload: p.workload }),
      origin: run.origin.get(p.key) ?? 'existing',
      status: 'preempted',
      requests: { cpu: p.requests.cpu, memory: p.requests.memory },
      priority: p.priority,
    });
  }
  for (const p of run.lost) {
    pods.push({
      namespace: p.namespace,
      pod: p.name,
      ...(p.workload === undefined ? {} : { workload: p.workload }),
      origin: 'existing',
      status: 'lost',
      requests: { cpu: p.requests.cpu, memory: p.requests.memory },
      priority: p.priority,
    });
  }

  const workloads: SimulationResult['workloads'] = run.added.map((w) => {
    const byNode: Record<string, number> = {};
    let placed = 0;
    const podsOf = w.pods;
    for (const p of podsOf) {
      const node = run.state.placement.get(p.key)?.node.name;
      if (node === undefined) continue;
      placed++;
      byNode[node] = (byNode[node] ?? 0) + 1;
    }
    const app = changes.add.find((a) =>
      a.objects.some((o) => `${o.kind}/${o.metadata.name ?? ''}` === w.workload),
    )?.app;
    return {
      namespace: w.namespace,
      workload: w.workload,
      ...(app === undefined ? {} : { app }),
      replicas: podsOf.length,
      placed,
      pending: podsOf.length - placed,
      nodes: byNode,
    };
  });

  const nodes: SimulationResult['nodes'] = [];
  const beforeOf = new Map(baseState.nodes.map((n) => [n.node.name, n]));
  for (const n of baseState.nodes) {
    const now = run.state.byName.get(n.node.name);
    const state: 'kept' | 'removed' | 'drained' = changes.removeNodes.includes(n.node.name)
      ? 'removed'
      : changes.drainNodes.includes(n.node.name)
        ? 'drained'
        : 'kept';
    nodes.push({
      name: n.node.name,
      origin: 'cluster',
      state,
      allocatable: {
        cpu: n.node.allocatable.cpu,
        memory: n.node.allocatable.memory,
        pods: n.node.allocatable.pods,
      },
      before: { cpu: n.cpu, memory: n.memory, pods: n.pods.length },
      after:
        now === undefined
          ? { cpu: 0, memory: 0, pods: 0 }
          : { cpu: now.cpu, memory: now.memory, pods: now.pods.length },
    });
  }
  for (const n of run.state.nodes) {
    if (beforeOf.has(n.node.name)) continue;
    nodes.push({
      name: n.node.name,
      origin: 'added',
      state: 'kept',
      allocatable: {
        cpu: n.node.allocatable.cpu,
        memory: n.node.allocatable.memory,
        pods: n.node.allocatable.pods,
      },
      before: { cpu: 0, memory: 0, pods: 0 },
      after: { cpu: n.cpu, memory: n.memory, pods: n.pods.length },
    });
  }

  const pendingReasons: Record<string, number> = {};
  for (const d of run.pending.values()) {
    for (const [r, c] of Object.entries(reasonsOf(d)))
      pendingReasons[r] = (pendingReasons[r] ?? 0) + (c ?? 0);
  }
  for (const d of run.drains)
    if (d.blocked.length > 0)
      warnings.push(msg('capacity.simulate.drainBlocked', { node: d.node, count: d.blocked.length }));
  if (run.lost.length > 0) warnings.push(msg('capacity.simulate.lostPods', { count: run.lost.length }));

  let recommendation: SimulationResult['recommendation'];
  if (changes.nodeTemplate !== undefined && run.pending.size > 0) {
    recommendation = recommend(snapshot, changes, options, run, changes.nodeTemplate);
  }
  return {
    source: options.source,
    verdict: run.pending.size === 0 && run.drains.every((d) => d.blocked.length === 0) ? 'fits' : 'pending',
    before,
    after,
    workloads,
    pods,
    drains: run.drains,
    nodes,
    pendingReasons,
    ...(recommendation === undefined ? {} : { recommendation }),
    seconds: (performance.now() - started) / 1000,
    warnings,
  };
}

/**
 * The fewest nodes of a template that let every pending pod fit: pods that would not fit on an
 * empty node of the template (too big, or refused by its labels and taints) are set apart, then
 * the count is searched by bisection, each count simulated from the start.
 */
function recommend(
  snapshot: Snapshot,
  changes: Changes,
  options: SimulateOptions,
  run: Run,
  template: NodeTemplate,
): NonNullable<SimulationResult['recommendation']> {
  const probeState = new ClusterState(
    [templateNode(snapshot, template, 'template-probe')],
    snapshot.namespaces,
  );
  const probe = new Simulator(probeState, { sources: snapshot.sources });
  const cannotFit: { pod: string; reasons: Record<string, number> }[] = [];
  const pendingPods = run.queue.filter((p) => run.pending.has(p.key));
  for (const p of pendingPods) {
    const r = probe.filterAll(p);
    if (r.feasible.length === 0) {
      const reasons: Record<string, number> = {};
      for (const f of r.failed.values()) for (const x of f.reasons) reasons[x] = (reasons[x] ?? 0) + 1;
      // Affinity to pods elsewhere may be met once placed; only static refusals count here.
      if (
        Object.keys(reasons).some((x) =>
          [
            'cpu',
            'memory',
            'taint',
            'nodeAffinity',
            'ephemeralStorage',
            'extendedResource',
            'unschedulable',
          ].includes(x),
        )
      ) {
        cannotFit.push({ pod: `${p.namespace}/${p.name}`, reasons });
      }
    }
  }
  const needed = pendingPods.length - cannotFit.length;
  const pendingWith = (k: number): number => {
    const r = runOnce(snapshot, changes, options, k);
    return [...r.pending.keys()].filter((key) => !cannotFit.some((c) => c.pod === key)).length;
  };
  if (needed === 0) return { template: templateLabel(template), nodes: null, cannotFit };
  let hi = needed;
  if (pendingWith(hi) > 0) {
    // More nodes than pods may be needed (spreading, anti-affinity across zones): try doubling.
    let found = false;
    for (let k = hi * 2; k <= Math.max(64, needed * 4); k *= 2) {
      if (pendingWith(k) === 0) {
        hi = k;
        found = true;
        break;
      }
    }
    if (!found) return { template: templateLabel(template), nodes: null, cannotFit };
  }
  let lo = 0;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (pendingWith(mid) === 0) hi = mid;
    else lo = mid;
  }
  return { template: templateLabel(template), nodes: hi, cannotFit };
}
