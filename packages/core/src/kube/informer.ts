import { msg } from '@quai/contracts';
import { QuaiError } from '../errors/index.js';
import { sleep } from './abort.js';
import { KubeApiError } from './api-error.js';
import type { KubeObject } from './types.js';
import type { WatchEvent, WatchOptions } from './watch.js';

/**
 * What an informer needs of a client: list with the resourceVersion, then watch from it. The
 * KubeClient has both; naming them here keeps client.ts (which owns its informers) out of an
 * import cycle.
 */
export interface ListWatcher {
  listWithVersion<T extends KubeObject>(
    apiVersion: string,
    kind: string,
    options: {
      readonly namespace?: string;
      readonly labelSelector?: string;
      readonly fieldSelector?: string;
      readonly signal?: AbortSignal;
    },
  ): Promise<{ readonly items: T[]; readonly resourceVersion: string }>;
  watch<T extends KubeObject>(
    apiVersion: string,
    kind: string,
    options: WatchOptions,
  ): Promise<AsyncGenerator<WatchEvent<T>>>;
}

/** What an informer caches: one kind, in one namespace (or all), optionally narrowed by selectors. */
export interface InformerSpec {
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespace?: string;
  readonly labelSelector?: string;
  readonly fieldSelector?: string;
}

export interface InformerOptions {
  /** Most objects the cache may hold (default 50,000): past it the informer fails, naming the fix. */
  readonly maxObjects?: number;
  /** Longest wait between two failed watches (default 5 s; the first waits 200 ms). */
  readonly maxBackoffMs?: number;
  /** How long the server keeps one watch open before the informer opens the next (default 5 to 10 min). */
  readonly watchSeconds?: number;
}

/** A change seen by the cache: after a relist, the differences are reported as changes too. */
export interface InformerEvent<T extends KubeObject> {
  readonly type: 'ADDED' | 'MODIFIED' | 'DELETED';
  readonly object: T;
}

export interface InformerStats {
  readonly lists: number;
  /** Lists done because the server said the resourceVersion was too old (410 Gone). */
  readonly relistsAfterGone: number;
  readonly watches: number;
  readonly events: number;
  readonly bookmarks: number;
  readonly resourceVersion: string | undefined;
  readonly objects: number;
}

type Listener<T extends KubeObject> = (event: InformerEvent<T>) => void;

function keyOf(o: KubeObject): string {
  return `${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`;
}

/** Drops what the cache never reads and what costs most memory: managed fields. */
function slim<T extends KubeObject>(o: T): T {
  if (o.metadata.managedFields === undefined) return o;
  const { managedFields: _drop, ...metadata } = o.metadata;
  return { ...o, metadata };
}

/**
 * A cache of one kind kept current by list+watch, as client-go's informers do: list (with the
 * list's resourceVersion), then watch from there with bookmarks so the resourceVersion keeps
 * moving; when a watch ends, watch again from the last resourceVersion; when the server answers
 * 410 Gone (the version was compacted away, or the API server restarted with a newer cache),
 * list again and report what changed meanwhile. Readers read the cache (no request) and
 * subscribe to changes. Errors before the first list completes are given to `synced`; after it,
 * the informer keeps retrying with backoff until stopped.
 */
export class Informer<T extends KubeObject = KubeObject> {
  private readonly store = new Map<string, T>();
  private readonly listeners = new Set<Listener<T>>();
  private readonly controller = new AbortController();
  private resourceVersion: string | undefined;
  private running: Promise<void> | undefined;
  private readonly counters = { lists: 0, relistsAfterGone: 0, watches: 0, events: 0, bookmarks: 0 };
  private resolveSynced!: () => void;
  private rejectSynced!: (error: unknown) => void;
  private hasSynced = false;
  /** Settles when the first list is in the cache; rejects when it cannot be listed at all. */
  readonly synced: Promise<void>;
  /** The last error met while listing or watching (cleared by the next good list or watch). */
  lastError: unknown;
  /** Since when (epoch ms) the informer has failed to list or watch; undefined when connected. */
  failingSince: number | undefined;

  constructor(
    private readonly client: ListWatcher,
    readonly spec: InformerSpec,
    private readonly options: InformerOptions = {},
  ) {
    this.synced = new Promise<void>((resolve, reject) => {
      this.resolveSynced = resolve;
      this.rejectSynced = reject;
    });
    // A rejection nobody awaited yet must not crash the process.
    this.synced.catch(() => undefined);
  }

  get isSynced(): boolean {
    return this.hasSynced;
  }

  /** Starts listing and watching (once); returns at once: await `synced` for the first list. */
  start(): this {
    this.running ??= this.run();
    return this;
  }

