import { LineCounter, parseAllDocuments, parseDocument, type YAMLError } from 'yaml';
import { QuaiError } from '../errors/index.js';
import type { ErrorCode } from '@quai/contracts';

interface ParseOptions {
  /** Shown in errors: the file name, or `<stdin>`. */
  readonly file: string;
  /** The error code to raise (INPUT_INVALID by default). */
  readonly code?: ErrorCode;
  /** What the file is, for the message: "kubeconfig", "compose file", ... */
  readonly what?: string;
}

function toQuaiError(error: YAMLError, lineCounter: LineCounter, options: ParseOptions): QuaiError {
  const pos = lineCounter.linePos(error.pos[0]);
  const reason = error.message.split('\n')[0] ?? error.message;
  return new QuaiError(
    options.code ?? 'INPUT_INVALID',
    `Cannot read ${options.what ?? 'YAML file'} "${options.file}": line ${pos.line}, column ${pos.col}: ${reason}`,
    {
      location: { file: options.file, line: pos.line, column: pos.col },
      hint:
        error.code === 'DUPLICATE_KEY'
          ? 'Remove or rename one of the duplicate keys; YAML allows each key once per mapping.'
          : 'Fix the YAML syntax at that position (indentation, quoting, a missing colon).',
      details: { yamlCode: error.code },
    },
  );
}

/** Parses one YAML document strictly (duplicate keys rejected); errors carry line and column. */
export function parseYaml(text: string, options: ParseOptions): unknown {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const first = doc.errors[0];
  if (first !== undefined) throw toQuaiError(first, lineCounter, options);
  return doc.toJS({ maxAliasCount: 1000 }) as unknown;
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
    const value = doc.toJS({ maxAliasCount: 1000 }) as unknown;
    if (value !== null && value !== undefined) out.push(value);
  }
  return out;
}
