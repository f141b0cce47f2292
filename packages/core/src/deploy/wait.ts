import { msg, type Message } from '@quai/contracts';
import { QuaiError } from '../errors/index.js';
import {
  abortable,
  describeObject,
  type InformerLease,
  type KubeClient,
  type KubeObject,
} from '../kube/index.js';
import { readinessOf, WAITED_KINDS, type Live, type Readiness } from './readiness/index.js';
import { compareText } from '../util/index.js';

/** Container states that never get better by waiting. */
const FATAL_WAITING = new Set([
  'ImagePullBackOff',
  'ErrImagePull',
  'InvalidImageName',
  'CrashLoopBackOff',
  'CreateContainerConfigError',
  'CreateContainerError',
  'RunContainerError',
]);

/**
 * The kubelet's words when it lost the container runtime (containerd restarting, its socket gone,
 * a node too busy to answer in time): gRPC's own errors, not the container's. The kubelet tries
 * again by itself, so a container in CreateContainerError or RunContainerError for that reason
 * heals once the runtime is back ("error reading from server: EOF" was seen with containerd killed
 * in the middle of a rollout).
 */
const RUNTIME_LOST =
  /error reading from server|code = (Unavailable|DeadlineExceeded)|transport is closing|connection refused|connection reset|broken pipe|context deadline exceeded|\.sock\b/i;

/** How long a container waiting for its runtime to come back may take before the rollout fails. */
const RUNTIME_GRACE_MS = 60_000;

/**
 * What a container's waiting state says of the rollout: `fatal` (will not get better by waiting),
 * `heals` (the kubelet lost the container runtime and retries by itself: fatal only if it lasts
 * RUNTIME_GRACE_MS), or undefined (on its way: pulling, creating).
 */
export function waitingVerdict(
  reason: string | undefined,
  message: string | undefined,
): 'fatal' | 'heals' | undefined {
  if (reason === undefined || !FATAL_WAITING.has(reason)) return undefined;
  if (
    (reason === 'CreateContainerError' || reason === 'RunContainerError') &&
    message !== undefined &&
    RUNTIME_LOST.test(message)
  ) {
    return 'heals';
  }
  return 'fatal';
}

// Their pods are judged too. A Job's pod that cannot pull its image waits for ever: the Job's
// backoff limit counts failed pods only, so the Job itself would stay active until its deadline.
const WORKLOADS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'Job']);

export interface ObjectReadiness {
  readonly object: string;
  readonly readiness: Readiness;
}

export interface WaitFailure {
  readonly object: string;
  readonly reason: Message;
  /** The last events of the failing pod or object, newest last. */
  readonly events: readonly string[];
}

export interface WaitOptions {
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (states: readonly ObjectReadiness[]) => void;
  /** How long the watches may stay cut before the wait gives up with the connection error (default 30 s). */
  readonly disconnectedMs?: number;
  /** How long a failure that may heal (pods refused) must last before the wait fails (default 10 s). */
  readonly transientMs?: number;
  /** Ignored: waits follow watches now, not a polling interval (kept so older callers compile). */
  readonly intervalMs?: number;
}

interface ContainerSpec {
  readonly name?: string;
  readonly image?: string;
  readonly command?: readonly string[];
  readonly args?: readonly string[];
}
interface PodSpecLike {
  readonly containers?: readonly ContainerSpec[];
  readonly initContainers?: readonly ContainerSpec[];
}
interface PodLike extends KubeObject {
  readonly spec?: PodSpecLike;
  readonly status?: {
    readonly initContainerStatuses?: readonly ContainerStatus[];
    readonly containerStatuses?: readonly ContainerStatus[];
  };
}
interface ContainerStatus {
  readonly name: string;
  readonly state?: { readonly waiting?: { readonly reason?: string; readonly message?: string } };
}
interface EndpointSliceLike extends KubeObject {
  readonly endpoints?: readonly { readonly conditions?: { readonly ready?: boolean } }[];
}

/**
 * Where the waiter reads live objects: the shared watch caches (waits), or one list per kind and
 * namespace (a reading of now, for `quai status`). Either way, reading costs no request per object.
 */
