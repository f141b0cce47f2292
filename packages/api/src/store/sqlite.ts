import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { SqlStore, type SqlDriver } from './sql.js';

/**
 * The embedded store: one SQLite file (WAL journal, so readers never wait for the writer), for a
 * server running as a single replica.
 */
export function openSqliteStore(file: string): SqlStore {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  const tx: Pick<SqlDriver, 'run' | 'all'> = {
    run: (sql, params = []) => {
      db.prepare(sql).run(...params);
      return Promise.resolve();
    },
    all: (sql, params = []) => Promise.resolve(db.prepare(sql).all(...params) as Record<string, unknown>[]),
  };
  const driver: SqlDriver = {
    kind: 'sqlite',
    ...tx,
    exclusive: async (fn) => {
      db.exec('BEGIN IMMEDIATE');
      try {
        const result = await fn(tx);
        db.exec('COMMIT');
        return result;
      } catch (error) {
        db.exec('ROLLBACK');
        throw error;
      }
    },
    close: () => {
      db.close();
      return Promise.resolve();
    },
  };
  return new SqlStore(driver);
}
