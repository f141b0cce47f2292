import { childSignal } from './abort.js';
import { RateLimiter } from './rate-limiter.js';

/** What the API server said when it asked the client to slow down (a 429). */
export interface Throttle {
  /** How long the server asked to wait (Retry-After), in milliseconds. */
  readonly retryAfterMs: number;
  /** API Priority and Fairness: the flow schema and priority level that judged the request. */
  readonly flowSchemaUid?: string;
  readonly priorityLevelUid?: string;
}

export interface LimiterStats {
  /** Requests allowed in flight now (grows back after a throttle). */
  readonly limit: number;
  readonly inFlight: number;
  readonly queued: number;
  /** 429 answers seen, and how many of them lowered the limit. */
  readonly throttles: number;
  readonly backoffs: number;
  /** The last flow schema and priority level (UIDs) that throttled a request. */
  readonly flowSchemaUid?: string;
  readonly priorityLevelUid?: string;
  /** Total time throttled requests waited because the server asked them to, in milliseconds. */
  readonly pausedMs: number;
}

export interface AdaptiveLimiterOptions {
  /** Most requests in flight at once (default 64: one per kept-alive connection). */
  readonly maxInFlight?: number;
  /** A fixed cap in requests a second on top (the `--qps` flag); 0 or undefined: none. */
  readonly qps?: number;
  /** Requests that may go at once above `qps` (the `--burst` flag). */
  readonly burst?: number;
  readonly now?: () => number;
}

interface Waiter {
  readonly resolve: (release: () => void) => void;
  readonly reject: (reason: unknown) => void;
  readonly signal: AbortSignal | undefined;
  readonly onAbort: () => void;
}

/**
 * A client-side limit that follows the API server instead of guessing a rate. Kubernetes' API
 * Priority and Fairness (APF) judges each request by its flow schema and priority level and
 * answers 429 with Retry-After when that level is full; it says which flow applied in the
 * `X-Kubernetes-PF-FlowSchema-UID` and `X-Kubernetes-PF-PriorityLevel-UID` headers. So requests
 * go at full speed (up to `maxInFlight` at once) until a 429 comes; then the throttled request
 * waits for Retry-After and the number in flight is halved; each window of answered requests
 * adds one back (additive increase, multiplicative decrease, as TCP does). A fixed `qps` cap can
 * be added for those who want one.
 */
export class AdaptiveLimiter {
  readonly maxInFlight: number;
  private readonly bucket: RateLimiter | undefined;
  private readonly now: () => number;
  private limit: number;
  private inFlight = 0;
  private readonly queue: Waiter[] = [];
  private pausedUntil = 0;
  private pauseTimer: NodeJS.Timeout | undefined;
  /** Bumped at each decrease: a 429 of a request sent before it does not halve again. */
  private epoch = 0;
  private throttles = 0;
  private backoffs = 0;
  private pausedMs = 0;
  private flowSchemaUid: string | undefined;
  private priorityLevelUid: string | undefined;

  constructor(options: AdaptiveLimiterOptions = {}) {
    this.maxInFlight = Math.max(1, Math.floor(options.maxInFlight ?? 64));
    this.limit = this.maxInFlight;
    this.now = options.now ?? (() => performance.now());
    const qps = options.qps ?? 0;
    this.bucket =
      qps > 0 && Number.isFinite(qps)
        ? new RateLimiter(qps, Math.max(1, options.burst ?? Math.ceil(qps)), this.now)
        : undefined;
  }

  /** The fixed cap, when one was set. */
  get qps(): number {
    return this.bucket?.qps ?? 0;
  }

  stats(): LimiterStats {
    return {
      limit: Math.floor(this.limit),
      inFlight: this.inFlight,
      queued: this.queue.length,
      throttles: this.throttles,
      backoffs: this.backoffs,
      ...(this.flowSchemaUid === undefined ? {} : { flowSchemaUid: this.flowSchemaUid }),
      ...(this.priorityLevelUid === undefined ? {} : { priorityLevelUid: this.priorityLevelUid }),
      pausedMs: Math.round(this.pausedMs),
    };
  }

  /**
   * Waits for a slot; resolves with the function that frees it (call it once the answer is in)
   * and the epoch the request went out in (pass it back to `throttled`).
   */
  async acquire(signal?: AbortSignal): Promise<{ release: () => void; epoch: number }> {
    signal?.throwIfAborted();
    const release = await new Promise<() => void>((resolve, reject) => {
      const own = childSignal(signal);
      const waiter: Waiter = {
        resolve,
        reject,
        signal: own,
        onAbort: () => {
          const i = this.queue.indexOf(waiter);
          if (i >= 0) this.queue.splice(i, 1);
          reject(own?.reason as Error);
        },
      };
      own?.addEventListener('abort', waiter.onAbort, { once: true });
      this.queue.push(waiter);
      this.dispatch();
    });
    const epoch = this.epoch;
    if (this.bucket !== undefined) {
      try {
        await this.bucket.acquire(signal);
      } catch (error) {
        release();
        throw error;
      }
    }
    return { release, epoch };
  }

  /** An answer came back that was not a throttle: grow the window a little. */
  succeeded(): void {
    if (this.limit < this.maxInFlight) this.limit = Math.min(this.maxInFlight, this.limit + 1 / this.limit);
  }

  /**
   * The server answered 429: halve the window, once per epoch (the 429s of requests sent before
   * the last decrease say nothing new). The throttled request itself waits for Retry-After (see
   * `pause`); the others go on within the smaller window.
   */
  throttled(throttle: Throttle, epoch: number): void {
    this.throttles++;
    if (throttle.flowSchemaUid !== undefined) this.flowSchemaUid = throttle.flowSchemaUid;
    if (throttle.priorityLevelUid !== undefined) this.priorityLevelUid = throttle.priorityLevelUid;
    if (epoch !== this.epoch) return;
    this.epoch++;
    this.backoffs++;
    this.limit = Math.max(1, Math.floor(Math.min(this.limit, this.inFlight) / 2));
    this.pausedMs += Math.max(0, throttle.retryAfterMs);
  }

  /**
   * Holds every request back until `ms` from now: for a server that answers 503 with Retry-After
   * to everyone (shutting down, overloaded), not for APF's 429, which judges each flow alone.
   */
  pause(ms: number): void {
    const until = this.now() + Math.max(0, ms);
    if (until > this.pausedUntil) {
      this.pausedMs += until - Math.max(this.pausedUntil, this.now());
      this.pausedUntil = until;
    }
  }

  private dispatch(): void {
    const wait = this.pausedUntil - this.now();
    if (wait > 0) {
      if (this.pauseTimer === undefined && this.queue.length > 0) {
        this.pauseTimer = setTimeout(() => {
          this.pauseTimer = undefined;
          this.dispatch();
        }, wait);
      }
      return;
    }
    while (this.queue.length > 0 && this.inFlight < Math.max(1, Math.floor(this.limit))) {
      const waiter = this.queue.shift()!;
      waiter.signal?.removeEventListener('abort', waiter.onAbort);
      this.inFlight++;
      let released = false;
      waiter.resolve(() => {
        if (released) return;
        released = true;
        this.inFlight--;
        this.dispatch();
      });
    }
  }
}
