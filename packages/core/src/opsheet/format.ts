import {
  formatDateTime,
  formatDuration,
  isMessageId,
  t,
  textOf,
  tr,
  type AppSheet,
  type DeepReadonly,
  type Lang,
  type SheetCommand,
} from '@quai/contracts';

// The sheet as a document: sections of paragraphs, tables and command blocks, built once from the
// data in the reader's language, then written as Markdown or as a self-contained HTML page. Every
// sentence and heading comes from the catalog (docs.*).

type Block =
  | { readonly kind: 'p'; readonly text: string }
  | {
      readonly kind: 'table';
      readonly caption: string;
      readonly headers: readonly string[];
      readonly rows: readonly (readonly string[])[];
    }
  | {
      readonly kind: 'commands';
      readonly items: readonly { readonly purpose: string; readonly command: string }[];
    }
  | { readonly kind: 'h3'; readonly text: string };

interface Section {
  readonly id: string;
  readonly title: string;
  readonly blocks: readonly Block[];
}

interface SheetDocument {
  readonly title: string;
  readonly lead: string;
  readonly notes: readonly string[];
  readonly sections: readonly Section[];
}

/** A sheet as the use case returns it (read-only) or as built. */
type Sheet = DeepReadonly<AppSheet>;

const p = (text: string): Block => ({ kind: 'p', text });

function commands(lang: Lang, items: DeepReadonly<SheetCommand[]>): Block {
  return {
    kind: 'commands',
    items: items.map((c) => ({
      purpose: tr(lang, 'docs.cmd.lead', { purpose: c.purpose }),
      command: c.command,
    })),
  };
}

/** A value in the reader's language when the catalog has a word for it (`prefix.value`), else as is. */
function word(lang: Lang, prefix: string, value: string): string {
  const id = `${prefix}.${value}`;
  return isMessageId(id) ? t(lang, { id }) : value;
}

/** A rollout or workload state in the reader's language. */
const state = (lang: Lang, s: string | undefined): string => word(lang, 'docs.state', s ?? 'unknown');

/** A severity in the reader's language (the audit's words). */
const severity = (lang: Lang, s: string): string => word(lang, 'audit.severity', s);

function severities(lang: Lang, counts: Readonly<Record<string, number>>): string {
  const order = ['critical', 'high', 'medium', 'low', 'info', 'none', 'unknown'];
  const parts = order
    .filter((s) => (counts[s] ?? 0) > 0)
    .map((s) => `${severity(lang, s)} ${counts[s] ?? 0}`);
  return parts.length === 0 ? tr(lang, 'docs.security.clean') : parts.join(', ');
}

/** `1/2` (ready of desired), `2` (desired), `2-6 (autoscaled)`, or the CronJob's schedule. */
function replicasText(lang: Lang, c: Sheet['components'][number]): string {
  if (c.replicas === undefined) return c.schedule ?? '';
  const count =
    c.replicas.ready === undefined ? String(c.replicas.desired) : `${c.replicas.ready}/${c.replicas.desired}`;
  return c.autoscaling === undefined
    ? count
    : tr(lang, 'docs.component.autoscaled', { count, min: c.autoscaling.min, max: c.autoscaling.max });
}

