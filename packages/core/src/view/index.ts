export { listApps, revisionObjects, WORKLOAD_KINDS, type AppRecord } from './apps.js';
export { capacityOf, eventViews, failingWorkloads, nodeKind, nodeViews, partOf, text } from './cluster.js';
export { diffRevisions } from './diff.js';
export { newerThan, readLog } from './logs.js';
export { Snapshot } from './snapshot.js';
