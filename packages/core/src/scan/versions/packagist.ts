import { msg } from '@quai/contracts';
import { invalidVersion } from './invalid.js';
import type { Ordering, VersionScheme } from './types.js';

/*
 * Packagist (Composer) versions: PHP's version_compare (ext/standard/versioning.c), after the one
 * leading `v` Composer's own normalisation removes (v5.4.21 is 5.4.21). PHP canonicalises first:
 * `-`, `_` and `+` become `.`, a `.` goes between a digit and a non-digit, other
 * non-alphanumerics become `.` (runs of them one `.`). Parts then compare one by one: numbers by
 * value; words by their special form, a prefix match in this order: anything else < dev <
 * alpha = a < beta = b < RC = rc < a number < pl = p (so 1.0 < 1.0pl1, and 1.0-patch1 > 1.0);
 * when one side runs out, a remaining number makes it newer, a remaining word is compared with a
 * number. Branch names (dev-main) have no order: they are refused, so ranges report them.
 */

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isAlnum = (c: string): boolean => isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
const isSpecial = (c: string): boolean => c === '-' || c === '_' || c === '+';

/** php_canonicalize_version. */
export function phpCanonicalize(version: string): string {
  if (version === '') return '';
  let out = version[0]!;
  let lp = version[0]!;
  for (let i = 1; i < version.length; i++) {
    const p = version[i]!;
    const lq = out[out.length - 1]!;
    const dig = (c: string): boolean => isDigit(c) && c !== '.';
    const ndig = (c: string): boolean => !isDigit(c) && c !== '.';
    if (isSpecial(p)) {
      if (lq !== '.') out += '.';
    } else if ((ndig(lp) && dig(p)) || (dig(lp) && ndig(p))) {
      if (lq !== '.') out += '.';
      out += p;
    } else if (!isAlnum(p)) {
      if (lq !== '.') out += '.';
    } else out += p;
    lp = p;
  }
  return out;
}

const FORMS: readonly (readonly [string, number])[] = [
  ['dev', 0],
  ['alpha', 1],
  ['a', 1],
  ['beta', 2],
  ['b', 2],
  ['RC', 3],
  ['rc', 3],
  ['#', 4],
  ['pl', 5],
  ['p', 5],
];

function specialForm(form: string): number {
  for (const [name, order] of FORMS) if (form.startsWith(name)) return order;
  return -1;
}

const sign = (n: number): Ordering => (n < 0 ? -1 : n > 0 ? 1 : 0);
const LONG_MAX = 2n ** 63n - 1n;

/** C's strtol on a part starting with digits: the leading digits, saturated at LONG_MAX. */
function strtol(part: string): bigint {
  const n = BigInt(/^[0-9]+/.exec(part)![0]);
  return n > LONG_MAX ? LONG_MAX : n;
}

/** php_version_compare, step for step. */
export function phpVersionCompare(v1: string, v2: string): Ordering {
  if (v1 === '' || v2 === '') return v1 === v2 ? 0 : v1 !== '' ? 1 : -1;
  const ver1 = v1.startsWith('#') ? v1 : phpCanonicalize(v1);
  const ver2 = v2.startsWith('#') ? v2 : phpCanonicalize(v2);
  let p1 = 0;
  let p2 = 0;
  let n1 = 0;
  let n2 = 0;
  let compare: Ordering = 0;
  const partAt = (s: string, p: number, n: number): string => s.slice(p, n < 0 ? s.length : n);
  while (p1 < ver1.length && p2 < ver2.length && n1 >= 0 && n2 >= 0) {
    n1 = ver1.indexOf('.', p1);
    n2 = ver2.indexOf('.', p2);
    const a = partAt(ver1, p1, n1);
    const b = partAt(ver2, p2, n2);
    if (isDigit(a[0]) && isDigit(b[0])) {
      const l1 = strtol(a);
      const l2 = strtol(b);
      compare = l1 < l2 ? -1 : l1 > l2 ? 1 : 0;
    } else if (!isDigit(a[0]) && !isDigit(b[0])) {
      compare = sign(specialForm(a) - specialForm(b));
    } else if (isDigit(a[0])) {
      compare = sign(specialForm('#N#') - specialForm(b));
    } else {
      compare = sign(specialForm(a) - specialForm('#N#'));
    }
    if (compare !== 0) break;
    if (n1 >= 0) p1 = n1 + 1;
    if (n2 >= 0) p2 = n2 + 1;
  }
  if (compare === 0) {
    if (n1 >= 0) {
      compare = isDigit(ver1[p1]) ? 1 : phpVersionCompare(ver1.slice(p1), '#N#');
    } else if (n2 >= 0) {
      compare = isDigit(ver2[p2]) ? -1 : phpVersionCompare('#N#', ver2.slice(p2));
    }
  }
  return compare;
}

const stripV = (v: string): string => (/^[vV][0-9]/.test(v) ? v.slice(1) : v);
const isOrdered = (v: string): boolean => /^[vV]?[0-9]/.test(v);

export function comparePackagist(a: string, b: string): Ordering {
  for (const v of [a, b]) {
    if (!isOrdered(v)) throw invalidVersion('Packagist', v, msg('scan.version.packagistHint'));
  }
  return phpVersionCompare(stripV(a), stripV(b));
}

export const packagistScheme: VersionScheme = {
  id: 'packagist',
  compare: comparePackagist,
  isValid: isOrdered,
};
