import type { z } from 'zod';
import { QuaiError, formatLocation, type Location } from '../errors/index.js';
import type { LocatedDocument } from '../util/index.js';

/** One problem found in an input: an error stops the command, a warning is reported. */
export interface Diagnostic {
  readonly severity: 'error' | 'warning';
  /** A stable id of the rule that found it (`unknown-port`, `schema`, ...). */
  readonly rule: string;
  readonly message: string;
  readonly location: Location;
  readonly hint?: string;
}

/** `spec.components.web.ports[0].name` from a path of keys and indexes. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(document)' : out;
}

/** A Location for a path inside a located document. */
export function locationOf(doc: LocatedDocument, file: string, path: readonly PropertyKey[]): Location {
  const pos = doc.locate(path);
  return { file, ...(pos ? { line: pos.line, column: pos.column } : {}), path: formatPath(path) };
}

/** Turns zod issues into located diagnostics, one per issue. */
export function schemaDiagnostics(
  doc: LocatedDocument,
  file: string,
  issues: readonly z.core.$ZodIssue[],
): Diagnostic[] {
  return issues.map((issue) => {
    let message = issue.message;
    if (issue.code === 'unrecognized_keys') {
      message = `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
      // Point at the first unknown key itself.
      const first = issue.keys[0];
      if (first !== undefined) {
        return {
          severity: 'error' as const,
          rule: 'schema',
          message,
          location: locationOf(doc, file, [...issue.path, first]),
          hint: 'Check the spelling against the schema (docs/onboarding.md); editors complete keys from schemas/*.json.',
        };
      }
    }
    return {
      severity: 'error' as const,
      rule: 'schema',
      message,
      location: locationOf(doc, file, issue.path),
    };
  });
}

export function describeDiagnostic(d: Diagnostic): string {
  return `${formatLocation(d.location)}: ${d.severity}: ${d.message}`;
}

/** Throws one INPUT_INVALID error listing every error diagnostic (warnings are left out). */
export function throwIfErrors(what: string, file: string, diagnostics: readonly Diagnostic[]): void {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length === 0) return;
  const first = errors[0];
  const lines = errors.slice(0, 20).map((d) => `  ${describeDiagnostic(d)}`);
  if (errors.length > 20) lines.push(`  ... and ${errors.length - 20} more`);
  throw new QuaiError(
    'INPUT_INVALID',
    `Invalid ${what} "${file}": ${errors.length} error${errors.length === 1 ? '' : 's'}\n${lines.join('\n')}`,
    {
      ...(first ? { location: first.location } : {}),
      hint: first?.hint ?? 'Fix each error listed above; nothing was written.',
      details: { diagnostics: diagnostics },
    },
  );
}
