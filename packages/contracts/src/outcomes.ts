import { ERROR_CODES, EXIT_CODES, type ErrorCode, type ExitCode } from './errors.js';
import type { Bilingual } from './i18n.js';

/**
 * How a use case ended when it ran to its end (a thrown error ends it otherwise: see
 * ERROR_CODES). One table maps each outcome to the CLI's exit code and the HTTP API's status,
 * so every front end says the same thing about the same result.
 */
export const OUTCOMES = {
  ok: {
    exit: EXIT_CODES.ok,
    http: 200,
    summary: { en: 'Done.', fr: 'Terminé.' },
  },
  changes: {
    exit: EXIT_CODES.findings,
    http: 200,
    summary: {
      en: 'Done; there are changes to apply (a plan with changes).',
      fr: 'Terminé ; il y a des changements à appliquer (un plan avec des changements).',
    },
  },
  unhealthy: {
    exit: EXIT_CODES.findings,
    http: 200,
    summary: {
      en: 'Done; something is not healthy (status, drill check).',
      fr: "Terminé ; quelque chose n'est pas en bonne santé (état, vérification d'un exercice).",
    },
  },
  findings: {
    exit: EXIT_CODES.findings,
    http: 200,
    summary: {
      en: 'Done; findings at or above the severity threshold (audit, scan).',
      fr: 'Terminé ; des constats au niveau de gravité demandé ou au-dessus (audit, analyse).',
    },
  },
  partial: {
    exit: EXIT_CODES.failed,
    http: 207,
    summary: {
      en: 'Partly failed: some items failed, the others are done (the result lists each).',
      fr: 'Échec partiel : certains éléments ont échoué, les autres sont faits (le résultat les liste).',
    },
  },
  failed: {
    exit: EXIT_CODES.failed,
    http: 422,
    summary: {
      en: 'The operation ran and failed (a rollout that did not become ready, a backup that failed); the result says why.',
      fr: "L'opération a été menée et a échoué (un déploiement qui n'est pas devenu prêt, une sauvegarde en échec) ; le résultat dit pourquoi.",
    },
  },
} as const satisfies Record<string, { exit: ExitCode; http: number; summary: Bilingual }>;

export type OutcomeKind = keyof typeof OUTCOMES;
export const OUTCOME_KINDS = Object.keys(OUTCOMES) as readonly OutcomeKind[];

/** What a use case returns: how it ended, and its result as data (partial failures included). */
export interface Outcome<R> {
  readonly outcome: OutcomeKind;
  readonly result: R;
}

/** The exit code of an outcome or an error code: the one table for the CLI. */
export function exitCodeOf(kind: OutcomeKind | ErrorCode): ExitCode {
  return Object.hasOwn(OUTCOMES, kind)
    ? OUTCOMES[kind as OutcomeKind].exit
    : ERROR_CODES[kind as ErrorCode].exit;
}

/** The HTTP status of an outcome or an error code: the one table for the API. */
export function httpStatusOf(kind: OutcomeKind | ErrorCode): number {
  return Object.hasOwn(OUTCOMES, kind)
    ? OUTCOMES[kind as OutcomeKind].http
    : ERROR_CODES[kind as ErrorCode].http;
}

/** The worst of several outcomes (several apps applied at once). */
export function worstOutcome(kinds: readonly OutcomeKind[]): OutcomeKind {
  const order: readonly OutcomeKind[] = ['failed', 'partial', 'findings', 'unhealthy', 'changes', 'ok'];
  for (const k of order) if (kinds.includes(k)) return k;
  return 'ok';
}
