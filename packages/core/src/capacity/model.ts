/**
 * The scheduler's view of pods and nodes, read from Kubernetes objects once: requests as the
 * scheduler computes them (component-helpers resource.PodRequests: containers summed, init
 * containers as a maximum with sidecars counted, overhead and pod-level requests), the
 * "non-zero" requests its scoring uses (100m CPU and 200 MiB for a container that asks for
 * nothing), selectors parsed, affinity terms with their namespaces resolved.
 */
import type { KubeObject } from '../kube/index.js';
import { intValue, milliValue, nanoValue } from './quantity.js';
import {
  labelSelector,
  nodeSelectorTerms,
  selectorFromSet,
  withRequirements,
  type Labels,
  type NodeSelectorTerm,
  type Requirement,
  type Selector,
  type Taint,
  type Toleration,
} from './selectors.js';

/** The scheduler's defaults for containers without requests (pkg/scheduler/util). */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

/** Amounts of the resources the scheduler accounts for. */
export interface Amounts {
  /** Millicores. */
  readonly cpu: number;
  /** Bytes. */
  readonly memory: number;
  readonly ephemeral: number;
  /** Extended resources (nvidia.com/gpu, hugepages-2Mi, ...), by name. */
  readonly scalar: Readonly<Record<string, number>>;
}

export const ZERO: Amounts = { cpu: 0, memory: 0, ephemeral: 0, scalar: {} };

export interface AffinityTerm {
  readonly selector: Selector;
  /** Namespaces the term looks in (explicit, or the pod's own by default). */
  readonly namespaces: ReadonlySet<string>;
  /** Namespaces selected by labels (nothing by default; everything for `{}`). */
  readonly namespaceSelector: Selector;
  readonly topologyKey: string;
}

export interface WeightedAffinityTerm extends AffinityTerm {
  readonly weight: number;
}

export interface SpreadConstraint {
  readonly maxSkew: number;
  readonly topologyKey: string;
  readonly whenUnsatisfiable: 'DoNotSchedule' | 'ScheduleAnyway';
  readonly selector: Selector;
  readonly minDomains: number;
  readonly nodeAffinityPolicy: 'Honor' | 'Ignore';
  readonly nodeTaintsPolicy: 'Honor' | 'Ignore';
}

export interface HostPort {
  readonly ip: string;
  readonly protocol: string;
  readonly port: number;
}

/** The controller a pod belongs to: what recreates it when it is evicted or its node goes. */
export interface Owner {
  readonly kind: string;
  readonly name: string;
}

export interface SimPod {
  /** `namespace/name`. */
  readonly key: string;
  readonly namespace: string;
  readonly name: string;
  readonly labels: Labels;
  readonly priority: number;
  readonly preemptionPolicy: 'PreemptLowerPriority' | 'Never';
  readonly requests: Amounts;
  /** Requests with the scheduler's defaults for containers that ask for nothing (scoring). */
  readonly nonZero: { readonly cpu: number; readonly memory: number };
  readonly limits: { readonly cpu: number; readonly memory: number };
  readonly nodeSelector?: Labels;
  /** Required node affinity terms (ORed); undefined when there is none. */
  readonly requiredNodeTerms?: readonly NodeSelectorTerm[];
  readonly preferredNodeTerms: readonly { readonly weight: number; readonly term: NodeSelectorTerm }[];
  readonly tolerations: readonly Toleration[];
  readonly requiredAffinity: readonly AffinityTerm[];
  readonly requiredAntiAffinity: readonly AffinityTerm[];
  readonly preferredAffinity: readonly WeightedAffinityTerm[];
  readonly preferredAntiAffinity: readonly WeightedAffinityTerm[];
  readonly spread: readonly SpreadConstraint[];
  readonly hostPorts: readonly HostPort[];
  /** Images of the pod's containers, normalised (`:latest` added), for image locality. */
  readonly images: readonly string[];
  readonly containers: number;
  readonly owner?: Owner;
  /** The workload the pod belongs to (`Deployment/web`), for reports. */
  readonly workload?: string;
  /** When it started (ms since the epoch): preemption prefers victims that started last. */
  readonly startTime: number;
  readonly nodeName?: string;
  readonly terminating: boolean;
  readonly schedulerName: string;
  /** A key of everything that decides where a pod may go and how it scores, for caches. */
  readonly shape: string;
}

