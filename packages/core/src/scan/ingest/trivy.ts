import { z } from 'zod';
import { lazily } from '../../util/index.js';
import { msg } from '@quai/contracts';
import type { ReportFinding, ScanTarget } from '../report/model.js';
import {
  cvssEntrySchema,
  cvssRatings,
  digestIn,
  levelOfWord,
  makePackage,
  nonEmpty,
  purlTypeOf,
  statusOf,
  validate,
  type OsInfo,
} from './common.js';

/*
 * Trivy's JSON report (`trivy image --format json`, SchemaVersion 2): Results[].Vulnerabilities[]
 * with the package, installed and fixed versions, the vendor's status, the severity Trivy chose
 * and its source, every vendor's CVSS, the data source and the layer; the image digest from
 * Metadata.RepoDigests (else the image ID).
 */

/** The schemas, built on first use: a command that reads no such document does not pay for them. */
const schemas = lazily(() => {
  const Vulnerability = z
    .object({
      VulnerabilityID: z.string().min(1),
      VendorIDs: z.array(z.string()).nullish(),
      PkgName: z.string().min(1),
      PkgPath: z.string().nullish(),
      PkgIdentifier: z.object({ PURL: z.string().optional() }).loose().nullish(),
      InstalledVersion: z.string(),
      FixedVersion: z.string().nullish(),
      Status: z.string().nullish(),
      Layer: z.object({ Digest: z.string().optional(), DiffID: z.string().optional() }).loose().nullish(),
      SeveritySource: z.string().nullish(),
      PrimaryURL: z.string().nullish(),
      DataSource: z.object({ ID: z.string().optional(), Name: z.string().optional() }).loose().nullish(),
      Title: z.string().nullish(),
      Description: z.string().nullish(),
      Severity: z.string(),
      CVSS: z.record(z.string(), cvssEntrySchema()).nullish(),
      References: z.array(z.string()).nullish(),
      PublishedDate: z.string().nullish(),
      LastModifiedDate: z.string().nullish(),
    })
    .loose();

  const TrivyReport = z
    .object({
      SchemaVersion: z.literal(2, {
        error: 'Quai reads Trivy reports of SchemaVersion 2 (Trivy 0.20 and later)',
      }),
      ArtifactName: z.string().min(1),
      ArtifactType: z.string().optional(),
      Metadata: z
        .object({
          OS: z
            .object({ Family: z.string(), Name: z.string(), EOSL: z.boolean().optional() })
            .loose()
            .nullish(),
          ImageID: z.string().nullish(),
          RepoDigests: z.array(z.string()).nullish(),
          DiffIDs: z.array(z.string()).nullish(),
        })
        .loose()
        .optional(),
      Results: z
        .array(
          z
            .object({
              Target: z.string(),
              Class: z.string().optional(),
              Type: z.string().optional(),
              Vulnerabilities: z.array(Vulnerability).nullish(),
            })
            .loose(),
        )
        .nullish(),
    })
    .loose();
  return { TrivyReport };
});

export function isTrivyReport(value: unknown): boolean {
  return typeof value === 'object' && value !== null && 'SchemaVersion' in value && 'ArtifactName' in value;
}

export function ingestTrivy(value: unknown, file: string): ScanTarget {
  const report = validate(schemas().TrivyReport, value, file, msg('scan.what.trivyReport'));
  const meta = report.Metadata;
  const os: OsInfo | undefined =
    meta?.OS === undefined || meta.OS === null ? undefined : { id: meta.OS.Family, versionId: meta.OS.Name };
  const repoDigest = meta?.RepoDigests?.[0];
  const digest = (repoDigest === undefined ? undefined : digestIn(repoDigest)) ?? nonEmpty(meta?.ImageID);
  const findings: ReportFinding[] = [];
  for (const result of report.Results ?? []) {
    const type = purlTypeOf(result.Type ?? (result.Class === 'os-pkgs' ? (os?.id ?? 'generic') : 'generic'));
    for (const v of result.Vulnerabilities ?? []) {
      const pkg = makePackage(
        v.PkgName,
        v.InstalledVersion,
        nonEmpty(v.PkgIdentifier?.PURL),
        type,
        os,
        nonEmpty(v.PkgPath) ?? (result.Class === 'os-pkgs' ? undefined : result.Target),
      );
      const ratings = cvssRatings(v.CVSS ?? undefined);
      const source = nonEmpty(v.SeveritySource) ?? 'trivy';
      const primary = ratings.find((r) => r.source === source) ?? ratings.find((r) => r.source === 'nvd');
      const fixed = nonEmpty(v.FixedVersion);
      const status = statusOf(nonEmpty(v.Status), fixed);
      const dataSource = v.DataSource?.Name ?? v.DataSource?.ID;
      const layer = nonEmpty(v.Layer?.Digest) ?? nonEmpty(v.Layer?.DiffID);
      const summary = nonEmpty(v.Title) ?? nonEmpty(v.Description);
      const published = nonEmpty(v.PublishedDate);
      const modified = nonEmpty(v.LastModifiedDate);
      findings.push({
        package: pkg,
        vulnerability: {
          id: v.VulnerabilityID,
          aliases: (v.VendorIDs ?? []).filter((a) => a !== v.VulnerabilityID),
          ...(summary === undefined ? {} : { summary }),
          ...(published === undefined ? {} : { published }),
          ...(modified === undefined ? {} : { modified }),
          ecosystem: pkg.ecosystem,
          package: v.PkgName,
          installedVersion: v.InstalledVersion,
          ...(fixed === undefined ? {} : { fixedVersion: fixed.split(',')[0]?.trim() ?? fixed }),
          severity: {
            level: levelOfWord(v.Severity),
            source,
            ...(primary?.score === undefined ? {} : { score: primary.score }),
            ...(primary?.vector === undefined ? {} : { vector: primary.vector }),
          },
          references: [...new Set([...(v.PrimaryURL ? [v.PrimaryURL] : []), ...(v.References ?? [])])],
        },
        ...(status === undefined ? {} : { status }),
        dataSources: [dataSource === undefined ? 'trivy' : `trivy (${dataSource})`],
        ratings: ratings.filter((r) => r !== primary),
        ...(layer === undefined ? {} : { layer }),
      });
    }
  }
  return {
    name: report.ArtifactName,
    ...(digest === undefined ? {} : { digest }),
    ...(os === undefined ? {} : { os: { id: os.id, versionId: os.versionId } }),
    packages: uniquePackages(findings),
    findings,
    warnings: [],
    ...(meta?.DiffIDs ? { layers: meta.DiffIDs } : {}),
  };
}

/** The packages named by findings, once each (a report without an SBOM knows no others). */
export function uniquePackages(findings: readonly ReportFinding[]): ReportFinding['package'][] {
  const seen = new Map<string, ReportFinding['package']>();
  for (const f of findings) if (!seen.has(f.package.purl)) seen.set(f.package.purl, f.package);
  return [...seen.values()];
}
