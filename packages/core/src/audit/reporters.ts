import { createHash } from 'node:crypto';
import type { AuditReport, Finding, Severity } from './types.js';

/** The report formats Quai writes. */
export const REPORT_FORMATS = [
  'text',
  'json',
  'yaml',
  'sarif',
  'junit',
  'gitlab-codequality',
  'markdown',
  'html',
] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

function objectLabel(f: Finding): string {
  return `${f.object.kind} ${f.object.namespace === undefined ? '' : `${f.object.namespace}/`}${f.object.name}`;
}
function where(f: Finding): string {
  if (f.file === undefined) return '';
  return f.line === undefined ? f.file : `${f.file}:${f.line}:${f.column ?? 1}`;
}
/** `accepted until 2027-06-30` or `accepted with no expiry`, in the report's words. */
function acceptance(s: NonNullable<Finding['suppressed']>, lang: 'en' | 'fr' = 'en'): string {
  if (lang === 'fr') return s.expires === undefined ? 'sans échéance' : `jusqu'au ${s.expires}`;
  return s.expires === undefined ? 'with no expiry' : `until ${s.expires}`;
}
function active(report: AuditReport): Finding[] {
  return report.findings.filter((f) => f.suppressed === undefined);
}

// ---- text ---------------------------------------------------------------------------------------

export type Painter = (style: 'red' | 'yellow' | 'green' | 'dim' | 'bold', text: string) => string;
const plain: Painter = (_s, t) => t;

const SEVERITY_STYLE: Readonly<Record<Severity, 'red' | 'yellow' | 'dim'>> = {
  critical: 'red',
  high: 'red',
  medium: 'yellow',
  low: 'dim',
  info: 'dim',
};

/** Findings grouped by object, with positions; colours only through `paint`. */
export function renderText(report: AuditReport, paint: Painter = plain): string {
  const lines: string[] = [];
  const groups = new Map<string, Finding[]>();
  for (const f of report.findings) {
    const key = `${objectLabel(f)}${f.file === undefined ? '' : `  (${f.file})`}`;
    const list = groups.get(key) ?? [];
    list.push(f);
    groups.set(key, list);
  }
  for (const [key, list] of groups) {
    lines.push(paint('bold', key));
    for (const f of list) {
      const sev = paint(SEVERITY_STYLE[f.severity], f.severity.toUpperCase().padEnd(8));
      const pos = f.line === undefined ? '' : paint('dim', ` line ${f.line}`);
      const sup =
        f.suppressed === undefined
          ? ''
          : paint('dim', ` [accepted ${acceptance(f.suppressed)}: ${f.suppressed.justification}]`);
      lines.push(`  ${sev} ${f.checkId}${pos}  ${f.message}${sup}`);
      if (f.suppressed === undefined) lines.push(paint('dim', `           fix: ${f.remediation}`));
    }
    lines.push('');
  }
  for (const n of report.notes) {
    const pos =
      n.file === undefined ? '' : `${n.file}${n.line === undefined ? '' : `:${n.line}:${n.column ?? 1}`}: `;
    const tag =
      n.kind === 'input-error'
        ? paint('red', 'input error')
        : paint('dim', n.kind === 'skipped' ? 'skipped' : 'note');
    lines.push(`${tag}: ${pos}${n.message}${n.hint === undefined ? '' : `\n  fix: ${n.hint}`}`);
  }
  if (report.notes.length > 0) lines.push('');
  const s = report.summary;
  const counts = (['critical', 'high', 'medium', 'low', 'info'] as const)
    .filter((k) => s.bySeverity[k] > 0)
    .map((k) => `${s.bySeverity[k]} ${k}`)
    .join(', ');
  lines.push(
    `${s.objects} object${s.objects === 1 ? '' : 's'} audited (Pod Security ${report.options.level}:${report.options.pssVersion}, Kubernetes ${report.options.kubernetesVersion}): ` +
      (s.findings === 0
        ? paint('green', 'no findings')
        : `${s.findings} finding${s.findings === 1 ? '' : 's'} (${counts})`) +
      (s.suppressed > 0 ? `, ${s.suppressed} accepted by exceptions` : '') +
      `; ${s.failing > 0 ? paint('red', `${s.failing} at or above ${report.options.severityThreshold}`) : paint('green', `none at or above ${report.options.severityThreshold}`)}.`,
  );
  return lines.join('\n');
}

