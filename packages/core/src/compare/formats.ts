import type { CompareData } from '@quai/contracts';
import type { Ranking, Sensitivity } from './engine.js';

export type Lang = 'en' | 'fr';

const TEXT = {
  en: {
    rank: 'rank',
    option: 'option',
    total: 'score /5',
    weights: 'Weights:',
    winner: (name: string, total: string, next: string, margin: string) =>
      next === ''
        ? `Winner: ${name} (${total} / 5).`
        : `Winner: ${name} (${total} / 5), ahead of ${next} by ${margin}.`,
    tie: (names: string) => `Tie at the top: ${names}.`,
    sensitivity: 'Sensitivity (one weight moved, the others unchanged)',
    below: (w: string, rival: string) => `below ${w}, ${rival} wins`,
    above: (w: string, rival: string) => `above ${w}, ${rival} wins`,
    stable: (max: string) => `no weight from 0 to ${max} changes the winner`,
    closest: (c: string, from: string, to: string, rival: string) =>
      `Smallest single change that changes the winner: ${c} from ${from} to ${to} (${rival} wins).`,
    robust: 'No single weight change (0 to 100) changes the winner.',
    criterion: 'criterion',
    score: 'score',
    basis: 'basis',
    why: 'why',
    sources: 'sources',
    source: 'source',
    judgement: 'judgement',
    scores: 'Scores, reasons and sources',
    sourceList: 'Sources',
    accessed: 'read',
    published: 'published',
    title: 'Comparison of orchestrators',
    reviewed: 'Scores reviewed',
  },
  fr: {
    rank: 'rang',
    option: 'option',
    total: 'note /5',
    weights: 'Poids :',
    winner: (name: string, total: string, next: string, margin: string) =>
      next === ''
        ? `Solution retenue : ${name} (${total} / 5).`
        : `Solution retenue : ${name} (${total} / 5), devant ${next} de ${margin}.`,
    tie: (names: string) => `Égalité en tête : ${names}.`,
    sensitivity: 'Sensibilité (un poids modifié, les autres inchangés)',
    below: (w: string, rival: string) => `en dessous de ${w}, ${rival} l'emporte`,
    above: (w: string, rival: string) => `au-dessus de ${w}, ${rival} l'emporte`,
    stable: (max: string) => `aucun poids de 0 à ${max} ne change la solution retenue`,
    closest: (c: string, from: string, to: string, rival: string) =>
      `Plus petit changement d'un seul poids qui change la solution retenue : ${c} de ${from} à ${to} (${rival} l'emporte).`,
    robust: "Aucun changement d'un seul poids (de 0 à 100) ne change la solution retenue.",
    criterion: 'critère',
    score: 'note',
    basis: 'fondement',
    why: 'justification',
    sources: 'sources',
    source: 'source',
    judgement: 'appréciation',
    scores: 'Notes, justifications et sources',
    sourceList: 'Sources',
    accessed: 'lu le',
    published: 'publié',
    title: 'Comparaison des orchestrateurs',
    reviewed: 'Notes revues le',
  },
} as const;

/** 4.5263 -> "4.53" (en) or "4,53" (fr). */
export function formatNumber(n: number, lang: Lang, decimals = 2): string {
  const s = (Math.round(n * 10 ** decimals) / 10 ** decimals).toFixed(decimals).replace(/\.?0+$/, '');
  const fixed = s === '' || s === '-' ? '0' : s;
  return lang === 'fr' ? fixed.replace('.', ',') : fixed;
}

const totalOf = (n: number, lang: Lang): string => {
  const s = (Math.round(n * 100) / 100).toFixed(2);
  return lang === 'fr' ? s.replace('.', ',') : s;
};

function nameOf(data: CompareData, id: string, lang: Lang): string {
  return data.options.find((o) => o.id === id)?.name[lang] ?? id;
}

function criterionName(data: CompareData, id: string, lang: Lang): string {
  return data.criteria.find((c) => c.id === id)?.name[lang] ?? id;
}

