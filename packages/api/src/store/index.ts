export { SCHEMA_VERSION } from './migrations.js';
export { openPostgresStore } from './postgres.js';
export { openSqliteStore } from './sqlite.js';
export type { AuditEvent, Session, Store } from './types.js';
