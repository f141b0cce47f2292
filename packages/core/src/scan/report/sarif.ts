import { createHash } from 'node:crypto';
import type { SeverityLevel } from '../osv/index.js';
import { imageLabel, type ReportFinding, type ScanResults, type ScanTarget } from './model.js';

/*
 * SARIF 2.1.0: one rule per vulnerability (its id, summary, advisory links), one result per
 * (image, package, vulnerability), located at the package database or manifest the package was
 * read from inside the image (`var/lib/dpkg/status`, `app/package-lock.json`), under a base URI
 * naming the image. Accepted findings carry a SARIF suppression with their justification.
 */

const LEVEL: Readonly<Record<SeverityLevel, 'error' | 'warning' | 'note'>> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  unknown: 'warning',
  low: 'note',
  none: 'note',
};
/** GitHub code scanning ranks by `security-severity` (a CVSS-like number). */
const NOMINAL_SCORE: Readonly<Record<SeverityLevel, number>> = {
  critical: 9.5,
  high: 8.0,
  medium: 5.5,
  unknown: 5.5,
  low: 3.0,
  none: 0.0,
};

function resultLocation(t: ScanTarget, f: ReportFinding, baseId: string): Record<string, unknown> {
  const file = f.package.locations[0] ?? f.layer ?? f.package.purl;
  return {
    physicalLocation: {
      artifactLocation: { uri: encodeURI(file.replace(/^\/+/, '')), uriBaseId: baseId },
      region: { startLine: 1, startColumn: 1 },
    },
    logicalLocations: [{ fullyQualifiedName: `${imageLabel(t)}#${f.package.purl}`, kind: 'package' }],
  };
}

function fingerprint(t: ScanTarget, f: ReportFinding): string {
  return createHash('sha256')
    .update([t.digest ?? t.name, f.vulnerability.id, f.package.purl].join('\u0000'))
    .digest('hex')
    .slice(0, 32);
}

export function renderScanSarif(results: ScanResults): unknown {
  const rules: Record<string, unknown>[] = [];
  const ruleIndex = new Map<string, number>();
  const baseIds: Record<string, unknown> = {};
  const out: unknown[] = [];
  results.targets.forEach((t, ti) => {
    const baseId = `IMAGE${ti}`;
    baseIds[baseId] = { description: { text: `Files inside ${imageLabel(t)}` } };
    for (const f of t.findings) {
      const v = f.vulnerability;
      let index = ruleIndex.get(v.id);
      if (index === undefined) {
        index = rules.length;
        ruleIndex.set(v.id, index);
        const score = v.severity.score ?? NOMINAL_SCORE[v.severity.level];
        rules.push({
          id: v.id,
          shortDescription: { text: v.summary ?? v.id },
          ...(v.aliases.length === 0
            ? {}
            : { fullDescription: { text: `Also known as ${v.aliases.join(', ')}` } }),
          helpUri: v.references[0] ?? `https://osv.dev/vulnerability/${encodeURIComponent(v.id)}`,
          help: {
            text: v.references.length === 0 ? v.id : `Advisories: ${v.references.join(' ')}`,
          },
          defaultConfiguration: { level: LEVEL[v.severity.level] },
          properties: {
            tags: ['security', 'vulnerability', 'container'],
            'security-severity': score.toFixed(1),
            severity: v.severity.level,
          },
        });
      }
      const fix = v.fixedVersion === undefined ? 'no fix known' : `fixed in ${v.fixedVersion}`;
      out.push({
        ruleId: v.id,
        ruleIndex: index,
        level: LEVEL[v.severity.level],
        message: {
          text: `${imageLabel(t)}: ${f.package.name} ${f.package.version} is affected by ${v.id} (${v.severity.level}); ${fix}.`,
        },
        locations: [resultLocation(t, f, baseId)],
        partialFingerprints: { quaiVulnerability: fingerprint(t, f) },
        properties: {
          image: imageLabel(t),
          purl: f.package.purl,
          installedVersion: f.package.version,
          ...(v.fixedVersion === undefined ? {} : { fixedVersion: v.fixedVersion }),
          ...(f.status === undefined ? {} : { status: f.status }),
          ...(f.dataSources === undefined ? {} : { dataSources: f.dataSources }),
          ...(f.layer === undefined ? {} : { layer: f.layer }),
        },
        ...(f.suppressed === undefined
          ? {}
          : {
              suppressions: [
                {
                  kind: 'external',
                  status: 'accepted',
                  justification: `${f.suppressed.justification} (${f.suppressed.source}${f.suppressed.expires === undefined ? '' : `, until ${f.suppressed.expires}`})`,
                },
              ],
            }),
      });
    }
  });
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Quai',
            version: results.tool.version,
            informationUri: 'https://github.com/quai-dev/quai/blob/main/docs/scan.md',
            rules,
          },
        },
        originalUriBaseIds: baseIds,
        invocations: [{ executionSuccessful: true, endTimeUtc: results.generatedAt }],
        results: out,
      },
    ],
  };
}
