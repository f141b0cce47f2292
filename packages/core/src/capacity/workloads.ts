/**
 * Workloads to pods: the pods a controller would create from a manifest (Deployment through its
 * ReplicaSet, StatefulSet, ReplicaSet, ReplicationController, Job, CronJob's next Job, DaemonSet
 * on each node it targets, bare Pod), with what admission would add: the namespace's LimitRange
 * defaults, requests copied from limits where only limits are set, the priority of the
 * PriorityClass, DaemonSet tolerations.
 */
import { createHash } from 'node:crypto';
import type { KubeObject } from '../kube/index.js';
import { simPod, type SimPod } from './model.js';
import { labelSelector, type Selector } from './selectors.js';

type Raw = Record<string, unknown>;

function obj(v: unknown): Raw {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Raw) : {};
}
function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? (v as unknown[]) : [];
}

export interface PriorityClassInfo {
  readonly value: number;
  readonly preemptionPolicy?: 'PreemptLowerPriority' | 'Never';
}

/** Defaults admission applies to containers of a namespace (LimitRange type Container). */
export interface ContainerDefaults {
  readonly defaultRequest: Readonly<Record<string, string>>;
  readonly default: Readonly<Record<string, string>>;
}

export interface AdmissionContext {
  readonly priorityClasses: ReadonlyMap<string, PriorityClassInfo>;
  /** The class marked globalDefault, if any. */
  readonly defaultPriority?: PriorityClassInfo;
  readonly limitRanges: ReadonlyMap<string, ContainerDefaults>;
}

export const NO_ADMISSION: AdmissionContext = { priorityClasses: new Map(), limitRanges: new Map() };

/** LimitRange defaulting and the API server's "requests default to limits". */
function admitContainer(c: Raw, defaults: ContainerDefaults | undefined): Raw {
  const resources = obj(c['resources']);
  const limits: Record<string, unknown> = { ...(defaults?.default ?? {}), ...obj(resources['limits']) };
  const requests: Record<string, unknown> = { ...obj(resources['requests']) };
  for (const [k, v] of Object.entries(limits)) {
    if (requests[k] !== undefined) continue;
    // A default request from the LimitRange wins over the limit (LimitRanger runs first); an
    // explicit limit on the container is copied when there is no default request.
    const explicitLimit = obj(resources['limits'])[k];
    requests[k] = explicitLimit ?? defaults?.defaultRequest[k] ?? v;
  }
  for (const [k, v] of Object.entries(defaults?.defaultRequest ?? {}))
    if (requests[k] === undefined) requests[k] = v;
  return {
    ...c,
    resources: {
      ...(Object.keys(requests).length > 0 ? { requests } : {}),
      ...(Object.keys(limits).length > 0 ? { limits } : {}),
    },
  };
}

/** The pod admission would store for a template: defaults, priority. */
export function admitPod(
  namespace: string,
  name: string,
  template: Raw,
  admission: AdmissionContext,
  extra: {
    readonly labels?: Readonly<Record<string, string>>;
    readonly tolerations?: readonly unknown[];
  } = {},
): KubeObject {
  const meta = obj(template['metadata']);
  const spec = obj(template['spec']);
  const defaults = admission.limitRanges.get(namespace);
  const className = typeof spec['priorityClassName'] === 'string' ? spec['priorityClassName'] : undefined;
  const cls = className === undefined ? admission.defaultPriority : admission.priorityClasses.get(className);
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace,
      labels: { ...(obj(meta['labels']) as Record<string, string>), ...(extra.labels ?? {}) },
      ...(meta['annotations'] !== undefined
        ? { annotations: meta['annotations'] as Record<string, string> }
        : {}),
    },
    spec: {
      ...spec,
      containers: arr(spec['containers']).map((c) => admitContainer(obj(c), defaults)),
      ...(spec['initContainers'] !== undefined
        ? { initContainers: arr(spec['initContainers']).map((c) => admitContainer(obj(c), defaults)) }
        : {}),
      ...(spec['priority'] === undefined && cls !== undefined ? { priority: cls.value } : {}),
      ...(spec['preemptionPolicy'] === undefined && cls?.preemptionPolicy !== undefined
        ? { preemptionPolicy: cls.preemptionPolicy }
        : {}),
      ...(extra.tolerations !== undefined
        ? { tolerations: [...arr(spec['tolerations']), ...extra.tolerations] }
        : {}),
    },
  };
}

