import { msg, type Param } from '@quai/contracts';
import { QuaiError } from '../../errors/index.js';

/** A store file that cannot be read as written: names the file, says how to repair the store. */
export function damaged(path: string, why: Param): QuaiError {
  return new QuaiError('INPUT_INVALID', msg('scan.store.damaged', { path, why }), {
    hint: msg('scan.store.damagedHint'),
    location: { file: path },
  });
}
