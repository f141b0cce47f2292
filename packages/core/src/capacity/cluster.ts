/**
 * The simulated cluster: nodes with the pods bound to them and what they add up to, as the
 * scheduler's NodeInfo keeps it (requests, non-zero requests, host ports, pods with affinity),
 * plus indexes that keep counting matching pods cheap on large clusters.
 */
import type { Labels, Selector } from './selectors.js';
import { matches, selectorKey } from './selectors.js';
import type { AffinityTerm, SimNode, SimPod } from './model.js';

export class NodeState {
  readonly pods: SimPod[] = [];
  cpu = 0;
  memory = 0;
  ephemeral = 0;
  scalar: Record<string, number> = {};
  nonZeroCpu = 0;
  nonZeroMemory = 0;
  /** `protocol/ip/port` -> how many pods use it. */
  readonly ports = new Map<string, number>();
  /** Pods with any affinity or anti-affinity (the scheduler's PodsWithAffinity). */
  readonly withAffinity: SimPod[] = [];
  /** Pods with required anti-affinity terms (PodsWithRequiredAntiAffinity). */
  readonly withRequiredAntiAffinity: SimPod[] = [];

  constructor(
    public node: SimNode,
    /** Position in ClusterState.nodes. */
    public index: number,
  ) {}

  clone(): NodeState {
    const c = new NodeState(this.node, this.index);
    c.pods.push(...this.pods);
    c.cpu = this.cpu;
    c.memory = this.memory;
    c.ephemeral = this.ephemeral;
    c.scalar = { ...this.scalar };
    c.nonZeroCpu = this.nonZeroCpu;
    c.nonZeroMemory = this.nonZeroMemory;
    for (const [k, v] of this.ports) c.ports.set(k, v);
    c.withAffinity.push(...this.withAffinity);
    c.withRequiredAntiAffinity.push(...this.withRequiredAntiAffinity);
    return c;
  }
}

function hasAffinity(p: SimPod): boolean {
  return (
    p.requiredAffinity.length +
      p.requiredAntiAffinity.length +
      p.preferredAffinity.length +
      p.preferredAntiAffinity.length >
    0
  );
}

function portKeys(p: SimPod): string[] {
  return p.hostPorts.map((h) => `${h.protocol}/${h.ip}/${h.port}`);
}

function removeFrom<T>(list: T[], item: T): boolean {
  const i = list.indexOf(item);
  if (i < 0) return false;
  list[i] = list[list.length - 1] as T;
  list.pop();
  return true;
}

/** Pods that carry the same affinity terms (a workload's replicas), counted per node. */
export interface AffinityGroup {
  /** One of the pods: its terms stand for the group's. */
  readonly pod: SimPod;
  readonly perNode: Int32Array;
  total: number;
}

const groupKeys = new WeakMap<SimPod, string>();

/** The affinity terms of a pod as text: pods with the same text score the same. */
function affinityKey(p: SimPod): string {
  let k = groupKeys.get(p);
  if (k === undefined) {
    const term = (t: AffinityTerm & { weight?: number }): string =>
      `${selectorKey(t.selector)}|${[...t.namespaces].sort().join(',')}|${selectorKey(t.namespaceSelector)}|${t.topologyKey}|${t.weight ?? ''}`;
    k = [p.requiredAffinity, p.preferredAffinity, p.preferredAntiAffinity]
      .map((ts) => ts.map(term).join(';'))
      .join('#');
    groupKeys.set(p, k);
  }
  return k;
}

/** Counts of matching pods per node for one (namespace, selector), kept up to date. */
interface CountIndex {
  readonly namespace: string;
  readonly selector: Selector;
  /** Terminating pods count for affinity, not for topology spreading. */
  readonly withTerminating: boolean;
  readonly perNode: Int32Array;
}

export class ClusterState {
  readonly nodes: NodeState[] = [];
  readonly byName = new Map<string, NodeState>();
  /** Where each bound pod is, by pod key. */
  readonly placement = new Map<string, NodeState>();
  /** Namespace -> labels (namespaceSelector of affinity terms). */
  readonly namespaces: Map<string, Labels>;
  private readonly counts = new Map<string, CountIndex>();
  private readonly countsByNamespace = new Map<string, CountIndex[]>();
  /** Pods of each namespace, for building count indexes. */
  private readonly podsByNamespace = new Map<string, Set<SimPod>>();
  /** Bumped on every change: caches of per-cycle results check it. */
  generation = 0;
  private groups: Map<string, AffinityGroup> | undefined;
  /** Per pod shape, what the node-local static filters say of each node (see staticRefusals). */
  private readonly refusals = new Map<string, Uint8Array>();

