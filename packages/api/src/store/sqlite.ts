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
 * Every Database and Statement object this process ever made stays reachable until the process
 * ends. With better-sqlite3 12 on Node 24, a wrapper that the garbage collector destroys aborts
 * the process (`Assertion failed: (env) != nullptr` in RemoveEnvironmentCleanupHook, from
 * Statement::~Statement; WiseLibs/better-sqlite3#1515, closed without a fix in 12.x). Wrappers
 * still alive at exit are freed by Node's own cleanup hooks, which is safe. The SQL the store runs
 * is a fixed set of parameterised texts, so the statement cache is bounded by the code.
 */
const retained: unknown[] = [];

/**
 * The embedded store: one SQLite file (WAL journal, so readers never wait for the writer), for a
 * server running as a single replica.
 */
export function openSqliteStore(file: string): SqlStore {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const Database = sqliteDriver();
  const db = new Database(file);
  retained.push(db);
  // exec, not pragma(): pragma() prepares a statement that would then be garbage.
  db.exec(
    'PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON',
  );
  const statements = new Map<string, BetterSqlite3.Statement>();
  retained.push(statements);
  const prepared = (sql: string): BetterSqlite3.Statement => {
    let statement = statements.get(sql);
    if (statement === undefined) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
  const tx: Pick<SqlDriver, 'run' | 'all'> = {
    run: (sql, params = []) => {
      prepared(sql).run(...params);
      return Promise.resolve();
    },
    all: (sql, params = []) => Promise.resolve(prepared(sql).all(...params) as Record<string, unknown>[]),
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
