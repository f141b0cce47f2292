/**
 * The scheduling simulation: a queue of pods scheduled one at a time on the simulated cluster,
 * as kube-scheduler's queue does (higher priority first, then arrival order), with preemption
 * (DefaultPreemption) when a pod fits nowhere, and retries of pending pods when the cluster
 * changed after they failed.
 *
 * Preemption, as in pkg/scheduler/framework/preemption (v1.36.3): only nodes where the pod failed
 * with a resolvable reason are candidates; on each, every lower-priority pod is removed, and if
 * the pod then fits, victims are given back one by one (most important first; pods whose
 * eviction would break a PodDisruptionBudget first) as long as the pod still fits. The node is
 * chosen by: fewest budget violations, lowest highest-victim priority, lowest sum of priorities,
 * fewest victims, latest start of the highest-priority victims. The simulator evaluates every
 * candidate node (kube-scheduler stops after max(100, 10%) of them).
 */
import type { NodeState } from './cluster.js';
import { ClusterState } from './cluster.js';
import type { SimNode, SimPod } from './model.js';
import { Cycle, scoreNodes, type FilterReason, type FilterResult, type SpreadSources } from './scheduler.js';
import { isEmptySelector, matches, type Labels, type Selector } from './selectors.js';

export interface Budget {
  readonly namespace: string;
  readonly name: string;
  readonly selector: Selector;
  /** Pods that must stay healthy (status.desiredHealthy, or computed from the spec). */
  readonly desiredHealthy: number;
  /** Pods already being disrupted (status.disruptedPods). */
  readonly disrupted: ReadonlySet<string>;
}

/** How ties between equally scored nodes are broken. */
export type TieBreak = { readonly kind: 'first' } | { readonly kind: 'random'; readonly seed: number };

export type Decision =
  | {
      readonly kind: 'bound';
      readonly node: string;
      /** Every node with the best score (kube-scheduler picks one at random). */
      readonly tied: readonly string[];
      readonly feasible: number;
      readonly score: number;
      readonly preempted: readonly SimPod[];
    }
  | {
      readonly kind: 'pending';
      /** How many nodes failed for each reason (a node can fail for several resources). */
      readonly reasons: Readonly<Partial<Record<FilterReason, number>>>;
      readonly nodes: number;
      /** Why preemption did not help, when it was tried. */
      readonly preemption: 'never' | 'no-candidate' | 'not-lower-priority' | 'not-helpful';
    };

export interface Attempt {
  readonly pod: SimPod;
  readonly decision: Decision;
}

/**
 * A small deterministic random generator (mulberry32): reproducible tie-breaking here, and
 * reproducible generated scenarios in tests and benchmarks.
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SimulatorOptions {
  readonly sources: SpreadSources;
  readonly budgets?: readonly Budget[];
  readonly tieBreak?: TieBreak;
  /**
   * Evicted pods that a controller owns come back as new pending pods (a ReplicaSet replaces
   * its pods); bare pods are gone. Default: true.
   */
  readonly recreateEvicted?: boolean;
  /** Start time given to pods placed by the simulation (ms since the epoch). */
  readonly now?: number;
}

export class Simulator {
  readonly state: ClusterState;
  readonly attempts: Attempt[] = [];
  /** Pods removed by preemption. */
  readonly preempted: SimPod[] = [];
  private readonly random: (() => number) | undefined;
  private readonly budgets: readonly Budget[];
  private sources: SpreadSources;
  private readonly recreate: boolean;
  private clock: number;
  private replacements = 0;
  /** Bumped when a pod is placed or evicted (not by dry runs): pending pods are retried on change. */
  private changes = 0;

  constructor(state: ClusterState, options: SimulatorOptions) {
    this.state = state;
    this.sources = options.sources;
    this.budgets = options.budgets ?? [];
    const tie = options.tieBreak ?? { kind: 'first' };
    this.random = tie.kind === 'random' ? seededRandom(tie.seed) : undefined;
    this.recreate = options.recreateEvicted ?? true;
    this.clock = options.now ?? Date.now();
  }