/** The sheet as sections, in the reader's language. */
function sheetDocument(sheet: Sheet, lang: Lang): SheetDocument {
  const date = (iso: string): string => formatDateTime(lang, iso);
  const none = tr(lang, 'docs.none');
  const sources = sheet.sources.map((s) =>
    tr(lang, s === 'spec' ? 'docs.source.spec' : 'docs.source.cluster'),
  );
  const sections: Section[] = [];

  const purpose = sheet.purpose;
  sections.push({
    id: 'purpose',
    title: tr(lang, 'docs.heading.purpose'),
    blocks: [
      {
        kind: 'table',
        caption: tr(lang, 'docs.heading.purpose'),
        headers: [tr(lang, 'docs.col.item'), tr(lang, 'docs.col.value')],
        rows: [
          [tr(lang, 'docs.purpose.description'), purpose.description ?? tr(lang, 'docs.notGiven')],
          [tr(lang, 'docs.purpose.team'), purpose.team ?? tr(lang, 'docs.notGiven')],
          [tr(lang, 'docs.purpose.owner'), purpose.owner ?? tr(lang, 'docs.notGiven')],
          [tr(lang, 'docs.purpose.environment'), sheet.environment],
          [tr(lang, 'docs.purpose.namespace'), sheet.namespace],
        ],
      },
    ],
  });

  sections.push({
    id: 'endpoints',
    title: tr(lang, 'docs.heading.endpoints'),
    blocks:
      sheet.endpoints.length === 0
        ? [p(tr(lang, 'docs.endpoints.none'))]
        : [
            {
              kind: 'table',
              caption: tr(lang, 'docs.heading.endpoints'),
              headers: [
                tr(lang, 'docs.col.address'),
                tr(lang, 'docs.col.kind'),
                tr(lang, 'docs.col.component'),
                tr(lang, 'docs.col.port'),
                tr(lang, 'docs.col.object'),
              ],
              rows: sheet.endpoints.map((e) => [
                e.address,
                tr(lang, e.kind === 'ingress' ? 'docs.endpoint.ingress' : 'docs.endpoint.service'),
                e.component ?? '',
                e.port ?? '',
                e.object,
              ]),
            },
          ],
  });

  sections.push({
    id: 'components',
    title: tr(lang, 'docs.heading.components'),
    blocks: [
      {
        kind: 'table',
        caption: tr(lang, 'docs.heading.components'),
        headers: [
          tr(lang, 'docs.col.component'),
          tr(lang, 'docs.col.object'),
          tr(lang, 'docs.col.container'),
          tr(lang, 'docs.col.image'),
          tr(lang, 'docs.col.version'),
          tr(lang, 'docs.col.digest'),
          tr(lang, 'docs.col.replicas'),
          tr(lang, 'docs.col.state'),
        ],
        rows: sheet.components.flatMap((c) =>
          c.containers.map((k) => [
            c.name,
            c.object,
            k.init ? tr(lang, 'docs.component.init', { name: k.name }) : k.name,
            k.image,
            k.version,
            k.digests.length === 0 ? '' : k.digests.join(' '),
            replicasText(lang, c),
            c.state === undefined ? '' : state(lang, c.state),
          ]),
        ),
      },
    ],
  });

  sections.push({
    id: 'volumes',
    title: tr(lang, 'docs.heading.volumes'),
    blocks:
      sheet.volumes.length === 0
        ? [p(tr(lang, 'docs.volumes.none'))]
        : [
            {
              kind: 'table',
              caption: tr(lang, 'docs.heading.volumes'),
              headers: [
                tr(lang, 'docs.col.claim'),
                tr(lang, 'docs.col.mounts'),
                tr(lang, 'docs.col.size'),
                tr(lang, 'docs.col.storageClass'),
                tr(lang, 'docs.col.backupPolicy'),
                tr(lang, 'docs.col.phase'),
              ],
              rows: sheet.volumes.map((v) => [
                v.claim,
                v.mounts.join(', '),
                v.size ?? '',
                v.storageClass ?? '',
                v.backup.policy === 'none'
                  ? tr(lang, 'docs.volumes.notBackedUp')
                  : tr(lang, 'docs.volumes.backedUp', {
                      schedule: v.backup.schedule ?? tr(lang, 'docs.volumes.withApp'),
                      retention: v.backup.retention ?? '-',
                    }),
                v.phase ?? '',
              ]),
            },
          ],
  });

  sections.push({
    id: 'secrets',
    title: tr(lang, 'docs.heading.secrets'),
    blocks: [
      p(tr(lang, 'docs.secrets.namesOnly')),
      ...(sheet.secrets.length === 0
        ? [p(tr(lang, 'docs.secrets.none'))]
        : [
            {
              kind: 'table' as const,
              caption: tr(lang, 'docs.heading.secrets'),
              headers: [
                tr(lang, 'docs.col.secret'),
                tr(lang, 'docs.col.keys'),
                tr(lang, 'docs.col.usedBy'),
                tr(lang, 'docs.col.present'),
              ],
              rows: sheet.secrets.map((s) => [
                s.name,
                s.keys.length === 0 ? tr(lang, 'docs.secrets.allKeys') : s.keys.join(', '),
                s.usedBy.join(', '),
                s.present === undefined
                  ? tr(lang, 'docs.notChecked')
                  : tr(lang, s.present ? 'docs.yes' : 'docs.secrets.missing'),
              ]),
            },
          ]),
    ],
  });

  sections.push({
    id: 'dependencies',
    title: tr(lang, 'docs.heading.dependencies'),
    blocks:
      sheet.dependencies.length === 0
        ? [p(tr(lang, 'docs.dependencies.none'))]
        : [
            {
              kind: 'table',
              caption: tr(lang, 'docs.heading.dependencies'),
              headers: [
                tr(lang, 'docs.col.from'),
                tr(lang, 'docs.col.dependsOn'),
                tr(lang, 'docs.col.kind'),
                tr(lang, 'docs.col.how'),
              ],
              rows: sheet.dependencies.map((d) => [
                d.from,
                d.to,
                word(lang, 'docs.dependency', d.kind),
                word(lang, 'docs.dependency', d.how),
              ]),
            },
          ],
  });

  sections.push({
    id: 'operations',
    title: tr(lang, 'docs.heading.operations'),
    blocks: [
      { kind: 'h3', text: tr(lang, 'docs.heading.deploy') },
      commands(lang, sheet.commands.deploy),
      { kind: 'h3', text: tr(lang, 'docs.heading.rollback') },
      commands(lang, sheet.commands.rollback),
      { kind: 'h3', text: tr(lang, 'docs.heading.restore') },
      commands(lang, sheet.commands.restore),
    ],
  });

  const r = sheet.rollout;
  const rolloutBlocks: Block[] = [];
  if (r.current === undefined) {
    rolloutBlocks.push(p(tr(lang, 'docs.rollout.none')));
  } else {
    rolloutBlocks.push(
      p(
        tr(lang, 'docs.rollout.current', {
          status: state(lang, r.status),
          revision: r.current.number,
          revisionStatus: word(lang, 'deploy.status', r.current.status),
          by: r.current.deployedBy || '?',
          date: r.current.deployedAt === '' ? '?' : date(r.current.deployedAt),
        }),
      ),
      {
        kind: 'table',
        caption: tr(lang, 'docs.heading.history'),
        headers: [
          tr(lang, 'docs.col.revision'),
          tr(lang, 'docs.col.status'),
          tr(lang, 'docs.col.date'),
          tr(lang, 'docs.col.by'),
          tr(lang, 'docs.col.images'),
          tr(lang, 'docs.col.message'),
        ],
        rows: r.history.map((h) => [
          String(h.number),
          word(lang, 'deploy.status', h.status),
          h.deployedAt === '' ? '' : date(h.deployedAt),
          h.deployedBy,
          h.images.join(', '),
          h.message,
        ]),
      },
    );
  }
  sections.push({ id: 'rollout', title: tr(lang, 'docs.heading.rollout'), blocks: rolloutBlocks });

  const b = sheet.backups;
  const backupBlocks: Block[] = [];
  if (b === undefined) {
    backupBlocks.push(p(tr(lang, 'docs.backups.unknown')));
  } else {
    if (b.schedules.length > 0) {
      backupBlocks.push({
        kind: 'table',
        caption: tr(lang, 'docs.heading.schedules'),
        headers: [tr(lang, 'docs.col.schedule'), tr(lang, 'docs.col.cron'), tr(lang, 'docs.col.target')],
        rows: b.schedules.map((s) => [s.name, `${s.cron} (${s.timeZone})`, s.target]),
      });
    } else {
      backupBlocks.push(p(tr(lang, 'docs.backups.noSchedule')));
    }
    const targets = b.targets.map((x) => x.target).join(', ');
    backupBlocks.push(
      p(
        b.last === undefined
          ? b.targets.length === 0
            ? tr(lang, 'docs.backups.noTarget')
            : tr(lang, 'docs.backups.noBackup', { targets })
          : tr(lang, 'docs.backups.last', {
              name: b.last.name,
              status: word(lang, 'docs.backupStatus', b.last.status),
              date: date(b.last.completedAt),
              target: b.last.target,
            }),
      ),
      p(
        b.lastPassedDrill === undefined
          ? tr(lang, 'docs.backups.noPassedDrill')
          : tr(lang, 'docs.backups.lastPassedDrill', {
              backup: b.lastPassedDrill.backup,
              date: date(b.lastPassedDrill.startedAt),
              duration: formatDuration(lang, b.lastPassedDrill.recoverySeconds * 1000),
            }),
      ),
    );
    if (b.lastDrill !== undefined && b.lastDrill.status === 'fail') {
      backupBlocks.push(
        p(
          tr(lang, 'docs.backups.lastDrillFailed', {
            backup: b.lastDrill.backup,
            date: date(b.lastDrill.startedAt),
          }),
        ),
      );
    }
    for (const problem of b.problems) backupBlocks.push(p(textOf(lang, problem)));
  }
  sections.push({ id: 'backups', title: tr(lang, 'docs.heading.backups'), blocks: backupBlocks });

  const s = sheet.security;
  const securityBlocks: Block[] = [
    p(
      tr(lang, 'docs.security.audit', {
        source: tr(
          lang,
          s.audit.source === 'rendered-spec' ? 'docs.security.fromSpec' : 'docs.security.fromRevision',
        ),
        summary: severities(lang, s.audit.bySeverity),
      }),
    ),
  ];
  if (s.audit.findings.length > 0) {
    securityBlocks.push({
      kind: 'table',
      caption: tr(lang, 'docs.heading.findings'),
      headers: [
        tr(lang, 'docs.col.severity'),
        tr(lang, 'docs.col.check'),
        tr(lang, 'docs.col.object'),
        tr(lang, 'docs.col.title'),
      ],
      rows: s.audit.findings.map((f) => [
        severity(lang, f.severity),
        f.checkId,
        f.object,
        textOf(lang, f.title),
      ]),
    });
  }
  if (s.vulnerabilities === undefined) {
    securityBlocks.push(p(tr(lang, 'docs.security.noScan', { namespace: sheet.namespace })));
  } else {
    securityBlocks.push(
      p(
        tr(lang, 'docs.security.scan', {
          reports: s.vulnerabilities.reports,
          summary: severities(lang, s.vulnerabilities.bySeverity),
        }),
      ),
    );
    if (s.vulnerabilities.top.length > 0) {
      securityBlocks.push({
        kind: 'table',
        caption: tr(lang, 'docs.heading.vulnerabilities'),
        headers: [
          tr(lang, 'docs.col.severity'),
          tr(lang, 'docs.col.vulnerability'),
          tr(lang, 'docs.col.package'),
          tr(lang, 'docs.col.installed'),
          tr(lang, 'docs.col.fixed'),
          tr(lang, 'docs.col.image'),
        ],
        rows: s.vulnerabilities.top.map((v) => [
          severity(lang, v.severity),
          v.id,
          v.package,
          v.installed,
          v.fixed ?? '',
          v.image,
        ]),
      });
    }
  }
  sections.push({ id: 'security', title: tr(lang, 'docs.heading.security'), blocks: securityBlocks });

  return {
    title: tr(lang, 'docs.title', { app: sheet.app }),
    lead: tr(lang, 'docs.lead', {
      environment: sheet.environment,
      namespace: sheet.namespace,
      date: date(sheet.generatedAt),
      sources: sources.length === 0 ? tr(lang, 'docs.source.nothing') : sources.join(tr(lang, 'docs.and')),
    }),
    notes: sheet.notes.map((n) => textOf(lang, n)),
    sections: sections.map((x) => (x.blocks.length === 0 ? { ...x, blocks: [p(none)] } : x)),
  };
}