interface LiveSource {
  list(apiVersion: string, kind: string, namespace: string): readonly KubeObject[];
}

function key(apiVersion: string, kind: string, namespace: string): string {
  return `${apiVersion}|${kind}|${namespace}`;
}

/** The kinds (and namespaces) a set of waited objects needs read to judge them. */
function neededKinds(
  objects: readonly KubeObject[],
): { apiVersion: string; kind: string; namespace: string }[] {
  const out = new Map<string, { apiVersion: string; kind: string; namespace: string }>();
  const add = (apiVersion: string, kind: string, namespace: string): void => {
    out.set(key(apiVersion, kind, namespace), { apiVersion, kind, namespace });
  };
  for (const o of objects) {
    const ns = o.metadata.namespace ?? 'default';
    add(o.apiVersion, o.kind, ns);
    if (WORKLOADS.has(o.kind)) add('v1', 'Pod', ns);
    if (o.kind === 'Service') add('discovery.k8s.io/v1', 'EndpointSlice', ns);
  }
  return [...out.values()];
}

function waited(objects: readonly KubeObject[]): KubeObject[] {
  return objects.filter((x) => (WAITED_KINDS as readonly string[]).includes(x.kind));
}

function matchesSelector(
  labels: Readonly<Record<string, string>> | undefined,
  selector: Record<string, string>,
): boolean {
  return Object.entries(selector).every(([k, v]) => labels?.[k] === v);
}

/** The containers that make a pod what it is: name, image, command and arguments. */
function shapeOf(spec: PodSpecLike | undefined): string {
  const one = (c: ContainerSpec): string =>
    JSON.stringify([c.name ?? '', c.image ?? '', c.command ?? [], c.args ?? []]);
  return JSON.stringify([(spec?.initContainers ?? []).map(one), (spec?.containers ?? []).map(one)]);
}

/**
 * A pod of the workload's current template in a state that will not recover (bad image, crash
 * loop). Pods of an older template (a rollout being undone, a rollback replacing a crashing
 * version) are not the current version's fault and are not judged.
 */
function fatalPod(
  source: LiveSource,
  workload: Live,
): { pod: string; reason: Message; heals: boolean } | undefined {
  const ns = workload.metadata.namespace ?? 'default';
  const selector = (workload.spec?.['selector'] as { matchLabels?: Record<string, string> } | undefined)
    ?.matchLabels;
  if (selector === undefined) return undefined;
  const template = (workload.spec?.['template'] as { spec?: PodSpecLike } | undefined)?.spec;
  const current = template === undefined ? undefined : shapeOf(template);
  for (const pod of source.list('v1', 'Pod', ns) as readonly PodLike[]) {
    if (!matchesSelector(pod.metadata.labels, selector)) continue;
    if (current !== undefined && shapeOf(pod.spec) !== current) continue;
    for (const c of [
      ...(pod.status?.initContainerStatuses ?? []),
      ...(pod.status?.containerStatuses ?? []),
    ]) {
      const reason = c.state?.waiting?.reason;
      const verdict = waitingVerdict(reason, c.state?.waiting?.message);
      if (verdict !== undefined) {
        return {
          pod: pod.metadata.name ?? '',
          heals: verdict === 'heals',
          reason: msg('deploy.fatalPod', {
            pod: pod.metadata.name ?? '',
            container: c.name,
            reason: reason ?? '',
            detail: c.state?.waiting?.message
              ? msg('deploy.fatalPodDetail', { message: c.state.waiting.message })
              : '',
          }),
        };
      }
    }
  }
  return undefined;
}

/**
 * A Service whose pods are all scaled to zero on purpose (off-hours, `quai scale --replicas 0`):
 * every Deployment or StatefulSet of this apply that it selects wants no replica, so it will have
 * no endpoint, and that is its ready state.
 */
