import jsyaml from 'js-yaml';

/**
 * A lean reader for the block-style YAML that kubectl, Helm and most people write (block mappings
 * and sequences of one-line scalars), about five times faster than js-yaml's full loader and
 * allocating little besides the values. It gives up (returns undefined) on anything else: flow
 * collections other than `[]` and `{}`, block scalars (`|`, `>`), multi-line scalars, anchors,
 * aliases, tags, directives, complex or quoted keys, tabs, CR line ends, duplicate keys, and any
 * syntax error; the caller then loads the document with js-yaml, so that values, errors and
 * positions are always js-yaml's. Plain scalars are resolved by js-yaml's own CORE schema types.
 *
 * The same pass, asked for positions, records where each key and sequence item starts, with the
 * offsets js-yaml's compose events give them (a key's first character, an item's first character
 * after its `-`), so that a finding's line and column do not depend on which reader was used.
 */

/** Where a document's keys and items start, for locate. */
export type BlockPositions = PositionMap | PositionList | undefined;
interface PositionMap {
  readonly keys: Map<string, { readonly pos: number; readonly child: BlockPositions }>;
}
type PositionList = { readonly pos: number; readonly child: BlockPositions }[];

interface ImplicitType {
  resolve(data: string): boolean;
  construct(data: string): unknown;
}
const IMPLICIT = (jsyaml.CORE_SCHEMA as unknown as { compiledImplicit: ImplicitType[] }).compiledImplicit;

/** js-yaml refuses these characters anywhere in a stream. */
const NON_PRINTABLE =
  // eslint-disable-next-line no-control-regex
  /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:[^\uD800-\uDBFF]|^)[\uDC00-\uDFFF]/;

/** Thrown inside the reader to give up (made once: throwing it costs no stack); never escapes it. */
class GiveUp extends Error {}
const GIVE_UP = new GiveUp('outside the block subset');
const NL = 10;
const SPACE = 32;
const HASH = 35;
const DASH = 45;
const COLON = 58;
const DQUOTE = 34;
const SQUOTE = 39;
const BACKSLASH = 92;

/** Characters a plain scalar may not start with (js-yaml's list, plus `:` and `?`, kept simple). */
const NOT_PLAIN_START = new Set([...',[]{}#&*!|>\'"%@`:?'].map((c) => c.charCodeAt(0)));
/** First characters of the plain scalars a CORE schema type may resolve (null, bool, int, float). */
const MAYBE_TYPED = new Set([...'-+.0123456789~nNtTfF'].map((c) => c.charCodeAt(0)));

class Reader {
  /** Where each key and item starts, in document order (a key before what its value holds). */
  readonly starts: number[] = [];
  /** Start of the current content line, its indentation, and the end of its text (before \n). */
  private line = 0;
  private indent = 0;
  private end = 0;

  constructor(
    private readonly s: string,
    private readonly positions: boolean,
  ) {}

  /** Moves to the first line at or after `from` that is not blank or a comment; false at the end. */
  private seek(from: number): boolean {
    const s = this.s;
    let p = from;
    while (p < s.length) {
      let q = p;
      while (s.charCodeAt(q) === SPACE) q++;
      let e = s.indexOf('\n', q);
      if (e < 0) e = s.length;
      const c = s.charCodeAt(q);
      if (q < e && c !== HASH) {
        this.line = p;
        this.indent = q - p;
        this.end = e;
        return true;
      }
      p = e + 1;
    }
    this.line = s.length;
    this.indent = -1;
    this.end = s.length;
    return false;
  }

  /** The document: one block mapping at column 0 (anything else is left to js-yaml). */
  document(): { value: unknown; root: number; positions: BlockPositions } {
    const s = this.s;
    if (!this.seek(0)) throw GIVE_UP;
    // A leading `---` line with nothing after it.
    if (s.startsWith('---', this.line) && this.indent === 0) {
      for (let i = this.line + 3; i < this.end; i++) if (s.charCodeAt(i) !== SPACE) throw GIVE_UP;
      if (!this.seek(this.end + 1)) throw GIVE_UP;
    }
    if (this.indent !== 0 || this.isItem(this.line)) throw GIVE_UP;
    const root = this.line;
    const positions: PositionMap | undefined = this.positions ? { keys: new Map() } : undefined;
    const value = this.mapping(0, root, positions);
    // The mapping ends only at the document's end (seek leaves indent at -1 there).
    if (this.line < s.length) throw GIVE_UP;
    return { value, root, positions };
  }

