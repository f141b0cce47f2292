import { createHash } from 'node:crypto';
import type { SeverityLevel } from '../osv/index.js';
import { imageLabel, type ReportFinding, type ScanResults, type ScanTarget } from './model.js';

/*
 * GitLab's container scanning report, schema 15.2.4 (gl-container-scanning-report.json): one
 * vulnerability per (image, package, id) with its identifiers (CVE first when there is one), CVSS
 * vectors GitLab accepts, links, and the image and operating system it was found in. Accepted
 * findings are left out of `vulnerabilities` (GitLab has no suppression field) and counted in a
 * scan message, so the pipeline says how many were accepted and where.
 */

export const GITLAB_SCHEMA_VERSION = '15.2.4';

const GL_SEVERITY: Readonly<Record<SeverityLevel, string>> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  none: 'Info',
  unknown: 'Unknown',
};

/** GitLab wants seconds, no fraction, no zone: 2020-01-28T03:26:02. */
function glTime(iso: string): string {
  return iso.slice(0, 19);
}

/** A stable UUID-shaped id, so the same finding keeps its id across pipelines. */
function stableId(t: ScanTarget, f: ReportFinding): string {
  const h = createHash('sha256')
    .update([t.name.replace(/@sha256:[0-9a-f]+$/, ''), f.vulnerability.id, f.package.name].join('\u0000'))
    .digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function identifier(id: string): Record<string, string> {
  const type = (/^([A-Za-z]+)-/.exec(id)?.[1] ?? 'osv').toLowerCase();
  const url = id.startsWith('CVE-')
    ? `https://www.cve.org/CVERecord?id=${id}`
    : `https://osv.dev/vulnerability/${encodeURIComponent(id)}`;
  return { type, name: id, value: id, url };
}

const CVSS3 = /^CVSS:3[.][01]\//;
const CVSS4 = /^CVSS:4[.]0\//;

function vectors(f: ReportFinding): { vendor: string; vector: string }[] {
  const all = [f.vulnerability.severity, ...(f.ratings ?? [])];
  const out: { vendor: string; vector: string }[] = [];
  for (const s of all) {
    if (s.vector === undefined || !(CVSS3.test(s.vector) || CVSS4.test(s.vector))) continue;
    if (out.some((o) => o.vector === s.vector)) continue;
    out.push({ vendor: s.source === '' ? 'unknown' : s.source, vector: s.vector });
  }
  return out.slice(0, 10);
}

export interface GitlabOptions {
  /** When the scan started; the report's time otherwise. */
  readonly startedAt?: string;
}

export function renderScanGitlab(results: ScanResults, options: GitlabOptions = {}): unknown {
  const vulnerabilities: unknown[] = [];
  let accepted = 0;
  for (const t of results.targets) {
    const os =
      t.os === undefined ? 'unknown' : `${t.os.id}:${t.os.versionId === '' ? 'unknown' : t.os.versionId}`;
    for (const f of t.findings) {
      if (f.suppressed !== undefined) {
        accepted++;
        continue;
      }
      const v = f.vulnerability;
      const ids = [v.id, ...v.aliases];
      const cve = ids.find((i) => i.startsWith('CVE-'));
      const ordered = cve === undefined ? ids : [cve, ...ids.filter((i) => i !== cve)];
      const cvss = vectors(f);
      const links = v.references.filter((u) => /^(https?|ftp):\/\/.+/.test(u)).map((url) => ({ url }));
      vulnerabilities.push({
        id: stableId(t, f),
        name: (v.summary ?? v.id).slice(0, 255),
        description: `${v.summary ?? v.id} (${f.package.name} ${f.package.version}${f.status === undefined ? '' : `, ${f.status.replace(/_/g, ' ')}`})`,
        severity: GL_SEVERITY[v.severity.level],
        solution:
          v.fixedVersion === undefined
            ? 'No fixed version is known yet.'
            : `Upgrade ${f.package.name} from ${f.package.version} to ${v.fixedVersion}`,
        identifiers: ordered.map(identifier),
        ...(cvss.length === 0 ? {} : { cvss_vectors: cvss }),
        ...(links.length === 0 ? {} : { links }),
        location: {
          dependency: { package: { name: f.package.name }, version: f.package.version },
          operating_system: os,
          image: imageLabel(t),
        },
      });
    }
  }
  const messages = [
    ...(accepted === 0
      ? []
      : [
          {
            level: 'info',
            value: `${accepted} finding(s) accepted by ignore rules or OpenVEX statements are not listed.`,
          },
        ]),
    ...results.expiredRules.map((r) => ({
      level: 'warn',
      value: `Ignore rule for ${r.id} (${r.source}) expired on ${r.expires}; it no longer applies.`,
    })),
  ];
  const tool = {
    id: 'quai',
    name: 'Quai',
    url: 'https://github.com/quai-dev/quai',
    vendor: { name: 'Quai' },
    version: results.tool.version,
  };
  return {
    version: GITLAB_SCHEMA_VERSION,
    schema: `https://gitlab.com/gitlab-org/security-products/security-report-schemas/-/raw/v${GITLAB_SCHEMA_VERSION}/dist/container-scanning-report-format.json`,
    scan: {
      analyzer: tool,
      scanner: tool,
      type: 'container_scanning',
      start_time: glTime(options.startedAt ?? results.generatedAt),
      end_time: glTime(results.generatedAt),
      status: 'success',
      ...(messages.length === 0 ? {} : { messages }),
    },
    vulnerabilities,
    remediations: [],
  };
}
