/** -1 when a < b, 0 when they are equal, 1 when a > b. */
export type Ordering = -1 | 0 | 1;

/**
 * One ecosystem's version ordering. `compare` throws a QuaiError (INPUT_INVALID) for a version
 * the scheme refuses (npm, Go, PyPI are strict); dpkg, apk, rpm and Maven order any string, as
 * their tools do.
 */
export interface VersionScheme {
  /** Short name: dpkg, apk, rpm, semver, go, pep440, maven, rubygems, packagist, nuget, pub, cran, hackage. */
  readonly id: VersionSchemeId;
  compare(a: string, b: string): Ordering;
  /** Whether the tool of this ecosystem accepts the version as written. */
  isValid(version: string): boolean;
}

export type VersionSchemeId =
  | 'dpkg'
  | 'apk'
  | 'rpm'
  | 'semver'
  | 'go'
  | 'pep440'
  | 'maven'
  | 'rubygems'
  | 'packagist'
  | 'nuget'
  | 'pub'
  | 'cran'
  | 'hackage';

/** Compares two strings of ASCII digits by numeric value, at any length. */
export function compareDigits(a: string, b: string): Ordering {
  let i = 0;
  while (i < a.length - 1 && a.charCodeAt(i) === 48) i++;
  let j = 0;
  while (j < b.length - 1 && b.charCodeAt(j) === 48) j++;
  const x = a.slice(i);
  const y = b.slice(j);
  if (x.length !== y.length) return x.length < y.length ? -1 : 1;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Byte-wise comparison of two strings (C's strcmp on ASCII). */
export function compareBytes(a: string, b: string): Ordering {
  return a < b ? -1 : a > b ? 1 : 0;
}