  /** A `-` followed by a space or the line's end. */
  private isItem(at: number): boolean {
    if (this.s.charCodeAt(at) !== DASH) return false;
    const n = this.s.charCodeAt(at + 1);
    return at + 1 >= this.end || n === SPACE || n === NL;
  }

  /**
   * A block mapping whose keys are at column `col`; its first key starts at `at` on the current
   * line. Returns with the reader on the first line after it (or at the end).
   */
  private mapping(col: number, at: number, positions: PositionMap | undefined): Record<string, unknown> {
    const s = this.s;
    const out: Record<string, unknown> = {};
    let keyStart = at;
    for (;;) {
      // The key: a plain scalar up to `: ` or a `:` ending the line.
      const c = s.charCodeAt(keyStart);
      if (NOT_PLAIN_START.has(c) || c === DASH) throw GIVE_UP;
      let colon = -1;
      for (let i = keyStart; i < this.end; i++) {
        const ch = s.charCodeAt(i);
        if (ch === COLON) {
          const n = s.charCodeAt(i + 1);
          if (i + 1 === this.end || n === SPACE) {
            colon = i;
            break;
          }
        } else if (ch === HASH && s.charCodeAt(i - 1) === SPACE) throw GIVE_UP;
      }
      if (colon < 0 || s.charCodeAt(colon - 1) === SPACE) throw GIVE_UP;
      const key = s.slice(keyStart, colon);
      if (MAYBE_TYPED.has(c) && typeof plain(key) !== 'string') throw GIVE_UP;
      if (key === '__proto__' || key === '<<' || Object.prototype.hasOwnProperty.call(out, key))
        throw GIVE_UP;
      this.starts.push(keyStart);
      // The value: on this line, or nested below.
      let v = colon + 1;
      while (v < this.end && s.charCodeAt(v) === SPACE) v++;
      let value: unknown;
      let child: BlockPositions;
      if (v === this.end || s.charCodeAt(v) === HASH) {
        const here = col;
        if (!this.seek(this.end + 1)) value = null;
        else if (this.indent > here) {
          if (this.isItem(this.line + this.indent)) {
            const list: PositionList | undefined = this.positions ? [] : undefined;
            value = this.sequence(this.indent, list);
            child = list;
          } else {
            const map: PositionMap | undefined = this.positions ? { keys: new Map() } : undefined;
            value = this.mapping(this.indent, this.line + this.indent, map);
            child = map;
          }
        } else if (this.indent === here && this.isItem(this.line + this.indent)) {
          // A sequence may sit at its key's indentation.
          const list: PositionList | undefined = this.positions ? [] : undefined;
          value = this.sequence(this.indent, list);
          child = list;
        } else value = null;
      } else {
        value = this.scalar(v);
        this.seek(this.end + 1);
      }
      out[key] = value;
      positions?.keys.set(key, { pos: keyStart, child });
      // Next: a key of this mapping, or the end of it.
      if (this.indent < col) return out;
      if (this.indent > col || this.isItem(this.line + this.indent)) throw GIVE_UP;
      keyStart = this.line + this.indent;
    }
  }

  /** A block sequence whose `-` are at column `col`, starting on the current line. */
  private sequence(col: number, positions: PositionList | undefined): unknown[] {
    const s = this.s;
    const out: unknown[] = [];
    for (;;) {
      const dash = this.line + col;
      let v = dash + 1;
      while (v < this.end && s.charCodeAt(v) === SPACE) v++;
      if (v === this.end || s.charCodeAt(v) === HASH) {
        // `-` alone: its item is on the lines below.
        if (!this.seek(this.end + 1) || this.indent <= col) throw GIVE_UP;
        const at = this.line + this.indent;
        this.starts.push(at);
        if (this.isItem(at)) {
          const list: PositionList | undefined = this.positions ? [] : undefined;
          out.push(this.sequence(this.indent, list));
          positions?.push({ pos: at, child: list });
        } else {
          const map: PositionMap | undefined = this.positions ? { keys: new Map() } : undefined;
          out.push(this.mapping(this.indent, at, map));
          positions?.push({ pos: at, child: map });
        }
      } else if (this.isItem(v)) {
        throw GIVE_UP;
      } else if (this.startsKey(v)) {
        this.starts.push(v);
        const map: PositionMap | undefined = this.positions ? { keys: new Map() } : undefined;
        out.push(this.mapping(v - this.line, v, map));
        positions?.push({ pos: v, child: map });
      } else {
        this.starts.push(v);
        out.push(this.scalar(v));
        positions?.push({ pos: v, child: undefined });
        this.seek(this.end + 1);
      }
      // Ends at a line less indented, or at its key's indentation (`key:` then `- item` lines).
      if (this.indent < col || (this.indent === col && !this.isItem(this.line + this.indent))) return out;
      if (this.indent > col) throw GIVE_UP;
    }
  }

