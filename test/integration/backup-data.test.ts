// Volume data (restic, local executor on real files) and application-consistent database dumps
// (real PostgreSQL 15 and MariaDB 10.11 started on loopback), to a directory and to a real S3
// server; restores before workloads; Ctrl-C leaves nothing half-done; clear errors with codes.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { msg, t } from '@quai/contracts';
import { backup, QuaiError, type KubeClient } from '@quai/core';
import { startMariadb, type MariadbServer } from '../components/mariadb.js';
import { startPostgres, type PostgresServer } from '../components/postgres.js';
import { startS3Server, type S3Server } from '../components/s3-server.js';
import { indexMacOf } from './backup-helpers.js';
import { createNamespace, deleteNamespace, deployment, testClient, uniqueName } from './helpers.js';

let client: KubeClient;
let pg: PostgresServer;
let maria: MariadbServer;
let s3: S3Server;
let ns: string;
let work: string;
const namespaces: string[] = [];
const volumesToDelete: string[] = [];
const key = backup.keyFrom(Buffer.alloc(32, 7));
/** restic run by hand, as in the emergency procedure of docs/backup.md ($QUAI_RESTIC, like Quai). */
const RESTIC = process.env['QUAI_RESTIC'] ?? 'restic';

function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string, rel: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name), `${rel}${e.name}/`);
      else out[`${rel}${e.name}`] = readFileSync(join(d, e.name)).toString('base64').slice(0, 64);
    }
  };
  walk(dir, '');
  return out;
}

function fill(dir: string, files: number): void {
  mkdirSync(join(dir, 'sub'), { recursive: true });
  for (let i = 0; i < files; i++)
    writeFileSync(join(dir, i % 2 ? 'sub' : '', `f${i}.txt`), `line ${i}\n`.repeat(50 + i));
  writeFileSync(join(dir, 'blob.bin'), randomBytes(300_000));
}

function databases(): backup.DatabaseDeclaration[] {
  return [
    {
      namespace: ns,
      name: 'pg',
      engine: 'postgresql',
      host: pg.host,
      port: pg.port,
      database: 'shop',
      user: pg.user,
      passwordSecret: { secret: 'db', key: 'pg-password' },
      checks: [{ name: 'orders', query: "SELECT count(*) || ':' || sum(total) FROM orders" }],
    },
    {
      namespace: ns,
      name: 'maria',
      engine: 'mariadb',
      host: maria.host,
      port: maria.port,
      database: 'wiki',
      user: maria.user,
      passwordSecret: { secret: 'db', key: 'maria-password' },
      checks: [{ name: 'pages', query: 'SELECT COUNT(*) FROM pages' }],
    },
  ];
}

beforeAll(async () => {
  [pg, maria, s3] = await Promise.all([startPostgres(), startMariadb(), startS3Server()]);
  client = await testClient({ qps: 100, burst: 200 });
  work = mkdtempSync(join(tmpdir(), 'quai-data-'));
  process.env['RESTIC_CACHE_DIR'] = join(work, 'restic-cache');
  ns = await createNamespace(client);
  namespaces.push(ns);
  pg.sql('postgres', 'CREATE DATABASE shop');
  pg.sql(
    'shop',
    'CREATE TABLE orders (id serial PRIMARY KEY, customer text NOT NULL, total numeric NOT NULL)',
  );
  pg.sql(
    'shop',
    "INSERT INTO orders (customer, total) SELECT 'client-' || g, g * 1.5 FROM generate_series(1, 500) g",
  );
  maria.sql('mysql', 'CREATE DATABASE wiki');
  maria.sql('wiki', 'CREATE TABLE pages (id INT AUTO_INCREMENT PRIMARY KEY, title VARCHAR(200), body TEXT)');
  maria.sql(
    'wiki',
    "INSERT INTO pages (title, body) VALUES ('Accueil', 'Bienvenue'), ('Aide', 'é à ç'), ('Contact', 'mairie')",
  );
  await client.create({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'db', namespace: ns },
    stringData: { 'pg-password': pg.password, 'maria-password': maria.password },
  });
  await client.create(deployment('web', ns, 1));
  // A hostPath volume reached through its PersistentVolume, one through --volume-path, one
  // excluded by its annotation, and one no mover can reach.
  fill(join(work, 'pv-data'), 40);
  fill(join(work, 'uploads'), 10);
  const pvName = uniqueName('quai-test-pv');
  volumesToDelete.push(pvName);
  await client.create({
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name: pvName },
    spec: {
      capacity: { storage: '1Gi' },
      accessModes: ['ReadWriteOnce'],
      storageClassName: '',
      hostPath: { path: join(work, 'pv-data') },
      claimRef: { namespace: ns, name: 'data' },
    },
  });
  const claim = (
    name: string,
    extra: Record<string, unknown> = {},
    annotations: Record<string, string> = {},
  ): Promise<unknown> =>
    client.create({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name, namespace: ns, annotations },
      spec: {
        accessModes: ['ReadWriteOnce'],
        resources: { requests: { storage: '1Gi' } },
        storageClassName: '',
        ...extra,
      },
    });
  await claim('data', { volumeName: pvName });
  await claim('uploads');
  await claim('cache', {}, { 'quai.dev/backup': 'none' });
  await claim('orphan');
}, 600_000);

