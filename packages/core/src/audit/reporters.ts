import { hash } from 'node:crypto';
import { stringify } from 'yaml';
import { AUDIT_REPORT_FORMATS, localize, msg, t, textOf, tr, type Lang, type Message } from '@quai/contracts';
import type { AuditHeader } from './engine.js';
import type { AuditReport, Finding, Severity } from './types.js';
import { compareText } from '../util/index.js';

/** What a report writer reads besides the findings (AuditHeader, or a whole report). */
type Header = Omit<AuditReport, 'findings'> & { readonly objectsPerCheck?: Readonly<Record<string, number>> };

/** The header of a report held in memory. */
function headerOf(report: AuditReport): AuditHeader {
  const perCheck = new Map<string, Set<string>>();
  for (const f of report.findings) {
    if (f.suppressed !== undefined) continue;
    const set = perCheck.get(f.checkId) ?? new Set<string>();
    set.add(`${objectLabel(f)}|${f.file ?? ''}`);
    perCheck.set(f.checkId, set);
  }
  const { findings: _findings, ...rest } = report;
  return { ...rest, objectsPerCheck: Object.fromEntries([...perCheck].map(([k, v]) => [k, v.size])) };
}

/** The report formats Quai writes (declared once, in the audit's contract). */
export const REPORT_FORMATS = AUDIT_REPORT_FORMATS;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

