import { msg } from '@quai/contracts';
import { QuaiError } from '../../errors/index.js';
import {
  evaluateRange,
  schemeForEcosystem,
  schemeForRange,
  type Range,
  type VersionScheme,
} from '../versions/index.js';
import { detailsOf, type IndexedRange, type IndexedRecord, type RecordDetails } from './match-index.js';
import type { OsvRecord } from './schema.js';
import { severityOf, type Severity } from './severity.js';
import { normalizePackageName, StoreReader } from './store.js';

/*
 * Matching an installed package against the store: the records of its (ecosystem, name), minus
 * withdrawn ones; an affected entry matches when the version is in its explicit `versions` list
 * or inside one of its SEMVER / ECOSYSTEM ranges (evaluated with the ecosystem's own ordering).
 * A record gives at most one match per package. Ranges that cannot be evaluated (a version the
 * ordering refuses, an ecosystem Quai cannot order) are reported as warnings, never silently
 * dropped.
 */

export interface PackageQuery {
  /** OSV ecosystem, with the release for distributions: `Debian:12`, `Alpine:v3.20`, `npm`, `PyPI`. */
  readonly ecosystem: string;
  readonly name: string;
  readonly version: string;
}

export type AffectedBy =
  | {
      readonly kind: 'range';
      readonly type: 'SEMVER' | 'ECOSYSTEM';
      readonly introduced: string;
      readonly fixed?: string;
      readonly lastAffected?: string;
    }
  | { readonly kind: 'version' };

export interface VulnerabilityMatch {
  readonly id: string;
  readonly aliases: readonly string[];
  readonly summary?: string;
  readonly modified: string;
  readonly published?: string;
  readonly ecosystem: string;
  readonly package: string;
  readonly installedVersion: string;
  readonly affectedBy: AffectedBy;
  /** The first version that fixes it, when the record names one. */
  readonly fixedVersion?: string;
  readonly severity: Severity;
  readonly references: readonly string[];
}

export interface MatchResult {
  readonly matches: readonly VulnerabilityMatch[];
  readonly warnings: readonly string[];
}

/**
 * The OSV ecosystem of a distribution release, from os-release's ID, VERSION_ID and VERSION
 * (Ubuntu's long-term releases are `Ubuntu:22.04:LTS`).
 */
export function distroEcosystem(id: string, versionId: string, version = ''): string | undefined {
  switch (id) {
    case 'ubuntu':
      return /^\d+\.\d+$/.test(versionId)
        ? `Ubuntu:${versionId}${/\bLTS\b/.test(version) ? ':LTS' : ''}`
        : undefined;
    case 'debian': {
      const major = /^(\d+)/.exec(versionId)?.[1];
      return major === undefined ? undefined : `Debian:${major}`;
    }
    case 'alpine': {
      const m = /^(\d+)\.(\d+)/.exec(versionId);
      return m === null ? undefined : `Alpine:v${m[1]}.${m[2]}`;
    }
    default:
      return undefined;
  }
}

function inVersions(
  versions: readonly string[],
  version: string,
  scheme: VersionScheme | undefined,
): boolean {
  for (const v of versions) {
    if (v === version) return true;
    if (scheme === undefined) continue;
    try {
      if (scheme.compare(v, version) === 0) return true;
    } catch {
      // a listed version the ordering refuses: only exact spelling can match it
    }
  }
  return false;
}

interface Hit {
  readonly index: number;
  readonly affectedBy: AffectedBy;
  readonly fixedVersion?: string;
}

/** Whether one affected entry covers the version, and how (the same rules for records and index entries). */
function hitOf(
  id: string,
  index: number,
  name: string,
  versions: readonly string[],
  ranges: readonly (Range | IndexedRange)[],
  query: PackageQuery,
  warn: (w: string) => void,
  scheme: VersionScheme | undefined,
): Hit | undefined {
  let affectedBy: AffectedBy | undefined = inVersions(versions, query.version, scheme)
    ? { kind: 'version' }
    : undefined;
  let fixedVersion: string | undefined;
  for (const r of ranges) {
    // An index entry's range is [type, events] (GIT ranges left out by the import).
    const range: Range = 'type' in r ? r : { type: r[0], events: r[1] };
    const rangeType = range.type;
    if (rangeType === 'GIT') continue;
    const type = rangeType;
    try {
      const verdict = evaluateRange(query.version, range, schemeForRange(query.ecosystem, type));
      if (verdict.affected) {
        affectedBy = { kind: 'range', type, ...verdict.interval };
        fixedVersion = verdict.interval.fixed;
        break;
      }
    } catch (error) {
      if (!(error instanceof QuaiError)) throw error;
      warn(
        `${id}: a ${rangeType} range of ${name} could not be evaluated for ${query.version}: ${error.message}`,
      );
    }
  }
  return affectedBy === undefined
    ? undefined
    : { index, affectedBy, ...(fixedVersion === undefined ? {} : { fixedVersion }) };
}

