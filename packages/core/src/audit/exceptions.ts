import { LineCounter, parseDocument, isMap, isSeq, type Node } from 'yaml';
import { z } from 'zod';
import { msg, type Message } from '@quai/contracts';
import { QuaiError } from '../errors/index.js';
import type { KubeObject } from '../kube/index.js';
import { isCalendarDate, isPastDay, yamlReason } from '../util/index.js';

/**
 * Exceptions accept a known risk for a while. Each has a check ID, an expiry date and a
 * justification; an expired one no longer hides its finding and is reported itself.
 *
 * - On an object: the annotation `quai.dev/audit-exception.<CHECK-ID>: "YYYY-MM-DD; why"`, and
 *   optionally who granted it and when: `quai.dev/audit-exception-by.<CHECK-ID>: "YYYY-MM-DD; who"`
 *   (a companion annotation, so the first one's format stays what it always was).
 * - In a central file (`--exceptions FILE`), for objects matched by kind, namespace and name,
 *   with optional `grantedBy` and `grantedAt`.
 */
export const EXCEPTION_ANNOTATION_PREFIX = 'quai.dev/audit-exception.';
/** Who granted the exception of the same check, and when: `"YYYY-MM-DD; who"`. */
export const EXCEPTION_GRANT_PREFIX = 'quai.dev/audit-exception-by.';
/** The field manager under which `audit.grantException` writes both annotations. */
export const EXCEPTION_FIELD_MANAGER = 'quai-audit-exception';

export interface ExceptionRule {
  readonly check: string;
  readonly kind?: string;
  readonly namespace?: string;
  /** An object name; a trailing `*` matches any suffix. */
  readonly name?: string;
  /** Absent: no expiry (render's exceptions may have none). */
  readonly expires?: string;
  readonly justification: string;
  /** Who granted it (a person's user name), when known. */
  readonly grantedBy?: string;
  /** The day it was granted (YYYY-MM-DD), when known. */
  readonly grantedAt?: string;
  /** Where it was written: `file:line` or `annotation`. */
  readonly source: string;
}

/** The annotation keys of the exception for one check. */
export function exceptionKeys(check: string): { readonly exception: string; readonly grant: string } {
  return { exception: `${EXCEPTION_ANNOTATION_PREFIX}${check}`, grant: `${EXCEPTION_GRANT_PREFIX}${check}` };
}

/** The two annotations that write an exception granted by someone on a day. */
export function exceptionAnnotations(e: {
  readonly check: string;
  readonly expires: string;
  readonly justification: string;
  readonly grantedBy: string;
  readonly grantedAt: string;
}): Record<string, string> {
  const keys = exceptionKeys(e.check);
  return {
    [keys.exception]: `${e.expires}; ${e.justification}`,
    [keys.grant]: `${e.grantedAt}; ${e.grantedBy}`,
  };
}

/** Reads a grant annotation's value: `"YYYY-MM-DD; who"`. */
function parseGrant(text: string): { grantedAt: string; grantedBy: string } | undefined {
  const semi = text.indexOf(';');
  if (semi < 0) return undefined;
  const grantedAt = text.slice(0, semi).trim();
  const grantedBy = text.slice(semi + 1).trim();
  return isCalendarDate(grantedAt) && grantedBy !== '' ? { grantedAt, grantedBy } : undefined;
}

/** An exception is valid through the whole of its expiry day (UTC); one without expiry never expires. */
export function isExpired(expires: string | undefined, now: Date): boolean {
  return expires !== undefined && isPastDay(expires, now);
}

export type AnnotationException =
  | { readonly ok: true; readonly rule: ExceptionRule }
  | { readonly ok: false; readonly check: string; readonly key: string; readonly problem: Message };

/**
 * The exceptions an object's annotations declare, valid or not. A grant annotation that cannot
 * be read, or names no exception, makes the exception (or itself) invalid: an exception is never
 * applied on the strength of a record that cannot be trusted.
 */
