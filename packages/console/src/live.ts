import { API_PREFIX } from './api.js';

/** One kind of object to follow, as `GET /api/v1/watch` takes it. */
export interface WatchScope {
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespace?: string;
  readonly labelSelector?: string;
}

/**
 * What a set of streams reports to its page: `live` (every stream open and the cluster watched),
 * `lost` (the server cannot be reached, or the cluster cannot be watched: the stream reconnects),
 * `off` (the user may not watch this scope, or the server refused the query: the page still
 * shows what it loaded, and does not follow it).
 */
export type StreamState = 'live' | 'lost' | 'off';

/** Why a stream is lost: the server (the link to `quai serve`) or the cluster (its API server). */
export type LostCause = 'server' | 'cluster';

export interface WatchHandlers {
  /** Something changed (or may have: a snapshot after a reconnection). */
  readonly changed: () => void;
  readonly state: (state: StreamState, cause?: LostCause) => void;
  /** The session ended (401). */
  readonly signedOut: () => void;
}

/** The opening of a stream: EventSource in the browser (tests may give another). */
export type OpenEvents = (url: string) => EventSource;

/** The query of `GET /api/v1/watch` and `/objects` (it takes nothing else). */
export const watchQuery = (scope: WatchScope): string => {
  const q = new URLSearchParams({ apiVersion: scope.apiVersion, kind: scope.kind });
  if (scope.namespace !== undefined) q.set('namespace', scope.namespace);
  if (scope.labelSelector !== undefined) q.set('labelSelector', scope.labelSelector);
  return q.toString();
};

/** The longest pause between two attempts to reopen a stream the server refused. */
const MAX_DELAY_MS = 30_000;

/**
 * Follows one scope with the server's `GET /api/v1/watch` stream (server-sent events through
 * EventSource): a `snapshot`, then one `change` per object added, modified or deleted, and
 * `status` when the cluster's watch is cut or back. A stream cut by the network is reopened by
 * EventSource itself; a stream the server refused (EventSource gives no status) is asked once
 * more with `GET /api/v1/objects` to learn why: 401 ends the session, 403 (or 400) stops following, any
 * other failure is retried after a pause that grows. Returns the function that closes it.
 */
export function follow(
  scope: WatchScope,
  handlers: WatchHandlers,
  open: OpenEvents = (url) => new EventSource(url),
  fetcher: typeof fetch = (input, init) => fetch(input, init),
): () => void {
  const query = watchQuery(scope);
  let source: EventSource | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;
  let delay = 1000;
  let clusterLost = false;

  const retry = (): void => {
    if (closed) return;
    timer = setTimeout(start, delay);
    delay = Math.min(delay * 2, MAX_DELAY_MS);
  };

  /** Why the server refused the stream: asked with the same query as a plain GET. */
  const diagnose = async (): Promise<void> => {
    let status: number;
    try {
      status = (await fetcher(`${API_PREFIX}/objects?${query}`, { credentials: 'same-origin' })).status;
    } catch {
      status = 0;
    }
    if (closed) return;
    if (status === 401) return handlers.signedOut();
    // Not allowed, or a query the server does not take: asking again would change nothing.
    if (status === 400 || status === 403 || status === 404) return handlers.state('off');
    handlers.state('lost', 'server');
    retry();
  };

  function start(): void {
    if (closed) return;
    const es = open(`${API_PREFIX}/watch?${query}`);
    source = es;
    es.addEventListener('open', () => {
      delay = 1000;
      if (!clusterLost) handlers.state('live');
    });
    es.addEventListener('snapshot', () => {
      // The first one, or the one after a reconnection: what was missed is in it.
      handlers.changed();
    });
    es.addEventListener('change', () => handlers.changed());
    es.addEventListener('status', (e) => {
      const data = JSON.parse((e as MessageEvent<string>).data) as { connected?: boolean };
      clusterLost = data.connected !== true;
      if (clusterLost) handlers.state('lost', 'cluster');
      else {
        handlers.state('live');
        handlers.changed();
      }
    });
    es.addEventListener('error', (e) => {
      if (closed) return;
      // A named `error` event of the server (a reader too slow): the server closes the stream
      // and EventSource reopens it, with a new snapshot.
      if (typeof (e as MessageEvent).data === 'string') return;
      if (es.readyState === EventSource.CONNECTING) {
        // The network cut: EventSource reopens it by itself.
        handlers.state('lost', 'server');
        return;
      }
      // Refused (a status other than 200): EventSource gives up; find out why.
      es.close();
      void diagnose();
    });
  }

  start();
  return () => {
    closed = true;
    if (timer !== undefined) clearTimeout(timer);
    source?.close();
  };
}
