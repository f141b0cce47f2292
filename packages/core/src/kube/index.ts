export { abortable, sleep } from './abort.js';
export {
  KubeApiError,
  apiErrorFrom,
  isConflict,
  isGone,
  isNotFound,
  type ApiStatus,
  type StatusCause,
} from './api-error.js';
export {
  KubeClient,
  splitApiVersion,
  type ApplyOptions,
  type DeleteOptions,
  type KubeClientOptions,
  type ListOptions,
  type ListResult,
  type RequestOptions,
  type WriteOptions,
} from './client.js';
export { CredentialProvider, type Credentials } from './credentials.js';
export { describeObject } from './describe.js';
export {
  IN_CLUSTER_DIR,
  kubeconfigPaths,
  loadClusterAccess,
  type ClusterAccess,
  type ClusterAuth,
  type LoadKubeconfigOptions,
} from './kubeconfig.js';
export {
  Informer,
  SharedInformers,
  type InformerEvent,
  type InformerLease,
  type InformerOptions,
  type InformerSpec,
  type InformerStats,
  type SharedInformersOptions,
} from './informer.js';
export { AdaptiveLimiter, type AdaptiveLimiterOptions, type LimiterStats, type Throttle } from './limiter.js';
export { RateLimiter } from './rate-limiter.js';
export type { KubeList, KubeObject, ObjectMeta, ObjectRef, ResourceType } from './types.js';
export { waitFor, type WaitOptions } from './wait.js';
export type { WatchEvent, WatchOptions } from './watch.js';
