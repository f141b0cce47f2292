import { ClusterInventory, msg, t, type Lang } from '@quai/contracts';
import { checkInventory } from './checks.js';
import { checklist, planFiles, type PlannedFile } from './generate.js';
import { firewallRules, type FirewallRule } from './ports.js';
import { parseChecked, whereOf, type LocatedProblem } from './problems.js';

export interface ClusterPlan {
  readonly inventory: ClusterInventory;
  /** Configuration files per node, then `checklist.md`. */
  readonly files: readonly PlannedFile[];
  readonly firewall: readonly FirewallRule[];
  readonly checklist: string;
  readonly warnings: readonly LocatedProblem[];
}

export interface PlanOptions {
  /** The language of errors, warnings and the checklist. */
  readonly lang?: Lang;
  /** Overrides spec.distribution. */
  readonly distribution?: 'rke2' | 'k3s';
}

/**
 * Reads an inventory and plans the install, in three steps like the app spec: YAML with positions,
 * schema (every issue with file, line, column), then the plan's rules. Any error stops the plan
 * with every error listed at once, each with its fix; warnings travel with the plan and into the
 * checklist.
 */
export function planCluster(text: string, file: string, options: PlanOptions = {}): ClusterPlan {
  const lang = options.lang ?? 'en';
  const { value, warnings } = parseChecked(
    ClusterInventory,
    text,
    file,
    msg('clusterplan.inventory'),
    lang,
    (parsed) => checkInventory(withDistribution(parsed, options.distribution)),
  );
  const inventory = withDistribution(value, options.distribution);
  const list = checklist(
    inventory,
    file,
    warnings.map((w) =>
      t(
        lang,
        w.hint === undefined
          ? msg('clusterplan.warningLine', { where: whereOf(w.location), message: w.message })
          : msg('clusterplan.warningWithHint', {
              where: whereOf(w.location),
              message: w.message,
              hint: w.hint,
            }),
      ),
    ),
    lang,
  );
  return {
    inventory,
    files: [...planFiles(inventory, file), { path: 'checklist.md', content: list }],
    firewall: firewallRules(inventory),
    checklist: list,
    warnings,
  };
}

function withDistribution(inv: ClusterInventory, distribution: 'rke2' | 'k3s' | undefined): ClusterInventory {
  return distribution === undefined ? inv : { ...inv, spec: { ...inv.spec, distribution } };
}