function selectsOnlySleepers(source: LiveSource, objects: readonly KubeObject[], svc: Live): boolean {
  const selector = svc.spec?.['selector'] as Record<string, string> | undefined;
  if (selector === undefined || Object.keys(selector).length === 0) return false;
  const ns = svc.metadata.namespace ?? 'default';
  const selected = objects
    .filter(
      (o) =>
        (o.kind === 'Deployment' || o.kind === 'StatefulSet') && (o.metadata.namespace ?? 'default') === ns,
    )
    .map(
      (o) =>
        source.list(o.apiVersion, o.kind, ns).find((x) => x.metadata.name === o.metadata.name) as
          Live | undefined,
    )
    .filter((w): w is Live => {
      const template = w?.spec?.['template'] as
        { metadata?: { labels?: Record<string, string> } } | undefined;
      return w !== undefined && matchesSelector(template?.metadata?.labels, selector);
    });
  return selected.length > 0 && selected.every((w) => w.spec?.['replicas'] === 0);
}

function readyEndpoints(source: LiveSource, svc: Live): number {
  return (
    source.list(
      'discovery.k8s.io/v1',
      'EndpointSlice',
      svc.metadata.namespace ?? 'default',
    ) as readonly EndpointSliceLike[]
  )
    .filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === svc.metadata.name)
    .reduce((n, s) => n + (s.endpoints ?? []).filter((e) => e.conditions?.ready !== false).length, 0);
}

interface Judged {
  readonly states: readonly ObjectReadiness[];
  /** The first object that will not get better, and the object whose events tell why. */
  readonly failure:
    | {
        readonly object: string;
        readonly reason: Message;
        readonly eventsOf: { ns: string; name: string };
        /**
         * May heal by itself, so a wait confirms it lasts before failing: pods refused (a control
         * plane restarting, `transientMs`), or the container runtime lost (`RUNTIME_GRACE_MS`).
         */
        readonly heals: 'refusal' | 'runtime' | undefined;
      }
    | undefined;
}

/** The failure to report: the first one, unless it may heal and a later one will not. */
function worse(first: Judged['failure'], next: NonNullable<Judged['failure']>): Judged['failure'] {
  return first === undefined || (first.heals !== undefined && next.heals === undefined) ? next : first;
}

/** Judges every waited object by its kind's rule, from what the source holds now. */
function judge(source: LiveSource, objects: readonly KubeObject[]): Judged {
  const states: ObjectReadiness[] = [];
  let failure: Judged['failure'];
  for (const o of waited(objects)) {
    const ns = o.metadata.namespace ?? 'default';
    const live = source.list(o.apiVersion, o.kind, ns).find((x) => x.metadata.name === o.metadata.name) as
      Live | undefined;
    const object = describeObject(o);
    if (live === undefined || (o.metadata.uid !== undefined && live.metadata.uid !== o.metadata.uid)) {
      states.push({ object, readiness: { state: 'progressing', message: msg('deploy.ready.notCreated') } });
      continue;
    }
    // The cache may not have seen the version just applied yet: judging an older one would call
    // a rollout ready before it started.
    if ((live.metadata.generation ?? 0) < (o.metadata.generation ?? 0)) {
      states.push({
        object,
        readiness: { state: 'progressing', message: msg('deploy.ready.notSeen') },
      });
      continue;
    }
    let readiness: Readiness =
      o.kind === 'Service' && selectsOnlySleepers(source, objects, live)
        ? { state: 'ready', message: msg('deploy.ready.scaledToZero') }
        : readinessOf(live, o.kind === 'Service' ? readyEndpoints(source, live) : undefined);
    if (readiness.state === 'failed') {
      failure = worse(failure, {
        object,
        reason: readiness.message,
        eventsOf: { ns, name: o.metadata.name ?? '' },
        heals: readiness.transient === true ? 'refusal' : undefined,
      });
    } else if (readiness.state === 'progressing' && WORKLOADS.has(o.kind)) {
      const fatal = fatalPod(source, live);
      if (fatal) {
        failure = worse(failure, {
          object,
          reason: fatal.reason,
          eventsOf: { ns, name: fatal.pod },
          heals: fatal.heals ? 'runtime' : undefined,
        });
        readiness = { state: 'failed', message: fatal.reason };
      }
    }
    states.push({ object, readiness });
  }
  return { states, failure };
}

