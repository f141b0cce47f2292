import { compareDigits, type Ordering, type VersionScheme } from './types.js';

/*
 * Alpine package versions, as apk-tools orders them (src/version.c, apk_version_compare):
 * {number}{.number}...{letter}{_suffix{number}}...{-r#}. The string is read as tokens; the first
 * token whose type or value differs decides. Pre-release suffixes _alpha < _beta < _pre < _rc sort
 * before the bare version; post-release suffixes _cvs < _svn < _git < _hg < _p after it. A number
 * after a dot that starts with 0 is compared as a fraction (1.01 < 1.1), as apk does. When one
 * version runs out first, the longer one is greater unless its next token is a pre-release suffix.
 */

// Token types, in apk's order (the order matters: a "smaller" next token type is invalid).
const INVALID = -1;
const DIGIT_OR_ZERO = 0;
const DIGIT = 1;
const LETTER = 2;
const SUFFIX = 3;
const SUFFIX_NO = 4;
const REVISION_NO = 5;
const END = 6;

const PRE_SUFFIXES = ['alpha', 'beta', 'pre', 'rc'] as const;
const POST_SUFFIXES = ['cvs', 'svn', 'git', 'hg', 'p'] as const;

/** A token value: numbers as digit strings (exact at any length), or a small integer. */
type Value = { readonly kind: 'num'; readonly digits: string } | { readonly kind: 'int'; readonly n: number };

const ZERO: Value = { kind: 'int', n: 0 };

function compareValues(a: Value, b: Value): Ordering {
  if (a.kind === 'num' && b.kind === 'num') return compareDigits(a.digits, b.digits);
  const x = a.kind === 'int' ? a.n : undefined;
  const y = b.kind === 'int' ? b.n : undefined;
  if (x !== undefined && y !== undefined) return x < y ? -1 : x > y ? 1 : 0;
  // A number (>= 0) against a small integer (negative for leading zeros and pre-suffixes).
  if (a.kind === 'num') return y !== undefined && y < 0 ? 1 : compareDigits(a.digits, String(y));
  return x !== undefined && x < 0 ? -1 : compareDigits(String(x), (b as { digits: string }).digits);
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

function isLower(c: string | undefined): boolean {
  return c !== undefined && c >= 'a' && c <= 'z';
}

class Reader {
  pos = 0;
  type = DIGIT;
  constructor(readonly s: string) {}

  get left(): number {
    return this.s.length - this.pos;
  }

  private nextToken(): void {
    let n = INVALID;
    const c = this.s[this.pos];
    if (this.left === 0 || c === '\0') {
      n = END;
    } else if ((this.type === DIGIT || this.type === DIGIT_OR_ZERO) && isLower(c)) {
      n = LETTER;
    } else if (this.type === LETTER && isDigit(c)) {
      n = DIGIT;
    } else if (this.type === SUFFIX && isDigit(c)) {
      n = SUFFIX_NO;
    } else {
      if (c === '.') n = DIGIT_OR_ZERO;
      else if (c === '_') n = SUFFIX;
      else if (c === '-' && this.left > 1 && this.s[this.pos + 1] === 'r') {
        n = REVISION_NO;
        this.pos++;
      }
      this.pos++;
    }
    if (n < this.type) {
      if (!(
        (n === DIGIT_OR_ZERO && this.type === DIGIT) ||
        (n === SUFFIX && this.type === SUFFIX_NO) ||
        (n === DIGIT && this.type === LETTER)
      ))
        n = INVALID;
    }
    this.type = n;
  }

  /** apk's get_token: the value of the current token, then moves to the next one. */
  token(): Value {
    if (this.left <= 0) {
      this.type = END;
      return ZERO;
    }
    let i = 0;
    let value: Value;
    let nt = INVALID;
    const rest = this.s.slice(this.pos);
    switch (this.type) {
      case DIGIT_OR_ZERO:
      case DIGIT:
      case SUFFIX_NO:
      case REVISION_NO: {
        if (this.type === DIGIT_OR_ZERO && rest[0] === '0') {
          // Leading zeros: compared as a fraction, the more zeros the smaller.
          while (i < rest.length && rest[i] === '0') i++;
          nt = DIGIT;
          value = { kind: 'int', n: -i };
          break;
        }
        while (i < rest.length && isDigit(rest[i])) i++;
        value = i === 0 ? ZERO : { kind: 'num', digits: rest.slice(0, i) };
        break;
      }
      case LETTER:
        value = { kind: 'int', n: rest.charCodeAt(0) };
        i = 1;
        break;
      case SUFFIX: {
        const pre = PRE_SUFFIXES.findIndex((p) => rest.startsWith(p));
        if (pre >= 0) {
          i = PRE_SUFFIXES[pre]!.length;
          value = { kind: 'int', n: pre - PRE_SUFFIXES.length };
          break;
        }
        const post = POST_SUFFIXES.findIndex((p) => rest.startsWith(p));
        if (post >= 0) {
          i = POST_SUFFIXES[post]!.length;
          value = { kind: 'int', n: post };
          break;
        }
        this.type = INVALID;
        return { kind: 'int', n: -1 };
      }
      default:
        this.type = INVALID;
        return { kind: 'int', n: -1 };
    }
    this.pos += i;
    if (this.left === 0) this.type = END;
    else if (nt !== INVALID) this.type = nt;
    else this.nextToken();
    return value;
  }
}

export function compareApk(a: string, b: string): Ordering {
  const ra = new Reader(a);
  const rb = new Reader(b);
  let av: Value = ZERO;
  let bv: Value = ZERO;
  while (ra.type === rb.type && ra.type !== END && ra.type !== INVALID && compareValues(av, bv) === 0) {
    av = ra.token();
    bv = rb.token();
  }
  const c = compareValues(av, bv);
  if (c !== 0) return c;
  if (ra.type === rb.type) return 0;
  // Same leading tokens: the longer version is greater, unless it goes on with a pre-release suffix.
  if (ra.type === SUFFIX && isPreSuffix(ra)) return -1;
  if (rb.type === SUFFIX && isPreSuffix(rb)) return 1;
  if (ra.type > rb.type) return -1;
  if (rb.type > ra.type) return 1;
  return 0;
}

/** apk's `get_token(...) < 0` on a suffix: a pre-release suffix, or one apk does not know. */
function isPreSuffix(r: Reader): boolean {
  const rest = r.s.slice(r.pos);
  return PRE_SUFFIXES.some((p) => rest.startsWith(p)) || !POST_SUFFIXES.some((p) => rest.startsWith(p));
}

export function isValidApk(version: string): boolean {
  if (version === '') return false;
  const r = new Reader(version);
  while (r.type !== END && r.type !== INVALID) r.token();
  return r.type === END;
}

export const apkScheme: VersionScheme = { id: 'apk', compare: compareApk, isValid: isValidApk };
