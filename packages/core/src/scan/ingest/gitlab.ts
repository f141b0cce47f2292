import { z } from 'zod';
import { lazily } from '../../util/index.js';
import { msg } from '@quai/contracts';
import type { ReportFinding, ScanTarget } from '../report/model.js';
import {
  digestIn,
  fixedFromText,
  levelOfWord,
  makePackage,
  purlTypeOf,
  validate,
  type OsInfo,
} from './common.js';
import { uniquePackages } from './trivy.js';

/*
 * GitLab's container scanning report (gl-container-scanning-report.json, any 14.x or 15.x
 * version): one finding per vulnerability, grouped by the image each names. GitLab has no
 * fixed-version field; the version is read from the solution ("Upgrade apt from 1.4.8 to 1.4.9").
 */

/** The schemas, built on first use: a command that reads no such document does not pay for them. */
const schemas = lazily(() => {
  const Vulnerability = z
    .object({
      id: z.string().optional(),
      name: z.string().optional(),
      message: z.string().optional(),
      description: z.string().optional(),
      severity: z.string().optional(),
      solution: z.string().optional(),
      identifiers: z
        .array(
          z
            .object({ type: z.string(), name: z.string(), value: z.string(), url: z.string().optional() })
            .loose(),
        )
        .min(1),
      cvss_vectors: z
        .array(z.object({ vendor: z.string().optional(), vector: z.string() }).loose())
        .optional(),
      links: z.array(z.object({ url: z.string() }).loose()).optional(),
      location: z
        .object({
          dependency: z
            .object({ package: z.object({ name: z.string() }).loose(), version: z.string() })
            .loose(),
          operating_system: z.string().optional(),
          image: z.string().min(1),
        })
        .loose(),
    })
    .loose();

  const GitlabReport = z
    .object({
      version: z.string(),
      vulnerabilities: z.array(Vulnerability),
      scan: z
        .object({
          type: z.string().optional(),
          scanner: z.object({ id: z.string().optional(), name: z.string().optional() }).loose().optional(),
        })
        .loose()
        .optional(),
    })
    .loose();
  return { GitlabReport };
});

export function isGitlabReport(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  const scan = v['scan'] as Record<string, unknown> | undefined;
  return (
    typeof v['version'] === 'string' &&
    Array.isArray(v['vulnerabilities']) &&
    (scan?.['type'] === undefined ||
      (typeof scan['type'] === 'string' && scan['type'].startsWith('container_scanning')))
  );
}

function osOf(text: string | undefined): OsInfo | undefined {
  if (text === undefined || text === '' || text === 'unknown') return undefined;
  const [id, versionId] = text.split(':');
  return { id: (id ?? text).toLowerCase(), versionId: versionId ?? '' };
}

export function ingestGitlab(value: unknown, file: string): ScanTarget[] {
  const report = validate(schemas().GitlabReport, value, file, msg('scan.what.gitlabReport'));
  const scanner = report.scan?.scanner?.name ?? report.scan?.scanner?.id;
  const byImage = new Map<string, { os: OsInfo | undefined; findings: ReportFinding[] }>();
  for (const v of report.vulnerabilities) {
    const os = osOf(v.location.operating_system);
    const group = byImage.get(v.location.image) ?? { os, findings: [] };
    byImage.set(v.location.image, group);
    const ids = v.identifiers.map((i) => i.value);
    const primary = ids.find((i) => /^(CVE|GHSA)-/.test(i)) ?? ids[0] ?? v.id ?? 'unknown';
    const pkg = makePackage(
      v.location.dependency.package.name,
      v.location.dependency.version,
      undefined,
      purlTypeOf(os?.id ?? 'generic'),
      os,
    );
    const vector = v.cvss_vectors?.[0];
    const fixed = fixedFromText(v.solution);
    const summary = v.name ?? v.message ?? v.description;
    group.findings.push({
      package: pkg,
      vulnerability: {
        id: primary,
        aliases: [...new Set(ids.filter((i) => i !== primary))],
        ...(summary === undefined ? {} : { summary }),
        ecosystem: pkg.ecosystem,
        package: pkg.name,
        installedVersion: pkg.version,
        ...(fixed === undefined ? {} : { fixedVersion: fixed }),
        severity: {
          level: levelOfWord(v.severity),
          source: vector?.vendor ?? 'gitlab',
          ...(vector === undefined ? {} : { vector: vector.vector }),
        },
        references: [
          ...new Set([
            ...v.identifiers.flatMap((i) => (i.url ? [i.url] : [])),
            ...(v.links ?? []).map((l) => l.url),
          ]),
        ],
      },
      ...(fixed === undefined ? {} : { status: 'fixed' as const }),
      dataSources: [scanner === undefined ? 'gitlab' : `gitlab (${scanner})`],
    });
  }
  return [...byImage].map(([image, g]) => {
    const digest = digestIn(image);
    return {
      name: image,
      ...(digest === undefined ? {} : { digest }),
      ...(g.os === undefined ? {} : { os: { id: g.os.id, versionId: g.os.versionId } }),
      packages: uniquePackages(g.findings),
      findings: g.findings,
      warnings: [],
    };
  });
}
