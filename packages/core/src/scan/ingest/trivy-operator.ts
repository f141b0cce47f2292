import { z } from 'zod';
import { lazily } from '../../util/index.js';
import { msg } from '@quai/contracts';
import type { KubeClient } from '../../kube/index.js';
import type { ReportFinding, ScanTarget } from '../report/model.js';
import {
  cvssEntrySchema,
  cvssRatings,
  levelOfWord,
  makePackage,
  nonEmpty,
  purlTypeOf,
  statusOf,
  validate,
  type OsInfo,
} from './common.js';
import { uniquePackages } from './trivy.js';

/*
 * Trivy Operator's VulnerabilityReport objects (aquasecurity.github.io/v1alpha1), read from a
 * live cluster or from `kubectl get vulnerabilityreports -o json`. One report per workload
 * container; the image is registry/repository:tag with its digest. The workload it belongs to
 * (trivy-operator.resource.* labels) is kept in the target's `workloads`.
 */

export const VULNERABILITY_REPORT_API = 'aquasecurity.github.io/v1alpha1';

/** The schemas, built on first use: a command that reads no such document does not pay for them. */
const schemas = lazily(() => {
  const Vuln = z
    .object({
      vulnerabilityID: z.string().min(1),
      resource: z.string().min(1),
      installedVersion: z.string(),
      fixedVersion: z.string(),
      severity: z.string(),
      score: z.number().optional(),
      title: z.string(),
      description: z.string().optional(),
      primaryLink: z.string().optional(),
      links: z.array(z.string()).optional(),
      cvss: z.record(z.string(), cvssEntrySchema()).optional(),
      cvsssource: z.string().optional(),
      packagePURL: z.string().optional(),
      packageType: z.string().optional(),
      packagePath: z.string().optional(),
      publishedDate: z.string(),
      lastModifiedDate: z.string(),
    })
    .loose();

  const VulnerabilityReport = z
    .object({
      apiVersion: z.literal(VULNERABILITY_REPORT_API),
      kind: z.literal('VulnerabilityReport'),
      metadata: z
        .object({
          name: z.string(),
          namespace: z.string().optional(),
          labels: z.record(z.string(), z.string()).optional(),
        })
        .loose(),
      report: z
        .object({
          artifact: z
            .object({
              repository: z.string().optional(),
              tag: z.string().optional(),
              digest: z.string().optional(),
            })
            .loose(),
          registry: z.object({ server: z.string().optional() }).loose().optional(),
          os: z
            .object({
              family: z.string().optional(),
              name: z.string().optional(),
              eosl: z.boolean().optional(),
            })
            .loose(),
          scanner: z.object({ name: z.string(), vendor: z.string(), version: z.string() }).loose(),
          vulnerabilities: z.array(Vuln),
        })
        .loose(),
    })
    .loose();
  return { VulnerabilityReport };
});

export function isVulnerabilityReport(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    v['kind'] === 'VulnerabilityReport' ||
    (v['kind'] === 'VulnerabilityReportList' && Array.isArray(v['items']))
  );
}

export function ingestVulnerabilityReport(value: unknown, where: string): ScanTarget {
  const vr = validate(schemas().VulnerabilityReport, value, where, msg('scan.what.trivyOperator'));
  const r = vr.report;
  const os: OsInfo | undefined =
    r.os.family === undefined || r.os.family === ''
      ? undefined
      : { id: r.os.family, versionId: r.os.name ?? '' };
  const server = nonEmpty(r.registry?.server);
  const repo = r.artifact.repository ?? vr.metadata.name;
  const name = `${server === undefined || server === 'index.docker.io' ? '' : `${server}/`}${repo}${r.artifact.tag === undefined ? '' : `:${r.artifact.tag}`}`;
  const findings: ReportFinding[] = r.vulnerabilities.map((v) => {
    const type = purlTypeOf(v.packageType ?? os?.id ?? 'generic');
    const pkg = makePackage(
      v.resource,
      v.installedVersion,
      nonEmpty(v.packagePURL),
      type,
      os,
      nonEmpty(v.packagePath),
    );
    const ratings = cvssRatings(v.cvss);
    const source = nonEmpty(v.cvsssource) ?? 'trivy';
    const primary = ratings.find((x) => x.source === source) ?? ratings.find((x) => x.source === 'nvd');
    const fixed = nonEmpty(v.fixedVersion);
    const score = primary?.score ?? v.score;
    const status =
      fixed === undefined && r.os.eosl === true ? ('end_of_life' as const) : statusOf(undefined, fixed);
    return {
      package: pkg,
      vulnerability: {
        id: v.vulnerabilityID,
        aliases: [],
        ...(nonEmpty(v.title) === undefined ? {} : { summary: v.title }),
        ...(nonEmpty(v.publishedDate) === undefined ? {} : { published: v.publishedDate }),
        ...(nonEmpty(v.lastModifiedDate) === undefined ? {} : { modified: v.lastModifiedDate }),
        ecosystem: pkg.ecosystem,
        package: v.resource,
        installedVersion: v.installedVersion,
        ...(fixed === undefined ? {} : { fixedVersion: fixed }),
        severity: {
          level: levelOfWord(v.severity),
          source,
          ...(score === undefined ? {} : { score }),
          ...(primary?.vector === undefined ? {} : { vector: primary.vector }),
        },
        references: [...new Set([...(v.primaryLink ? [v.primaryLink] : []), ...(v.links ?? [])])],
      },
      ...(status === undefined ? {} : { status }),
      dataSources: [`trivy-operator (${r.scanner.name} ${r.scanner.version})`],
      ratings: ratings.filter((x) => x !== primary),
    };
  });
  const labels = vr.metadata.labels ?? {};
  const workload = labels['trivy-operator.resource.kind']
    ? `${labels['trivy-operator.resource.kind']} ${labels['trivy-operator.resource.namespace'] ?? vr.metadata.namespace ?? ''}/${labels['trivy-operator.resource.name'] ?? ''}${labels['trivy-operator.container.name'] ? ` container ${labels['trivy-operator.container.name']}` : ''}`
    : `VulnerabilityReport ${vr.metadata.namespace ?? ''}/${vr.metadata.name}`;
  const digest = nonEmpty(r.artifact.digest);
  return {
    name,
    ...(digest === undefined ? {} : { digest }),
    ...(os === undefined ? {} : { os: { id: os.id, versionId: os.versionId } }),
    packages: uniquePackages(findings),
    findings,
    warnings: [],
    workloads: [workload],
  };
}

/** Every VulnerabilityReport of the cluster (or of the given namespaces), as targets. */
export async function ingestClusterReports(
  client: KubeClient,
  options: { readonly namespaces?: readonly string[]; readonly signal?: AbortSignal } = {},
): Promise<ScanTarget[]> {
  const namespaces = options.namespaces ?? [undefined];
  const out: ScanTarget[] = [];
  for (const namespace of namespaces) {
    const items = await client.list(VULNERABILITY_REPORT_API, 'VulnerabilityReport', {
      ...(namespace === undefined ? {} : { namespace }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
    for (const item of items) {
      out.push(
        ingestVulnerabilityReport(
          item,
          `cluster VulnerabilityReport ${item.metadata.namespace ?? ''}/${item.metadata.name ?? ''}`,
        ),
      );
    }
  }
  return out;
}