afterAll(async () => {
  for (const n of namespaces) await deleteNamespace(client, n);
  for (const v of volumesToDelete)
    await client.delete({ apiVersion: 'v1', kind: 'PersistentVolume', name: v }).catch(() => undefined);
  client?.close();
  await Promise.all([pg?.stop(), maria?.stop(), s3?.stop()]);
  if (work) rmSync(work, { recursive: true, force: true });
  delete process.env['RESTIC_CACHE_DIR'];
});

describe('volume data and database dumps', () => {
  it('backs up volumes and databases to a directory, and restores them before the workloads', async () => {
    const target = new backup.DirectoryTarget(join(work, 'dir-target'));
    const steps: string[] = [];
    const index = await backup.createBackup(client, target, {
      name: 'with-data',
      namespaces: [ns],
      clusterResources: 'auto',
      key,
      onProgress: (m) => steps.push(t('en', m)),
      data: {
        volumes: { mover: 'local', paths: { [`${ns}/uploads`]: join(work, 'uploads') } },
        databases: databases(),
      },
    });
    expect(index.format).toBe(3);
    const byClaim = Object.fromEntries((index.volumes ?? []).map((v) => [v.pvc, v]));
    expect(byClaim['data']?.status).toBe('completed');
    expect(byClaim['data']?.path).toBe(join(work, 'pv-data'));
    expect(byClaim['uploads']?.status).toBe('completed');
    expect(byClaim['cache']?.status).toBe('excluded');
    // Never silently skipped: the unreachable claim is in the index, with the reason, and fails the backup.
    expect(byClaim['orphan']?.status).toBe('unreachable');
    expect(byClaim['orphan']?.reason).toMatch(/not bound.*--volume-path/);
    expect(index.status).toBe('partially-failed');
    expect(index.errors.join('\n')).toMatch(/orphan unreachable/);
    const dbs = Object.fromEntries((index.databases ?? []).map((d) => [d.name, d]));
    expect(dbs['pg']?.status).toBe('completed');
    expect(dbs['pg']?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(dbs['pg']?.checks?.[0]?.result).toBe('500:187875.0');
    expect(dbs['maria']?.status).toBe('completed');
    expect(dbs['maria']?.checks?.[0]?.result).toBe('3');
    // The repository is encrypted with a password derived from the key, beside the backups.
    const repo = join(work, 'dir-target', '.restic');
    const snapshots = JSON.parse(
      execFileSync(RESTIC, ['-r', repo, 'snapshots', '--json', '--tag', 'quai-backup=with-data'], {
        env: { ...process.env, RESTIC_PASSWORD: backup.volumes.repositoryPassword(key) },
      }).toString(),
    ) as unknown[];
    expect(snapshots).toHaveLength(4);
    expect(readdirSync(join(work, 'dir-target'))).toContain('with-data');

    // Disaster: the data changes, the tables go.
    const before = { data: tree(join(work, 'pv-data')), uploads: tree(join(work, 'uploads')) };
    pg.sql('shop', 'DELETE FROM orders WHERE id > 10');
    pg.sql('shop', 'ALTER TABLE orders ADD COLUMN junk int');
    maria.sql('wiki', 'DROP TABLE pages');
    const copy = uniqueName('quai-test-datacopy');
    namespaces.push(copy);
    const dest = { data: join(work, 'restored-data'), uploads: join(work, 'restored-uploads') };
    let deploymentExistedDuringDataRestore: boolean | undefined;
    // A dry run says which data would come back, and changes nothing (no namespace, no files).
    const preview = await backup.restoreBackup(client, target, 'with-data', {
      key,
      dryRun: true,
      namespaceMapping: { [ns]: copy },
      skipPersistentVolumes: true,
      data: { volumes: { mover: 'local', paths: { [`${copy}/data`]: dest.data } } },
    });
    const wouldVol = Object.fromEntries((preview.data?.volumes ?? []).map((v) => [v.claim, v.action]));
    expect(wouldVol).toMatchObject({
      [`${copy}/data`]: 'would-restore',
      [`${copy}/uploads`]: 'would-restore',
      [`${copy}/cache`]: 'skipped',
      [`${copy}/orphan`]: 'skipped',
    });
    expect(preview.data?.databases.map((d) => d.action)).toEqual(['would-restore', 'would-restore']);
    expect(await client.tryGet({ apiVersion: 'v1', kind: 'Namespace', name: copy })).toBeUndefined();
    expect(existsSync(dest.data)).toBe(false);
    // Into the live namespace, without --volume-path or --databases: nothing would be overwritten.
    const inPlace = await backup.restoreBackup(client, target, 'with-data', {
      key,
      dryRun: true,
      data: { volumes: { mover: 'local' } },
    });
    expect(new Set(inPlace.data?.volumes.map((v) => v.action))).toEqual(new Set(['skipped']));
    expect(inPlace.data?.databases.map((d) => d.reason)).toEqual([
      expect.stringMatching(/existed before this restore/),
      expect.stringMatching(/existed before this restore/),
    ]);
    const result = await backup.restoreBackup(client, target, 'with-data', {
      key,
      namespaceMapping: { [ns]: copy },
      skipPersistentVolumes: true,
      data: {
        volumes: {
          mover: 'local',
          paths: { [`${copy}/data`]: dest.data, [`${copy}/uploads`]: dest.uploads },
        },
      },
      onStep: (m) => {
        if (m.id.startsWith('backup.step.database') && deploymentExistedDuringDataRestore === undefined) {
          void client
            .tryGet({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: copy, name: 'web' })
            .then((d) => (deploymentExistedDuringDataRestore = d !== undefined));
        }
      },
    });
    const vol = Object.fromEntries((result.data?.volumes ?? []).map((v) => [v.claim, v]));
    expect(vol[`${copy}/data`]?.action).toBe('restored');
    expect(vol[`${copy}/uploads`]?.action).toBe('restored');
    expect(vol[`${copy}/cache`]?.action).toBe('skipped');
    expect(tree(dest.data)).toEqual(before.data);
    expect(tree(dest.uploads)).toEqual(before.uploads);
    expect(result.data?.databases.map((d) => d.action)).toEqual(['restored', 'restored']);
    expect(pg.sql('shop', "SELECT count(*) || ':' || sum(total) FROM orders")).toBe('500:187875.0');
    expect(
      pg.sql(
        'shop',
        "SELECT count(*) FROM information_schema.columns WHERE table_name = 'orders' AND column_name = 'junk'",
      ),
    ).toBe('0');
    expect(maria.sql('wiki', 'SELECT title FROM pages ORDER BY id')).toBe('Accueil\nAide\nContact');
    expect(maria.sql('wiki', "SELECT body FROM pages WHERE title = 'Aide'")).toBe('é à ç');
    // The restore order: data went in before the workloads were created.
    await new Promise((r) => setTimeout(r, 200));
    expect(deploymentExistedDuringDataRestore).toBe(false);
    expect(
      await client.tryGet({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: copy, name: 'web' }),
    ).toBeDefined();
  });

  it('a schedule carries volume data and dumps in each run, and its retention forgets their snapshots', async () => {
    const store = new backup.ScheduleStore(client);
    const keySecret = uniqueName('quai-test-key');
    const s = backup.validateSchedule({
      name: uniqueName('sd'),
      cron: '@daily',
      namespaces: [ns],
      target: join(work, 'schedule-target'),
      encryption: { keySecret },
      retention: { keepLast: 1 },
      volumes: { mover: 'local', paths: { [`${ns}/uploads`]: join(work, 'uploads') } },
      databases: [
        {
          namespace: ns,
          name: 'pg',
          engine: 'postgresql',
          host: pg.host,
          port: pg.port,
          database: 'shop',
          user: pg.user,
          passwordSecret: { secret: 'db', key: 'pg-password' },
        },
      ],
    });
    await store.save(s); // creates quai-system, where the key Secret lives
    await client.create({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: keySecret, namespace: backup.SYSTEM_NAMESPACE },
      data: { key: Buffer.from(`${Buffer.alloc(32, 7).toString('base64')}\n`).toString('base64') },
    });
    // The unreachable claim would leave every run partially failed, and retention keeps partial
    // backups until a complete one exists: it is excluded for this test (annotation removed after).
    const exclusion = (annotations: Record<string, string>) =>
      client.apply(
        {
          apiVersion: 'v1',
          kind: 'PersistentVolumeClaim',
          metadata: { name: 'orphan', namespace: ns, annotations },
        },
        { fieldManager: 'quai-test-exclusion' },
      );
    await exclusion({ 'quai.dev/backup': 'none' });
    try {
      const t0 = Date.parse('2026-11-20T02:00:00Z');
      const first = await backup.runSchedule(client, s, { now: () => new Date(t0) });
      const byClaim = Object.fromEntries((first.backup?.volumes ?? []).map((v) => [v.pvc, v.status]));
      expect(byClaim).toMatchObject({ data: 'completed', uploads: 'completed', orphan: 'excluded' });
      expect(first.status).toBe('completed');
      expect(first.backup?.databases?.map((d) => [d.name, d.status])).toEqual([['pg', 'completed']]);
      const repo = join(work, 'schedule-target', '.restic');
      const snapshotsOf = (backupName: string): unknown[] =>
        JSON.parse(
          execFileSync(RESTIC, ['-r', repo, 'snapshots', '--json', '--tag', `quai-backup=${backupName}`], {
            env: { ...process.env, RESTIC_PASSWORD: backup.volumes.repositoryPassword(key) },
          }).toString(),
        ) as unknown[];
      expect(snapshotsOf(first.backup!.name)).toHaveLength(3); // data, uploads, the pg dump
      const second = await backup.runSchedule(client, s, { now: () => new Date(t0 + 86_400_000) });
      expect(second.retention?.remove).toEqual([first.backup!.name]);
      expect(snapshotsOf(first.backup!.name)).toHaveLength(0);
      expect(snapshotsOf(second.backup!.name)).toHaveLength(3);
    } finally {
      await exclusion({});
      await store.delete(s.name).catch(() => undefined);
      for (const [kind, apiVersion, name] of [
        ['Secret', 'v1', keySecret],
        ['Lease', 'coordination.k8s.io/v1', `quai-backup-${s.name}`],
      ] as const)
        await client
          .delete({ apiVersion, kind, namespace: backup.SYSTEM_NAMESPACE, name })
          .catch(() => undefined);
    }
  });

  it('is incremental: a second backup adds only what changed', async () => {
    const target = new backup.DirectoryTarget(join(work, 'dir-target'));
    writeFileSync(join(work, 'pv-data', 'new.txt'), 'nouveau\n');
    const index = await backup.createBackup(client, target, {
      name: 'with-data-2',
      namespaces: [ns],
      clusterResources: 'no',
      key,
      data: { volumes: { mover: 'local' } },
    });
    const data = index.volumes?.find((v) => v.pvc === 'data');
    expect(data?.status).toBe('completed');
    expect(data?.bytesAdded ?? Infinity).toBeLessThan(50_000);
    expect(index.volumes?.find((v) => v.pvc === 'uploads')?.status).toBe('unreachable');
  });

  it('backs up volumes and a dump to the S3 server, and restores them from there', async () => {
    const target = new backup.S3Target({
      bucket: s3.bucket,
      prefix: 'data/',
      endpoint: s3.endpoint,
      accessKeyId: s3.accessKeyId,
      secretAccessKey: s3.secretAccessKey,
    });
    const repository = {
      kind: 's3' as const,
      bucket: s3.bucket,
      prefix: 'data/',
      endpoint: s3.endpoint,
      accessKeyId: s3.accessKeyId,
      secretAccessKey: s3.secretAccessKey,
    };
    try {
      const index = await backup.createBackup(client, target, {
        name: 's3-data',
        namespaces: [ns],
        clusterResources: 'no',
        key,
        data: {
          repository,
          volumes: { mover: 'local', paths: { uploads: join(work, 'uploads') } },
          databases: [databases()[0] as backup.DatabaseDeclaration],
        },
      });
      expect(index.volumes?.find((v) => v.pvc === 'uploads')?.status).toBe('completed');
      expect(index.databases?.[0]?.status).toBe('completed');
      pg.sql('shop', 'TRUNCATE orders');
      const dest = join(work, 's3-restored');
      // Into the namespace that still exists: its live database is left alone unless asked.
      const careful = await backup.restoreBackup(client, target, 's3-data', {
        key,
        namespaces: [ns],
        data: { repository },
      });
      expect(careful.data?.databases[0]).toMatchObject({ action: 'skipped' });
      expect(careful.data?.databases[0]?.reason).toMatch(/existed before this restore/);
      expect(pg.sql('shop', 'SELECT count(*) FROM orders')).toBe('0');
      const result = await backup.restoreBackup(client, target, 's3-data', {
        key,
        namespaces: [ns],
        data: {
          repository,
          overwriteLive: true,
          volumes: { mover: 'local', paths: { [`${ns}/uploads`]: dest } },
        },
      });
      expect(result.data?.volumes.find((v) => v.claim === `${ns}/uploads`)?.action).toBe('restored');
      expect(tree(dest)).toEqual(tree(join(work, 'uploads')));
      expect(result.data?.databases[0]?.action).toBe('restored');
      expect(pg.sql('shop', 'SELECT count(*) FROM orders')).toBe('500');
    } finally {
      target.close();
    }
  });

  it('Ctrl-C stops restic cleanly: repository unlocked, backup never visible', async () => {
    const big = join(work, 'big');
    mkdirSync(big);
    for (let i = 0; i < 4; i++) writeFileSync(join(big, `r${i}.bin`), randomBytes(40_000_000));
    const target = new backup.DirectoryTarget(join(work, 'dir-target'));
    const controller = new AbortController();
    const attempt = backup.createBackup(client, target, {
      name: 'interrupted',
      namespaces: [ns],
      clusterResources: 'no',
      key,
      signal: controller.signal,
      data: {
        volumes: {
          mover: 'local',
          paths: { [`${ns}/uploads`]: big },
          onProgress: (p) => {
            if (p.bytesDone > 0) controller.abort(new QuaiError('INTERRUPTED', msg('common.interrupted')));
          },
        },
      },
    });
    await expect(attempt).rejects.toMatchObject({ code: 'INTERRUPTED' });
    expect((await target.list()).map((b) => b.name)).not.toContain('interrupted');
    const env = { ...process.env, RESTIC_PASSWORD: backup.volumes.repositoryPassword(key) };
    const repo = join(work, 'dir-target', '.restic');
    expect(execFileSync(RESTIC, ['-r', repo, 'list', 'locks', '--no-lock'], { env }).toString().trim()).toBe(
      '',
    );
    const left = JSON.parse(
      execFileSync(RESTIC, ['-r', repo, 'snapshots', '--json', '--tag', 'quai-backup=interrupted'], {
        env,
      }).toString(),
    ) as unknown[];
    expect(left).toHaveLength(0);
  });

  it('names a wrong password, an unreachable server and a missing tool with their codes', async () => {
    const repository = backup.volumes.resticRepository(
      { kind: 'directory', root: join(work, 'dir-target') },
      key,
    );
    const base = {
      namespace: ns,
      name: 'pg',
      engine: 'postgresql' as const,
      host: pg.host,
      port: pg.port,
      database: 'shop',
      user: pg.user,
    };
    await expect(
      backup.databases.dumpDatabase(repository, 'bad', { ...base, password: 'wrong' }),
    ).rejects.toMatchObject({
      code: 'DATABASE_REFUSED',
    });
    await expect(
      backup.databases.dumpDatabase(repository, 'bad', { ...base, password: pg.password, port: 1 }),
    ).rejects.toMatchObject({ code: 'DATABASE_UNREACHABLE' });
    await expect(
      backup.databases.dumpDatabase(repository, 'bad', {
        ...base,
        engine: 'mariadb',
        port: maria.port,
        user: maria.user,
        password: 'nope',
        database: 'wiki',
      }),
    ).rejects.toMatchObject({ code: 'DATABASE_REFUSED' });
    process.env['QUAI_PG_BINDIR'] = '/nonexistent';
    try {
      await expect(
        backup.databases.dumpDatabase(repository, 'bad', { ...base, password: pg.password }),
      ).rejects.toMatchObject({
        code: 'PREREQUISITE_MISSING',
      });
    } finally {
      delete process.env['QUAI_PG_BINDIR'];
    }
    // A failed dump leaves no snapshot behind.
    const left = await backup.volumes.findSnapshots({ repository }, ['quai-backup=bad']);
    expect(left).toHaveLength(0);
    // A wrong key cannot open the repository.
    const other = backup.volumes.resticRepository(
      { kind: 'directory', root: join(work, 'dir-target') },
      backup.keyFrom(Buffer.alloc(32, 1)),
    );
    await expect(backup.volumes.findSnapshots({ repository: other }, ['x=y'])).rejects.toMatchObject({
      code: 'INPUT_INVALID',
    });
  });
});

