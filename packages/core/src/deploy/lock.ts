import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { msg, textOf, type Message } from '@quai/contracts';
import { QuaiError } from '../errors/index.js';
import { KubeApiError, type KubeClient, type KubeObject } from '../kube/index.js';

// One apply of an app at a time, across machines: a coordination.k8s.io/v1 Lease per app in its
// namespace (as backup schedules do in quai-system), taken with optimistic concurrency, renewed
// while held, and freed at the end. The Lease says who holds it (user, host, process) and what
// that apply is doing (the revision's digest, images, message), so a second apply can say who is
// in the way, and the next apply after a crash can record the crashed one as interrupted.
//
// The Lease lasts 60 s and is renewed by the time left: once half of it has passed (every 30 s
// while the apply runs, so a one-minute apply renews it once), and every few seconds after a
// failed renewal until it expires. A lock left by a process that died on another machine blocks
// the app for at most 60 s; on the same machine it is taken over at once (its process is gone).

const LEASE_SECONDS = 60;
/** The holders of the locks this process holds now: a lock of this process not in it was left by an earlier apply. */
const ACTIVE = new Set<string>();
const A = {
  user: 'quai.dev/holder-user',
  host: 'quai.dev/holder-host',
  pid: 'quai.dev/holder-pid',
  environment: 'quai.dev/environment',
  digest: 'quai.dev/digest',
  images: 'quai.dev/images',
  message: 'quai.dev/message',
  startedAt: 'quai.dev/started-at',
} as const;

interface Lease extends KubeObject {
  readonly spec: {
    readonly holderIdentity?: string | null;
    readonly leaseDurationSeconds?: number;
    readonly acquireTime?: string | null;
    readonly renewTime?: string | null;
  };
}

/** What an apply in progress records on the Lease. */
export interface ApplyInProgress {
  readonly user: string;
  readonly environment: string;
  readonly digest: string;
  readonly images: readonly string[];
  readonly message: string;
  readonly startedAt: string;
}

/** The holder of a Lease that was not freed: its apply stopped midway (a crash, a lost connection). */
export interface AbandonedApply extends ApplyInProgress {
  readonly holder: string;
}

export interface HeldAppLock {
  readonly holder: string;
  /** The apply a previous holder left unfinished, if any: to record as interrupted. */
  readonly abandoned: AbandonedApply | undefined;
  /** Aborts when the lock is lost (another process took it after a renewal failed for too long). */
  readonly lost: AbortSignal;
  /** Frees the lock (best effort: an unreachable server leaves it to expire). */
  release(): Promise<void>;
}

