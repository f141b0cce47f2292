/**
 * The cluster state capacity works on: nodes, pods and what the scheduler reads beside them
 * (PodDisruptionBudgets, namespaces' labels, Services and controllers for default spreading,
 * PriorityClasses, LimitRanges, ResourceQuotas, DaemonSets), read from the live cluster or from
 * a file (a `kubectl get ... -o yaml` List, or a stream of objects).
 */
import type { KubeClient, KubeObject } from '../kube/index.js';
import { mapLimit } from '../util/index.js';
import { simNode, simPod, type SimNode, type SimPod } from './model.js';
import { labelSelector, matches, selectorFromSet, type Labels, type Selector } from './selectors.js';
import type { SpreadSources } from './scheduler.js';
import type { Budget } from './simulator.js';
import type { AdmissionContext, ContainerDefaults, PriorityClassInfo } from './workloads.js';

export interface ClusterObjects {
  readonly nodes: readonly KubeObject[];
  readonly pods: readonly KubeObject[];
  readonly budgets: readonly KubeObject[];
  readonly namespaces: readonly KubeObject[];
  readonly services: readonly KubeObject[];
  readonly replicaSets: readonly KubeObject[];
  readonly statefulSets: readonly KubeObject[];
  readonly replicationControllers: readonly KubeObject[];
  readonly daemonSets: readonly KubeObject[];
  readonly jobs: readonly KubeObject[];
  readonly priorityClasses: readonly KubeObject[];
  readonly limitRanges: readonly KubeObject[];
  readonly quotas: readonly KubeObject[];
}

const KINDS: readonly [keyof ClusterObjects, string, string][] = [
  ['nodes', 'v1', 'Node'],
  ['pods', 'v1', 'Pod'],
  ['budgets', 'policy/v1', 'PodDisruptionBudget'],
  ['namespaces', 'v1', 'Namespace'],
  ['services', 'v1', 'Service'],
  ['replicaSets', 'apps/v1', 'ReplicaSet'],
  ['statefulSets', 'apps/v1', 'StatefulSet'],
  ['replicationControllers', 'v1', 'ReplicationController'],
  ['daemonSets', 'apps/v1', 'DaemonSet'],
  ['jobs', 'batch/v1', 'Job'],
  ['priorityClasses', 'scheduling.k8s.io/v1', 'PriorityClass'],
  ['limitRanges', 'v1', 'LimitRange'],
  ['quotas', 'v1', 'ResourceQuota'],
];

/** Lists what capacity needs from the cluster (a few list calls, all namespaces). */
export async function readClusterObjects(client: KubeClient, signal?: AbortSignal): Promise<ClusterObjects> {
  const out: Partial<Record<keyof ClusterObjects, KubeObject[]>> = {};
  await mapLimit(KINDS, 4, async ([key, apiVersion, kind]) => {
    out[key] = await client.list(apiVersion, kind, { ...(signal ? { signal } : {}) });
  });
  return out as ClusterObjects;
}

/** Sorts objects of a file (a List's items, or a stream of documents) by kind. */
export function clusterObjectsOf(documents: readonly unknown[]): ClusterObjects {
  const out: Record<keyof ClusterObjects, KubeObject[]> = {
    nodes: [],
    pods: [],
    budgets: [],
    namespaces: [],
    services: [],
    replicaSets: [],
    statefulSets: [],
    replicationControllers: [],
    daemonSets: [],
    jobs: [],
    priorityClasses: [],
    limitRanges: [],
    quotas: [],
  };
  const add = (o: unknown): void => {
    if (o === null || typeof o !== 'object') return;
    const obj = o as KubeObject;
    if (typeof obj.kind === 'string' && obj.kind.endsWith('List') && Array.isArray(obj['items'])) {
      for (const item of obj['items'] as unknown[]) add(item);
      return;
    }
    const entry = KINDS.find(([, , kind]) => kind === obj.kind);
    if (entry !== undefined && obj.metadata !== undefined) out[entry[0]].push(obj);
  };
  for (const d of documents) add(d);
  return out;
}

type Raw = Readonly<Record<string, unknown>>;
function obj(v: unknown): Raw {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Raw) : {};
}
function arr(v: unknown): readonly unknown[] {
  return Array.isArray(v) ? (v as unknown[]) : [];
}

function controllerOf(o: KubeObject): { kind: string; name: string } | undefined {
  const ref = arr(o.metadata['ownerReferences'])
    .map(obj)
    .find((r) => r['controller'] === true);
  if (ref === undefined) return undefined;
  return { kind: String(ref['kind']), name: String(ref['name']) };
}

function key(o: KubeObject): string {
  return `${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`;
}

/** Everything the simulator and the report need, read once from the objects. */
export interface Snapshot {
  readonly objects: ClusterObjects;
  readonly nodes: readonly SimNode[];
  /** Pods that hold or want room: running and pending (not succeeded or failed). */
  readonly pods: readonly SimPod[];
  readonly namespaces: ReadonlyMap<string, Labels>;
  readonly sources: SpreadSources;
  readonly budgets: readonly Budget[];
  readonly admission: AdmissionContext;
  /** The workload of each pod (`Deployment/web`), by `ns/name`. */
  readonly workloads: ReadonlyMap<string, string>;
}

/** The workload a pod belongs to, following its controller up (ReplicaSet -> Deployment, Job -> CronJob). */
function workloadOf(pod: KubeObject, owners: ReadonlyMap<string, KubeObject>): string | undefined {
  const c = controllerOf(pod);
  if (c === undefined) return undefined;
  if (c.kind === 'ReplicaSet' || c.kind === 'Job') {
    const owner = owners.get(`${c.kind}/${pod.metadata.namespace ?? ''}/${c.name}`);
    const up = owner === undefined ? undefined : controllerOf(owner);
    if (up !== undefined) return `${up.kind}/${up.name}`;
  }
  return `${c.kind}/${c.name}`;
}