  /**
   * Pods nominated to a node by a preemption and not bound yet, by pod key. kube-scheduler
   * counts them on their node when it filters pods of lower or equal priority.
   */
  private readonly nominated = new Map<string, { readonly pod: SimPod; readonly node: NodeState }>();

  /** Reserves a node for a pod that preempted there (its victims are gone, it is not bound yet). */
  nominate(pod: SimPod, node: NodeState): void {
    this.nominated.set(pod.key, { pod, node });
  }

  /** Replaces the Services and controllers default spreading reads (workloads added to the cluster). */
  useSources(sources: SpreadSources): void {
    this.sources = sources;
  }

  /** Filters every node for a pod: the feasible ones, and why the others failed. */
  filterAll(pod: SimPod): { cycle: Cycle; feasible: NodeState[]; failed: Map<NodeState, FilterResult> } {
    const cycle = new Cycle(this.state, pod, this.sources);
    const feasible: NodeState[] = [];
    const failed = new Map<NodeState, FilterResult>();
    for (const node of this.state.nodes) {
      const r = this.withNominated(pod, node, cycle.filter(node));
      if (r.reasons.length > 0) failed.set(node, r);
      else feasible.push(node);
    }
    return { cycle, feasible, failed };
  }

  /**
   * RunFilterPluginsWithNominatedPods: a pod that passes the filters on a node must also pass
   * them with the node's nominated pods of higher or equal priority in place.
   */
  private withNominated(pod: SimPod, node: NodeState, result: FilterResult): FilterResult {
    if (result.reasons.length > 0 || this.nominated.size === 0) return result;
    const reserved = [...this.nominated.values()].filter(
      (n) => n.node === node && n.pod.key !== pod.key && n.pod.priority >= pod.priority,
    );
    if (reserved.length === 0) return result;
    for (const n of reserved) this.state.bind(n.pod, node);
    try {
      return new Cycle(this.state, pod, this.sources).filter(node);
    } finally {
      for (const n of reserved) this.state.unbind(n.pod);
    }
  }

  /** The nodes a pod could go to and, among them, the best scored (without placing it). */
  evaluate(pod: SimPod): {
    feasible: readonly NodeState[];
    best: readonly NodeState[];
    score: number;
    failed: Map<NodeState, FilterResult>;
  } {
    const { cycle, feasible, failed } = this.filterAll(pod);
    if (feasible.length <= 1) return { feasible, best: feasible, score: 0, failed };
    const scores = scoreNodes(cycle, feasible);
    let top = Number.NEGATIVE_INFINITY;
    for (const s of scores) if (s > top) top = s;
    const best = feasible.filter((_, i) => scores[i] === top);
    return { feasible, best, score: top, failed };
  }

  private pick(nodes: readonly NodeState[]): NodeState {
    if (this.random === undefined || nodes.length === 1) return nodes[0] as NodeState;
    return nodes[Math.floor(this.random() * nodes.length)] as NodeState;
  }

  /** Places a pod on a node (as the scheduler's bind does), stamping its start time. */
  bind(pod: SimPod, node: NodeState, startTime?: number): SimPod {
    const placed: SimPod = { ...pod, nodeName: node.node.name, startTime: startTime ?? this.clock++ };
    this.nominated.delete(pod.key);
    this.state.bind(placed, node);
    this.changes++;
    return placed;
  }

  /** One scheduling cycle: filter, score and bind, or preempt, or leave pending. */
  scheduleOne(pod: SimPod): Decision {
    const { feasible, best, score, failed } = this.evaluate(pod);
    let decision: Decision;
    if (feasible.length > 0) {
      const node = this.pick(best);
      this.bind(pod, node);
      decision = {
        kind: 'bound',
        node: node.node.name,
        tied: best.map((n) => n.node.name),
        feasible: feasible.length,
        score,
        preempted: [],
      };
    } else {
      decision = this.preemptOrPend(pod, failed);
    }
    this.attempts.push({ pod, decision });
    return decision;
  }

