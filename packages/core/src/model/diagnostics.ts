import { msg, textOf, type Lang, type Message, type Param } from '@quai/contracts';
import type { z } from 'zod';
import { QuaiError, locationText, type Location } from '../errors/index.js';
import { formatPath, issueText, valueAt, type LocatedDocument } from '../util/index.js';

export { formatPath };

/** One problem found in an input: an error stops the command, a warning is reported. */
export interface Diagnostic {
  readonly severity: 'error' | 'warning';
  /** A stable id of the rule that found it (`unknown-port`, `schema`, ...). */
  readonly rule: string;
  /** A catalog message; a plain string only for text from elsewhere (a schema library's). */
  readonly message: Message | string;
  readonly location: Location;
  readonly hint?: Message;
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
    let message: Message | string = issueText(issue, valueAt(doc.value, issue.path));
    if (issue.code === 'unrecognized_keys') {
      message = msg('model.unknownKeys', {
        count: issue.keys.length,
        keys: issue.keys.map((k) => `"${k}"`).join(', '),
      });
      // Point at the first unknown key itself.
      const first = issue.keys[0];
      if (first !== undefined) {
        return {
          severity: 'error' as const,
          rule: 'schema',
          message,
          location: locationOf(doc, file, [...issue.path, first]),
          hint: msg('model.unknownKeysHint'),
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

export function describeDiagnostic(d: Diagnostic, lang: Lang = 'en'): string {
  return textOf(lang, diagnosticLine(d));
}

/** `file:line:column at path: error: message`, as a message. */
function diagnosticLine(d: Diagnostic): Message {
  return msg('model.diagnostic', {
    location: locationText(d.location),
    severity: msg(d.severity === 'error' ? 'model.severity.error' : 'model.severity.warning'),
    message: d.message,
  });
}

/** Throws one INPUT_INVALID error listing every error diagnostic (warnings are left out). */
export function throwIfErrors(what: Param, file: string, diagnostics: readonly Diagnostic[]): void {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length === 0) return;
  const first = errors[0];
  const lines: Message[] = errors.slice(0, 20).map((d) => msg('model.listItem', { item: diagnosticLine(d) }));
  if (errors.length > 20) lines.push(msg('model.andMore', { count: errors.length - 20 }));
  throw new QuaiError(
    'INPUT_INVALID',
    msg('model.invalidFile', {
      what,
      file,
      count: errors.length,
      errors: lines.reduce((all: Message, next) => msg('model.lines', { all, next })),
    }),
    {
      ...(first ? { location: first.location } : {}),
      hint: first?.hint ?? msg('model.invalidFileHint'),
      // In English, as before messages existed: scripts read these texts.
      details: {
        diagnostics: diagnostics.map((d) => ({
          ...d,
          message: textOf('en', d.message),
          ...(d.hint === undefined ? {} : { hint: textOf('en', d.hint) }),
        })),
      },
    },
  );
}