export interface SimNode {
  readonly name: string;
  readonly labels: Labels;
  readonly taints: readonly Taint[];
  readonly unschedulable: boolean;
  readonly allocatable: Amounts & { readonly pods: number };
  /** Image name -> size in bytes (node.status.images). */
  readonly images: ReadonlyMap<string, number>;
  readonly ready: boolean;
  /** Where the node came from in a simulation: the cluster, or a template added by a change. */
  readonly origin?: string;
}

// ---------------------------------------------------------------------------------------------
// Reading raw objects

type Raw = Readonly<Record<string, unknown>>;

function obj(v: unknown): Raw {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Raw) : {};
}
function arr(v: unknown): readonly unknown[] {
  return Array.isArray(v) ? (v as unknown[]) : [];
}
function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}
function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}
function strMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(obj(v))) if (typeof x === 'string') out[k] = x;
  return out;
}

/** Resource list (`{cpu: "250m", memory: "1Gi"}`) in nanocores and bytes, plus extended resources. */
interface ResourceList {
  readonly cpuNano?: number;
  readonly memory?: number;
  readonly ephemeral?: number;
  readonly scalar: Record<string, number>;
}

function resourceList(v: unknown): ResourceList {
  const out: { cpuNano?: number; memory?: number; ephemeral?: number; scalar: Record<string, number> } = {
    scalar: {},
  };
  for (const [name, raw] of Object.entries(obj(v))) {
    const text = typeof raw === 'number' ? String(raw) : str(raw);
    if (text === undefined) continue;
    if (name === 'cpu') {
      const n = nanoValue(text);
      if (n !== undefined) out.cpuNano = n;
    } else if (name === 'memory') {
      const n = intValue(text);
      if (n !== undefined) out.memory = n;
    } else if (name === 'ephemeral-storage') {
      const n = intValue(text);
      if (n !== undefined) out.ephemeral = n;
    } else if (name !== 'pods' && (name.includes('/') || name.startsWith('hugepages-'))) {
      const n = intValue(text);
      if (n !== undefined) out.scalar[name] = n;
    }
  }
  return out;
}

interface Accum {
  cpuNano: number;
  memory: number;
  ephemeral: number;
  scalar: Record<string, number>;
  has: Set<string>;
}

function emptyAccum(): Accum {
  return { cpuNano: 0, memory: 0, ephemeral: 0, scalar: {}, has: new Set() };
}

function addTo(acc: Accum, r: ResourceList): void {
  if (r.cpuNano !== undefined) {
    acc.cpuNano += r.cpuNano;
    acc.has.add('cpu');
  }
  if (r.memory !== undefined) {
    acc.memory += r.memory;
    acc.has.add('memory');
  }
  if (r.ephemeral !== undefined) {
    acc.ephemeral += r.ephemeral;
    acc.has.add('ephemeral-storage');
  }
  for (const [k, v] of Object.entries(r.scalar)) {
    acc.scalar[k] = (acc.scalar[k] ?? 0) + v;
    acc.has.add(k);
  }
}

function maxInto(acc: Accum, other: Accum): void {
  acc.cpuNano = Math.max(acc.cpuNano, other.cpuNano);
  acc.memory = Math.max(acc.memory, other.memory);
  acc.ephemeral = Math.max(acc.ephemeral, other.ephemeral);
  for (const [k, v] of Object.entries(other.scalar)) acc.scalar[k] = Math.max(acc.scalar[k] ?? 0, v);
  for (const h of other.has) acc.has.add(h);
}

