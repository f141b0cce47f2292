/**
 * One scheduling cycle of kube-scheduler v1.36's default profile, re-implemented on the simulated
 * cluster (pkg/scheduler/framework/plugins, read at v1.36.3):
 *
 * Filters, in the profile's order (a node fails at its first failing plugin):
 *   NodeUnschedulable, TaintToleration, NodeAffinity, NodePorts, NodeResourcesFit,
 *   PodTopologySpread (DoNotSchedule), InterPodAffinity (affinity, anti-affinity, existing pods'
 *   anti-affinity). Volume plugins are not simulated (no storage topology).
 * Scores, each normalised then weighted as in the default profile:
 *   TaintToleration ×3, NodeAffinity ×2, NodeResourcesFit (LeastAllocated, cpu and memory) ×1,
 *   PodTopologySpread ×2 (with the system default constraints for pods of Services, ReplicaSets
 *   and StatefulSets), InterPodAffinity ×2, NodeResourcesBalancedAllocation ×1, ImageLocality ×1.
 * The highest total wins; ties are broken at random by kube-scheduler, here by a seeded random
 * (or the first node, for reproducible reports), and every tied node is reported.
 * Preemption (DefaultPreemption) when no node fits: see preemption.ts.
 *
 * Not simulated: percentageOfNodesToScore (every feasible node is scored), volume binding and
 * limits, DRA, node declared features, scheduling gates, extenders.
 */
import type { ClusterState, NodeState } from './cluster.js';
import { termMatchesPod } from './cluster.js';
import type { SimPod, SpreadConstraint } from './model.js';
import {
  isEmptySelector,
  matches,
  termMatches,
  toleratesAll,
  untoleratedTaint,
  withRequirements,
  type Labels,
  type Selector,
} from './selectors.js';

/** Why a node was rejected (the first failing filter, as kube-scheduler reports it). */
export type FilterReason =
  | 'unschedulable'
  | 'taint'
  | 'nodeAffinity'
  | 'ports'
  | 'cpu'
  | 'memory'
  | 'ephemeralStorage'
  | 'pods'
  | 'extendedResource'
  | 'spread'
  | 'spreadLabel'
  | 'affinity'
  | 'antiAffinity'
  | 'existingAntiAffinity';

export interface FilterResult {
  readonly reasons: readonly FilterReason[];
  /** UnschedulableAndUnresolvable: preemption cannot help on this node. */
  readonly unresolvable: boolean;
}

const PASS: FilterResult = { reasons: [], unresolvable: false };
const UNSCHEDULABLE: FilterResult = { reasons: ['unschedulable'], unresolvable: true };
const TAINTED: FilterResult = { reasons: ['taint'], unresolvable: true };
const NOT_SELECTED: FilterResult = { reasons: ['nodeAffinity'], unresolvable: true };

/** The system default spreading (PodTopologySpread's `System` defaulting). */
const SYSTEM_DEFAULT_SPREAD = [
  { maxSkew: 3, topologyKey: 'kubernetes.io/hostname' },
  { maxSkew: 5, topologyKey: 'topology.kubernetes.io/zone' },
] as const;

export const MAX_NODE_SCORE = 100;
const HOSTNAME = 'kubernetes.io/hostname';

/** Where the system default spreading finds its selector: Services and controllers of a pod. */
export interface SpreadSources {
  /** Selectors of the Services of a namespace (spec.selector). */
  readonly services: ReadonlyMap<string, readonly Labels[]>;
  /** Selector of a pod's ReplicaSet, StatefulSet or ReplicationController, by `ns/Kind/name`. */
  readonly controllers: ReadonlyMap<string, Selector>;
}

export const NO_SPREAD_SOURCES: SpreadSources = { services: new Map(), controllers: new Map() };

