// The client's limit follows the server: full speed until the server answers 429 (API Priority
// and Fairness), then a pause for Retry-After and half as many requests in flight. Tested with an
// HTTP fault injector on loopback; the real API server's APF is tested in test/integration.
import { describe, expect, it } from 'vitest';
import { AdaptiveLimiter, KubeClient, QuaiError, sleep } from '../src/index.js';
import { serve } from './fault-server.js';

describe('AdaptiveLimiter', () => {
  it('lets everything go at once up to its window, then queues', async () => {
    const limiter = new AdaptiveLimiter({ maxInFlight: 4 });
    const slots = await Promise.all(Array.from({ length: 4 }, () => limiter.acquire()));
    let fifth = false;
    const pending = limiter.acquire().then((s) => {
      fifth = true;
      return s;
    });
    await sleep(20);
    expect(fifth).toBe(false);
    expect(limiter.stats()).toMatchObject({ inFlight: 4, queued: 1 });
    slots[0]!.release();
    (await pending).release();
    expect(fifth).toBe(true);
  });

  it('halves its window once per throttle epoch and grows it back one per window of answers', async () => {
    const limiter = new AdaptiveLimiter({ maxInFlight: 16 });
    const slots = await Promise.all(Array.from({ length: 16 }, () => limiter.acquire()));
    // Every request in flight is throttled: one decrease for that epoch, not sixteen.
    for (const s of slots) limiter.throttled({ retryAfterMs: 0, priorityLevelUid: 'pl-1' }, s.epoch);
    expect(limiter.stats()).toMatchObject({ limit: 8, throttles: 16, backoffs: 1, priorityLevelUid: 'pl-1' });
    for (const s of slots) s.release();
    // Requests sent after the decrease and throttled again halve it again.
    const later = await Promise.all(Array.from({ length: 8 }, () => limiter.acquire()));
    limiter.throttled({ retryAfterMs: 0 }, later[0]!.epoch);
    for (const s of later) s.release();
    expect(limiter.stats()).toMatchObject({ limit: 4, backoffs: 2 });
    // About one more seat per window of answers.
    const before = limiter.stats().limit;
    for (let i = 0; i < 2 * before + 2; i++) limiter.succeeded();
    expect(limiter.stats().limit).toBeGreaterThanOrEqual(before + 2);
  });

  it('holds every request back when the whole server asks to wait (503 with Retry-After)', async () => {
    const limiter = new AdaptiveLimiter({ maxInFlight: 8 });
    const first = await limiter.acquire();
    limiter.pause(150);
    first.release();
    const start = performance.now();
    (await limiter.acquire()).release();
    expect(performance.now() - start).toBeGreaterThanOrEqual(140);
    expect(limiter.stats().pausedMs).toBeGreaterThanOrEqual(140);
  });

  it('gives up a queued wait at once when aborted', async () => {
    const limiter = new AdaptiveLimiter({ maxInFlight: 1 });
    const held = await limiter.acquire();
    const controller = new AbortController();
    const waiting = limiter.acquire(controller.signal);
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
    expect(limiter.stats().queued).toBe(0);
    held.release();
    (await limiter.acquire()).release();
  });
});

