import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { msg } from '@quai/contracts';
import { QuaiError } from '@quai/core';
import { SqlStore, type SqlDriver } from './sql.js';

/**
 * better-sqlite3 is native code and an optional dependency of the published package: it is
 * loaded only when the SQLite store is opened, so a server on PostgreSQL (and every other
 * command) runs where it could not be built.
 */
function sqliteDriver(): typeof BetterSqlite3 {
  try {
    return createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;
  } catch (error) {
    throw new QuaiError('PREREQUISITE_MISSING', msg('api.store.noSqlite', { error: String(error) }), {
      hint: msg('api.store.noSqliteHint'),
    });
  }
}

/**
 * The embedded store: one SQLite file (WAL journal, so readers never wait for the writer), for a
 * server running as a single replica.
 */
export function openSqliteStore(file: string): SqlStore {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const Database = sqliteDriver();
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