  private preemptOrPend(pod: SimPod, failed: Map<NodeState, FilterResult>): Decision {
    const reasons: Partial<Record<FilterReason, number>> = {};
    for (const r of failed.values())
      for (const reason of r.reasons) reasons[reason] = (reasons[reason] ?? 0) + 1;
    const found = this.preemptionCandidates(pod, failed);
    if (found.best.length === 0) {
      return { kind: 'pending', reasons, nodes: this.state.nodes.length, preemption: found.why };
    }
    const chosen =
      this.random === undefined || found.best.length === 1
        ? (found.best[0] as PreemptionCandidate)
        : (found.best[Math.floor(this.random() * found.best.length)] as PreemptionCandidate);
    for (const v of chosen.victims) this.evict(v);
    // The preemptor is nominated to the node and bound there on its next cycle.
    const retry = this.evaluate(pod);
    const onNominated = retry.feasible.find((n) => n === chosen.node);
    const target = onNominated ?? (retry.best.length > 0 ? this.pick(retry.best) : undefined);
    if (target === undefined) {
      return { kind: 'pending', reasons, nodes: this.state.nodes.length, preemption: 'no-candidate' };
    }
    this.bind(pod, target);
    return {
      kind: 'bound',
      node: target.node.name,
      tied: [target.node.name],
      feasible: retry.feasible.length,
      score: retry.score,
      preempted: chosen.victims,
    };
  }

  /**
   * What preemption could do for a pod that fits nowhere, without doing it: the candidate nodes
   * that tie after every criterion of pickOneNodeForPreemption (kube-scheduler takes one of
   * them), each with its victims; or why there is none.
   */
  preemptionCandidates(
    pod: SimPod,
    failed?: Map<NodeState, FilterResult>,
  ): { best: PreemptionCandidate[]; why: 'never' | 'no-candidate' | 'not-lower-priority' | 'not-helpful' } {
    if (pod.preemptionPolicy === 'Never') return { best: [], why: 'never' };
    const statuses = failed ?? this.filterAll(pod).failed;
    const potential = [...statuses.entries()].filter(([, r]) => !r.unresolvable).map(([n]) => n);
    if (potential.length === 0) return { best: [], why: 'not-helpful' };
    const candidates: PreemptionCandidate[] = [];
    let anyLower = false;
    for (const node of potential) {
      const lower = node.pods.filter((p) => p.priority < pod.priority);
      if (lower.length === 0) continue;
      anyLower = true;
      const c = this.victimsOn(pod, node, lower);
      if (c !== undefined) candidates.push(c);
    }
    if (candidates.length === 0) return { best: [], why: anyLower ? 'no-candidate' : 'not-lower-priority' };
    return { best: bestCandidates(candidates), why: 'no-candidate' };
  }

  /** SelectVictimsOnNode: the fewest lower-priority pods to remove so that the pod fits. */
  private victimsOn(pod: SimPod, node: NodeState, lower: readonly SimPod[]): PreemptionCandidate | undefined {
    for (const p of lower) this.state.unbind(p);
    const fitsNow = (): boolean =>
      this.withNominated(pod, node, new Cycle(this.state, pod, this.sources).filter(node)).reasons.length ===
      0;
    try {
      if (!fitsNow()) return undefined;
      const sorted = [...lower].sort(moreImportant);
      const { violating, nonViolating } = this.splitByBudget(sorted);
      const victims: SimPod[] = [];
      let violations = 0;
      const reprieve = (p: SimPod): boolean => {
        this.state.bind(p, node);
        if (fitsNow()) return true;
        this.state.unbind(p);
        victims.push(p);
        return false;
      };
      for (const p of violating) if (!reprieve(p)) violations++;
      for (const p of nonViolating) reprieve(p);
      if (violating.length > 0 && nonViolating.length > 0) victims.sort(moreImportant);
      return { node, victims, violations };
    } finally {
      // Put back every pod still off the node.
      for (const p of lower) if (!this.state.placement.has(p.key)) this.state.bind(p, node);
    }
  }