describe('KubeClient under API Priority and Fairness', () => {
  it('backs off on 429 with Retry-After, names the flow, and completes every request', async () => {
    let inFlight = 0;
    let peak = 0;
    const { access } = await serve((_req, res) => {
      // A priority level with 4 seats that rejects the rest, as APF's Reject does.
      if (inFlight >= 4) {
        res.writeHead(429, {
          'content-type': 'application/json',
          'retry-after': '0',
          'x-kubernetes-pf-flowschema-uid': 'fs-uid',
          'x-kubernetes-pf-prioritylevel-uid': 'pl-uid',
        });
        res.end(
          JSON.stringify({ kind: 'Status', code: 429, reason: 'TooManyRequests', message: 'slow down' }),
        );
        return;
      }
      inFlight++;
      peak = Math.max(peak, inFlight);
      setTimeout(() => {
        inFlight--;
        res.end('{"ok":true}');
      }, 5);
    });
    const client = new KubeClient(access, { backoffMs: 1 });
    const answers = await Promise.all(Array.from({ length: 200 }, () => client.request({ path: '/x' })));
    expect(answers.every((a) => (a as { ok: boolean }).ok)).toBe(true);
    const stats = client.limiter.stats();
    expect(stats.throttles).toBeGreaterThan(0);
    expect(stats.flowSchemaUid).toBe('fs-uid');
    expect(stats.priorityLevelUid).toBe('pl-uid');
    expect(stats.limit).toBeLessThan(64);
    expect(peak).toBeLessThanOrEqual(4);
    client.close();
  });

  it('runs at full speed when the server never throttles (no fixed rate)', async () => {
    let inFlight = 0;
    let peak = 0;
    const { access } = await serve((_req, res) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      setTimeout(() => {
        inFlight--;
        res.end('{}');
      }, 20);
    });
    const client = new KubeClient(access);
    const start = performance.now();
    await Promise.all(Array.from({ length: 600 }, () => client.request({ path: '/x' })));
    // 600 requests of 20 ms, up to 64 at once: well under a second on an idle machine; the CLI's
    // old fixed 50 a second (burst 100) took 10 s, the library's 5 a second two minutes.
    expect(performance.now() - start).toBeLessThan(5000);
    expect(peak).toBeGreaterThan(16);
    expect(peak).toBeLessThanOrEqual(64);
    client.close();
  });

  it('keeps a fixed cap when one is asked for (--qps)', async () => {
    const { access } = await serve((_req, res) => res.end('{}'));
    const client = new KubeClient(access, { qps: 20, burst: 1 });
    const start = performance.now();
    await Promise.all(Array.from({ length: 6 }, () => client.request({ path: '/x' })));
    expect(performance.now() - start).toBeGreaterThanOrEqual(240);
    client.close();
  });

  it('adds no listener per request to a shared signal (no MaxListenersExceededWarning)', async () => {
    const warnings: Error[] = [];
    const onWarning = (w: Error): void => void warnings.push(w);
    process.on('warning', onWarning);
    try {
      const { access } = await serve((_req, res, n) => {
        if (n % 3 === 0) {
          res.writeHead(503, { 'content-type': 'application/json' });
          res.end('{"kind":"Status","code":503,"message":"busy"}');
          return;
        }
        setTimeout(() => res.end('{}'), 5);
      });
      const client = new KubeClient(access, { maxInFlight: 8, backoffMs: 5 });
      const shared = new AbortController().signal;
      await Promise.all(Array.from({ length: 400 }, () => client.request({ path: '/x', signal: shared })));
      await sleep(10);
      client.close();
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
  });

  it('stops waiting at once when the signal aborts, in the queue and in backoff', async () => {
    const { access } = await serve((_req, res) => {
      res.writeHead(503, { 'content-type': 'application/json' });
      res.end('{"kind":"Status","code":503,"message":"busy"}');
    });
    const client = new KubeClient(access, { backoffMs: 60_000, maxBackoffMs: 60_000 });
    const controller = new AbortController();
    const pending = client.request({ path: '/x', signal: controller.signal });
    await sleep(50);
    const start = performance.now();
    controller.abort(new Error('Ctrl-C'));
    await expect(pending).rejects.toThrow('Ctrl-C');
    expect(performance.now() - start).toBeLessThan(100);
    client.close();
  });

  it('treats a request timeout of 0 as no limit, as kubectl does', async () => {
    const { access } = await serve((_req, res) => setTimeout(() => res.end('{"late":true}'), 300));
    const client = new KubeClient(access, { timeoutMs: 0, retries: 0 });
    expect(await client.request({ path: '/x' })).toEqual({ late: true });
    client.close();
    const bounded = new KubeClient(access, { timeoutMs: 100, retries: 0 });
    await expect(bounded.request({ path: '/x' })).rejects.toMatchObject({ code: 'TIMEOUT' });
    bounded.close();
  });

  it('reports an apply the server cannot merge as invalid input, without retrying it', async () => {
    const message =
      'failed to create typed patch object (/v1, Kind=Service) shop/web: .spec.ports: duplicate entries for key [port=8080,protocol="TCP"]';
    const { access, count } = await serve((_req, res) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ kind: 'Status', status: 'Failure', code: 500, reason: 'InternalError', message }),
      );
    });
    const client = new KubeClient(access, { backoffMs: 1 });
    const error = await client
      .request({ method: 'PATCH', path: '/api/v1/namespaces/shop/services/web', body: {}, idempotent: true })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QuaiError);
    expect(error).toMatchObject({ code: 'INVALID' });
    expect((error as QuaiError).message).toContain('duplicate entries for key');
    expect(count()).toBe(1);
    client.close();
  });
});
