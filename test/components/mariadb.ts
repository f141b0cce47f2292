// A real MariaDB 10.11 server (Debian's mariadbd) on a loopback port and a socket in a temporary
// folder, for tests: a password user over TCP, stopped and deleted in teardown.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as devcluster from '@quai/devcluster';
import { serviceUser } from './postgres.js';

const { freePort } = devcluster;

/** Debian installs the server in /usr/sbin and the tools in /usr/bin; QUAI_MARIADB_PREFIX overrides both. */
const prefix = process.env['QUAI_MARIADB_PREFIX'];
const tool = (name: string, debian: string): string => (prefix ? join(prefix, name) : join(debian, name));
const INSTALL_DB = tool('mariadb-install-db', '/usr/bin');
const SERVER = tool('mariadbd', '/usr/sbin');
const CLIENT = tool('mariadb', '/usr/bin');

export interface MariadbServer {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  /** Runs SQL as the test user over TCP; returns the batch output without column names. */
  sql(database: string, statement: string): string;
  stop(): Promise<void>;
}

export async function startMariadb(): Promise<MariadbServer> {
  const dir = mkdtempSync(join(tmpdir(), 'quai-mariadb-'));
  const data = join(dir, 'data');
  mkdirSync(data);
  const owner = serviceUser('mysql');
  if (owner) {
    chownSync(dir, owner.uid, owner.gid);
    chownSync(data, owner.uid, owner.gid);
  }
  const userArg = owner ? ['--user=mysql'] : [];
  execFileSync(
    INSTALL_DB,
    [
      '--no-defaults',
      `--datadir=${data}`,
      '--auth-root-authentication-method=socket',
      '--skip-test-db',
      ...userArg,
    ],
    { stdio: 'pipe' },
  );
  const port = await freePort();
  const socket = join(dir, 'mysqld.sock');
  const child: ChildProcess = spawn(
    SERVER,
    [
      '--no-defaults',
      `--datadir=${data}`,
      `--port=${port}`,
      '--bind-address=127.0.0.1',
      `--socket=${socket}`,
      `--pid-file=${join(dir, 'mysqld.pid')}`,
      '--skip-log-bin',
      '--skip-name-resolve',
      '--innodb-buffer-pool-size=16M',
      '--innodb-log-file-size=8M',
      '--innodb-flush-log-at-trx-commit=0',
      ...userArg,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-8000)));
  const root = (statement: string): string =>
    execFileSync(CLIENT, ['--no-defaults', `--socket=${socket}`, '-uroot', '-N', '-B', '-e', statement], {
      stdio: ['ignore', 'pipe', 'pipe'],
    }).toString();
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      root('SELECT 1');
      break;
    } catch (error) {
      if (child.exitCode !== null || Date.now() > deadline) {
        child.kill('SIGKILL');
        rmSync(dir, { recursive: true, force: true });
        throw new Error(
          `mariadbd did not start on 127.0.0.1:${port}: ${(error as Error).message}\n${stderr}`,
          { cause: error },
        );
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  const user = 'quai';
  const password = randomBytes(12).toString('hex');
  root(
    `CREATE USER '${user}'@'%' IDENTIFIED BY '${password}'; GRANT ALL ON *.* TO '${user}'@'%' WITH GRANT OPTION;`,
  );
  const sql = (database: string, statement: string): string =>
    execFileSync(
      CLIENT,
      [
        '--no-defaults',
        '--protocol=TCP',
        '-h',
        '127.0.0.1',
        '-P',
        String(port),
        '-u',
        user,
        '-N',
        '-B',
        '-e',
        statement,
        database,
      ],
      { env: { ...process.env, MYSQL_PWD: password }, stdio: ['ignore', 'pipe', 'pipe'] },
    )
      .toString()
      .trim();
  return {
    host: '127.0.0.1',
    port,
    user,
    password,
    sql,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => (child.exitCode !== null ? r(undefined) : child.once('exit', r)));
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
