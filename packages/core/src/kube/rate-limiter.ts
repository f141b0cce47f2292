/**
 * A token bucket like client-go's: `qps` tokens a second, at most `burst` saved up.
 * Callers reserve a token and wait for their turn; an aborted wait gives its token back.
 * qps <= 0 or Infinity disables limiting.
 */
export class RateLimiter {
  private tokens: number;
  private last: number;

  constructor(
    readonly qps: number,
    readonly burst: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    if (!(burst >= 1)) throw new RangeError(`burst must be at least 1, got ${String(burst)}`);
    this.tokens = burst;
    this.last = this.now();
  }

  get enabled(): boolean {
    return this.qps > 0 && Number.isFinite(this.qps);
  }

  /** Reserves one token; returns how many milliseconds to wait before using it. */
  reserve(): number {
    if (!this.enabled) return 0;
    const now = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.qps);
    this.last = now;
    this.tokens -= 1;
    return this.tokens >= 0 ? 0 : (-this.tokens / this.qps) * 1000;
  }

  /** Waits until a request may go. Rejects with the signal's reason if aborted. */
  async acquire(signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    const wait = this.reserve();
    if (wait <= 0) return;
    await new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        clearTimeout(timer);
        this.tokens += 1;
        reject(signal?.reason as Error);
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, wait);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
}
