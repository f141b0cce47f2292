import { randomUUID } from 'node:crypto';
import type { ScanReport } from './findings.js';
import type { Inventory } from './inventory/index.js';
import type { SeverityLevel } from './osv/index.js';

/*
 * CycloneDX 1.6 (JSON) from an inventory: one component per package with its package URL and the
 * files it was found in, the operating system as a component, the scanned image or folder as the
 * subject; with a scan report, one vulnerability per (record, package) with its rating, the fixed
 * version as a recommendation, and the CVE aliases as references. Validated against the official
 * schema in the tests.
 */

export interface CycloneDxOptions {
  /** What was scanned: an OCI layout folder, a root filesystem. */
  readonly target: string;
  readonly toolVersion: string;
  readonly now?: () => Date;
  /** Fixed for reproducible output; a random UUID otherwise. */
  readonly serialNumber?: string;
}

type Json = Record<string, unknown>;

const CDX_SEVERITY: Readonly<Record<SeverityLevel, string>> = {
  critical: 'critical',
  high: 'high',
  medium: 'medium',
  low: 'low',
  none: 'none',
  unknown: 'unknown',
};

export function toCycloneDx(inventory: Inventory, options: CycloneDxOptions, report?: ScanReport): Json {
  const now = options.now ?? (() => new Date());
  const refs = new Map<string, number>();
  const refOf = new Map<object, string>();
  const uniqueRef = (base: string): string => {
    const n = refs.get(base) ?? 0;
    refs.set(base, n + 1);
    return n === 0 ? base : `${base}#${n}`;
  };
  const components: Json[] = [];
  if (inventory.os !== undefined) {
    components.push({
      type: 'operating-system',
      'bom-ref': uniqueRef(`os:${inventory.os.id}@${inventory.os.versionId}`),
      name: inventory.os.id,
      version: inventory.os.versionId,
      ...(inventory.os.prettyName === undefined ? {} : { description: inventory.os.prettyName }),
    });
  }
  for (const p of inventory.packages) {
    const ref = uniqueRef(p.purl);
    refOf.set(p, ref);
    const properties = [
      ...p.locations.map((l) => ({ name: 'quai:package:location', value: l })),
      ...(p.sourceName === undefined || p.sourceName === p.name
        ? []
        : [{ name: 'quai:package:source', value: p.sourceName }]),
      ...(p.sourceVersion === undefined || p.sourceVersion === p.version
        ? []
        : [{ name: 'quai:package:source-version', value: p.sourceVersion }]),
      { name: 'quai:package:ecosystem', value: p.ecosystem },
    ];
    components.push({
      type: 'library',
      'bom-ref': ref,
      name: p.name,
      version: p.version,
      purl: p.purl,
      properties,
    });
  }
  const bom: Json = {
    $schema: 'http://cyclonedx.org/schema/bom-1.6.schema.json',
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    serialNumber: `urn:uuid:${options.serialNumber ?? randomUUID()}`,
    version: 1,
    metadata: {
      timestamp: now().toISOString(),
      tools: { components: [{ type: 'application', name: 'quai', version: options.toolVersion }] },
      component: {
        type: 'container',
        'bom-ref': uniqueRef(`target:${options.target}`),
        name: options.target,
        ...(inventory.image === undefined
          ? {}
          : {
              version: inventory.image.manifestDigest,
              properties: inventory.image.layers.map((l) => ({ name: 'quai:image:layer', value: l })),
            }),
      },
    },
    components,
  };
  if (report === undefined) return bom;
  const vulnerabilities = report.findings.map((f) => {
    const v = f.vulnerability;
    const s = v.severity;
    const method =
      s.vector?.startsWith('CVSS:3.1/') === true
        ? 'CVSSv31'
        : s.vector?.startsWith('CVSS:3.0/') === true
          ? 'CVSSv3'
          : 'other';
    return {
      'bom-ref': uniqueRef(`vuln:${v.id}:${f.package.purl}`),
      id: v.id,
      source: { name: 'OSV', url: `https://osv.dev/vulnerability/${encodeURIComponent(v.id)}` },
      ...(v.aliases.length === 0
        ? {}
        : { references: v.aliases.map((a) => ({ id: a, source: { name: 'OSV alias' } })) }),
      ratings: [
        {
          source: { name: s.source },
          ...(s.score === undefined ? {} : { score: s.score }),
          severity: CDX_SEVERITY[s.level],
          ...(s.vector === undefined ? {} : { method, vector: s.vector }),
        },
      ],
      ...(v.summary === undefined ? {} : { description: v.summary }),
      ...(v.published === undefined ? {} : { published: new Date(v.published).toISOString() }),
      updated: new Date(v.modified).toISOString(),
      ...(v.fixedVersion === undefined
        ? {}
        : { recommendation: `Upgrade ${f.package.name} to ${v.fixedVersion} or later.` }),
      ...(v.references.length === 0 ? {} : { advisories: v.references.map((url) => ({ url })) }),
      affects: [
        {
          ref: refOf.get(f.package) ?? f.package.purl,
          versions: [{ version: f.package.version, status: 'affected' }],
        },
      ],
    };
  });
  return { ...bom, vulnerabilities };
}
