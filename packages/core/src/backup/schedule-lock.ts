import { hostname } from 'node:os';
import { KubeApiError, type KubeClient, type KubeObject } from '../kube/index.js';
import { SYSTEM_NAMESPACE } from './schedule.js';

/** The scheduled time a runner last handled, kept on the Lease so every runner sees it. */
export const LAST_RUN_ANNOTATION = 'quai.dev/last-scheduled-run';

interface Lease {
  apiVersion: 'coordination.k8s.io/v1';
  kind: 'Lease';
  metadata: {
    name: string;
    namespace: string;
    resourceVersion?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  spec: {
    holderIdentity?: string | null;
    leaseDurationSeconds?: number;
    acquireTime?: string | null;
    renewTime?: string | null;
  };
}

/** Kubernetes MicroTime: RFC 3339 with microseconds. */
function microTime(d: Date): string {
  return d.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

export function defaultIdentity(): string {
  return `${hostname()}-${process.pid}`;
}

export interface HeldLock {
  readonly name: string;
  readonly identity: string;
  /** The scheduled run recorded by the last runner (undefined if none yet). */
  readonly lastRun: Date | undefined;
  /** Records the scheduled time this runner handles (before running it). */
  markRun(at: Date): Promise<void>;
  release(): Promise<void>;
}

/**
 * A lock per schedule that holds across machines: a coordination.k8s.io/v1 Lease in quai-system,
 * taken with optimistic concurrency (resourceVersion), renewed while held, taken over only once
 * expired (a runner that died frees it after `leaseSeconds`). Two daemons, or a daemon and the
 * in-cluster CronJob, never run the same schedule at once.
 */
export class ScheduleLock {
  private readonly leaseSeconds: number;
  constructor(
    private readonly client: KubeClient,
    private readonly identity = defaultIdentity(),
    options: { leaseSeconds?: number } = {},
  ) {
    this.leaseSeconds = options.leaseSeconds ?? 60;
  }

  private async path(name: string): Promise<string> {
    const type = await this.client.resourceType('coordination.k8s.io/v1', 'Lease');
    return this.client.pathFor(type, SYSTEM_NAMESPACE, name);
  }

  private async read(name: string): Promise<Lease | undefined> {
    return this.client.tryGet<Lease & KubeObject>({
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      namespace: SYSTEM_NAMESPACE,
      name,
    });
  }

  private async put(lease: Lease): Promise<Lease | undefined> {
    try {
      return await this.client.request<Lease>({
        method: 'PUT',
        path: await this.path(lease.metadata.name),
        body: lease,
        idempotent: false,
      });
    } catch (error) {
      if (error instanceof KubeApiError && error.code === 'CONFLICT') return undefined;
      throw error;
    }
  }

  /** Who holds the lock now (undefined when free or expired). */
  async holder(name: string, now = new Date()): Promise<string | undefined> {
    const lease = await this.read(name);
    return lease && this.held(lease, now) ? (lease.spec.holderIdentity ?? undefined) : undefined;
  }

  private held(lease: Lease, now: Date): boolean {
    const holder = lease.spec.holderIdentity;
    if (!holder) return false;
    const renewed = Date.parse(lease.spec.renewTime ?? lease.spec.acquireTime ?? '');
    const seconds = lease.spec.leaseDurationSeconds ?? this.leaseSeconds;
    return Number.isFinite(renewed) && renewed + seconds * 1000 > now.getTime();
  }

  /** Takes the lock, or answers undefined when another runner holds it. */
  async acquire(name: string): Promise<HeldLock | undefined> {
    const now = new Date();
    const existing = await this.read(name);
    let lease: Lease | undefined;
    const spec = {
      holderIdentity: this.identity,
      leaseDurationSeconds: this.leaseSeconds,
      acquireTime: microTime(now),
      renewTime: microTime(now),
    };
    if (existing === undefined) {
      try {
        lease = await this.client.create<Lease & KubeObject>({
          apiVersion: 'coordination.k8s.io/v1',
          kind: 'Lease',
          metadata: {
            name,
            namespace: SYSTEM_NAMESPACE,
            labels: { 'app.kubernetes.io/managed-by': 'quai' },
          },
          spec,
        });
      } catch (error) {
        if (error instanceof KubeApiError && error.code === 'ALREADY_EXISTS') return undefined;
        throw error;
      }
    } else {
      if (this.held(existing, now) && existing.spec.holderIdentity !== this.identity) return undefined;
      lease = await this.put({ ...existing, spec: { ...existing.spec, ...spec } });
      if (lease === undefined) return undefined;
    }
    let current: Lease = lease;
    const renew = async (
      patch: Partial<Lease['spec']>,
      annotations?: Record<string, string>,
    ): Promise<void> => {
      const next = await this.put({
        ...current,
        metadata: {
          ...current.metadata,
          ...(annotations ? { annotations: { ...current.metadata.annotations, ...annotations } } : {}),
        },
        spec: { ...current.spec, ...patch },
      });
      if (next === undefined) {
        // Someone wrote the Lease in between (a renewal of ours racing): read and retry once.
        const fresh = await this.read(name);
        if (
          fresh === undefined ||
          (fresh.spec.holderIdentity !== this.identity && this.held(fresh, new Date()))
        )
          throw new Error(`lost the lock ${SYSTEM_NAMESPACE}/${name}`);
        current = fresh;
        return renew(patch, annotations);
      }
      current = next;
    };
    const timer = setInterval(
      () => {
        renew({ renewTime: microTime(new Date()) }).catch(() => undefined);
      },
      Math.max(1000, (this.leaseSeconds * 1000) / 3),
    );
    timer.unref();
    const last = current.metadata.annotations?.[LAST_RUN_ANNOTATION];
    return {
      name,
      identity: this.identity,
      lastRun: last ? new Date(last) : undefined,
      markRun: (at) =>
        renew({ renewTime: microTime(new Date()) }, { [LAST_RUN_ANNOTATION]: at.toISOString() }),
      release: async () => {
        clearInterval(timer);
        await renew({ holderIdentity: null, renewTime: null, acquireTime: null });
      },
    };
  }

  /** The scheduled time last handled, read without taking the lock. */
  async lastRun(name: string): Promise<Date | undefined> {
    const last = (await this.read(name))?.metadata.annotations?.[LAST_RUN_ANNOTATION];
    return last ? new Date(last) : undefined;
  }
}
