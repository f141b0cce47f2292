// The dump, restore and query commands of each database engine: one place for the arguments, used
// by the local executor (child processes here) and by the in-cluster Job (the same arguments in a
// container). Passwords go through the environment (PGPASSWORD, MYSQL_PWD), never the command line.
import { msg, type Message } from '@quai/contracts';
import { QuaiError } from '../../errors/index.js';

export type Engine = 'postgresql' | 'mariadb' | 'mysql';

/** A database to dump, resolved from the app spec's `backup.databases` entry. */
export interface DatabaseTarget {
  readonly namespace: string;
  readonly name: string;
  readonly engine: Engine;
  readonly host: string;
  readonly port: number;
  readonly database: string;
  readonly user: string;
  readonly password?: string;
  readonly passwordSecret?: { readonly secret: string; readonly key: string };
  readonly checks?: readonly { readonly name: string; readonly query: string }[];
}

export interface Command {
  readonly binary: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
}

export function defaultPort(engine: Engine): number {
  return engine === 'postgresql' ? 5432 : 3306;
}

/** File name of the dump inside its snapshot. */
export function dumpFile(db: Pick<DatabaseTarget, 'namespace' | 'name' | 'engine'>): string {
  return `${db.namespace}-${db.name}.${db.engine === 'postgresql' ? 'pgdump' : 'sql'}`;
}

function pgBin(tool: string): string {
  const dir = process.env['QUAI_PG_BINDIR'];
  return dir ? `${dir}/${tool}` : tool;
}

function pgConn(db: DatabaseTarget, database: string): string[] {
  return [
    '--host',
    db.host,
    '--port',
    String(db.port),
    '--username',
    db.user,
    '--dbname',
    database,
    '--no-password',
  ];
}

function pgEnv(db: DatabaseTarget): Record<string, string> {
  return { PGCONNECT_TIMEOUT: '10', ...(db.password !== undefined ? { PGPASSWORD: db.password } : {}) };
}

function myConn(db: DatabaseTarget, client = true): string[] {
  return [
    '--protocol=TCP',
    '--host',
    db.host,
    '--port',
    String(db.port),
    '--user',
    db.user,
    // The dump tool has no such option; the client has.
    ...(client ? ['--connect-timeout=10'] : []),
  ];
}

function myEnv(db: DatabaseTarget): Record<string, string> {
  return db.password !== undefined ? { MYSQL_PWD: db.password } : {};
}

/** pg_dump -Fc (custom format: compressed, restorable selectively), or mariadb-dump in one transaction. */
export function dumpCommand(db: DatabaseTarget): Command {
  if (db.engine === 'postgresql') {
    return {
      binary: pgBin('pg_dump'),
      args: ['--format=custom', ...pgConn(db, db.database)],
      env: pgEnv(db),
    };
  }
  return {
    binary: db.engine === 'mysql' ? 'mysqldump' : 'mariadb-dump',
    args: [
      ...myConn(db, false),
      '--single-transaction',
      '--routines',
      '--triggers',
      '--events',
      '--hex-blob',
      db.database,
    ],
    env: myEnv(db),
  };
}

/** Restores a dump read on standard input into `database` (the original one, or a drill's copy). */
export function restoreCommand(db: DatabaseTarget, database: string): Command {
  if (db.engine === 'postgresql') {
    return {
      binary: pgBin('pg_restore'),
      args: ['--clean', '--if-exists', '--no-owner', '--exit-on-error', ...pgConn(db, database)],
      env: pgEnv(db),
    };
  }
  return {
    binary: db.engine === 'mysql' ? 'mysql' : 'mariadb',
    args: [...myConn(db), database],
    env: myEnv(db),
  };
}

/** Runs one SQL statement; the result is printed unaligned, without headers (for data checks). */
export function queryCommand(db: DatabaseTarget, database: string, sql: string): Command {
  if (db.engine === 'postgresql') {
    return {
      binary: pgBin('psql'),
      args: [
        '--no-psqlrc',
        '--tuples-only',
        '--no-align',
        '--set',
        'ON_ERROR_STOP=1',
        ...pgConn(db, database),
        '--command',
        sql,
      ],
      env: pgEnv(db),
    };
  }
  return {
    binary: db.engine === 'mysql' ? 'mysql' : 'mariadb',
    args: [...myConn(db), '--batch', '--skip-column-names', '--execute', sql, database],
    env: myEnv(db),
  };
}

export function quoteIdent(engine: Engine, name: string): string {
  return engine === 'postgresql' ? `"${name.replace(/"/g, '""')}"` : `\`${name.replace(/`/g, '``')}\``;
}

/** The error a failed client gave, in Quai's codes: refused (password, rights) or unreachable. */
export function clientError(
  db: DatabaseTarget,
  what: Message,
  stderr: string,
  code: number | null,
): QuaiError {
  const where = `${db.engine} ${db.user}@${db.host}:${db.port}/${db.database}`;
  const tail = stderr.trim().split('\n').slice(-3).join(' ');
  if (
    /password authentication failed|no password supplied|Access denied|role .* does not exist|database .* does not exist|Unknown database|permission denied|ERROR 1044|ERROR 1045|ERROR 1049/i.test(
      stderr,
    )
  ) {
    return new QuaiError('DATABASE_REFUSED', msg('backup.db.refused', { what, where, output: tail }), {
      hint: msg('backup.db.refusedHint'),
    });
  }
  if (
    /could not connect|Connection refused|could not translate host name|timeout expired|Can't connect|Unknown (MySQL|MariaDB) server host|ERROR 200[2-5]|No route to host/i.test(
      stderr,
    )
  ) {
    return new QuaiError(
      'DATABASE_UNREACHABLE',
      msg('backup.db.unreachable', { what, where, output: tail }),
      { hint: msg('backup.db.unreachableHint') },
    );
  }
  return new QuaiError(
    'INTERNAL',
    msg('backup.db.failed', { what, where, code: code ?? 'signal', output: tail || msg('backup.noOutput') }),
  );
}

export function missingTool(binary: string): QuaiError {
  return new QuaiError('PREREQUISITE_MISSING', msg('backup.db.clientMissing', { binary }), {
    hint: msg('backup.db.clientMissingHint'),
  });
}
