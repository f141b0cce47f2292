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
} from './dump.js';
