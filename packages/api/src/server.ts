import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import {
  ERROR_CODES,
  httpStatusOf,
  langFromAcceptLanguage,
  LANGS,
  msg,
  OUTCOMES,
  USE_CASES,
  withTexts,
  type Lang,
  type UseCaseId,
  type UseCaseSpec,
} from '@quai/contracts';
import { app as core, QuaiError, toQuaiError } from '@quai/core';
import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { secureHeaders } from 'hono/secure-headers';
import { streamSSE } from 'hono/streaming';
import {
  AttemptLimiter,
  OidcLogin,
  openSession,
  SESSION_COOKIE,
  sha256,
  StaticTokens,
  type Principal,
} from './auth.js';
import { consoleDirOf, serveConsole } from './console.js';
import { serverModeOf } from './config.js';
import type { ApiDeps, Env } from './context.js';
import { liveRoutes } from './live.js';
import { openApiDocument } from './openapi.js';
import { auditExport, eventFields, redact } from './trail.js';
import { visibility, visiblePage } from './visibility.js';

/** The HTTP API's prefix; each use case is served at `POST /api/v1<path>`. */
export const API_PREFIX = '/api/v1';

export interface Api {
  readonly app: Hono<Env>;
  /** Waits for the requests in flight (SIGTERM), then aborts what is left after `timeoutMs`. */
  drain(timeoutMs: number): Promise<void>;
  readonly inFlight: () => number;
}

function errorBody(c: Context<Env>, error: unknown): Response {
  const e = toQuaiError(error);
  const lang = c.get('lang') ?? 'en';
  const status = ERROR_CODES[e.code].http;
  const retryAfter = e.details?.['retryAfter'];
  if (typeof retryAfter === 'number') c.header('Retry-After', String(retryAfter));
  return c.json(e.toBody(lang), status as 400);
}

function clientAddress(c: Context<Env>): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

function environmentOf(input: Record<string, unknown>): string {
  return typeof input['environment'] === 'string' ? input['environment'] : 'prod';
}

/** Whether a request targets production: a reason is then required for risky use cases. */
function needsReason(spec: UseCaseSpec, input: Record<string, unknown>): boolean {
  // A dry run changes nothing: nothing to justify.
  if (input['dryRun'] === true) return false;
  if (spec.reason === 'always') return true;
  if (spec.reason === 'production') return core.isProduction(environmentOf(input));
  return false;
}

/**
 * Builds the HTTP API: every use case of `USE_CASES` as a route, sign-in (OpenID Connect and
 * static tokens) with cookie sessions and CSRF protection, the audit trail of every change, the
 * history of reports, health probes and the OpenAPI document.
 */
