import { z } from 'zod';
import { lazily } from '../../util/index.js';
import { msg } from '@quai/contracts';
import type { ReportFinding, ReportPackage, ScanTarget, Suppression } from '../report/model.js';
import { parsePurl } from '../exceptions/purl.js';
import { digestIn, fixedFromText, levelOfWord, makePackage, validate, type OsInfo } from './common.js';

/*
 * CycloneDX SBOMs (JSON, 1.4 to 1.6): components (nested ones too) become the target's packages;
 * `vulnerabilities`, when present, become findings on the components they affect, with every
 * rating; an analysis stating not_affected, false_positive or resolved, or an exploitable finding
 * whose response is will_not_fix (an accepted risk), marks the finding accepted.
 */

interface Component {
  readonly 'bom-ref'?: string | undefined;
  readonly properties?: readonly { readonly name: string; readonly value?: string | undefined }[] | undefined;
  readonly type?: string | undefined;
  readonly name: string;
  readonly version?: string | undefined;
  readonly purl?: string | undefined;
  readonly components?: readonly Component[] | undefined;
}
/** The schemas, built on first use: a command that reads no such document does not pay for them. */
const schemas = lazily(() => {
  const ComponentSchema: z.ZodType<Component> = z.lazy(() =>
    z
      .object({
        'bom-ref': z.string().optional(),
        type: z.string().optional(),
        name: z.string(),
        version: z.string().optional(),
        purl: z.string().optional(),
        properties: z.array(z.object({ name: z.string(), value: z.string().optional() }).loose()).optional(),
        components: z.array(ComponentSchema).optional(),
      })
      .loose(),
  );

  const Rating = z
    .object({
      source: z.object({ name: z.string().optional() }).loose().optional(),
      score: z.number().optional(),
      severity: z.string().optional(),
      method: z.string().optional(),
      vector: z.string().optional(),
    })
    .loose();

  const Vulnerability = z
    .object({
      id: z.string().min(1),
      source: z.object({ name: z.string().optional() }).loose().optional(),
      references: z.array(z.object({ id: z.string() }).loose()).optional(),
      ratings: z.array(Rating).optional(),
      description: z.string().optional(),
      recommendation: z.string().optional(),
      published: z.string().optional(),
      updated: z.string().optional(),
      advisories: z.array(z.object({ url: z.string() }).loose()).optional(),
      analysis: z
        .object({
          state: z.string().optional(),
          justification: z.string().optional(),
          response: z.array(z.string()).optional(),
          detail: z.string().optional(),
        })
        .loose()
        .optional(),
      affects: z.array(z.object({ ref: z.string() }).loose()).min(1),
    })
    .loose();

  const CycloneDxBom = z
    .object({
      bomFormat: z.literal('CycloneDX'),
      specVersion: z.string(),
      serialNumber: z.string().optional(),
      metadata: z.object({ component: ComponentSchema.optional() }).loose().optional(),
      components: z.array(ComponentSchema).optional(),
      vulnerabilities: z.array(Vulnerability).optional(),
    })
    .loose();
  return { CycloneDxBom };
});

export function isCycloneDx(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Record<string, unknown>)['bomFormat'] === 'CycloneDX'
  );
}

function flatten(components: readonly Component[]): Component[] {
  return components.flatMap((c) => [c, ...flatten(c.components ?? [])]);
}

/** The source package as Quai's and Trivy's SBOMs record it (Debian and Alpine advisories name it). */
const SOURCE_NAME = ['quai:package:source', 'aquasecurity:trivy:SrcName'];
const SOURCE_VERSION = ['quai:package:source-version', 'aquasecurity:trivy:SrcVersion'];
const LOCATION = ['quai:package:location', 'aquasecurity:trivy:FilePath'];

function withSource(pkg: ReportPackage, c: Component): ReportPackage {
  const prop = (names: readonly string[]): string | undefined =>
    c.properties?.find((p) => names.includes(p.name) && p.value !== undefined && p.value !== '')?.value;
  const sourceName = prop(SOURCE_NAME);
  // Trivy 0.5x and later split the source version as dpkg and rpm do: epoch, version, release.
  const epoch = prop(['aquasecurity:trivy:SrcEpoch']);
  const release = prop(['aquasecurity:trivy:SrcRelease']);
  const base = prop(SOURCE_VERSION);
  const sourceVersion =
    base === undefined
      ? undefined
      : `${epoch === undefined || epoch === '0' ? '' : `${epoch}:`}${base}${release === undefined ? '' : `-${release}`}`;
  const locations = (c.properties ?? [])
    .filter((p) => LOCATION.includes(p.name) && p.value)
    .map((p) => p.value ?? '');
  return {
    ...pkg,
    ...(sourceName === undefined ? {} : { sourceName }),
    ...(sourceVersion === undefined ? {} : { sourceVersion }),
    ...(locations.length === 0 ? {} : { locations }),
  };
}