  /** Stops watching; the cache keeps its last content. */
  stop(): void {
    this.controller.abort(new Error('informer stopped'));
  }

  get stopped(): boolean {
    return this.controller.signal.aborted;
  }

  /** Every cached object. */
  list(): T[] {
    return [...this.store.values()];
  }

  get(name: string, namespace?: string): T | undefined {
    return this.store.get(`${namespace ?? this.spec.namespace ?? ''}/${name}`);
  }

  /** Calls `listener` on each change from now on; returns the unsubscribe function. */
  subscribe(listener: Listener<T>): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  stats(): InformerStats {
    return { ...this.counters, resourceVersion: this.resourceVersion, objects: this.store.size };
  }

  private healthy(): void {
    this.lastError = undefined;
    this.failingSince = undefined;
  }

  private emit(event: InformerEvent<T>): void {
    for (const l of this.listeners) {
      try {
        l(event);
      } catch {
        // a reader's bug must not stop the cache
      }
    }
  }

  /** Stores an object; answers the change it makes (undefined when it is the version cached). */
  private put(o: T): InformerEvent<T> | undefined {
    const key = keyOf(o);
    const old = this.store.get(key);
    if (old === undefined && this.store.size >= (this.options.maxObjects ?? 50_000)) {
      throw new QuaiError(
        'INPUT_INVALID',
        msg('kube.cacheFull', {
          kind: this.spec.kind,
          where: this.spec.namespace ? msg('kube.cacheFullIn', { namespace: this.spec.namespace }) : '',
          max: this.options.maxObjects ?? 50_000,
        }),
        { hint: msg('kube.cacheFullHint') },
      );
    }
    if (
      old?.metadata.resourceVersion !== undefined &&
      old.metadata.resourceVersion === o.metadata.resourceVersion
    )
      return undefined;
    const stored = slim(o);
    this.store.set(key, stored);
    return { type: old === undefined ? 'ADDED' : 'MODIFIED', object: stored };
  }

  private async relist(signal: AbortSignal): Promise<void> {
    this.counters.lists++;
    const { items, resourceVersion } = await this.client.listWithVersion<T>(
      this.spec.apiVersion,
      this.spec.kind,
      {
        ...(this.spec.namespace === undefined ? {} : { namespace: this.spec.namespace }),
        ...(this.spec.labelSelector === undefined ? {} : { labelSelector: this.spec.labelSelector }),
        ...(this.spec.fieldSelector === undefined ? {} : { fieldSelector: this.spec.fieldSelector }),
        signal,
      },
    );
    const seen = new Set<string>();
    const changes: InformerEvent<T>[] = [];
    for (const item of items) {
      seen.add(keyOf(item));
      const change = this.put(item);
      if (change !== undefined) changes.push(change);
    }
    for (const [key, old] of this.store) {
      if (!seen.has(key)) {
        this.store.delete(key);
        changes.push({ type: 'DELETED', object: old });
      }
    }
    this.resourceVersion = resourceVersion;
    this.healthy();
    if (!this.hasSynced) {
      this.hasSynced = true;
      this.resolveSynced();
    }
    for (const c of changes) this.emit(c);
  }

  private async watchOnce(signal: AbortSignal): Promise<void> {
    this.counters.watches++;
    const min = 300;
    const seconds = this.options.watchSeconds ?? min + Math.floor(Math.random() * min);
    const events = await this.client.watch<T>(this.spec.apiVersion, this.spec.kind, {
      ...(this.spec.namespace === undefined ? {} : { namespace: this.spec.namespace }),
      ...(this.spec.labelSelector === undefined ? {} : { labelSelector: this.spec.labelSelector }),
      ...(this.spec.fieldSelector === undefined ? {} : { fieldSelector: this.spec.fieldSelector }),
      ...(this.resourceVersion === undefined ? {} : { resourceVersion: this.resourceVersion }),
      allowWatchBookmarks: true,
      timeoutSeconds: seconds,
      signal,
    });
    // The server accepted the watch: connected again.
    this.healthy();
    for await (const event of events) {
      if (event.type === 'BOOKMARK') {
        this.counters.bookmarks++;
        if (event.resourceVersion !== '') this.resourceVersion = event.resourceVersion;
        continue;
      }
      this.counters.events++;
      const rv = event.object.metadata.resourceVersion;
      if (rv !== undefined) this.resourceVersion = rv;
      if (event.type === 'DELETED') {
        const key = keyOf(event.object);
        if (this.store.delete(key)) this.emit({ type: 'DELETED', object: event.object });
      } else {
        const change = this.put(event.object);
        if (change !== undefined) this.emit(change);
      }
    }
  }

