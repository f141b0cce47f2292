export { checkInventory, minimumsFor, MIN_DISK_GIB, type Minimums } from './checks.js';
export { contains, overlaps, parseNetwork, type Network } from './cidr.js';
export { noProxy, registrationAddress, type PlannedFile } from './generate.js';
export { planCluster, type ClusterPlan, type PlanOptions } from './load.js';
export { firewallRules, type FirewallRule, type Party } from './ports.js';
export {
  locate,
  parseChecked,
  throwIfProblems,
  whereOf,
  type LocatedProblem,
  type Problem,
} from './problems.js';
