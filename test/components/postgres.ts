// A real PostgreSQL 15 server (Debian's binaries) on a loopback port in a temporary folder, for
// tests: password authentication over TCP, stopped and deleted in teardown.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as devcluster from '@quai/devcluster';
const { freePort } = devcluster;

export const PG_BIN = process.env['QUAI_PG_BINDIR'] || '/usr/lib/postgresql/15/bin';

export interface PostgresServer {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  /** Runs SQL as the superuser in a database; returns psql's unaligned output. */
  sql(database: string, statement: string): string;
  stop(): Promise<void>;
}

/** When the tests run as root, servers that refuse root run as this system user. */
export function serviceUser(name: string): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const uid = Number(execFileSync('id', ['-u', name]).toString().trim());
  const gid = Number(execFileSync('id', ['-g', name]).toString().trim());
  return { uid, gid };
}

export async function startPostgres(): Promise<PostgresServer> {
  const dir = mkdtempSync(join(tmpdir(), 'quai-pg-'));
  const owner = serviceUser('postgres');
  const user = 'quai';
  const password = randomBytes(12).toString('hex');
  writeFileSync(join(dir, 'pw'), password);
  if (owner) {
    chownSync(dir, owner.uid, owner.gid);
    chownSync(join(dir, 'pw'), owner.uid, owner.gid);
  }
  const ids = owner ? { uid: owner.uid, gid: owner.gid } : {};
  execFileSync(
    join(PG_BIN, 'initdb'),
    [
      '-D',
      join(dir, 'data'),
      '-U',
      user,
      `--pwfile=${join(dir, 'pw')}`,
      '--auth-host=scram-sha-256',
      '--auth-local=trust',
      '--no-sync',
      '-E',
      'UTF8',
      '--locale=C',
    ],
    { ...ids, stdio: 'pipe' },
  );
  const port = await freePort();
  const child: ChildProcess = spawn(
    join(PG_BIN, 'postgres'),
    [
      '-D',
      join(dir, 'data'),
      '-p',
      String(port),
      '-k',
      dir,
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'fsync=off',
      '-c',
      'shared_buffers=16MB',
    ],
    { ...ids, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-8000)));
  const sql = (database: string, statement: string): string =>
    execFileSync(
      join(PG_BIN, 'psql'),
      [
        '-X',
        '-A',
        '-t',
        '-v',
        'ON_ERROR_STOP=1',
        '-h',
        '127.0.0.1',
        '-p',
        String(port),
        '-U',
        user,
        '-d',
        database,
        '-c',
        statement,
      ],
      { env: { ...process.env, PGPASSWORD: password }, stdio: ['ignore', 'pipe', 'pipe'] },
    )
      .toString()
      .trim();
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      sql('postgres', 'SELECT 1');
      break;
    } catch (error) {
      if (child.exitCode !== null || Date.now() > deadline) {
        child.kill('SIGKILL');
        rmSync(dir, { recursive: true, force: true });
        throw new Error(
          `postgres did not start on 127.0.0.1:${port}: ${(error as Error).message}\n${stderr}`,
          { cause: error },
        );
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  return {
    host: '127.0.0.1',
    port,
    user,
    password,
    sql,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGINT');
        await new Promise((r) => (child.exitCode !== null ? r(undefined) : child.once('exit', r)));
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
