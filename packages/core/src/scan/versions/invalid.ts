import { msg, type Message } from '@quai/contracts';
import { QuaiError } from '../../errors/index.js';

/** The error a strict ordering raises for a version its tool refuses. */
export function invalidVersion(what: string, version: string, rule: Message): QuaiError {
  return new QuaiError('INPUT_INVALID', msg('scan.version.invalid', { what, version }), { hint: rule });
}