/** helper.DefaultSelector: Services selecting the pod, plus its controller's selector. */
function defaultSelector(pod: SimPod, sources: SpreadSources): Selector {
  const set: Record<string, string> = {};
  for (const s of sources.services.get(pod.namespace) ?? []) {
    if (Object.entries(s).every(([k, v]) => pod.labels[k] === v) && Object.keys(s).length > 0) {
      Object.assign(set, s);
    }
  }
  let selector: Selector = {
    kind: 'everything',
  };
  const fromSet = Object.entries(set).map(([key, value]) => ({
    key,
    operator: 'In' as const,
    values: [value],
  }));
  selector = withRequirements(selector, fromSet);
  const owner = pod.owner;
  if (owner !== undefined && ['ReplicaSet', 'StatefulSet', 'ReplicationController'].includes(owner.kind)) {
    const controller = sources.controllers.get(`${pod.namespace}/${owner.kind}/${owner.name}`);
    if (controller !== undefined && controller.kind === 'requirements') {
      selector = withRequirements(selector, controller.requirements);
    }
  }
  return selector;
}

function defaultConstraints(pod: SimPod, sources: SpreadSources): SpreadConstraint[] {
  const selector = defaultSelector(pod, sources);
  if (isEmptySelector(selector)) return [];
  return SYSTEM_DEFAULT_SPREAD.map((c) => ({
    maxSkew: c.maxSkew,
    topologyKey: c.topologyKey,
    whenUnsatisfiable: 'ScheduleAnyway',
    selector,
    minDomains: 1,
    nodeAffinityPolicy: 'Honor',
    nodeTaintsPolicy: 'Ignore',
  }));
}

/** RequiredNodeAffinity.Match: nodeSelector and required node affinity terms. */
export function nodeAffinityMatches(pod: SimPod, node: NodeState): boolean {
  const n = node.node;
  if (pod.nodeSelector !== undefined) {
    for (const [k, v] of Object.entries(pod.nodeSelector)) if (n.labels[k] !== v) return false;
  }
  if (pod.requiredNodeTerms !== undefined) {
    return pod.requiredNodeTerms.some((t) => termMatches(t, n.labels, n.name));
  }
  return true;
}

function hasAllTopologyKeys(labels: Labels, constraints: readonly SpreadConstraint[]): boolean {
  return constraints.every((c) => Object.hasOwn(labels, c.topologyKey));
}

/** PodTopologySpread's PreFilter state for the hard constraints. */
interface SpreadState {
  readonly constraints: readonly SpreadConstraint[];
  /** Per constraint: topology value -> matching pods. */
  readonly counts: Map<string, number>[];
  readonly minMatch: number[];
}

/** InterPodAffinity's PreFilter state. */
interface AffinityState {
  /** `key=value` -> count of existing pods whose required anti-affinity the pod would break. */
  readonly existingAnti: Map<string, number>;
  /** Per required affinity term: value -> matching pods. */
  readonly affinityCounts: Map<string, number>[];
  readonly antiCounts: Map<string, number>[];
  readonly anyAffinityMatch: boolean;
  readonly selfMatchesAll: boolean;
}

export const REFUSED_UNSCHEDULABLE = 1;
export const REFUSED_TAINT = 2;
export const REFUSED_NODE_AFFINITY = 4;

/** The static filters of a pod on a node, as bits (see ClusterState.staticRefusals). */
function refusalsOf(pod: SimPod, node: NodeState): number {
  const n = node.node;
  let r = 0;
  if (
    n.unschedulable &&
    !toleratesAll(pod.tolerations, {
      key: 'node.kubernetes.io/unschedulable',
      value: '',
      effect: 'NoSchedule',
    })
  ) {
    r |= REFUSED_UNSCHEDULABLE;
  }
  if (untoleratedTaint(n.taints, pod.tolerations) !== undefined) r |= REFUSED_TAINT;
  if (!nodeAffinityMatches(pod, node)) r |= REFUSED_NODE_AFFINITY;
  return r;
}

/** Everything computed once per pod and cycle, before the nodes are filtered. */
export class Cycle {
  readonly spread: SpreadState | undefined;
  readonly affinity: AffinityState | undefined;
  /** Static refusals of each node for this pod (by node index). */
  readonly refusals: Uint8Array;
  private readonly nsLabels: Labels;

  constructor(
    readonly state: ClusterState,
    readonly pod: SimPod,
    readonly sources: SpreadSources,
  ) {
    this.nsLabels = state.namespaces.get(pod.namespace) ?? {};
    this.refusals = state.staticRefusals(pod.shape, (node) => refusalsOf(pod, node));
    this.spread = this.spreadState();
    this.affinity = this.affinityState();
  }

