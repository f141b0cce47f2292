import { readFileSync } from 'node:fs';
import { msg, t, type Message, type Param } from '@quai/contracts';
import { QuaiError } from '../../errors/index.js';
import { printable } from './printable.js';

/*
 * OSV records are checked against the official OSV schema (ossf/osv-schema 1.7.3, vendored in
 * packages/core/assets/schemas with its source and licence), then against what the schema cannot
 * say: dates that parse and are not in the future. One deliberate relaxation: the schema's list of
 * id prefixes lags behind osv.dev's own feeds (osv.dev publishes `ALPINE-CVE-...` ids, absent from
 * that list), so ids are only required to be printable ASCII without spaces. Ecosystems keep the
 * schema's closed list: an ecosystem such as `..` is refused before it can name a folder.
 *
 * The validator (ajv) is loaded on first use, so reading the store for a scan never pays for it.
 */

export interface OsvSeverity {
  readonly type: string;
  readonly score: string;
}

export type OsvEvent =
  | { readonly introduced: string }
  | { readonly fixed: string }
  | { readonly last_affected: string }
  | { readonly limit: string };

export interface OsvRange {
  readonly type: 'SEMVER' | 'ECOSYSTEM' | 'GIT';
  readonly repo?: string;
  readonly events: readonly OsvEvent[];
}

export interface OsvAffected {
  readonly package?: { readonly ecosystem: string; readonly name: string; readonly purl?: string };
  readonly severity?: readonly OsvSeverity[] | null;
  readonly ranges?: readonly OsvRange[];
  readonly versions?: readonly string[];
  readonly ecosystem_specific?: Readonly<Record<string, unknown>>;
  readonly database_specific?: Readonly<Record<string, unknown>>;
}

export interface OsvRecord {
  readonly schema_version?: string;
  readonly id: string;
  readonly modified: string;
  readonly published?: string;
  readonly withdrawn?: string;
  readonly aliases?: readonly string[] | null;
  readonly related?: readonly string[];
  readonly upstream?: readonly string[];
  readonly summary?: string;
  readonly details?: string;
  readonly severity?: readonly OsvSeverity[] | null;
  readonly affected?: readonly OsvAffected[] | null;
  readonly references?: readonly { readonly type: string; readonly url: string }[] | null;
  readonly database_specific?: Readonly<Record<string, unknown>>;
}

/** How far in the future a `modified` date may be (clocks differ a little), in milliseconds. */
export const MODIFIED_SKEW_MS = 24 * 60 * 60 * 1000;

export const OSV_SCHEMA_VERSION = '1.7.3';
const SCHEMA_URL = new URL(`../../../assets/schemas/osv-${OSV_SCHEMA_VERSION}.schema.json`, import.meta.url);

interface AjvError {
  readonly instancePath: string;
  readonly keyword: string;
  readonly message?: string;
  readonly params: Record<string, unknown>;
}
type Validate = ((data: unknown) => boolean) & { errors?: AjvError[] | null };

/** Checks one record; `now` bounds its dates. Throws a QuaiError naming the source and field. */
export type OsvRecordParser = (data: unknown, source: string) => OsvRecord;

/** The official schema, with the id prefix list relaxed (see above). */
export function osvSchema(): Record<string, unknown> {
  const schema = JSON.parse(readFileSync(SCHEMA_URL, 'utf8')) as Record<string, unknown> & {
    $defs: Record<string, unknown>;
  };
  schema.$defs['prefix'] = {
    type: 'string',
    title: 'Any id of printable ASCII characters (Quai: the published prefix list lags behind osv.dev)',
    pattern: '^[\\x21-\\x7e]+$',
  };
  return schema;
}

/** Loads the validator (once per call: keep the parser for the whole import). */
export async function osvRecordParser(now: () => Date = () => new Date()): Promise<OsvRecordParser> {
  const { Ajv2020 } = await import('ajv/dist/2020.js');
  const ajv = new Ajv2020({ allErrors: false, strict: false, validateSchema: false });
  ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)));
  ajv.addFormat('uri', (s: string) => /^[A-Za-z][A-Za-z0-9+.-]*:[^\s]*$/.test(s));
  const validate = ajv.compile(osvSchema()) as Validate;
  return (data, source) => {
    const id = idOf(data);
    if (!validate(data)) throw invalid(id, source, explain(validate.errors?.[0], data));
    const record = data as OsvRecord;
    const limit = now().getTime() + MODIFIED_SKEW_MS;
    for (const field of ['modified', 'published'] as const) {
      const value = record[field];
      if (value !== undefined && Date.parse(value) > limit) {
        throw invalid(id, source, {
          path: field,
          message: msg('scan.osv.future', { value: printable(value), now: now().toISOString() }),
          hint: msg('scan.osv.futureHint'),
        });
      }
    }
    return record;
  };
}

function idOf(data: unknown): string | undefined {
  return typeof data === 'object' && data !== null && 'id' in data && typeof data.id === 'string'
    ? data.id
    : undefined;
}

