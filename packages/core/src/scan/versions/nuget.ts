import { msg } from '@quai/contracts';
import { invalidVersion } from './invalid.js';
import { compareBytes, compareDigits, type Ordering, type VersionScheme } from './types.js';

/*
 * NuGet versions, as NuGet.Versioning's default VersionComparer orders them: up to four numbers
 * (major.minor.patch.revision, missing ones are 0, each a 32-bit integer), then a release sorts
 * after its prereleases; prerelease labels compare one by one, a label that parses as a 32-bit
 * integer (int.TryParse: so "-1" is -1) by value and before any other label, other labels
 * case-insensitively (OrdinalIgnoreCase); fewer labels sort first. Build metadata is ignored.
 */

const LABEL = '[0-9A-Za-z-]+';
const NUGET_RE = new RegExp(
  `^([0-9]+(?:\\.[0-9]+){0,3})(?:-(${LABEL}(?:\\.${LABEL})*))?(?:\\+(${LABEL}(?:\\.${LABEL})*))?$`,
);
const INT_MAX = 2147483647n;

interface NuGetVersion {
  readonly parts: readonly string[];
  readonly labels: readonly string[];
}

function parse(version: string): NuGetVersion | undefined {
  const m = NUGET_RE.exec(version.trim());
  if (m === null) return undefined;
  const parts = m[1]!.split('.');
  if (parts.some((p) => BigInt(p) > INT_MAX)) return undefined;
  while (parts.length < 4) parts.push('0');
  return { parts, labels: m[2] === undefined ? [] : m[2].split('.') };
}

/** int.TryParse on a label: an optional minus sign and digits, within 32 bits. */
function asInt(label: string): bigint | undefined {
  if (!/^-?[0-9]+$/.test(label)) return undefined;
  const n = BigInt(label);
  return n > INT_MAX || n < -INT_MAX - 1n ? undefined : n;
}

function compareLabel(a: string, b: string): Ordering {
  const x = asInt(a);
  const y = asInt(b);
  if (x !== undefined && y !== undefined) return x < y ? -1 : x > y ? 1 : 0;
  if (x !== undefined) return -1;
  if (y !== undefined) return 1;
  return compareBytes(a.toUpperCase(), b.toUpperCase());
}

export function compareNuGet(a: string, b: string): Ordering {
  const x = parse(a);
  const y = parse(b);
  for (const [v, p] of [
    [a, x],
    [b, y],
  ] as const) {
    if (p === undefined) throw invalidVersion('NuGet', v, msg('scan.version.nugetHint'));
  }
  for (let i = 0; i < 4; i++) {
    const c = compareDigits(x!.parts[i]!, y!.parts[i]!);
    if (c !== 0) return c;
  }
  const la = x!.labels;
  const lb = y!.labels;
  if (la.length === 0 || lb.length === 0) return la.length === lb.length ? 0 : la.length === 0 ? 1 : -1;
  for (let i = 0; i < Math.max(la.length, lb.length); i++) {
    if (i >= la.length) return -1;
    if (i >= lb.length) return 1;
    const c = compareLabel(la[i]!, lb[i]!);
    if (c !== 0) return c;
  }
  return 0;
}

export const nugetScheme: VersionScheme = {
  id: 'nuget',
  compare: compareNuGet,
  isValid: (v) => parse(v) !== undefined,
};
