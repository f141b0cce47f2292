import { describe, expect, it } from 'vitest';
import { Decisions } from '../src/decisions.js';

/** A check whose answers the test settles one by one, and a clock the test moves. */
function setup() {
  let now = 0;
  const calls: { resolve: (v: boolean) => void; reject: (e: Error) => void }[] = [];
  const decisions = new Decisions<boolean>({ freshMs: 10, staleMs: 30, max: 3, now: () => now });
  const check = () => new Promise<boolean>((resolve, reject) => calls.push({ resolve, reject }));
  const tick = () => new Promise((r) => setTimeout(r, 0));
  return { decisions, check, calls, tick, at: (t: number) => (now = t) };
}

describe('Decisions (the API server’s answers about a user’s rights)', () => {
  it('shares one check between concurrent askers and keeps the answer while it is fresh', async () => {
    const { decisions, check, calls, tick, at } = setup();
    const a = decisions.get('k', check);
    const b = decisions.get('k', check);
    expect(calls).toHaveLength(1);
    calls[0]!.resolve(true);
    expect(await a).toBe(true);
    expect(await b).toBe(true);
    await tick();
    at(10);
    expect(await decisions.get('k', check)).toBe(true);
    expect(calls).toHaveLength(1);
  });

  it('serves the last answer while checking again, then the new one', async () => {
    const { decisions, check, calls, tick, at } = setup();
    const first = decisions.get('k', check);
    calls[0]!.resolve(true);
    await first;
    await tick();
    at(20);
    expect(await decisions.get('k', check)).toBe(true);
    expect(await decisions.get('k', check)).toBe(true);
    expect(calls).toHaveLength(2);
    calls[1]!.resolve(false);
    await tick();
    expect(await decisions.get('k', check)).toBe(false);
    expect(calls).toHaveLength(2);
  });

  it('makes a request wait for the answer when the last one is too old', async () => {
    const { decisions, check, calls, tick, at } = setup();
    const first = decisions.get('k', check);
    calls[0]!.resolve(true);
    await first;
    await tick();
    at(31);
    const late = decisions.get('k', check);
    expect(calls).toHaveLength(2);
    calls[1]!.resolve(false);
    expect(await late).toBe(false);
  });

  it('does not remember a failed check: its askers see the error, the next one asks again', async () => {
    const { decisions, check, calls, tick, at } = setup();
    const first = decisions.get('k', check);
    calls[0]!.reject(new Error('forbidden'));
    await expect(first).rejects.toThrow('forbidden');
    await tick();
    const again = decisions.get('k', check);
    expect(calls).toHaveLength(2);
    calls[1]!.resolve(true);
    expect(await again).toBe(true);
    // A refusal found while the stale answer was served applies from the next request.
    await tick();
    at(25);
    expect(await decisions.get('k', check)).toBe(true);
    calls[2]!.reject(new Error('forbidden now'));
    await tick();
    const next = decisions.get('k', check);
    calls[3]!.reject(new Error('forbidden now'));
    await expect(next).rejects.toThrow('forbidden now');
  });

  it('keeps at most `max` keys', async () => {
    const { decisions, check, calls, tick } = setup();
    for (const key of ['a', 'b', 'c', 'd']) {
      const answer = decisions.get(key, check);
      calls.at(-1)!.resolve(true);
      await answer;
      await tick();
    }
    // 'a' was dropped when the fourth key came.
    void decisions.get('a', check);
    expect(calls).toHaveLength(5);
    calls[4]!.resolve(true);
  });
});
