import { createHash } from 'node:crypto';
import type { ScanResults } from './model.js';

/*
 * SPDX 2.3 (JSON): the document describes each image (a CONTAINER package) which CONTAINS its
 * packages; every package has its package URL as a PACKAGE-MANAGER external reference, its source
 * package in sourceInfo, and, when a finding concerns it, a SECURITY advisory reference per
 * vulnerability (SPDX 2.3 has no richer vulnerability model; use CycloneDX for ratings and VEX).
 */

type Json = Record<string, unknown>;

function spdxId(...parts: string[]): string {
  return `SPDXRef-${parts.join('-').replace(/[^A-Za-z0-9.-]+/g, '-')}`;
}

export function renderScanSpdx(results: ScanResults): Json {
  const created = `${results.generatedAt.slice(0, 19)}Z`;
  const name =
    results.targets.length === 1 ? (results.targets[0]?.name ?? 'scan') : `${results.targets.length} images`;
  const ns = createHash('sha256')
    .update(`${results.generatedAt}\u0000${results.targets.map((t) => t.digest ?? t.name).join('\u0000')}`)
    .digest('hex')
    .slice(0, 32);
  const packages: Json[] = [];
  const relationships: Json[] = [];
  results.targets.forEach((t, ti) => {
    const imageId = spdxId('Image', String(ti));
    packages.push({
      SPDXID: imageId,
      name: t.name,
      ...(t.digest === undefined ? {} : { versionInfo: t.digest }),
      downloadLocation: 'NOASSERTION',
      filesAnalyzed: false,
      primaryPackagePurpose: 'CONTAINER',
      ...(t.digest === undefined
        ? {}
        : { checksums: [{ algorithm: 'SHA256', checksumValue: t.digest.replace(/^sha256:/, '') }] }),
    });
    relationships.push({
      spdxElementId: 'SPDXRef-DOCUMENT',
      relationshipType: 'DESCRIBES',
      relatedSpdxElement: imageId,
    });
    if (t.os !== undefined) {
      const osId = spdxId('OS', String(ti));
      packages.push({
        SPDXID: osId,
        name: t.os.id,
        versionInfo: t.os.versionId,
        downloadLocation: 'NOASSERTION',
        filesAnalyzed: false,
        primaryPackagePurpose: 'OPERATING-SYSTEM',
      });
      relationships.push({ spdxElementId: imageId, relationshipType: 'CONTAINS', relatedSpdxElement: osId });
    }
    const advisories = new Map<string, Set<string>>();
    for (const f of t.findings) {
      const set = advisories.get(f.package.purl) ?? new Set<string>();
      set.add(`https://osv.dev/vulnerability/${encodeURIComponent(f.vulnerability.id)}`);
      advisories.set(f.package.purl, set);
    }
    t.packages.forEach((p, pi) => {
      const id = spdxId('Package', String(ti), String(pi));
      const source =
        p.sourceName === undefined || p.sourceName === p.name
          ? undefined
          : `built from source package ${p.sourceName} ${p.sourceVersion ?? p.version}`;
      packages.push({
        SPDXID: id,
        name: p.name,
        versionInfo: p.version,
        downloadLocation: 'NOASSERTION',
        filesAnalyzed: false,
        primaryPackagePurpose: 'LIBRARY',
        ...(source === undefined ? {} : { sourceInfo: source }),
        externalRefs: [
          { referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: p.purl },
          ...[...(advisories.get(p.purl) ?? [])].map((url) => ({
            referenceCategory: 'SECURITY',
            referenceType: 'advisory',
            referenceLocator: url,
          })),
        ],
        ...(p.locations.length === 0 ? {} : { comment: `Found in ${p.locations.join(', ')}` }),
      });
      relationships.push({ spdxElementId: imageId, relationshipType: 'CONTAINS', relatedSpdxElement: id });
    });
  });
  return {
    spdxVersion: 'SPDX-2.3',
    dataLicense: 'CC0-1.0',
    SPDXID: 'SPDXRef-DOCUMENT',
    name,
    documentNamespace: `https://quai.dev/spdxdocs/${encodeURIComponent(name)}-${ns}`,
    creationInfo: { created, creators: [`Tool: quai-${results.tool.version}`] },
    packages,
    relationships,
  };
}
