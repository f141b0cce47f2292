import { dirname } from 'node:path';
import { msg, type Message } from '@quai/contracts';
import { QuaiError } from '../errors/index.js';

/** Why a file operation failed, in words, from Node's error code. */
function reasonOf(code: string, path: string): { reason: Message; hint: Message } {
  switch (code) {
    case 'ENOENT':
      return {
        reason: msg('backup.fs.noEntry'),
        hint: msg('backup.fs.noEntryHint', { folder: dirname(path) }),
      };
    case 'ENOTDIR':
      return { reason: msg('backup.fs.notFolder'), hint: msg('backup.fs.notFolderHint') };
    case 'EISDIR':
      return { reason: msg('backup.fs.isFolder'), hint: msg('backup.fs.isFolderHint') };
    case 'EEXIST':
      return { reason: msg('backup.fs.exists'), hint: msg('backup.fs.existsHint') };
    case 'EACCES':
    case 'EPERM':
      return { reason: msg('backup.fs.denied'), hint: msg('backup.fs.deniedHint') };
    case 'EROFS':
      return { reason: msg('backup.fs.readOnly'), hint: msg('backup.fs.readOnlyHint') };
    case 'ENAMETOOLONG':
      return { reason: msg('backup.fs.tooLong'), hint: msg('backup.fs.tooLongHint') };
    case 'ELOOP':
      return { reason: msg('backup.fs.loop'), hint: msg('backup.fs.loopHint') };
    default:
      return { reason: msg('backup.fs.other', { code }), hint: msg('backup.fs.otherHint') };
  }
}

/**
 * A file system error on a path the user gave (a key file, a target folder, a report), as a
 * Quai error naming the path and the reason: an input error (exit 2), or a lack of space
 * (exit 6). Anything that is not a file system error is passed through.
 */
export function fileError(
  error: unknown,
  what: Message,
  path: string,
  options: { readonly hint?: Message } = {},
): Error {
  if (error instanceof QuaiError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code !== 'string' || !/^E[A-Z]+$/.test(code)) {
    return error instanceof Error ? error : new Error(String(error));
  }
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new QuaiError('PREREQUISITE_MISSING', msg('backup.fs.noSpace', { what, path }), {
      hint: msg('backup.fs.noSpaceHint'),
      cause: error,
    });
  }
  const { reason, hint } = reasonOf(code, path);
  return new QuaiError('INPUT_INVALID', msg('backup.fs.failed', { what, path, reason }), {
    hint: code === 'ENOENT' && options.hint !== undefined ? options.hint : hint,
    cause: error,
  });
}
