import { msg } from '@quai/contracts';
import { QuaiError, toQuaiError, type InformerEvent, type InformerLease, type KubeObject } from '@quai/core';
import type { Context, Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { z } from 'zod';
import type { ApiDeps, Env } from './context.js';
import { Decisions } from './decisions.js';
import { parseLabelSelector } from './selector.js';

/** Changes a reader may lag behind before its stream is closed (it reconnects and gets a snapshot). */
export const MAX_PENDING_CHANGES = 2_000;
/** A comment line this often keeps proxies from closing a quiet stream, and reports the link. */
const KEEPALIVE_MS = 15_000;

const NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;
const WatchQuery = z
  .object({
    apiVersion: z
      .string()
      .regex(/^([a-z0-9.-]+\/)?v[0-9]+([a-z]+[0-9]+)?$/, 'an apiVersion such as v1 or apps/v1'),
    kind: z.string().regex(/^[A-Z][A-Za-z0-9]*$/, 'a kind such as Pod or Deployment'),
    namespace: z.string().regex(NAME).max(63).optional(),
    labelSelector: z.string().max(1024).optional(),
  })
  .strict();

interface Scope {
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespace?: string;
  readonly labelSelector?: string;
}

/** A reader's view: a cache, and the filter when the cache is wider than the query. */
interface View {
  readonly lease: InformerLease<KubeObject>;
  readonly scope: Scope;
  readonly filter?: (o: KubeObject) => boolean;
}

export interface LiveOptions {
  /** Aborted when the server stops: open streams end so the drain is not held by them. */
  readonly stopping: AbortSignal;
}

/**
 * `GET /api/v1/watch?apiVersion=&kind=&namespace=&labelSelector=`: live changes of one kind as
 * server-sent events, from the watch cache of the signed-in user's client (the API server decides
 * what the user may see: the stream starts only after one LIST as that user succeeds).
 * `GET /api/v1/objects` with the same query answers the cache's objects as JSON (a LIST without
 * a request to the API server). Events: `snapshot` (every cached object), then `change` events
 * (ADDED, MODIFIED, DELETED), `status` ({connected: false, since} while the cluster cannot be
 * watched, {connected: true} when it is back; the cache relists and reports what changed
 * meanwhile). Memory is bounded: the cache keeps one copy per user and kind, and a reader that
 * lags more than MAX_PENDING_CHANGES changes behind is disconnected with an `error` event (it
 * reconnects and gets a new snapshot).
 */
export function liveRoutes(app: Hono<Env>, prefix: string, deps: ApiDeps, options: LiveOptions): void {
  /**
   * Whether each user may list each scope (a LIST as the user, which throws the API server's
   * refusal), and whether they may list a kind in every namespace: then one cache of the whole
   * kind serves all their narrower queries, filtered here. Both kept 10 s, served stale up to 30 s
   * while checked again.
   */
  const allowed = new Decisions<void>({ freshMs: 10_000, staleMs: 30_000 });
  const broad = new Decisions<boolean>({ freshMs: 10_000, staleMs: 30_000 });
  const mayListAll = (key: string, list: () => Promise<unknown>): Promise<boolean> =>
    broad.get(key, () =>
      list().then(
        () => true,
        (error: unknown) => {
          if (toQuaiError(error).code === 'FORBIDDEN') return false;
          throw error;
        },
      ),
    );

  /** The cache of the query's scope, as the signed-in user may read it (the API server decides). */
  const cacheOf = async (c: Context<Env>): Promise<View> => {
    const parsed = WatchQuery.safeParse(c.req.query());
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new QuaiError(
        'INPUT_INVALID',
        msg('api.watch.badQuery', { field: issue?.path.join('.') || '?', problem: issue?.message ?? '' }),
        { hint: msg('api.watch.badQueryHint') },
      );
    }
    const q = parsed.data;
    if (q.kind === 'Secret') {
      throw new QuaiError('INPUT_INVALID', msg('api.watch.noSecrets'), {
        hint: msg('api.watch.noSecretsHint'),
      });
    }
    if (options.stopping.aborted) {
      throw new QuaiError('CLUSTER_UNREACHABLE', msg('api.draining'), { hint: msg('api.drainingHint') });
    }
    const principal = c.get('principal');
    const client = await deps.clientFor(principal);
    const scope: Scope = {
      apiVersion: q.apiVersion,
      kind: q.kind,
      ...(q.namespace === undefined ? {} : { namespace: q.namespace }),
      ...(q.labelSelector === undefined ? {} : { labelSelector: q.labelSelector }),
    };
    const synced = async (lease: InformerLease<KubeObject>): Promise<InformerLease<KubeObject>> => {
      try {
        await lease.informer.synced;
        return lease;
      } catch (error) {
        lease.release();
        throw toQuaiError(error);
      }
    };
    // A user who may list the kind everywhere reads a namespace or a selector from one cache of
    // the whole kind: one watch instead of one per namespace, and no wait for a new cache.
    const matcher = q.labelSelector === undefined ? () => true : parseLabelSelector(q.labelSelector);
    if ((q.namespace !== undefined || q.labelSelector !== undefined) && matcher !== undefined) {
      const wide = { apiVersion: q.apiVersion, kind: q.kind };
      const key = JSON.stringify([principal.user, principal.groups, wide]);
      if (await mayListAll(key, () => client.list(q.apiVersion, q.kind, { limit: 1 }))) {
        const lease = await synced(client.informers.acquire<KubeObject>(wide)).catch(() => undefined);
        // A whole kind too big for one cache (over the informer's object limit), or a failed
        // list: the query's own scope is watched instead, and says why if it fails too.
        if (lease !== undefined)
          return {
            lease,
            scope,
            filter: (o) =>
              (q.namespace === undefined || o.metadata.namespace === q.namespace) &&
              matcher(o.metadata.labels),
          };
      }
    }
    // The user's right to read, decided by the API server (impersonation): a refusal is a 403
    // with its reason. Kept 10 s, as the API server's own authorization caches do. The check is
    // shared, so it is not tied to this request's signal: another request may be waiting on it.
    const key = JSON.stringify([principal.user, principal.groups, scope]);
    await allowed.get(key, () =>
      client.list(q.apiVersion, q.kind, { ...scope, limit: 1 }).then(() => undefined),
    );
    return { lease: await synced(client.informers.acquire<KubeObject>(scope)), scope };
  };

  // One read from the cache: what a LIST would answer, without a request to the API server.
  app.get(`${prefix}/objects`, async (c) => {
    const { lease, scope, filter } = await cacheOf(c as Context<Env>);
    try {
      const all = lease.informer.list();
      const items = filter === undefined ? all : all.filter(filter);
      return c.json({ ...scope, connected: lease.informer.failingSince === undefined, items });
    } finally {
      lease.release();
    }
  });

  app.get(`${prefix}/watch`, async (c) => {
    const { lease, scope, filter } = await cacheOf(c as Context<Env>);
    return streamSSE(c as Context<Env>, async (stream) => {
      const informer = lease.informer;
      const pending: string[] = [];
      let wake: (() => void) | undefined;
      let closed = false;
      let overflow = false;
      const stop = (): void => {
        closed = true;
        wake?.();
      };
      stream.onAbort(stop);
      options.stopping.addEventListener('abort', stop, { once: true });
      // Through a wider cache, the reader sees its scope's changes only: an object whose labels
      // move it in or out of the selector is ADDED or DELETED for this reader.
      const inView = new Set<string>();
      const viewed = (e: InformerEvent<KubeObject>): InformerEvent<KubeObject> | undefined => {
        if (filter === undefined) return e;
        const key = `${e.object.metadata.namespace ?? ''}/${e.object.metadata.name ?? ''}`;
        const was = inView.has(key);
        const is = e.type !== 'DELETED' && filter(e.object);
        if (is) inView.add(key);
        else inView.delete(key);
        if (is) return was ? { type: 'MODIFIED', object: e.object } : { type: 'ADDED', object: e.object };
        return was ? { type: 'DELETED', object: e.object } : undefined;
      };
      const unsubscribe = informer.subscribe((event) => {
        if (closed) return;
        const e = viewed(event);
        if (e === undefined) return;
        if (pending.length >= MAX_PENDING_CHANGES) {
          overflow = true;
          stop();
          return;
        }
        pending.push(JSON.stringify({ type: e.type, object: e.object }));
        wake?.();
      });
      const snapshot = (): KubeObject[] => {
        const all = informer.list();
        if (filter === undefined) return all;
        const items = all.filter(filter);
        for (const o of items) inView.add(`${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`);
        return items;
      };
      const keepalive = setInterval(() => wake?.(), KEEPALIVE_MS);
      let connected = informer.failingSince === undefined;
      try {
        await stream.writeSSE({
          event: 'snapshot',
          data: JSON.stringify({
            ...scope,
            items: snapshot(),
          }),
        });
        while (!closed) {
          const now = informer.failingSince === undefined;
          if (now !== connected) {
            connected = now;
            await stream.writeSSE({
              event: 'status',
              data: JSON.stringify(
                now
                  ? { connected: true }
                  : { connected: false, since: new Date(informer.failingSince ?? Date.now()).toISOString() },
              ),
            });
          }
          if (pending.length === 0) {
            await new Promise<void>((resolve) => {
              wake = resolve;
              // Connection state is re-read at each keepalive.
            });
            wake = undefined;
            if (pending.length === 0 && !closed) await stream.write(': keepalive\n\n');
            continue;
          }
          const batch = pending.splice(0, pending.length);
          for (const data of batch) await stream.writeSSE({ event: 'change', data });
        }
        if (overflow) {
          const e = new QuaiError('RATE_LIMITED', msg('api.watch.tooSlow', { n: MAX_PENDING_CHANGES }), {
            hint: msg('api.watch.tooSlowHint'),
          });
          await stream.writeSSE({ event: 'error', data: JSON.stringify(e.toBody(c.get('lang'))) });
        }
      } catch {
        // The reader went away mid-write: nothing to tell anyone.
      } finally {
        clearInterval(keepalive);
        unsubscribe();
        options.stopping.removeEventListener('abort', stop);
        lease.release();
      }
    });
  });
}
