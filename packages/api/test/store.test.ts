import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type PostgresServer } from '../../../test/components/postgres.js';
import { openPostgresStore, openSqliteStore, SCHEMA_VERSION, type Store } from '../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'quai-store-'));
let pg: PostgresServer;

beforeAll(async () => {
  pg = await startPostgres();
}, 120_000);

afterAll(async () => {
  await pg?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Each engine: a new empty database, and a way to open a store on it (several times). */
const engines: [string, () => () => Store][] = [
  [
    'SQLite',
    () => {
      const file = join(dir, `quai-${Math.random().toString(36).slice(2)}.db`);
      return () => openSqliteStore(file);
    },
  ],
  // Node's own SQLite (Node 22.13 and later: CI's Node 24 run), as where better-sqlite3 is not built.
  ...((process as { getBuiltinModule?: (id: string) => unknown }).getBuiltinModule?.('node:sqlite') ===
  undefined
    ? []
    : [
        [
          'SQLite (node:sqlite)',
          () => {
            const file = join(dir, `quai-${Math.random().toString(36).slice(2)}.db`);
            return () => openSqliteStore(file, { driver: 'node:sqlite' });
          },
        ] as [string, () => () => Store],
      ]),
  [
    'PostgreSQL',
    () => {
      const db = `quai_${Math.random().toString(36).slice(2, 10)}`;
      pg.sql('postgres', `CREATE DATABASE ${db}`);
      return () => openPostgresStore(`postgres://${pg.user}:${pg.password}@${pg.host}:${pg.port}/${db}`);
    },
  ],
];

describe.each(engines)('the %s store', (_name, database) => {
  let open: () => Store;
  beforeAll(() => {
    open = database();
  });

  it('migrates once: a second migration is a no-op', async () => {
    const a = open();
    expect(await a.migrate()).toBe(SCHEMA_VERSION);
    expect(await a.migrate()).toBe(SCHEMA_VERSION);
    await a.close();
  });

  it('keeps the audit trail, filters it, pages it newest first, and closes running events', async () => {
    const s = open();
    await s.migrate();
    for (let i = 0; i < 5; i++) {
      await s.recordStart({
        id: `e${i}`,
        at: `2026-12-0${i + 1}T10:00:00.000Z`,
        actor: i % 2 === 0 ? 'alice' : 'bob',
        groups: ['ops'],
        action: i < 3 ? 'deploy.apply' : 'deploy.rollback',
        app: 'grist',
        namespace: 'grist',
        environment: 'prod',
        reason: `release ${i}`,
        status: 'running',
        request: { apps: [{ yaml: { sha256: 'x', bytes: 3 } }] },
        source: '127.0.0.1 (token)',
      });
    }
    await s.recordEnd('e4', {
      status: 'failed',
      errorCode: 'ROLLOUT_FAILED',
      message: 'boom',
      durationMs: 1200,
    });
    const all = await s.listAudit({});
    expect(all.map((e) => e.id)).toEqual(['e4', 'e3', 'e2', 'e1', 'e0']);
    expect(all[0]).toMatchObject({
      status: 'failed',
      errorCode: 'ROLLOUT_FAILED',
      durationMs: 1200,
      groups: ['ops'],
    });
    expect((await s.listAudit({ actor: 'alice' })).map((e) => e.id)).toEqual(['e4', 'e2', 'e0']);
    expect((await s.listAudit({ action: 'deploy.rollback' })).map((e) => e.id)).toEqual(['e4', 'e3']);
    expect((await s.listAudit({ since: '2026-12-02', until: '2026-12-04' })).map((e) => e.id)).toEqual([
      'e2',
      'e1',
    ]);
    expect((await s.listAudit({ limit: 2, before: 'e3' })).map((e) => e.id)).toEqual(['e2', 'e1']);
    await s.close();
  });

  it('keeps sessions by hash, purges expired ones, and uses each sign-in state once', async () => {
    const s = open();
    await s.migrate();
    const base = {
      user: 'alice',
      groups: ['ops'],
      csrf: 'c',
      createdAt: '2026-12-05T00:00:00Z',
      via: 'token',
    };
    await s.putSession({ ...base, idHash: 'old', expiresAt: '2026-12-05T01:00:00Z' });
    await s.putSession({ ...base, idHash: 'new', expiresAt: '2026-12-06T01:00:00Z', lang: 'fr' });
    expect(await s.getSession('new')).toMatchObject({ user: 'alice', groups: ['ops'], lang: 'fr' });
    expect(await s.purgeSessions('2026-12-05T12:00:00Z')).toBe(1);
    expect(await s.getSession('old')).toBeUndefined();
    await s.putPendingLogin({
      stateHash: 'st',
      verifier: 'v',
      nonce: 'n',
      returnTo: '/',
      expiresAt: '2026-12-05T12:10:00Z',
    });
    expect(await s.takePendingLogin('st', '2026-12-05T12:00:00Z')).toMatchObject({ verifier: 'v' });
    expect(await s.takePendingLogin('st', '2026-12-05T12:00:00Z')).toBeUndefined();
    await s.putPendingLogin({
      stateHash: 'late',
      verifier: 'v',
      nonce: 'n',
      returnTo: '/',
      expiresAt: '2026-12-05T12:10:00Z',
    });
    expect(await s.takePendingLogin('late', '2026-12-05T13:00:00Z')).toBeUndefined();
    await s.close();
  });

  it('keeps reports for history, listed without their bodies and read one by one', async () => {
    const s = open();
    await s.migrate();
    await s.addHistory({
      id: 'h1',
      at: '2026-12-05T10:00:00Z',
      kind: 'deploy.apply',
      actor: 'alice',
      app: 'grist',
      outcome: 'ok',
      result: { big: 'x'.repeat(1000) },
    });
    const list = await s.listHistory({ kind: 'deploy.apply' });
    expect(list).toHaveLength(1);
    expect(list[0]?.result).toBeUndefined();
    expect((await s.getHistory('h1'))?.result).toEqual({ big: 'x'.repeat(1000) });
    await s.close();
  });
});

describe('replicas on PostgreSQL', () => {
  it('migrate once when several start together on the same database', async () => {
    const db = `quai_${Math.random().toString(36).slice(2, 10)}`;
    pg.sql('postgres', `CREATE DATABASE ${db}`);
    const stores = [1, 2, 3].map(() =>
      openPostgresStore(`postgres://${pg.user}:${pg.password}@${pg.host}:${pg.port}/${db}`),
    );
    expect(await Promise.all(stores.map((s) => s.migrate()))).toEqual([
      SCHEMA_VERSION,
      SCHEMA_VERSION,
      SCHEMA_VERSION,
    ]);
    expect(pg.sql(db, 'SELECT COUNT(*) FROM quai_schema')).toBe(String(SCHEMA_VERSION));
    await Promise.all(stores.map((s) => s.close()));
  });
});

describe('the SQLite store without better-sqlite3', () => {
  it('says what is missing and how to fix it when this Node has no SQLite of its own', () => {
    const has = (process as { getBuiltinModule?: (id: string) => unknown }).getBuiltinModule?.('node:sqlite');
    if (has !== undefined) {
      // Node 22.13+: node:sqlite opens it; better-sqlite3 is then not needed at all.
      const s = openSqliteStore(':memory:', { driver: 'node:sqlite' });
      return s.close();
    }
    let error: unknown;
    try {
      openSqliteStore(':memory:', { driver: 'node:sqlite' });
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'PREREQUISITE_MISSING' });
    expect((error as { hintText?: unknown }).hintText).toBeDefined();
  });
});

describe('schema versions', () => {
  it('refuses a database migrated by a newer Quai, naming both versions', async () => {
    const file = join(dir, 'newer.db');
    const s = openSqliteStore(file);
    await s.migrate();
    await s.close();
    const Database = (await import('better-sqlite3')).default;
    const raw = new Database(file);
    raw.prepare("INSERT INTO quai_schema (version, name, applied_at) VALUES (99, 'future', 'x')").run();
    raw.close();
    const again = openSqliteStore(file);
    await expect(again.migrate()).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
    await again.close();
  });
});
