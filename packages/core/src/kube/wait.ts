import { msg } from '@quai/contracts';
import { QuaiError } from '../errors/index.js';
import { sleep } from './abort.js';

export interface WaitOptions {
  readonly timeoutMs: number;
  readonly intervalMs?: number;
  readonly signal?: AbortSignal;
  /** Names what is awaited, for the timeout message: "3 ready pods in deployment web". */
  readonly what: string;
}

/**
 * Polls `check` until it returns a value other than undefined, or times out with an error
 * that names what was awaited and the last state seen. An abort stops the wait at once, sleep
 * included. (Waits on Kubernetes objects should rather watch: see Informer.)
 */
export async function waitFor<T>(
  check: () => Promise<T | undefined>,
  options: WaitOptions,
  describeState?: () => string,
): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  const interval = options.intervalMs ?? 250;
  for (;;) {
    options.signal?.throwIfAborted();
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() >= deadline) {
      const state = describeState?.();
      throw new QuaiError(
        'TIMEOUT',
        msg('kube.waitTimeout', {
          seconds: Math.round(options.timeoutMs / 1000),
          what: options.what,
          state: state ? msg('kube.waitLastSeen', { state }) : '',
        }),
      );
    }
    await sleep(Math.max(0, Math.min(interval, deadline - Date.now())), options.signal);
  }
}
