import { msg } from '@quai/contracts';
import { QuaiError } from '../../errors/index.js';
import { baseEcosystem, schemeForEcosystem, VERSION_SCHEMES } from './ecosystems.js';
import type { Ordering, VersionScheme } from './types.js';

/*
 * OSV range evaluation (OSV schema, "Evaluation" section): events are sorted by version
 * ("introduced": "0" first); walking them in order, `introduced <= v` makes the version
 * affected, `fixed <= v` or `last_affected < v` makes it unaffected again. `limit` events cap the
 * range: a version at or above every limit is never affected. ECOSYSTEM ranges use the ordering
 * of the package's ecosystem, SEMVER ranges Semantic Versioning (Go's variant for Go, which
 * accepts the `v` prefix). GIT ranges name commits: they cannot be evaluated on a version, the
 * record's explicit `versions` list is used instead.
 */

export type RangeEvent =
  | { readonly introduced: string }
  | { readonly fixed: string }
  | { readonly last_affected: string }
  | { readonly limit: string };

export interface Range {
  readonly type: 'SEMVER' | 'ECOSYSTEM' | 'GIT';
  readonly events: readonly RangeEvent[];
}

/** The interval a version was found in. */
export interface AffectedInterval {
  readonly introduced: string;
  readonly fixed?: string;
  readonly lastAffected?: string;
}

export type RangeVerdict =
  { readonly affected: true; readonly interval: AffectedInterval } | { readonly affected: false };

type Kind = 'introduced' | 'fixed' | 'last_affected' | 'limit';
const KIND_RANK: Readonly<Record<Kind, number>> = { introduced: 0, fixed: 1, last_affected: 2, limit: 3 };

function eventOf(e: RangeEvent): { kind: Kind; version: string } {
  if ('introduced' in e) return { kind: 'introduced', version: e.introduced };
  if ('fixed' in e) return { kind: 'fixed', version: e.fixed };
  if ('last_affected' in e) return { kind: 'last_affected', version: e.last_affected };
  return { kind: 'limit', version: e.limit };
}

/** The ordering a range of this type uses in this ecosystem; throws for GIT and unknown ecosystems. */
export function schemeForRange(ecosystem: string, type: Range['type']): VersionScheme {
  if (type === 'SEMVER')
    return baseEcosystem(ecosystem) === 'Go' ? VERSION_SCHEMES.go : VERSION_SCHEMES.semver;
  const scheme = type === 'ECOSYSTEM' ? schemeForEcosystem(ecosystem) : undefined;
  if (scheme === undefined) {
    throw new QuaiError('INPUT_INVALID', msg('scan.version.noOrder', { type, ecosystem }), {
      hint: msg('scan.version.noOrderHint'),
    });
  }
  return scheme;
}

/**
 * Whether `version` falls in the range; throws a QuaiError for a version the ordering refuses.
 *
 * The walk over the sorted events below ends in the state the last event that fires set
 * (`introduced <= v` opens, `fixed <= v` and `last_affected < v` close): so the version is
 * affected when the greatest firing event, in the sort's order, is an `introduced`; the interval
 * closes at the least of the events that do not fire among `fixed` and `last_affected` (they all
 * sort after it). That needs the version compared with each event, and events with each other
 * only when two of them fire, instead of sorting every event first: the same verdict with fewer
 * comparisons (for [introduced, fixed], two instead of three) and no copies of the events. When a
 * comparison throws, the sorting walk runs, for its error.
 */
export function evaluateRange(version: string, range: Range, scheme: VersionScheme): RangeVerdict {
  try {
    return evaluateUnsorted(version, range.events, scheme);
  } catch {
    return evaluateRangeSorted(version, range, scheme);
  }
}

function kindOf(e: RangeEvent): Kind {
  return 'introduced' in e
    ? 'introduced'
    : 'fixed' in e
      ? 'fixed'
      : 'last_affected' in e
        ? 'last_affected'
        : 'limit';
}

