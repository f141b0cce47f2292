import type { ComponentChildren } from 'preact';
import { createContext } from 'preact';
import { useCallback, useContext, useEffect, useRef, useState } from 'preact/hooks';
import type { UseCaseId } from '@quai/contracts';
import { ApiError, type Api, type Me, type Res } from './api.js';
import { useI18n } from './i18n.js';

/** What a page shows while it loads, when it failed, and when it has its data. */
export type Load<T> =
  | { readonly state: 'loading' }
  | { readonly state: 'error'; readonly error: ApiError }
  | { readonly state: 'ok'; readonly data: T };

/** Whether the live stream of changes is connected. */
export type Connection = 'live' | 'lost' | 'idle';

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

/**
 * Loads a page's data, then loads it again when the server says it changed (`view.watch`
 * progress events on the page's topics). Between changes nothing is asked: no polling. A cut
 * stream is shown as a lost connection and opened again after a pause that grows.
 */
export function useLive<T>(
  load: (api: Api, signal: AbortSignal) => Promise<T>,
  topics: readonly string[],
  deps: readonly unknown[],
): [Load<T>, () => void] {
  const session = useSession();
  const [value, setValue] = useState<Load<T>>({ state: 'loading' });
  const generation = useRef(0);
  const reload = useCallback(() => {
    const mine = ++generation.current;
    const controller = new AbortController();
    load(session.api, controller.signal).then(
      (data) => mine === generation.current && setValue({ state: 'ok', data }),
      (error: unknown) => {
        const e = asApiError(error);
        if (e.unauthenticated) session.signedOut();
        if (mine === generation.current) setValue({ state: 'error', error: e });
      },
    );
  }, deps);
  useEffect(() => {
    setValue({ state: 'loading' });
    reload();
    if (topics.length === 0) return undefined;
    const controller = new AbortController();
    let delay = 1000;
    let lost = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const open = (): void => {
      if (controller.signal.aborted) return;
      let connected = false;
      session.api
        .stream(
          'view.watch',
          { topics: [...topics] },
          () => {
            connected = true;
            reload();
          },
          controller.signal,
          () => {
            session.setConnection('live');
            // Back after a cut: read the page again, it may have changed meanwhile.
            if (lost) reload();
            lost = false;
          },
        )
        .then(
          () => {
            // The server ends a stream after a while: open the next one at once.
            delay = 1000;
            open();
          },
          (error: unknown) => {
            if (controller.signal.aborted) return;
            const e = asApiError(error);
            if (e.unauthenticated) return session.signedOut();
            if (e.forbidden) return undefined;
            session.setConnection('lost');
            lost = true;
            if (connected) delay = 1000;
            timer = setTimeout(open, delay);
            delay = Math.min(delay * 2, 30_000);
            return undefined;
          },
        );
    };
    open();
    return () => {
      controller.abort();
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [...deps, topics.join(',')]);
  return [value, reload];
}

/** One use case as a page's data. */
export function useUseCase<Id extends UseCaseId>(
  id: Id,
  request: Parameters<Api['run']>[1],
  topics: readonly string[],
  deps: readonly unknown[],
): [Load<Res<Id>>, () => void] {
  return useLive(
    async (api, signal) => (await api.run(id, request as never, signal)).result as Res<Id>,
    topics,
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