function cloneAccum(a: Accum): Accum {
  return { ...a, scalar: { ...a.scalar }, has: new Set(a.has) };
}

/** Container requests where a missing cpu or memory request takes the given defaults. */
function withDefaults(r: ResourceList, defaults: { cpuNano?: number; memory?: number }): ResourceList {
  return {
    ...r,
    ...(r.cpuNano === undefined && defaults.cpuNano !== undefined ? { cpuNano: defaults.cpuNano } : {}),
    ...(r.memory === undefined && defaults.memory !== undefined ? { memory: defaults.memory } : {}),
  };
}

/**
 * resource.PodRequests: regular containers summed; init containers taken as a maximum, sidecars
 * (init containers with restartPolicy Always) added to both; pod-level requests replace the
 * container sum for the resources they set; overhead added.
 */
function podRequests(spec: Raw, defaults: { cpuNano?: number; memory?: number } = {}): Accum {
  const reqs = emptyAccum();
  for (const c of arr(spec['containers'])) {
    addTo(reqs, withDefaults(resourceList(obj(obj(c)['resources'])['requests']), defaults));
  }
  const sidecars = emptyAccum();
  const init = emptyAccum();
  for (const c of arr(spec['initContainers'])) {
    const r = withDefaults(resourceList(obj(obj(c)['resources'])['requests']), defaults);
    let effective: Accum;
    if (obj(c)['restartPolicy'] === 'Always') {
      addTo(reqs, r);
      addTo(sidecars, r);
      effective = cloneAccum(sidecars);
    } else {
      effective = emptyAccum();
      addTo(effective, r);
      addTo(effective, {
        cpuNano: sidecars.cpuNano,
        memory: sidecars.memory,
        ephemeral: sidecars.ephemeral,
        scalar: sidecars.scalar,
      });
    }
    maxInto(init, effective);
  }
  maxInto(reqs, init);
  const podLevel = resourceList(obj(obj(spec['resources']))['requests']);
  if (podLevel.cpuNano !== undefined) {
    reqs.cpuNano = podLevel.cpuNano;
    reqs.has.add('cpu');
  }
  if (podLevel.memory !== undefined) {
    reqs.memory = podLevel.memory;
    reqs.has.add('memory');
  }
  addTo(reqs, resourceList(spec['overhead']));
  return reqs;
}

function hasPodLevelRequests(spec: Raw): boolean {
  const r = resourceList(obj(obj(spec['resources']))['requests']);
  return r.cpuNano !== undefined || r.memory !== undefined;
}

function limitsOf(spec: Raw): { cpu: number; memory: number } {
  let cpuNano = 0;
  let memory = 0;
  for (const c of arr(spec['containers'])) {
    const l = resourceList(obj(obj(c)['resources'])['limits']);
    cpuNano += l.cpuNano ?? 0;
    memory += l.memory ?? 0;
  }
  const podLevel = resourceList(obj(obj(spec['resources']))['limits']);
  return {
    cpu: Math.ceil((podLevel.cpuNano ?? cpuNano) / 1e6),
    memory: podLevel.memory ?? memory,
  };
}

function tolerationsOf(v: unknown): Toleration[] {
  return arr(v).map((t) => {
    const o = obj(t);
    return {
      key: str(o['key']) ?? '',
      operator: o['operator'] === 'Exists' ? 'Exists' : 'Equal',
      value: str(o['value']) ?? '',
      effect: str(o['effect']) ?? '',
    };
  });
}

export function taintsOf(v: unknown): Taint[] {
  const out: Taint[] = [];
  for (const t of arr(v)) {
    const o = obj(t);
    const effect = o['effect'];
    if (effect !== 'NoSchedule' && effect !== 'PreferNoSchedule' && effect !== 'NoExecute') continue;
    out.push({ key: str(o['key']) ?? '', value: str(o['value']) ?? '', effect });
  }
  return out;
}

