export {
  KubeApiError,
  apiErrorFrom,
  isConflict,
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
export { RateLimiter } from './rate-limiter.js';
export type { KubeList, KubeObject, ObjectMeta, ObjectRef, ResourceType } from './types.js';
export { waitFor, type WaitOptions } from './wait.js';