// ---- Markdown ------------------------------------------------------------------------------------

/** Escapes what Markdown would read as markup in a table cell or a paragraph. */
function mdText(s: string): string {
  return (
    s
      .replace(/\\/g, '\\\\')
      .replace(/\|/g, '\\|')
      .replace(/([*`[\]<>])/g, '\\$1')
      // An underscore inside a word (GRIST_SESSION_SECRET) is no emphasis in CommonMark: left as is.
      .replace(/(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])/g, '\\_')
      .replace(/\r?\n/g, ' ')
  );
}

/** The sheet as Markdown (GitLab and GitHub flavoured tables). */
export function sheetMarkdown(sheet: Sheet, lang: Lang): string {
  const d = sheetDocument(sheet, lang);
  const out: string[] = [`# ${mdText(d.title)}`, '', mdText(d.lead), ''];
  for (const n of d.notes) out.push(`> ${mdText(n)}`, '');
  for (const s of d.sections) {
    out.push(`## ${mdText(s.title)}`, '');
    for (const b of s.blocks) {
      switch (b.kind) {
        case 'p':
          out.push(mdText(b.text), '');
          break;
        case 'h3':
          out.push(`### ${mdText(b.text)}`, '');
          break;
        case 'table':
          out.push(
            `| ${b.headers.map(mdText).join(' | ')} |`,
            `| ${b.headers.map(() => '---').join(' | ')} |`,
            ...b.rows.map((r) => `| ${r.map((c) => (c === '' ? ' ' : mdText(c))).join(' | ')} |`),
            '',
          );
          break;
        case 'commands':
          for (const c of b.items) out.push(mdText(c.purpose), '', '```sh', c.command, '```', '');
          break;
      }
    }
  }
  return `${out.join('\n').trimEnd()}\n`;
}

// ---- HTML ----------------------------------------------------------------------------------------

function esc(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const STYLE = `
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.5;color:#1b1b1b;background:#fff;margin:0 auto;max-width:72rem;padding:1.5rem}
h1{font-size:1.8rem;margin:0 0 .5rem}h2{font-size:1.35rem;margin:2rem 0 .5rem;border-bottom:2px solid #000091;padding-bottom:.2rem}h3{font-size:1.1rem;margin:1.2rem 0 .4rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem;font-size:.92rem}caption{text-align:left;font-weight:600;padding:.2rem 0}
th,td{border:1px solid #929292;padding:.3rem .5rem;text-align:left;vertical-align:top;overflow-wrap:break-word}th{background:#eee}
code,pre{font-family:ui-monospace,"DejaVu Sans Mono",Consolas,monospace}pre{background:#f6f6f6;border:1px solid #ccc;padding:.5rem;white-space:pre-wrap;overflow-wrap:anywhere}
.vh{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
.note{border-left:4px solid #b34000;background:#fff4ef;padding:.5rem .8rem;margin:.5rem 0}
nav ol{columns:2}a{color:#000091}
@page{size:A4;margin:15mm}
@media print{body{max-width:none;padding:0;font-size:10pt}nav{display:none}h2{break-after:avoid}table,pre{break-inside:avoid}a{color:inherit;text-decoration:none}}
`;

/** The sheet as one self-contained HTML page: no script, no outside resource, printable. */
export function sheetHtml(sheet: Sheet, lang: Lang): string {
  const d = sheetDocument(sheet, lang);
  const out: string[] = [
    '<!DOCTYPE html>',
    `<html lang="${lang}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(d.title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<header>',
    `<h1>${esc(d.title)}</h1>`,
    `<p>${esc(d.lead)}</p>`,
    ...d.notes.map((n) => `<p class="note" role="note">${esc(n)}</p>`),
    '</header>',
    `<nav aria-label="${esc(tr(lang, 'docs.contents'))}"><ol>`,
    ...d.sections.map((s) => `<li><a href="#${s.id}">${esc(s.title)}</a></li>`),
    '</ol></nav>',
    '<main>',
  ];
  for (const s of d.sections) {
    out.push(
      `<section id="${s.id}" aria-labelledby="${s.id}-title">`,
      `<h2 id="${s.id}-title">${esc(s.title)}</h2>`,
    );
    for (const b of s.blocks) {
      switch (b.kind) {
        case 'p':
          out.push(`<p>${esc(b.text)}</p>`);
          break;
        case 'h3':
          out.push(`<h3>${esc(b.text)}</h3>`);
          break;
        case 'table':
          out.push(
            '<table>',
            // A caption that repeats the section's heading is for screen readers only.
            b.caption === s.title
              ? `<caption class="vh">${esc(b.caption)}</caption>`
              : `<caption>${esc(b.caption)}</caption>`,
            `<thead><tr>${b.headers.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead>`,
            '<tbody>',
            ...b.rows.map(
              (r) =>
                `<tr>${r.map((c, i) => (i === 0 ? `<th scope="row">${esc(c)}</th>` : `<td>${esc(c)}</td>`)).join('')}</tr>`,
            ),
            '</tbody>',
            '</table>',
          );
          break;
        case 'commands':
          for (const c of b.items)
            out.push(`<p>${esc(c.purpose)}</p>`, `<pre><code>${esc(c.command)}</code></pre>`);
          break;
      }
    }
    out.push('</section>');
  }
  out.push('</main>', '</body>', '</html>');
  return `${out.join('\n')}\n`;
}
