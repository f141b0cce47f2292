/**
 * The API server's answers about one user's rights (may they list this, read that), kept a short
 * while as the API server's own authorization caches do, so a page that makes many requests does
 * not make as many checks.
 *
 * - An answer is fresh for `freshMs`, counted from when it came: a slow API server must not make
 *   every request check again.
 * - Older, it is checked again. Until `staleMs`, the last answer is served while the new check
 *   runs (a changed answer applies from the next request); after that, or for a first check, the
 *   request waits for the answer.
 * - Concurrent requests for one key share one check, which is therefore not tied to any request's
 *   signal.
 * - A failed check is not remembered: the next request asks again, and sees the error if it
 *   persists.
 * - At most `max` keys are kept; past that the cache starts again empty.
 */
export class Decisions<T> {
  private readonly entries = new Map<string, { at: number; answer: Promise<T>; check?: Promise<T> }>();

  constructor(
    private readonly options: {
      readonly freshMs: number;
      readonly staleMs: number;
      readonly max?: number;
      readonly now?: () => number;
    },
  ) {}

  get(key: string, check: () => Promise<T>): Promise<T> {
    const now = this.options.now?.() ?? Date.now();
    const known = this.entries.get(key);
    const age = known === undefined ? Infinity : now - known.at;
    if (known !== undefined && age <= this.options.freshMs) return known.answer;
    const stale = known !== undefined && age <= this.options.staleMs;
    if (known?.check !== undefined) return stale ? known.answer : known.check;
    if (this.entries.size >= (this.options.max ?? 10_000)) this.entries.clear();
    const pending = check();
    // Settled here whatever happens; whoever waits on it still sees its error.
    pending.then(
      (answer) =>
        this.entries.set(key, { at: this.options.now?.() ?? Date.now(), answer: Promise.resolve(answer) }),
      () => this.entries.delete(key),
    );
    if (stale) {
      known.check = pending;
      return known.answer;
    }
    this.entries.set(key, { at: now, answer: pending, check: pending });
    return pending;
  }
}
