import type { Lang, Message, ProgressEvent, ServerMode } from '@quai/contracts';
import type { KubeClient } from '../kube/index.js';

/** How to reach the cluster: what kubectl's flags say, resolved by the front end. */
export interface ClusterSettings {
  /** A kubeconfig path (or a list joined by the path delimiter, as $KUBECONFIG). */
  readonly kubeconfig?: string;
  readonly context?: string;
  /** kubectl's -n: overrides the namespace a use case would compute. */
  readonly namespace?: string;
  /** Client-side cap of requests a second (undefined: the client's default). */
  readonly qps?: number;
  readonly burst?: number;
  /** Time limit of one request in milliseconds; 0: none. */
  readonly timeoutMs?: number;
  readonly userAgent: string;
  /** Act as this user (Kubernetes impersonation): the HTTP API acts as the signed-in user. */
  readonly impersonate?: { readonly user: string; readonly groups?: readonly string[] };
}

/** Reads a file the user named. Front ends that take no paths (the HTTP API) give none. */
export interface FileAccess {
  readText(path: string, options: { readonly what: Message; readonly maxBytes: number }): Promise<string>;
  /**
   * Writes a report a use case was asked for, returning its size in bytes. Without it, reports go
   * to their files (atomically); a front end may send one to its standard output instead (the
   * CLI's `audit --format`), streamed, with no temporary file to copy.
   */
  writeReport?(file: string, parts: Iterable<string>, signal: AbortSignal): Promise<number>;
}

/**
 * Everything core needs from the outside world, handed in by the front end: core never reads
 * `process.env` or the user's files on its own, so a server can act for each user with their own
 * settings and credentials.
 */
export interface Settings {
  readonly lang: Lang;
  readonly cluster: ClusterSettings;
  /**
   * The environment variables the front end passes on (the CLI: its process's; the server: its
   * configuration): KUBECONFIG, HOME, QUAI_*, AWS_*, ... read only through here.
   */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly files?: FileAccess;
  /** Who acts, as recorded in revisions and the audit trail (the API: the signed-in user). */
  readonly actor?: string;
  /** The clock (tests inject one). */
  readonly now?: () => Date;
  /** How the HTTP API serves users (the Settings page shows it); absent in the CLI. */
  readonly server?: ServerMode;
}

/** What a use case runs with. */
export interface AppContext {
  readonly settings: Settings;
  readonly signal: AbortSignal;
  readonly progress: (event: ProgressEvent) => void;
  /** A client on the cluster, opened on first use and shared within the use case. */
  readonly kube: () => Promise<KubeClient>;
}

export interface ContextOptions {
  readonly signal?: AbortSignal;
  readonly progress?: (event: ProgressEvent) => void;
  /**
   * A client to use instead of opening one from the settings (a server keeps one per user, so
   * connections are reused across requests). It is not closed with the context.
   */
  readonly kube?: () => Promise<KubeClient>;
}

/** A context for one or more use cases; `close` releases the cluster client. */
export function createContext(
  settings: Settings,
  options: ContextOptions = {},
): AppContext & { close(): void } {
  let client: Promise<KubeClient> | undefined;
  const shared = options.kube;
  return {
    settings,
    signal: options.signal ?? new AbortController().signal,
    progress: options.progress ?? (() => undefined),
    kube:
      shared ??
      (() => {
        client ??= openClient(settings);
        return client;
      }),
    close: () => {
      void client?.then((c) => c.close()).catch(() => undefined);
    },
  };
}

/** Opens a client on the cluster the settings name. */
export async function openClient(settings: Settings): Promise<KubeClient> {
  // Imported here, not at the top: a use case that never reaches a cluster (an import, an audit
  // of files) does not load the client and its kubeconfig schemas.
  const { KubeClient, loadClusterAccess } = await import('../kube/index.js');
  const c = settings.cluster;
  const access = await loadClusterAccess({
    kubeconfig: c.kubeconfig,
    context: c.context,
    namespace: c.namespace,
    env: settings.env,
  });
  return new KubeClient(access, {
    ...(c.qps === undefined ? {} : { qps: c.qps }),
    ...(c.burst === undefined ? {} : { burst: c.burst }),
    ...(c.timeoutMs === undefined ? {} : { timeoutMs: c.timeoutMs }),
    ...(c.impersonate === undefined ? {} : { impersonate: c.impersonate }),
    userAgent: c.userAgent,
  });
}

/** Runs a use case with a fresh context and closes it afterwards. */
export async function withContext<T>(
  settings: Settings,
  options: ContextOptions,
  fn: (ctx: AppContext) => Promise<T>,
): Promise<T> {
  const ctx = createContext(settings, options);
  try {
    return await fn(ctx);
  } finally {
    ctx.close();
  }
}