/** Extra requirements from matchLabelKeys (In the pod's value) and mismatchLabelKeys (NotIn). */
function labelKeyRequirements(term: Raw, podLabels: Labels): Requirement[] {
  const out: Requirement[] = [];
  for (const k of arr(term['matchLabelKeys'])) {
    if (typeof k === 'string' && Object.hasOwn(podLabels, k)) {
      out.push({ key: k, operator: 'In', values: [podLabels[k] ?? ''] });
    }
  }
  for (const k of arr(term['mismatchLabelKeys'])) {
    if (typeof k === 'string' && Object.hasOwn(podLabels, k)) {
      out.push({ key: k, operator: 'NotIn', values: [podLabels[k] ?? ''] });
    }
  }
  return out;
}

function affinityTerm(term: Raw, namespace: string, podLabels: Labels): AffinityTerm {
  const raw = term['labelSelector'];
  const base = labelSelector(raw === undefined ? undefined : obj(raw));
  const extra = labelKeyRequirements(term, podLabels);
  const namespaces = arr(term['namespaces']).filter((n): n is string => typeof n === 'string');
  const nsSelector = term['namespaceSelector'];
  return {
    // matchLabelKeys are merged into the selector (as the API server does at creation);
    // a term without labelSelector still selects nothing.
    selector: raw === undefined || raw === null ? base : withRequirements(base, extra),
    namespaces: new Set(namespaces.length === 0 && nsSelector === undefined ? [namespace] : namespaces),
    namespaceSelector: labelSelector(nsSelector === undefined ? undefined : obj(nsSelector)),
    topologyKey: str(term['topologyKey']) ?? '',
  };
}

function spreadConstraints(v: unknown, podLabels: Labels): SpreadConstraint[] {
  return arr(v).map((c) => {
    const o = obj(c);
    const raw = o['labelSelector'];
    let selector = labelSelector(raw === undefined ? undefined : obj(raw));
    const keys = arr(o['matchLabelKeys']).filter(
      (k): k is string => typeof k === 'string' && Object.hasOwn(podLabels, k),
    );
    if (keys.length > 0) {
      selector = withRequirements(
        selector,
        keys.map((k) => ({ key: k, operator: 'In' as const, values: [podLabels[k] ?? ''] })),
      );
    }
    return {
      maxSkew: num(o['maxSkew']) ?? 1,
      topologyKey: str(o['topologyKey']) ?? '',
      whenUnsatisfiable: o['whenUnsatisfiable'] === 'ScheduleAnyway' ? 'ScheduleAnyway' : 'DoNotSchedule',
      selector,
      minDomains: num(o['minDomains']) ?? 1,
      nodeAffinityPolicy: o['nodeAffinityPolicy'] === 'Ignore' ? 'Ignore' : 'Honor',
      nodeTaintsPolicy: o['nodeTaintsPolicy'] === 'Honor' ? 'Honor' : 'Ignore',
    };
  });
}

/** How the scheduler names images for locality: a missing tag is `:latest`. */
export function normalizedImageName(image: string): string {
  const lastSlash = image.lastIndexOf('/');
  const last = image.slice(lastSlash + 1);
  if (last.includes(':') || image.includes('@')) return image;
  return `${image}:latest`;
}

function hostPortsOf(spec: Raw): HostPort[] {
  const out: HostPort[] = [];
  for (const c of [...arr(spec['containers']), ...arr(spec['initContainers'])]) {
    for (const p of arr(obj(c)['ports'])) {
      const o = obj(p);
      const port = num(o['hostPort']);
      if (port === undefined || port <= 0) continue;
      out.push({ ip: str(o['hostIP']) ?? '0.0.0.0', protocol: str(o['protocol']) ?? 'TCP', port });
    }
  }
  return out;
}

export interface PodInput {
  /** The pod as the API server has it (defaults applied), or a pod built from a template. */
  readonly pod: KubeObject;
  /** Priority when the pod has none of its own (priorityClassName resolved by the caller). */
  readonly priority?: number;
  readonly workload?: string;
  readonly owner?: Owner;
}

