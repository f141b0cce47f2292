import { ClusterInventory } from '@quai/contracts';
import {
  describeDiagnostic,
  locationOf,
  readInput,
  schemaDiagnostics,
  throwIfErrors,
  type Diagnostic,
} from '../model/index.js';
import { parseYamlLocated } from '../util/index.js';
import { checkInventory } from './checks.js';
import { checklist, planFiles, type Lang, type PlannedFile } from './generate.js';
import { firewallRules, type FirewallRule } from './ports.js';

export interface ClusterPlan {
  readonly inventory: ClusterInventory;
  /** Configuration files per node, then `checklist.md`. */
  readonly files: readonly PlannedFile[];
  readonly firewall: readonly FirewallRule[];
  readonly checklist: string;
  readonly warnings: readonly Diagnostic[];
}

export interface PlanOptions {
  readonly lang?: Lang;
  /** Overrides spec.distribution. */
  readonly distribution?: 'rke2' | 'k3s';
}

/**
 * Reads an inventory and plans the install, in three steps like the app spec: YAML with positions,
 * schema (every issue with file, line, column), then the plan's rules. Any error stops the plan
 * with every error listed at once; warnings travel with the plan and into the checklist.
 */
export function planCluster(text: string, file: string, options: PlanOptions = {}): ClusterPlan {
  const doc = parseYamlLocated(text, { file, what: 'cluster inventory' });
  const parsed = ClusterInventory.safeParse(doc.value);
  if (!parsed.success)
    throwIfErrors('cluster inventory', file, schemaDiagnostics(doc, file, parsed.error.issues));
  const base = parsed.data as ClusterInventory;
  const inventory: ClusterInventory =
    options.distribution === undefined
      ? base
      : { ...base, spec: { ...base.spec, distribution: options.distribution } };
  // Each error line carries its own fix (the error's hint then says nothing was written).
  const diagnostics: Diagnostic[] = checkInventory(inventory).map((f) => ({
    severity: f.severity,
    rule: f.rule,
    message: f.severity === 'error' && f.hint !== undefined ? `${f.message}; fix: ${f.hint}` : f.message,
    location: locationOf(doc, file, writtenPrefix(doc.value, f.path)),
    ...(f.severity === 'warning' && f.hint !== undefined ? { hint: f.hint } : {}),
  }));
  throwIfErrors('cluster inventory', file, diagnostics);
  const warnings = diagnostics.filter((d) => d.severity === 'warning');
  const lang = options.lang ?? 'en';
  const list = checklist(
    inventory,
    file,
    warnings.map((w) => `${describeDiagnostic(w)}${w.hint === undefined ? '' : ` (${w.hint})`}`),
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

/**
 * The longest part of `path` that the file really contains: a finding about a value left to its
 * default (spec.etcd, say) then points at the key that holds it, not at a neighbour.
 */
function writtenPrefix(value: unknown, path: readonly (string | number)[]): (string | number)[] {
  const out: (string | number)[] = [];
  let cur: unknown = value;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object' || !(String(key) in (cur as Record<string, unknown>))) break;
    cur = (cur as Record<string, unknown>)[String(key)];
    out.push(key);
  }
  return out;
}

export async function loadAndPlan(file: string, options: PlanOptions = {}): Promise<ClusterPlan> {
  return planCluster(await readInput(file, 'cluster inventory', 1024 * 1024), file, options);
}
