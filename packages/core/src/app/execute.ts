import { msg, USE_CASES, type Lang, type Outcome, type UseCaseId } from '@quai/contracts';
import { z } from 'zod';
import { QuaiError } from '../errors/index.js';
import type { AppContext } from './context.js';
import { handlerOf } from './handlers.js';

const localeErrors = { en: z.locales.en().localeError, fr: z.locales.fr().localeError } as const;

/** Checks a request against its use case's schema; the problems are listed with their paths. */
export function parseRequest<Id extends UseCaseId>(id: Id, input: unknown, lang: Lang): unknown {
  const spec = USE_CASES[id];
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
 * console.
 */
export async function run<Id extends UseCaseId>(
  id: Id,
  input: unknown,
  ctx: AppContext,
): Promise<Outcome<unknown>> {
  const request = parseRequest(id, input, ctx.settings.lang);
  const handler = (await handlerOf(id)) as (req: unknown, ctx: AppContext) => Promise<Outcome<unknown>>;
  return handler(request, ctx);
}
