import { z } from 'zod';
import { msg, type Message } from '@quai/contracts';
import { QuaiError } from '../../errors/index.js';
import { formatPath, lazily } from '../../util/index.js';
import { distroEcosystem, levelOfScore, type Severity, type SeverityLevel } from '../osv/index.js';
import { FINDING_STATUSES, type FindingStatus, type ReportPackage } from '../report/model.js';
import { parsePurl } from '../exceptions/purl.js';

/** Validates an input report; a malformed one is an error naming the file and the JSON path. */
export function validate<T>(schema: z.ZodType<T>, value: unknown, file: string, what: Message): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = formatPath((issue?.path ?? []).filter((k): k is string | number => typeof k !== 'symbol'));
  throw new QuaiError(
    'INPUT_INVALID',
    msg('scan.ingest.invalid', {
      what,
      file,
      path,
      reason: issue?.message ?? msg('scan.ingest.invalidReason'),
    }),
    {
      location: { file, path },
      hint: msg('scan.ingest.invalidHint', { what }),
    },
  );
}

const LANGUAGE_ECOSYSTEMS: Readonly<Record<string, string>> = {
  npm: 'npm',
  pypi: 'PyPI',
  golang: 'Go',
  maven: 'Maven',
  gem: 'RubyGems',
  cargo: 'crates.io',
  nuget: 'NuGet',
  composer: 'Packagist',
  hex: 'Hex',
  pub: 'Pub',
};

export interface OsInfo {
  readonly id: string;
  readonly versionId: string;
}

/** The OSV ecosystem of a package from its purl type and the image's system. */
export function ecosystemOf(purlType: string, os: OsInfo | undefined): string {
  const lang = LANGUAGE_ECOSYSTEMS[purlType];
  if (lang !== undefined) return lang;
  if (os !== undefined) {
    const major = os.id === 'debian' ? (os.versionId.split('.')[0] ?? os.versionId) : os.versionId;
    return distroEcosystem(os.id, major) ?? os.id;
  }
  return purlType;
}

const TYPE_OF_OS: Readonly<Record<string, string>> = {
  debian: 'deb',
  ubuntu: 'deb',
  alpine: 'apk',
  wolfi: 'apk',
  chainguard: 'apk',
  redhat: 'rpm',
  centos: 'rpm',
  rocky: 'rpm',
  almalinux: 'rpm',
  fedora: 'rpm',
  amazon: 'rpm',
  oracle: 'rpm',
  'opensuse.leap': 'rpm',
  sles: 'rpm',
  photon: 'rpm',
  'cbl-mariner': 'rpm',
  azurelinux: 'rpm',
};

/** Trivy result types and purl types are the same words for languages, the distro for packages. */
export function purlTypeOf(kindOrOs: string): string {
  const t = kindOrOs.toLowerCase();
  if (TYPE_OF_OS[t] !== undefined) return TYPE_OF_OS[t];
  if (t === 'gomod' || t === 'gobinary') return 'golang';
  if (t === 'jar' || t === 'pom' || t === 'gradle') return 'maven';
  if (t === 'pip' || t === 'pipenv' || t === 'poetry' || t === 'python-pkg' || t === 'uv') return 'pypi';
  if (t === 'node-pkg' || t === 'yarn' || t === 'pnpm' || t === 'bun') return 'npm';
  if (t === 'gemspec' || t === 'bundler') return 'gem';
  return t;
}

/** A package URL when the report gives none: type from the system or the language. */
export function makePurl(type: string, name: string, version: string, os: OsInfo | undefined): string {
  const enc = encodeURIComponent;
  const ns = type === 'deb' || type === 'apk' || type === 'rpm' ? `${enc(os?.id ?? type)}/` : '';
  const distro = os !== undefined && ns !== '' ? `?distro=${enc(`${os.id}-${os.versionId}`)}` : '';
  const n = type === 'npm' && name.startsWith('@') ? name.split('/').map(enc).join('/') : enc(name);
  return `pkg:${type}/${ns}${n}@${enc(version)}${distro}`;
}

export function makePackage(
  name: string,
  version: string,
  purl: string | undefined,
  fallbackType: string,
  os: OsInfo | undefined,
  location?: string,
): ReportPackage {
  const type = (purl === undefined ? undefined : parsePurl(purl)?.type) ?? fallbackType;
  return {
    kind: type,
    ecosystem: ecosystemOf(type, os),
    name,
    version,
    purl: purl ?? makePurl(type, name, version, os),
    locations: location === undefined || location === '' ? [] : [location],
  };
}

export function levelOfWord(word: string | undefined): SeverityLevel {
  switch ((word ?? '').toLowerCase()) {
    case 'critical':
      return 'critical';
    case 'high':
      return 'high';
    case 'medium':
    case 'moderate':
      return 'medium';
    case 'low':
      return 'low';
    case 'info':
    case 'none':
    case 'negligible':
      return 'none';
    default:
      return 'unknown';
  }
}

/** Trivy's per-vendor CVSS object (in its JSON reports and in Trivy Operator's reports). */
export const cvssEntrySchema = lazily(() =>
  z
    .object({
      V2Vector: z.string().optional(),
      V3Vector: z.string().optional(),
      V40Vector: z.string().optional(),
      V2Score: z.number().optional(),
      V3Score: z.number().optional(),
      V40Score: z.number().optional(),
    })
    .loose(),
);
export type CvssEntry = z.infer<ReturnType<typeof cvssEntrySchema>>;

/** Trivy's per-vendor CVSS (V4 first, then V3, then V2) as ratings. */
export function cvssRatings(cvss: Readonly<Record<string, CvssEntry>> | undefined): Severity[] {
  const out: Severity[] = [];
  for (const [vendor, c] of Object.entries(cvss ?? {})) {
    const score = c.V40Score ?? c.V3Score ?? c.V2Score;
    const vector = c.V40Score !== undefined ? c.V40Vector : c.V3Score !== undefined ? c.V3Vector : c.V2Vector;
    if (score === undefined) continue;
    out.push({
      level: levelOfScore(score),
      source: vendor,
      score,
      ...(vector === undefined ? {} : { vector }),
    });
  }
  return out;
}

const STATUSES: ReadonlySet<string> = new Set(FINDING_STATUSES.filter((s) => s !== 'unknown'));

export function statusOf(word: string | undefined, fixed: string | undefined): FindingStatus | undefined {
  if (word !== undefined && STATUSES.has(word)) return word as FindingStatus;
  if (word !== undefined && word !== '') return 'unknown';
  return fixed === undefined ? undefined : 'fixed';
}

/** `registry/repo@sha256:...` → `sha256:...`. */
export function digestIn(ref: string): string | undefined {
  return /@(sha256:[0-9a-f]{64})$/.exec(ref)?.[1];
}

/** "Upgrade apt from 1.4.8 to 1.4.9", "Upgrade x to version 2.0" → the version. */
export function fixedFromText(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  // Several fixed lines ("to version 6.0.3.1, 5.2.4.3"): the first named is kept.
  return /\bto (?:version )?([^\s,]+)/.exec(text)?.[1]?.replace(/\.$/, '');
}

export function nonEmpty(s: string | undefined | null): string | undefined {
  return s === undefined || s === null || s.trim() === '' ? undefined : s;
}
