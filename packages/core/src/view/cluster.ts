import type { ClusterOverview, EventView, FailingWorkload, NodeView } from '@quai/contracts';
import { LABEL_PART_OF, readinessOf } from '../deploy/index.js';
import { quantityValue } from '../render/index.js';
import type { Obj } from './snapshot.js';
import { compareText } from '../util/index.js';

/** A string field of an object read from the cluster, else the fallback. */
export function text(value: unknown, fallback = ''): string {
  return typeof value === 'string' ? value : fallback;
}

/** KWOK's annotation: the nodes it simulates carry it; every other node runs pods for real. */
export const KWOK_NODE_ANNOTATION = 'kwok.x-k8s.io/node';

/** A Kubernetes quantity in base units (cores, bytes); NaN when it is not one. */
export function parseQuantity(q: unknown): number {
  if (typeof q === 'number') return q;
  if (typeof q !== 'string') return Number.NaN;
  return quantityValue(q.trim());
}

const num = (v: unknown): number => {
  const n = parseQuantity(v);
  return Number.isFinite(n) ? n : 0;
};

/**
 * Simulated nodes are those KWOK manages (its annotation); every other node runs a kubelet. The
 * local cluster also labels its real nodes `quai.dev/node=real`.
 */
export function nodeKind(node: Obj): 'real' | 'simulated' {
  if (node.metadata.annotations?.[KWOK_NODE_ANNOTATION] !== undefined) return 'simulated';
  return 'real';
}

interface PodSpecLite {
  readonly nodeName?: string;
  readonly containers?: readonly { readonly resources?: { readonly requests?: Record<string, string> } }[];
}

/** What a pod asks for: the sum of its containers' requests (cores, bytes). */
export function podRequests(pod: Obj): { cpu: number; memory: number } {
  const spec = pod.spec as PodSpecLite | undefined;
  let cpu = 0;
  let memory = 0;
  for (const c of spec?.containers ?? []) {
    cpu += num(c.resources?.requests?.['cpu']);
    memory += num(c.resources?.requests?.['memory']);
  }
  return { cpu, memory };
}

const active = (pod: Obj): boolean => {
  const phase = pod.status?.['phase'];
  return phase !== 'Succeeded' && phase !== 'Failed';
};

export function nodeViews(nodes: readonly Obj[], pods: readonly Obj[]): NodeView[] {
  const byNode = new Map<string, { cpu: number; memory: number; running: number }>();
  for (const p of pods) {
    const node = (p.spec as PodSpecLite | undefined)?.nodeName;
    if (node === undefined || !active(p)) continue;
    const r = podRequests(p);
    const t = byNode.get(node) ?? { cpu: 0, memory: 0, running: 0 };
    t.cpu += r.cpu;
    t.memory += r.memory;
    t.running++;
    byNode.set(node, t);
  }
  return nodes
    .map((n): NodeView => {
      const name = n.metadata.name ?? '';
      const alloc = (n.status?.['allocatable'] ?? {}) as Record<string, string>;
      const conditions = (n.status?.['conditions'] ?? []) as { type: string; status: string }[];
      const used = byNode.get(name) ?? { cpu: 0, memory: 0, running: 0 };
      const labels = n.metadata.labels ?? {};
      const zone = labels['topology.kubernetes.io/zone'];
      return {
        name,
        kind: nodeKind(n),
        ready: conditions.some((c) => c.type === 'Ready' && c.status === 'True'),
        unschedulable: n.spec?.['unschedulable'] === true,
        roles: Object.keys(labels)
          .filter((k) => k.startsWith('node-role.kubernetes.io/'))
          .map((k) => k.slice('node-role.kubernetes.io/'.length))
          .sort(),
        kubelet: text((n.status?.['nodeInfo'] as Record<string, unknown> | undefined)?.['kubeletVersion']),
        ...(zone === undefined ? {} : { zone }),
        cpu: { allocatable: Math.round(num(alloc['cpu']) * 1000), requested: Math.round(used.cpu * 1000) },
        memory: { allocatable: Math.round(num(alloc['memory'])), requested: Math.round(used.memory) },
        pods: { allocatable: num(alloc['pods']), running: used.running },
      };
    })
    .sort((a, b) => compareText(a.kind, b.kind) || compareText(a.name, b.name));
}