/** The summary lines shared by every format: winner, then one line per criterion. */
export function summaryLines(
  data: CompareData,
  ranking: Ranking,
  sens: Sensitivity,
  lang: Lang,
): { winner: string; criteria: string[]; closest: string } {
  const t = TEXT[lang];
  const first = ranking.options[0];
  const winner =
    ranking.winners.length > 1
      ? t.tie(ranking.winners.map((id) => nameOf(data, id, lang)).join(', '))
      : t.winner(
          nameOf(data, first?.id ?? '', lang),
          totalOf(first?.total ?? 0, lang),
          nameOf(data, ranking.options.find((o) => o.total < (first?.total ?? 0))?.id ?? '', lang),
          totalOf(ranking.margin, lang),
        );
  const criteria = sens.criteria.map((c) => {
    const parts: string[] = [];
    if (c.below) parts.push(t.below(formatNumber(c.below.weight, lang), nameOf(data, c.below.rival, lang)));
    if (c.above) parts.push(t.above(formatNumber(c.above.weight, lang), nameOf(data, c.above.rival, lang)));
    if (parts.length === 0) parts.push(t.stable('100'));
    const colon = lang === 'fr' ? ' :' : ':';
    return `${criterionName(data, c.criterion, lang)} (${formatNumber(c.weight, lang)})${colon} ${parts.join('; ')}`;
  });
  const closest = sens.closest
    ? t.closest(
        criterionName(data, sens.closest.criterion, lang),
        formatNumber(sens.closest.from, lang),
        formatNumber(sens.closest.to, lang),
        nameOf(data, sens.closest.rival, lang),
      )
    : t.robust;
  return { winner, criteria, closest };
}