async function lastEvents(
  client: KubeClient,
  namespace: string,
  name: string,
  signal?: AbortSignal,
): Promise<string[]> {
  const events = await client
    .list<
      KubeObject & {
        reason?: string;
        message?: string;
        lastTimestamp?: string;
        eventTime?: string;
        type?: string;
      }
    >('v1', 'Event', {
      namespace,
      fieldSelector: `involvedObject.name=${name}`,
      ...(signal ? { signal } : {}),
    })
    .catch(() => []);
  return events
    .sort((a, b) => compareText(a.lastTimestamp ?? a.eventTime ?? '', b.lastTimestamp ?? b.eventTime ?? ''))
    .slice(-5)
    .map((e) => `${e.type ?? ''} ${e.reason ?? ''}: ${e.message ?? ''}`.trim());
}

async function failed(
  client: KubeClient,
  f: NonNullable<Judged['failure']>,
  signal?: AbortSignal,
): Promise<DeployWaitError> {
  return new DeployWaitError({
    object: f.object,
    reason: f.reason,
    events: await lastEvents(client, f.eventsOf.ns, f.eventsOf.name, signal),
  });
}

/**
 * One reading of every waited object (for `quai status`): one list per kind and namespace, then
 * each object judged by its kind's rule, with the objects that will not get better marked failed
 * (a rollout past its deadline, a failed Job, a pod in ImagePullBackOff or CrashLoopBackOff).
 */
export async function readinessNow(
  client: KubeClient,
  objects: readonly KubeObject[],
  signal?: AbortSignal,
): Promise<{ readonly states: readonly ObjectReadiness[]; readonly failures: readonly WaitFailure[] }> {
  const lists = new Map<string, KubeObject[]>();
  await Promise.all(
    neededKinds(waited(objects)).map(async (k) => {
      const items = await client
        .list(k.apiVersion, k.kind, { namespace: k.namespace, ...(signal ? { signal } : {}) })
        .catch(() => []);
      lists.set(key(k.apiVersion, k.kind, k.namespace), items);
    }),
  );
  const { states, failure } = judge({ list: (a, k, ns) => lists.get(key(a, k, ns)) ?? [] }, objects);
  return { states, failures: failure === undefined ? [] : [(await failed(client, failure, signal)).failure] };
}

/**
 * Waits until every object is ready by its kind's rule, or fails fast. Give it the objects as the
 * server answered the apply (with uid and generation), so an older version still in a cache is
 * never taken for the new one. It reads the client's
 * shared watch caches (one list+watch per kind and namespace, shared with every other wait), and
 * judges again on each change: no polling. Fails with ROLLOUT_FAILED on a state that will not get
 * better or at the timeout, and with the connection error when the watches stay cut.
 */
