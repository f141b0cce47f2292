import { mapLimit } from '../util/index.js';
import {
  uniqueWarnings,
  type Inventory,
  type InventoryPackage,
  type ScanWarning,
} from './inventory/index.js';
import type { SeverityLevel, VulnDb, VulnerabilityMatch } from './osv/index.js';

/*
 * Joining an inventory with the vulnerability store: each package is looked up once, under the
 * name and version its ecosystem's advisories use (the source package for Debian and Alpine),
 * and every match becomes a finding that names the installed package.
 */

export interface Finding {
  readonly package: InventoryPackage;
  readonly vulnerability: VulnerabilityMatch;
}

export interface ScanReport {
  readonly os?: Inventory['os'];
  readonly image?: Inventory['image'];
  readonly packages: number;
  readonly findings: readonly Finding[];
  /** Count of findings per severity level. */
  readonly summary: Readonly<Record<SeverityLevel, number>>;
  readonly warnings: readonly ScanWarning[];
}

export const SEVERITY_ORDER: readonly SeverityLevel[] = [
  'critical',
  'high',
  'medium',
  'low',
  'none',
  'unknown',
];

/** Whether a level is at or above a threshold (unknown counts as at least medium: unrated is not safe). */
export function atOrAbove(level: SeverityLevel, threshold: SeverityLevel): boolean {
  const rank = (l: SeverityLevel): number => (l === 'unknown' ? 2 : SEVERITY_ORDER.indexOf(l));
  return rank(level) <= rank(threshold);
}

export async function scanInventory(db: Pick<VulnDb, 'match'>, inventory: Inventory): Promise<ScanReport> {
  const findings: Finding[] = [];
  const warnings: ScanWarning[] = [...inventory.warnings];
  // One lookup per (ecosystem, name, version): the binary packages of one Debian source package
  // share it. Lookups run a few at a time; results keep the inventory's order.
  const lookups = new Map<string, Promise<Awaited<ReturnType<VulnDb['match']>>>>();
  const results = await mapLimit(inventory.packages, 16, (pkg) => {
    const query = {
      ecosystem: pkg.ecosystem,
      name: pkg.sourceName ?? pkg.name,
      version: pkg.sourceVersion ?? pkg.version,
    };
    const key = `${query.ecosystem}\n${query.name}\n${query.version}`;
    let result = lookups.get(key);
    if (result === undefined) lookups.set(key, (result = db.match(query)));
    return result;
  });
  inventory.packages.forEach((pkg, i) => {
    const result = results[i]!;
    for (const w of result.warnings) warnings.push(w);
    for (const vulnerability of result.matches) findings.push({ package: pkg, vulnerability });
  });
  findings.sort(
    (a, b) =>
      SEVERITY_ORDER.indexOf(a.vulnerability.severity.level) -
        SEVERITY_ORDER.indexOf(b.vulnerability.severity.level) ||
      (a.package.name < b.package.name ? -1 : a.package.name > b.package.name ? 1 : 0) ||
      (a.vulnerability.id < b.vulnerability.id ? -1 : 1),
  );
  const summary = { critical: 0, high: 0, medium: 0, low: 0, none: 0, unknown: 0 };
  for (const f of findings) summary[f.vulnerability.severity.level]++;
  return {
    ...(inventory.os === undefined ? {} : { os: inventory.os }),
    ...(inventory.image === undefined ? {} : { image: inventory.image }),
    packages: inventory.packages.length,
    findings,
    summary,
    warnings: uniqueWarnings(warnings),
  };
}