  /** Whether a node counts in a spread constraint's domains (nodeAffinityPolicy, nodeTaintsPolicy). */
  included(c: SpreadConstraint, node: NodeState): boolean {
    const r = this.refusals[node.index] ?? 0;
    if (c.nodeAffinityPolicy === 'Honor' && (r & REFUSED_NODE_AFFINITY) !== 0) return false;
    if (c.nodeTaintsPolicy === 'Honor' && (r & REFUSED_TAINT) !== 0) return false;
    return true;
  }

  private spreadState(): SpreadState | undefined {
    const pod = this.pod;
    const constraints =
      pod.spread.length > 0
        ? pod.spread.filter((c) => c.whenUnsatisfiable === 'DoNotSchedule')
        : defaultConstraints(pod, this.sources).filter((c) => c.whenUnsatisfiable === 'DoNotSchedule');
    if (constraints.length === 0) return undefined;
    const counts = constraints.map(() => new Map<string, number>());
    const perNode = constraints.map((c) =>
      isEmptySelector(c.selector) ? undefined : this.state.countsFor(pod.namespace, c.selector),
    );
    for (const node of this.state.nodes) {
      if (!hasAllTopologyKeys(node.node.labels, constraints)) continue;
      for (let i = 0; i < constraints.length; i++) {
        const c = constraints[i] as SpreadConstraint;
        if (!this.included(c, node)) continue;
        const value = node.node.labels[c.topologyKey] ?? '';
        const m = counts[i] as Map<string, number>;
        m.set(value, (m.get(value) ?? 0) + (perNode[i]?.[node.index] ?? 0));
      }
    }
    const minMatch = constraints.map((c, i) => {
      const m = counts[i] as Map<string, number>;
      if (m.size < c.minDomains) return 0;
      let min = Number.MAX_SAFE_INTEGER;
      for (const v of m.values()) min = Math.min(min, v);
      return min;
    });
    return { constraints, counts, minMatch };
  }

  private affinityState(): AffinityState | undefined {
    const pod = this.pod;
    const existingAnti = new Map<string, number>();
    for (const node of this.state.nodes) {
      for (const other of node.withRequiredAntiAffinity) {
        for (const t of other.requiredAntiAffinity) {
          if (!termMatchesPod(t, pod, this.nsLabels)) continue;
          const v = node.node.labels[t.topologyKey];
          if (v === undefined) continue;
          const k = `${t.topologyKey}=${v}`;
          existingAnti.set(k, (existingAnti.get(k) ?? 0) + 1);
        }
      }
    }
    if (
      existingAnti.size === 0 &&
      pod.requiredAffinity.length === 0 &&
      pod.requiredAntiAffinity.length === 0
    ) {
      return undefined;
    }
    // Incoming affinity counts only pods that match every required affinity term.
    const affinityCounts = pod.requiredAffinity.map(() => new Map<string, number>());
    let anyAffinityMatch = false;
    if (pod.requiredAffinity.length > 0) {
      for (const node of this.state.nodes) {
        for (const other of node.pods) {
          const otherNs = this.state.namespaces.get(other.namespace) ?? {};
          if (!pod.requiredAffinity.every((t) => termMatchesPod(t, other, otherNs))) continue;
          pod.requiredAffinity.forEach((t, i) => {
            const v = node.node.labels[t.topologyKey];
            if (v === undefined) return;
            const m = affinityCounts[i] as Map<string, number>;
            m.set(v, (m.get(v) ?? 0) + 1);
            anyAffinityMatch = true;
          });
        }
      }
    }
    const antiCounts = pod.requiredAntiAffinity.map((t) => {
      const m = new Map<string, number>();
      const perNode = this.state.termCounts(t);
      for (const node of this.state.nodes) {
        const c = perNode[node.index] ?? 0;
        const v = node.node.labels[t.topologyKey];
        if (c === 0 || v === undefined) continue;
        m.set(v, (m.get(v) ?? 0) + c);
      }
      return m;
    });
    const selfMatchesAll =
      pod.requiredAffinity.length > 0 &&
      pod.requiredAffinity.every((t) => termMatchesPod(t, pod, this.nsLabels));
    return { existingAnti, affinityCounts, antiCounts, anyAffinityMatch, selfMatchesAll };
  }