export function annotationExceptions(object: KubeObject): AnnotationException[] {
  const out: AnnotationException[] = [];
  const annotations = object.metadata.annotations ?? {};
  for (const [key, value] of Object.entries(annotations)) {
    if (key.startsWith(EXCEPTION_GRANT_PREFIX)) {
      const check = key.slice(EXCEPTION_GRANT_PREFIX.length);
      const exception = exceptionKeys(check).exception;
      if (!Object.hasOwn(annotations, exception))
        out.push({ ok: false, check, key, problem: msg('audit.exception.grantAlone', { exception }) });
      continue;
    }
    if (!key.startsWith(EXCEPTION_ANNOTATION_PREFIX)) continue;
    const check = key.slice(EXCEPTION_ANNOTATION_PREFIX.length);
    const text = String(value);
    const semi = text.indexOf(';');
    const expires = (semi >= 0 ? text.slice(0, semi) : text).trim();
    const justification = semi >= 0 ? text.slice(semi + 1).trim() : '';
    const grantKey = exceptionKeys(check).grant;
    const grantText = Object.hasOwn(annotations, grantKey) ? String(annotations[grantKey]) : undefined;
    const grant = grantText === undefined ? undefined : parseGrant(grantText);
    if (!isCalendarDate(expires)) {
      out.push({ ok: false, check, key, problem: msg('audit.finding.exception.badDate', { expires }) });
    } else if (justification === '') {
      out.push({ ok: false, check, key, problem: msg('audit.finding.exception.noJustificationAfterDate') });
    } else if (grantText !== undefined && grant === undefined) {
      out.push({
        ok: false,
        check,
        key: grantKey,
        problem: msg('audit.exception.badGrant', { value: grantText }),
      });
    } else {
      out.push({
        ok: true,
        rule: { check, expires, justification, ...(grant ?? {}), source: `annotation ${key}` },
      });
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
    /** Who granted it: a person's user name, as the audit trail names them. */
    grantedBy: z.string().trim().min(1, 'must name who granted the exception').optional(),
    grantedAt: z
      .string()
      .refine(isCalendarDate, 'must be the day it was granted, written YYYY-MM-DD (quote it in YAML)')
      .optional(),
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
      msg('audit.exceptions.syntax', {
        file,
        line: pos.line,
        column: pos.column,
        reason: yamlReason(yamlError),
      }),
      { location: { file, ...pos }, hint: msg('audit.exceptions.syntaxHint') },
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
      msg('audit.exceptions.invalid', {
        file,
        line: pos.line,
        column: pos.column,
        problem: `${at === '' ? '' : `${at}: `}${issue?.message ?? 'invalid'}`,
      }),
      {
        location: { file, ...pos, ...(at === '' ? {} : { path: at }) },
        hint: msg('audit.exceptions.invalidHint'),
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
      ...(e.grantedBy === undefined ? {} : { grantedBy: e.grantedBy }),
      ...(e.grantedAt === undefined ? {} : { grantedAt: e.grantedAt }),
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

/**
 * The security exceptions `quai render` declares on a pod template, one annotation per allowance:
 * `quai.dev/exception.<allow>: "<justification>"` (`capability:NAME` is written
 * `capability.NAME`), optionally `"YYYY-MM-DD; <justification>"` for an expiry. Each covers only
 * the findings that its allowance causes, field by field: `capability.NET_ADMIN` accepts adding
 * NET_ADMIN, not SYS_ADMIN next to it, and not a missing `drop: ["ALL"]`.
 */
export const RENDER_EXCEPTION_PREFIX = 'quai.dev/exception.';

export interface RenderException {
  readonly allow: string;
  readonly justification: string;
  readonly expires?: string;
  readonly key: string;
}

const HOST_FIELDS = ['hostNetwork', 'hostPID', 'hostIPC'] as const;
const WHOLE_CHECKS: Readonly<Record<string, readonly string[]>> = {
  runAsRoot: ['PSS-runAsNonRoot', 'PSS-runAsUser', 'QUAI-BP-020', 'QUAI-BP-053'],
  writableRootFilesystem: ['QUAI-BP-019'],
  privilegeEscalation: ['PSS-allowPrivilegeEscalation', 'QUAI-BP-018'],
  // A privileged container always allows privilege escalation (the API server requires it).
  privileged: ['PSS-privileged', 'QUAI-BP-017', 'PSS-allowPrivilegeEscalation', 'QUAI-BP-018'],
  hostNetwork: ['QUAI-BP-013'],
  hostPID: ['QUAI-BP-014'],
  hostIPC: ['QUAI-BP-015'],
  hostPath: ['QUAI-BP-011'],
  serviceAccountToken: ['QUAI-BP-025'],
  unconfinedSeccomp: ['PSS-seccompProfile_baseline', 'PSS-seccompProfile_restricted', 'QUAI-BP-024'],
};
/** Checks whose every field at fault must be one the exception allows. */
const FIELD_CHECKS: Readonly<Record<string, readonly string[]>> = {
  hostNetwork: ['PSS-hostNamespaces'],
  hostPID: ['PSS-hostNamespaces'],
  hostIPC: ['PSS-hostNamespaces'],
  hostPath: ['PSS-hostPathVolumes', 'PSS-restrictedVolumes'],
  capability: ['PSS-capabilities_baseline', 'PSS-capabilities_restricted', 'QUAI-BP-023'],
};

/** Allowances render knows (packages/contracts EXCEPTION_KINDS, and capability:NAME). */
function knownAllow(allow: string): boolean {
  return allow in WHOLE_CHECKS || /^capability:[A-Za-z_]+$/.test(allow);
}

export function renderExceptions(annotations: Readonly<Record<string, unknown>>): {
  readonly valid: RenderException[];
  readonly invalid: { key: string; problem: Message }[];
} {
  const valid: RenderException[] = [];
  const invalid: { key: string; problem: Message }[] = [];
  for (const [key, value] of Object.entries(annotations)) {
    if (!key.startsWith(RENDER_EXCEPTION_PREFIX)) continue;
    const raw = key.slice(RENDER_EXCEPTION_PREFIX.length);
    const allow = raw.startsWith('capability.') ? `capability:${raw.slice('capability.'.length)}` : raw;
    const text = typeof value === 'string' ? value.trim() : '';
    const m = /^(\d{4}-\d{2}-\d{2})\s*;\s*([\s\S]*)$/.exec(text);
    const justification = (m === null ? text : (m[2] ?? '')).trim();
    if (!knownAllow(allow)) {
      invalid.push({ key, problem: msg('audit.finding.exception.unknownAllowance', { allowance: raw }) });
    } else if (m !== null && !isCalendarDate(m[1] ?? '')) {
      invalid.push({ key, problem: msg('audit.finding.exception.badDate', { expires: m[1] ?? '' }) });
    } else if (justification === '') {
      invalid.push({ key, problem: msg('audit.finding.exception.noJustification') });
    } else {
      valid.push({ allow, justification, key, ...(m === null ? {} : { expires: m[1] ?? '' }) });
    }
  }
  return { valid, invalid };
}

type Path = readonly (string | number)[];

function valueAt(root: unknown, path: Path): unknown {
  let cur: unknown = root;
  for (const k of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[k];
  }
  return cur;
}

/** Does this exception allow the field at `path` of `object`? */
function allowsField(e: RenderException, object: unknown, path: Path): boolean {
  const last = path[path.length - 1];
  if (e.allow.startsWith('capability:')) {
    const i = path.length - 3;
    if (path[i] !== 'capabilities' || path[i + 1] !== 'add' || typeof last !== 'number') return false;
    const cap = valueAt(object, path);
    return (
      typeof cap === 'string' &&
      cap.toUpperCase().replace(/^CAP_/, '') === e.allow.slice('capability:'.length).toUpperCase()
    );
  }
  if ((HOST_FIELDS as readonly string[]).includes(e.allow)) return last === e.allow;
  if (e.allow === 'hostPath') {
    const at = last === 'hostPath' ? path.slice(0, -1) : path;
    const volume = valueAt(object, at);
    return (
      at[at.length - 2] === 'volumes' && typeof volume === 'object' && volume !== null && 'hostPath' in volume
    );
  }
  return false;
}

/**
 * The exception that accepts a finding, if any: one that accepts its whole check, or exceptions
 * that together allow every field the finding names.
 */
export function coveringException(
  exceptions: readonly RenderException[],
  checkId: string,
  object: unknown,
  paths: readonly Path[],
): RenderException | undefined {
  const whole = exceptions.find((e) => WHOLE_CHECKS[e.allow]?.includes(checkId) === true);
  if (whole !== undefined) return whole;
  const candidates = exceptions.filter(
    (e) =>
      FIELD_CHECKS[e.allow.startsWith('capability:') ? 'capability' : e.allow]?.includes(checkId) === true,
  );
  if (candidates.length === 0 || paths.length === 0) return undefined;
  let first: RenderException | undefined;
  for (const p of paths) {
    const e = candidates.find((c) => allowsField(c, object, p));
    if (e === undefined) return undefined;
    first ??= e;
  }
  return first;
}
