import { compareDigits, type Ordering, type VersionScheme } from './types.js';

/*
 * RPM versions, as rpm 4.18 orders them (rpmio/rpmvercmp.c and rpmver.c): [epoch:]version[-release].
 * The epoch is compared first (missing = 0), then the version with rpmvercmp, then the release:
 * a missing release sorts before any present one, even an empty one or one of tildes (1 < 1- <
 * 1-0, 1 < 1-~, as rpm.vercmp says), and two present releases compare with rpmvercmp.
 * rpmvercmp splits on runs of characters that are not letters, digits, `~` or `^`; compares
 * digit runs as numbers and letter runs byte-wise; a digit run beats a letter run; `~` sorts
 * before everything (even the end: 1.0~rc1 < 1.0); `^` sorts after the end but before anything
 * else (1.0 < 1.0^git1 < 1.0.1).
 */

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isAlpha = (c: string | undefined): boolean =>
  c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
const isAlnum = (c: string | undefined): boolean => isDigit(c) || isAlpha(c);

/** rpm's rpmvercmp on one part (version or release). */
export function rpmvercmp(a: string, b: string): Ordering {
  if (a === b) return 0;
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    while (i < a.length && !isAlnum(a[i]) && a[i] !== '~' && a[i] !== '^') i++;
    while (j < b.length && !isAlnum(b[j]) && b[j] !== '~' && b[j] !== '^') j++;
    if (a[i] === '~' || b[j] === '~') {
      if (a[i] !== '~') return 1;
      if (b[j] !== '~') return -1;
      i++;
      j++;
      continue;
    }
    if (a[i] === '^' || b[j] === '^') {
      if (i >= a.length) return -1;
      if (j >= b.length) return 1;
      if (a[i] !== '^') return 1;
      if (b[j] !== '^') return -1;
      i++;
      j++;
      continue;
    }
    if (!(i < a.length && j < b.length)) break;
    let ei = i;
    let ej = j;
    const isNum = isDigit(a[i]);
    if (isNum) {
      while (ei < a.length && isDigit(a[ei])) ei++;
      while (ej < b.length && isDigit(b[ej])) ej++;
    } else {
      while (ei < a.length && isAlpha(a[ei])) ei++;
      while (ej < b.length && isAlpha(b[ej])) ej++;
    }
    // Segments of different types: a number is newer than letters.
    if (ej === j) return isNum ? 1 : -1;
    const x = a.slice(i, ei);
    const y = b.slice(j, ej);
    const c = isNum ? compareDigits(x, y) : x < y ? -1 : x > y ? 1 : 0;
    if (c !== 0) return c;
    i = ei;
    j = ej;
  }
  if (i >= a.length && j >= b.length) return 0;
  return i >= a.length ? -1 : 1;
}

interface Evr {
  readonly epoch: string | undefined;
  readonly version: string;
  readonly release: string | undefined;
}

/** Splits [epoch:]version[-release] as rpm's rpmverParse does. */
export function parseEvr(evr: string): Evr {
  let k = 0;
  while (k < evr.length && isDigit(evr[k])) k++;
  const dash = evr.lastIndexOf('-');
  const se = dash >= k ? dash : -1;
  let epoch: string | undefined;
  let start = 0;
  if (evr[k] === ':') {
    epoch = k === 0 ? '0' : evr.slice(0, k);
    start = k + 1;
  }
  return {
    epoch,
    version: se >= 0 ? evr.slice(start, se) : evr.slice(start),
    release: se >= 0 ? evr.slice(se + 1) : undefined,
  };
}

export function compareRpm(a: string, b: string): Ordering {
  const x = parseEvr(a);
  const y = parseEvr(b);
  const e = rpmvercmp(x.epoch ?? '0', y.epoch ?? '0');
  if (e !== 0) return e;
  const v = rpmvercmp(x.version, y.version);
  if (v !== 0) return v;
  if (x.release === undefined || y.release === undefined) {
    return x.release === y.release ? 0 : x.release === undefined ? -1 : 1;
  }
  return rpmvercmp(x.release, y.release);
}

export const rpmScheme: VersionScheme = {
  id: 'rpm',
  compare: compareRpm,
  isValid: (version) => version !== '' && parseEvr(version).version !== '',
};
