import { scanInventory } from '../findings.js';
import type { Inventory } from '../inventory/index.js';
import type { VulnDb } from '../osv/index.js';
import { targetFromScan, type ScanTarget } from '../report/model.js';
import { mergeTargets } from './merge.js';

/*
 * An imported inventory (a CycloneDX SBOM, another tool's package list) matched against the local
 * OSV store, as Quai's own scan would: each package under its ecosystem and, for distribution
 * packages, its source package. The new findings join the report's own, deduplicated.
 */
export async function matchTarget(db: Pick<VulnDb, 'match'>, target: ScanTarget): Promise<ScanTarget> {
  const inventory: Inventory = {
    // The matcher reads ecosystem, name, version and source, never the kind.
    packages: target.packages as Inventory['packages'],
    warnings: [],
    ...(target.os === undefined ? {} : { os: target.os }),
  };
  const report = await scanInventory(db, inventory);
  const native = targetFromScan(target.name, inventory, report);
  const [merged] = mergeTargets([
    target,
    { ...native, ...(target.digest === undefined ? {} : { digest: target.digest }), packages: [] },
  ]);
  return merged ?? target;
}
