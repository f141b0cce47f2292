import { formatLocation, type Location } from '../errors/index.js';
import type { ConversionReport, EntryStatus } from './convert.js';

function withoutPath(l: Location): Location {
  const { path: _path, ...rest } = l;
  return rest;
}

const ORDER: Record<EntryStatus, number> = { refused: 0, dropped: 1, approximated: 2, mapped: 3 };

/** The conversion report for people: per service, the most important first. */
export function formatReport(
  report: ConversionReport,
  paint: (status: EntryStatus, text: string) => string = (_, t) => t,
): string {
  const s = report.summary;
  const lines = [
    `Conversion of ${report.files.join(' + ')} (project ${report.project}): ${s.mapped} mapped, ${s.approximated} approximated, ${s.dropped} not carried over, ${s.refused} refused`,
  ];
  const groups = new Map<string, typeof report.entries>();
  for (const e of report.entries) {
    const g = e.service ?? '(project)';
    groups.set(g, [...(groups.get(g) ?? []), e]);
  }
  for (const [group, entries] of [...groups.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    lines.push('', group);
    const sorted = [...entries].sort(
      (a, b) => ORDER[a.status] - ORDER[b.status] || a.key.localeCompare(b.key),
    );
    for (const e of sorted) {
      lines.push(
        `  ${paint(e.status, e.status.padEnd(12))}  ${e.key}: ${e.detail}  (${formatLocation(withoutPath(e.location))})`,
      );
    }
  }
  if (report.renamed.length > 0) {
    lines.push(
      '',
      'Renamed (Kubernetes names are DNS labels):',
      ...report.renamed.map((r) => `  ${r.from} -> ${r.to}`),
    );
  }
  if (report.secrets.length > 0) {
    lines.push(
      '',
      'Secrets (values written apart with mode 0600; never commit them):',
      ...report.secrets.map((x) => `  ${x.secret}: ${x.keys.join(', ')}`),
    );
  }
  if (report.unsetVariables.length > 0) {
    lines.push(
      '',
      'Required inputs: variables listed without a value that nothing sets (the containers do not get them; set them with --env NAME=VALUE or in .env):',
      ...report.unsetVariables.map(
        (v) => `  ${v.variable} (${v.service}, ${formatLocation(withoutPath(v.location))})`,
      ),
    );
  }
  if (report.assumptions.length > 0) {
    lines.push('', 'Assumed (check before deploying):', ...report.assumptions.map((a) => `  ${a}`));
  }
  if (report.undefinedVariables.length > 0) {
    lines.push(
      '',
      'Variables not set (replaced by empty strings, as docker compose does):',
      ...report.undefinedVariables.map((v) => `  ${v.variable} (${formatLocation(v.location)})`),
    );
  }
  return `${lines.join('\n')}\n`;
}