  constructor(nodes: readonly SimNode[], namespaces: ReadonlyMap<string, Labels> = new Map()) {
    this.namespaces = new Map(namespaces);
    for (const n of nodes) this.addNode(n);
  }

  clone(): ClusterState {
    const c = new ClusterState([], this.namespaces);
    for (const n of this.nodes) {
      const copy = n.clone();
      c.nodes.push(copy);
      c.byName.set(copy.node.name, copy);
      for (const p of copy.pods) c.placement.set(p.key, copy);
    }
    for (const [ns, set] of this.podsByNamespace) c.podsByNamespace.set(ns, new Set(set));
    return c;
  }

  addNode(node: SimNode): NodeState {
    const state = new NodeState(node, this.nodes.length);
    this.nodes.push(state);
    this.byName.set(node.name, state);
    // Count indexes are per node: drop them, they are rebuilt on demand.
    this.counts.clear();
    this.countsByNamespace.clear();
    this.groups = undefined;
    this.refusals.clear();
    this.generation++;
    return state;
  }

  /** Replaces a node's object (cordon, new labels) keeping its pods. */
  updateNode(name: string, node: SimNode): void {
    const s = this.byName.get(name);
    if (s === undefined) return;
    s.node = node;
    this.refusals.clear();
    this.generation++;
  }

  /** Removes a node; returns the pods that were on it (they are unbound). */
  removeNode(name: string): SimPod[] {
    const s = this.byName.get(name);
    if (s === undefined) return [];
    const pods = [...s.pods];
    for (const p of pods) this.unbind(p);
    this.nodes.splice(this.nodes.indexOf(s), 1);
    this.byName.delete(name);
    // Indexes are positions in `nodes`.
    this.nodes.forEach((n, idx) => (n.index = idx));
    this.groups = undefined;
    this.refusals.clear();
    this.counts.clear();
    this.countsByNamespace.clear();
    this.generation++;
    return pods;
  }

  bind(pod: SimPod, node: NodeState): void {
    node.pods.push(pod);
    node.cpu += pod.requests.cpu;
    node.memory += pod.requests.memory;
    node.ephemeral += pod.requests.ephemeral;
    for (const [k, v] of Object.entries(pod.requests.scalar)) node.scalar[k] = (node.scalar[k] ?? 0) + v;
    node.nonZeroCpu += pod.nonZero.cpu;
    node.nonZeroMemory += pod.nonZero.memory;
    for (const k of portKeys(pod)) node.ports.set(k, (node.ports.get(k) ?? 0) + 1);
    if (hasAffinity(pod)) {
      node.withAffinity.push(pod);
      if (this.groups !== undefined) this.count(this.groups, pod, node, 1);
    }
    if (pod.requiredAntiAffinity.length > 0) node.withRequiredAntiAffinity.push(pod);
    this.placement.set(pod.key, node);
    let set = this.podsByNamespace.get(pod.namespace);
    if (set === undefined) {
      set = new Set();
      this.podsByNamespace.set(pod.namespace, set);
    }
    set.add(pod);
    for (const idx of this.countsByNamespace.get(pod.namespace) ?? []) {
      if ((idx.withTerminating || !pod.terminating) && matches(idx.selector, pod.labels)) {
        idx.perNode[node.index] = (idx.perNode[node.index] ?? 0) + 1;
      }
    }
    this.generation++;
  }

  /** Removes a bound pod from its node; returns the node it was on. */
  unbind(pod: SimPod): NodeState | undefined {
    const node = this.placement.get(pod.key);
    if (node === undefined) return undefined;
    const bound = node.pods.find((p) => p.key === pod.key) ?? pod;
    removeFrom(node.pods, bound);
    node.cpu -= bound.requests.cpu;
    node.memory -= bound.requests.memory;
    node.ephemeral -= bound.requests.ephemeral;
    for (const [k, v] of Object.entries(bound.requests.scalar)) node.scalar[k] = (node.scalar[k] ?? 0) - v;
    node.nonZeroCpu -= bound.nonZero.cpu;
    node.nonZeroMemory -= bound.nonZero.memory;
    for (const k of portKeys(bound)) {
      const n = (node.ports.get(k) ?? 0) - 1;
      if (n <= 0) node.ports.delete(k);
      else node.ports.set(k, n);
    }
    if (removeFrom(node.withAffinity, bound) && this.groups !== undefined)
      this.count(this.groups, bound, node, -1);
    removeFrom(node.withRequiredAntiAffinity, bound);
    this.placement.delete(bound.key);
    this.podsByNamespace.get(bound.namespace)?.delete(bound);
    for (const idx of this.countsByNamespace.get(bound.namespace) ?? []) {
      if ((idx.withTerminating || !bound.terminating) && matches(idx.selector, bound.labels)) {
        idx.perNode[node.index] = (idx.perNode[node.index] ?? 0) - 1;
      }
    }
    this.generation++;
    return node;
  }

