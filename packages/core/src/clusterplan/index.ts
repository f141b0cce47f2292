export { checkInventory, minimumsFor, MIN_DISK_GIB, type Finding, type Minimums } from './checks.js';
export { contains, overlaps, parseNetwork, type Network } from './cidr.js';
export { noProxy, registrationAddress, type Lang, type PlannedFile } from './generate.js';
export { loadAndPlan, planCluster, type ClusterPlan, type PlanOptions } from './load.js';
export { firewallRules, type FirewallRule, type Party } from './ports.js';