/** Reads a pod into the scheduler's view of it. */
export function simPod(input: PodInput): SimPod {
  const pod = input.pod;
  const meta = pod.metadata;
  const spec = obj(pod['spec']);
  const status = obj(pod['status']);
  const namespace = meta.namespace ?? 'default';
  const name = meta.name ?? meta.generateName ?? 'pod';
  const labels = meta.labels ?? {};
  const affinity = obj(spec['affinity']);
  const nodeAffinity = obj(affinity['nodeAffinity']);
  const podAffinity = obj(affinity['podAffinity']);
  const podAntiAffinity = obj(affinity['podAntiAffinity']);
  const required = nodeAffinity['requiredDuringSchedulingIgnoredDuringExecution'];
  const requests = podRequests(spec);
  const podLevel = hasPodLevelRequests(spec);
  // The scheduler's non-zero requests: defaults for containers without a cpu or memory request
  // (with pod-level requests, only for a resource no level sets).
  const nonMissing = podLevel
    ? {
        ...(requests.has.has('cpu') ? {} : { cpuNano: DEFAULT_MILLI_CPU_REQUEST * 1e6 }),
        ...(requests.has.has('memory') ? {} : { memory: DEFAULT_MEMORY_REQUEST }),
      }
    : { cpuNano: DEFAULT_MILLI_CPU_REQUEST * 1e6, memory: DEFAULT_MEMORY_REQUEST };
  const nonZero = podRequests(spec, nonMissing);
  const weighted = (terms: unknown): WeightedAffinityTerm[] =>
    arr(terms).map((t) => ({
      ...affinityTerm(obj(obj(t)['podAffinityTerm']), namespace, labels),
      weight: num(obj(t)['weight']) ?? 0,
    }));
  const containers = [...arr(spec['initContainers']), ...arr(spec['containers'])];
  const images = containers.map((c) => normalizedImageName(str(obj(c)['image']) ?? ''));
  const nodeSelector = strMap(spec['nodeSelector']);
  const priority = num(spec['priority']) ?? input.priority ?? 0;
  const start = str(status['startTime']) ?? meta.creationTimestamp;
  const startMs = start === undefined ? Number.MAX_SAFE_INTEGER : Date.parse(start);
  const ownerRef = arr(meta['ownerReferences'])
    .map(obj)
    .find((o) => o['controller'] === true);
  const owner: Owner | undefined =
    input.owner ??
    (ownerRef !== undefined
      ? { kind: str(ownerRef['kind']) ?? '', name: str(ownerRef['name']) ?? '' }
      : undefined);
  const p: Omit<SimPod, 'shape'> = {
    key: `${namespace}/${name}`,
    namespace,
    name,
    labels,
    priority,
    preemptionPolicy: spec['preemptionPolicy'] === 'Never' ? 'Never' : 'PreemptLowerPriority',
    requests: {
      cpu: Math.ceil(requests.cpuNano / 1e6),
      memory: requests.memory,
      ephemeral: requests.ephemeral,
      scalar: requests.scalar,
    },
    nonZero: { cpu: Math.ceil(nonZero.cpuNano / 1e6), memory: nonZero.memory },
    limits: limitsOf(spec),
    ...(Object.keys(nodeSelector).length > 0 ? { nodeSelector } : {}),
    ...(required !== undefined && required !== null
      ? { requiredNodeTerms: nodeSelectorTerms(arr(obj(required)['nodeSelectorTerms']).map(obj)) }
      : {}),
    preferredNodeTerms: arr(nodeAffinity['preferredDuringSchedulingIgnoredDuringExecution'])
      .map(obj)
      .flatMap((t) => {
        const weight = num(t['weight']) ?? 0;
        const [term] = nodeSelectorTerms([obj(t['preference'])]);
        return weight === 0 || term === undefined ? [] : [{ weight, term }];
      }),
    tolerations: tolerationsOf(spec['tolerations']),
    requiredAffinity: arr(podAffinity['requiredDuringSchedulingIgnoredDuringExecution']).map((t) =>
      affinityTerm(obj(t), namespace, labels),
    ),
    requiredAntiAffinity: arr(podAntiAffinity['requiredDuringSchedulingIgnoredDuringExecution']).map((t) =>
      affinityTerm(obj(t), namespace, labels),
    ),
    preferredAffinity: weighted(podAffinity['preferredDuringSchedulingIgnoredDuringExecution']),
    preferredAntiAffinity: weighted(podAntiAffinity['preferredDuringSchedulingIgnoredDuringExecution']),
    spread: spreadConstraints(spec['topologySpreadConstraints'], labels),
    hostPorts: hostPortsOf(spec),
    images,
    containers: containers.length,
    ...(owner === undefined ? {} : { owner }),
    ...(input.workload === undefined ? {} : { workload: input.workload }),
    startTime: Number.isNaN(startMs) ? Number.MAX_SAFE_INTEGER : startMs,
    ...(str(spec['nodeName']) ? { nodeName: str(spec['nodeName']) as string } : {}),
    terminating: meta.deletionTimestamp !== undefined,
    schedulerName: str(spec['schedulerName']) ?? 'default-scheduler',
  };
  return { ...p, shape: shapeOf(pod, priority) };
}

