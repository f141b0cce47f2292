import { USE_CASES, type Lang, type UseCaseId } from '@quai/contracts';
import { parseRequestWith } from './execute.js';

/**
 * Checks a request against its use case's schema, synchronously, from the table of every use
 * case: for the HTTP API, which serves them all (USE_CASES is loaded with its routes). run()
 * checks the request itself, loading only the use case's domain.
 */
export function parseRequest(id: UseCaseId, input: unknown, lang: Lang): unknown {
  return parseRequestWith(USE_CASES[id], id, input, lang);
}
