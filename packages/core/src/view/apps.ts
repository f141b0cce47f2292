import { gunzipSync } from 'node:zlib';
import type { AppSummary, Revision } from '@quai/contracts';
import { applySetId, readinessOf, superseding } from '../deploy/index.js';
import { KubeApiError } from '../kube/index.js';
import { partOf } from './cluster.js';
import type { Obj, Snapshot } from './snapshot.js';
import { compareText } from '../util/index.js';

const PARENT_PREFIX = 'quai-applyset-';
const TOOLING = 'applyset.kubernetes.io/tooling';
/** Revisions are Secrets labelled so (packages/core/src/deploy/revisions.ts writes them). */
const REVISION_SELECTOR = 'quai.dev/record=revision';

export const WORKLOAD_KINDS = [
  ['apps/v1', 'Deployment'],
  ['apps/v1', 'StatefulSet'],
  ['apps/v1', 'DaemonSet'],
  ['batch/v1', 'Job'],
] as const;

/** A revision as its Secret's labels and annotations tell it. */
export function revisionOf(s: Obj): Revision {
  const a = s.metadata.annotations ?? {};
  const statuses = ['pending', 'deployed', 'failed', 'rolled-back', 'superseded', 'interrupted'] as const;
  const status = statuses.find((x) => x === a['quai.dev/status']) ?? 'pending';
  return {
    app: s.metadata.labels?.['quai.dev/app'] ?? '',
    environment: a['quai.dev/environment'] ?? '',
    number: Number(s.metadata.labels?.['quai.dev/revision'] ?? 0),
    status,
    deployedBy: a['quai.dev/deployed-by'] ?? '',
    deployedAt: a['quai.dev/deployed-at'] ?? '',
    digest: a['quai.dev/digest'] ?? '',
    message: a['quai.dev/message'] ?? '',
    images: (a['quai.dev/images'] ?? '').split(',').filter((x) => x !== ''),
    // As packages/core/src/deploy/revisions.ts reads them.
    hasManifests: a['quai.dev/manifests'] !== 'none',
    keepsSecretValues: a['quai.dev/format'] === undefined,
  };
}

/** The manifests a revision Secret keeps (gzipped JSON). */
export function revisionObjects(s: Obj): Obj[] {
  const data = s.data?.['manifests.json.gz'];
  if (data === undefined) return [];
  return JSON.parse(gunzipSync(Buffer.from(data, 'base64')).toString('utf8')) as Obj[];
}

export interface AppRecord {
  readonly summary: AppSummary;
  readonly id: string;
  readonly members: readonly Obj[];
  readonly pods: readonly Obj[];
  readonly revisions: readonly Revision[];
}

const int = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

function endpointsOf(members: readonly Obj[]): string[] {
  const out: string[] = [];
  for (const i of members.filter((m) => m.kind === 'Ingress')) {
    const spec = i.spec as
      | {
          tls?: { hosts?: string[] }[];
          rules?: { host?: string; http?: { paths?: { path?: string }[] } }[];
        }
      | undefined;
    const tls = new Set((spec?.tls ?? []).flatMap((t) => t.hosts ?? []));
    for (const r of spec?.rules ?? []) {
      if (r.host === undefined) continue;
      for (const p of r.http?.paths ?? [{ path: '/' }])
        out.push(`${tls.has(r.host) ? 'https' : 'http'}://${r.host}${p.path ?? '/'}`);
    }
  }
  if (out.length > 0) return [...new Set(out)];
  for (const s of members.filter((m) => m.kind === 'Service')) {
    const ports = ((s.spec?.['ports'] ?? []) as { port?: number; nodePort?: number }[]).map((p) =>
      p.nodePort === undefined ? String(p.port ?? '') : `${p.port ?? ''}→${p.nodePort}`,
    );
    out.push(`Service/${s.metadata.name ?? ''}:${ports.join(',')}`);
  }
  return out;
}

function healthOf(revision: Revision | undefined, workloads: readonly Obj[]): AppSummary['status'] {
  if (revision === undefined) return 'unknown';
  const states = workloads.map((w) => readinessOf(w).state);
  if (revision.status === 'failed' || states.includes('failed')) return 'failed';
  if (revision.status === 'pending' || states.includes('progressing')) return 'progressing';
  return 'ready';
}

/** Team and owner: the app's Namespace carries them (quai.dev/team, quai.dev/owner). */
async function namespaceAnnotations(
  snapshot: Snapshot,
  namespaces: readonly string[],
): Promise<Map<string, Readonly<Record<string, string>>>> {
  const out = new Map<string, Readonly<Record<string, string>>>();
  const listed = await snapshot.client
    .list('v1', 'Namespace', { signal: snapshot.signal })
    .catch((error: unknown) => {
      if (error instanceof KubeApiError && error.status === 403) return undefined;
      throw error;
    });
  if (listed !== undefined) {
    for (const n of listed) out.set(n.metadata.name ?? '', n.metadata.annotations ?? {});
    return out;
  }
  for (const ns of namespaces) {
    const n = await snapshot.client
      .tryGet({ apiVersion: 'v1', kind: 'Namespace', name: ns }, snapshot.signal)
      .catch(() => undefined);
    if (n !== undefined) out.set(ns, n.metadata.annotations ?? {});
  }
  return out;
}

