import { z } from 'zod';
import { msg, type Message } from '@quai/contracts';
import { QuaiError } from '../../errors/index.js';
import { formatPath, isCalendarDate, parseYamlLocated, lazily } from '../../util/index.js';
import type { IgnoreRule } from './ignore.js';

/*
 * Reading an ignore file (ignore.ts says what it holds): YAML checked by a zod schema, every
 * error at its file, line and column. Apart from ignore.ts so that a scan with no ignore file
 * loads neither the YAML library nor zod.
 */

/** The schemas, built on first use: a command that reads no such document does not pay for them. */
const schemas = lazily(() => {
  const Rule = z
    .object({
      id: z
        .string({ error: 'is required: the vulnerability id (CVE-..., GHSA-..., DSA-...)' })
        .trim()
        .min(1, 'must name the vulnerability (CVE-..., GHSA-..., DSA-...)'),
      package: z.string().trim().min(1).optional(),
      image: z.string().trim().min(1).optional(),
      justification: z
        .string({ error: 'is required: explain why the risk is accepted' })
        .trim()
        .min(1, 'must explain why the risk is accepted'),
      expires: z
        .string({ error: 'is required: a date written YYYY-MM-DD (quote it in YAML)' })
        .refine(isCalendarDate, 'must be a date written YYYY-MM-DD (quote it in YAML)'),
      by: z.string().trim().min(1).optional(),
    })
    .strict();
  const IgnoreFile = z
    .object({
      apiVersion: z.literal('quai.dev/v1alpha1'),
      kind: z.literal('ScanIgnore'),
      rules: z.array(Rule),
    })
    .strict();
  return { IgnoreFile };
});

/** Parses an ignore file; every error names the file, line and column. */
export function parseIgnoreFile(text: string, file: string): IgnoreRule[] {
  const doc = parseYamlLocated(text, { file, what: msg('scan.what.ignoreFile') });
  const parsed = schemas().IgnoreFile.safeParse(doc.value);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 20).map((issue) => {
      const path = issue.path.filter((k): k is string | number => typeof k !== 'symbol');
      const keyPath =
        issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined ? [...path, issue.keys[0]] : path;
      const pos = doc.locate(keyPath) ?? { line: 1, column: 1 };
      const message =
        issue.code === 'unrecognized_keys'
          ? msg('scan.ignore.unknownKeys', { count: issue.keys.length, keys: issue.keys.join(', ') })
          : issue.message;
      return { pos, path: formatPath(path), message };
    });
    const first = issues[0];
    throw new QuaiError(
      'INPUT_INVALID',
      msg('scan.ignore.invalid', {
        file,
        problems: issues
          .map((i) =>
            msg('scan.ignore.problem', {
              file,
              line: i.pos.line,
              column: i.pos.column,
              path: i.path,
              reason: i.message,
            }),
          )
          .reduce((all: Message, p) => msg('scan.ignore.problems', { all, next: p })),
      }),
      {
        location: {
          file,
          ...(first === undefined
            ? {}
            : { line: first.pos.line, column: first.pos.column, path: first.path }),
        },
        hint: msg('scan.ignore.invalidHint'),
      },
    );
  }
  return parsed.data.rules.map((r, i) => {
    const pos = doc.locate(['rules', i]) ?? { line: 1, column: 1 };
    return {
      id: r.id,
      ...(r.package === undefined ? {} : { package: r.package }),
      ...(r.image === undefined ? {} : { image: r.image }),
      justification: r.justification,
      expires: r.expires,
      ...(r.by === undefined ? {} : { by: r.by }),
      source: `${file}:${pos.line}`,
    };
  });
}
