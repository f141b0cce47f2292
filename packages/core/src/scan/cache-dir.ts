import { homedir } from 'node:os';
import { join } from 'node:path';

/** Quai's cache folder: $QUAI_CACHE_DIR, else $XDG_CACHE_HOME/quai, else ~/.cache/quai. */
export function quaiCacheDir(env: Readonly<Record<string, string | undefined>>): string {
  return (
    env['QUAI_CACHE_DIR'] || join(env['XDG_CACHE_HOME'] || join(env['HOME'] || homedir(), '.cache'), 'quai')
  );
}
