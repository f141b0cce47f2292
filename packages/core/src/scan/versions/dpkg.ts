import { msg, type Message } from '@quai/contracts';
import { QuaiError } from '../../errors/index.js';
import type { Ordering, VersionScheme } from './types.js';

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

/**
 * Digit runs a[ai, ae) and b[bi, be) compared by value (an empty run is 0): compareDigits on
 * the runs, without cutting them out.
 */
function compareRuns(a: string, ai: number, ae: number, b: string, bi: number, be: number): Ordering {
  while (ai < ae && a.charCodeAt(ai) === 48) ai++;
  while (bi < be && b.charCodeAt(bi) === 48) bi++;
  if (ae - ai !== be - bi) return ae - ai < be - bi ? -1 : 1;
  for (; ai < ae; ai++, bi++) {
    const x = a.charCodeAt(ai);
    const y = b.charCodeAt(bi);
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** dpkg's verrevcmp on one part, a[i, ae) and b[j, be): read in place, never cut out. */
function verrevcmpAt(a: string, i: number, ae: number, b: string, j: number, be: number): Ordering {
  while (i < ae || j < be) {
    while ((i < ae && !isDigit(a.charCodeAt(i))) || (j < be && !isDigit(b.charCodeAt(j)))) {
      const ac = i < ae ? order(a.charCodeAt(i)) : 0;
      const bc = j < be ? order(b.charCodeAt(j)) : 0;
      if (ac !== bc) return ac < bc ? -1 : 1;
      i++;
      j++;
    }
    const si = i;
    while (i < ae && isDigit(a.charCodeAt(i))) i++;
    const sj = j;
    while (j < be && isDigit(b.charCodeAt(j))) j++;
    const c = compareRuns(a, si, i, b, sj, j);
    if (c !== 0) return c;
  }
  return 0;
}

/**
 * Where the parts of a version are, found without cutting it up (a scan compares the installed
 * version with every range event of every record of the package): the trimmed text, the epoch's
 * end (-1: none), the upstream's end (the revision's hyphen, or the end). Throws for what
 * parseDpkgVersion refuses, with its error.
 */
interface Parts {
  text: string;
  colon: number;
  hyphen: number;
}

function partsOf(version: string, into: Parts): void {
  const v = version.trim();
  if (v === '') throw invalid(version, msg('scan.version.debianEmpty'));
  const colon = v.indexOf(':');
  if (colon >= 0) {
    if (colon === 0) throw invalid(version, msg('scan.version.debianEpoch'));
    for (let i = 0; i < colon; i++)
      if (!isDigit(v.charCodeAt(i))) throw invalid(version, msg('scan.version.debianEpoch'));
  }
  // The epoch holds digits only: the last hyphen, if any, is after it.
  const hyphen = v.lastIndexOf('-');
  if ((hyphen >= 0 ? hyphen : v.length) === colon + 1)
    throw invalid(version, msg('scan.version.debianUpstream'));
  if (hyphen === v.length - 1) throw invalid(version, msg('scan.version.debianRevision'));
  into.text = v;
  into.colon = colon;
  into.hyphen = hyphen;
}

const pa: Parts = { text: '', colon: -1, hyphen: -1 };
const pb: Parts = { text: '', colon: -1, hyphen: -1 };

export function compareDpkg(a: string, b: string): Ordering {
  partsOf(a, pa);
  partsOf(b, pb);
  const x = pa.text;
  const y = pb.text;
  // A missing epoch is 0, as an empty digit run is.
  const epoch = compareRuns(x, 0, Math.max(pa.colon, 0), y, 0, Math.max(pb.colon, 0));
  if (epoch !== 0) return epoch;
  const xu = pa.hyphen >= 0 ? pa.hyphen : x.length;
  const yu = pb.hyphen >= 0 ? pb.hyphen : y.length;
  return (
    verrevcmpAt(x, pa.colon + 1, xu, y, pb.colon + 1, yu) ||
    verrevcmpAt(
      x,
      pa.hyphen >= 0 ? xu + 1 : x.length,
      x.length,
      y,
      pb.hyphen >= 0 ? yu + 1 : y.length,
      y.length,
    )
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