/** What decides a pod's placement, as text: pods of one template share it. */
function shapeOf(pod: KubeObject, priority: number): string {
  const spec = obj(pod['spec']);
  return JSON.stringify([
    pod.metadata.namespace,
    pod.metadata.labels ?? {},
    priority,
    spec['nodeSelector'] ?? null,
    spec['affinity'] ?? null,
    spec['tolerations'] ?? null,
    spec['topologySpreadConstraints'] ?? null,
    arr(spec['containers']).map((c) => [obj(c)['image'], obj(c)['resources'], obj(c)['ports']]),
    arr(spec['initContainers']).map((c) => [obj(c)['image'], obj(c)['resources'], obj(c)['restartPolicy']]),
    spec['overhead'] ?? null,
    spec['resources'] ?? null,
  ]);
}

/** Reads a node into the scheduler's view of it. */
export function simNode(node: KubeObject, origin?: string): SimNode {
  const spec = obj(node['spec']);
  const status = obj(node['status']);
  const alloc = obj(status['allocatable']);
  const r = resourceList(alloc);
  const podsText = alloc['pods'];
  const pods = intValue(typeof podsText === 'number' ? String(podsText) : (str(podsText) ?? '0')) ?? 0;
  const images = new Map<string, number>();
  for (const img of arr(status['images'])) {
    const o = obj(img);
    const size = num(o['sizeBytes']) ?? 0;
    for (const n of arr(o['names'])) if (typeof n === 'string') images.set(normalizedImageName(n), size);
  }
  const ready = arr(status['conditions'])
    .map(obj)
    .some((c) => c['type'] === 'Ready' && c['status'] === 'True');
  return {
    name: node.metadata.name ?? '',
    labels: node.metadata.labels ?? {},
    taints: taintsOf(spec['taints']),
    unschedulable: spec['unschedulable'] === true,
    allocatable: {
      cpu: Math.ceil((r.cpuNano ?? 0) / 1e6),
      memory: r.memory ?? 0,
      ephemeral: r.ephemeral ?? 0,
      scalar: r.scalar,
      pods,
    },
    images,
    ready,
    ...(origin === undefined ? {} : { origin }),
  };
}

/** Milli-CPU of a quantity text, 0 when absent or invalid. */
export function milli(text: string | undefined): number {
  return text === undefined ? 0 : (milliValue(text) ?? 0);
}

/** Bytes of a quantity text, 0 when absent or invalid. */
export function bytesOf(text: string | undefined): number {
  return text === undefined ? 0 : (intValue(text) ?? 0);
}

export { selectorFromSet };
