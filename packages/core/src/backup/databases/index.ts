export { dumpCommand, queryCommand, restoreCommand, type DatabaseTarget, type Engine } from './engines.js';
export {
  databaseTags,
  dumpDatabase,
  dumpDatabaseInCluster,
  dumpJob,
  resolveDatabase,
  restoreDatabase,
  runQuery,
  scratchDatabase,
  streamCommands,
  type StreamLimits,
} from './dump.js';