export function createApi(deps: ApiDeps): Api {
  const { config, store } = deps;
  const app = new Hono<Env>();
  const tokens = new StaticTokens(config.auth.tokens);
  const serverMode = serverModeOf(config);
  const loginLimiter = new AttemptLimiter(config.auth.loginAttemptsPerMinute);
  const publicUrl = config.publicUrl?.replace(/\/$/, '');
  const secureCookie = publicUrl?.startsWith('https:') === true || config.tls !== undefined;
  const oidcLogin =
    config.auth.oidc === undefined
      ? undefined
      : new OidcLogin(config.auth.oidc, deps.base.env[config.auth.oidc.clientSecretEnv]);
  /** This server as users reach it: the public URL when set, else the address of the request. */
  const publicUrlOf = (c: Context<Env>): URL => new URL(publicUrl ?? new URL(c.req.url).origin);
  const serverAbort = new AbortController();
  /** Ends the live streams when the server stops (they would hold the drain forever). */
  const liveStop = new AbortController();
  // One listener per request in flight and per live stream, each removed when it ends: dozens at
  // once are normal here. Node's warning stays on for hundreds, the sign of a leak.
  setMaxListeners(LISTENERS_WARNING, serverAbort.signal, liveStop.signal);
  const running = new Set<Promise<unknown>>();
  let draining = false;

  const track = <T>(p: Promise<T>): Promise<T> => {
    running.add(p);
    void p.finally(() => running.delete(p)).catch(() => undefined);
    return p;
  };

  app.use('*', async (c, next) => {
    c.set('requestId', randomUUID());
    const asked = c.req.query('lang');
    c.set(
      'lang',
      asked !== undefined && (LANGS as readonly string[]).includes(asked)
        ? (asked as Lang)
        : (langFromAcceptLanguage(c.req.header('accept-language')) ?? config.defaultLang),
    );
    await next();
  });
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
      },
      strictTransportSecurity: secureCookie ? 'max-age=31536000; includeSubDomains' : false,
      referrerPolicy: 'no-referrer',
      xFrameOptions: 'DENY',
    }),
  );
  app.onError((error, c) => errorBody(c, error));
  app.notFound((c) =>
    errorBody(
      c,
      new QuaiError('ROUTE_NOT_FOUND', msg('api.routeNotFound', { method: c.req.method, path: c.req.path })),
    ),
  );
  const tooLarge = (c: Context<Env>): Response =>
    errorBody(c, new QuaiError('PAYLOAD_TOO_LARGE', msg('api.tooLarge', { bytes: config.limits.bodyBytes })));
  app.use(`${API_PREFIX}/*`, async (c, next) => {
    const declared = Number(c.req.header('content-length') ?? Number.NaN);
    if (Number.isFinite(declared) && declared > config.limits.bodyBytes) {
      // Read what the client sends and throw it away (up to a bound), so it reads the 413
      // instead of a reset connection; beyond the bound the connection is closed.
      let seen = 0;
      const reader: ReadableStreamDefaultReader<Uint8Array> | undefined = c.req.raw.body?.getReader();
      while (reader !== undefined && seen <= 64 * 1024 * 1024) {
        const chunk = await reader.read();
        if (chunk.done) break;
        seen += chunk.value.byteLength;
      }
      if (seen > 64 * 1024 * 1024) c.header('Connection', 'close');
      return tooLarge(c as Context<Env>);
    }
    await next();
  });
  // Bodies without a declared length are counted as they come.
  app.use(
    `${API_PREFIX}/*`,
    bodyLimit({ maxSize: config.limits.bodyBytes, onError: (c) => tooLarge(c as Context<Env>) }),
  );

  // Probes: alive while the process runs; ready when the store answers and not draining.
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', async (c) => {
    if (draining) return c.json({ status: 'draining' }, 503);
    try {
      await store.listAudit({ limit: 1 });
      return c.json({ status: 'ok' });
    } catch (error) {
      return c.json({ status: 'store unavailable', reason: (error as Error).message }, 503);
    }
  });
  // The web console (packages/console), when its build is there.
  const consoleDir = consoleDirOf(config.consoleDir);
  if (consoleDir !== undefined) serveConsole(app, consoleDir);
  app.get(`${API_PREFIX}/openapi.json`, (c) => c.json(openApiDocument(deps.version)));
  app.get(`${API_PREFIX}/version`, (c) => c.json({ version: deps.version }));

  // ---- Sign-in ----
  const startSession = async (
    c: Context<Env>,
    who: { user: string; groups: readonly string[]; via: string },
  ): Promise<{ csrf: string; expiresAt: string }> => {
    const { cookie, session } = await openSession(
      store,
      { ...who, lang: c.get('lang') },
      config.auth.sessionTtl,
      deps.now(),
    );
    setCookie(c, SESSION_COOKIE, cookie, {
      httpOnly: true,
      secure: secureCookie,
      sameSite: 'Lax',
      path: '/',
      maxAge: Math.floor(config.auth.sessionTtl / 1000),
    });
    return { csrf: session.csrf, expiresAt: session.expiresAt };
  };

  const recordAuth = async (
    c: Context<Env>,
    action: string,
    user: string,
    status: string,
    code?: string,
  ): Promise<void> => {
    const at = deps.now().toISOString();
    await store.recordStart({
      id: randomUUID(),
      at,
      actor: user,
      groups: [],
      action,
      status,
      ...(code === undefined ? {} : { errorCode: code }),
      durationMs: 0,
      source: clientAddress(c),
    });
  };

  app.get(`${API_PREFIX}/auth/providers`, (c) =>
    c.json({ oidc: oidcLogin !== undefined, token: tokens.size > 0 }),
  );

  app.post(`${API_PREFIX}/auth/token`, async (c) => {
    loginLimiter.check(clientAddress(c));
    const body = (await c.req.json().catch(() => ({}))) as { token?: unknown };
    const principal = typeof body.token === 'string' ? tokens.verify(body.token) : undefined;
    if (principal === undefined) {
      await recordAuth(c, 'auth.login', '(unknown)', 'denied', 'UNAUTHENTICATED');
      throw new QuaiError('UNAUTHENTICATED', msg('api.auth.badToken'), {
        hint: msg('api.auth.badTokenHint'),
      });
    }
    const s = await startSession(c, { ...principal, via: 'token' });
    await recordAuth(c, 'auth.login', principal.user, 'ok');
    return c.json({ user: principal.user, groups: principal.groups, ...s });
  });

  app.get(`${API_PREFIX}/auth/login`, async (c) => {
    if (oidcLogin === undefined) {
      throw new QuaiError('ROUTE_NOT_FOUND', msg('api.oidc.notConfigured'));
    }
    loginLimiter.check(clientAddress(c));
    const returnTo = c.req.query('returnTo') ?? '/';
    // Only paths of this server: never an open redirect.
    const safe = /^\/(?!\/)[^\s\\]*$/.test(returnTo) ? returnTo : '/';
    const callback = new URL(`${API_PREFIX}/auth/callback`, publicUrlOf(c)).href;
    return c.redirect((await oidcLogin.begin(store, safe, deps.now(), callback)).href, 302);
  });

  app.get(`${API_PREFIX}/auth/callback`, async (c) => {
    if (oidcLogin === undefined) throw new QuaiError('ROUTE_NOT_FOUND', msg('api.oidc.notConfigured'));
    const url = new URL(c.req.url);
    const pub = publicUrlOf(c);
    url.protocol = pub.protocol;
    url.host = pub.host;
    const who = await oidcLogin.complete(store, url, deps.now()).catch(async (error: unknown) => {
      await recordAuth(c, 'auth.login', '(unknown)', 'denied', 'UNAUTHENTICATED');
      throw error;
    });
    await startSession(c, { user: who.user, groups: who.groups, via: 'oidc' });
    await recordAuth(c, 'auth.login', who.user, 'ok');
    return c.redirect(who.returnTo, 302);
  });

  app.post(`${API_PREFIX}/auth/logout`, async (c) => {
    const cookie = getCookie(c, SESSION_COOKIE);
    if (cookie !== undefined) await store.deleteSession(sha256(cookie));
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.json({ signedOut: true });
  });

  // ---- Everything below needs a signed-in user ----
  app.use(`${API_PREFIX}/*`, async (c, next) => {
    const principal = await authenticate(c as Context<Env>);
    c.set('principal', principal);
    const write = c.req.method !== 'GET' && c.req.method !== 'HEAD';
    if (write && principal.via === 'session' && c.req.header('x-csrf-token') !== principal.session?.csrf) {
      throw new QuaiError('CSRF_FAILED', msg('api.csrf'), { hint: msg('api.csrfHint') });
    }
    await next();
  });

  async function authenticate(c: Context<Env>): Promise<Principal> {
    const header = c.req.header('authorization');
    if (header !== undefined) {
      const m = /^Bearer\s+(\S+)$/i.exec(header);
      const principal = m?.[1] === undefined ? undefined : tokens.verify(m[1]);
      if (principal === undefined) {
        loginLimiter.check(clientAddress(c));
        throw new QuaiError('UNAUTHENTICATED', msg('api.auth.badToken'), {
          hint: msg('api.auth.badTokenHint'),
        });
      }
      return principal;
    }
    const cookie = getCookie(c, SESSION_COOKIE);
    if (cookie === undefined) {
      throw new QuaiError('UNAUTHENTICATED', msg('api.auth.required'), {
        hint: msg('api.auth.requiredHint'),
      });
    }
    const session = await store.getSession(sha256(cookie));
    const now = deps.now();
    if (session === undefined || session.expiresAt <= now.toISOString()) {
      if (session !== undefined) await store.deleteSession(session.idHash);
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      throw new QuaiError('UNAUTHENTICATED', msg('api.auth.expired'), { hint: msg('api.auth.requiredHint') });
    }
    if (session.lang !== undefined && c.req.query('lang') === undefined) c.set('lang', session.lang as Lang);
    return { user: session.user, groups: session.groups, via: 'session', session };
  }

  app.get(`${API_PREFIX}/auth/me`, (c) => {
    const p = c.get('principal');
    return c.json({
      user: p.user,
      groups: p.groups,
      via: p.via,
      lang: c.get('lang'),
      ...(p.session === undefined ? {} : { csrf: p.session.csrf, expiresAt: p.session.expiresAt }),
    });
  });

  // ---- The use cases ----
  for (const [id, spec] of Object.entries(USE_CASES) as [UseCaseId, UseCaseSpec][]) {
    app.post(`${API_PREFIX}${spec.path}`, async (c) => {
      if (draining) {
        throw new QuaiError('CLUSTER_UNREACHABLE', msg('api.draining'), { hint: msg('api.drainingHint') });
      }
      const principal = c.get('principal');
      const lang = c.get('lang');
      const raw: unknown = await c.req.json().catch(() => {
        throw new QuaiError('INPUT_INVALID', msg('api.badJson'));
      });
      const input = (raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? raw : {}) as Record<
        string,
        unknown
      >;
      const settings: core.Settings = {
        ...deps.base,
        lang,
        actor: principal.user,
        server: serverMode,
        cluster: {
          ...deps.base.cluster,
          ...(config.impersonate ? { impersonate: { user: principal.user, groups: principal.groups } } : {}),
        },
      };
      const eventId = randomUUID();
      const started = performance.now();
      // A dry run (a restore's preview, a GitLab sync's plan) changes nothing: it is a read for the
      // audit trail, kept in the history like the real run.
      const write = spec.effect === 'write' && input['dryRun'] !== true;
      if (write) {
        await store.recordStart({
          id: eventId,
          at: deps.now().toISOString(),
          actor: principal.user,
          groups: principal.groups,
          action: id,
          status: 'running',
          request: redact(input),
          ...(typeof input['reason'] === 'string' && input['reason'] !== ''
            ? { reason: input['reason'] }
            : {}),
          source: `${clientAddress(c)} (${principal.via})`,
          ...eventFields(input, undefined),
        });
      }
      const finish = async (status: string, error?: QuaiError, result?: unknown): Promise<void> => {
        if (!write && !(spec.history === true && error === undefined)) return;
        const durationMs = Math.round(performance.now() - started);
        if (write) {
          await store.recordEnd(eventId, {
            status,
            durationMs,
            ...eventFields(input, result),
            ...(error === undefined ? {} : { errorCode: error.code, message: error.messageIn('en') }),
          });
        }
        if (spec.history === true && error === undefined) {
          await store.addHistory({
            id: eventId,
            at: deps.now().toISOString(),
            kind: id,
            actor: principal.user,
            outcome: status,
            ...eventFields(input, result),
            result,
          });
        }
      };
      const execute = async (progress: core.ContextOptions['progress'], signal: AbortSignal) => {
        // The request is checked first, so a bad request is told what is wrong with it.
        core.parseRequest(id, input, lang);
        if (
          needsReason(spec, input) &&
          (typeof input['reason'] !== 'string' || input['reason'].trim() === '')
        ) {
          throw new QuaiError(
            'REASON_REQUIRED',
            msg('app.reasonRequired', { action: id, environment: environmentOf(input) }),
            {
              hint: msg('app.reasonRequiredHint'),
            },
          );
        }
        const ctx = core.createContext(settings, {
          signal,
          ...(progress === undefined ? {} : { progress }),
          kube: () => deps.clientFor(principal),
        });
        return core.run(id, input, ctx);
      };
      const wantsStream = spec.progress && (c.req.header('accept') ?? '').includes('text/event-stream');
      if (!wantsStream) {
        const { controller, done } = untilStopped(serverAbort.signal);
        // A reader that goes away stops a read; a change runs to its end (a closed tab must not
        // leave it half done), and the audit trail records how it ended.
        if (!write) c.req.raw.signal.addEventListener('abort', () => controller.abort(), { once: true });
        try {
          const outcome = await track(execute(undefined, controller.signal));
          await finish(outcome.outcome, undefined, outcome.result);
          return c.json(
            { outcome: outcome.outcome, result: withTexts(outcome.result, lang) },
            httpStatusOf(outcome.outcome) as 200,
          );
        } catch (error) {
          const e = toQuaiError(error);
          await finish(e.code === 'FORBIDDEN' ? 'denied' : 'error', e);
          throw e;
        } finally {
          done();
        }
      }
      return streamSSE(c, async (stream) => {
        const { controller, done } = untilStopped(serverAbort.signal);
        let open = true;
        stream.onAbort(() => {
          open = false;
          if (!write) controller.abort();
        });
        const send = (event: string, data: unknown): Promise<void> =>
          open
            ? stream.writeSSE({ event, data: JSON.stringify(data) }).catch(() => undefined)
            : Promise.resolve();
        try {
          const outcome = await track(
            execute((e) => void send('progress', withTexts(e, lang)), controller.signal),
          );
          await finish(outcome.outcome, undefined, outcome.result);
          await send('result', {
            outcome: outcome.outcome,
            status: OUTCOMES[outcome.outcome].http,
            result: withTexts(outcome.result, lang),
          });
        } catch (error) {
          const e = toQuaiError(error);
          await finish(e.code === 'FORBIDDEN' ? 'denied' : 'error', e);
          await send('error', { status: ERROR_CODES[e.code].http, ...e.toBody(lang) });
        } finally {
          done();
        }
      });
    });
  }

  liveRoutes(app, API_PREFIX, deps, { stopping: liveStop.signal });

  // ---- The audit trail and the history ----
  // Each user reads what happened where the API server lets them read events (visibility.ts).
  const visibleFor = visibility(deps);
  const pageLimit = (value: string | undefined, fallback: number): number =>
    Math.min(Math.max(1, Number(value ?? fallback) || fallback), 1000);

  app.get(`${API_PREFIX}/audit`, async (c) => {
    const q = c.req.query();
    const visible = await visibleFor(c.get('principal'));
    const { items: events, next } = await visiblePage(
      (before, limit) =>
        store.listAudit({
          ...(q['actor'] ? { actor: q['actor'] } : {}),
          ...(q['action'] ? { action: q['action'] } : {}),
          ...(q['app'] ? { app: q['app'] } : {}),
          ...(q['namespace'] ? { namespace: q['namespace'] } : {}),
          ...(q['status'] ? { status: q['status'] } : {}),
          ...(q['since'] ? { since: q['since'] } : {}),
          ...(q['until'] ? { until: q['until'] } : {}),
          ...(before === undefined ? {} : { before }),
          limit,
        }),
      visible,
      { limit: pageLimit(q['limit'], 100), ...(q['before'] ? { before: q['before'] } : {}) },
    );
    const format = q['format'] ?? 'json';
    if (format === 'csv') {
      c.header('Content-Type', 'text/csv; charset=utf-8');
      c.header('Content-Disposition', 'attachment; filename="quai-audit.csv"');
      return c.body(auditExport(events));
    }
    if (format !== 'json')
      throw new QuaiError('INPUT_INVALID', msg('api.badFormat', { format, formats: 'json, csv' }));
    return c.json({ events, ...(next === undefined ? {} : { next }) });
  });

  app.get(`${API_PREFIX}/history`, async (c) => {
    const q = c.req.query();
    const visible = await visibleFor(c.get('principal'));
    const { items: entries, next } = await visiblePage(
      (before, limit) =>
        store.listHistory({
          ...(q['kind'] ? { kind: q['kind'] } : {}),
          ...(q['app'] ? { app: q['app'] } : {}),
          ...(before === undefined ? {} : { before }),
          limit,
        }),
      visible,
      { limit: pageLimit(q['limit'], 50), ...(q['before'] ? { before: q['before'] } : {}) },
    );
    return c.json({ entries, ...(next === undefined ? {} : { next }) });
  });

  app.get(`${API_PREFIX}/history/:id`, async (c) => {
    const entry = await store.getHistory(c.req.param('id'));
    const visible = await visibleFor(c.get('principal'));
    // An entry the user may not read is answered as one that does not exist.
    if (entry === undefined || (visible !== undefined && !(await visible(entry))))
      throw new QuaiError('NOT_FOUND', msg('api.historyNotFound', { id: c.req.param('id') }));
    return c.json({ ...entry, result: withTexts(entry.result, c.get('lang')) });
  });

  return {
    app,
    inFlight: () => running.size,
    async drain(timeoutMs: number): Promise<void> {
      draining = true;
      liveStop.abort();
      const all = Promise.allSettled([...running]);
      const timer = new Promise<'timeout'>((resolve) =>
        setTimeout(() => resolve('timeout'), timeoutMs).unref(),
      );
      if ((await Promise.race([all, timer])) === 'timeout') {
        serverAbort.abort(new Error('the server is stopping'));
        await Promise.race([all, new Promise((r) => setTimeout(r, 5000).unref())]);
      }
    },
  };
}

/** Listeners on the server's signals past which Node warns of a leak (see untilStopped). */
const LISTENERS_WARNING = 500;

/**
 * A controller for one request, aborted when the server stops. `done()` takes its listener off the
 * server's signal: left there, one per request would pile up for the server's whole life.
 */
function untilStopped(server: AbortSignal): { controller: AbortController; done: () => void } {
  const controller = new AbortController();
  const stop = (): void => controller.abort(server.reason);
  server.addEventListener('abort', stop, { once: true });
  return { controller, done: () => server.removeEventListener('abort', stop) };
}