export async function waitForReady(
  client: KubeClient,
  objects: readonly KubeObject[],
  options: WaitOptions,
): Promise<readonly ObjectReadiness[]> {
  const targets = waited(objects);
  if (targets.length === 0) return [];
  const signal = options.signal;
  signal?.throwIfAborted();
  const leases: InformerLease<KubeObject>[] = [];
  const unsubscribes: (() => void)[] = [];
  try {
    const byKey = new Map<string, InformerLease<KubeObject>>();
    for (const k of neededKinds(targets)) {
      const lease = client.informers.acquire({
        apiVersion: k.apiVersion,
        kind: k.kind,
        namespace: k.namespace,
      });
      leases.push(lease);
      byKey.set(key(k.apiVersion, k.kind, k.namespace), lease);
    }
    const source: LiveSource = {
      list: (a, k, ns) => byKey.get(key(a, k, ns))?.informer.list() ?? [],
    };
    const deadline = Date.now() + options.timeoutMs;
    const timedOut = (): DeployWaitError => {
      const { states } = judge(source, targets);
      const pending = states.filter((s) => s.readiness.state !== 'ready');
      const list = pending
        .map((p) => msg('deploy.progress.waiting', { object: p.object, detail: p.readiness.message }))
        .reduceRight<Message | undefined>(
          (rest, first) => (rest === undefined ? first : msg('deploy.join', { first, rest })),
          undefined,
        );
      return new DeployWaitError({
        object: pending.map((p) => p.object).join(', '),
        reason: msg('deploy.notReadyAfter', {
          seconds: Math.round(options.timeoutMs / 1000),
          pending: list ?? '',
        }),
        events: [],
      });
    };
    const synced = Promise.all(leases.map((l) => l.informer.synced));
    const syncTimer = new Promise<never>((_, reject) => {
      const t = setTimeout(() => reject(timedOut()), options.timeoutMs);
      void synced.finally(() => clearTimeout(t)).catch(() => undefined);
    });
    await abortable(Promise.race([synced, syncTimer]), signal);

    return await new Promise<readonly ObjectReadiness[]>((resolve, reject) => {
      let done = false;
      let scheduled = false;
      let lastProgress = '';
      const transientSince = new Map<string, number>();
      const own = signal === undefined ? undefined : AbortSignal.any([signal]);
      const finish = (error: Error | undefined, value?: readonly ObjectReadiness[]): void => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        clearInterval(health);
        own?.removeEventListener('abort', onAbort);
        if (error === undefined) resolve(value ?? []);
        else reject(error);
      };
      const evaluate = (): void => {
        scheduled = false;
        if (done) return;
        const { states, failure } = judge(source, targets);
        if (failure?.heals !== undefined) {
          // Pods refused may be a moment's refusal (a control plane restarting), a container may wait
          // for its runtime to come back (containerd restarting): fail only if it lasts.
          const since = transientSince.get(failure.object) ?? Date.now();
          transientSince.set(failure.object, since);
          const grace = failure.heals === 'runtime' ? RUNTIME_GRACE_MS : (options.transientMs ?? 10_000);
          if (Date.now() - since < grace) {
            report(states);
            return;
          }
        } else if (failure === undefined) {
          transientSince.clear();
        }
        if (failure !== undefined) {
          done = true;
          clearTimeout(timer);
          clearInterval(health);
          failed(client, failure, signal).then(reject, reject);
          return;
        }
        report(states);
        if (states.every((s) => s.readiness.state === 'ready')) finish(undefined, states);
      };
      const report = (states: readonly ObjectReadiness[]): void => {
        const progress = JSON.stringify(states);
        if (progress !== lastProgress) {
          lastProgress = progress;
          options.onProgress?.(states);
        }
      };
      const schedule = (): void => {
        if (scheduled || done) return;
        scheduled = true;
        // Changes come in bursts (a rollout touches pods, replica sets, the workload): judge once.
        setTimeout(evaluate, 20);
      };
      const onAbort = (): void => finish(own?.reason as Error);
      own?.addEventListener('abort', onAbort, { once: true });
      const timer = setTimeout(() => finish(timedOut()), Math.max(0, deadline - Date.now()));
      // The watches retry by themselves; a cut that lasts is the cluster gone, not a slow rollout.
      const health = setInterval(() => {
        // A refusal being confirmed has no event to wake the judge: look again each second.
        if (transientSince.size > 0) schedule();
        const limit = options.disconnectedMs ?? 30_000;
        const cut = leases.find(
          (l) => l.informer.failingSince !== undefined && Date.now() - l.informer.failingSince > limit,
        );
        if (cut !== undefined) {
          const cause = cut.informer.lastError;
          finish(
            cause instanceof QuaiError
              ? cause
              : new QuaiError('CLUSTER_UNREACHABLE', msg('deploy.lostConnection'), {
                  hint: msg('deploy.lostConnectionHint'),
                  cause,
                }),
          );
        }
      }, 1000);
      for (const l of leases) unsubscribes.push(l.informer.subscribe(schedule));
      evaluate();
    });
  } finally {
    for (const u of unsubscribes) u();
    for (const l of leases) l.release();
  }
}

/** A rollout that failed: what, why, and the last events. */
export class DeployWaitError extends QuaiError {
  readonly failure: WaitFailure;
  constructor(failure: WaitFailure) {
    super(
      'ROLLOUT_FAILED',
      msg('deploy.rolloutFailedError', { object: failure.object, reason: failure.reason }),
      {
        hint: msg('deploy.rolloutFailedHint'),
        details: { failure },
      },
    );
    this.failure = failure;
  }
}