  /** filterPodsWithPDBViolation: pods whose eviction would exceed a budget's allowance. */
  private splitByBudget(pods: readonly SimPod[]): { violating: SimPod[]; nonViolating: SimPod[] } {
    const allowed = this.budgets.map((b) => this.disruptionsAllowed(b));
    const violating: SimPod[] = [];
    const nonViolating: SimPod[] = [];
    for (const p of pods) {
      let violates = false;
      if (Object.keys(p.labels).length > 0) {
        this.budgets.forEach((b, i) => {
          if (b.namespace !== p.namespace || isEmptySelector(b.selector) || !matches(b.selector, p.labels))
            return;
          if (b.disrupted.has(p.name)) return;
          allowed[i] = (allowed[i] ?? 0) - 1;
          if ((allowed[i] ?? 0) < 0) violates = true;
        });
      }
      (violates ? violating : nonViolating).push(p);
    }
    return { violating, nonViolating };
  }

  /** How many more pods a budget lets go now: healthy matching pods minus the desired. */
  disruptionsAllowed(b: Budget): number {
    let healthy = 0;
    for (const { pod } of this.state.allPods()) {
      if (pod.namespace === b.namespace && !pod.terminating && matches(b.selector, pod.labels)) healthy++;
    }
    return Math.max(0, healthy - b.desiredHealthy);
  }

  /** The budgets that cover a pod. */
  budgetsOf(pod: SimPod): Budget[] {
    return this.budgets.filter(
      (b) => b.namespace === pod.namespace && !isEmptySelector(b.selector) && matches(b.selector, pod.labels),
    );
  }

  /** Removes a pod from its node; a controller's pod comes back as a new pending pod. */
  evict(pod: SimPod): SimPod | undefined {
    this.state.unbind(pod);
    this.changes++;
    this.preempted.push(pod);
    return this.replacementOf(pod);
  }

  /** The pod a controller would create to replace one that is gone, when it has a controller. */
  replacementOf(pod: SimPod): SimPod | undefined {
    if (
      !this.recreate ||
      pod.owner === undefined ||
      pod.owner.kind === 'Node' ||
      pod.owner.kind === 'DaemonSet'
    ) {
      return undefined;
    }
    this.replacements++;
    const name = pod.owner.kind === 'StatefulSet' ? pod.name : `${pod.name}-r${this.replacements}`;
    const { nodeName: _drop, ...rest } = pod;
    return { ...rest, name, key: `${pod.namespace}/${name}`, startTime: Number.MAX_SAFE_INTEGER };
  }

  /**
   * Schedules a queue of pods: higher priority first, then in the given order; pods that did
   * not fit are retried when the cluster changed since they failed, until nothing moves: once
   * the queue is empty (`when-idle`), or right after each placement (`on-change`, closer to
   * kube-scheduler under a light load, where a failed pod's short backoff ends before the next
   * pod). Pods evicted by preemption that a controller would replace join the queue.
   */
  run(
    pods: readonly SimPod[],
    retry: 'when-idle' | 'on-change' = 'when-idle',
  ): { placed: Map<string, string>; pending: Map<string, Decision> } {
    let seq = 0;
    const order = new Map<string, number>();
    const queue: SimPod[] = [];
    const enqueue = (p: SimPod): void => {
      order.set(p.key, seq++);
      queue.push(p);
    };
    for (const p of pods) enqueue(p);
    const placed = new Map<string, string>();
    const pending = new Map<string, { pod: SimPod; decision: Decision; generation: number }>();
    const byPriority = (a: SimPod, b: SimPod): number =>
      b.priority - a.priority || (order.get(a.key) ?? 0) - (order.get(b.key) ?? 0);
    /** The queue becomes `rest`, in priority order (a loop, not a spread: it may be long). */
    const requeue = (rest: SimPod[]): void => {
      rest.sort(byPriority);
      queue.length = 0;
      for (const p of rest) queue.push(p);
    };
    for (;;) {
      queue.sort(byPriority);
      // A moving head instead of shift(): the queue holds tens of thousands of pods.
      let head = 0;
      while (head < queue.length) {
        const pod = queue[head++] as SimPod;
        const decision = this.scheduleOne(pod);
        if (decision.kind === 'bound') {
          placed.set(pod.key, decision.node);
          pending.delete(pod.key);
          if (retry === 'on-change' && pending.size > 0) {
            // kube-scheduler moves pending pods back to its queue when the cluster changes.
            const rest = queue.slice(head);
            for (const p of pending.values()) rest.push(p.pod);
            pending.clear();
            requeue(rest);
            head = 0;
          }
          for (const v of decision.preempted) {
            placed.delete(v.key);
            const again = this.replacementOf(v);
            if (again !== undefined) {
              enqueue(again);
              requeue(queue.slice(head));
              head = 0;
            }
          }
        } else {
          pending.set(pod.key, { pod, decision, generation: this.changes });
        }
      }
      const again = [...pending.values()].filter((p) => p.generation !== this.changes);
      if (again.length === 0) break;
      queue.length = 0;
      for (const r of again) queue.push(r.pod);
    }
    return { placed, pending: new Map([...pending].map(([k, v]) => [k, v.decision])) };
  }
}

