import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import jsyaml from 'js-yaml';
import { msg } from '@quai/contracts';
import { QuaiError } from '../errors/index.js';
import type { KubeObject } from '../kube/index.js';
import type { AuditNote, AuditObject, FieldPath, ObjectSource } from './types.js';
import { asJson } from './workloads.js';
import { BlockLocator, readBlock, type BlockRead } from './yaml-block.js';
import { compareText } from '../util/index.js';

const MANIFEST_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);
const MiB = 1024 * 1024;
const bytes = (n: number): string =>
  n >= MiB ? `${Math.round(n / MiB).toLocaleString('en')} MiB` : `${n.toLocaleString('en')} bytes`;

/**
 * Bounds on what an audit reads. Documents are read one at a time (a file is never held whole),
 * so memory does not grow with the input; these bounds stop runaway inputs (a pipe that never
 * ends, a document that is one huge value, an alias bomb) with a clear error instead.
 */
export interface LoadLimits {
  /** Bytes read over every input (default 8 GiB). */
  readonly maxBytes: number;
  /** Bytes in one YAML document (default 64 MiB; the API server stores objects up to 1.5 MiB). */
  readonly maxDocumentBytes: number;
  /** YAML documents over every input (default 5,000,000). */
  readonly maxDocuments: number;
  /** Kubernetes objects over every input, List items included (default 5,000,000). */
  readonly maxObjects: number;
}

export const DEFAULT_LOAD_LIMITS: LoadLimits = {
  maxBytes: 8 * 1024 * MiB,
  maxDocumentBytes: 64 * MiB,
  maxDocuments: 5_000_000,
  maxObjects: 5_000_000,
};

export interface LoadResult {
  readonly objects: AuditObject[];
  /** Malformed documents, unreadable files: the rest is still loaded. */
  readonly notes: AuditNote[];
}

// ---- positions ----------------------------------------------------------------------------------

/** One node of a document as js-yaml composes it: where it starts, its value, its children. */
interface Frame {
  readonly pos: number;
  result: unknown;
  readonly children: Frame[];
}

/**
 * The nodes of one document with their offsets, from js-yaml's compose events: a mapping's
 * children alternate key and value, a sequence's are its items.
 */
export function framesOf(text: string): Frame | undefined {
  const stack: Frame[] = [{ pos: 0, result: undefined, children: [] }];
  try {
    jsyaml.load(text, {
      schema: jsyaml.CORE_SCHEMA,
      listener(event, state) {
        if (event === 'open') {
          stack.push({ pos: state.position, result: undefined, children: [] });
        } else {
          const f = stack.pop();
          if (f === undefined) return;
          f.result = state.result;
          stack[stack.length - 1]?.children.push(f);
        }
      },
    });
  } catch {
    return undefined;
  }
  return stack[0]?.children[0];
}

/** The offset of a field (its key), or of its nearest ancestor that can be resolved. */
export function offsetOf(root: Frame, path: FieldPath): number {
  let f = root;
  let best = root.pos;
  for (const key of path) {
    // A node js-yaml composed through a wrapping attempt (a flow mapping tried as a block key).
    for (
      let only = f.children[0];
      f.children.length === 1 && only !== undefined && only.result === f.result;
    ) {
      f = only;
      only = f.children[0];
    }
    const r = f.result;
    if (typeof key === 'number') {
      if (!Array.isArray(r) || f.children.length !== r.length) break;
      const item = f.children[key];
      if (item === undefined) break;
      f = item;
      best = item.pos;
    } else {
      if (typeof r !== 'object' || r === null || Array.isArray(r)) break;
      // Alternating keys and values, one pair per key: anything else (flow keys without a value,
      // merge keys) is not resolved further.
      if (f.children.length !== 2 * Object.keys(r).length) break;
      let found: Frame | undefined;
      for (let i = 0; i + 1 < f.children.length; i += 2) {
        const k = f.children[i];
        if (k !== undefined && String(k.result) === key) {
          best = k.pos;
          found = f.children[i + 1];
          break;
        }
      }
      if (found === undefined) break;
      f = found;
    }
  }
  return best;
}

/**
 * The positions of the document whose positions were asked last: js-yaml's frames, or the block
 * reader's offsets for a document it read. Documents are audited one after the other, so one slot
 * is enough, and memory never holds more than one document's positions.
 */
let lastFrames:
  | {
      owner: DocumentPositions;
      root: Frame | undefined;
      block: BlockLocator | undefined;
    }
  | undefined;

