export {
  DEFAULT_CLUSTER_NAME,
  down,
  kubeconfigPath,
  killComponent,
  startComponent,
  type Component,
  status,
  up,
  type ComponentStatus,
  type DevClusterState,
  type DevClusterStatus,
  type ProgressEvent,
  type UpOptions,
  type UpResult,
} from './cluster.js';
export { DEFAULT_NODE_SIZE, type NodeSize } from './nodes.js';
export { pinnedVersions } from './binaries.js';
export { devClusterPaths, type Versions } from './paths.js';
export { freePort } from './processes.js';