/** A node where preemption would make room, and the pods it would evict there. */
export interface PreemptionCandidate {
  readonly node: NodeState;
  readonly victims: readonly SimPod[];
  /** Victims whose eviction breaks a PodDisruptionBudget. */
  readonly violations: number;
}

/** A start time as the API keeps it: to the second (status.startTime is RFC 3339, seconds). */
function startSecond(p: SimPod): number {
  return Math.floor(p.startTime / 1000);
}

/** util.MoreImportantPod: higher priority, then the one that started first (to the second). */
export function moreImportant(a: SimPod, b: SimPod): number {
  return b.priority - a.priority || startSecond(a) - startSecond(b);
}

/** pickOneNodeForPreemption's criteria, in order: the candidates still tied after all of them. */
function bestCandidates(candidates: readonly PreemptionCandidate[]): PreemptionCandidate[] {
  const criteria: ((c: PreemptionCandidate) => number)[] = [
    (c) => -c.violations,
    (c) => -(c.victims[0]?.priority ?? 0),
    (c) => -c.victims.reduce((s, v) => s + v.priority + 2 ** 31, 0),
    (c) => -c.victims.length,
    (c) => earliestStart(c.victims),
  ];
  let remaining = [...candidates];
  for (const f of criteria) {
    let best = Number.NEGATIVE_INFINITY;
    let selected: PreemptionCandidate[] = [];
    for (const c of remaining) {
      const s = f(c);
      if (s > best) {
        best = s;
        selected = [];
      }
      if (s === best) selected.push(c);
    }
    remaining = selected;
    if (remaining.length === 1) break;
  }
  return remaining;
}

/** util.GetEarliestPodStartTime: the earliest start among the highest-priority victims. */
function earliestStart(victims: readonly SimPod[]): number {
  const first = victims[0];
  if (first === undefined) return Number.MIN_SAFE_INTEGER;
  let earliest = startSecond(first);
  let maxPriority = first.priority;
  for (const v of victims) {
    if (v.priority === maxPriority) earliest = Math.min(earliest, startSecond(v));
    else if (v.priority > maxPriority) {
      maxPriority = v.priority;
      earliest = startSecond(v);
    }
  }
  return earliest;
}

/** A new simulated cluster from nodes, the pods bound to them and the namespaces' labels. */
export function clusterOf(
  nodes: readonly SimNode[],
  bound: readonly SimPod[],
  namespaces: ReadonlyMap<string, Labels> = new Map(),
): ClusterState {
  const state = new ClusterState(nodes, namespaces);
  for (const p of bound) {
    const node = p.nodeName === undefined ? undefined : state.byName.get(p.nodeName);
    if (node !== undefined) state.bind(p, node);
  }
  return state;
}
