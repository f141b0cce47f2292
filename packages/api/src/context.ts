import type { Lang } from '@quai/contracts';
import type { app, KubeClient } from '@quai/core';
import type { Principal } from './auth.js';
import type { ServerConfig } from './config.js';
import type { Store } from './store/index.js';

/** What every route works with, built once when the server starts. */
export interface ApiDeps {
  readonly config: ServerConfig;
  readonly store: Store;
  /** The server's own access to the cluster (its kubeconfig, or in-cluster) and environment. */
  readonly base: Omit<app.Settings, 'lang' | 'actor'>;
  /** A client acting as a user (impersonation), kept per user so connections are reused. */
  readonly clientFor: (principal: Principal) => Promise<KubeClient>;
  readonly version: string;
  readonly now: () => Date;
}

/** Hono's per-request variables. */
export interface Vars {
  lang: Lang;
  principal: Principal;
  requestId: string;
}

export interface Env {
  Variables: Vars;
}