/** The first affected entry of a record that covers the version. */
function firstHit(
  record: OsvRecord,
  ecosystem: string,
  name: string,
  query: PackageQuery,
  warn: (w: string) => void,
  scheme: VersionScheme | undefined,
): Hit | undefined {
  const affected = record.affected ?? [];
  for (let index = 0; index < affected.length; index++) {
    const pkg = affected[index]!.package;
    if (
      pkg === undefined ||
      pkg.ecosystem !== ecosystem ||
      normalizePackageName(pkg.ecosystem, pkg.name) !== name
    )
      continue;
    const a = affected[index]!;
    const hit = hitOf(record.id, index, pkg.name, a.versions ?? [], a.ranges ?? [], query, warn, scheme);
    if (hit !== undefined) return hit;
  }
  return undefined;
}

/** The first affected entry of an index entry that covers the version. */
function firstIndexedHit(
  entry: IndexedRecord,
  name: string,
  query: PackageQuery,
  warn: (w: string) => void,
  scheme: VersionScheme | undefined,
): Hit | undefined {
  for (const [index, spelled, versions, ranges] of entry[1]) {
    const hit = hitOf(
      entry[0],
      index,
      spelled === 0 ? name : spelled,
      versions === 0 ? [] : versions,
      ranges,
      query,
      warn,
      scheme,
    );
    if (hit !== undefined) return hit;
  }
  return undefined;
}

function matchOf(
  id: string,
  details: Omit<RecordDetails, 'severity'>,
  severity: Severity,
  query: PackageQuery,
  hit: Hit,
): VulnerabilityMatch {
  return {
    id,
    aliases: details.aliases,
    ...(details.summary === undefined ? {} : { summary: details.summary }),
    modified: details.modified,
    ...(details.published === undefined ? {} : { published: details.published }),
    ecosystem: query.ecosystem,
    package: query.name,
    installedVersion: query.version,
    affectedBy: hit.affectedBy,
    ...(hit.fixedVersion === undefined ? {} : { fixedVersion: hit.fixedVersion }),
    severity,
    references: details.references,
  };
}

/** Whether one record affects the package, and how; warnings go to `warn`. */
export function matchRecord(
  record: OsvRecord,
  query: PackageQuery,
  warn: (w: string) => void,
  scheme: VersionScheme | undefined = schemeForEcosystem(query.ecosystem),
  name: string = normalizePackageName(query.ecosystem, query.name),
): VulnerabilityMatch | undefined {
  if (record.withdrawn !== undefined) return undefined;
  const hit = firstHit(record, query.ecosystem, name, query, warn, scheme);
  if (hit === undefined) return undefined;
  const details = detailsOf(record, []);
  return matchOf(record.id, details, severityOf(record, record.affected?.[hit.index]), query, hit);
}

/** A read-only view of a store for matching; what it reads is kept for the next queries. */
export class VulnDb {
  private constructor(
    readonly dir: string,
    private readonly reader: StoreReader,
  ) {}

  /** Opens a store; refuses an empty or missing one, since it would report no vulnerability at all. */
  static async open(dir: string): Promise<VulnDb> {
    const reader = await StoreReader.open(dir);
    if (reader === undefined || reader.meta.records === 0) {
      throw new QuaiError('PREREQUISITE_MISSING', msg('scan.osv.noData', { dir }), {
        hint: msg('scan.osv.noDataHint'),
        location: { file: dir },
      });
    }
    return new VulnDb(dir, reader);
  }

  /** The records of the package that affect its version (a promise: stores may read lazily). */
  match(query: PackageQuery): Promise<MatchResult> {
    try {
      return Promise.resolve(this.matchNow(query));
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  private matchNow(query: PackageQuery): MatchResult {
    const warnings: string[] = [];
    const scheme = schemeForEcosystem(query.ecosystem);
    if (scheme !== undefined && !scheme.isValid(query.version)) {
      warnings.push(
        `${query.name} ${query.version}: not a valid ${scheme.id} version; ranges may not evaluate.`,
      );
    }
    const matches: VulnerabilityMatch[] = [];
    const name = normalizePackageName(query.ecosystem, query.name);
    const warn = (w: string): void => {
      warnings.push(w);
    };
    const index = this.reader.matchIndex(query.ecosystem);
    if (index === undefined) {
      // A store written before the matching index: the records themselves.
      for (const record of this.reader.records(query.ecosystem, query.name)) {
        const m = matchRecord(record, query, warn, scheme, name);
        if (m !== undefined) matches.push(m);
      }
    } else if (index !== null) {
      const hits: [IndexedRecord, Hit][] = [];
      for (const entry of index.lookup(name) ?? []) {
        const hit = firstIndexedHit(entry, name, query, warn, scheme);
        if (hit !== undefined) hits.push([entry, hit]);
      }
      // Details only for the records that match.
      const details = index.details(hits.map(([entry]) => entry));
      hits.forEach(([entry, hit], k) => {
        const d = details[k]!;
        const severity = Object.hasOwn(d.severity, hit.index) ? d.severity[hit.index] : undefined;
        matches.push(matchOf(entry[0], d, severity ?? { level: 'unknown', source: 'none' }, query, hit));
      });
    }
    matches.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return { matches, warnings };
  }
}
