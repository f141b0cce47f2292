import { msg } from '@quai/contracts';
import { invalidVersion } from './invalid.js';
import { compareBytes, type Ordering, type VersionScheme } from './types.js';

/*
 * Pub (Dart) versions, as pub_semver's Version.compareTo orders them: major.minor.patch as
 * numbers, a version with a prerelease before the same without, prerelease parts one by one
 * (a part that int.tryParse reads, such as 01 or -1, is a number and sorts before words; words
 * compare by UTF-16 code units; a missing part sorts first); then, unlike Semantic Versioning,
 * build parts count: no build sorts before a build, and builds compare like prereleases.
 */

const ID = '[0-9A-Za-z-]+';
const PUB_RE = new RegExp(`^(\\d+)\\.(\\d+)\\.(\\d+)(?:-(${ID}(?:\\.${ID})*))?(?:\\+(${ID}(?:\\.${ID})*))?$`);
const INT64_MAX = 2n ** 63n - 1n;

type Part = bigint | string;

interface PubVersion {
  readonly numbers: readonly bigint[];
  readonly pre: readonly Part[];
  readonly build: readonly Part[];
}

/** Dart's int.tryParse: an optional sign and decimal digits, within 64 bits. */
function tryParseInt(s: string): bigint | undefined {
  if (!/^[+-]?[0-9]+$/.test(s)) return undefined;
  const n = BigInt(s);
  return n > INT64_MAX || n < -INT64_MAX - 1n ? undefined : n;
}

const parts = (text: string | undefined): Part[] =>
  text === undefined ? [] : text.split('.').map((p) => tryParseInt(p) ?? p);

function parse(version: string): PubVersion | undefined {
  const m = PUB_RE.exec(version);
  if (m === null) return undefined;
  const numbers = [m[1]!, m[2]!, m[3]!].map((n) => BigInt(n));
  if (numbers.some((n) => n > INT64_MAX)) return undefined;
  return { numbers, pre: parts(m[4]), build: parts(m[5]) };
}

function compareLists(a: readonly Part[], b: readonly Part[]): Ordering {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (typeof x === 'bigint') {
      if (typeof y !== 'bigint') return -1;
      return x < y ? -1 : 1;
    }
    if (typeof y === 'bigint') return 1;
    return compareBytes(x, y);
  }
  return 0;
}

export function comparePub(a: string, b: string): Ordering {
  const x = parse(a);
  const y = parse(b);
  for (const [v, p] of [
    [a, x],
    [b, y],
  ] as const) {
    if (p === undefined) throw invalidVersion('Pub', v, msg('scan.version.pubHint'));
  }
  for (let i = 0; i < 3; i++) {
    if (x!.numbers[i] !== y!.numbers[i]) return x!.numbers[i]! < y!.numbers[i]! ? -1 : 1;
  }
  if (x!.pre.length === 0 && y!.pre.length > 0) return 1;
  if (y!.pre.length === 0 && x!.pre.length > 0) return -1;
  const c = compareLists(x!.pre, y!.pre);
  if (c !== 0) return c;
  if (x!.build.length === 0 && y!.build.length > 0) return -1;
  if (y!.build.length === 0 && x!.build.length > 0) return 1;
  return compareLists(x!.build, y!.build);
}

export const pubScheme: VersionScheme = {
  id: 'pub',
  compare: comparePub,
  isValid: (v) => parse(v) !== undefined,
};