  /** Whether the text at `at` is a mapping key (`key: ` or `key:` at the line's end). */
  private startsKey(at: number): boolean {
    const s = this.s;
    const c = s.charCodeAt(at);
    if (c === DQUOTE || c === SQUOTE) {
      // A quoted scalar followed by `:` is a quoted key: left to js-yaml.
      const close = c === SQUOTE ? singleQuotedEnd(s, at, this.end) : doubleQuotedEnd(s, at, this.end);
      if (close < 0) throw GIVE_UP;
      let i = close + 1;
      while (i < this.end && s.charCodeAt(i) === SPACE) i++;
      if (s.charCodeAt(i) === COLON) throw GIVE_UP;
      return false;
    }
    for (let i = at; i < this.end; i++) {
      const ch = s.charCodeAt(i);
      if (ch === COLON && (i + 1 === this.end || s.charCodeAt(i + 1) === SPACE)) return true;
      if (ch === HASH && s.charCodeAt(i - 1) === SPACE) return false;
    }
    return false;
  }

  /** A one-line scalar at `at` (the rest of the line may only be a comment). */
  private scalar(at: number): unknown {
    const s = this.s;
    const c = s.charCodeAt(at);
    let value: unknown;
    let after: number;
    if (c === DQUOTE) {
      const close = doubleQuotedEnd(s, at, this.end);
      if (close < 0) throw GIVE_UP;
      const body = s.slice(at, close + 1);
      value = body.includes('\\') ? JSON.parse(body) : body.slice(1, -1);
      after = close + 1;
    } else if (c === SQUOTE) {
      const close = singleQuotedEnd(s, at, this.end);
      if (close < 0) throw GIVE_UP;
      value = s.slice(at + 1, close).replaceAll("''", "'");
      after = close + 1;
    } else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      if (s.charCodeAt(at + 1) !== (c === 0x5b ? 0x5d : 0x7d)) throw GIVE_UP;
      value = c === 0x5b ? [] : {};
      after = at + 2;
    } else {
      if (NOT_PLAIN_START.has(c) || (c === DASH && (at + 1 === this.end || s.charCodeAt(at + 1) === SPACE)))
        throw GIVE_UP;
      let e = this.end;
      for (let i = at; i < this.end; i++) {
        const ch = s.charCodeAt(i);
        if (ch === HASH && s.charCodeAt(i - 1) === SPACE) {
          e = i;
          break;
        }
        if (ch === COLON && (i + 1 === this.end || s.charCodeAt(i + 1) === SPACE)) throw GIVE_UP;
      }
      while (s.charCodeAt(e - 1) === SPACE) e--;
      const text = s.slice(at, e);
      return MAYBE_TYPED.has(c) ? plain(text) : text;
    }
    while (after < this.end && s.charCodeAt(after) === SPACE) after++;
    if (after < this.end && !(s.charCodeAt(after) === HASH && s.charCodeAt(after - 1) === SPACE))
      throw GIVE_UP;
    return value;
  }
}

/** A plain scalar's value, as js-yaml's CORE schema resolves it. */
function plain(text: string): unknown {
  for (const t of IMPLICIT) if (t.resolve(text)) return t.construct(text);
  return text;
}

/**
 * The closing quote of a one-line double-quoted scalar, or -1 (not closed on the line, or an
 * escape JSON does not share with YAML: those are left to js-yaml).
 */
function doubleQuotedEnd(s: string, at: number, end: number): number {
  for (let i = at + 1; i < end; i++) {
    const ch = s.charCodeAt(i);
    if (ch === DQUOTE) return i;
    if (ch === BACKSLASH) {
      const n = s[i + 1];
      if (n === 'u') {
        if (!/^[0-9A-Fa-f]{4}$/.test(s.slice(i + 2, i + 6))) return -1;
        i += 5;
      } else if (n !== undefined && '"\\/bfnrt'.includes(n)) i++;
      else return -1;
    }
  }
  return -1;
}

/** The closing quote of a one-line single-quoted scalar (`''` is a quote), or -1. */
function singleQuotedEnd(s: string, at: number, end: number): number {
  for (let i = at + 1; i < end; i++) {
    if (s.charCodeAt(i) !== SQUOTE) continue;
    if (s.charCodeAt(i + 1) === SQUOTE) i++;
    else return i;
  }
  return -1;
}