  /** Runs the filters on one node. */
  filter(node: NodeState): FilterResult {
    const pod = this.pod;
    const n = node.node;
    // NodeUnschedulable, TaintToleration, NodeAffinity (static: computed once per pod shape)
    const refused = this.refusals[node.index] ?? 0;
    if (refused !== 0) {
      if ((refused & REFUSED_UNSCHEDULABLE) !== 0) return UNSCHEDULABLE;
      if ((refused & REFUSED_TAINT) !== 0) return TAINTED;
      return NOT_SELECTED;
    }
    // NodePorts
    for (const h of pod.hostPorts) {
      if (portConflict(node, h.protocol, h.ip, h.port)) return { reasons: ['ports'], unresolvable: false };
    }
    // NodeResourcesFit
    const fit = this.fits(node);
    if (fit !== PASS) return fit;
    // PodTopologySpread
    const spread = this.spread;
    if (spread !== undefined) {
      for (let i = 0; i < spread.constraints.length; i++) {
        const c = spread.constraints[i] as SpreadConstraint;
        const value = n.labels[c.topologyKey];
        if (value === undefined) return { reasons: ['spreadLabel'], unresolvable: true };
        const self = matches(c.selector, pod.labels) ? 1 : 0;
        const skew = (spread.counts[i]?.get(value) ?? 0) + self - (spread.minMatch[i] ?? 0);
        if (skew > c.maxSkew) return { reasons: ['spread'], unresolvable: false };
      }
    }
    // InterPodAffinity
    const a = this.affinity;
    if (a !== undefined) {
      if (!this.affinityOk(a, node)) return { reasons: ['affinity'], unresolvable: true };
      for (let i = 0; i < pod.requiredAntiAffinity.length; i++) {
        const t = pod.requiredAntiAffinity[i];
        if (t === undefined) continue;
        const v = n.labels[t.topologyKey];
        if (v !== undefined && (a.antiCounts[i]?.get(v) ?? 0) > 0) {
          return { reasons: ['antiAffinity'], unresolvable: false };
        }
      }
      if (a.existingAnti.size > 0) {
        for (const [k, v] of Object.entries(n.labels)) {
          if ((a.existingAnti.get(`${k}=${v}`) ?? 0) > 0) {
            return { reasons: ['existingAntiAffinity'], unresolvable: false };
          }
        }
      }
    }
    return PASS;
  }

  private affinityOk(a: AffinityState, node: NodeState): boolean {
    const pod = this.pod;
    let podsExist = true;
    for (let i = 0; i < pod.requiredAffinity.length; i++) {
      const t = pod.requiredAffinity[i];
      if (t === undefined) continue;
      const v = node.node.labels[t.topologyKey];
      if (v === undefined) return false;
      if ((a.affinityCounts[i]?.get(v) ?? 0) <= 0) podsExist = false;
    }
    if (!podsExist) {
      // The first pod of a group whose affinity is to itself may go anywhere.
      return !a.anyAffinityMatch && a.selfMatchesAll;
    }
    return true;
  }

  private fits(node: NodeState): FilterResult {
    const pod = this.pod;
    const a = node.node.allocatable;
    const reasons: FilterReason[] = [];
    let unresolvable = false;
    if (node.pods.length + 1 > a.pods) reasons.push('pods');
    const r = pod.requests;
    const scalars = Object.entries(r.scalar).filter(([, v]) => v > 0);
    if (r.cpu === 0 && r.memory === 0 && r.ephemeral === 0 && scalars.length === 0) {
      return reasons.length === 0 ? PASS : { reasons, unresolvable };
    }
    if (r.cpu > 0 && r.cpu > a.cpu - node.cpu) {
      reasons.push('cpu');
      if (r.cpu > a.cpu) unresolvable = true;
    }
    if (r.memory > 0 && r.memory > a.memory - node.memory) {
      reasons.push('memory');
      if (r.memory > a.memory) unresolvable = true;
    }
    if (r.ephemeral > 0 && r.ephemeral > a.ephemeral - node.ephemeral) {
      reasons.push('ephemeralStorage');
      if (r.ephemeral > a.ephemeral) unresolvable = true;
    }
    for (const [k, v] of scalars) {
      const cap = a.scalar[k] ?? 0;
      if (v > cap - (node.scalar[k] ?? 0)) {
        reasons.push('extendedResource');
        if (v > cap) unresolvable = true;
      }
    }
    return reasons.length === 0 ? PASS : { reasons, unresolvable };
  }
}

