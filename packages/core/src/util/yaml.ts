import {
  isMap,
  isNode,
  isScalar,
  LineCounter,
  parseAllDocuments,
  parseDocument,
  type Document,
  type YAMLError,
} from 'yaml';
import { isMessageId, msg, type ErrorCode, type Param } from '@quai/contracts';
import { QuaiError } from '../errors/index.js';

/** Caps alias expansion: a "billion laughs" document fails instead of eating memory. */
const MAX_ALIAS_COUNT = 100;

export interface ParseOptions {
  /** Shown in errors: the file name, or `<stdin>`. */
  readonly file: string;
  /** The error code to raise (INPUT_INVALID by default). */
  readonly code?: ErrorCode;
  /** What the file is, for the message: a catalog message such as `model.what.appSpec` ("app spec"). */
  readonly what?: Param;
  /** Apply `<<` merge keys (compose files use them with x- anchors). */
  readonly merge?: boolean;
}

/**
 * The parser's error as a catalog message, in the reader's language (the parser's own text is
 * English only); an error code the catalog does not know keeps the parser's text.
 */
export function yamlReason(error: YAMLError): Param {
  const id = `yaml.reason.${error.code}`;
  return isMessageId(id) ? { id } : (error.message.split('\n')[0] ?? error.message);
}

function toQuaiError(error: YAMLError, lineCounter: LineCounter, options: ParseOptions): QuaiError {
  const pos = lineCounter.linePos(error.pos[0]);
  const reason = yamlReason(error);
  return new QuaiError(
    options.code ?? 'INPUT_INVALID',
    msg('yaml.syntax', {
      what: options.what ?? msg('yaml.file'),
      file: options.file,
      line: pos.line,
      column: pos.col,
      reason,
    }),
    {
      location: { file: options.file, line: pos.line, column: pos.col },
      hint: error.code === 'DUPLICATE_KEY' ? msg('yaml.duplicateKeyHint') : msg('yaml.syntaxHint'),
      details: { yamlCode: error.code },
    },
  );
}

/** Parses one YAML document strictly (duplicate keys rejected); errors carry line and column. */
export function parseYaml(text: string, options: ParseOptions): unknown {
  return parseYamlLocated(text, options).value;
}

/** Parses a multi-document YAML stream; empty documents are dropped. */
export function parseYamlStream(text: string, options: ParseOptions): unknown[] {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const list = Array.isArray(docs) ? docs : [];
  const out: unknown[] = [];
  for (const doc of list) {
    const first = doc.errors[0];
    if (first !== undefined) throw toQuaiError(first, lineCounter, options);
    const value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as unknown;
    if (value !== null && value !== undefined) out.push(value);
  }
  return out;
}

/** A parsed YAML document that can tell where a value came from. */
export interface LocatedDocument {
  readonly value: unknown;
  /** Line and column (1-based) of the value at `path`, or of its nearest existing parent. */
  locate(path: readonly PropertyKey[]): { line: number; column: number } | undefined;
}

/** Parses one YAML document and keeps positions, so later errors can name line and column. */
export function parseYamlLocated(text: string, options: ParseOptions): LocatedDocument {
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(text, {
    lineCounter,
    prettyErrors: false,
    uniqueKeys: true,
    merge: options.merge ?? false,
  });
  const first = doc.errors[0];
  if (first !== undefined) throw toQuaiError(first, lineCounter, options);
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as unknown;
  } catch (error) {
    throw new QuaiError(
      options.code ?? 'INPUT_INVALID',
      msg('yaml.unreadable', {
        what: options.what ?? msg('yaml.file'),
        file: options.file,
        reason: (error as Error).message,
      }),
      {
        location: { file: options.file },
        hint: msg('yaml.aliasesHint'),
      },
    );
  }
  return {
    value,
    locate(path) {
      // A mapping entry is located at its key, where people look for it.
      const last = path[path.length - 1];
      if (path.length > 0 && typeof last === 'string') {
        const parent: unknown =
          path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1) as unknown[], true);
        if (isMap(parent)) {
          const pair = parent.items.find((p) => isScalar(p.key) && String(p.key.value) === last);
          if (pair && isNode(pair.key) && pair.key.range) {
            const pos = lineCounter.linePos(pair.key.range[0]);
            return { line: pos.line, column: pos.col };
          }
        }
      }
      for (let n = path.length; n >= 0; n--) {
        const node: unknown = n === 0 ? doc.contents : doc.getIn(path.slice(0, n) as unknown[], true);
        if (isNode(node) && node.range) {
          const pos = lineCounter.linePos(node.range[0]);
          return { line: pos.line, column: pos.col };
        }
      }
      return undefined;
    },
  };
}