function evaluateUnsorted(
  version: string,
  events: readonly RangeEvent[],
  scheme: VersionScheme,
): RangeVerdict {
  let limited = false;
  for (const e of events) {
    if (kindOf(e) !== 'limit') continue;
    const limit = (e as { readonly limit: string }).limit;
    if (limit === '*') continue;
    limited = true;
    if (scheme.compare(version, limit) < 0) {
      limited = false;
      break;
    }
  }
  if (limited) return { affected: false };
  // The greatest firing event, and the least non-firing fixed or last_affected one (by index).
  let top = -1;
  let topKind: Kind = 'limit';
  let topVersion = '';
  let close = -1;
  let closeKind: Kind = 'limit';
  let closeVersion = '';
  // Sort order: `introduced: "0"` first, then by version, then by kind, then as listed.
  const after = (kind: Kind, v: string, i: number, otherKind: Kind, other: string, j: number): boolean => {
    const zero = kind === 'introduced' && v === '0';
    const otherZero = otherKind === 'introduced' && other === '0';
    const c = zero || otherZero ? (zero === otherZero ? 0 : zero ? -1 : 1) : scheme.compare(v, other);
    if (c !== 0) return c > 0;
    if (kind !== otherKind) return KIND_RANK[kind] > KIND_RANK[otherKind];
    return i > j;
  };
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    const kind = kindOf(e);
    if (kind === 'limit') continue;
    const v = (e as Record<Kind, string>)[kind];
    const fires =
      kind === 'introduced'
        ? v === '0' || scheme.compare(version, v) >= 0
        : kind === 'fixed'
          ? scheme.compare(version, v) >= 0
          : scheme.compare(version, v) > 0;
    if (fires) {
      if (top < 0 || after(kind, v, i, topKind, topVersion, top)) {
        top = i;
        topKind = kind;
        topVersion = v;
      }
    } else if (kind !== 'introduced' && (close < 0 || after(closeKind, closeVersion, close, kind, v, i))) {
      close = i;
      closeKind = kind;
      closeVersion = v;
    }
  }
  if (topKind !== 'introduced') return { affected: false };
  return {
    affected: true,
    interval: {
      introduced: topVersion,
      ...(closeKind === 'fixed' ? { fixed: closeVersion } : {}),
      ...(closeKind === 'last_affected' ? { lastAffected: closeVersion } : {}),
    },
  };
}

/** The range evaluation as the OSV schema words it: events sorted, then walked in order. */
export function evaluateRangeSorted(version: string, range: Range, scheme: VersionScheme): RangeVerdict {
  const cmp = (a: string, b: string): Ordering => scheme.compare(a, b);
  const events = range.events.map(eventOf);
  const limits = events.filter((e) => e.kind === 'limit' && e.version !== '*');
  if (limits.length > 0 && !limits.some((l) => cmp(version, l.version) < 0)) return { affected: false };
  const sorted = events
    .filter((e) => e.kind !== 'limit')
    .sort((a, b) => {
      const za = a.kind === 'introduced' && a.version === '0';
      const zb = b.kind === 'introduced' && b.version === '0';
      const c = za || zb ? (za === zb ? 0 : za ? -1 : 1) : cmp(a.version, b.version);
      return c !== 0 ? c : KIND_RANK[a.kind] - KIND_RANK[b.kind];
    });
  let affected = false;
  let openedAt = -1;
  sorted.forEach((e, i) => {
    if (e.kind === 'introduced' && (e.version === '0' || cmp(version, e.version) >= 0)) {
      affected = true;
      openedAt = i;
    } else if (e.kind === 'fixed' && cmp(version, e.version) >= 0) {
      affected = false;
    } else if (e.kind === 'last_affected' && cmp(version, e.version) > 0) {
      affected = false;
    }
  });
  if (!affected) return { affected: false };
  const opened = sorted[openedAt]!;
  const closing = sorted.slice(openedAt + 1).find((e) => e.kind === 'fixed' || e.kind === 'last_affected');
  return {
    affected: true,
    interval: {
      introduced: opened.version,
      ...(closing?.kind === 'fixed' ? { fixed: closing.version } : {}),
      ...(closing?.kind === 'last_affected' ? { lastAffected: closing.version } : {}),
    },
  };
}