function portConflict(node: NodeState, protocol: string, ip: string, port: number): boolean {
  for (const key of node.ports.keys()) {
    const [p, usedIp, usedPort] = key.split('/');
    if (p !== protocol || Number(usedPort) !== port) continue;
    // 0.0.0.0 conflicts with every address; otherwise only the same address.
    if (usedIp === '0.0.0.0' || ip === '0.0.0.0' || usedIp === ip) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Scoring

function defaultNormalize(scores: number[], reverse: boolean): number[] {
  let max = 0;
  for (const s of scores) if (s > max) max = s;
  if (max === 0) return scores.map(() => (reverse ? MAX_NODE_SCORE : 0));
  return scores.map((s) => {
    const v = Math.trunc((MAX_NODE_SCORE * s) / max);
    return reverse ? MAX_NODE_SCORE - v : v;
  });
}

function leastRequested(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.trunc(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}

function balancedScore(requested: readonly number[], allocatable: readonly number[]): number {
  const fractions: number[] = [];
  let total = 0;
  requested.forEach((r, i) => {
    const cap = allocatable[i] ?? 0;
    if (cap === 0) return;
    const f = Math.min(1, r / cap);
    total += f;
    fractions.push(f);
  });
  let std = 0;
  if (fractions.length === 2) std = Math.abs(((fractions[0] ?? 0) - (fractions[1] ?? 0)) / 2);
  else if (fractions.length > 2) {
    const mean = total / fractions.length;
    std = Math.sqrt(fractions.reduce((s, f) => s + (f - mean) * (f - mean), 0) / fractions.length);
  }
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
}

const MB = 1024 * 1024;
const MIN_IMAGE_THRESHOLD = 23 * MB;
const MAX_CONTAINER_THRESHOLD = 1000 * MB;

/** The total weighted score of each feasible node (same order as `feasible`). */
export function scoreNodes(cycle: Cycle, feasible: readonly NodeState[]): Float64Array {
  const { pod, state } = cycle;
  const plugins: Record<string, number[]> = {};
  const weights: Record<string, number> = {};
  const add = (name: string, weight: number, scores: number[]): void => {
    plugins[name] = scores;
    weights[name] = weight;
  };

  // TaintToleration: intolerable PreferNoSchedule taints, fewer is better.
  const preferTolerations = pod.tolerations.filter((t) => t.effect === '' || t.effect === 'PreferNoSchedule');
  add(
    'TaintToleration',
    3,
    defaultNormalize(
      feasible.map(
        (n) =>
          n.node.taints.filter((t) => t.effect === 'PreferNoSchedule' && !toleratesAll(preferTolerations, t))
            .length,
      ),
      true,
    ),
  );

  // NodeAffinity: weights of the preferred terms the node matches.
  if (pod.preferredNodeTerms.length > 0) {
    add(
      'NodeAffinity',
      2,
      defaultNormalize(
        feasible.map((n) =>
          pod.preferredNodeTerms.reduce(
            (s, p) => s + (termMatches(p.term, n.node.labels, n.node.name) ? p.weight : 0),
            0,
          ),
        ),
        false,
      ),
    );
  }

  // NodeResourcesFit, LeastAllocated on cpu and memory (non-zero requests).
  add(
    'NodeResourcesFit',
    1,
    feasible.map((n) => {
      const a = n.node.allocatable;
      let sum = 0;
      let weightSum = 0;
      if (a.cpu !== 0) {
        sum += leastRequested(n.nonZeroCpu + pod.nonZero.cpu, a.cpu);
        weightSum++;
      }
      if (a.memory !== 0) {
        sum += leastRequested(n.nonZeroMemory + pod.nonZero.memory, a.memory);
        weightSum++;
      }
      return weightSum === 0 ? 0 : Math.trunc(sum / weightSum);
    }),
  );

  const spread = spreadScores(cycle, feasible);
  if (spread !== undefined) add('PodTopologySpread', 2, spread);

  const affinity = affinityScores(cycle, feasible);
  if (affinity !== undefined) add('InterPodAffinity', 2, affinity);

  // BalancedAllocation, on real requests; skipped for pods that request no cpu and no memory.
  if (pod.requests.cpu !== 0 || pod.requests.memory !== 0) {
    add(
      'NodeResourcesBalancedAllocation',
      1,
      feasible.map((n) => {
        const a = [n.node.allocatable.cpu, n.node.allocatable.memory];
        const withPod = balancedScore([n.cpu + pod.requests.cpu, n.memory + pod.requests.memory], a);
        const without = balancedScore([n.cpu, n.memory], a);
        return MAX_NODE_SCORE / 2 + Math.trunc((MAX_NODE_SCORE / 2 + withPod - without) / 2);
      }),
    );
  }

  // ImageLocality: images already on the node, weighted by how many nodes have them.
  const totalNodes = state.nodes.length;
  if (pod.images.length > 0) {
    const spreadOf = new Map<string, number>();
    for (const img of pod.images) {
      let count = 0;
      for (const n of state.nodes) if (n.node.images.has(img)) count++;
      spreadOf.set(img, count);
    }
    add(
      'ImageLocality',
      1,
      feasible.map((n) => {
        let sum = 0;
        for (const img of pod.images) {
          const size = n.node.images.get(img);
          if (size !== undefined) sum += Math.trunc(size * ((spreadOf.get(img) ?? 0) / totalNodes));
        }
        const maxThreshold = MAX_CONTAINER_THRESHOLD * pod.containers;
        const clamped = Math.min(Math.max(sum, MIN_IMAGE_THRESHOLD), maxThreshold);
        return Math.trunc(
          (MAX_NODE_SCORE * (clamped - MIN_IMAGE_THRESHOLD)) / (maxThreshold - MIN_IMAGE_THRESHOLD),
        );
      }),
    );
  }

  const totals = new Float64Array(feasible.length);
  for (const [name, scores] of Object.entries(plugins)) {
    const w = weights[name] ?? 0;
    for (let i = 0; i < totals.length; i++) totals[i] = (totals[i] ?? 0) + (scores[i] ?? 0) * w;
  }
  return totals;
}

function spreadScores(cycle: Cycle, feasible: readonly NodeState[]): number[] | undefined {
  const { pod, state, sources } = cycle;
  const constraints =
    pod.spread.length > 0
      ? pod.spread.filter((c) => c.whenUnsatisfiable === 'ScheduleAnyway')
      : defaultConstraints(pod, sources);
  if (constraints.length === 0) return undefined;
  const requireAll = pod.spread.length > 0;
  const ignored = new Uint8Array(feasible.length);
  let ignoredCount = 0;
  const counts = constraints.map(() => new Map<string, number>());
  feasible.forEach((n, k) => {
    if (requireAll && !hasAllTopologyKeys(n.node.labels, constraints)) {
      ignored[k] = 1;
      ignoredCount++;
      return;
    }
    for (let i = 0; i < constraints.length; i++) {
      const c = constraints[i] as SpreadConstraint;
      if (c.topologyKey === HOSTNAME) continue;
      (counts[i] as Map<string, number>).set(n.node.labels[c.topologyKey] ?? '', 0);
    }
  });
  const weights = constraints.map((c, i) =>
    Math.log((c.topologyKey === HOSTNAME ? feasible.length - ignoredCount : (counts[i]?.size ?? 0)) + 2),
  );
  const perNode = constraints.map((c) =>
    isEmptySelector(c.selector) ? undefined : state.countsFor(pod.namespace, c.selector),
  );
  // Pods counted in each domain, over every node of the domain (not only feasible ones).
  for (let i = 0; i < constraints.length; i++) {
    const c = constraints[i] as SpreadConstraint;
    const counted = perNode[i];
    if (c.topologyKey === HOSTNAME || counted === undefined) continue;
    const m = counts[i] as Map<string, number>;
    for (const n of state.nodes) {
      const add = counted[n.index] ?? 0;
      if (add === 0) continue;
      if (requireAll && !hasAllTopologyKeys(n.node.labels, constraints)) continue;
      if (!cycle.included(c, n)) continue;
      const value = n.node.labels[c.topologyKey] ?? '';
      const current = m.get(value);
      if (current !== undefined) m.set(value, current + add);
    }
  }
  const raw = new Array<number>(feasible.length);
  let min = Number.MAX_SAFE_INTEGER;
  let max = 0;
  for (let k = 0; k < feasible.length; k++) {
    if (ignored[k] === 1) {
      raw[k] = 0;
      continue;
    }
    const n = feasible[k] as NodeState;
    let score = 0;
    for (let i = 0; i < constraints.length; i++) {
      const c = constraints[i] as SpreadConstraint;
      const value = n.node.labels[c.topologyKey];
      if (value === undefined) continue;
      const cnt = c.topologyKey === HOSTNAME ? (perNode[i]?.[n.index] ?? 0) : (counts[i]?.get(value) ?? 0);
      score += cnt * (weights[i] ?? 0) + (c.maxSkew - 1);
    }
    const r = Math.round(score);
    raw[k] = r;
    if (r < min) min = r;
    if (r > max) max = r;
  }
  return raw.map((r, k) => {
    if (ignored[k] === 1) return 0;
    if (max === 0) return MAX_NODE_SCORE;
    return Math.trunc((MAX_NODE_SCORE * (max + min - r)) / max);
  });
}

/**
 * InterPodAffinity's scores: the incoming pod's preferred terms against the pods in place, and
 * the terms of the pods in place (required affinity at weight 1, preferred affinity and
 * anti-affinity at their weights) against the incoming pod, summed per topology value. Counted
 * from per-node indexes and from groups of pods with the same terms, which gives the same sums as
 * visiting every pod.
 */
function affinityScores(cycle: Cycle, feasible: readonly NodeState[]): number[] | undefined {
  const { pod, state } = cycle;
  const podNs = state.namespaces.get(pod.namespace) ?? {};
  const topology = new Map<string, Map<string, number>>();
  const bump = (key: string, value: string, by: number): void => {
    let m = topology.get(key);
    if (m === undefined) {
      m = new Map();
      topology.set(key, m);
    }
    m.set(value, (m.get(value) ?? 0) + by);
  };
  const spread = (key: string, perNode: ArrayLike<number>, weight: number): void => {
    for (const node of state.nodes) {
      const c = perNode[node.index] ?? 0;
      if (c === 0) continue;
      const labels = node.node.labels;
      const v = labels[key];
      if (v === undefined) continue;
      bump(key, v, weight * c);
    }
  };
  for (const t of pod.preferredAffinity) spread(t.topologyKey, state.termCounts(t), t.weight);
  for (const t of pod.preferredAntiAffinity) spread(t.topologyKey, state.termCounts(t), -t.weight);
  for (const g of state.affinityGroups()) {
    const e = g.pod;
    const parts: [string, number][] = [];
    for (const t of e.requiredAffinity) if (termMatchesPod(t, pod, podNs)) parts.push([t.topologyKey, 1]);
    for (const t of e.preferredAffinity)
      if (termMatchesPod(t, pod, podNs)) parts.push([t.topologyKey, t.weight]);
    for (const t of e.preferredAntiAffinity)
      if (termMatchesPod(t, pod, podNs)) parts.push([t.topologyKey, -t.weight]);
    for (const [key, weight] of parts) spread(key, g.perNode, weight);
  }
  // Values whose contributions cancel out score as if absent; with none left the plugin adds 0 to
  // every node, as kube-scheduler's normalisation of equal scores does.
  for (const [key, values] of topology) {
    for (const [v, n] of values) if (n === 0) values.delete(v);
    if (values.size === 0) topology.delete(key);
  }
  if (topology.size === 0) return undefined;
  const raw = feasible.map((n) => {
    let s = 0;
    for (const [key, values] of topology) {
      const v = n.node.labels[key];
      if (v !== undefined) s += values.get(v) ?? 0;
    }
    return s;
  });
  let min = Number.MAX_SAFE_INTEGER;
  let max = Number.MIN_SAFE_INTEGER;
  for (const s of raw) {
    if (s > max) max = s;
    if (s < min) min = s;
  }
  const diff = max - min;
  return raw.map((s) => (diff > 0 ? Math.trunc(MAX_NODE_SCORE * ((s - min) / diff)) : 0));
}