/** Whether the reader may try a document at all (a quick look for what it never reads). */
function readable(text: string): boolean {
  // Printable ASCII and line feeds (most documents): one quick scan says yes.
  if (!/[^\n\x20-\x7e]/.test(text)) return true;
  return !text.includes('\t') && !text.includes('\r') && !NON_PRINTABLE.test(text);
}

/** A document the block reader read: its value, and what its locator needs. */
export interface BlockRead {
  readonly value: unknown;
  /** Where the document's content starts. */
  readonly root: number;
  /** Where each key and item starts, in document order. */
  readonly starts: readonly number[];
}

/** The document's value, or undefined when it is not in the block subset (load it with js-yaml). */
export function readBlock(text: string): BlockRead | undefined {
  if (!readable(text)) return undefined;
  try {
    const reader = new Reader(text, false);
    const { value, root } = reader.document();
    return { value, root, starts: reader.starts };
  } catch (e) {
    if (e === GIVE_UP) return undefined;
    throw e;
  }
}

/** Where the keys and items of a document readBlock read start (undefined for the others). */
export function blockPositions(text: string): { root: number; positions: BlockPositions } | undefined {
  if (!readable(text)) return undefined;
  try {
    const { root, positions } = new Reader(text, true).document();
    return { root, positions };
  } catch (e) {
    if (e === GIVE_UP) return undefined;
    throw e;
  }
}

/** The offset of a field (its key, or its item), or of its nearest ancestor found; js-yaml's rule. */
export function blockOffset(
  root: number,
  positions: BlockPositions,
  path: readonly (string | number)[],
): number {
  let best = root;
  let node = positions;
  for (const key of path) {
    if (node === undefined) break;
    if (typeof key === 'number') {
      if (!Array.isArray(node)) break;
      const item = node[key];
      if (item === undefined) break;
      best = item.pos;
      node = item.child;
    } else {
      if (Array.isArray(node)) break;
      const entry = node.keys.get(key);
      if (entry === undefined) break;
      best = entry.pos;
      node = entry.child;
    }
  }
  return best;
}

/**
 * Finds where a field of a document readBlock read starts, from the starts it recorded in the
 * same pass (no second pass over the text): the keys of a mapping the reader built are in
 * document order (it gives up on keys that are numbers, the only ones JavaScript reorders), so
 * the n-th key of a mapping starts after the keys and items of the n-1 before it and of all
 * they hold. Gives what blockOffset gives on blockPositions (js-yaml's rule: the field's key or
 * item, or its nearest ancestor found). The value must not have been changed since it was read.
 */
export class BlockLocator {
  /** Per mapping or sequence: where each key or item is among the starts, after the first one's. */
  private readonly children = new Map<object, Map<string, number> | number[]>();
  /** Per mapping or sequence: how many keys and items it holds, at every level. */
  private readonly sizes = new Map<object, number>();

  constructor(private readonly read: BlockRead) {}

  offset(path: readonly (string | number)[]): number {
    let best = this.read.root;
    let node = this.read.value;
    // Where the starts of `node`'s keys or items begin.
    let first = 0;
    for (const key of path) {
      if (typeof node !== 'object' || node === null) break;
      let at: number | undefined;
      if (typeof key === 'number') {
        if (!Array.isArray(node)) break;
        at = (this.childrenOf(node) as number[])[key];
      } else {
        if (Array.isArray(node)) break;
        at = (this.childrenOf(node) as Map<string, number>).get(key);
      }
      if (at === undefined) break;
      const start = this.read.starts[first + at];
      if (start === undefined) break;
      best = start;
      first += at + 1;
      node = (node as Record<string | number, unknown>)[key];
    }
    return best;
  }

  private childrenOf(node: object): Map<string, number> | number[] {
    let known = this.children.get(node);
    if (known === undefined) {
      let at = 0;
      if (Array.isArray(node)) {
        const list: number[] = [];
        for (const item of node as unknown[]) {
          list.push(at);
          at += 1 + this.size(item);
        }
        known = list;
      } else {
        const map = new Map<string, number>();
        for (const k in node) {
          map.set(k, at);
          at += 1 + this.size((node as Record<string, unknown>)[k]);
        }
        known = map;
      }
      this.children.set(node, known);
    }
    return known;
  }

  private size(v: unknown): number {
    if (typeof v !== 'object' || v === null) return 0;
    let n = this.sizes.get(v);
    if (n === undefined) {
      n = 0;
      if (Array.isArray(v)) for (const item of v as unknown[]) n += 1 + this.size(item);
      else for (const k in v) n += 1 + this.size((v as Record<string, unknown>)[k]);
      this.sizes.set(v, n);
    }
    return n;
  }
}