interface Explained {
  readonly path: string;
  readonly message: Param;
  readonly hint?: Message;
}

/** `/affected/0/ranges/1/events/0` -> `affected[0].ranges[1].events[0]`. */
function formatPointer(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((p, i) => (/^\d+$/.test(p) ? `[${p}]` : `${i === 0 ? '' : '.'}${printable(p)}`))
    .join('');
}

function at(data: unknown, pointer: string): unknown {
  let node = data;
  for (const p of pointer.split('/').slice(1)) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[p.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return node;
}

const EVENT_KINDS = ['introduced', 'fixed', 'last_affected', 'limit'];

function explain(error: AjvError | undefined, data: unknown): Explained {
  if (error === undefined) return { path: '', message: msg('scan.osv.schemaMismatch') };
  const path = formatPointer(error.instancePath);
  const value = at(data, error.instancePath);
  if (error.keyword === 'oneOf' && /\/events\/\d+$/.test(error.instancePath)) {
    const kinds =
      typeof value === 'object' && value !== null
        ? Object.keys(value).filter((k) => EVENT_KINDS.includes(k))
        : [];
    return {
      path,
      message:
        kinds.length === 2
          ? msg('scan.osv.eventKindsTwo', { first: kinds[0]!, second: kinds[1]! })
          : kinds.length > 2
            ? msg('scan.osv.eventKindsMany', { kinds: kinds.join(', ') })
            : msg('scan.osv.eventKinds'),
      hint: msg('scan.osv.eventKindsHint', { example: '[{"introduced": "0"}, {"fixed": "1.2.0"}]' }),
    };
  }
  if (error.keyword === 'pattern' && /\/package\/ecosystem$/.test(error.instancePath)) {
    return {
      path,
      message: msg('scan.osv.badEcosystem', { ecosystem: printable(String(value)) }),
      hint: msg('scan.osv.badEcosystemHint'),
    };
  }
  if (error.keyword === 'additionalProperties') {
    return {
      path,
      message: msg('scan.osv.unknownField', { field: printable(String(error.params['additionalProperty'])) }),
    };
  }
  if (error.keyword === 'required') {
    return {
      path,
      message: msg('scan.osv.missingField', { field: printable(String(error.params['missingProperty'])) }),
    };
  }
  if (error.keyword === 'not' && /\/ranges\/\d+$/.test(error.instancePath)) {
    return {
      path,
      message: msg('scan.osv.fixedAndLastAffected'),
    };
  }
  return {
    path,
    message: error.message === undefined ? msg('scan.osv.schemaMismatch') : ajvText(error),
  };
}

/**
 * ajv's own wording of the common schema keywords as catalog messages (shown in the reader's
 * language); any other text is kept as ajv wrote it. The catalog's English must be ajv's exactly.
 */
function ajvText(error: AjvError): Param {
  const param = (k: string): string => {
    const v = error.params[k];
    return typeof v === 'string' || typeof v === 'number' ? String(v) : '';
  };
  const limit = param('limit');
  const message =
    error.keyword === 'type'
      ? msg('scan.osv.ajv.type', { type: param('type') })
      : error.keyword === 'pattern'
        ? msg('scan.osv.ajv.pattern', { pattern: printable(param('pattern')) })
        : error.keyword === 'format'
          ? msg('scan.osv.ajv.format', { format: param('format') })
          : error.keyword === 'enum'
            ? msg('scan.osv.ajv.enum')
            : error.keyword === 'const'
              ? msg('scan.osv.ajv.const')
              : error.keyword === 'minLength'
                ? msg('scan.osv.ajv.minLength', { limit })
                : error.keyword === 'maxLength'
                  ? msg('scan.osv.ajv.maxLength', { limit })
                  : error.keyword === 'minItems'
                    ? msg('scan.osv.ajv.minItems', { limit })
                    : error.keyword === 'oneOf'
                      ? msg('scan.osv.ajv.oneOf')
                      : error.keyword === 'anyOf'
                        ? msg('scan.osv.ajv.anyOf')
                        : undefined;
  const text = printable(error.message ?? '');
  return message !== undefined && t('en', message) === text ? message : text;
}

function invalid(id: string | undefined, source: string, e: Explained): QuaiError {
  return new QuaiError(
    'INPUT_INVALID',
    id === undefined
      ? e.path === ''
        ? msg('scan.osv.invalidAnonymous', { source: printable(source), reason: e.message })
        : msg('scan.osv.invalidAnonymousAt', { source: printable(source), path: e.path, reason: e.message })
      : e.path === ''
        ? msg('scan.osv.invalid', { id: printable(id), source: printable(source), reason: e.message })
        : msg('scan.osv.invalidAt', {
            id: printable(id),
            source: printable(source),
            path: e.path,
            reason: e.message,
          }),
    {
      hint: e.hint ?? msg('scan.osv.invalidHint', { version: OSV_SCHEMA_VERSION }),
      location: { file: printable(source), ...(e.path === '' ? {} : { path: e.path }) },
    },
  );
}