function objectLabel(f: Finding): string {
  return `${f.object.kind} ${f.object.namespace === undefined ? '' : `${f.object.namespace}/`}${f.object.name}`;
}
function where(f: Finding): string {
  if (f.file === undefined) return '';
  return f.line === undefined ? f.file : `${f.file}:${f.line}:${f.column ?? 1}`;
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

/** What the text report reads besides the findings (a run's header, or a use case's result). */
type TextHeader = Pick<Header, 'summary' | 'options'> & { readonly notes: Header['notes'] };

/**
 * `until 2027-06-30` or `with no expiry`, in the report's language, followed by who granted the
 * exception and when, if it says so: `until 2027-06-30, granted by alice on 2026-12-06`.
 */
function acceptedText(s: NonNullable<Finding['suppressed']>, lang: Lang): string {
  const until =
    s.expires === undefined
      ? tr(lang, 'audit.text.noExpiry')
      : tr(lang, 'audit.text.until', { date: s.expires });
  if (s.grantedBy === undefined && s.grantedAt === undefined) return until;
  const grant =
    s.grantedBy === undefined
      ? tr(lang, 'audit.exception.grantedOn', { date: s.grantedAt ?? '' })
      : s.grantedAt === undefined
        ? tr(lang, 'audit.exception.grantedBy', { who: s.grantedBy })
        : tr(lang, 'audit.exception.grantedByOn', { who: s.grantedBy, date: s.grantedAt });
  return `${until}, ${grant}`;
}

/**
 * The texts of messages without parameters (the checks' titles and fixes), formatted once per
 * report: a report of 100,000 findings says the same few dozen fixes.
 */
function checkTexts(lang: Lang): (m: Message) => string {
  const cache = new Map<string, string>();
  return (m) => {
    if (m.params !== undefined) return t(lang, m);
    let text = cache.get(m.id);
    if (text === undefined) {
      text = t(lang, m);
      cache.set(m.id, text);
    }
    return text;
  };
}

/** Findings grouped by object (they arrive object by object), with positions; colours only through `paint`. */
export function* textChunks(
  header: TextHeader,
  findings: Iterable<Finding>,
  paint: Painter = plain,
  lang: Lang = 'en',
): Generator<string> {
  let current: string | undefined;
  const fixes = new Map<string, string>();
  const fixOf = (f: Finding): string => {
    let line = fixes.get(f.remediation.id);
    if (line === undefined) {
      line = paint('dim', `           ${tr(lang, 'audit.text.fix', { text: f.remediation })}`);
      fixes.set(f.remediation.id, line);
    }
    return line;
  };
  for (const f of findings) {
    const key = `${objectLabel(f)}${f.file === undefined ? '' : `  (${f.file})`}`;
    if (key !== current) {
      if (current !== undefined) yield '\n';
      yield `${paint('bold', key)}\n`;
      current = key;
    }
    const sev = paint(SEVERITY_STYLE[f.severity], f.severity.toUpperCase().padEnd(8));
    const pos = f.line === undefined ? '' : paint('dim', ` ${tr(lang, 'audit.text.line', { line: f.line })}`);
    const sup =
      f.suppressed === undefined
        ? ''
        : paint(
            'dim',
            ` ${tr(lang, 'audit.text.accepted', { until: acceptedText(f.suppressed, lang), justification: f.suppressed.justification })}`,
          );
    yield `  ${sev} ${f.checkId}${pos}  ${t(lang, f.message)}${sup}\n`;
    if (f.suppressed === undefined) yield `${fixOf(f)}\n`;
  }
  if (current !== undefined) yield '\n';
  for (const n of header.notes) {
    const pos =
      n.file === undefined ? '' : `${n.file}${n.line === undefined ? '' : `:${n.line}:${n.column ?? 1}`}: `;
    const tag =
      n.kind === 'input-error'
        ? paint('red', tr(lang, 'audit.text.inputError'))
        : paint('dim', tr(lang, n.kind === 'skipped' ? 'audit.text.skipped' : 'audit.text.note'));
    const hint =
      n.hint === undefined ? '' : `\n  ${tr(lang, 'audit.text.fix', { text: textOf(lang, n.hint) })}`;
    yield `${tag}${lang === 'fr' ? '\u00a0: ' : ': '}${pos}${textOf(lang, n.message)}${hint}\n`;
  }
  if (header.notes.length > 0) yield '\n';
  yield textSummary(header, paint, lang);
}

/** The last line of a text report: how many objects, findings, accepted ones, and the verdict. */
function textSummary(header: Pick<Header, 'summary' | 'options'>, paint: Painter, lang: Lang): string {
  const s = header.summary;
  const counts = (['critical', 'high', 'medium', 'low', 'info'] as const)
    .filter((k) => s.bySeverity[k] > 0)
    .map((k) =>
      tr(lang, 'audit.text.severityCount', { count: s.bySeverity[k], severity: msg(`audit.severity.${k}`) }),
    )
    .join(', ');
  const threshold = header.options.severityThreshold;
  return tr(lang, 'audit.text.summary', {
    objects: s.objects,
    level: header.options.level,
    pssVersion: header.options.pssVersion,
    kubernetesVersion: header.options.kubernetesVersion,
    findings:
      s.findings === 0
        ? paint('green', tr(lang, 'audit.text.noFindings'))
        : tr(lang, 'audit.text.findings', { count: s.findings, counts }),
    accepted: s.suppressed > 0 ? tr(lang, 'audit.text.acceptedCount', { count: s.suppressed }) : '',
    verdict:
      s.failing > 0
        ? paint('red', tr(lang, 'audit.text.failing', { count: s.failing, threshold }))
        : paint('green', tr(lang, 'audit.text.none', { threshold })),
  });
}

export function renderText(report: AuditReport, paint: Painter = plain, lang: Lang = 'en'): string {
  return [...textChunks(report, report.findings, paint, lang)].join('');
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

function sarifRule(c: AuditReport['checks'][number], lang: Lang): unknown {
  const remediation = t(lang, c.remediation);
  return {
    id: c.id,
    // A name is an identifier for tools: from the English title, whatever the report's language.
    name: t('en', c.title).replace(/[^A-Za-z0-9]+(.)?/g, (_m, ch: string | undefined) =>
      (ch ?? '').toUpperCase(),
    ),
    shortDescription: { text: t(lang, c.title) },
    fullDescription: { text: t(lang, c.rationale) },
    help: {
      text: `${remediation}${c.references.length > 0 ? `\n${tr(lang, 'audit.report.references', { list: c.references.join('; ') })}` : ''}`,
      markdown: `${remediation}${c.references.length > 0 ? `\n\n**${tr(lang, 'audit.report.referencesHeading')}**\n${c.references.map((r) => `- ${r}`).join('\n')}` : ''}`,
    },
    defaultConfiguration: { level: sarifLevel(c.severity) },
    properties: {
      tags: ['security', 'kubernetes', c.category],
      'security-severity': SECURITY_SEVERITY[c.severity],
      severity: c.severity,
    },
  };
}

/**
 * A SARIF result as compact JSON, written directly (a report holds one per finding): the text
 * JSON.stringify gives the object below, key for key, without building it.
 *
 *   { ruleId, ruleIndex, level, message: { text },
 *     locations: [{ physicalLocation: { artifactLocation, region: { startLine, startColumn } },
 *                   logicalLocations: [{ fullyQualifiedName, kind: 'object' }] }],
 *     partialFingerprints: { quaiFinding },
 *     properties: { severity, object, path?, grantedBy?, grantedAt? },
 *     suppressions?: [{ kind, justification }] }
 */
class SarifResults {
  private readonly rules = new Map<string, string>();
  private lastFile: string | undefined;
  private lastArtifact = '';
  private lastObject: Finding['object'] | undefined;
  private lastObjectJson = '';

  constructor(
    private readonly ruleIndex: ReadonlyMap<string, number>,
    private readonly lang: Lang,
  ) {}

  /** `"ruleId":...,"ruleIndex":...,"level":...`, the same for every finding of a check. */
  private rule(f: Finding): string {
    const key = `${f.checkId}\u0000${f.severity}`;
    let text = this.rules.get(key);
    if (text === undefined) {
      text = `"ruleId":${JSON.stringify(f.checkId)},"ruleIndex":${num(this.ruleIndex.get(f.checkId) ?? -1)},"level":${JSON.stringify(sarifLevel(f.severity))}`;
      this.rules.set(key, text);
    }
    return text;
  }

  /** The artifact location: the same for the findings of a file (they come file by file). */
  private artifact(f: Finding): string {
    if (f.file === undefined) return JSON.stringify(artifactUri(f));
    if (f.file !== this.lastFile) {
      this.lastFile = f.file;
      this.lastArtifact = JSON.stringify(artifactUri(f));
    }
    return this.lastArtifact;
  }

  /** The object: findings of one object come together (and, read from memory, share it). */
  private object(f: Finding): string {
    if (f.object !== this.lastObject) {
      this.lastObject = f.object;
      this.lastObjectJson = JSON.stringify(f.object);
    }
    return this.lastObjectJson;
  }

  json(f: Finding): string {
    const lang = this.lang;
    const english = t('en', f.message);
    const text = `${objectLabel(f)}${colon(lang)}${lang === 'en' ? english : t(lang, f.message)}`;
    const name = `${f.object.namespace ?? ''}/${f.object.kind}/${f.object.name}${f.path === undefined ? '' : `#${f.path}`}`;
    const s = f.suppressed;
    let properties = `"severity":"${f.severity}","object":${this.object(f)}`;
    if (f.path !== undefined) properties += `,"path":${jsonString(f.path)}`;
    if (s?.grantedBy !== undefined) properties += `,"grantedBy":${JSON.stringify(s.grantedBy)}`;
    if (s?.grantedAt !== undefined) properties += `,"grantedAt":${JSON.stringify(s.grantedAt)}`;
    const suppressions =
      s === undefined
        ? ''
        : `,"suppressions":[{"kind":${JSON.stringify(s.source.startsWith('annotation') ? 'inSource' : 'external')},"justification":${JSON.stringify(`${s.justification} (${acceptedText(s, lang)}, ${s.source})`)}}]`;
    return (
      `{${this.rule(f)},"message":{"text":${jsonString(text)}},` +
      `"locations":[{"physicalLocation":{"artifactLocation":${this.artifact(f)},` +
      `"region":{"startLine":${num(f.line ?? 1)},"startColumn":${num(f.column ?? 1)}}},` +
      `"logicalLocations":[{"fullyQualifiedName":${jsonString(name)},"kind":"object"}]}],` +
      // Hexadecimal: nothing to escape.
      `"partialFingerprints":{"quaiFinding":"${fingerprint(f, english)}"},` +
      `"properties":{${properties}}${suppressions}}`
    );
  }
}

/** Characters JSON.stringify writes escaped (quotes, backslashes, controls, surrogates: all of them, to be safe). */
// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** A string as JSON writes it: most need no escape, and quoting them is cheaper than JSON.stringify. */
function jsonString(text: string): string {
  return NEEDS_ESCAPE.test(text) ? JSON.stringify(text) : `"${text}"`;
}

/** A number as JSON writes it. */
function num(n: number): string {
  return Number.isFinite(n) ? String(n) : 'null';
}

/**
 * SARIF 2.1.0, written result by result (a run of any size never becomes one string), with a
 * physical location for every result (GitHub and GitLab need one).
 */
export function* sarifChunks(
  header: Header,
  findings: Iterable<Finding>,
  lang: Lang = 'en',
): Generator<string> {
  const ruleIndex = new Map(header.checks.map((c, i) => [c.id, i]));
  const head = JSON.stringify({
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Quai',
            version: header.tool.version,
            informationUri: 'https://github.com/quai-dev/quai/blob/main/docs/audit.md',
            rules: header.checks.map((c) => sarifRule(c, lang)),
          },
        },
        originalUriBaseIds: { CLUSTER: { description: { text: tr(lang, 'audit.report.clusterBase') } } },
        invocations: [{ executionSuccessful: true, endTimeUtc: header.generatedAt }],
        results: [],
      },
    ],
  });
  // Compact (SARIF is read by tools, and a large run stays small); results streamed in one by one.
  const at = head.lastIndexOf('"results":[]');
  yield `${head.slice(0, at)}"results":[`;
  const results = new SarifResults(ruleIndex, lang);
  let first = true;
  for (const f of findings) {
    yield `${first ? '' : ','}\n${results.json(f)}`;
    first = false;
  }
  yield `]${head.slice(at + '"results":[]'.length)}\n`;
}