export function capacityOf(nodes: readonly NodeView[]): ClusterOverview['capacity'] {
  const total = (kind: 'real' | 'simulated') => {
    const of = nodes.filter((n) => n.kind === kind);
    const sum = (f: (n: NodeView) => number) => of.reduce((s, n) => s + f(n), 0);
    return {
      cpu: { allocatable: sum((n) => n.cpu.allocatable), requested: sum((n) => n.cpu.requested) },
      memory: { allocatable: sum((n) => n.memory.allocatable), requested: sum((n) => n.memory.requested) },
      pods: { allocatable: sum((n) => n.pods.allocatable), requested: sum((n) => n.pods.running) },
    };
  };
  return { real: total('real'), simulated: total('simulated') };
}

/** The events, newest first (at most `limit`), optionally only those about the named objects. */
export function eventViews(
  events: readonly Obj[],
  limit: number,
  about?: (namespace: string, kind: string, name: string) => boolean,
): EventView[] {
  const out: EventView[] = [];
  for (const e of events) {
    const involved = (e['involvedObject'] ?? e['regarding'] ?? {}) as Record<string, string>;
    const namespace = e.metadata.namespace ?? involved['namespace'] ?? '';
    const kind = involved['kind'] ?? '';
    const name = involved['name'] ?? '';
    if (about !== undefined && !about(namespace, kind, name)) continue;
    const at = text(
      e['lastTimestamp'] ?? e['eventTime'] ?? e['firstTimestamp'] ?? e.metadata.creationTimestamp,
    );
    out.push({
      namespace,
      object: `${kind}/${name}`,
      type: e['type'] === 'Warning' ? 'Warning' : 'Normal',
      reason: text(e['reason']),
      message: text(e['message'] ?? e['note']),
      count: Number(e['count'] ?? (e['series'] as { count?: number } | undefined)?.count ?? 1),
      at,
    });
  }
  return out.sort((a, b) => compareText(b.at, a.at)).slice(0, limit);
}

const WAITING_FAILURES = new Set([
  'CrashLoopBackOff',
  'ImagePullBackOff',
  'ErrImagePull',
  'CreateContainerConfigError',
  'CreateContainerError',
  'InvalidImageName',
  'RunContainerError',
]);

/** Pods that crash, cannot pull, cannot be scheduled; workloads whose rollout failed. */
export function failingWorkloads(
  pods: readonly Obj[],
  workloads: readonly Obj[],
  appOf: (o: Obj) => string | undefined,
  now: Date,
): FailingWorkload[] {
  const out: FailingWorkload[] = [];
  const base = (o: Obj) => {
    const app = appOf(o);
    return {
      namespace: o.metadata.namespace ?? '',
      object: `${o.kind}/${o.metadata.name ?? ''}`,
      ...(app === undefined ? {} : { app }),
    };
  };
  for (const p of pods) {
    const statuses = [
      ...((p.status?.['initContainerStatuses'] ?? []) as Record<string, unknown>[]),
      ...((p.status?.['containerStatuses'] ?? []) as Record<string, unknown>[]),
    ];
    const waiting = statuses
      .map((s) => (s['state'] as Record<string, Record<string, string>> | undefined)?.['waiting'])
      .find((w) => w !== undefined && WAITING_FAILURES.has(w['reason'] ?? ''));
    if (waiting !== undefined) {
      out.push({ ...base(p), reason: waiting['reason'] ?? '', message: waiting['message'] ?? '' });
      continue;
    }
    if (p.status?.['phase'] === 'Failed') {
      out.push({
        ...base(p),
        reason: text(p.status['reason'], 'Failed'),
        message: text(p.status['message']),
      });
      continue;
    }
    const scheduled = ((p.status?.['conditions'] ?? []) as Record<string, string>[]).find(
      (c) => c['type'] === 'PodScheduled',
    );
    const created = Date.parse(p.metadata.creationTimestamp ?? '');
    if (scheduled?.['status'] === 'False' && Number.isFinite(created) && now.getTime() - created > 60_000) {
      out.push({
        ...base(p),
        reason: scheduled['reason'] ?? 'Unschedulable',
        message: scheduled['message'] ?? '',
        since: p.metadata.creationTimestamp ?? '',
      });
    }
  }
  for (const w of workloads) {
    const r = readinessOf(w);
    if (r.state === 'failed') out.push({ ...base(w), reason: 'RolloutFailed', message: r.message });
  }
  return out;
}

/** The id an object's ApplySet membership label carries. */
export function partOf(o: Obj): string | undefined {
  return o.metadata.labels?.[LABEL_PART_OF];
}
