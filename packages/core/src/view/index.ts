export { listApps, revisionObjects, revisionOf, WORKLOAD_KINDS, type AppRecord } from './apps.js';
export {
  capacityOf,
  eventViews,
  failingWorkloads,
  KWOK_NODE_ANNOTATION,
  nodeKind,
  nodeViews,
  parseQuantity,
  partOf,
  podRequests,
  REAL_NODE_LABEL,
  text,
} from './cluster.js';
export { diffRevisions, HIDDEN } from './diff.js';
export { newerThan, parseLogText, readLog } from './logs.js';
export { Snapshot, type Obj } from './snapshot.js';
