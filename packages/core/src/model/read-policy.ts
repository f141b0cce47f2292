import { realpathSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { msg, type Param } from '@quai/contracts';
import { QuaiError, type Location } from '../errors/index.js';

/**
 * Which host files onboarding may read into an app: only files whose real path (symbolic links
 * resolved) lies under the project folder or a folder the user named (`--allow-read DIR`).
 * `../outside.txt`, a symbolic link to /etc/passwd or `/etc/hostname` are refused with the path,
 * so a vendor's compose file cannot copy host files into app.yaml, secrets/ or ConfigMaps.
 */
export interface ReadPolicy {
  /** Real paths of the folders files may be read from. */
  readonly roots: readonly string[];
  /**
   * The real path of `path` when it may be read; undefined when it does not exist; throws when it
   * resolves outside every allowed folder.
   */
  check(path: string, what: Param, location?: Location): string | undefined;
  /** True when `path` exists and may be read (no error). */
  allows(path: string): boolean;
}

function realOrUndefined(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

export function createReadPolicy(projectDir: string, allowRead: readonly string[] = []): ReadPolicy {
  const roots: string[] = [];
  for (const dir of [projectDir, ...allowRead]) {
    const real = realOrUndefined(resolve(dir));
    if (real === undefined) {
      if (dir === projectDir) continue;
      throw new QuaiError('USAGE', msg('model.allowReadMissing', { dir }), {
        hint: msg('model.allowReadMissingHint'),
      });
    }
    roots.push(real);
  }
  const lexicalRoots = [projectDir, ...allowRead].map((d) => resolve(d));
  const allowedReal = (real: string): boolean => roots.some((r) => inside(r, real));
  return {
    roots,
    check(path, what, location) {
      const real = realOrUndefined(path);
      if (real === undefined) {
        // A file that does not exist is refused all the same when its path leaves the allowed
        // folders: the answer must not depend on what the host happens to hold.
        const lexical = resolve(path);
        if (lexicalRoots.some((r) => inside(r, lexical)) || roots.some((r) => inside(r, lexical)))
          return undefined;
        throw new QuaiError(
          'INPUT_INVALID',
          msg('model.readRefused', { path, what, project: roots[0] ?? projectDir }),
          {
            ...(location ? { location } : {}),
            hint: msg('model.readRefusedHint', { dir: dirname(lexical) }),
            details: { path },
          },
        );
      }
      if (allowedReal(real)) return real;
      throw new QuaiError(
        'INPUT_INVALID',
        real !== resolve(path)
          ? msg('model.readRefusedLink', { path, what, real, project: roots[0] ?? projectDir })
          : msg('model.readRefused', { path, what, project: roots[0] ?? projectDir }),
        {
          ...(location ? { location } : {}),
          hint: msg('model.readRefusedHint', { dir: real.slice(0, real.lastIndexOf(sep)) || sep }),
          details: { path, realPath: real },
        },
      );
    },
    allows(path) {
      const real = realOrUndefined(path);
      return real !== undefined && allowedReal(real);
    },
  };
}