/** Kubernetes MicroTime: RFC 3339 with microseconds. */
function microTime(d: Date): string {
  return d.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

export function lockName(app: string): string {
  return `quai-apply-${app}`.slice(0, 253);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Whether the apply holding a Lease still runs: its lock is renewed, and its process is alive
 * (checked when it runs on this machine: a process of this machine that is gone, or an earlier
 * apply of this very process, holds it no more).
 */
function holderRuns(lease: Lease, now: Date, defaultSeconds: number): boolean {
  const a = lease.metadata.annotations ?? {};
  const holder = lease.spec.holderIdentity;
  if (!holder) return false;
  const renewed = Date.parse(lease.spec.renewTime ?? lease.spec.acquireTime ?? '');
  const duration = lease.spec.leaseDurationSeconds ?? defaultSeconds;
  if (!Number.isFinite(renewed) || renewed + duration * 1000 <= now.getTime()) return false;
  if (a[A.host] === hostname() && a[A.pid] !== undefined) {
    const pid = Number(a[A.pid]);
    if (pid === process.pid) return ACTIVE.has(holder);
    return alive(pid);
  }
  return true;
}

function describeHolder(lease: Lease): Message {
  const a = lease.metadata.annotations ?? {};
  return msg('deploy.holder', {
    user: a[A.user] ?? lease.spec.holderIdentity ?? '?',
    host: a[A.host] ?? '?',
    pid: a[A.pid] ?? '?',
    since: lease.spec.acquireTime ?? '?',
  });
}

/**
 * Takes the lock of `app` in `namespace` (which must exist), or fails with LOCKED naming who holds
 * it. A Lease whose holder stopped renewing it (expired), or whose holder process on this same
 * machine is gone, is taken over; the apply it was doing is returned as `abandoned`.
 */
export async function acquireAppLock(
  client: KubeClient,
  namespace: string,
  app: string,
  apply: ApplyInProgress,
  options: { leaseSeconds?: number; signal?: AbortSignal; now?: () => Date } = {},
): Promise<HeldAppLock> {
  const seconds = options.leaseSeconds ?? LEASE_SECONDS;
  const now = options.now ?? (() => new Date());
  const host = hostname();
  // Unique per apply: two applies of one process are two holders.
  const holder = `${apply.user}@${host}:${process.pid}:${randomBytes(4).toString('hex')}`;
  const name = lockName(app);
  const ref = { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', namespace, name };
  const signal = options.signal;
  const annotations = {
    [A.user]: apply.user,
    [A.host]: host,
    [A.pid]: String(process.pid),
    [A.environment]: apply.environment,
    [A.digest]: apply.digest,
    [A.images]: apply.images.join(','),
    [A.message]: apply.message,
    [A.startedAt]: apply.startedAt,
  };
  const spec = (t: Date): Lease['spec'] => ({
    holderIdentity: holder,
    leaseDurationSeconds: seconds,
    acquireTime: microTime(t),
    renewTime: microTime(t),
  });
  const wanted = (t: Date, base?: Lease): Lease => ({
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: {
      ...(base?.metadata ?? {}),
      name,
      namespace,
      labels: { 'app.kubernetes.io/managed-by': 'quai', 'quai.dev/app': app },
      annotations,
    },
    spec: spec(t),
  });

  let lease: Lease;
  let abandoned: AbandonedApply | undefined;
  // The lease runs from when it was asked for (a slow answer shortens it, never lengthens it).
  let requested = Date.now();
  try {
    lease = await client.create<Lease>(wanted(now()), signal ? { signal } : {});
  } catch (error) {
    if (!(error instanceof KubeApiError && error.code === 'ALREADY_EXISTS')) throw error;
    const existing = await client.get<Lease>(ref, signal);
    const a = existing.metadata.annotations ?? {};
    const renewed = Date.parse(existing.spec.renewTime ?? existing.spec.acquireTime ?? '');
    const duration = existing.spec.leaseDurationSeconds ?? seconds;
    const free = !existing.spec.holderIdentity;
    if (holderRuns(existing, now(), seconds)) {
      const until = new Date(renewed + duration * 1000).toISOString();
      throw new QuaiError('APPLY_LOCKED', msg('deploy.locked', { app, holder: describeHolder(existing) }), {
        hint: msg('deploy.lockedHint', { until, seconds: duration, lease: name, namespace }),
        details: { lease: name, namespace, holder: existing.spec.holderIdentity ?? '', expires: until },
      });
    }
    if (!free && a[A.digest] !== undefined) {
      abandoned = {
        holder: existing.spec.holderIdentity ?? '',
        user: a[A.user] ?? '',
        environment: a[A.environment] ?? '',
        digest: a[A.digest] ?? '',
        images: (a[A.images] ?? '').split(',').filter((x) => x !== ''),
        message: a[A.message] ?? '',
        startedAt: a[A.startedAt] ?? existing.spec.acquireTime ?? '',
      };
    }
    try {
      requested = Date.now();
      lease = await client.request<Lease>({
        method: 'PUT',
        path: await leasePath(client, namespace, name, signal),
        body: wanted(now(), existing),
        idempotent: false,
        ...(signal ? { signal } : {}),
      });
    } catch (e) {
      if (e instanceof KubeApiError && e.code === 'CONFLICT') {
        const current = await client.get<Lease>(ref, signal);
        throw new QuaiError(
          'APPLY_LOCKED',
          msg('deploy.lockRaced', { app, holder: describeHolder(current) }),
          {
            hint: msg('deploy.lockRacedHint'),
          },
        );
      }
      throw e;
    }
  }

  ACTIVE.add(holder);
  const lost = new AbortController();
  let current = lease;
  let renewing: Promise<void> | undefined;
  let renewedAt = requested;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const renew = async (): Promise<void> => {
    const sent = Date.now();
    try {
      current = await client.request<Lease>({
        method: 'PUT',
        path: await leasePath(client, namespace, name),
        body: { ...current, spec: { ...current.spec, renewTime: microTime(now()) } },
        idempotent: false,
        timeoutMs: 10_000,
      });
      renewedAt = sent;
    } catch (error) {
      if (error instanceof KubeApiError && (error.code === 'CONFLICT' || error.code === 'NOT_FOUND')) {
        const fresh = await client.tryGet<Lease>(ref).catch(() => undefined);
        if (fresh?.spec.holderIdentity === holder) {
          current = fresh;
          return renew();
        }
        lost.abort(
          new QuaiError(
            'APPLY_LOCKED',
            msg('deploy.lockTaken', {
              app,
              by: fresh ? msg('deploy.lockTakenBy', { holder: describeHolder(fresh) }) : '',
            }),
            { hint: msg('deploy.lockTakenHint') },
          ),
        );
        return;
      }
      // Unreachable or slow for now: keep trying. The lock is lost only when another apply is
      // seen holding it (the next renewal that reaches the server says so): a busy server must
      // not stop an apply that nobody else wants to run.
    }
  };
  // Renewed by the time left: at half the duration after the last renewal that reached the
  // server; after a failed one, again every tenth of the duration (at least 1 s).
  const schedule = (): void => {
    if (stopped || lost.signal.aborted) return;
    const half = renewedAt + (seconds * 1000) / 2 - Date.now();
    timer = setTimeout(
      () => {
        renewing = renew()
          .catch(() => undefined)
          .finally(() => {
            renewing = undefined;
            schedule();
          });
      },
      Math.max(half, Math.max(1000, (seconds * 1000) / 10)),
    );
    timer.unref();
  };
  schedule();
  return {
    holder,
    abandoned,
    lost: lost.signal,
    release: async () => {
      stopped = true;
      clearTimeout(timer);
      ACTIVE.delete(holder);
      await renewing?.catch(() => undefined);
      if (lost.signal.aborted) return;
      await client
        .request({
          method: 'DELETE',
          path: await leasePath(client, namespace, name),
          body: {
            preconditions: { uid: current.metadata.uid, resourceVersion: current.metadata.resourceVersion },
          },
          idempotent: false,
          // Best effort: when the server is gone, the lock expires by itself.
          signal: AbortSignal.timeout(5000),
        })
        .catch(() => undefined);
    },
  };
}

async function leasePath(
  client: KubeClient,
  namespace: string,
  name: string,
  signal?: AbortSignal,
): Promise<string> {
  const type = await client.resourceType('coordination.k8s.io/v1', 'Lease', signal);
  return client.pathFor(type, namespace, name);
}

/**
 * The apply on an app's Lease, if one holds it (for `quai history`): `running` when its holder
 * still renews it, else it stopped midway and the next apply records it as interrupted.
 */
export async function applyInProgress(
  client: KubeClient,
  namespace: string,
  app: string,
  signal?: AbortSignal,
): Promise<(ApplyInProgress & { holder: string; running: boolean }) | undefined> {
  const lease = await client
    .tryGet<Lease>(
      { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', namespace, name: lockName(app) },
      signal,
    )
    .catch(() => undefined);
  const a = lease?.metadata.annotations ?? {};
  if (lease === undefined || !lease.spec.holderIdentity || a[A.digest] === undefined) return undefined;
  return {
    // Recorded revisions keep their notes in English; so does the one shown for a running apply.
    holder: textOf('en', describeHolder(lease)),
    running: holderRuns(lease, new Date(), LEASE_SECONDS),
    user: a[A.user] ?? '',
    environment: a[A.environment] ?? '',
    digest: a[A.digest] ?? '',
    images: (a[A.images] ?? '').split(',').filter((x) => x !== ''),
    message: a[A.message] ?? '',
    startedAt: a[A.startedAt] ?? '',
  };
}
