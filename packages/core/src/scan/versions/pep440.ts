import { msg } from '@quai/contracts';
import { QuaiError } from '../../errors/index.js';
import { compareBytes, compareDigits, type Ordering, type VersionScheme } from './types.js';

/*
 * Python versions, as PEP 440 and the `packaging` library (packaging.version.Version) order them:
 * [N!]N(.N)*[{a|b|rc}N][.postN][.devN][+local]. Parsing normalises spellings (alpha -> a,
 * beta -> b, c/pre/preview -> rc, rev/r/-N -> post, `-`/`_`/`.` separators, case, an implicit 0).
 * Order: epoch; release with trailing zeros dropped (1.0 == 1.0.0); then pre-release (a dev
 * release with neither pre nor post sorts before any pre-release of the same release, and no
 * pre-release sorts after them all); post-release (none first); dev release (none last); local
 * version (none first; segments compared one by one, numbers above strings).
 */

const PATTERN = new RegExp(
  '^\\s*v?' +
    '(?:([0-9]+)!)?' + // epoch
    '([0-9]+(?:\\.[0-9]+)*)' + // release
    '(?:[-_.]?(alpha|a|beta|b|preview|pre|c|rc)[-_.]?([0-9]+)?)?' + // pre
    '(?:(?:-([0-9]+))|(?:[-_.]?(post|rev|r)[-_.]?([0-9]+)?))?' + // post
    '(?:[-_.]?(dev)[-_.]?([0-9]+)?)?' + // dev
    '(?:\\+([a-z0-9]+(?:[-_.][a-z0-9]+)*))?' + // local
    '\\s*$',
  'i',
);

type PreLabel = 'a' | 'b' | 'rc';

export interface Pep440Version {
  readonly epoch: string;
  readonly release: readonly string[];
  readonly pre: { readonly label: PreLabel; readonly n: string } | undefined;
  readonly post: string | undefined;
  readonly dev: string | undefined;
  readonly local: readonly string[] | undefined;
}

export function parsePep440(version: string): Pep440Version | undefined {
  const m = PATTERN.exec(version);
  if (m === null) return undefined;
  const preL = m[3]?.toLowerCase();
  const label: PreLabel | undefined =
    preL === undefined
      ? undefined
      : preL === 'alpha' || preL === 'a'
        ? 'a'
        : preL === 'beta' || preL === 'b'
          ? 'b'
          : 'rc';
  return {
    epoch: m[1] ?? '0',
    release: m[2]!.split('.'),
    pre: label === undefined ? undefined : { label, n: m[4] ?? '0' },
    post: m[5] ?? (m[6] === undefined ? undefined : (m[7] ?? '0')),
    dev: m[8] === undefined ? undefined : (m[9] ?? '0'),
    local: m[10]?.toLowerCase().split(/[-_.]/),
  };
}

/** The normalised form, as `str(packaging.version.Version(v))` prints it. */
export function normalizePep440(version: string): string {
  const v = strictParse(version);
  const num = (d: string): string => d.replace(/^0+(?=.)/, '');
  let out = v.epoch === '0' || num(v.epoch) === '0' ? '' : `${num(v.epoch)}!`;
  out += v.release.map(num).join('.');
  if (v.pre !== undefined) out += `${v.pre.label}${num(v.pre.n)}`;
  if (v.post !== undefined) out += `.post${num(v.post)}`;
  if (v.dev !== undefined) out += `.dev${num(v.dev)}`;
  if (v.local !== undefined) out += `+${v.local.map((s) => (/^[0-9]+$/.test(s) ? num(s) : s)).join('.')}`;
  return out;
}

function strictParse(version: string): Pep440Version {
  const v = parsePep440(version);
  if (v === undefined) {
    throw new QuaiError('INPUT_INVALID', msg('scan.version.invalid', { what: 'Python (PEP 440)', version }), {
      hint: msg('scan.version.pep440Hint'),
    });
  }
  return v;
}

function compareRelease(a: readonly string[], b: readonly string[]): Ordering {
  const trim = (r: readonly string[]): readonly string[] => {
    let n = r.length;
    while (n > 1 && /^0+$/.test(r[n - 1]!)) n--;
    return r.slice(0, n);
  };
  const x = trim(a);
  const y = trim(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const c = compareDigits(x[i] ?? '0', y[i] ?? '0');
    if (c !== 0) return c;
  }
  return 0;
}

const PRE_RANK: Record<PreLabel, number> = { a: 0, b: 1, rc: 2 };

/** The pre-release key: -1 for "dev only" (before every pre-release), +1 for none (after them). */
function comparePre(a: Pep440Version, b: Pep440Version): Ordering {
  const key = (v: Pep440Version): number =>
    v.pre !== undefined ? 0 : v.post === undefined && v.dev !== undefined ? -1 : 1;
  const ka = key(a);
  const kb = key(b);
  if (ka !== kb) return ka < kb ? -1 : 1;
  if (a.pre === undefined || b.pre === undefined) return 0;
  const r = PRE_RANK[a.pre.label] - PRE_RANK[b.pre.label];
  if (r !== 0) return r < 0 ? -1 : 1;
  return compareDigits(a.pre.n, b.pre.n);
}

/** Missing values sort first (`missingFirst`) or last. */
function compareOptional(a: string | undefined, b: string | undefined, missingFirst: boolean): Ordering {
  if (a === undefined || b === undefined) {
    if (a === b) return 0;
    return (a === undefined) === missingFirst ? -1 : 1;
  }
  return compareDigits(a, b);
}

function compareLocal(a: readonly string[] | undefined, b: readonly string[] | undefined): Ordering {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? -1 : 1;
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const xn = /^[0-9]+$/.test(x);
    const yn = /^[0-9]+$/.test(y);
    const c = xn && yn ? compareDigits(x, y) : xn ? 1 : yn ? -1 : compareBytes(x, y);
    if (c !== 0) return c;
  }
  return 0;
}

export function comparePep440(a: string, b: string): Ordering {
  const x = strictParse(a);
  const y = strictParse(b);
  return (
    compareDigits(x.epoch, y.epoch) ||
    compareRelease(x.release, y.release) ||
    comparePre(x, y) ||
    compareOptional(x.post, y.post, true) ||
    compareOptional(x.dev, y.dev, false) ||
    compareLocal(x.local, y.local)
  );
}

export const pep440Scheme: VersionScheme = {
  id: 'pep440',
  compare: comparePep440,
  isValid: (v) => parsePep440(v) !== undefined,
};