const ACCEPTED_STATES: ReadonlySet<string> = new Set(['not_affected', 'false_positive', 'resolved']);

export function ingestCycloneDx(value: unknown, file: string): ScanTarget {
  const bom = validate(schemas().CycloneDxBom, value, file, msg('scan.what.cyclonedx'));
  const all = flatten(bom.components ?? []);
  const osComponent = all.find((c) => c.type === 'operating-system');
  const os: OsInfo | undefined =
    osComponent === undefined
      ? undefined
      : { id: osComponent.name.toLowerCase(), versionId: osComponent.version ?? '' };
  const packages: ReportPackage[] = [];
  const byRef = new Map<string, ReportPackage>();
  for (const c of all) {
    if (c.type === 'operating-system' || c.type === 'container') continue;
    if (c.purl === undefined && c.version === undefined) continue;
    const type = c.purl === undefined ? 'generic' : (parsePurl(c.purl)?.type ?? 'generic');
    const pkg = withSource(makePackage(c.name, c.version ?? '', c.purl, type, os), c);
    packages.push(pkg);
    if (c['bom-ref'] !== undefined) byRef.set(c['bom-ref'], pkg);
    if (c.purl !== undefined) byRef.set(c.purl, pkg);
  }
  const findings: ReportFinding[] = [];
  const tool = `cyclonedx${bom.serialNumber === undefined ? '' : ` ${bom.serialNumber}`}`;
  (bom.vulnerabilities ?? []).forEach((v, vi) => {
    const ratings = (v.ratings ?? []).map((r) => ({
      level: r.severity !== undefined ? levelOfWord(r.severity) : levelOfWord(undefined),
      source: r.source?.name ?? v.source?.name ?? 'cyclonedx',
      ...(r.score === undefined ? {} : { score: r.score }),
      ...(r.vector === undefined ? {} : { vector: r.vector }),
    }));
    // As Trivy chooses: the data source's own rating, else NVD's CVSS v3, else the first given.
    const primary =
      ratings.find((r) => r.source === v.source?.name) ??
      ratings.find((r) => r.source === 'nvd' && r.vector?.startsWith('CVSS:3') === true) ??
      ratings[0];
    const others = ratings.filter((r) => r !== primary);
    const fixed = fixedFromText(v.recommendation);
    const state = v.analysis?.state;
    // Accepted: not affected, resolved, a false positive, or a risk taken (exploitable, will not fix).
    const acceptedRisk = state === 'exploitable' && (v.analysis?.response ?? []).includes('will_not_fix');
    const suppressed: Suppression | undefined =
      state !== undefined && (ACCEPTED_STATES.has(state) || acceptedRisk)
        ? {
            by: 'cyclonedx-analysis',
            justification: v.analysis?.detail ?? v.analysis?.justification ?? state,
            source: `${file}#/vulnerabilities/${vi}`,
            ...(acceptedRisk
              ? {}
              : { vexStatus: state === 'resolved' ? ('fixed' as const) : ('not_affected' as const) }),
          }
        : undefined;
    for (const a of v.affects) {
      const pkg = byRef.get(a.ref);
      if (pkg === undefined) continue;
      findings.push({
        package: pkg,
        vulnerability: {
          id: v.id,
          aliases: (v.references ?? []).map((r) => r.id).filter((id) => id !== v.id),
          ...(v.description === undefined ? {} : { summary: v.description }),
          ...(v.published === undefined ? {} : { published: v.published }),
          ...(v.updated === undefined ? {} : { modified: v.updated }),
          ecosystem: pkg.ecosystem,
          package: pkg.name,
          installedVersion: pkg.version,
          ...(fixed === undefined ? {} : { fixedVersion: fixed }),
          severity: primary ?? { level: 'unknown', source: v.source?.name ?? 'cyclonedx' },
          references: (v.advisories ?? []).map((x) => x.url),
        },
        ...(fixed === undefined ? {} : { status: 'fixed' as const }),
        dataSources: [v.source?.name === undefined ? tool : `${tool} (${v.source.name})`],
        ratings: others,
        ...(suppressed === undefined ? {} : { suppressed }),
      });
    }
  });
  const subject = bom.metadata?.component;
  const name = subject?.name ?? file;
  const digest =
    (subject?.version?.startsWith('sha256:') === true ? subject.version : undefined) ?? digestIn(name);
  return {
    name,
    ...(digest === undefined ? {} : { digest }),
    ...(os === undefined ? {} : { os: { id: os.id, versionId: os.versionId } }),
    packages,
    packageCount: packages.length,
    findings,
    warnings: [],
  };
}
