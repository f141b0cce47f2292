import { LineCounter, parseDocument, isMap, isSeq, type Node } from 'yaml';
import { z } from 'zod';
import { QuaiError } from '../errors/index.js';
import type { KubeObject } from '../kube/index.js';
import { isCalendarDate, isPastDay } from '../util/index.js';

/**
 * Exceptions accept a known risk for a while. Each has a check ID, an expiry date and a
 * justification; an expired one no longer hides its finding and is reported itself.
 *
 * - On an object: the annotation `quai.dev/audit-exception.<CHECK-ID>: "YYYY-MM-DD; why"`.
 * - In a central file (`--exceptions FILE`), for objects matched by kind, namespace and name.
 */
export const EXCEPTION_ANNOTATION_PREFIX = 'quai.dev/audit-exception.';

export interface ExceptionRule {
  readonly check: string;
  readonly kind?: string;
  readonly namespace?: string;
  /** An object name; a trailing `*` matches any suffix. */
  readonly name?: string;
  readonly expires: string;
  readonly justification: string;
  /** Where it was written: `file:line` or `annotation`. */
  readonly source: string;
}

/** An exception is valid through the whole of its expiry day (UTC). */
export function isExpired(expires: string, now: Date): boolean {
  return isPastDay(expires, now);
}

export type AnnotationException =
  | { readonly ok: true; readonly rule: ExceptionRule }
  | { readonly ok: false; readonly check: string; readonly key: string; readonly problem: string };

/** The exceptions an object's annotations declare, valid or not. */
export function annotationExceptions(object: KubeObject): AnnotationException[] {
  const out: AnnotationException[] = [];
  for (const [key, value] of Object.entries(object.metadata.annotations ?? {})) {
    if (!key.startsWith(EXCEPTION_ANNOTATION_PREFIX)) continue;
    const check = key.slice(EXCEPTION_ANNOTATION_PREFIX.length);
    const text = String(value);
    const semi = text.indexOf(';');
    const expires = (semi >= 0 ? text.slice(0, semi) : text).trim();
    const justification = semi >= 0 ? text.slice(semi + 1).trim() : '';
    if (!isCalendarDate(expires)) {
      out.push({ ok: false, check, key, problem: `its expiry "${expires}" is not a date YYYY-MM-DD` });
    } else if (justification === '') {
      out.push({ ok: false, check, key, problem: 'it has no justification after the date' });
    } else {
      out.push({ ok: true, rule: { check, expires, justification, source: `annotation ${key}` } });
    }
  }
  return out;
}

const ExceptionEntry = z
  .object({
    check: z.string().min(1),
    kind: z.string().min(1).optional(),
    namespace: z.string().min(1).optional(),
    name: z.string().min(1).optional(),
    expires: z.string().refine(isCalendarDate, 'must be a date written YYYY-MM-DD (quote it in YAML)'),
    justification: z.string().trim().min(1, 'must explain why the risk is accepted'),
  })
  .strict();
const ExceptionsFile = z
  .object({
    apiVersion: z.literal('quai.dev/v1alpha1'),
    kind: z.literal('AuditExceptions'),
    exceptions: z.array(ExceptionEntry),
  })
  .strict();

/** Parses a central exceptions file; errors carry the file, line and column. */
export function parseExceptionsFile(text: string, file: string): ExceptionRule[] {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const where = (offset: number): { line: number; column: number } => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };
  const yamlError = doc.errors[0];
  if (yamlError !== undefined) {
    const pos = where(yamlError.pos[0]);
    throw new QuaiError(
      'INPUT_INVALID',
      `Cannot read exceptions file "${file}": line ${pos.line}, column ${pos.column}: ${yamlError.message.split('\n')[0] ?? ''}`,
      {
        location: { file, ...pos },
        hint: 'Fix the YAML syntax at that position.',
      },
    );
  }
  const parsed = ExceptionsFile.safeParse(doc.toJS());
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = (issue?.path ?? []).filter((k): k is string | number => typeof k !== 'symbol');
    let node: unknown = doc.contents;
    for (const key of path) {
      const next: unknown = isMap(node) || isSeq(node) ? node.get(key, true) : undefined;
      if (next === undefined) break;
      node = next;
    }
    const pos = where((node as Node | null)?.range?.[0] ?? 0);
    const at = path
      .map((k) => (typeof k === 'number' ? `[${k}]` : `.${k}`))
      .join('')
      .replace(/^\./, '');
    throw new QuaiError(
      'INPUT_INVALID',
      `Invalid exceptions file "${file}": line ${pos.line}, column ${pos.column}: ${at === '' ? '' : `${at}: `}${issue?.message ?? 'invalid'}`,
      {
        location: { file, ...pos, ...(at === '' ? {} : { path: at }) },
        hint: 'Each exception needs check, expires (YYYY-MM-DD) and justification, and may narrow with kind, namespace and name; see docs/audit.md#exceptions.',
      },
    );
  }
  const items = doc.getIn(['exceptions'], true);
  return parsed.data.exceptions.map((e, i) => {
    const node = isSeq(items) ? (items.get(i, true) as Node | undefined) : undefined;
    const pos = where(node?.range?.[0] ?? 0);
    return {
      check: e.check,
      ...(e.kind === undefined ? {} : { kind: e.kind }),
      ...(e.namespace === undefined ? {} : { namespace: e.namespace }),
      ...(e.name === undefined ? {} : { name: e.name }),
      expires: e.expires,
      justification: e.justification,
      source: `${file}:${pos.line}`,
    };
  });
}

/** Does a file exception apply to this check on this object? */
export function ruleMatches(rule: ExceptionRule, checkId: string, object: KubeObject): boolean {
  if (rule.check !== checkId && rule.check !== '*') return false;
  if (rule.kind !== undefined && rule.kind !== object.kind) return false;
  if (rule.namespace !== undefined && rule.namespace !== (object.metadata.namespace ?? '')) return false;
  if (rule.name !== undefined) {
    const name = object.metadata.name ?? '';
    if (rule.name.endsWith('*') ? !name.startsWith(rule.name.slice(0, -1)) : rule.name !== name) return false;
  }
  return true;
}
