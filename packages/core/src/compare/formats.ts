import { formatNumber, tr, type Lang } from '@quai/contracts';
import { MAX_WEIGHT, type Data, type Ranking, type Sensitivity } from './engine.js';

/** A weight or threshold: 1.5 in English, 1,5 in French, at most two decimals. */
function num(n: number, lang: Lang): string {
  return formatNumber(lang, n, 2);
}

const totalOf = (n: number, lang: Lang): string => {
  const s = (Math.round(n * 100) / 100).toFixed(2);
  return lang === 'fr' ? s.replace('.', ',') : s;
};

function nameOf(data: Data, id: string, lang: Lang): string {
  return data.options.find((o) => o.id === id)?.name[lang] ?? id;
}

function criterionName(data: Data, id: string, lang: Lang): string {
  return data.criteria.find((c) => c.id === id)?.name[lang] ?? id;
}

/** The summary lines shared by every format: winner, then one line per criterion. */
export function summaryLines(
  data: Data,
  ranking: Ranking,
  sens: Sensitivity,
  lang: Lang,
): { winner: string; criteria: string[]; closest: string } {
  const first = ranking.options[0];
  const next = ranking.options.find((o) => o.total < (first?.total ?? 0));
  const winner =
    ranking.winners.length > 1
      ? tr(lang, 'compare.tie', { names: ranking.winners.map((id) => nameOf(data, id, lang)).join(', ') })
      : next === undefined
        ? tr(lang, 'compare.winnerAlone', {
            name: nameOf(data, first?.id ?? '', lang),
            total: totalOf(first?.total ?? 0, lang),
          })
        : tr(lang, 'compare.winner', {
            name: nameOf(data, first?.id ?? '', lang),
            total: totalOf(first?.total ?? 0, lang),
            next: nameOf(data, next.id, lang),
            margin: totalOf(ranking.margin, lang),
          });
  const criteria = sens.criteria.map((c) => {
    const below = c.below
      ? tr(lang, 'compare.below', {
          weight: num(c.below.weight, lang),
          rival: nameOf(data, c.below.rival, lang),
        })
      : undefined;
    const above = c.above
      ? tr(lang, 'compare.above', {
          weight: num(c.above.weight, lang),
          rival: nameOf(data, c.above.rival, lang),
        })
      : undefined;
    const changes =
      below !== undefined && above !== undefined
        ? tr(lang, 'compare.both', { below, above })
        : (below ?? above ?? tr(lang, 'compare.stable', { max: MAX_WEIGHT }));
    return tr(lang, 'compare.criterionLine', {
      criterion: criterionName(data, c.criterion, lang),
      weight: num(c.weight, lang),
      changes,
    });
  });
  const closest = sens.closest
    ? tr(lang, 'compare.closest', {
        criterion: criterionName(data, sens.closest.criterion, lang),
        from: num(sens.closest.from, lang),
        to: num(sens.closest.to, lang),
        rival: nameOf(data, sens.closest.rival, lang),
      })
    : tr(lang, 'compare.robust', { max: MAX_WEIGHT });
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
export function formatText(data: Data, ranking: Ranking, sens: Sensitivity, lang: Lang): string {
  const ids = data.criteria.map((c) => c.id);
  const rows: string[][] = [
    [tr(lang, 'compare.rank'), tr(lang, 'compare.option'), tr(lang, 'compare.total'), ...ids],
  ];
  for (const o of ranking.options) {
    rows.push([
      String(o.rank),
      nameOf(data, o.id, lang),
      totalOf(o.total, lang),
      ...ids.map((id) => String(o.scores[id] ?? 0)),
    ]);
  }
  const s = summaryLines(data, ranking, sens, lang);
  const weights = ids.map((id) => `${id}=${num(ranking.weights[id] ?? 0, lang)}`).join(' ');
  return [
    pad(rows),
    '',
    tr(lang, 'compare.weights', { weights }),
    s.winner,
    '',
    tr(lang, 'compare.sensitivity'),
    ...s.criteria.map((l) => `  ${l}`),
    s.closest,
    '',
  ].join('\n');
}

const mdCell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** Markdown: the ranked table, weights and sensitivity; with `details`, every score's reason and sources. */
export function formatMarkdown(
  data: Data,
  ranking: Ranking,
  sens: Sensitivity,
  lang: Lang,
  options: { readonly details?: boolean } = {},
): string {
  const crit = data.criteria;
  const out: string[] = [];
  out.push(
    `| ${tr(lang, 'compare.rank')} | ${tr(lang, 'compare.option')} | ${tr(lang, 'compare.total')} | ${crit.map((c) => `${mdCell(c.name[lang])} (${num(ranking.weights[c.id] ?? 0, lang)})`).join(' | ')} |`,
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
    tr(lang, 'compare.sensitivity'),
    '',
    ...s.criteria.map((l) => `- ${mdCell(l)}`),
    '',
    s.closest,
  );
  if (options.details === true) {
    const urls = new Map(data.sources.map((x) => [x.id, x.url]));
    out.push('', `### ${tr(lang, 'compare.scoresTitle')}`);
    for (const o of data.options) {
      out.push('', `#### ${o.name[lang]}`, '', o.summary[lang], '');
      out.push(
        `| ${tr(lang, 'compare.criterion')} | ${tr(lang, 'compare.score')} | ${tr(lang, 'compare.basis')} | ${tr(lang, 'compare.why')} | ${tr(lang, 'compare.sources')} |`,
        '| --- | ---: | --- | --- | --- |',
      );
      for (const c of crit) {
        const sc = o.scores[c.id];
        if (sc === undefined) continue;
        const links = sc.sources.map((id) => `[${id}](${urls.get(id) ?? '#'})`).join(', ');
        out.push(
          `| ${mdCell(c.name[lang])} | ${sc.score} | ${tr(lang, `compare.basis.${sc.basis}`)} | ${mdCell(sc.why[lang])} | ${links} |`,
        );
      }
    }
    out.push('', `### ${tr(lang, 'compare.sourcesTitle')}`, '');
    for (const src of data.sources) {
      const when = [
        src.published === undefined ? '' : tr(lang, 'compare.published', { date: src.published }),
        tr(lang, 'compare.read', { date: src.accessed }),
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
export function formatHtml(data: Data, ranking: Ranking, sens: Sensitivity, lang: Lang): string {
  const crit = data.criteria;
  const s = summaryLines(data, ranking, sens, lang);
  const urls = new Map(data.sources.map((x) => [x.id, x.url]));
  const title = tr(lang, 'compare.title');
  const head = `<tr><th>${esc(tr(lang, 'compare.rank'))}</th><th>${esc(tr(lang, 'compare.option'))}</th><th>${esc(tr(lang, 'compare.total'))}</th>${crit
    .map(
      (c) =>
        `<th title="${esc(c.description[lang])}">${esc(c.name[lang])} (${num(ranking.weights[c.id] ?? 0, lang)})</th>`,
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
        `<li id="src-${esc(x.id)}"><code>${esc(x.id)}</code>: <a href="${esc(urls.get(x.id) ?? '#')}">${esc(x.title)}</a> (${esc(tr(lang, 'compare.read', { date: x.accessed }))})</li>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<title>${esc(title)}</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2rem; }
table { border-collapse: collapse; }
th, td { border: 1px solid #999; padding: 0.3rem 0.6rem; text-align: right; }
th:nth-child(2), td:nth-child(2) { text-align: left; }
tr.winner { font-weight: bold; background: #eef6ee; }
</style>
</head>
<body>
<h1>${esc(title)}</h1>
<p>${esc(tr(lang, 'compare.reviewed', { date: data.metadata.reviewed }))}</p>
<table>
<thead>${head}</thead>
<tbody>
${rows}
</tbody>
</table>
<p><strong>${esc(s.winner)}</strong></p>
<h2>${esc(tr(lang, 'compare.sensitivity'))}</h2>
<ul>
${s.criteria.map((l) => `<li>${esc(l)}</li>`).join('\n')}
</ul>
<p>${esc(s.closest)}</p>
<h2>${esc(tr(lang, 'compare.sourcesTitle'))}</h2>
<ul>
${sources}
</ul>
</body>
</html>
`;
}
