import { useState } from 'preact/hooks';
import { ApiError, type ProgressData } from './api.js';
import { useI18n } from './i18n.js';
import { useSession } from './state.js';

/** A change a form makes (a backup, a restore, a drill): running or not, its progress, its error. */
export interface Action {
  readonly busy: boolean;
  /** The progress messages of the current run, in the reader's language (the last 50). */
  readonly steps: readonly string[];
  readonly error: ApiError | undefined;
  /**
   * Runs `work`, which reports progress through the function it is given. An error is kept to be
   * shown (a session that ended goes back to sign-in); the run's steps start empty.
   */
  readonly run: (work: (progress: (p: ProgressData) => void) => Promise<void>) => Promise<void>;
  readonly clear: () => void;
}

export function useAction(): Action {
  const { m } = useI18n();
  const { signedOut } = useSession();
  const [busy, setBusy] = useState(false);
  const [steps, setSteps] = useState<readonly string[]>([]);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const run: Action['run'] = async (work) => {
    setBusy(true);
    setError(undefined);
    setSteps([]);
    try {
      await work((p) => {
        if (p.message === undefined) return;
        const line = m(p.message);
        setSteps((all) => [...all.slice(-49), line]);
      });
    } catch (err) {
      const e = err instanceof ApiError ? err : new ApiError(500, 'INTERNAL', (err as Error).message);
      if (e.unauthenticated) signedOut();
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return { busy, steps, error, run, clear: () => setError(undefined) };
}
