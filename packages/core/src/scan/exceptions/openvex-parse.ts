import { z } from 'zod';
import { msg } from '@quai/contracts';
import { QuaiError } from '../../errors/index.js';
import { formatPath, lazily } from '../../util/index.js';
import { VEX_JUSTIFICATIONS } from '../report/model.js';
import type { VexStatement } from './openvex.js';

/*
 * Reading an OpenVEX document (openvex.ts says what its statements do), checked by a zod schema.
 * Apart from openvex.ts so that a scan that reads no VEX document does not load zod.
 */

/** The schemas, built on first use: a command that reads no such document does not pay for them. */
const schemas = lazily(() => {
  const Identifiers = z.object({ purl: z.string().optional() }).loose();
  const Component = z
    .object({
      '@id': z.string().optional(),
      identifiers: Identifiers.optional(),
      subcomponents: z
        .array(z.object({ '@id': z.string().optional(), identifiers: Identifiers.optional() }).loose())
        .optional(),
    })
    .loose();
  const Statement = z
    .object({
      vulnerability: z.object({ name: z.string().min(1), aliases: z.array(z.string()).optional() }).loose(),
      products: z.array(Component).optional(),
      status: z.enum(['not_affected', 'affected', 'fixed', 'under_investigation']),
      justification: z.enum(VEX_JUSTIFICATIONS).optional(),
      impact_statement: z.string().optional(),
      status_notes: z.string().optional(),
      timestamp: z.string().optional(),
    })
    .loose()
    .refine(
      (s) => s.status !== 'not_affected' || s.justification !== undefined || s.impact_statement !== undefined,
      {
        message: 'a not_affected statement needs a justification or an impact_statement',
      },
    );
  const VexDocument = z
    .object({
      '@context': z.string().startsWith('https://openvex.dev/ns', 'is not an OpenVEX context'),
      '@id': z.string().min(1),
      author: z.string().min(1),
      timestamp: z.string().min(1),
      version: z.number().int().min(1),
      statements: z.array(Statement).min(1),
    })
    .loose();
  return { VexDocument };
});

/** Reads an OpenVEX document; a malformed one is an error naming the file and JSON path. */
export function parseOpenVex(value: unknown, file: string): VexStatement[] {
  const parsed = schemas().VexDocument.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = formatPath((issue?.path ?? []).filter((k): k is string | number => typeof k !== 'symbol'));
    throw new QuaiError(
      'INPUT_INVALID',
      msg('scan.vex.invalid', { file, path, reason: issue?.message ?? msg('scan.ingest.invalidReason') }),
      {
        location: { file, path },
        hint: msg('scan.vex.invalidHint'),
      },
    );
  }
  const doc = parsed.data;
  return doc.statements.map((s, i) => ({
    vulnerability: s.vulnerability.name,
    aliases: s.vulnerability.aliases ?? [],
    status: s.status,
    products: (s.products ?? []).map((p) => ({
      ids: [p['@id'], p.identifiers?.purl].filter((x): x is string => x !== undefined),
      subcomponents: (p.subcomponents ?? []).flatMap((c) =>
        [c['@id'], c.identifiers?.purl].filter((x): x is string => x !== undefined),
      ),
    })),
    ...(s.justification === undefined ? {} : { justification: s.justification }),
    text: s.impact_statement ?? s.status_notes ?? s.justification ?? s.status,
    timestamp: s.timestamp ?? doc.timestamp,
    author: doc.author,
    source: `${file}#${doc['@id']} statement ${i}`,
  }));
}