/** How many pods a budget keeps healthy: its status when the controller computed it, else its spec. */
function desiredHealthy(pdb: KubeObject, matching: number): number {
  const status = obj(pdb['status']);
  if (typeof status['desiredHealthy'] === 'number' && typeof status['expectedPods'] === 'number') {
    return status['desiredHealthy'];
  }
  const spec = obj(pdb['spec']);
  const scaled = (v: unknown, roundUp: boolean): number => {
    if (typeof v === 'number') return v;
    if (typeof v === 'string' && v.endsWith('%')) {
      const x = (Number(v.slice(0, -1)) / 100) * matching;
      return roundUp ? Math.ceil(x) : Math.floor(x);
    }
    return Number(v ?? 0);
  };
  if (spec['minAvailable'] !== undefined) return scaled(spec['minAvailable'], true);
  if (spec['maxUnavailable'] !== undefined)
    return Math.max(0, matching - scaled(spec['maxUnavailable'], true));
  return 0;
}

export function budgetOf(pdb: KubeObject, pods: readonly SimPod[]): Budget {
  const selector = labelSelector(obj(pdb['spec'])['selector'] as never);
  const ns = pdb.metadata.namespace ?? '';
  const matching = pods.filter((p) => p.namespace === ns && matches(selector, p.labels)).length;
  return {
    namespace: ns,
    name: pdb.metadata.name ?? '',
    selector,
    desiredHealthy: desiredHealthy(pdb, matching),
    disrupted: new Set(Object.keys(obj(obj(pdb['status'])['disruptedPods']))),
  };
}

/** The admission context of the cluster: PriorityClasses and each namespace's container defaults. */
export function admissionOf(objects: ClusterObjects): AdmissionContext {
  const priorityClasses = new Map<string, PriorityClassInfo>();
  let defaultPriority: PriorityClassInfo | undefined;
  for (const pc of objects.priorityClasses) {
    const info: PriorityClassInfo = {
      value: typeof pc['value'] === 'number' ? pc['value'] : 0,
      ...(pc['preemptionPolicy'] === 'Never' ? { preemptionPolicy: 'Never' as const } : {}),
    };
    priorityClasses.set(pc.metadata.name ?? '', info);
    if (pc['globalDefault'] === true) defaultPriority = info;
  }
  const limitRanges = new Map<string, ContainerDefaults>();
  for (const lr of objects.limitRanges) {
    for (const l of arr(obj(lr['spec'])['limits']).map(obj)) {
      if (l['type'] !== 'Container') continue;
      limitRanges.set(lr.metadata.namespace ?? '', {
        defaultRequest: obj(l['defaultRequest']) as Record<string, string>,
        default: obj(l['default']) as Record<string, string>,
      });
    }
  }
  return { priorityClasses, limitRanges, ...(defaultPriority === undefined ? {} : { defaultPriority }) };
}

/** Builds the simulator's inputs from the cluster's objects. */
export function snapshotOf(objects: ClusterObjects): Snapshot {
  const owners = new Map<string, KubeObject>();
  for (const o of objects.replicaSets) owners.set(`ReplicaSet/${key(o)}`, o);
  for (const o of objects.jobs) owners.set(`Job/${key(o)}`, o);
  const admission = admissionOf(objects);
  const workloads = new Map<string, string>();
  const pods: SimPod[] = [];
  for (const p of objects.pods) {
    const phase = obj(p['status'])['phase'];
    if (phase === 'Succeeded' || phase === 'Failed') continue;
    const workload = workloadOf(p, owners);
    if (workload !== undefined) workloads.set(key(p), workload);
    const className = obj(p['spec'])['priorityClassName'];
    const cls = typeof className === 'string' ? admission.priorityClasses.get(className) : undefined;
    pods.push(
      simPod({
        pod: p,
        ...(workload === undefined ? {} : { workload }),
        ...(cls === undefined ? {} : { priority: cls.value }),
      }),
    );
  }
  const namespaces = new Map<string, Labels>();
  for (const n of objects.namespaces) namespaces.set(n.metadata.name ?? '', n.metadata.labels ?? {});
  const services = new Map<string, Labels[]>();
  for (const s of objects.services) {
    const sel = obj(s['spec'])['selector'];
    if (sel === undefined || sel === null) continue;
    const list = services.get(s.metadata.namespace ?? '') ?? [];
    list.push(obj(sel) as Labels);
    services.set(s.metadata.namespace ?? '', list);
  }
  const controllers = new Map<string, Selector>();
  for (const [kind, list] of [
    ['ReplicaSet', objects.replicaSets],
    ['StatefulSet', objects.statefulSets],
  ] as const) {
    for (const o of list) {
      controllers.set(
        `${o.metadata.namespace ?? ''}/${kind}/${o.metadata.name ?? ''}`,
        labelSelector(obj(o['spec'])['selector'] as never),
      );
    }
  }
  for (const o of objects.replicationControllers) {
    controllers.set(
      `${o.metadata.namespace ?? ''}/ReplicationController/${o.metadata.name ?? ''}`,
      selectorFromSet(obj(obj(o['spec'])['selector']) as Labels),
    );
  }
  return {
    objects,
    nodes: objects.nodes.map((n) => simNode(n)),
    pods,
    namespaces,
    sources: { services, controllers },
    budgets: objects.budgets.map((b) => budgetOf(b, pods)),
    admission,
    workloads,
  };
}
