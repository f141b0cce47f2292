import { textOf, type Lang } from '@quai/contracts';
import { SEVERITY_ORDER, type ScanReport } from '../findings.js';
import type { Inventory, InventoryPackage, ScanWarning } from '../inventory/index.js';
import type { AffectedBy, Severity, SeverityLevel, VulnerabilityMatch } from '../osv/index.js';

/*
 * One view of scan results, whatever produced them: Quai's own offline scan, a Trivy or GitLab
 * report, a CycloneDX SBOM with vulnerabilities, Trivy Operator's VulnerabilityReports. Every
 * writer (text, JSON, SARIF, CycloneDX, SPDX, GitLab, OpenVEX) reads this shape. A finding keeps
 * the installed package and the vulnerability as the native scan has them, plus what other tools
 * add: the vendor's status (will not fix, end of life), every data source that reported it, the
 * layer, and the exception or VEX statement that accepted it. Suppressed findings stay in the
 * view: writers show them as such, never drop them silently.
 */

/** The vendor's fix status, as Trivy and the distributions' trackers give it. */
export const FINDING_STATUSES = [
  'affected',
  'fixed',
  'will_not_fix',
  'fix_deferred',
  'end_of_life',
  'under_investigation',
  'unknown',
] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

/** The OpenVEX 0.2.0 justifications for not_affected. */
export const VEX_JUSTIFICATIONS = [
  'component_not_present',
  'vulnerable_code_not_present',
  'vulnerable_code_not_in_execute_path',
  'vulnerable_code_cannot_be_controlled_by_adversary',
  'inline_mitigations_already_exist',
] as const;
export type VexJustification = (typeof VEX_JUSTIFICATIONS)[number];

export interface Suppression {
  /** An ignore rule of `.quai-scan-ignore.yaml`, an OpenVEX statement, or the analysis of an imported CycloneDX VEX. */
  readonly by: 'ignore-rule' | 'openvex' | 'cyclonedx-analysis';
  /** Why the risk is accepted, in the author's words. */
  readonly justification: string;
  /** `file:line` of the rule, or the VEX document's file and @id. */
  readonly source: string;
  /** Last day the rule applies (YYYY-MM-DD). */
  readonly expires?: string;
  readonly author?: string;
  readonly vexStatus?: 'not_affected' | 'fixed';
  readonly vexJustification?: VexJustification;
}

/** A vulnerability as a report names it; imported ones may lack what only OSV records carry. */
export type ReportVulnerability = Omit<VulnerabilityMatch, 'affectedBy' | 'modified' | 'ecosystem'> & {
  readonly affectedBy?: AffectedBy;
  readonly modified?: string;
  readonly ecosystem?: string;
};

/**
 * A package as reports name it: the inventory's shape, with any kind an imported report may give
 * (rpm, gem, maven, ...), not only the kinds Quai's own inventory reads.
 */
export type ReportPackage = Omit<InventoryPackage, 'kind'> & { readonly kind: string };

export interface ReportFinding {
  readonly package: ReportPackage;
  readonly vulnerability: ReportVulnerability;
  readonly status?: FindingStatus;
  /** Who reported it: `quai`, `trivy`, `gitlab`, `cyclonedx`, `trivy-operator`, with the tool's data source. */
  readonly dataSources?: readonly string[];
  /** Other ratings (CVSS from other vendors), beside the primary severity. */
  readonly ratings?: readonly Severity[];
  /** Digest of the layer that brought the package in, when known. */
  readonly layer?: string;
  readonly suppressed?: Suppression;
}

export interface ScanTarget {
  /** The image reference, archive or folder scanned. */
  readonly name: string;
  /** Manifest digest or image ID; findings are deduplicated per digest. */
  readonly digest?: string;
  readonly os?: Inventory['os'];
  /** The packages known for the target (all of them for a native scan or an SBOM). */
  readonly packages: readonly ReportPackage[];
  /** How many packages the target has, when the source knows all of them (a scan, an SBOM). */
  readonly packageCount?: number;
  readonly findings: readonly ReportFinding[];
  readonly warnings: readonly ScanWarning[];
  readonly layers?: readonly string[];
  /** The workloads running the image (`Deployment grist/grist container app`), when known. */
  readonly workloads?: readonly string[];
}

