import { msg, type Param } from '@quai/contracts';
import { printable } from './printable.js';

/*
 * A shard's index line, looked up without parsing it whole. A scan touches most of the 256 files
 * of an ecosystem but needs one or two keys of each: parsing every index line in full was a third
 * of the matching time (and most of its garbage). The import writes the line with
 * JSON.stringify({ chunks, packages }), values being arrays, so a key is found by its JSON
 * spelling followed by `:`, at a place outside any string (checked by counting the unescaped
 * quotes before it), and only its value is parsed. A line of another shape is parsed in full.
 */

const BACKSLASH = 0x5c;

export interface IndexLookup {
  /** [offset, length, records] of a home's chunk. */
  chunk(name: string): readonly [number, number, number] | undefined;
  /** The homes of the records naming a location ("<ecosystem>\n<name>"). */
  homes(location: string): readonly string[] | undefined;
}

/** A fully parsed index (the fallback, and what the import rewrites). */
export interface ParsedIndex {
  readonly chunks: Record<string, readonly [number, number, number]>;
  readonly packages: Record<string, readonly string[]>;
}

export function parsedLookup(index: ParsedIndex): IndexLookup {
  return {
    chunk: (name) => (Object.hasOwn(index.chunks, name) ? index.chunks[name] : undefined),
    homes: (location) => (Object.hasOwn(index.packages, location) ? index.packages[location] : undefined),
  };
}

/** Whether a quote at `at` is escaped (an odd run of backslashes before it). */
function escaped(text: string, at: number): boolean {
  let n = 0;
  for (let i = at - 1; i >= 0 && text.charCodeAt(i) === BACKSLASH; i--) n++;
  return n % 2 === 1;
}

const HEAD = '{"chunks":{';
const MIDDLE = '},"packages":{';

export class LazyIndex implements IndexLookup {
  /** Positions of the unescaped quotes, found on first use. */
  private quotes: number[] | undefined;
  private readonly packagesAt: number;

  private constructor(
    private readonly text: string,
    packagesAt: number,
    private readonly fail: (why: Param) => never,
  ) {
    this.packagesAt = packagesAt;
  }

  /**
   * A lookup over an index line, or undefined when the line is not in the shape the import writes
   * (the caller then parses it in full). `fail` reports a damaged value (it throws).
   */
  static of(text: string, fail: (why: Param) => never): LazyIndex | undefined {
    if (!text.startsWith(HEAD) || !text.endsWith('}}')) return undefined;
    const index = new LazyIndex(text, -1, fail);
    for (let at = text.indexOf(MIDDLE); at >= 0; at = text.indexOf(MIDDLE, at + 1)) {
      if (index.outsideString(at + 1)) return new LazyIndex(text, at + MIDDLE.length - 1, fail);
    }
    return undefined;
  }

  private parse(json: string): unknown {
    try {
      return JSON.parse(json) as unknown;
    } catch (error) {
      return this.fail((error as Error).message);
    }
  }

  private quotePositions(): number[] {
    if (this.quotes === undefined) {
      const quotes: number[] = [];
      const { text } = this;
      for (let i = text.indexOf('"'); i >= 0; i = text.indexOf('"', i + 1))
        if (!escaped(text, i)) quotes.push(i);
      this.quotes = quotes;
    }
    return this.quotes;
  }

  /** Whether the character at `at` is outside every string (an even count of quotes before it). */
  private outsideString(at: number): boolean {
    const quotes = this.quotePositions();
    let lo = 0;
    let hi = quotes.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (quotes[mid]! < at) lo = mid + 1;
      else hi = mid;
    }
    return lo % 2 === 0;
  }

  /** The value of `key` in the object that spans [from, to), parsed, or undefined. */
  private value(key: string, from: number, to: number): unknown {
    const needle = `${JSON.stringify(key)}:`;
    const { text } = this;
    for (let at = text.indexOf(needle, from); at >= 0 && at < to; at = text.indexOf(needle, at + 1)) {
      const before = text.charCodeAt(at - 1);
      if ((before !== 0x7b && before !== 0x2c) || !this.outsideString(at)) continue;
      const start = at + needle.length;
      if (text.charCodeAt(start) !== 0x5b) return this.parse(text.slice(start, start + 1));
      // The array ends at the first `]` outside a string.
      for (let end = text.indexOf(']', start); end >= 0; end = text.indexOf(']', end + 1)) {
        if (this.outsideString(end)) return this.parse(text.slice(start, end + 1));
      }
      return this.parse(text.slice(start));
    }
    return undefined;
  }

  chunk(name: string): readonly [number, number, number] | undefined {
    const v = this.value(name, HEAD.length - 1, this.packagesAt);
    if (v === undefined) return undefined;
    if (!Array.isArray(v) || v.length !== 3 || !v.every((n) => Number.isSafeInteger(n) && (n as number) >= 0))
      return this.fail(msg('scan.store.badIndexValue', { name: printable(name) }));
    return v as [number, number, number];
  }

  homes(location: string): readonly string[] | undefined {
    const v = this.value(location, this.packagesAt, this.text.length);
    if (v === undefined) return undefined;
    if (!Array.isArray(v) || !v.every((h) => typeof h === 'string'))
      return this.fail(msg('scan.store.badIndexValue', { name: printable(location) }));
    return v;
  }
}
