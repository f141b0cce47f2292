export {
  clusterState,
  DEFAULT_CLUSTER_NAME,
  down,
  exposeHostPort,
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
export { MAX_REAL_NODES } from './network.js';
export { checkRealNodePrerequisites } from './prerequisites.js';
export {
  LOCAL_STORAGE_CLASS,
  REAL_NODE_LABEL,
  REAL_NODE_TAINT,
  realNodeName,
  realNodeNamespaceAnnotations,
  type RealNodesState,
} from './realnodes.js';
export {
  buildImage,
  clusterImage,
  STANDARD_IMAGES,
  type BuiltImage,
  type ClusterImage,
  type DebianRecipe,
  type ImageOptions,
  type StandardImage,
} from './images/index.js';