/**
 * Field positions of one document, computed on first use (a second, position-tracking pass over
 * that document only): documents without findings never pay for it.
 */
class DocumentPositions {
  private lineStarts: number[] | undefined;

  constructor(
    readonly text: string,
    /** 0-based line of the document's first character in its file. */
    private readonly firstLine: number,
    /** What the block reader read, when it read it (its positions come from the same pass). */
    private readonly block: BlockRead | undefined,
  ) {}

  at(offset: number): { line: number; column: number } {
    const starts = (this.lineStarts ??= lineStartsOf(this.text));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: this.firstLine + lo + 1, column: offset - (starts[lo] ?? 0) + 1 };
  }

  /** Where the document's content starts (after comments and its `---` marker). */
  start(): { line: number; column: number } {
    return this.at(firstContent(this.text));
  }

  locate(path: FieldPath): { line: number; column: number } {
    if (lastFrames?.owner !== this)
      lastFrames =
        this.block !== undefined
          ? { owner: this, root: undefined, block: new BlockLocator(this.block) }
          : { owner: this, root: framesOf(this.text), block: undefined };
    const { root, block } = lastFrames;
    if (block !== undefined) return this.at(block.offset(path));
    return this.at(root === undefined ? firstContent(this.text) : offsetOf(root, path));
  }

  /** Drops what is cached to answer quickly (line starts, positions), keeping the text. */
  release(): void {
    this.lineStarts = undefined;
    if (lastFrames?.owner === this) lastFrames = undefined;
  }
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** The offset of a document's first line that is not blank, a comment or a `---` marker. */
function firstContent(text: string): number {
  const re = /^(?!\s*(#|$)|---(\s|$)|%)/gm;
  const m = re.exec(text);
  return m === null ? 0 : m.index;
}

// ---- documents -----------------------------------------------------------------------------------

/** A document's text and where it starts in its file. */
interface DocumentText {
  readonly text: string;
  /** 0-based line of its first character. */
  readonly line: number;
}

/** A `---` or `...` document marker at the start of a line. */
const MARKER = /^(?:---|\.\.\.)(?=[ \t\r\n]|$)/gm;

function countLines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * Cuts a YAML stream into documents at `---` and `...` lines, as it arrives, holding at most one
 * document: in YAML a line starting with either marker always ends the document before it, even
 * inside a block scalar.
 */
class DocumentSplitter {
  /** Text not yet handed out; it starts at the start of a line. */
  private buf = '';
  /** 0-based line of `buf`'s first character. */
  private line = 0;
  /** Where to look for the next marker in `buf` (a line start). */
  private scanned = 0;
  /** The document being read is over the size limit: skip to its end. */
  private skipping = false;

  constructor(
    private readonly maxDocumentBytes: number,
    private readonly onTooLarge: (line: number) => void,
  ) {}

  /** Adds text; hands out the documents it completes. */
  push(chunk: string, out: DocumentText[]): void {
    this.buf += chunk;
    // Only complete lines can be judged (a marker is a whole line's start).
    const complete = this.buf.lastIndexOf('\n') + 1;
    this.scan(complete, out);
    if (this.buf.length > this.maxDocumentBytes) {
      if (!this.skipping) this.onTooLarge(this.line);
      this.skipping = true;
      // Keep counting lines, drop the text (an unfinished last line is kept for the next scan).
      const cut = this.buf.lastIndexOf('\n') + 1;
      this.line += countLines(this.buf, 0, cut);
      this.buf = this.buf.slice(cut);
      this.scanned = 0;
    }
  }

  end(out: DocumentText[]): void {
    this.scan(this.buf.length, out);
    this.emit(this.buf.length, out);
    this.buf = '';
  }

  private scan(limit: number, out: DocumentText[]): void {
    let end = limit;
    MARKER.lastIndex = this.scanned;
    for (let m = MARKER.exec(this.buf); m !== null && m.index < end; m = MARKER.exec(this.buf)) {
      const at = m.index;
      const start = m[0] === '---';
      // The `---` that opens the document being read.
      if (at === 0 && start) {
        MARKER.lastIndex = 3;
        continue;
      }
      this.emit(at, out);
      // The next document starts with its `---` line; a `...` line belongs to none.
      const next = start ? at : this.buf.indexOf('\n', at) + 1 || this.buf.length;
      this.line += countLines(this.buf, 0, next);
      this.buf = this.buf.slice(next);
      end -= next;
      MARKER.lastIndex = start ? 3 : 0;
    }
    this.scanned = Math.max(0, end);
  }

  /** Hands out `buf[0..end)` as a document, unless it was too large. */
  private emit(end: number, out: DocumentText[]): void {
    if (!this.skipping && end > 0) out.push({ text: this.buf.slice(0, end), line: this.line });
    this.skipping = false;
  }
}

/** Counts what was read against the limits; the first excess stops the whole load. */
class Budget {
  bytes = 0;
  documents = 0;
  objects = 0;
  constructor(readonly limits: LoadLimits) {}

  private over(what: 'bytes' | 'documents' | 'objects', limit: number, flag: string): never {
    const id = (
      {
        bytes: 'audit.load.tooManyBytes',
        documents: 'audit.load.tooManyDocuments',
        objects: 'audit.load.tooManyObjects',
      } as const
    )[what];
    throw new QuaiError('INPUT_TOO_LARGE', msg(id, { limit: limit.toLocaleString('en') }), {
      hint: msg('audit.load.tooLargeHint', { flag }),
    });
  }
  addBytes(n: number): void {
    this.bytes += n;
    if (this.bytes > this.limits.maxBytes) this.over('bytes', this.limits.maxBytes, 'maxBytes');
  }
  addDocument(): void {
    if (++this.documents > this.limits.maxDocuments)
      this.over('documents', this.limits.maxDocuments, 'maxDocuments');
  }
  addObject(): void {
    if (++this.objects > this.limits.maxObjects) this.over('objects', this.limits.maxObjects, 'maxObjects');
  }
}

/** Whether a document has a line that is not blank, a comment, a `---` marker or a directive. */
function hasContent(text: string): boolean {
  // Most documents: a letter at the start of the first line, or of the one after a `---` line.
  const at = text.startsWith('---\n') ? 4 : 0;
  if (/[A-Za-z]/.test(text.charAt(at))) return true;
  return /[^\s]/.test(text.replace(/^(#.*|---|%.*)$/gm, ''));
}

/** Yields the objects and notes of one document. */
function* documentObjects(
  doc: DocumentText,
  file: string,
  budget: Budget,
): Generator<AuditObject | AuditNote> {
  if (!hasContent(doc.text)) return;
  budget.addDocument();
  // Block-style documents (most) by the lean reader, the others by js-yaml.
  const block = readBlock(doc.text);
  let value: unknown = block?.value;
  if (block === undefined)
    try {
      value = jsyaml.load(doc.text, { schema: jsyaml.CORE_SCHEMA, filename: file });
    } catch (e) {
      const mark = (e as { mark?: { line?: number; column?: number; position?: number } }).mark;
      let reason = (e as { reason?: string }).reason ?? String(e);
      if (reason === 'duplicated mapping key' && mark?.position !== undefined) {
        const key = /^\s*("(?:[^"\\]|\\.)*"|'[^']*'|[^:\n]+?)\s*:/.exec(doc.text.slice(mark.position));
        reason =
          `duplicate key ${key === null ? '' : JSON.stringify(key[1]?.replace(/^["']|["']$/g, '') ?? '')}`.trim();
      }
      yield {
        kind: 'input-error',
        message: msg('audit.load.cannotReadDocument', { reason }),
        file,
        line: doc.line + (mark?.line ?? 0) + 1,
        column: (mark?.column ?? 0) + 1,
        hint: reason.startsWith('duplicate key')
          ? msg('audit.load.duplicateKeyHint')
          : msg('audit.load.syntaxHint'),
      };
      return;
    }
  if (value === null || value === undefined) return;
  const positions = new DocumentPositions(doc.text, doc.line, block);
  // Without an anchor (&) there is no alias to expand.
  const expansion = doc.text.includes('&') ? aliasExpansion(value) : 0;
  if (expansion > ALIAS_EXPANSION_LIMIT) {
    yield {
      kind: 'input-error',
      message: msg('audit.load.aliases', { limit: ALIAS_EXPANSION_LIMIT.toLocaleString('en') }),
      file,
      ...positions.start(),
      hint: msg('audit.load.aliasesHint'),
    };
    return;
  }
  yield* objectsOf(value, [], file, positions, budget);
}

/** Aliases share nodes; a document whose aliases multiply its size is refused (billion laughs). */
const ALIAS_EXPANSION_LIMIT = 2_000_000;
function aliasExpansion(value: unknown): number {
  const sizes = new Map<object, number>();
  const size = (v: unknown): number => {
    if (typeof v !== 'object' || v === null) return 1;
    const known = sizes.get(v);
    if (known !== undefined) return known;
    sizes.set(v, 1);
    let n = 1;
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      n += size(child);
      if (n > ALIAS_EXPANSION_LIMIT) break;
    }
    sizes.set(v, n);
    return n;
  };
  return size(value);
}

function* objectsOf(
  value: unknown,
  prefix: FieldPath,
  file: string,
  positions: DocumentPositions,
  budget: Budget,
): Generator<AuditObject | AuditNote> {
  const o = asJson(value);
  const where = (): { line: number; column: number } =>
    prefix.length === 0 ? positions.start() : positions.locate(prefix);
  if (o === undefined) {
    yield {
      kind: 'input-error',
      message: msg('audit.load.notObject'),
      file,
      ...where(),
      hint: msg('audit.load.notObjectHint'),
    };
    return;
  }
  const kind = o['kind'];
  const apiVersion = o['apiVersion'];
  if (typeof kind !== 'string' || typeof apiVersion !== 'string' || kind === '' || apiVersion === '') {
    yield {
      kind: 'input-error',
      message:
        typeof apiVersion !== 'string' || apiVersion === ''
          ? msg('audit.load.noApiVersion')
          : msg('audit.load.noKind'),
      file,
      ...where(),
      hint: msg('audit.load.noKindHint'),
    };
    return;
  }
  if (kind.endsWith('List') && Array.isArray(o['items'])) {
    const items = o['items'] as unknown[];
    for (let i = 0; i < items.length; i++)
      yield* objectsOf(items[i], [...prefix, 'items', i], file, positions, budget);
    return;
  }
  budget.addObject();
  const metadata = asJson(o['metadata']);
  const start = where();
  const source: ObjectSource = {
    file,
    line: start.line,
    column: start.column,
    locate:
      prefix.length === 0
        ? (path) => positions.locate(path)
        : (path) => positions.locate([...prefix, ...path]),
  };
  // The value read is the object (kind and apiVersion are its own): no copy, unless its metadata
  // is missing or not a mapping.
  yield {
    object: metadata === undefined ? { ...o, apiVersion, kind, metadata: {} } : (o as KubeObject),
    source,
  };
}

// ---- inputs ----------------------------------------------------------------------------------------

/** A source of manifest text: a file, standard input, or a string. */
export type ManifestInput =
  | { readonly kind: 'path'; readonly path: string }
  | { readonly kind: 'stream'; readonly name: string; readonly stream: AsyncIterable<Buffer | string> }
  | { readonly kind: 'text'; readonly name: string; readonly text: string };

export interface ReadOptions {
  readonly limits?: Partial<LoadLimits>;
  readonly signal?: AbortSignal;
}

async function listFiles(path: string, out: string[]): Promise<void> {
  const st = await stat(path);
  if (!st.isDirectory()) {
    out.push(path);
    return;
  }
  const entries = await readdir(path, { withFileTypes: true });
  entries.sort((a, b) => compareText(a.name, b.name));
  for (const e of entries) {
    if (e.name.startsWith('.') || e.name === 'node_modules') continue;
    const full = join(path, e.name);
    if (e.isDirectory()) await listFiles(full, out);
    else if (MANIFEST_EXTENSIONS.has(extname(e.name).toLowerCase())) out.push(full);
  }
}

async function* chunksOf(input: ManifestInput): AsyncGenerator<Buffer | string> {
  switch (input.kind) {
    case 'text':
      yield input.text;
      return;
    case 'stream':
      yield* input.stream;
      return;
    case 'path':
      yield* createReadStream(input.path, { highWaterMark: 256 * 1024 }) as AsyncIterable<Buffer>;
      return;
  }
}

/** Reads one file or stream document by document. */
async function* readOne(
  input: ManifestInput,
  name: string,
  budget: Budget,
  signal: AbortSignal | undefined,
): AsyncGenerator<AuditObject | AuditNote> {
  const notes: AuditNote[] = [];
  const splitter = new DocumentSplitter(budget.limits.maxDocumentBytes, (line) =>
    notes.push({
      kind: 'input-error',
      message: msg('audit.load.documentTooLarge', { size: bytes(budget.limits.maxDocumentBytes) }),
      file: name,
      line: line + 1,
      column: 1,
      hint: msg('audit.load.documentTooLargeHint'),
    }),
  );
  const decoder = new StringDecoder('utf8');
  const docs: DocumentText[] = [];
  let first = true;
  const drain = function* (): Generator<AuditObject | AuditNote> {
    yield* notes.splice(0);
    for (const doc of docs.splice(0)) yield* documentObjects(doc, name, budget);
  };
  for await (const chunk of chunksOf(input)) {
    signal?.throwIfAborted();
    budget.addBytes(chunk.length);
    let text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    if (first) {
      text = text.replace(/^\uFEFF/, '');
      first = false;
    }
    splitter.push(text, docs);
    yield* drain();
  }
  splitter.push(decoder.end(), docs);
  splitter.end(docs);
  yield* drain();
}

/**
 * Reads manifests from files, folders (recursively: *.yaml, *.yml, *.json), standard input or
 * text, one document at a time, and yields each Kubernetes object (List items included) with its
 * file, line and column, and notes for what cannot be read: a malformed document, a path that
 * does not exist. Exceeding a limit throws INPUT_TOO_LARGE; an aborted signal throws.
 */
export async function* readManifests(
  inputs: readonly ManifestInput[],
  options: ReadOptions = {},
): AsyncGenerator<AuditObject | AuditNote> {
  const budget = new Budget({ ...DEFAULT_LOAD_LIMITS, ...options.limits });
  for (const input of inputs) {
    if (input.kind !== 'path') {
      yield* readOne(input, input.name, budget, options.signal);
      continue;
    }
    const files: string[] = [];
    try {
      await listFiles(input.path, files);
    } catch (e) {
      yield {
        kind: 'input-error',
        message:
          (e as NodeJS.ErrnoException).code === 'ENOENT'
            ? msg('audit.load.noSuchPath', { path: input.path })
            : msg('audit.load.cannotReadPath', { path: input.path, reason: String(e) }),
        file: input.path,
        hint: msg('audit.load.pathHint'),
      };
      continue;
    }
    for (const file of files) {
      try {
        yield* readOne({ kind: 'path', path: file }, file, budget, options.signal);
      } catch (e) {
        if (e instanceof QuaiError || options.signal?.aborted === true) throw e;
        yield {
          kind: 'input-error',
          message: msg('audit.load.cannotReadPath', { path: file, reason: String(e) }),
          file,
        };
      }
    }
  }
}

export function isNote(x: AuditObject | AuditNote): x is AuditNote {
  return !('object' in x);
}

async function collect(items: AsyncIterable<AuditObject | AuditNote>): Promise<LoadResult> {
  const objects: AuditObject[] = [];
  const notes: AuditNote[] = [];
  for await (const x of items) {
    if (isNote(x)) notes.push(x);
    else objects.push(x);
  }
  return { objects, notes };
}

/**
 * Parses a multi-document YAML (or JSON) text into objects that remember their file, line and
 * column. A malformed document becomes a note with its position; the others are still returned.
 * `List` documents are expanded into their items.
 */
export function loadManifestText(text: string, file: string): LoadResult {
  const budget = new Budget(DEFAULT_LOAD_LIMITS);
  const docs: DocumentText[] = [];
  const notes: AuditNote[] = [];
  const objects: AuditObject[] = [];
  const splitter = new DocumentSplitter(DEFAULT_LOAD_LIMITS.maxDocumentBytes, (line) =>
    notes.push({
      kind: 'input-error',
      message: msg('audit.load.documentTooLarge', { size: bytes(DEFAULT_LOAD_LIMITS.maxDocumentBytes) }),
      file,
      line: line + 1,
    }),
  );
  splitter.push(text.replace(/^\uFEFF/, ''), docs);
  splitter.end(docs);
  for (const doc of docs) {
    for (const x of documentObjects(doc, file, budget)) {
      if (isNote(x)) notes.push(x);
      else objects.push(x);
    }
  }
  return { objects, notes };
}

/**
 * Loads manifests from files and folders (recursively: *.yaml, *.yml, *.json). A path that does
 * not exist or cannot be read is a note, not an exception: the other inputs are still audited.
 */
export async function loadManifestPaths(
  paths: readonly string[],
  options: ReadOptions = {},
): Promise<LoadResult> {
  return collect(
    readManifests(
      paths.map((path) => ({ kind: 'path', path })),
      options,
    ),
  );
}