  /**
   * Per node, how many pods of `namespace` match `selector`: terminating pods are left out (as
   * topology spreading does) unless `withTerminating` (as inter-pod affinity counts them).
   */
  countsFor(namespace: string, selector: Selector, withTerminating = false): Int32Array {
    const key = `${namespace}\u0000${withTerminating ? 'T' : 'R'}\u0000${selectorKey(selector)}`;
    const hit = this.counts.get(key);
    if (hit !== undefined) return hit.perNode;
    const perNode = new Int32Array(this.nodes.length);
    for (const p of this.podsByNamespace.get(namespace) ?? []) {
      if ((!withTerminating && p.terminating) || !matches(selector, p.labels)) continue;
      const node = this.placement.get(p.key);
      if (node !== undefined) perNode[node.index] = (perNode[node.index] ?? 0) + 1;
    }
    const idx: CountIndex = { namespace, selector, withTerminating, perNode };
    this.counts.set(key, idx);
    const list = this.countsByNamespace.get(namespace) ?? [];
    list.push(idx);
    this.countsByNamespace.set(namespace, list);
    return perNode;
  }

  /** The namespaces an affinity term looks in (explicit ones, and those its selector selects). */
  termNamespaces(term: AffinityTerm): string[] {
    const out = new Set(term.namespaces);
    if (term.namespaceSelector.kind === 'everything') {
      for (const ns of this.podsByNamespace.keys()) out.add(ns);
    } else if (term.namespaceSelector.kind === 'requirements') {
      for (const [ns, labels] of this.namespaces) if (matches(term.namespaceSelector, labels)) out.add(ns);
    }
    return [...out];
  }

  /** Per node, how many pods match an affinity term (in the namespaces it looks in). */
  termCounts(term: AffinityTerm): Int32Array {
    const namespaces = this.termNamespaces(term);
    if (namespaces.length === 1) return this.countsFor(namespaces[0] ?? '', term.selector, true);
    const sum = new Int32Array(this.nodes.length);
    for (const ns of namespaces) {
      const c = this.countsFor(ns, term.selector, true);
      for (let i = 0; i < sum.length; i++) sum[i] = (sum[i] ?? 0) + (c[i] ?? 0);
    }
    return sum;
  }

  private count(groups: Map<string, AffinityGroup>, pod: SimPod, node: NodeState, by: number): void {
    const k = affinityKey(pod);
    let g = groups.get(k);
    if (g === undefined) {
      g = { pod, perNode: new Int32Array(this.nodes.length), total: 0 };
      groups.set(k, g);
    }
    g.perNode[node.index] = (g.perNode[node.index] ?? 0) + by;
    g.total += by;
    if (g.total === 0) groups.delete(k);
  }

  /**
   * What the static filters say of each node for pods of one shape (cached per shape): bit 1 the
   * node is cordoned and the pod does not tolerate it, bit 2 an untolerated NoSchedule/NoExecute
   * taint, bit 4 the node selector or required node affinity does not match. They depend on the
   * pod's spec and the node only, not on what runs there.
   */
  staticRefusals(shape: string, compute: (node: NodeState) => number): Uint8Array {
    let r = this.refusals.get(shape);
    if (r === undefined) {
      r = new Uint8Array(this.nodes.length);
      for (const n of this.nodes) r[n.index] = compute(n);
      this.refusals.set(shape, r);
    }
    return r;
  }

  /** Bound pods with affinity terms, grouped by terms, counted per node (for scoring). */
  affinityGroups(): Iterable<AffinityGroup> {
    if (this.groups === undefined) {
      const groups = new Map<string, AffinityGroup>();
      for (const node of this.nodes) for (const p of node.withAffinity) this.count(groups, p, node, 1);
      this.groups = groups;
    }
    return this.groups.values();
  }

  /** Every bound pod. */
  *allPods(): Iterable<{ pod: SimPod; node: NodeState }> {
    for (const node of this.nodes) for (const pod of node.pods) yield { pod, node };
  }
}

/**
 * AffinityTerm.Matches: the pod is in the term's namespaces (explicit, or selected by the labels
 * of the pod's namespace) and its labels match the term's selector.
 */
export function termMatchesPod(term: AffinityTerm, pod: SimPod, podNamespaceLabels: Labels): boolean {
  const inNamespace =
    term.namespaces.has(pod.namespace) || matches(term.namespaceSelector, podNamespaceLabels);
  return inNamespace && matches(term.selector, pod.labels);
}
