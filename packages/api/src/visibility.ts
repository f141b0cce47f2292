import type { KubeClient } from '@quai/core';
import type { Principal } from './auth.js';
import type { ApiDeps } from './context.js';
import { Decisions } from './decisions.js';

/** What the trail and the history hold about one change: who made it, in which namespace. */
export interface Scoped {
  readonly actor: string;
  readonly namespace?: string;
}

/** Decides which entries a user may read; `undefined` when everything. */
export type Visibility = ((entry: Scoped) => Promise<boolean>) | undefined;

/** How long the API server's answer for one user and namespace is kept, as its own caches do (served
 * stale up to three times as long while it is checked again). */
const DECISION_MS = 10_000;

/**
 * Who may read the audit trail and the history: what happened in a namespace is visible to those
 * the API server lets list its events there (the `view`, `edit` and `admin` roles do); entries
 * without a namespace, and everything, to those who may list events in every namespace. Everyone
 * sees their own actions. The API server decides (a SelfSubjectAccessReview as the user), so the
 * trail never shows more than `kubectl get events` would. A server that does not impersonate acts
 * for everyone with its own rights, and shows them everything.
 */
export function visibility(deps: Pick<ApiDeps, 'config' | 'clientFor' | 'now'>) {
  const decisions = new Decisions<boolean>({
    freshMs: DECISION_MS,
    staleMs: 3 * DECISION_MS,
    now: () => deps.now().getTime(),
  });

  const canListEvents = (
    client: KubeClient,
    principal: Principal,
    namespace: string | undefined,
  ): Promise<boolean> =>
    decisions.get(JSON.stringify([principal.user, principal.groups, namespace ?? null]), () =>
      client
        .create({
          apiVersion: 'authorization.k8s.io/v1',
          kind: 'SelfSubjectAccessReview',
          metadata: {},
          spec: {
            resourceAttributes: {
              verb: 'list',
              resource: 'events',
              ...(namespace === undefined ? {} : { namespace }),
            },
          },
        })
        .then((review) => (review['status'] as { allowed?: boolean } | undefined)?.allowed === true),
    );

  return async (principal: Principal): Promise<Visibility> => {
    if (!deps.config.impersonate) return undefined;
    const client = await deps.clientFor(principal);
    if (await canListEvents(client, principal, undefined)) return undefined;
    return async (entry) =>
      entry.actor === principal.user ||
      (entry.namespace !== undefined && (await canListEvents(client, principal, entry.namespace)));
  };
}

/**
 * Reads newest-first pages from the store until `limit` visible entries are found, the store has
 * no more, or `maxScanned` entries were looked at; `next` is the cursor to go on from when more
 * may follow (the id of the last entry looked at).
 */
export async function visiblePage<T extends Scoped & { readonly id: string }>(
  read: (before: string | undefined, limit: number) => Promise<T[]>,
  visible: Visibility,
  options: { readonly limit: number; readonly before?: string; readonly maxScanned?: number },
): Promise<{ items: T[]; next?: string }> {
  const { limit } = options;
  if (visible === undefined) {
    const items = await read(options.before, limit);
    const last = items.at(-1);
    return items.length === limit && last !== undefined ? { items, next: last.id } : { items };
  }
  const maxScanned = options.maxScanned ?? 10_000;
  const items: T[] = [];
  let before = options.before;
  let scanned = 0;
  const page = Math.max(limit, 100);
  for (;;) {
    const rows = await read(before, page);
    for (const row of rows) {
      scanned++;
      before = row.id;
      if (await visible(row)) items.push(row);
      if (items.length === limit) return { items, next: row.id };
    }
    if (rows.length < page) return { items };
    if (scanned >= maxScanned) return before === undefined ? { items } : { items, next: before };
  }
}
