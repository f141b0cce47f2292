import { msg } from '@quai/contracts';
import { QuaiError } from '../../errors/index.js';
import { evaluateRange, schemeForEcosystem, schemeForRange, type VersionScheme } from '../versions/index.js';
import type { OsvAffected, OsvRecord } from './schema.js';
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

function inVersions(affected: OsvAffected, version: string, scheme: VersionScheme | undefined): boolean {
  for (const v of affected.versions ?? []) {
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

/** Whether one record affects the package, and how; warnings go to `warn`. */
export function matchRecord(
  record: OsvRecord,
  query: PackageQuery,
  warn: (w: string) => void,
  scheme: VersionScheme | undefined = schemeForEcosystem(query.ecosystem),
  name: string = normalizePackageName(query.ecosystem, query.name),
): VulnerabilityMatch | undefined {
  if (record.withdrawn !== undefined) return undefined;
  for (const affected of record.affected ?? []) {
    const pkg = affected.package;
    if (
      pkg === undefined ||
      pkg.ecosystem !== query.ecosystem ||
      normalizePackageName(pkg.ecosystem, pkg.name) !== name
    )
      continue;
    let affectedBy: AffectedBy | undefined = inVersions(affected, query.version, scheme)
      ? { kind: 'version' }
      : undefined;
    let fixedVersion: string | undefined;
    for (const range of affected.ranges ?? []) {
      if (range.type === 'GIT') continue;
      try {
        const verdict = evaluateRange(query.version, range, schemeForRange(query.ecosystem, range.type));
        if (verdict.affected) {
          affectedBy = { kind: 'range', type: range.type, ...verdict.interval };
          fixedVersion = verdict.interval.fixed;
          break;
        }
      } catch (error) {
        if (!(error instanceof QuaiError)) throw error;
        warn(
          `${record.id}: a ${range.type} range of ${pkg.name} could not be evaluated for ${query.version}: ${error.message}`,
        );
      }
    }
    if (affectedBy === undefined) continue;
    const references = (record.references ?? [])
      .filter((r) => r.type === 'ADVISORY' || r.type === 'WEB')
      .map((r) => r.url);
    return {
      id: record.id,
      aliases: record.aliases ?? [],
      ...(record.summary === undefined ? {} : { summary: record.summary }),
      modified: record.modified,
      ...(record.published === undefined ? {} : { published: record.published }),
      ecosystem: query.ecosystem,
      package: query.name,
      installedVersion: query.version,
      affectedBy,
      ...(fixedVersion === undefined ? {} : { fixedVersion }),
      severity: severityOf(record, affected),
      references: references.slice(0, 5),
    };
  }
  return undefined;
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
    for (const record of this.reader.records(query.ecosystem, query.name)) {
      const m = matchRecord(record, query, warn, scheme, name);
      if (m !== undefined) matches.push(m);
    }
    matches.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return Promise.resolve({ matches, warnings });
  }
}