describe('drills and in-cluster Jobs', () => {
  it('a drill restores each dump into a scratch database and compares the data checks', async () => {
    const target = new backup.DirectoryTarget(join(work, 'dir-target'));
    const report = await backup.drill(client, target, 'with-data', { key, timeoutMs: 5_000 });
    const byName = Object.fromEntries(report.checks.map((c) => [c.name, c]));
    expect(byName[`database ${ns}/pg restored`]?.ok).toBe(true);
    expect(byName[`data check ${ns}/pg orders`]).toMatchObject({ ok: true });
    expect(byName[`data check ${ns}/maria pages`]).toMatchObject({ ok: true });
    // The scratch databases are gone; the real ones untouched.
    expect(pg.sql('postgres', "SELECT count(*) FROM pg_database WHERE datname LIKE 'shop_drill_%'")).toBe(
      '0',
    );
    expect(
      maria.sql(
        'mysql',
        "SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name LIKE 'wiki_drill_%'",
      ),
    ).toBe('0');
    // An edited index is refused before anything is restored (its MAC no longer holds).
    const file = join(work, 'dir-target', 'with-data', 'index.json');
    const edited = JSON.parse(readFileSync(file, 'utf8').replace('"result": "3"', '"result": "4"')) as object;
    writeFileSync(file, JSON.stringify(edited));
    await expect(backup.drill(client, target, 'with-data', { key, timeoutMs: 5_000 })).rejects.toMatchObject({
      code: 'BACKUP_ALTERED',
    });
    // A check whose result differs fails the drill, saying what was expected (the index signed
    // again here with the key, as only its holder can).
    writeFileSync(file, JSON.stringify({ ...edited, mac: indexMacOf(edited, key) }));
    const again = await backup.drill(client, target, 'with-data', { key, timeoutMs: 5_000 });
    expect(again.status).toBe('fail');
    expect(again.checks.find((c) => c.name === `data check ${ns}/maria pages`)).toMatchObject({
      ok: false,
      detail: 'expected "4", got "3"',
    });
  });

  it('mover and dump Jobs pass the restricted Pod Security Standard, run next to the volume, and are awaited', async () => {
    const restricted = await createNamespace(client, {
      'pod-security.kubernetes.io/enforce': 'restricted',
      'pod-security.kubernetes.io/enforce-version': 'latest',
    });
    namespaces.push(restricted);
    await client.create({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'files', namespace: restricted },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
    });
    const node = (await client.list('v1', 'Node'))[1]?.metadata.name ?? '';
    await client.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'app', namespace: restricted },
      spec: {
        nodeName: node,
        securityContext: {
          runAsNonRoot: true,
          runAsUser: 1234,
          runAsGroup: 1234,
          seccompProfile: { type: 'RuntimeDefault' },
        },
        containers: [
          {
            name: 'app',
            image: 'registry.example/app:1',
            securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
            volumeMounts: [{ name: 'files', mountPath: '/files' }],
          },
        ],
        volumes: [{ name: 'files', persistentVolumeClaim: { claimName: 'files' } }],
      },
    });
    const place = {
      kind: 's3' as const,
      bucket: s3.bucket,
      prefix: 'jobs/',
      endpoint: s3.endpoint,
      accessKeyId: s3.accessKeyId,
      secretAccessKey: s3.secretAccessKey,
    };
    // The exact pod template is admitted under "restricted" (server-side dry run of a Pod).
    const job = backup.volumes.moverJob({
      name: 'quai-mover-check',
      namespace: restricted,
      pvc: 'files',
      image: backup.volumes.DEFAULT_MOVER_IMAGE,
      args: backup.volumes.backupArgs({ backup: 'b', namespace: restricted, pvc: 'files' }),
      readOnly: true,
      nodeName: node,
    }) as unknown as { spec: { template: { spec: Record<string, unknown> } } };
    await client.create(
      {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'dry', namespace: restricted },
        spec: job.spec.template.spec,
      },
      { dryRun: true },
    );
    const steps: string[] = [];
    const records = await backup.volumes.backupVolumes(
      client,
      'job-run',
      [
        await client.get({
          apiVersion: 'v1',
          kind: 'PersistentVolumeClaim',
          namespace: restricted,
          name: 'files',
        }),
      ],
      { place, key, mover: 'job', timeoutMs: 90_000, onStep: (m) => steps.push(t('en', m)) },
    );
    expect(steps.join('\n')).toMatch(/mover Job in/);
    // KWOK completes the Job without running restic: no summary and no snapshot, said plainly.
    expect(records[0]).toMatchObject({ mover: 'job', status: 'failed' });
    expect(records[0]?.reason).toMatch(/completed, but its logs hold no restic summary/);
    const dump = await backup.databases.dumpDatabaseInCluster(
      client,
      backup.volumes.resticRepository(place, key),
      'job-run',
      {
        namespace: restricted,
        name: 'pg',
        engine: 'postgresql',
        host: 'db',
        port: 5432,
        database: 'shop',
        user: 'shop',
        passwordSecret: { secret: 'db', key: 'password' },
      },
      { timeoutMs: 90_000 },
    );
    expect(dump.status).toBe('failed');
    expect(dump.reason).toMatch(/completed, but its logs hold no restic summary/);
    // Jobs and their credential Secrets are deleted afterwards.
    const left = await client.list('batch/v1', 'Job', {
      namespace: restricted,
      labelSelector: 'quai.dev/mover',
    });
    expect(left.filter((j) => !j.metadata['deletionTimestamp'])).toHaveLength(0);
    expect(
      await client.list('v1', 'Secret', { namespace: restricted, labelSelector: 'quai.dev/mover' }),
    ).toHaveLength(0);
  });
});
