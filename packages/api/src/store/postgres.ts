import pg from 'pg';
import { SqlStore, type SqlDriver } from './sql.js';

/** `?` placeholders become PostgreSQL's `$1, $2, ...`. */
function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/** A lock id shared by every Quai server migrating the same database. */
const MIGRATION_LOCK = 0x71756169; // "quai"

/**
 * The replicated store: a PostgreSQL database shared by several replicas of the server.
 * Migrations run under an advisory lock, so replicas starting together apply each one once.
 */
export function openPostgresStore(connectionString: string): SqlStore {
  const pool = new pg.Pool({ connectionString, max: 10, connectionTimeoutMillis: 10_000 });
  // An idle connection dropped by the server must not crash the process.
  pool.on('error', () => undefined);
  const driver: SqlDriver = {
    kind: 'postgres',
    run: async (sql, params = []) => {
      await pool.query(numbered(sql), [...params]);
    },
    all: async (sql, params = []) =>
      (await pool.query(numbered(sql), [...params])).rows as Record<string, unknown>[],
    exclusive: async (fn) => {
      const client = await pool.connect();
      try {
        await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
        await client.query('BEGIN');
        try {
          const result = await fn({
            run: async (sql, params = []) => {
              await client.query(numbered(sql), [...params]);
            },
            all: async (sql, params = []) =>
              (await client.query(numbered(sql), [...params])).rows as Record<string, unknown>[],
          });
          await client.query('COMMIT');
          return result;
        } catch (error) {
          await client.query('ROLLBACK');
          throw error;
        }
      } finally {
        await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
        client.release();
      }
    },
    close: () => pool.end(),
  };
  return new SqlStore(driver);
}
