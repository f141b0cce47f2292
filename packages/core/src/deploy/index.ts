export { applySetId, applySetParentName, groupKind, LABEL_PART_OF } from './applyset.js';
export type { FieldChange } from './diff.js';
export {
  apply,
  FIELD_MANAGER,
  plan,
  rollback,
  status,
  type AppStatus,
  type AppTarget,
  type ApplyOptions,
  type ApplyResult,
  type ChangeKind,
  type DeployEvent,
  type ObjectChange,
  type Plan,
  type RollbackOutcome,
} from './engine.js';
export { acquireAppLock, lockName } from './lock.js';
export { foreignOwner, type OwnershipIssue } from './ownership.js';
export { readinessOf, type Readiness } from './readiness/index.js';
export {
  listRevisions,
  secretValueDigest,
  superseding,
  type Revision,
  type RevisionStatus,
  type SecretValues,
} from './revisions.js';
export {
  DeployWaitError,
  waitForReady,
  waitingVerdict,
  type ObjectReadiness,
  type WaitFailure,
} from './wait.js';