/** Tolerations the DaemonSet controller adds to its pods. */
export const DAEMONSET_TOLERATIONS: readonly unknown[] = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
];

/** A workload and the pods it would run. */
export interface ExpandedWorkload {
  /** `Deployment/web`. */
  readonly workload: string;
  readonly namespace: string;
  readonly replicas: number;
  readonly pods: readonly SimPod[];
  /** The selector of the controller that owns the pods (for default spreading). */
  readonly controller?: { readonly key: string; readonly selector: Selector };
  /** A DaemonSet: one pod per node it targets, placed by the caller. */
  readonly daemonSet?: KubeObject;
}

export interface ExpandOptions {
  readonly admission: AdmissionContext;
  /** Replicas of workloads an HorizontalPodAutoscaler drives: its minimum or its maximum. */
  readonly autoscaled: 'min' | 'max';
}

function templateHash(template: unknown): string {
  return createHash('sha256').update(JSON.stringify(template)).digest('hex').slice(0, 10);
}

/** HPA bounds by the `Kind/name` of the workload they scale, per namespace. */
function hpaTargets(objects: readonly KubeObject[]): Map<string, { min: number; max: number }> {
  const out = new Map<string, { min: number; max: number }>();
  for (const o of objects) {
    if (o.kind !== 'HorizontalPodAutoscaler') continue;
    const spec = obj(o['spec']);
    const ref = obj(spec['scaleTargetRef']);
    const min = typeof spec['minReplicas'] === 'number' ? spec['minReplicas'] : 1;
    const max = typeof spec['maxReplicas'] === 'number' ? spec['maxReplicas'] : min;
    out.set(`${o.metadata.namespace ?? ''}/${String(ref['kind'])}/${String(ref['name'])}`, { min, max });
  }
  return out;
}

const WORKLOAD_KINDS = new Set([
  'Deployment',
  'StatefulSet',
  'ReplicaSet',
  'ReplicationController',
  'Job',
  'CronJob',
  'DaemonSet',
  'Pod',
]);

/** True for the kinds that run pods. */
export function isWorkload(o: KubeObject): boolean {
  return WORKLOAD_KINDS.has(o.kind);
}

