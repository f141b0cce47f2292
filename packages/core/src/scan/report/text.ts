import type { SeverityLevel } from '../osv/index.js';
import type { ReportFinding, ScanResults, ScanTarget } from './model.js';

/** Colours only through the caller's painter (none when the output is not a terminal). */
export type SeverityPainter = (level: SeverityLevel | 'dim', text: string) => string;
const plain: SeverityPainter = (_l, t) => t;

const STATUS_WORDS: Readonly<Record<string, string>> = {
  will_not_fix: 'will not be fixed',
  fix_deferred: 'fix deferred',
  end_of_life: 'end of life',
  under_investigation: 'under investigation',
};

function findingLine(f: ReportFinding, paint: SeverityPainter): string {
  const v = f.vulnerability;
  const sev = v.severity.score === undefined ? v.severity.level : `${v.severity.level} ${v.severity.score}`;
  const status = f.status === undefined ? undefined : STATUS_WORDS[f.status];
  const fix = v.fixedVersion !== undefined ? `fixed in ${v.fixedVersion}` : (status ?? 'no fix known');
  const via =
    f.package.sourceName !== undefined && f.package.sourceName !== f.package.name
      ? ` (source ${f.package.sourceName})`
      : '';
  const aliases = v.aliases.length > 0 ? ` ${v.aliases.join(', ')}` : '';
  const line = `  ${paint(f.suppressed === undefined ? v.severity.level : 'dim', sev.padEnd(13))} ${f.package.name} ${f.package.version}${via}  ${v.id}${aliases}  ${fix}`;
  if (f.suppressed === undefined) return line;
  const s = f.suppressed;
  const until = s.expires === undefined ? '' : ` until ${s.expires}`;
  return `${line}\n${paint('dim', `      accepted${until} (${s.by === 'openvex' ? 'OpenVEX' : s.by === 'ignore-rule' ? 'ignore rule' : 'CycloneDX analysis'} ${s.source}): ${s.justification}`)}`;
}

function targetBlock(t: ScanTarget, paint: SeverityPainter): string[] {
  const os = t.os?.prettyName ?? t.os?.id ?? 'unknown system';
  const lines = [
    `${t.name} (${os}${t.os?.ecosystem === undefined ? '' : `, ${t.os.ecosystem}`}): ${t.packageCount === undefined ? `${t.packages.length} vulnerable package(s) reported` : `${t.packageCount} packages`}`,
  ];
  if (t.workloads !== undefined && t.workloads.length > 0) lines.push(`  used by ${t.workloads.join(', ')}`);
  if (t.findings.length === 0) lines.push('No known vulnerability.');
  for (const f of t.findings) lines.push(findingLine(f, paint));
  return lines;
}

/** Findings per target, most severe first; accepted ones marked with their rule; a summary line. */
export function renderScanText(results: ScanResults, paint: SeverityPainter = plain): string {
  const lines: string[] = [];
  for (const t of results.targets) lines.push(...targetBlock(t, paint), '');
  for (const r of results.expiredRules) {
    lines.push(
      paint('medium', `expired rule: ${r.id} (${r.source}) expired on ${r.expires}; it no longer applies.`),
    );
  }
  if (results.expiredRules.length > 0) lines.push('');
  const s = results.summary;
  const active = s.findings - s.suppressed;
  lines.push(
    `${active} finding(s): ${s.bySeverity.critical} critical, ${s.bySeverity.high} high, ${s.bySeverity.medium} medium, ${s.bySeverity.low} low, ${s.bySeverity.unknown} unrated` +
      (s.suppressed > 0 ? `; ${s.suppressed} accepted by exceptions or VEX` : '') +
      (s.targets > 1 ? ` (${s.targets} images)` : ''),
  );
  return lines.join('\n');
}
