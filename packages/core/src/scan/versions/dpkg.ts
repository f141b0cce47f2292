import { msg, type Message } from '@quai/contracts';
import { QuaiError } from '../../errors/index.js';
import { compareDigits, type Ordering, type VersionScheme } from './types.js';

/*
 * Debian package versions, as dpkg orders them (lib/dpkg/version.c, dpkg_version_compare):
 * [epoch:]upstream[-revision]. The epoch is compared as a number; upstream and revision with
 * verrevcmp: alternately a non-digit run compared character by character (end of string and
 * digits weigh 0, `~` weighs -1 so it sorts before everything, even the end; letters weigh their
 * ASCII code; every other character weighs its code + 256, so letters sort before `+ - . :`),
 * then a digit run compared as a number. A missing revision equals "0"'s run: 1.0 == 1.0-0.
 */

interface DebVersion {
  readonly epoch: string;
  readonly upstream: string;
  readonly revision: string;
}

export function parseDpkgVersion(version: string): DebVersion {
  const v = version.trim();
  if (v === '') throw invalid(version, msg('scan.version.debianEmpty'));
  const colon = v.indexOf(':');
  let epoch = '0';
  let rest = v;
  if (colon >= 0) {
    epoch = v.slice(0, colon);
    if (!/^[0-9]+$/.test(epoch)) throw invalid(version, msg('scan.version.debianEpoch'));
    rest = v.slice(colon + 1);
  }
  const hyphen = rest.lastIndexOf('-');
  const upstream = hyphen >= 0 ? rest.slice(0, hyphen) : rest;
  const revision = hyphen >= 0 ? rest.slice(hyphen + 1) : '';
  if (upstream === '') throw invalid(version, msg('scan.version.debianUpstream'));
  if (hyphen >= 0 && revision === '') throw invalid(version, msg('scan.version.debianRevision'));
  return { epoch, upstream, revision };
}

function invalid(version: string, why: Message): QuaiError {
  return new QuaiError('INPUT_INVALID', msg('scan.version.debianInvalid', { version, why }), {
    hint: msg('scan.version.debianHint'),
  });
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isAlpha(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** The weight of one character in a non-digit run; NaN (past the end) and digits weigh 0. */
function order(c: number): number {
  if (Number.isNaN(c) || isDigit(c)) return 0;
  if (isAlpha(c)) return c;
  if (c === 126) return -1; // '~'
  return c + 256;
}

/** dpkg's verrevcmp on one part (upstream or revision). */
export function verrevcmp(a: string, b: string): Ordering {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    while ((i < a.length && !isDigit(a.charCodeAt(i))) || (j < b.length && !isDigit(b.charCodeAt(j)))) {
      const ac = order(a.charCodeAt(i));
      const bc = order(b.charCodeAt(j));
      if (ac !== bc) return ac < bc ? -1 : 1;
      i++;
      j++;
    }
    const si = i;
    while (i < a.length && isDigit(a.charCodeAt(i))) i++;
    const sj = j;
    while (j < b.length && isDigit(b.charCodeAt(j))) j++;
    const c = compareDigits(a.slice(si, i) || '0', b.slice(sj, j) || '0');
    if (c !== 0) return c;
  }
  return 0;
}

/**
 * Parsed versions, kept: a scan compares the same few versions (the installed one, a record's
 * range events) many times. Bounded: cleared when full.
 */
const parsed = new Map<string, DebVersion>();

function parseCached(version: string): DebVersion {
  let v = parsed.get(version);
  if (v === undefined) {
    v = parseDpkgVersion(version); // throws for an invalid version: nothing kept
    if (parsed.size >= 50_000) parsed.clear();
    parsed.set(version, v);
  }
  return v;
}

export function compareDpkg(a: string, b: string): Ordering {
  const x = parseCached(a);
  const y = parseCached(b);
  return (
    compareDigits(x.epoch, y.epoch) || verrevcmp(x.upstream, y.upstream) || verrevcmp(x.revision, y.revision)
  );
}

export const dpkgScheme: VersionScheme = {
  id: 'dpkg',
  compare: compareDpkg,
  isValid(version) {
    try {
      const v = parseDpkgVersion(version);
      return /^[0-9][A-Za-z0-9.+~-]*$/.test(v.upstream) && /^[A-Za-z0-9.+~]*$/.test(v.revision);
    } catch {
      return false;
    }
  },
};
