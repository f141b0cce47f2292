import { QuaiError } from '../../errors/index.js';

/** The error a strict ordering raises for a version its tool refuses. */
export function invalidVersion(what: string, version: string, rule: string): QuaiError {
  return new QuaiError('INPUT_INVALID', `Invalid ${what} version "${version}".`, { hint: rule });
}
