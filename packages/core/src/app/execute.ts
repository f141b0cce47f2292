import { loadUseCase, msg, type Lang, type Outcome, type UseCaseId, type UseCaseSpec } from '@quai/contracts';
import en from 'zod/v4/locales/en.js';
import fr from 'zod/v4/locales/fr.js';
import { QuaiError } from '../errors/index.js';
import type { AppContext } from './context.js';
import { handlerOf } from './handlers.js';

// The two locales by their own modules: `z.locales.fr` would bundle all of zod's 50 locales.
const localeErrors = { en: en().localeError, fr: fr().localeError } as const;

/**
 * Checks a request against its use case's schema (`spec`: USE_CASES[id], or loadUseCase(id));
 * the problems are listed with their paths, in the reader's language.
 */
export function parseRequestWith(spec: UseCaseSpec, id: UseCaseId, input: unknown, lang: Lang): unknown {
  const parsed = spec.request.safeParse(input, { error: localeErrors[lang] });
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues
    .slice(0, 20)
    .map((i) => `${i.path.length === 0 ? '(request)' : i.path.join('.')}: ${i.message}`);
  throw new QuaiError(
    'INPUT_INVALID',
    msg('app.badRequest', { useCase: id, problems: problems.join('; ') }),
    {
      details: {
        issues: parsed.error.issues.map((i) => ({
          path: i.path.map(String),
          message: i.message,
          code: i.code,
        })),
      },
    },
  );
}

/**
 * Runs a use case: checks the request (defaults applied), then calls its implementation. Every
 * front end goes through here, so a request means the same thing from the CLI, the API or the
 * console. Only the use case's domain is loaded (its schemas, its implementation).
 */
export async function run<Id extends UseCaseId>(
  id: Id,
  input: unknown,
  ctx: AppContext,
): Promise<Outcome<unknown>> {
  const [spec, handler] = await Promise.all([loadUseCase(id), handlerOf(id)]);
  const request = parseRequestWith(spec, id, input, ctx.settings.lang);
  return (handler as (req: unknown, ctx: AppContext) => Promise<Outcome<unknown>>)(request, ctx);
}