// ---- SARIF 2.1.0 -------------------------------------------------------------------------------

function sarifLevel(s: Severity): 'error' | 'warning' | 'note' {
  return s === 'critical' || s === 'high' ? 'error' : s === 'medium' ? 'warning' : 'note';
}
const SECURITY_SEVERITY: Readonly<Record<Severity, string>> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: '0.0',
};

/** The artifact a finding points at: its file, or a stable pseudo-path for live objects. */
function artifactUri(f: Finding): { uri: string; uriBaseId?: string } {
  if (f.file !== undefined) {
    const uri = f.file.replace(/\\/g, '/').replace(/^\.\//, '');
    return uri.startsWith('/')
      ? { uri: `file://${encodeURI(uri)}` }
      : { uri: encodeURI(uri), uriBaseId: '%SRCROOT%' };
  }
  const parts = [f.object.namespace ?? '_cluster', f.object.kind, f.object.name].map(encodeURIComponent);
  return { uri: `cluster/${parts.join('/')}`, uriBaseId: 'CLUSTER' };
}

/** SARIF 2.1.0, with a physical location for every result (GitHub and GitLab need one). */
export function renderSarif(report: AuditReport): unknown {
  const rules = report.checks.map((c) => ({
    id: c.id,
    name: c.title.replace(/[^A-Za-z0-9]+(.)?/g, (_m, ch: string | undefined) => (ch ?? '').toUpperCase()),
    shortDescription: { text: c.title },
    fullDescription: { text: c.rationale },
    help: {
      text: `${c.remediation}${c.references.length > 0 ? `\nReferences: ${c.references.join('; ')}` : ''}`,
      markdown: `${c.remediation}${c.references.length > 0 ? `\n\n**References:**\n${c.references.map((r) => `- ${r}`).join('\n')}` : ''}`,
    },
    defaultConfiguration: { level: sarifLevel(c.severity) },
    properties: {
      tags: ['security', 'kubernetes', c.category],
      'security-severity': SECURITY_SEVERITY[c.severity],
      severity: c.severity,
    },
  }));
  const ruleIndex = new Map(report.checks.map((c, i) => [c.id, i]));
  const results = report.findings.map((f) => {
    const artifact = artifactUri(f);
    return {
      ruleId: f.checkId,
      ruleIndex: ruleIndex.get(f.checkId) ?? -1,
      level: sarifLevel(f.severity),
      message: { text: `${objectLabel(f)}: ${f.message}` },
      locations: [
        {
          physicalLocation: {
            artifactLocation: artifact,
            region: { startLine: f.line ?? 1, startColumn: f.column ?? 1 },
          },
          logicalLocations: [
            {
              fullyQualifiedName: `${f.object.namespace ?? ''}/${f.object.kind}/${f.object.name}${f.path === undefined ? '' : `#${f.path}`}`,
              kind: 'object',
            },
          ],
        },
      ],
      partialFingerprints: { quaiFinding: fingerprint(f) },
      properties: {
        severity: f.severity,
        object: f.object,
        ...(f.path === undefined ? {} : { path: f.path }),
      },
      ...(f.suppressed === undefined
        ? {}
        : {
            suppressions: [
              {
                kind: f.suppressed.source.startsWith('annotation') ? 'inSource' : 'external',
                justification: `${f.suppressed.justification} (${acceptance(f.suppressed)}, ${f.suppressed.source})`,
              },
            ],
          }),
    };
  });
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Quai',
            version: report.tool.version,
            informationUri: 'https://github.com/quai-dev/quai/blob/main/docs/audit.md',
            rules,
          },
        },
        originalUriBaseIds: { CLUSTER: { description: { text: 'Live objects of the audited cluster' } } },
        invocations: [{ executionSuccessful: true, endTimeUtc: report.generatedAt }],
        results,
      },
    ],
  };
}

function fingerprint(f: Finding): string {
  return createHash('sha256')
    .update(
      [
        f.checkId,
        f.object.apiVersion,
        f.object.kind,
        f.object.namespace ?? '',
        f.object.name,
        f.path ?? '',
        f.message,
      ].join('\u0000'),
    )
    .digest('hex')
    .slice(0, 32);
}

// ---- JUnit XML ----------------------------------------------------------------------------------

