import type { ExpiredRule, ReportFinding, ScanTarget, Suppression } from '../report/model.js';
import { globMatch, isExpired, type IgnoreRule } from './ignore.js';
import { statementApplies, type VexStatement } from './openvex.js';
import { purlMatches } from './purl.js';

/*
 * Applies ignore rules and VEX statements to findings. A matching finding is marked suppressed
 * (kept, with the rule that accepted it); an expired rule applies to nothing and is returned so
 * the report lists it. VEX statements are applied first (they state facts about the product),
 * then ignore rules (accepted risks).
 */

export interface ExceptionSet {
  readonly rules?: readonly IgnoreRule[];
  readonly statements?: readonly VexStatement[];
  readonly now?: Date;
}

function ruleApplies(rule: IgnoreRule, t: ScanTarget, f: ReportFinding): boolean {
  const ids = [f.vulnerability.id, ...f.vulnerability.aliases];
  if (!ids.includes(rule.id)) return false;
  if (rule.package !== undefined) {
    const p = rule.package;
    const ok = p.startsWith('pkg:')
      ? purlMatches(p, f.package.purl)
      : p === f.package.name || p === f.package.sourceName;
    if (!ok) return false;
  }
  if (rule.image !== undefined) {
    const names = [t.name, ...(t.digest === undefined ? [] : [t.digest, `${t.name}@${t.digest}`])];
    if (!names.some((n) => globMatch(rule.image ?? '', n))) return false;
  }
  return true;
}

function vexSuppression(s: VexStatement): Suppression | undefined {
  if (s.status !== 'not_affected' && s.status !== 'fixed') return undefined;
  return {
    by: 'openvex',
    justification: s.text,
    source: s.source,
    author: s.author,
    vexStatus: s.status,
    ...(s.justification === undefined ? {} : { vexJustification: s.justification }),
  };
}

export function applyExceptions(
  targets: readonly ScanTarget[],
  set: ExceptionSet,
): { targets: ScanTarget[]; expiredRules: ExpiredRule[] } {
  const now = set.now ?? new Date();
  const rules = set.rules ?? [];
  const live = rules.filter((r) => !isExpired(r, now));
  const expiredRules = rules
    .filter((r) => isExpired(r, now))
    .map((r) => ({ id: r.id, expires: r.expires, source: r.source, justification: r.justification }));
  // Latest statement wins: stable sort by timestamp, later document order breaking ties.
  const statements = [...(set.statements ?? [])]
    .map((s, i) => ({ s, i }))
    .sort((a, b) => (a.s.timestamp < b.s.timestamp ? -1 : a.s.timestamp > b.s.timestamp ? 1 : a.i - b.i))
    .map((x) => x.s);
  const out = targets.map((t) => ({
    ...t,
    findings: t.findings.map((f): ReportFinding => {
      if (f.suppressed !== undefined) return f;
      let vex: VexStatement | undefined;
      for (const s of statements) if (statementApplies(s, t, f)) vex = s;
      const fromVex = vex === undefined ? undefined : vexSuppression(vex);
      if (fromVex !== undefined) return { ...f, suppressed: fromVex };
      const rule = live.find((r) => ruleApplies(r, t, f));
      if (rule === undefined) return f;
      return {
        ...f,
        suppressed: {
          by: 'ignore-rule',
          justification: rule.justification,
          source: rule.source,
          expires: rule.expires,
          ...(rule.by === undefined ? {} : { author: rule.by }),
        },
      };
    }),
  }));
  return { targets: out, expiredRules };
}
