import { localize, t, tr, type Lang } from '@quai/contracts';
import { formatLocation, type Location } from '../errors/index.js';
import type { ConversionReport, EntryStatus } from './convert.js';
import { compareText } from '../util/index.js';

function withoutPath(l: Location): Location {
  const { path: _path, ...rest } = l;
  return rest;
}

const ORDER: Record<EntryStatus, number> = { refused: 0, dropped: 1, approximated: 2, mapped: 3 };

/** The conversion report for people, in a language: per service, the most important first. */
export function formatReport(
  report: ConversionReport,
  lang: Lang = 'en',
  paint: (status: EntryStatus, text: string) => string = (_, text) => text,
): string {
  const s = report.summary;
  const colon = lang === 'fr' ? ' :' : ':';
  const lines = [
    tr(lang, 'onboard.report.head', {
      files: report.files.join(' + '),
      project: report.project,
      mapped: s.mapped,
      approximated: s.approximated,
      dropped: s.dropped,
      refused: s.refused,
    }),
  ];
  const groups = new Map<string, typeof report.entries>();
  for (const e of report.entries) {
    const g = e.service ?? tr(lang, 'onboard.report.project');
    groups.set(g, [...(groups.get(g) ?? []), e]);
  }
  const width = Math.max(
    ...(['mapped', 'approximated', 'dropped', 'refused'] as const).map((x) => statusWord(lang, x).length),
  );
  for (const [group, entries] of [...groups.entries()].sort(([a], [b]) => compareText(a, b))) {
    lines.push('', group);
    const sorted = [...entries].sort(
      (a, b) => ORDER[a.status] - ORDER[b.status] || compareText(a.key, b.key),
    );
    for (const e of sorted) {
      lines.push(
        `  ${paint(e.status, statusWord(lang, e.status).padEnd(width))}  ${e.key}${colon} ${t(lang, e.detail)}  (${formatLocation(withoutPath(e.location), lang)})`,
      );
    }
  }
  if (report.renamed.length > 0) {
    lines.push(
      '',
      tr(lang, 'onboard.report.renamed'),
      ...report.renamed.map((r) => `  ${r.from} -> ${r.to}`),
    );
  }
  if (report.secrets.length > 0) {
    lines.push(
      '',
      tr(lang, 'onboard.report.secrets'),
      ...report.secrets.map((x) => `  ${x.secret}${colon} ${x.keys.join(', ')}`),
    );
  }
  if (report.unsetVariables.length > 0) {
    lines.push(
      '',
      tr(lang, 'onboard.report.unset'),
      ...report.unsetVariables.map(
        (v) => `  ${v.variable} (${v.service}, ${formatLocation(withoutPath(v.location), lang)})`,
      ),
    );
  }
  if (report.assumptions.length > 0) {
    lines.push('', tr(lang, 'onboard.report.assumed'), ...report.assumptions.map((a) => `  ${t(lang, a)}`));
  }
  if (report.undefinedVariables.length > 0) {
    lines.push(
      '',
      tr(lang, 'onboard.report.undefined'),
      ...report.undefinedVariables.map((v) => `  ${v.variable} (${formatLocation(v.location, lang)})`),
    );
  }
  return `${lines.join('\n')}\n`;
}

function statusWord(lang: Lang, status: EntryStatus): string {
  return tr(lang, `onboard.report.status.${status}`);
}

/**
 * The report as a JSON document in a language (conversion-report.json, `-o json`): each entry
 * keeps its `code` (the message id, stable for scripts) and its `detail` as text.
 */
export function reportJson(report: ConversionReport, lang: Lang): unknown {
  return localize(report, lang);
}