export interface ExpiredRule {
  readonly id: string;
  readonly expires: string;
  readonly source: string;
  readonly justification: string;
}

export interface ScanSummary {
  readonly targets: number;
  readonly findings: number;
  /** Active (not suppressed) findings per severity. */
  readonly bySeverity: Readonly<Record<SeverityLevel, number>>;
  readonly suppressed: number;
}

export interface ScanResults {
  readonly tool: { readonly name: 'quai'; readonly version: string };
  readonly generatedAt: string;
  readonly targets: readonly ScanTarget[];
  /** Ignore rules past their expiry: they no longer apply, and are listed so someone renews or removes them. */
  readonly expiredRules: readonly ExpiredRule[];
  readonly summary: ScanSummary;
}

/**
 * The results with every warning as text in one language: what the report files and `-o json|yaml`
 * hold (a reader of a report reads text, not catalog ids).
 */
export function withWarningTexts(results: ScanResults, lang: Lang): ScanResults {
  return {
    ...results,
    targets: results.targets.map((t) => ({ ...t, warnings: t.warnings.map((w) => textOf(lang, w)) })),
  };
}

export function severityRank(level: SeverityLevel): number {
  return SEVERITY_ORDER.indexOf(level);
}

function compareFindings(a: ReportFinding, b: ReportFinding): number {
  const s = severityRank(a.vulnerability.severity.level) - severityRank(b.vulnerability.severity.level);
  if (s !== 0) return s;
  if (a.package.name !== b.package.name) return a.package.name < b.package.name ? -1 : 1;
  return a.vulnerability.id < b.vulnerability.id ? -1 : a.vulnerability.id > b.vulnerability.id ? 1 : 0;
}

export function summarize(targets: readonly ScanTarget[]): ScanSummary {
  const bySeverity = { critical: 0, high: 0, medium: 0, low: 0, none: 0, unknown: 0 };
  let findings = 0;
  let suppressed = 0;
  for (const t of targets) {
    for (const f of t.findings) {
      findings++;
      if (f.suppressed === undefined) bySeverity[f.vulnerability.severity.level]++;
      else suppressed++;
    }
  }
  return { targets: targets.length, findings, bySeverity, suppressed };
}

export interface ResultsOptions {
  readonly toolVersion: string;
  readonly now?: () => Date;
  readonly expiredRules?: readonly ExpiredRule[];
}

/** Builds the view; findings sorted by severity, then package, then id. */
export function buildResults(targets: readonly ScanTarget[], options: ResultsOptions): ScanResults {
  const sorted = targets.map((t) => ({ ...t, findings: [...t.findings].sort(compareFindings) }));
  return {
    tool: { name: 'quai', version: options.toolVersion },
    generatedAt: (options.now ?? (() => new Date()))().toISOString(),
    targets: sorted,
    expiredRules: options.expiredRules ?? [],
    summary: summarize(sorted),
  };
}

/** A native scan as a target: every package of the inventory, findings from the local OSV store. */
export function targetFromScan(name: string, inventory: Inventory, report: ScanReport): ScanTarget {
  return {
    name,
    ...(inventory.image === undefined
      ? {}
      : { digest: inventory.image.manifestDigest, layers: inventory.image.layers }),
    ...(inventory.os === undefined ? {} : { os: inventory.os }),
    packages: inventory.packages,
    packageCount: inventory.packages.length,
    findings: report.findings.map((f) => ({ ...f, dataSources: ['quai (OSV store)'] })),
    warnings: report.warnings,
  };
}

/** Active findings of every target: what thresholds and exit codes look at. */
export function activeFindings(results: ScanResults): ReportFinding[] {
  return results.targets.flatMap((t) => t.findings.filter((f) => f.suppressed === undefined));
}

/** `name@digest` when the digest is known and not already in the name. */
export function imageLabel(t: ScanTarget): string {
  return t.digest === undefined || t.name.includes(t.digest) ? t.name : `${t.name}@${t.digest}`;
}