function indent(text: string, n: number): string {
  const pad = ' '.repeat(n);
  return pad + text.replace(/\n/g, `\n${pad}`);
}

/** SARIF 2.1.0 as an object (for tests and small reports). */
export function renderSarif(report: AuditReport, lang: Lang = 'en'): unknown {
  return JSON.parse([...sarifChunks(report, report.findings, lang)].join('')) as unknown;
}

/** French puts a (non-breaking) space before a colon. */
function colon(lang: Lang): string {
  return lang === 'fr' ? '\u00a0: ' : ': ';
}

/**
 * A finding's identity for code scanning, the same in every language (the message is read in
 * English), so that a team switching languages does not see every alert closed and reopened.
 */
function fingerprint(f: Finding, english: string = t('en', f.message)): string {
  return hash(
    'sha256',
    [
      f.checkId,
      f.object.apiVersion,
      f.object.kind,
      f.object.namespace ?? '',
      f.object.name,
      f.path ?? '',
      english,
    ].join('\u0000'),
    'hex',
  ).slice(0, 32);
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
 * Findings arrive object by object; one object's are held at a time.
 */
export function* junitChunks(
  header: Header,
  findings: Iterable<Finding>,
  isFailing: (f: Finding) => boolean,
  lang: Lang = 'en',
): Generator<string> {
  const s = header.summary;
  const text = checkTexts(lang);
  const total = s.findings + s.suppressed;
  yield '<?xml version="1.0" encoding="UTF-8"?>\n';
  yield `<testsuites name="quai audit" tests="${Math.max(total, 1)}" failures="${s.failing}" errors="0">\n`;
  if (total === 0) {
    yield `  <testsuite name="quai audit" tests="1" failures="0" errors="0" skipped="0">\n`;
    yield `    <testcase classname="quai.audit" name="${xml(tr(lang, 'audit.report.noFindings', { count: s.objects }))}"/>\n`;
    yield '  </testsuite>\n';
  }
  let name: string | undefined;
  let list: Finding[] = [];
  const suite = function* (): Generator<string> {
    if (name === undefined) return;
    const fails = list.filter((f) => f.suppressed === undefined && isFailing(f)).length;
    yield `  <testsuite name="${xml(name)}" tests="${list.length}" failures="${fails}" errors="0" skipped="${list.length - fails}">\n`;
    for (const f of list) {
      const attrs = `classname="${xml(`${f.object.kind}.${f.object.namespace ?? '_'}.${f.object.name}`)}" name="${xml(`${f.checkId} ${text(f.title)}`)}"${f.file === undefined ? '' : ` file="${xml(f.file)}"`}${f.line === undefined ? '' : ` line="${f.line}"`}`;
      yield `    <testcase ${attrs}>\n`;
      const message = t(lang, f.message);
      const severity = msg(`audit.severity.${f.severity}`);
      if (f.suppressed !== undefined) {
        yield `      <skipped message="${xml(tr(lang, 'audit.report.accepted', { until: acceptedText(f.suppressed, lang), justification: f.suppressed.justification }))}"/>\n`;
      } else if (isFailing(f)) {
        const body = tr(lang, 'audit.report.junitBody', {
          message,
          severity,
          where: `${where(f) || objectLabel(f)}${f.path === undefined ? '' : ` (${f.path})`}`,
          fix: text(f.remediation),
        });
        yield `      <failure message="${xml(message)}" type="${f.severity}">${xml(body)}</failure>\n`;
      } else {
        yield `      <skipped message="${xml(tr(lang, 'audit.report.belowThreshold', { severity, message }))}"/>\n`;
      }
      yield '    </testcase>\n';
    }
    yield '  </testsuite>\n';
  };
  for (const f of findings) {
    const label = objectLabel(f);
    if (label !== name) {
      yield* suite();
      name = label;
      list = [];
    }
    list.push(f);
  }
  yield* suite();
  yield '</testsuites>\n';
}

export function renderJUnit(
  report: AuditReport,
  isFailing: (f: Finding) => boolean,
  lang: Lang = 'en',
): string {
  return [...junitChunks(report, report.findings, isFailing, lang)].join('');
}

// ---- GitLab code quality ------------------------------------------------------------------------

const GITLAB_SEVERITY: Readonly<Record<Severity, string>> = {
  info: 'info',
  low: 'minor',
  medium: 'major',
  high: 'critical',
  critical: 'blocker',
};

function gitlabIssue(f: Finding, lang: Lang, text: (m: Message) => string): unknown {
  const english = t('en', f.message);
  return {
    type: 'issue',
    check_name: f.checkId,
    description: `${objectLabel(f)}${colon(lang)}${lang === 'en' ? english : t(lang, f.message)}`,
    content: { body: text(f.remediation) },
    categories: ['Security'],
    fingerprint: fingerprint(f, english),
    severity: GITLAB_SEVERITY[f.severity],
    location: {
      path: f.file ?? artifactUri(f).uri,
      lines: { begin: f.line ?? 1 },
    },
  };
}

/** GitLab's code quality report (a subset of Code Climate's): one issue per active finding. */
export function* gitlabCodeQualityChunks(findings: Iterable<Finding>, lang: Lang = 'en'): Generator<string> {
  const text = checkTexts(lang);
  let first = true;
  for (const f of findings) {
    if (f.suppressed !== undefined) continue;
    yield `${first ? '[' : ','}\n${indent(JSON.stringify(gitlabIssue(f, lang, text), null, 2), 2)}`;
    first = false;
  }
  yield first ? '[]\n' : '\n]\n';
}

export function renderGitlabCodeQuality(report: AuditReport, lang: Lang = 'en'): unknown {
  return JSON.parse([...gitlabCodeQualityChunks(report.findings, lang)].join('')) as unknown;
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

/** The most frequent checks: how many objects each found something on. */
function topChecks(
  header: Header,
  lang: Lang,
): { id: string; title: string; severity: Severity; objects: number }[] {
  const titles = new Map(header.checks.map((c) => [c.id, c]));
  return Object.entries(header.objectsPerCheck ?? {})
    .map(([id, objects]) => {
      const check = titles.get(id);
      return { id, check, objects };
    })
    .sort((a, b) => b.objects - a.objects || compareText(a.id, b.id))
    .slice(0, 15)
    .map(({ id, check, objects }) => ({
      id,
      title: check === undefined ? id : t(lang, check.title),
      severity: check?.severity ?? 'info',
      objects,
    }));
}

/** At most this many accepted findings and notes are listed in a summary (the count is given). */
const SUMMARY_LIST_LIMIT = 200;

/** What a summary lists after its failing findings: the accepted ones (up to a bound) and counts. */
interface SummaryTail {
  failing: number;
  shown: number;
  readonly accepted: Finding[];
  acceptedCount: number;
}

/**
 * One pass over the findings for a summary: yields `row(f, first)` for the first `limit` failing
 * findings, and gathers the accepted ones in `tail`.
 */
function* summaryRows(
  findings: Iterable<Finding>,
  isFailing: (f: Finding) => boolean,
  limit: number,
  row: (f: Finding, first: boolean) => string,
  tail: SummaryTail,
): Generator<string> {
  for (const f of findings) {
    if (f.suppressed !== undefined) {
      if (tail.accepted.length < SUMMARY_LIST_LIMIT) tail.accepted.push(f);
      tail.acceptedCount++;
      continue;
    }
    if (!isFailing(f)) continue;
    tail.failing++;
    if (tail.shown >= limit) continue;
    yield row(f, tail.shown === 0);
    tail.shown++;
  }
}

/** A one-page summary for the security officer, in French or English. */
export function* markdownChunks(
  header: Header,
  findings: Iterable<Finding>,
  lang: 'en' | 'fr',
  isFailing: (f: Finding) => boolean,
  limit = 50,
): Generator<string> {
  const w = WORDS[lang];
  const s = header.summary;
  // French puts a (non-breaking) space before a colon.
  const colon = lang === 'fr' ? '\u00a0: ' : ': ';
  const out: string[] = [`# ${w.title}`, ''];
  out.push(`- ${w.generated}${colon}${header.generatedAt}`);
  out.push(`- ${w.scope}${colon}${s.objects} ${w.objects}`);
  out.push(`- ${w.level}${colon}\`${header.options.level}:${header.options.pssVersion}\``);
  out.push(`- ${w.target}${colon}${header.options.kubernetesVersion}`);
  out.push(
    `- ${w.verdict}${colon}${s.failing === 0 ? `✅ ${w.pass} (${header.options.severityThreshold})` : `❌ ${s.failing} ${w.fail} (${header.options.severityThreshold})`}`,
  );
  out.push('', `## ${w.bySeverity}`, '', `| ${w.severity} | ${w.count} |`, '| --- | ---: |');
  for (const sev of ['critical', 'high', 'medium', 'low', 'info'] as const)
    out.push(`| ${w.sev[sev]} | ${s.bySeverity[sev]} |`);
  const top = topChecks(header, lang);
  if (top.length > 0) {
    out.push(
      '',
      `## ${w.topChecks}`,
      '',
      `| ${w.check} | ${w.title2} | ${w.severity} | ${w.objectsCol} |`,
      '| --- | --- | --- | ---: |',
    );
    for (const e of top) out.push(`| ${e.id} | ${md(e.title)} | ${w.sev[e.severity]} | ${e.objects} |`);
  }
  yield `${out.join('\n')}\n`;
  const tail: SummaryTail = { failing: 0, shown: 0, accepted: [], acceptedCount: 0 };
  yield* summaryRows(
    findings,
    isFailing,
    limit,
    (f, first) =>
      `${first ? `\n## ${w.details}\n\n| ${w.severity} | ${w.check} | ${w.object} | ${w.where} | ${w.message} |\n| --- | --- | --- | --- | --- |\n` : ''}| ${w.sev[f.severity]} | ${f.checkId} | ${md(objectLabel(f))} | ${md(where(f))} | ${md(t(lang, f.message))} |\n`,
    tail,
  );
  const { failing, accepted, acceptedCount } = tail;
  if (failing > limit) yield `\n${w.more(failing - limit)}\n`;
  if (acceptedCount > 0) {
    yield `\n## ${w.accepted}\n\n`;
    for (const f of accepted) {
      yield `- ${f.checkId} ${md(objectLabel(f))}${colon}${md(f.suppressed?.justification ?? '')} (${f.suppressed === undefined ? '' : acceptedText(f.suppressed, lang)})\n`;
    }
    if (acceptedCount > accepted.length) yield `\n${w.more(acceptedCount - accepted.length)}\n`;
  }
  if (header.notes.length > 0) {
    yield `\n## ${w.notes}\n\n`;
    for (const n of header.notes.slice(0, SUMMARY_LIST_LIMIT))
      yield `- ${n.file === undefined ? '' : `${n.file}${n.line === undefined ? '' : `:${n.line}`}: `}${md(textOf(lang, n.message))}\n`;
    if (header.notes.length > SUMMARY_LIST_LIMIT)
      yield `\n${w.more(header.notes.length - SUMMARY_LIST_LIMIT)}\n`;
  }
}

export function renderMarkdown(
  report: AuditReport,
  lang: 'en' | 'fr',
  isFailing: (f: Finding) => boolean,
  limit = 50,
): string {
  return [...markdownChunks(headerOf(report), report.findings, lang, isFailing, limit)].join('');
}

// ---- HTML summary (fr, en) ------------------------------------------------------------------------

function html(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const HTML_STYLE = `body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:70rem;color:#1b1b1b;padding:0 1rem}
table{border-collapse:collapse;width:100%;margin:1rem 0}th,td{border:1px solid #ccc;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#f2f2f2}.critical,.high{color:#b00020;font-weight:600}.medium{color:#8a5a00}.low,.info{color:#555}
.pass{color:#0a7a2f;font-weight:600}.fail{color:#b00020;font-weight:600}code{background:#f6f6f6;padding:0 .2rem}`;

/** The same summary as markdownChunks, as one self-contained HTML page (no script, no remote asset). */
export function* htmlChunks(
  header: Header,
  findings: Iterable<Finding>,
  lang: 'en' | 'fr',
  isFailing: (f: Finding) => boolean,
  limit = 200,
): Generator<string> {
  const w = WORDS[lang];
  const s = header.summary;
  // French puts a (non-breaking) space before a colon.
  const colon = lang === 'fr' ? '\u00a0: ' : ': ';
  const out: string[] = [
    '<!doctype html>',
    `<html lang="${lang}"><head><meta charset="utf-8"><title>${html(w.title)}</title><style>${HTML_STYLE}</style></head><body>`,
    `<h1>${html(w.title)}</h1>`,
    '<ul>',
    `<li>${html(w.generated)}${colon}${html(header.generatedAt)}</li>`,
    `<li>${html(w.scope)}${colon}${s.objects} ${html(w.objects)}</li>`,
    `<li>${html(w.level)}${colon}<code>${html(`${header.options.level}:${header.options.pssVersion}`)}</code></li>`,
    `<li>${html(w.target)}${colon}${html(header.options.kubernetesVersion)}</li>`,
    `<li>${html(w.verdict)}${colon}${
      s.failing === 0
        ? `<span class="pass">${html(w.pass)} (${html(header.options.severityThreshold)})</span>`
        : `<span class="fail">${s.failing} ${html(w.fail)} (${html(header.options.severityThreshold)})</span>`
    }</li>`,
    '</ul>',
    `<h2>${html(w.bySeverity)}</h2>`,
    `<table><tr><th>${html(w.severity)}</th><th>${html(w.count)}</th></tr>`,
  ];
  for (const sev of ['critical', 'high', 'medium', 'low', 'info'] as const) {
    out.push(`<tr><td class="${sev}">${html(w.sev[sev])}</td><td>${s.bySeverity[sev]}</td></tr>`);
  }
  out.push('</table>');
  yield `${out.join('\n')}\n`;
  const tail: SummaryTail = { failing: 0, shown: 0, accepted: [], acceptedCount: 0 };
  yield* summaryRows(
    findings,
    isFailing,
    limit,
    (f, first) =>
      `${first ? `<h2>${html(w.details)}</h2>\n<table><tr><th>${html(w.severity)}</th><th>${html(w.check)}</th><th>${html(w.object)}</th><th>${html(w.where)}</th><th>${html(w.message)}</th></tr>\n` : ''}<tr><td class="${f.severity}">${html(w.sev[f.severity])}</td><td>${html(f.checkId)}</td><td>${html(objectLabel(f))}</td><td>${html(where(f))}</td><td>${html(t(lang, f.message))}<br><small>${html(t(lang, f.remediation))}</small></td></tr>\n`,
    tail,
  );
  const { failing, shown, accepted, acceptedCount } = tail;
  if (shown > 0) yield '</table>\n';
  if (failing > limit) yield `<p>${html(w.more(failing - limit))}</p>\n`;
  if (acceptedCount > 0) {
    yield `<h2>${html(w.accepted)}</h2>\n<ul>\n`;
    for (const f of accepted) {
      yield `<li>${html(f.checkId)} ${html(objectLabel(f))}${colon}${html(f.suppressed?.justification ?? '')} (${f.suppressed === undefined ? '' : html(acceptedText(f.suppressed, lang))})</li>\n`;
    }
    yield '</ul>\n';
    if (acceptedCount > accepted.length) yield `<p>${html(w.more(acceptedCount - accepted.length))}</p>\n`;
  }
  yield '</body></html>\n';
}

export function renderHtml(
  report: AuditReport,
  lang: 'en' | 'fr',
  isFailing: (f: Finding) => boolean,
  limit = 200,
): string {
  return [...htmlChunks(headerOf(report), report.findings, lang, isFailing, limit)].join('');
}

// ---- JSON and YAML --------------------------------------------------------------------------------

/** The whole report as one JSON document (indented like JSON.stringify(report, null, 2)), streamed. */
export function* jsonChunks(
  header: Header,
  findings: Iterable<Finding>,
  lang: Lang = 'en',
): Generator<string> {
  const { objectsPerCheck: _o, checks: allChecks, ...head } = header;
  const notes = localize(header.notes, lang);
  const checks = localize(allChecks, lang);
  const open = JSON.stringify({ ...head, findings: [] }, null, 2);
  yield `${open.slice(0, open.lastIndexOf('[]'))}[`;
  let first = true;
  for (const f of findings) {
    yield `${first ? '' : ','}\n${indent(JSON.stringify(localize(f, lang), null, 2), 4)}`;
    first = false;
  }
  const tail = JSON.stringify({ notes, checks }, null, 2);
  yield `${first ? '' : '\n  '}],\n${tail.slice(2)}\n`;
}

/** The whole report as one YAML document, streamed finding by finding. */
export function* yamlChunks(
  header: Header,
  findings: Iterable<Finding>,
  lang: Lang = 'en',
): Generator<string> {
  const { objectsPerCheck: _o, checks: allChecks, ...head } = header;
  const notes = localize(header.notes, lang);
  const checks = localize(allChecks, lang);
  yield stringify(head);
  let first = true;
  for (const f of findings) {
    if (first) yield 'findings:\n';
    first = false;
    yield stringify([localize(f, lang)]);
  }
  if (first) yield 'findings: []\n';
  yield stringify({ notes, checks });
}
