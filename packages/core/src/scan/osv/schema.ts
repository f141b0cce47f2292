import { z } from 'zod';
import { QuaiError } from '../../errors/index.js';

/*
 * The part of the OSV schema (https://ossf.github.io/osv-schema/, 1.7) Quai reads. Unknown fields
 * are kept (records are stored as given); the fields matching relies on are checked strictly.
 */

const Timestamp = z.string().refine((s) => !Number.isNaN(Date.parse(s)), {
  message: 'expected an RFC 3339 timestamp such as 2024-05-01T12:00:00Z',
});

const Severity = z.looseObject({
  type: z.string().min(1),
  score: z.string().min(1),
});

const Event = z.union([
  z.looseObject({ introduced: z.string().min(1) }),
  z.looseObject({ fixed: z.string().min(1) }),
  z.looseObject({ last_affected: z.string().min(1) }),
  z.looseObject({ limit: z.string().min(1) }),
]);

const Range = z.looseObject({
  type: z.enum(['SEMVER', 'ECOSYSTEM', 'GIT']),
  repo: z.string().optional(),
  events: z.array(Event).min(1),
});

const Affected = z.looseObject({
  package: z
    .looseObject({
      ecosystem: z.string().min(1),
      name: z.string().min(1),
      purl: z.string().optional(),
    })
    .optional(),
  severity: z.array(Severity).optional(),
  ranges: z.array(Range).optional(),
  versions: z.array(z.string()).optional(),
  ecosystem_specific: z.record(z.string(), z.unknown()).optional(),
  database_specific: z.record(z.string(), z.unknown()).optional(),
});

export const OsvRecord = z.looseObject({
  schema_version: z.string().optional(),
  id: z.string().min(1),
  modified: Timestamp,
  published: Timestamp.optional(),
  withdrawn: Timestamp.optional(),
  aliases: z.array(z.string()).optional(),
  related: z.array(z.string()).optional(),
  upstream: z.array(z.string()).optional(),
  summary: z.string().optional(),
  details: z.string().optional(),
  severity: z.array(Severity).optional(),
  affected: z.array(Affected).optional(),
  references: z.array(z.looseObject({ type: z.string(), url: z.string() })).optional(),
  database_specific: z.record(z.string(), z.unknown()).optional(),
});

export type OsvRecord = z.infer<typeof OsvRecord>;
export type OsvAffected = z.infer<typeof Affected>;
export type OsvSeverity = z.infer<typeof Severity>;

/** Validates one record; the error names the source (file, or zip and entry) and the field. */
export function parseOsvRecord(data: unknown, source: string): OsvRecord {
  const result = OsvRecord.safeParse(data);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue === undefined ? '' : formatPath(issue.path);
  const id = typeof data === 'object' && data !== null && 'id' in data ? String(data.id) : undefined;
  throw new QuaiError(
    'INPUT_INVALID',
    `Invalid OSV record${id === undefined ? '' : ` ${id}`} in ${source}: ${path === '' ? '' : `${path}: `}${issue?.message ?? 'does not match the OSV schema'}.`,
    {
      hint: 'Check the file against the OSV schema (https://ossf.github.io/osv-schema/); other records are still imported.',
      location: { file: source, ...(path === '' ? {} : { path }) },
    },
  );
}

function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`))
    .join('');
}
