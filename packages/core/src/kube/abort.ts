/**
 * Cancellation helpers. A long-lived signal (the command's Ctrl-C signal) is shared by thousands
 * of requests, sleeps and waits at once; adding an `abort` listener to it for each would grow
 * without bound (and Node warns: MaxListenersExceededWarning). So each waiter listens on a
 * signal derived from it with AbortSignal.any, which follows the parent without a listener.
 */

/** A signal of one's own that aborts with `signal` (or never, without one). */
export function childSignal(signal: AbortSignal | undefined): AbortSignal | undefined {
  return signal === undefined ? undefined : AbortSignal.any([signal]);
}

/** Sleeps `ms` milliseconds; rejects with the signal's reason at once when it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason as Error);
      return;
    }
    const own = childSignal(signal);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(own?.reason as Error);
    };
    const timer = setTimeout(() => {
      own?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    own?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Settles with `promise`, or rejects with the signal's reason as soon as it aborts. */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return promise;
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  const own = AbortSignal.any([signal]);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(own.reason as Error);
    own.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        own.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: Error) => {
        own.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}
