import { msg, type Param } from '@quai/contracts';
import { QuaiError } from '../../errors/index.js';
import { compareBytes, compareDigits, type Ordering, type VersionScheme } from './types.js';

/*
 * Semantic Versioning 2.0.0 precedence (semver.org, section 11), as node-semver's `compare` and
 * Go's golang.org/x/mod/semver apply it: major, minor, patch as numbers; a version with a
 * pre-release sorts before the same version without; pre-release identifiers are compared one by
 * one (numeric ones as numbers, below alphanumeric ones, which compare in ASCII order; a shorter
 * list of equal identifiers sorts first); build metadata is ignored.
 * Numbers are compared exactly at any length (node-semver refuses versions above 2^53 - 1).
 */

interface SemVer {
  readonly major: string;
  readonly minor: string;
  readonly patch: string;
  readonly prerelease: readonly string[];
}

const NUM = '0|[1-9][0-9]*';
const PRE_ID = `(?:0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*)`;
const BUILD_ID = '[0-9A-Za-z-]+';
const SEMVER_RE = new RegExp(
  `^(${NUM})\\.(${NUM})\\.(${NUM})(?:-(${PRE_ID}(?:\\.${PRE_ID})*))?(?:\\+(${BUILD_ID}(?:\\.${BUILD_ID})*))?$`,
);
/** Go also accepts vMAJOR and vMAJOR.MINOR, as shorthands for vMAJOR.0.0 and vMAJOR.MINOR.0. */
const GO_SHORT_RE = new RegExp(`^(${NUM})(?:\\.(${NUM}))?$`);

function parse(text: string): SemVer | undefined {
  const m = SEMVER_RE.exec(text);
  if (m === null) return undefined;
  return {
    major: m[1]!,
    minor: m[2]!,
    patch: m[3]!,
    prerelease: m[4] === undefined ? [] : m[4].split('.'),
  };
}

/** Parses an npm version: node-semver's strict grammar (surrounding spaces and one leading `v` allowed). */
export function parseSemver(version: string): SemVer | undefined {
  const trimmed = version.trim();
  const v = trimmed.startsWith('v') ? trimmed.slice(1) : trimmed;
  if (v.length > 256) return undefined;
  return parse(v);
}

/** Parses a Go module version (`v1.2.3`, `v1.2.3-pre`, pseudo-versions, `+incompatible`); OSV writes them without the `v`. */
export function parseGoVersion(version: string): SemVer | undefined {
  const v = version.startsWith('v') ? version.slice(1) : version;
  const short = GO_SHORT_RE.exec(v);
  if (short !== null) return { major: short[1]!, minor: short[2] ?? '0', patch: '0', prerelease: [] };
  return parse(v);
}

const isNumeric = (id: string): boolean => /^[0-9]+$/.test(id);

function comparePrerelease(a: readonly string[], b: readonly string[]): Ordering {
  if (a.length === 0 || b.length === 0) {
    if (a.length === b.length) return 0;
    return a.length === 0 ? 1 : -1;
  }
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const xn = isNumeric(x);
    const yn = isNumeric(y);
    const c = xn && yn ? compareDigits(x, y) : xn ? -1 : yn ? 1 : compareBytes(x, y);
    if (c !== 0) return c;
  }
  return 0;
}

export function compareParsedSemver(a: SemVer, b: SemVer): Ordering {
  return (
    compareDigits(a.major, b.major) ||
    compareDigits(a.minor, b.minor) ||
    compareDigits(a.patch, b.patch) ||
    comparePrerelease(a.prerelease, b.prerelease)
  );
}

function strict(
  parser: (v: string) => SemVer | undefined,
  what: Param,
  example: string,
): (version: string) => SemVer {
  return (version) => {
    const parsed = parser(version);
    if (parsed === undefined) {
      throw new QuaiError('INPUT_INVALID', msg('scan.version.invalid', { what, version }), {
        hint: msg('scan.version.semverHint', { what, example }),
      });
    }
    return parsed;
  };
}

const npmStrict = strict(parseSemver, 'npm', '1.2.3 or 2.0.0-rc.1');
const goStrict = strict(
  parseGoVersion,
  msg('scan.version.goModule'),
  'v1.2.3 or v0.0.0-20240101120000-abcdef123456',
);

export const semverScheme: VersionScheme = {
  id: 'semver',
  compare: (a, b) => compareParsedSemver(npmStrict(a), npmStrict(b)),
  isValid: (v) => parseSemver(v) !== undefined,
};

export const goScheme: VersionScheme = {
  id: 'go',
  compare: (a, b) => compareParsedSemver(goStrict(a), goStrict(b)),
  isValid: (v) => parseGoVersion(v) !== undefined,
};

/** Whether a Go version is a pseudo-version (vX.Y.Z-[pre.]yyyymmddhhmmss-abcdefabcdef). */
export function isGoPseudoVersion(version: string): boolean {
  return /^v?[0-9]+\.[0-9]+\.[0-9]+-(?:(?:0\.|[0-9A-Za-z-]+\.0\.)?)[0-9]{14}-[0-9a-f]{12}(?:\+[0-9A-Za-z-.]+)?$/.test(
    version,
  );
}
