import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { msg } from '@quai/contracts';
import { QuaiError } from '@quai/core';
import { SqlStore, type SqlDriver } from './sql.js';

/** What the store uses of a SQLite connection: better-sqlite3's and node:sqlite's share it. */
interface SqliteStatement {
  run(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
}
interface SqliteDatabase {
  exec(sql: string): unknown;
  prepare(sql: string): SqliteStatement;
  close(): unknown;
}

/** Which SQLite the store runs on: better-sqlite3 first, else Node's own. */
export type SqliteDriverName = 'better-sqlite3' | 'node:sqlite';

/** Node's built-in SQLite (`node:sqlite`, Node 22.13 and later without a flag), if this Node has it. */
function nodeSqlite(): (new (file: string) => SqliteDatabase) | undefined {
  const get = (process as { getBuiltinModule?: (id: string) => unknown }).getBuiltinModule;
  const mod = get?.call(process, 'node:sqlite') as
    { DatabaseSync?: new (file: string) => SqliteDatabase } | undefined;
  return mod?.DatabaseSync;
}

/**
 * Opens the file with better-sqlite3 (native code, an optional dependency of the published
 * package, loaded only when the SQLite store is opened, so a server on PostgreSQL and every other
 * command run where it could not be built). Where it is missing or was built for another Node
 * (an `npm install --omit=optional`, Quai's image, whose install runs no build scripts), Node's own
 * `node:sqlite` does the same work (Node 22.13 and later). Only when neither exists is it an error.
 */
function openDatabase(
  file: string,
  only?: SqliteDriverName,
): { db: SqliteDatabase; driver: SqliteDriverName } {
  let nativeError = 'node:sqlite is not in this Node';
  if (only !== 'node:sqlite') {
    try {
      const Database = createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;
      return { db: new Database(file), driver: 'better-sqlite3' };
    } catch (error) {
      nativeError = error instanceof Error ? error.message : String(error);
    }
  }
  const DatabaseSync = only === 'better-sqlite3' ? undefined : nodeSqlite();
  if (DatabaseSync !== undefined) return { db: new DatabaseSync(file), driver: 'node:sqlite' };
  throw new QuaiError('PREREQUISITE_MISSING', msg('api.store.noSqlite', { error: nativeError }), {
    hint: msg('api.store.noSqliteHint'),
  });
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
export function openSqliteStore(
  file: string,
  options: { readonly driver?: SqliteDriverName } = {},
): SqlStore {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const { db } = openDatabase(file, options.driver);
  retained.push(db);
  // exec, not pragma(): pragma() prepares a statement that would then be garbage.
  db.exec(
    'PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON',
  );
  const statements = new Map<string, SqliteStatement>();
  retained.push(statements);
  const prepared = (sql: string): SqliteStatement => {
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
