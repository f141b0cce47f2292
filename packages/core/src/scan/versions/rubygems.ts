import { msg } from '@quai/contracts';
import { invalidVersion } from './invalid.js';
import { compareBytes, compareDigits, type Ordering, type VersionScheme } from './types.js';

/*
 * RubyGems versions, as Gem::Version (rubygems/version.rb) orders them. A version is digits
 * followed by `.`-separated alphanumeric parts, with an optional `-pre` part (a `-` reads as
 * `.pre.`). Parts are runs of digits (numbers) or of letters (strings); any letter makes a
 * prerelease. Comparison uses the canonical segments: trailing zeros dropped from the release part
 * and from the prerelease part (1.0 = 1, 1.0.a = 1.a); then segment by segment, a missing one is
 * 0, a string sorts before a number, strings compare byte-wise, numbers by value.
 */

const VALID =
  /^[ \t\n\v\f\r]*(?:[0-9]+(?:\.[0-9a-zA-Z]+)*(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?)?[ \t\n\v\f\r]*$/;

type Segment = { readonly num: string } | string;

const isZero = (s: Segment): boolean => typeof s !== 'string' && /^0+$/.test(s.num);

function canonicalSegments(version: string): Segment[] {
  const text = version.trim().replace(/-/g, '.pre.') || '0';
  const segments: Segment[] = (text.match(/[0-9]+|[a-z]+/gi) ?? []).map((s) =>
    /^[0-9]/.test(s) ? { num: s } : s,
  );
  const firstString = segments.findIndex((s) => typeof s === 'string');
  const release = firstString < 0 ? segments : segments.slice(0, firstString);
  const pre = firstString < 0 ? [] : segments.slice(firstString);
  const trim = (xs: Segment[]): Segment[] => {
    let end = xs.length;
    while (end > 0 && isZero(xs[end - 1]!)) end--;
    return xs.slice(0, end);
  };
  return [...trim(release), ...trim(pre)];
}

export function compareRubyGems(a: string, b: string): Ordering {
  for (const v of [a, b]) {
    if (!VALID.test(v)) throw invalidVersion('RubyGems', v, msg('scan.version.rubygemsHint'));
  }
  if (a.trim() === b.trim()) return 0;
  const x = canonicalSegments(a);
  const y = canonicalSegments(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const l = x[i] ?? { num: '0' };
    const r = y[i] ?? { num: '0' };
    const ls = typeof l === 'string';
    const rs = typeof r === 'string';
    if (ls && rs) {
      const c = compareBytes(l, r);
      if (c !== 0) return c;
    } else if (!ls && !rs) {
      const c = compareDigits(l.num, r.num);
      if (c !== 0) return c;
    } else return ls ? -1 : 1;
  }
  return 0;
}

export const rubygemsScheme: VersionScheme = {
  id: 'rubygems',
  compare: compareRubyGems,
  isValid: (v) => VALID.test(v),
};
