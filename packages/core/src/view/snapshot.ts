import { msg } from '@quai/contracts';
import { QuaiError } from '../errors/index.js';
import { KubeApiError, type KubeClient, type KubeObject } from '../kube/index.js';

/** A live object read loosely: fields may be missing. */
export type Obj = KubeObject & {
  readonly spec?: Record<string, unknown>;
  readonly status?: Record<string, unknown>;
  readonly data?: Record<string, string>;
};

function forbidden(error: unknown): boolean {
  return error instanceof KubeApiError && (error.code === 'FORBIDDEN' || error.status === 403);
}

/**
 * The cluster as one page reads it: each kind listed once per request (cluster-wide, or namespace
 * by namespace when the user may not read the whole cluster), through the user's own client. Lists
 * and gets only: the server may put a shared watch cache behind the client.
 */
export class Snapshot {
  private readonly lists = new Map<string, Promise<Obj[]>>();
  private namespaces: Promise<string[] | undefined> | undefined;
  /** Namespaces (or `kind` names for cluster-scoped kinds) the user may not read. */
  readonly hidden = new Set<string>();

  constructor(
    readonly client: KubeClient,
    readonly signal: AbortSignal,
    /** Only this namespace: the user asked for it (or may read nothing wider). */
    readonly namespace?: string,
  ) {}

  /** Every object of a namespaced kind the user may read, optionally narrowed by a label selector. */
  list(apiVersion: string, kind: string, labelSelector?: string): Promise<Obj[]> {
    const key = `${apiVersion}\u0000${kind}\u0000${labelSelector ?? ''}`;
    let p = this.lists.get(key);
    if (p === undefined) {
      p = this.load(apiVersion, kind, labelSelector);
      this.lists.set(key, p);
    }
    return p;
  }

  /** A cluster-scoped kind (nodes): empty, and recorded as hidden, when the user may not list it. */
  async clusterList(apiVersion: string, kind: string): Promise<Obj[]> {
    try {
      return await this.client.list<Obj>(apiVersion, kind, { signal: this.signal });
    } catch (error) {
      if (!forbidden(error)) throw error;
      this.hidden.add(kind);
      return [];
    }
  }

  private options(labelSelector: string | undefined, namespace?: string) {
    return {
      signal: this.signal,
      ...(labelSelector === undefined ? {} : { labelSelector }),
      ...(namespace === undefined ? {} : { namespace }),
    };
  }

  private async load(apiVersion: string, kind: string, labelSelector: string | undefined): Promise<Obj[]> {
    if (this.namespace !== undefined)
      return this.inNamespace(apiVersion, kind, labelSelector, this.namespace);
    try {
      return await this.client.list<Obj>(apiVersion, kind, this.options(labelSelector));
    } catch (error) {
      if (!forbidden(error)) throw error;
    }
    // Not allowed cluster-wide: namespace by namespace, those the user may read.
    const namespaces = await this.readableNamespaces(kind);
    const out: Obj[] = [];
    for (const ns of namespaces) out.push(...(await this.inNamespace(apiVersion, kind, labelSelector, ns)));
    return out;
  }

  private async inNamespace(
    apiVersion: string,
    kind: string,
    labelSelector: string | undefined,
    namespace: string,
  ): Promise<Obj[]> {
    try {
      return await this.client.list<Obj>(apiVersion, kind, this.options(labelSelector, namespace));
    } catch (error) {
      if (!forbidden(error)) throw error;
      this.hidden.add(namespace);
      return [];
    }
  }

  private async readableNamespaces(kind: string): Promise<string[]> {
    this.namespaces ??= this.client
      .list('v1', 'Namespace', { signal: this.signal })
      .then((l) => l.map((n) => n.metadata.name ?? '').filter((n) => n !== ''))
      .catch((error: unknown) => {
        if (forbidden(error)) return undefined;
        throw error;
      });
    const names = await this.namespaces;
    if (names === undefined) {
      throw new QuaiError('FORBIDDEN', msg('view.namespacesHidden', { what: kind }), {
        hint: msg('view.namespacesHiddenHint'),
      });
    }
    return names;
  }
}