function pad(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const r of rows) r.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows
    .map((r) =>
      r
        .map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** A plain-text ranked table, the weights, and the sensitivity analysis. */
export function formatText(data: CompareData, ranking: Ranking, sens: Sensitivity, lang: Lang): string {
  const t = TEXT[lang];
  const ids = data.criteria.map((c) => c.id);
  const rows: string[][] = [[t.rank, t.option, t.total, ...ids]];
  for (const o of ranking.options) {
    rows.push([
      String(o.rank),
      nameOf(data, o.id, lang),
      totalOf(o.total, lang),
      ...ids.map((id) => String(o.scores[id] ?? 0)),
    ]);
  }
  const s = summaryLines(data, ranking, sens, lang);
  const weights = ids.map((id) => `${id}=${formatNumber(ranking.weights[id] ?? 0, lang)}`).join(' ');
  return [
    pad(rows),
    '',
    `${t.weights} ${weights}`,
    s.winner,
    '',
    `${t.sensitivity}${lang === 'fr' ? ' :' : ':'}`,
    ...s.criteria.map((l) => `  ${l}`),
    s.closest,
    '',
  ].join('\n');
}

const mdCell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** Markdown: the ranked table, weights and sensitivity; with `details`, every score's reason and sources. */
export function formatMarkdown(
  data: CompareData,
  ranking: Ranking,
  sens: Sensitivity,
  lang: Lang,
  options: { readonly details?: boolean } = {},
): string {
  const t = TEXT[lang];
  const crit = data.criteria;
  const out: string[] = [];
  out.push(
    `| ${t.rank} | ${t.option} | ${t.total} | ${crit.map((c) => `${mdCell(c.name[lang])} (${formatNumber(ranking.weights[c.id] ?? 0, lang)})`).join(' | ')} |`,
  );
  out.push(`| ---: | --- | ---: | ${crit.map(() => '---:').join(' | ')} |`);
  for (const o of ranking.options) {
    out.push(
      `| ${o.rank} | ${mdCell(nameOf(data, o.id, lang))} | ${totalOf(o.total, lang)} | ${crit.map((c) => String(o.scores[c.id] ?? 0)).join(' | ')} |`,
    );
  }
  const s = summaryLines(data, ranking, sens, lang);
  out.push(
    '',
    s.winner,
    '',
    `${t.sensitivity}${lang === 'fr' ? ' :' : ':'}`,
    '',
    ...s.criteria.map((l) => `- ${mdCell(l)}`),
    '',
    s.closest,
  );
  if (options.details === true) {
    const urls = new Map(data.sources.map((x) => [x.id, x.url]));
    out.push('', `### ${t.scores}`);
    for (const o of data.options) {
      out.push('', `#### ${o.name[lang]}`, '', o.summary[lang], '');
      out.push(
        `| ${t.criterion} | ${t.score} | ${t.basis} | ${t.why} | ${t.sources} |`,
        '| --- | ---: | --- | --- | --- |',
      );
      for (const c of crit) {
        const sc = o.scores[c.id];
        if (sc === undefined) continue;
        const links = sc.sources.map((id) => `[${id}](${urls.get(id) ?? '#'})`).join(', ');
        out.push(
          `| ${mdCell(c.name[lang])} | ${sc.score} | ${sc.basis === 'source' ? t.source : t.judgement} | ${mdCell(sc.why[lang])} | ${links} |`,
        );
      }
    }
    out.push('', `### ${t.sourceList}`, '');
    for (const src of data.sources) {
      const when = [
        src.published === undefined ? '' : `${t.published} ${src.published}`,
        `${t.accessed} ${src.accessed}`,
      ]
        .filter((x) => x !== '')
        .join(', ');
      out.push(`- \`${src.id}\`: [${mdCell(src.title)}](${src.url}) (${when})`);
    }
  }
  return `${out.join('\n')}\n`;
}

const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A standalone HTML page (no script, no external resource). */
export function formatHtml(data: CompareData, ranking: Ranking, sens: Sensitivity, lang: Lang): string {
  const t = TEXT[lang];
  const crit = data.criteria;
  const s = summaryLines(data, ranking, sens, lang);
  const urls = new Map(data.sources.map((x) => [x.id, x.url]));
  const head = `<tr><th>${t.rank}</th><th>${t.option}</th><th>${t.total}</th>${crit
    .map(
      (c) =>
        `<th title="${esc(c.description[lang])}">${esc(c.name[lang])} (${formatNumber(ranking.weights[c.id] ?? 0, lang)})</th>`,
    )
    .join('')}</tr>`;
  const rows = ranking.options
    .map((o) => {
      const option = data.options.find((x) => x.id === o.id);
      const cells = crit
        .map((c) => {
          const sc = option?.scores[c.id];
          const why =
            sc === undefined
              ? ''
              : `${sc.why[lang]}${sc.sources.length > 0 ? ` [${sc.sources.join(', ')}]` : ''}`;
          return `<td title="${esc(why)}">${o.scores[c.id] ?? 0}</td>`;
        })
        .join('');
      return `<tr${o.rank === 1 ? ' class="winner"' : ''}><td>${o.rank}</td><td>${esc(nameOf(data, o.id, lang))}</td><td>${totalOf(o.total, lang)}</td>${cells}</tr>`;
    })
    .join('\n');
  const sources = data.sources
    .map(
      (x) =>
        `<li id="src-${esc(x.id)}"><code>${esc(x.id)}</code>: <a href="${esc(urls.get(x.id) ?? '#')}">${esc(x.title)}</a> (${t.accessed} ${esc(x.accessed)})</li>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<title>${esc(t.title)}</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2rem; }
table { border-collapse: collapse; }
th, td { border: 1px solid #999; padding: 0.3rem 0.6rem; text-align: right; }
th:nth-child(2), td:nth-child(2) { text-align: left; }
tr.winner { font-weight: bold; background: #eef6ee; }
</style>
</head>
<body>
<h1>${esc(t.title)}</h1>
<p>${esc(t.reviewed)} ${esc(data.metadata.reviewed)}.</p>
<table>
<thead>${head}</thead>
<tbody>
${rows}
</tbody>
</table>
<p><strong>${esc(s.winner)}</strong></p>
<h2>${esc(t.sensitivity)}</h2>
<ul>
${s.criteria.map((l) => `<li>${esc(l)}</li>`).join('\n')}
</ul>
<p>${esc(s.closest)}</p>
<h2>${esc(t.sourceList)}</h2>
<ul>
${sources}
</ul>
</body>
</html>
`;
}
