import type { ComponentChildren } from 'preact';
import { createContext } from 'preact';
import { useCallback, useContext, useEffect, useRef, useState } from 'preact/hooks';
import type { UseCaseId } from '@quai/contracts';
import { ApiError, type Api, type Me, type Res } from './api.js';
import { useI18n } from './i18n.js';
import { follow, type LostCause, type StreamState, type WatchScope } from './live.js';

/** What a page shows while it loads, when it failed, and when it has its data. */
export type Load<T> =
  | { readonly state: 'loading' }
  | { readonly state: 'error'; readonly error: ApiError }
  | { readonly state: 'ok'; readonly data: T };

/**
 * Whether the live streams of the page are connected: `lost` (the server cannot be reached),
 * `cluster` (the server answers but cannot watch the cluster), `idle` (the page follows nothing).
 */
export type Connection = 'live' | 'lost' | 'cluster' | 'idle';

export interface Session {
  readonly api: Api;
  readonly me: Me;
  /** The live stream's state, shown in the header. */
  readonly setConnection: (c: Connection) => void;
  /** The session ended (401): back to the sign-in page. */
  readonly signedOut: () => void;
}

export const SessionContext = createContext<Session | undefined>(undefined);

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (s === undefined) throw new Error('no session');
  return s;
}

const asApiError = (error: unknown): ApiError =>
  error instanceof ApiError ? error : new ApiError(500, 'INTERNAL', (error as Error).message);

/** After a change, how long the page waits for more before it reads again (a burst: one read). */
export const SETTLE_MS = 300;

/**
 * Loads a page's data, then loads it again when the cluster changes what it shows: the page
 * follows the kinds of objects it is made of (`GET /api/v1/watch`, server-sent events) and reads
 * again after each burst of changes, one read at a time. Between changes nothing is asked: no
 * polling. A cut stream is shown as a lost connection; it reopens by itself, and the snapshot it
 * sends then makes the page read again.
 */
export function useLive<T>(
  load: (api: Api, signal: AbortSignal) => Promise<T>,
  scopes: readonly WatchScope[],
  deps: readonly unknown[],
): [Load<T>, () => void] {
  const session = useSession();
  const [value, setValue] = useState<Load<T>>({ state: 'loading' });
  const generation = useRef(0);
  const reload = useCallback(() => {
    const mine = ++generation.current;
    const controller = new AbortController();
    return load(session.api, controller.signal).then(
      (data) => {
        if (mine === generation.current) setValue({ state: 'ok', data });
      },
      (error: unknown) => {
        const e = asApiError(error);
        if (e.unauthenticated) session.signedOut();
        if (mine === generation.current) setValue({ state: 'error', error: e });
      },
    );
  }, deps);
  const key = JSON.stringify(scopes);
  useEffect(() => {
    setValue({ state: 'loading' });
    let running: Promise<void> | undefined;
    let again = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    // One read at a time; changes during a read make one more read after it.
    const read = (): void => {
      timer = undefined;
      if (stopped) return;
      if (running !== undefined) {
        again = true;
        return;
      }
      running = reload().finally(() => {
        running = undefined;
        if (again && !stopped) {
          again = false;
          read();
        }
      });
    };
    read();
    const changed = (): void => {
      if (timer === undefined) timer = setTimeout(read, SETTLE_MS);
    };
    const states = new Map<number, StreamState>();
    const causes = new Map<number, LostCause | undefined>();
    const report = (): void => {
      const all = [...states.values()];
      if (all.includes('lost')) {
        const cluster = [...causes.values()].includes('cluster');
        session.setConnection(cluster ? 'cluster' : 'lost');
      } else if (all.includes('live')) session.setConnection('live');
    };
    const closers = scopes.map((scope, i) =>
      follow(scope, {
        changed,
        state: (s, cause) => {
          states.set(i, s);
          causes.set(i, s === 'lost' ? cause : undefined);
          report();
        },
        signedOut: session.signedOut,
      }),
    );
    return () => {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      for (const close of closers) close();
      if (scopes.length > 0) session.setConnection('idle');
    };
  }, [...deps, key]);
  return [value, () => void reload()];
}

/** One use case as a page's data. */
export function useUseCase<Id extends UseCaseId>(
  id: Id,
  request: Parameters<Api['run']>[1],
  scopes: readonly WatchScope[],
  deps: readonly unknown[],
): [Load<Res<Id>>, () => void] {
  return useLive(
    async (api, signal) => (await api.run(id, request as never, signal)).result as Res<Id>,
    scopes,
    deps,
  );
}

/** The states of a page, the same on every page: loading, forbidden, error, the data. */
export function Loaded<T>(props: {
  readonly load: Load<T>;
  readonly retry?: () => void;
  readonly children: (data: T) => ComponentChildren;
}): ComponentChildren {
  const { t } = useI18n();
  const { load } = props;
  if (load.state === 'loading') {
    return (
      <p role="status" aria-live="polite" class="loading">
        {t('console.loading')}
      </p>
    );
  }
  if (load.state === 'error') {
    if (load.error.forbidden) {
      return (
        <div role="alert" class="notice forbidden">
          <p>{t('console.forbidden')}</p>
          <p>{t('console.forbiddenHint')}</p>
        </div>
      );
    }
    return <ErrorNotice error={load.error} retry={props.retry} />;
  }
  return <>{props.children(load.data)}</>;
}

export function ErrorNotice(props: { readonly error: ApiError; readonly retry?: (() => void) | undefined }) {
  const { t, m } = useI18n();
  const { error } = props;
  const message = error.i18n?.message === undefined ? error.message : m(error.i18n.message);
  const hint = error.i18n?.hint === undefined ? error.hint : m(error.i18n.hint);
  return (
    <div role="alert" class="notice error">
      <p>
        <strong>{t('console.error')}</strong> {message}
      </p>
      {hint === undefined ? null : <p>{hint}</p>}
      <p class="code">{error.code}</p>
      {props.retry === undefined ? null : (
        <button type="button" onClick={props.retry}>
          {t('console.retry')}
        </button>
      )}
    </div>
  );
}
