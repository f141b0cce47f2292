import { createHash } from 'node:crypto';
import type { Inventory } from '../inventory/index.js';
import type { Severity } from '../osv/index.js';
import { toCycloneDx } from '../sbom.js';
import type { ReportFinding, ScanResults, ScanTarget, VexJustification } from './model.js';

/*
 * CycloneDX 1.6 with vulnerabilities. The components come from the SBOM writer (sbom.ts), one
 * container per image when there are several; each (image, package, vulnerability) becomes one
 * entry of `vulnerabilities` with every rating known (the primary severity first, then other
 * vendors' CVSS), `affects` pointing at the component, and, for accepted findings, an `analysis`:
 * VEX not_affected / fixed map to CycloneDX's not_affected / resolved, an ignore rule to an
 * exploitable finding whose response is will_not_fix (a risk accepted, not a false positive).
 */

type Json = Record<string, unknown>;

export interface CycloneDxResultOptions {
  readonly serialNumber?: string;
}

const CDX_JUSTIFICATION: Readonly<Record<VexJustification, string>> = {
  component_not_present: 'code_not_present',
  vulnerable_code_not_present: 'code_not_present',
  vulnerable_code_not_in_execute_path: 'code_not_reachable',
  vulnerable_code_cannot_be_controlled_by_adversary: 'requires_environment',
  inline_mitigations_already_exist: 'protected_by_mitigating_control',
};

function ratingOf(s: Severity): Json {
  const v = s.vector ?? '';
  const method = v.startsWith('CVSS:4.0/')
    ? 'CVSSv4'
    : v.startsWith('CVSS:3.1/')
      ? 'CVSSv31'
      : v.startsWith('CVSS:3.0/')
        ? 'CVSSv3'
        : /^AV:[LAN]\/AC:/.test(v)
          ? 'CVSSv2'
          : 'other';
  return {
    source: { name: s.source },
    ...(s.score === undefined ? {} : { score: s.score }),
    severity: s.level,
    ...(s.vector === undefined ? {} : { method, vector: s.vector }),
  };
}

function analysisOf(f: ReportFinding): Json | undefined {
  const s = f.suppressed;
  if (s === undefined) return undefined;
  const detail = `${s.justification} (${s.source}${s.expires === undefined ? '' : `, until ${s.expires}`}${s.author === undefined ? '' : `, by ${s.author}`})`;
  if (s.vexStatus === 'fixed') return { state: 'resolved', detail };
  if (s.vexStatus === 'not_affected') {
    return {
      state: 'not_affected',
      ...(s.vexJustification === undefined ? {} : { justification: CDX_JUSTIFICATION[s.vexJustification] }),
      detail,
    };
  }
  return { state: 'exploitable', response: ['will_not_fix'], detail };
}

function validDate(s: string | undefined): string | undefined {
  if (s === undefined) return undefined;
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

function inventoryOf(t: ScanTarget): Inventory {
  return {
    // The SBOM writer reads name, version, purl, locations, source and ecosystem, never the kind.
    packages: t.packages as Inventory['packages'],
    warnings: t.warnings,
    ...(t.os === undefined ? {} : { os: t.os }),
    ...(t.digest === undefined ? {} : { image: { manifestDigest: t.digest, layers: t.layers ?? [] } }),
  };
}

/** Prefixes every bom-ref of a component tree, so two images may hold the same package. */
function prefixRefs(components: readonly Json[], prefix: string): Json[] {
  return components.map((c) => ({
    ...c,
    'bom-ref': `${prefix}${String(c['bom-ref'])}`,
    ...(Array.isArray(c['components']) ? { components: prefixRefs(c['components'] as Json[], prefix) } : {}),
  }));
}

export function renderScanCycloneDx(results: ScanResults, options: CycloneDxResultOptions = {}): Json {
  const now = (): Date => new Date(results.generatedAt);
  const serial =
    options.serialNumber ??
    createHash('sha256')
      .update(`${results.generatedAt}\u0000${results.targets.map((t) => t.digest ?? t.name).join('\u0000')}`)
      .digest('hex')
      .replace(/^(.{8})(.{4})(.{3})(.{3})(.{12}).*$/, '$1-$2-4$3-8$4-$5');
  const single = results.targets.length === 1;
  const perTarget = results.targets.map((t, i) => {
    const bom = toCycloneDx(inventoryOf(t), {
      target: t.name,
      toolVersion: results.tool.version,
      now,
      serialNumber: serial,
    });
    const prefix = single ? '' : `${i}/`;
    const meta = (bom['metadata'] as Json)['component'] as Json;
    const components = prefixRefs(bom['components'] as Json[], prefix);
    const refByPurl = new Map<string, string>();
    for (const c of components)
      if (typeof c['purl'] === 'string') refByPurl.set(c['purl'], String(c['bom-ref']));
    return { bom, meta: prefixRefs([meta], prefix)[0] ?? meta, components, refByPurl };
  });
  const first = perTarget[0];
  const base: Json =
    first === undefined
      ? toCycloneDx(
          { packages: [], warnings: [] },
          { target: 'nothing scanned', toolVersion: results.tool.version, now, serialNumber: serial },
        )
      : first.bom;
  const metadata = { ...(base['metadata'] as Json) };
  let components: Json[];
  if (single && first !== undefined) {
    metadata['component'] = first.meta;
    components = first.components;
  } else {
    metadata['component'] = {
      type: 'application',
      'bom-ref': 'scan',
      name: `quai scan of ${results.targets.length} images`,
    };
    components = perTarget.map((p) => ({ ...p.meta, components: p.components }));
  }
  const vulnerabilities: Json[] = [];
  results.targets.forEach((t, i) => {
    const refs = perTarget[i]?.refByPurl;
    for (const f of t.findings) {
      const v = f.vulnerability;
      const ref = refs?.get(f.package.purl) ?? f.package.purl;
      const analysis = analysisOf(f);
      const published = validDate(v.published);
      const updated = validDate(v.modified);
      vulnerabilities.push({
        'bom-ref': `${single ? '' : `${i}/`}vuln:${v.id}:${f.package.purl}`,
        id: v.id,
        source: {
          name: f.dataSources?.join(', ') ?? 'OSV',
          url: `https://osv.dev/vulnerability/${encodeURIComponent(v.id)}`,
        },
        ...(v.aliases.length === 0
          ? {}
          : { references: v.aliases.map((a) => ({ id: a, source: { name: 'alias' } })) }),
        ratings: [v.severity, ...(f.ratings ?? [])].map(ratingOf),
        ...(v.summary === undefined ? {} : { description: v.summary }),
        ...(published === undefined ? {} : { published }),
        ...(updated === undefined ? {} : { updated }),
        ...(v.fixedVersion === undefined
          ? {}
          : { recommendation: `Upgrade ${f.package.name} to ${v.fixedVersion} or later.` }),
        ...(v.references.length === 0 ? {} : { advisories: v.references.map((url) => ({ url })) }),
        ...(analysis === undefined ? {} : { analysis }),
        affects: [{ ref, versions: [{ version: f.package.version, status: 'affected' }] }],
        ...(f.status === undefined ? {} : { properties: [{ name: 'quai:finding:status', value: f.status }] }),
      });
    }
  });
  return { ...base, metadata, components, vulnerabilities };
}
