import { dirname } from 'node:path';
import { QuaiError } from '../errors/index.js';

/** Why a file operation failed, in words, from Node's error code. */
function reasonOf(code: string, path: string): { reason: string; hint: string } {
  switch (code) {
    case 'ENOENT':
      return {
        reason: 'no such file or folder',
        hint: `Check the path; create the folder first if it is missing (mkdir -p ${dirname(path)}).`,
      };
    case 'ENOTDIR':
      return {
        reason: 'a part of the path is a file, not a folder',
        hint: 'Give a path whose parents are folders.',
      };
    case 'EISDIR':
      return { reason: 'it is a folder, not a file', hint: 'Give the path of a file.' };
    case 'EEXIST':
      return { reason: 'it exists already', hint: 'Choose another path.' };
    case 'EACCES':
    case 'EPERM':
      return {
        reason: 'permission denied',
        hint: 'Check the owner and mode of the path and its folders, or run as a user who may use it.',
      };
    case 'EROFS':
      return { reason: 'the file system is read-only', hint: 'Choose a writable place.' };
    case 'ENAMETOOLONG':
      return { reason: 'the name is too long', hint: 'Choose a shorter path.' };
    case 'ELOOP':
      return { reason: 'too many symbolic links', hint: 'Check the symbolic links on the path.' };
    default:
      return { reason: code, hint: 'Check the path.' };
  }
}

/**
 * A file system error on a path the user gave (a key file, a target folder, a report), as a
 * Quai error naming the path and the reason: an input error (exit 2), or a lack of space
 * (exit 6). Anything that is not a file system error is passed through.
 */
export function fileError(
  error: unknown,
  what: string,
  path: string,
  options: { readonly hint?: string } = {},
): Error {
  if (error instanceof QuaiError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code !== 'string' || !/^E[A-Z]+$/.test(code)) {
    return error instanceof Error ? error : new Error(String(error));
  }
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new QuaiError('PREREQUISITE_MISSING', `Cannot ${what} "${path}": no space left on the device.`, {
      hint: 'Free space there, or choose another place.',
      cause: error,
    });
  }
  const { reason, hint } = reasonOf(code, path);
  return new QuaiError('INPUT_INVALID', `Cannot ${what} "${path}": ${reason}.`, {
    hint: code === 'ENOENT' && options.hint !== undefined ? options.hint : hint,
    cause: error,
  });
}
