import { msg } from '@quai/contracts';
import { invalidVersion } from './invalid.js';
import { compareDigits, type Ordering, type VersionScheme } from './types.js';

/*
 * Versions that are lists of numbers, compared number by number:
 * - CRAN and Bioconductor: R's package_version, two or more numbers separated by `.` or `-`
 *   (1.2-3 is 1.2.3); leading zeros are allowed (1.02 = 1.2); R pads the shorter list with zeros
 *   (its encoding right-pads), so 1.0 = 1.0.0.
 * - Hackage and GHC: Cabal's Version, one or more numbers separated by `.`, no leading zero, at
 *   most nine digits each (Cabal refuses the rest); a list that is a prefix of the other sorts
 *   first, as Haskell compares lists (1.0 < 1.0.0).
 */

const CRAN_RE = /^[0-9]+(?:[.-][0-9]+)+$/;
const HACKAGE_RE = /^(?:0|[1-9][0-9]{0,8})(?:\.(?:0|[1-9][0-9]{0,8}))*$/;

function compareLists(a: readonly string[], b: readonly string[], padWithZeros: boolean): Ordering {
  const n = padWithZeros ? Math.max(a.length, b.length) : Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = compareDigits(a[i] ?? '0', b[i] ?? '0');
    if (c !== 0) return c;
  }
  return padWithZeros || a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

export function compareCran(a: string, b: string): Ordering {
  for (const v of [a, b]) {
    if (!CRAN_RE.test(v.trim())) throw invalidVersion('CRAN', v, msg('scan.version.cranHint'));
  }
  return compareLists(a.trim().split(/[.-]/), b.trim().split(/[.-]/), true);
}

export function compareHackage(a: string, b: string): Ordering {
  for (const v of [a, b]) {
    if (!HACKAGE_RE.test(v)) throw invalidVersion('Hackage', v, msg('scan.version.hackageHint'));
  }
  return compareLists(a.split('.'), b.split('.'), false);
}

export const cranScheme: VersionScheme = {
  id: 'cran',
  compare: compareCran,
  isValid: (v) => CRAN_RE.test(v.trim()),
};

export const hackageScheme: VersionScheme = {
  id: 'hackage',
  compare: compareHackage,
  isValid: (v) => HACKAGE_RE.test(v),
};