/** The pods each workload among `objects` would run. */
export function expandWorkloads(
  objects: readonly KubeObject[],
  defaultNamespace: string,
  options: ExpandOptions,
): ExpandedWorkload[] {
  const hpas = hpaTargets(objects);
  const out: ExpandedWorkload[] = [];
  for (const o of objects) {
    if (!isWorkload(o)) continue;
    const ns = o.metadata.namespace ?? defaultNamespace;
    const name = o.metadata.name ?? o.kind.toLowerCase();
    const spec = obj(o['spec']);
    const workload = `${o.kind}/${name}`;
    const hpa = hpas.get(`${ns}/${o.kind}/${name}`);
    const replicasOf = (): number => {
      if (hpa !== undefined)
        return options.autoscaled === 'max' ? hpa.max : Math.max(hpa.min, numberOr(spec['replicas'], 1));
      return numberOr(spec['replicas'], 1);
    };
    const make = (
      podName: string,
      template: Raw,
      labels: Record<string, string>,
      owner: { kind: string; name: string },
    ): SimPod =>
      simPod({
        pod: admitPod(ns, podName, template, options.admission, { labels }),
        workload,
        owner,
      });
    switch (o.kind) {
      case 'Pod': {
        out.push({
          workload,
          namespace: ns,
          replicas: 1,
          pods: [simPod({ pod: admitPod(ns, name, o, options.admission), workload })],
        });
        break;
      }
      case 'Deployment':
      case 'ReplicaSet':
      case 'ReplicationController': {
        const template = obj(spec['template']);
        const hash = templateHash(template);
        const rsName = o.kind === 'Deployment' ? `${name}-${hash.slice(0, 8)}` : name;
        const labels: Record<string, string> =
          o.kind === 'Deployment' ? { 'pod-template-hash': hash.slice(0, 8) } : {};
        const ownerKind = o.kind === 'ReplicationController' ? 'ReplicationController' : 'ReplicaSet';
        const base =
          o.kind === 'ReplicationController'
            ? labelSelector({ matchLabels: obj(spec['selector']) as Record<string, string> })
            : labelSelector(obj(spec['selector']));
        const selector =
          o.kind === 'Deployment' && base.kind === 'requirements'
            ? labelSelector({
                matchLabels: {
                  ...(obj(obj(spec['selector'])['matchLabels']) as Record<string, string>),
                  'pod-template-hash': hash.slice(0, 8),
                },
                matchExpressions: arr(obj(spec['selector'])['matchExpressions']) as never,
              })
            : base;
        const replicas = replicasOf();
        const pods = Array.from({ length: replicas }, (_, i) =>
          make(`${rsName}-${String(i).padStart(4, '0')}`, template, labels, {
            kind: ownerKind,
            name: rsName,
          }),
        );
        out.push({
          workload,
          namespace: ns,
          replicas,
          pods,
          controller: { key: `${ns}/${ownerKind}/${rsName}`, selector },
        });
        break;
      }
      case 'StatefulSet': {
        const template = obj(spec['template']);
        const replicas = replicasOf();
        const pods = Array.from({ length: replicas }, (_, i) =>
          make(
            `${name}-${i}`,
            template,
            { 'statefulset.kubernetes.io/pod-name': `${name}-${i}` },
            {
              kind: 'StatefulSet',
              name,
            },
          ),
        );
        out.push({
          workload,
          namespace: ns,
          replicas,
          pods,
          controller: {
            key: `${ns}/StatefulSet/${name}`,
            selector: labelSelector(obj(spec['selector'])),
          },
        });
        break;
      }
      case 'Job':
      case 'CronJob': {
        const jobSpec = o.kind === 'CronJob' ? obj(obj(spec['jobTemplate'])['spec']) : spec;
        const template = obj(jobSpec['template']);
        const completions = numberOr(jobSpec['completions'], 1);
        const parallelism = numberOr(jobSpec['parallelism'], 1);
        const replicas = Math.min(completions, parallelism);
        const pods = Array.from({ length: replicas }, (_, i) =>
          make(`${name}-job-${i}`, template, {}, { kind: 'Job', name }),
        );
        out.push({ workload, namespace: ns, replicas, pods });
        break;
      }
      case 'DaemonSet':
        out.push({ workload, namespace: ns, replicas: 0, pods: [], daemonSet: o });
        break;
    }
  }
  return out;
}

function numberOr(v: unknown, d: number): number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : d;
}

/**
 * The pod a DaemonSet runs on one node: the controller pins it with a required node affinity on
 * the node's name (kept ANDed with the template's own required terms) and adds its tolerations.
 */
export function daemonPod(ds: KubeObject, nodeName: string, admission: AdmissionContext): SimPod {
  const ns = ds.metadata.namespace ?? 'default';
  const name = ds.metadata.name ?? 'daemonset';
  const template = obj(obj(ds['spec'])['template']);
  const spec = obj(template['spec']);
  const affinity = obj(spec['affinity']);
  const nodeAffinity = obj(affinity['nodeAffinity']);
  const byName = [{ key: 'metadata.name', operator: 'In', values: [nodeName] }];
  const existing = arr(
    obj(nodeAffinity['requiredDuringSchedulingIgnoredDuringExecution'])['nodeSelectorTerms'],
  );
  const terms =
    existing.length === 0
      ? [{ matchFields: byName }]
      : existing.map((t) => ({ ...obj(t), matchFields: byName }));
  const pinned = {
    ...template,
    spec: {
      ...spec,
      affinity: {
        ...affinity,
        nodeAffinity: {
          ...nodeAffinity,
          requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms },
        },
      },
    },
  };
  return simPod({
    pod: admitPod(ns, `${name}-${nodeName}`, pinned, admission, { tolerations: DAEMONSET_TOLERATIONS }),
    workload: `DaemonSet/${name}`,
    owner: { kind: 'DaemonSet', name },
  });
}