  private async run(): Promise<void> {
    const signal = this.controller.signal;
    let backoff = 200;
    while (!signal.aborted) {
      try {
        if (this.resourceVersion === undefined) await this.relist(signal);
        await this.watchOnce(signal);
        backoff = 200;
      } catch (error) {
        if (signal.aborted) break;
        this.lastError = error;
        this.failingSince ??= Date.now();
        if (error instanceof KubeApiError && error.status === 410) {
          // Too old to resume: list again (at once) and report what changed meanwhile.
          this.counters.relistsAfterGone++;
          this.resourceVersion = undefined;
          continue;
        }
        const refused =
          error instanceof QuaiError &&
          ['FORBIDDEN', 'UNAUTHORIZED', 'NOT_FOUND', 'INVALID', 'INPUT_INVALID'].includes(error.code);
        if (!this.hasSynced && refused) {
          // Nothing to wait for: the reader must know now (a missing right, an unknown kind).
          this.rejectSynced(error);
          this.stop();
          break;
        }
        await sleep(backoff, signal).catch(() => undefined);
        backoff = Math.min(backoff * 2, this.options.maxBackoffMs ?? 5000);
      }
    }
    if (!this.hasSynced) this.rejectSynced(this.lastError ?? signal.reason);
  }
}

export interface SharedInformersOptions extends InformerOptions {
  /** Most informers alive at once (default 512): idle ones are stopped first to make room. */
  readonly maxInformers?: number;
  /** How long an informer nobody reads stays alive, in case a reader comes back (default 30 s). */
  readonly idleMs?: number;
}

/** A reader's hold on a shared informer: release it when done. */
export interface InformerLease<T extends KubeObject> {
  readonly informer: Informer<T>;
  release(): void;
}

interface Entry {
  readonly informer: Informer;
  readers: number;
  idleTimer: NodeJS.Timeout | undefined;
  lastUsed: number;
}

function specKey(s: InformerSpec): string {
  return [s.apiVersion, s.kind, s.namespace ?? '', s.labelSelector ?? '', s.fieldSelector ?? ''].join('|');
}

/**
 * Informers shared by every reader of one client: one list+watch per kind, namespace and
 * selector, however many waits read it. Bounded: an informer nobody holds stops after `idleMs`,
 * and at most `maxInformers` live at once.
 */
export class SharedInformers {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly client: ListWatcher,
    private readonly options: SharedInformersOptions = {},
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** Holds the informer of `spec` (started on first use); release the lease when done. */
  acquire<T extends KubeObject = KubeObject>(spec: InformerSpec): InformerLease<T> {
    const key = specKey(spec);
    let entry = this.entries.get(key);
    if (entry !== undefined && entry.informer.stopped) {
      this.entries.delete(key);
      entry = undefined;
    }
    if (entry === undefined) {
      this.makeRoom();
      entry = {
        informer: new Informer(this.client, spec, this.options).start(),
        readers: 0,
        idleTimer: undefined,
        lastUsed: Date.now(),
      };
      this.entries.set(key, entry);
    }
    const held = entry;
    clearTimeout(held.idleTimer);
    held.idleTimer = undefined;
    held.readers++;
    let released = false;
    return {
      informer: held.informer as unknown as Informer<T>,
      release: () => {
        if (released) return;
        released = true;
        held.readers--;
        held.lastUsed = Date.now();
        if (held.readers === 0) {
          held.idleTimer = setTimeout(() => this.drop(key, held), this.options.idleMs ?? 30_000);
          held.idleTimer.unref();
        }
      },
    };
  }

  private drop(key: string, entry: Entry): void {
    if (entry.readers > 0) return;
    clearTimeout(entry.idleTimer);
    entry.informer.stop();
    if (this.entries.get(key) === entry) this.entries.delete(key);
  }

  private makeRoom(): void {
    const max = this.options.maxInformers ?? 512;
    if (this.entries.size < max) return;
    const idle = [...this.entries]
      .filter(([, e]) => e.readers === 0)
      .sort(([, a], [, b]) => a.lastUsed - b.lastUsed);
    for (const [key, e] of idle) {
      if (this.entries.size < max) return;
      this.drop(key, e);
    }
    if (this.entries.size >= max) {
      throw new QuaiError('INPUT_INVALID', msg('kube.tooManyWatches', { max }), {
        hint: msg('kube.tooManyWatchesHint'),
      });
    }
  }

  /** Stops every informer (the client is closing). */
  stopAll(): void {
    for (const [key, e] of this.entries) {
      clearTimeout(e.idleTimer);
      e.informer.stop();
      this.entries.delete(key);
    }
  }
}
