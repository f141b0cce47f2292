import { readFileSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { msg } from '@quai/contracts';
import { app as core, QuaiError, type KubeClient } from '@quai/core';
import { serve, type ServerType } from '@hono/node-server';
import type { Principal } from './auth.js';
import type { ServerConfig } from './config.js';
import { createApi, type Api } from './server.js';
import { openPostgresStore, openSqliteStore, type Store } from './store/index.js';

export interface StartOptions {
  readonly config: ServerConfig;
  /** The server's own access to the cluster and environment (the CLI builds it from its flags). */
  readonly base: Omit<core.Settings, 'lang' | 'actor'>;
  readonly version: string;
  readonly now?: () => Date;
  /** Called when the server listens. */
  readonly onListen?: (url: string) => void;
}

export interface RunningServer {
  readonly url: string;
  readonly api: Api;
  readonly store: Store;
  /** Stops taking requests, waits for those in flight (up to the drain timeout), closes everything. */
  stop(): Promise<void>;
}

function openStore(config: ServerConfig, env: Readonly<Record<string, string | undefined>>): Store {
  if ('sqlite' in config.storage) return openSqliteStore(config.storage.sqlite);
  const variable = config.storage.postgres.urlEnv;
  const url = env[variable];
  if (url === undefined || url === '') {
    throw new QuaiError('CONFIG_INVALID', msg('api.store.noUrl', { variable }), {
      hint: msg('api.store.noUrlHint', { variable }),
    });
  }
  return openPostgresStore(url);
}

function parseListen(listen: string): { hostname: string; port: number } {
  const m = /^(.*):(\d+)$/.exec(listen);
  if (m === null) {
    throw new QuaiError('CONFIG_INVALID', msg('api.badListen', { listen }), {
      hint: msg('api.badListenHint'),
    });
  }
  return { hostname: (m[1] ?? '').replace(/^\[|\]$/g, '') || '127.0.0.1', port: Number(m[2]) };
}

/** One client per user (impersonation headers differ), so kept-alive connections are reused. */
function clientCache(
  base: StartOptions['base'],
  impersonate: boolean,
  max = 200,
): {
  get: (p: Principal) => Promise<KubeClient>;
  close: () => void;
} {
  const clients = new Map<string, Promise<KubeClient>>();
  return {
    get(p) {
      const key = impersonate ? `${p.user}\u0000${[...p.groups].sort().join('\u0000')}` : '';
      let c = clients.get(key);
      if (c !== undefined) {
        clients.delete(key);
        clients.set(key, c);
        return c;
      }
      c = core.openClient({
        ...base,
        lang: 'en',
        cluster: {
          ...base.cluster,
          ...(impersonate ? { impersonate: { user: p.user, groups: p.groups } } : {}),
        },
      });
      c.catch(() => clients.delete(key));
      clients.set(key, c);
      if (clients.size > max) {
        const [oldest] = clients.keys();
        if (oldest !== undefined) {
          void clients
            .get(oldest)
            ?.then((x) => x.close())
            .catch(() => undefined);
          clients.delete(oldest);
        }
      }
      return c;
    },
    close() {
      for (const c of clients.values()) void c.then((x) => x.close()).catch(() => undefined);
      clients.clear();
    },
  };
}

/** Starts `quai serve`: the store (migrated), the API, and the HTTP(S) listener. */
export async function startServer(options: StartOptions): Promise<RunningServer> {
  const { config } = options;
  const store = openStore(config, options.base.env);
  await store.migrate();
  const now = options.now ?? (() => new Date());
  const clients = clientCache(options.base, config.impersonate);
  const api = createApi({
    config,
    store,
    base: options.base,
    clientFor: clients.get,
    version: options.version,
    now,
  });
  const { hostname, port } = parseListen(config.listen);
  const tls =
    config.tls === undefined
      ? undefined
      : { cert: readFileSync(config.tls.cert), key: readFileSync(config.tls.key) };
  const server: ServerType = await new Promise((resolve, reject) => {
    const s = serve(
      {
        fetch: api.app.fetch,
        hostname,
        port,
        ...(tls === undefined ? {} : { createServer: createHttpsServer, serverOptions: tls }),
      },
      () => resolve(s),
    );
    s.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new QuaiError('PORT_IN_USE', msg('api.portInUse', { listen: config.listen }), { cause: error })
          : error,
      );
    });
  });
  const address = server.address() as AddressInfo;
  const url = `${tls === undefined ? 'http' : 'https'}://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
  options.onListen?.(url);
  const purge = setInterval(
    () => void store.purgeSessions(now().toISOString()).catch(() => undefined),
    60_000,
  );
  purge.unref();
  let stopping: Promise<void> | undefined;
  return {
    url,
    api,
    store,
    stop() {
      stopping ??= (async () => {
        clearInterval(purge);
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        await api.drain(config.limits.drainTimeout);
        // Keep-alive connections would hold close() open: each is closed as soon as it is idle
        // (a browser's connection goes idle when its stream ends), and any left after 5 s is cut.
        const sockets = server as { closeIdleConnections?: () => void; closeAllConnections?: () => void };
        sockets.closeIdleConnections?.();
        const sweep = setInterval(() => sockets.closeIdleConnections?.(), 200);
        const cut = setTimeout(() => sockets.closeAllConnections?.(), 5_000);
        await closed;
        clearInterval(sweep);
        clearTimeout(cut);
        clients.close();
        await store.close();
      })();
      return stopping;
    },
  };
}