/** Every app `quai apply` deployed that the user may read: one per ApplySet parent Secret. */
export async function listApps(snapshot: Snapshot): Promise<AppRecord[]> {
  const sel = 'applyset.kubernetes.io/part-of';
  const [secrets, revisionSecrets, pods, ...memberLists] = await Promise.all([
    snapshot.list('v1', 'Secret', 'applyset.kubernetes.io/id'),
    snapshot.list('v1', 'Secret', REVISION_SELECTOR),
    // Pods do not carry the ApplySet label (their templates do not): they are an app's when a
    // workload of the app selects them.
    snapshot.list('v1', 'Pod'),
    ...WORKLOAD_KINDS.map(([v, k]) => snapshot.list(v, k, sel)),
    snapshot.list('v1', 'Service', sel),
    snapshot.list('networking.k8s.io/v1', 'Ingress', sel),
  ]);
  const parents = secrets.filter(
    (s) =>
      (s.metadata.name ?? '').startsWith(PARENT_PREFIX) &&
      (s.metadata.annotations?.[TOOLING] ?? '').startsWith('quai/'),
  );
  const byId = new Map<string, Obj[]>();
  for (const m of memberLists.flat()) {
    const id = partOf(m);
    if (id !== undefined) byId.set(id, [...(byId.get(id) ?? []), m]);
  }
  const podsByNamespace = new Map<string, Obj[]>();
  for (const p of pods) {
    const ns = p.metadata.namespace ?? '';
    podsByNamespace.set(ns, [...(podsByNamespace.get(ns) ?? []), p]);
  }
  const podsOf = (namespace: string, workloads: readonly Obj[]): Obj[] => {
    const selectors = workloads
      .map((w) => (w.spec?.['selector'] as { matchLabels?: Record<string, string> } | undefined)?.matchLabels)
      .filter((m): m is Record<string, string> => m !== undefined && Object.keys(m).length > 0);
    return (podsByNamespace.get(namespace) ?? []).filter((p) =>
      selectors.some((m) => Object.entries(m).every(([k, v]) => p.metadata.labels?.[k] === v)),
    );
  };
  const revs = new Map<string, Revision[]>();
  for (const s of revisionSecrets) {
    const r = revisionOf(s);
    const key = `${s.metadata.namespace ?? ''}/${r.app}`;
    revs.set(key, [...(revs.get(key) ?? []), r]);
  }
  const annotations = await namespaceAnnotations(snapshot, [
    ...new Set(parents.map((p) => p.metadata.namespace ?? '')),
  ]);
  const apps: AppRecord[] = [];
  for (const parent of parents) {
    const namespace = parent.metadata.namespace ?? '';
    const name = (parent.metadata.name ?? '').slice(PARENT_PREFIX.length);
    const id = applySetId({ name: parent.metadata.name ?? '', namespace });
    const members = byId.get(id) ?? [];
    const revisions = superseding(
      (revs.get(`${namespace}/${name}`) ?? []).sort((a, b) => a.number - b.number),
    );
    const revision = revisions.at(-1);
    const workloads = members.filter((m) => WORKLOAD_KINDS.some(([, k]) => k === m.kind));
    const scaled = workloads.filter((w) => w.kind === 'Deployment' || w.kind === 'StatefulSet');
    const labels = workloads[0]?.metadata.labels ?? {};
    const ns = annotations.get(namespace) ?? {};
    const team = ns['quai.dev/team'];
    const owner = ns['quai.dev/owner'];
    const version = labels['app.kubernetes.io/version'];
    const images = new Set<string>();
    for (const w of workloads) {
      const template = (w.spec?.['template'] ??
        (w.spec?.['jobTemplate'] as Obj | undefined)?.spec?.['template']) as
        { spec?: { containers?: { image?: string }[] } } | undefined;
      for (const c of template?.spec?.containers ?? []) if (c.image !== undefined) images.add(c.image);
    }
    apps.push({
      id,
      members,
      pods: podsOf(namespace, workloads),
      revisions,
      summary: {
        name,
        namespace,
        environment: labels['quai.dev/environment'] ?? revision?.environment ?? '',
        ...(team === undefined ? {} : { team }),
        ...(owner === undefined ? {} : { owner }),
        status: healthOf(revision, workloads),
        ...(revision === undefined ? {} : { revision }),
        ...(version === undefined ? {} : { version }),
        images: [...images].sort(),
        replicas: {
          desired: scaled.reduce((s, w) => s + int(w.spec?.['replicas'] ?? 1), 0),
          ready: scaled.reduce((s, w) => s + int(w.status?.['readyReplicas']), 0),
        },
        endpoints: endpointsOf(members),
        components: [
          ...new Set(
            workloads
              .map((w) => w.metadata.labels?.['app.kubernetes.io/component'])
              .filter((c): c is string => c !== undefined),
          ),
        ].sort(),
      },
    });
  }
  return apps.sort(
    (a, b) =>
      compareText(a.summary.name, b.summary.name) || compareText(a.summary.namespace, b.summary.namespace),
  );
}
