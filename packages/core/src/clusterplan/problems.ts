import { isMessageId, msg, type Lang, type Message } from '@quai/contracts';
import type { z } from 'zod';
import en from 'zod/v4/locales/en.js';
import fr from 'zod/v4/locales/fr.js';
import { locationText, QuaiError, type Location } from '../errors/index.js';
import { locationOf } from '../model/index.js';
import { issueText, parseYamlLocated, valueAt, type LocatedDocument } from '../util/index.js';

/**
 * Problems of an input file (an inventory, a weights or comparison data file), in the reader's
 * language: each names the value it is about, so it can be located at its file, line and column,
 * and an error says how to fix it. Any error stops the command with every error listed at once.
 */
export interface Problem {
  readonly severity: 'error' | 'warning';
  readonly rule: string;
  readonly message: Message;
  readonly hint?: Message;
  /** The path of the value in the document (`spec.nodes[2].address`). */
  readonly path: readonly (string | number)[];
}

export interface LocatedProblem {
  readonly severity: 'error' | 'warning';
  readonly rule: string;
  readonly message: Message;
  readonly hint?: Message;
  readonly location: Location;
}

const ZOD_LOCALES = { en, fr } as const;

/** A zod issue's message: a catalog id set by the schema, else zod's own text in the language. */
function issueMessage(issue: z.core.$ZodIssue, value: unknown): Message {
  if (isMessageId(issue.message)) return { id: issue.message };
  const text = issueText(issue, valueAt(value, issue.path));
  return typeof text === 'string' ? msg('common.text', { text }) : text;
}

/** Schema issues as problems; an unknown key points at the key itself. */
function schemaProblems(issues: readonly z.core.$ZodIssue[], value: unknown): Problem[] {
  return issues.map((issue) => {
    if (issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined) {
      return {
        severity: 'error',
        rule: 'schema',
        message: msg('clusterplan.unknownKeys', { keys: issue.keys.map((k) => `"${k}"`).join(', ') }),
        hint: msg('clusterplan.unknownKeysHint'),
        path: [...(issue.path as (string | number)[]), issue.keys[0]],
      };
    }
    return {
      severity: 'error',
      rule: 'schema',
      message: issueMessage(issue, value),
      path: issue.path as (string | number)[],
    };
  });
}

/**
 * The longest part of `path` that the document really contains: a problem about a value left to
 * its default (spec.etcd, say) then points at the key that holds it, not at a neighbour.
 */
function writtenPrefix(value: unknown, path: readonly (string | number)[]): (string | number)[] {
  const out: (string | number)[] = [];
  let cur: unknown = value;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object' || !(String(key) in (cur as Record<string, unknown>))) break;
    cur = (cur as Record<string, unknown>)[String(key)];
    out.push(key);
  }
  return out;
}

export function locate(doc: LocatedDocument, file: string, problems: readonly Problem[]): LocatedProblem[] {
  return problems.map((p) => ({
    severity: p.severity,
    rule: p.rule,
    message: p.message,
    ...(p.hint === undefined ? {} : { hint: p.hint }),
    location: locationOf(doc, file, writtenPrefix(doc.value, p.path)),
  }));
}

/** `file:line:column at path`, as errors and warnings show where they are. */
export function whereOf(location: Location): Message | string {
  return locationText(location);
}

/** Throws one INPUT_INVALID error listing every error (at most 20 shown), each with its fix. */
export function throwIfProblems(what: Message, file: string, problems: readonly LocatedProblem[]): void {
  const errors = problems.filter((p) => p.severity === 'error');
  const first = errors[0];
  if (first === undefined) return;
  const lines: Message[] = errors
    .slice(0, 20)
    .map((p) =>
      p.hint === undefined
        ? msg('clusterplan.problem', { where: whereOf(p.location), message: p.message })
        : msg('clusterplan.problemWithFix', { where: whereOf(p.location), message: p.message, fix: p.hint }),
    );
  if (errors.length > 20) lines.push(msg('clusterplan.more', { count: errors.length - 20 }));
  // One message made of the lines, so that the whole error shows in the reader's language.
  const joined = lines.reduceRight<Message | undefined>(
    (rest, line) => (rest === undefined ? line : msg('clusterplan.lines', { first: line, rest })),
    undefined,
  );
  throw new QuaiError(
    'INPUT_INVALID',
    msg('clusterplan.invalid', { what, file, count: errors.length, problems: joined ?? '' }),
    {
      location: first.location,
      hint: msg('clusterplan.invalidHint'),
      details: {
        problems: problems.map((p) => ({ severity: p.severity, rule: p.rule, location: p.location })),
      },
    },
  );
}

/**
 * Parses a YAML document against a schema, in three steps: YAML with positions, the schema (zod's
 * messages in the reader's language), then `rules` on the typed value. Errors throw; warnings are
 * returned, located.
 */
export function parseChecked<S extends z.ZodType>(
  schema: S,
  text: string,
  file: string,
  what: Message,
  lang: Lang,
  rules: (value: z.output<S>) => readonly Problem[],
): { readonly value: z.output<S>; readonly warnings: readonly LocatedProblem[] } {
  const doc = parseYamlLocated(text, { file, what: msg('yaml.document') });
  const parsed = schema.safeParse(doc.value, { error: ZOD_LOCALES[lang]().localeError });
  if (!parsed.success)
    throwIfProblems(what, file, locate(doc, file, schemaProblems(parsed.error.issues, doc.value)));
  const value = parsed.data as z.output<S>;
  const located = locate(doc, file, rules(value));
  throwIfProblems(what, file, located);
  return { value, warnings: located.filter((p) => p.severity === 'warning') };
}
