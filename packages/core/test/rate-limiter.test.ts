import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../src/kube/index.js';

function fakeClock(): { now: () => number; advance: (ms: number) => void } {
  let t = 0;
  return { now: () => t, advance: (ms) => (t += ms) };
}

describe('RateLimiter', () => {
  it('lets a burst through at once, then spaces requests at 1/qps', () => {
    const clock = fakeClock();
    const limiter = new RateLimiter(5, 10, clock.now);
    const waits = Array.from({ length: 12 }, () => limiter.reserve());
    expect(waits.slice(0, 10)).toEqual(Array(10).fill(0));
    expect(waits[10]).toBeCloseTo(200);
    expect(waits[11]).toBeCloseTo(400);
  });

  it('refills tokens over time, never above the burst', () => {
    const clock = fakeClock();
    const limiter = new RateLimiter(10, 2, clock.now);
    limiter.reserve();
    limiter.reserve();
    clock.advance(10_000);
    expect(limiter.reserve()).toBe(0);
    expect(limiter.reserve()).toBe(0);
    expect(limiter.reserve()).toBeCloseTo(100);
  });

  it('is disabled with qps 0', () => {
    const limiter = new RateLimiter(0, 1);
    expect(limiter.enabled).toBe(false);
    expect(Array.from({ length: 100 }, () => limiter.reserve()).every((w) => w === 0)).toBe(true);
  });

  it('gives the token back when a wait is aborted', async () => {
    const clock = fakeClock();
    const limiter = new RateLimiter(1, 1, clock.now);
    limiter.reserve();
    const controller = new AbortController();
    const pending = limiter.acquire(controller.signal);
    controller.abort(new Error('stop'));
    await expect(pending).rejects.toThrow('stop');
    // Token returned: the next reservation waits one interval, not two.
    expect(limiter.reserve()).toBeCloseTo(1000);
  });

  it('limits real requests to about qps a second', async () => {
    const limiter = new RateLimiter(50, 1);
    const start = performance.now();
    for (let i = 0; i < 11; i++) await limiter.acquire();
    // 10 waits of 20 ms after the first token.
    expect(performance.now() - start).toBeGreaterThanOrEqual(180);
  });

  it('rejects a burst below 1', () => {
    expect(() => new RateLimiter(5, 0)).toThrow(RangeError);
  });
});