function xml(s: string): string {
  return s
    .split('')
    .filter((ch) => {
      const code = ch.charCodeAt(0);
      return code >= 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
    })
    .join('')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/**
 * JUnit XML (the Ant/Jenkins format GitLab reads): one test suite per object, one failing test
 * case per finding at or above the threshold, a skipped one per finding below it or accepted.
 */
export function renderJUnit(report: AuditReport, isFailing: (f: Finding) => boolean): string {
  const suites = new Map<string, Finding[]>();
  for (const f of report.findings) {
    const list = suites.get(objectLabel(f)) ?? [];
    list.push(f);
    suites.set(objectLabel(f), list);
  }
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const total = report.findings.length;
  const failures = report.findings.filter((f) => f.suppressed === undefined && isFailing(f)).length;
  out.push(`<testsuites name="quai audit" tests="${Math.max(total, 1)}" failures="${failures}" errors="0">`);
  if (total === 0) {
    out.push(`  <testsuite name="quai audit" tests="1" failures="0" errors="0" skipped="0">`);
    out.push(
      `    <testcase classname="quai.audit" name="${xml(`${report.summary.objects} objects audited, no findings`)}"/>`,
    );
    out.push('  </testsuite>');
  }
  for (const [name, list] of suites) {
    const fails = list.filter((f) => f.suppressed === undefined && isFailing(f)).length;
    const skipped = list.length - fails;
    out.push(
      `  <testsuite name="${xml(name)}" tests="${list.length}" failures="${fails}" errors="0" skipped="${skipped}">`,
    );
    for (const f of list) {
      const attrs = `classname="${xml(`${f.object.kind}.${f.object.namespace ?? '_'}.${f.object.name}`)}" name="${xml(`${f.checkId} ${f.title}`)}"${f.file === undefined ? '' : ` file="${xml(f.file)}"`}${f.line === undefined ? '' : ` line="${f.line}"`}`;
      out.push(`    <testcase ${attrs}>`);
      const body = `${f.message}\nSeverity: ${f.severity}\nWhere: ${where(f) || objectLabel(f)}${f.path === undefined ? '' : ` (${f.path})`}\nFix: ${f.remediation}`;
      if (f.suppressed !== undefined) {
        out.push(
          `      <skipped message="${xml(`accepted ${acceptance(f.suppressed)}: ${f.suppressed.justification}`)}"/>`,
        );
      } else if (isFailing(f)) {
        out.push(`      <failure message="${xml(f.message)}" type="${f.severity}">${xml(body)}</failure>`);
      } else {
        out.push(`      <skipped message="${xml(`below the threshold (${f.severity}): ${f.message}`)}"/>`);
      }
      out.push('    </testcase>');
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
}

// ---- GitLab code quality ------------------------------------------------------------------------

const GITLAB_SEVERITY: Readonly<Record<Severity, string>> = {
  info: 'info',
  low: 'minor',
  medium: 'major',
  high: 'critical',
  critical: 'blocker',
};

/** GitLab's code quality report (a subset of Code Climate's): one issue per active finding. */
export function renderGitlabCodeQuality(report: AuditReport): unknown {
  return active(report).map((f) => ({
    type: 'issue',
    check_name: f.checkId,
    description: `${objectLabel(f)}: ${f.message}`,
    content: { body: f.remediation },
    categories: ['Security'],
    fingerprint: fingerprint(f),
    severity: GITLAB_SEVERITY[f.severity],
    location: {
      path: f.file ?? artifactUri(f).uri,
      lines: { begin: f.line ?? 1 },
    },
  }));
}

// ---- Markdown summary (fr, en) -------------------------------------------------------------------

const WORDS = {
  en: {
    title: 'Security audit of the Kubernetes manifests',
    generated: 'Generated',
    scope: 'Scope',
    objects: 'objects audited',
    level: 'Pod Security Standards level',
    target: 'Target Kubernetes version',
    verdict: 'Verdict',
    pass: 'No finding at or above the threshold',
    fail: 'findings at or above the threshold',
    bySeverity: 'Findings by severity',
    severity: 'Severity',
    count: 'Count',
    topChecks: 'Most frequent checks',
    check: 'Check',
    title2: 'Title',
    objectsCol: 'Objects',
    details: 'Findings at or above the threshold',
    object: 'Object',
    where: 'Where',
    message: 'Finding',
    accepted: 'Accepted risks (exceptions)',
    notes: 'Notes',
    more: (n: number) => `... and ${n} more (see the full report).`,
    sev: { critical: 'critical', high: 'high', medium: 'medium', low: 'low', info: 'info' },
  },
  fr: {
    title: 'Audit de sécurité des manifestes Kubernetes',
    generated: 'Généré le',
    scope: 'Périmètre',
    objects: 'objets audités',
    level: 'Niveau Pod Security Standards',
    target: 'Version Kubernetes cible',
    verdict: 'Verdict',
    pass: 'Aucun constat au niveau du seuil ou au-dessus',
    fail: 'constats au niveau du seuil ou au-dessus',
    bySeverity: 'Constats par gravité',
    severity: 'Gravité',
    count: 'Nombre',
    topChecks: 'Contrôles les plus fréquents',
    check: 'Contrôle',
    title2: 'Intitulé',
    objectsCol: 'Objets',
    details: 'Constats au niveau du seuil ou au-dessus',
    object: 'Objet',
    where: 'Emplacement',
    message: 'Constat',
    accepted: 'Risques acceptés (exceptions)',
    notes: 'Remarques',
    more: (n: number) => `... et ${n} autres (voir le rapport complet).`,
    sev: { critical: 'critique', high: 'élevée', medium: 'moyenne', low: 'faible', info: 'info' },
  },
} as const;

function md(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** A one-page summary for the security officer, in French or English. */
export function renderMarkdown(
  report: AuditReport,
  lang: 'en' | 'fr',
  isFailing: (f: Finding) => boolean,
  limit = 50,
): string {
  const w = WORDS[lang];
  const s = report.summary;
  // French puts a (non-breaking) space before a colon.
  const colon = lang === 'fr' ? '\u00a0: ' : ': ';
  const out: string[] = [`# ${w.title}`, ''];
  out.push(`- ${w.generated}${colon}${report.generatedAt}`);
  out.push(`- ${w.scope}${colon}${s.objects} ${w.objects}`);
  out.push(`- ${w.level}${colon}\`${report.options.level}:${report.options.pssVersion}\``);
  out.push(`- ${w.target}${colon}${report.options.kubernetesVersion}`);
  out.push(
    `- ${w.verdict}${colon}${s.failing === 0 ? `✅ ${w.pass} (${report.options.severityThreshold})` : `❌ ${s.failing} ${w.fail} (${report.options.severityThreshold})`}`,
  );
  out.push('', `## ${w.bySeverity}`, '', `| ${w.severity} | ${w.count} |`, '| --- | ---: |');
  for (const sev of ['critical', 'high', 'medium', 'low', 'info'] as const)
    out.push(`| ${w.sev[sev]} | ${s.bySeverity[sev]} |`);
  const perCheck = new Map<string, { title: string; objects: Set<string>; severity: Severity }>();
  for (const f of active(report)) {
    const e = perCheck.get(f.checkId) ?? { title: f.title, objects: new Set<string>(), severity: f.severity };
    e.objects.add(objectLabel(f));
    perCheck.set(f.checkId, e);
  }
  if (perCheck.size > 0) {
    out.push(
      '',
      `## ${w.topChecks}`,
      '',
      `| ${w.check} | ${w.title2} | ${w.severity} | ${w.objectsCol} |`,
      '| --- | --- | --- | ---: |',
    );
    const top = [...perCheck]
      .sort((a, b) => b[1].objects.size - a[1].objects.size || a[0].localeCompare(b[0]))
      .slice(0, 15);
    for (const [id, e] of top)
      out.push(`| ${id} | ${md(e.title)} | ${w.sev[e.severity]} | ${e.objects.size} |`);
  }
  const failing = active(report).filter(isFailing);
  if (failing.length > 0) {
    out.push(
      '',
      `## ${w.details}`,
      '',
      `| ${w.severity} | ${w.check} | ${w.object} | ${w.where} | ${w.message} |`,
      '| --- | --- | --- | --- | --- |',
    );
    for (const f of failing.slice(0, limit)) {
      out.push(
        `| ${w.sev[f.severity]} | ${f.checkId} | ${md(objectLabel(f))} | ${md(where(f))} | ${md(f.message)} |`,
      );
    }
    if (failing.length > limit) out.push('', w.more(failing.length - limit));
  }
  const accepted = report.findings.filter((f) => f.suppressed !== undefined);
  if (accepted.length > 0) {
    out.push('', `## ${w.accepted}`, '');
    for (const f of accepted) {
      out.push(
        `- ${f.checkId} ${md(objectLabel(f))}: ${md(f.suppressed?.justification ?? '')} (${f.suppressed === undefined ? '' : acceptance(f.suppressed, lang)})`,
      );
    }
  }
  if (report.notes.length > 0) {
    out.push('', `## ${w.notes}`, '');
    for (const n of report.notes)
      out.push(
        `- ${n.file === undefined ? '' : `${n.file}${n.line === undefined ? '' : `:${n.line}`}: `}${md(n.message)}`,
      );
  }
  return `${out.join('\n')}\n`;
}

// ---- HTML summary (fr, en) ------------------------------------------------------------------------

function html(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const HTML_STYLE = `body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:70rem;color:#1b1b1b;padding:0 1rem}
table{border-collapse:collapse;width:100%;margin:1rem 0}th,td{border:1px solid #ccc;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#f2f2f2}.critical,.high{color:#b00020;font-weight:600}.medium{color:#8a5a00}.low,.info{color:#555}
.pass{color:#0a7a2f;font-weight:600}.fail{color:#b00020;font-weight:600}code{background:#f6f6f6;padding:0 .2rem}`;

/** The same summary as renderMarkdown, as one self-contained HTML page (no script, no remote asset). */
export function renderHtml(
  report: AuditReport,
  lang: 'en' | 'fr',
  isFailing: (f: Finding) => boolean,
  limit = 200,
): string {
  const w = WORDS[lang];
  const s = report.summary;
  // French puts a (non-breaking) space before a colon.
  const colon = lang === 'fr' ? '\u00a0: ' : ': ';
  const out: string[] = [
    '<!doctype html>',
    `<html lang="${lang}"><head><meta charset="utf-8"><title>${html(w.title)}</title><style>${HTML_STYLE}</style></head><body>`,
    `<h1>${html(w.title)}</h1>`,
    '<ul>',
    `<li>${html(w.generated)}${colon}${html(report.generatedAt)}</li>`,
    `<li>${html(w.scope)}${colon}${s.objects} ${html(w.objects)}</li>`,
    `<li>${html(w.level)}${colon}<code>${html(`${report.options.level}:${report.options.pssVersion}`)}</code></li>`,
    `<li>${html(w.target)}${colon}${html(report.options.kubernetesVersion)}</li>`,
    `<li>${html(w.verdict)}${colon}${
      s.failing === 0
        ? `<span class="pass">${html(w.pass)} (${html(report.options.severityThreshold)})</span>`
        : `<span class="fail">${s.failing} ${html(w.fail)} (${html(report.options.severityThreshold)})</span>`
    }</li>`,
    '</ul>',
    `<h2>${html(w.bySeverity)}</h2>`,
    `<table><tr><th>${html(w.severity)}</th><th>${html(w.count)}</th></tr>`,
  ];
  for (const sev of ['critical', 'high', 'medium', 'low', 'info'] as const) {
    out.push(`<tr><td class="${sev}">${html(w.sev[sev])}</td><td>${s.bySeverity[sev]}</td></tr>`);
  }
  out.push('</table>');
  const failing = active(report).filter(isFailing);
  if (failing.length > 0) {
    out.push(
      `<h2>${html(w.details)}</h2>`,
      `<table><tr><th>${html(w.severity)}</th><th>${html(w.check)}</th><th>${html(w.object)}</th><th>${html(w.where)}</th><th>${html(w.message)}</th></tr>`,
    );
    for (const f of failing.slice(0, limit)) {
      out.push(
        `<tr><td class="${f.severity}">${html(w.sev[f.severity])}</td><td>${html(f.checkId)}</td><td>${html(objectLabel(f))}</td><td>${html(where(f))}</td><td>${html(f.message)}<br><small>${html(f.remediation)}</small></td></tr>`,
      );
    }
    out.push('</table>');
    if (failing.length > limit) out.push(`<p>${html(w.more(failing.length - limit))}</p>`);
  }
  const accepted = report.findings.filter((f) => f.suppressed !== undefined);
  if (accepted.length > 0) {
    out.push(`<h2>${html(w.accepted)}</h2>`, '<ul>');
    for (const f of accepted) {
      out.push(
        `<li>${html(f.checkId)} ${html(objectLabel(f))}: ${html(f.suppressed?.justification ?? '')} (${f.suppressed === undefined ? '' : html(acceptance(f.suppressed, lang))})</li>`,
      );
    }
    out.push('</ul>');
  }
  out.push('</body></html>');
  return `${out.join('\n')}\n`;
}
