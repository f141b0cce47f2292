// The CLI flags of volume data and database dumps, end to end on the dev cluster with a real
// PostgreSQL: `backup create --volume-path --app-spec`, `backup describe`, `restore`.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { backup, type KubeClient } from '@quai/core';
import { runQuai } from '../../packages/cli/test/run-cli.js';
import { startPostgres, type PostgresServer } from '../components/postgres.js';
import { createNamespace, deleteNamespace, testClient, uniqueName } from './helpers.js';

let client: KubeClient;
let pg: PostgresServer;
let ns: string;
let work: string;
const namespaces: string[] = [];

beforeAll(async () => {
  pg = await startPostgres();
  client = await testClient();
  work = mkdtempSync(join(tmpdir(), 'quai-data-cli-'));
  ns = await createNamespace(client);
  namespaces.push(ns);
  pg.sql('postgres', 'CREATE DATABASE annuaire');
  pg.sql(
    'annuaire',
    "CREATE TABLE agents AS SELECT g AS id, 'agent ' || g AS nom FROM generate_series(1, 42) g",
  );
  await client.create({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'annuaire-db', namespace: ns },
    stringData: { password: pg.password },
  });
  await client.create({
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: 'files', namespace: ns },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
  });
  mkdirSync(join(work, 'files'));
  writeFileSync(join(work, 'files', 'photo.txt'), 'trombinoscope\n');
  writeFileSync(
    join(work, 'quai.yaml'),
    `apiVersion: quai.dev/v1alpha1
kind: App
metadata: { name: annuaire }
spec:
  namespace: ${ns}
  components:
    web: { image: registry.example/annuaire:1.0 }
  backup:
    databases:
      - name: annuaire-pg
        engine: postgresql
        host: ${pg.host}
        port: ${pg.port}
        database: annuaire
        user: ${pg.user}
        passwordSecret: { secret: annuaire-db, key: password }
        checks:
          - { name: agents, query: SELECT count(*) FROM agents }
`,
  );
  await runQuai(['backup', 'key', 'create', join(work, 'key')]);
}, 300_000);

afterAll(async () => {
  for (const n of namespaces) await deleteNamespace(client, n);
  client?.close();
  await pg?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('quai backup with volume data and database dumps', () => {
  it('backs up, describes and restores the data through the CLI', async () => {
    const env = { RESTIC_CACHE_DIR: join(work, 'cache') };
    const common = [
      '--target',
      join(work, 'target'),
      '--key-file',
      join(work, 'key'),
      '--kubeconfig',
      inject('kubeconfig'),
    ];
    const created = await runQuai(
      [
        'backup',
        'create',
        'cli-data',
        '-n',
        ns,
        ...common,
        '--volume-path',
        `files=${join(work, 'files')}`,
        '--app-spec',
        join(work, 'quai.yaml'),
      ],
      env,
    );
    expect(created.err).not.toMatch(/error \[/);
    expect(created.code).toBe(0);
    expect(created.out).toMatch(new RegExp(`volume ${ns}/files: completed \\(snapshot [0-9a-f]{8}`));
    expect(created.out).toMatch(new RegExp(`database ${ns}/annuaire-pg: completed \\(postgresql dump`));
    const described = await runQuai(['backup', 'describe', 'cli-data', '--target', join(work, 'target')]);
    expect(described.out).toMatch(/database .*annuaire-pg: completed, postgresql .* sha256 [0-9a-f]{64}/);

    pg.sql('annuaire', 'DROP TABLE agents');
    const copy = uniqueName('quai-test-clicopy');
    namespaces.push(copy);
    const restored = await runQuai(
      [
        'restore',
        'cli-data',
        ...common,
        '--namespace-mapping',
        `${ns}=${copy}`,
        '--volume-path',
        `${copy}/files=${join(work, 'back')}`,
      ],
      env,
    );
    expect(restored.code).toBe(0);
    expect(restored.out).toContain(`volume ${copy}/files: restored`);
    expect(restored.out).toContain(`database ${ns}/annuaire-pg: restored`);
    expect(readFileSync(join(work, 'back', 'photo.txt'), 'utf8')).toBe('trombinoscope\n');
    expect(pg.sql('annuaire', 'SELECT count(*) FROM agents')).toBe('42');

    // Deleting the backup forgets its restic snapshots (the volume and the dump).
    const deleted = await runQuai([
      'backup',
      'delete',
      'cli-data',
      '--target',
      join(work, 'target'),
      '--key-file',
      join(work, 'key'),
    ]);
    expect(deleted.code).toBe(0);
    expect(deleted.out).toContain('2 restic snapshots forgotten');
    const repository = backup.volumes.resticRepository(
      { kind: 'directory', root: join(work, 'target') },
      await backup.readKeyFile(join(work, 'key')),
    );
    expect(await backup.volumes.findSnapshots({ repository }, ['quai-backup=cli-data'])).toHaveLength(0);
  });

  it('refuses volume data without a key, and names an unreachable volume', async () => {
    const noKey = await runQuai([
      'backup',
      'create',
      'clear',
      '-n',
      ns,
      '--target',
      join(work, 'target'),
      '--no-encryption',
      '--volumes',
      'restic',
      '--kubeconfig',
      inject('kubeconfig'),
    ]);
    expect(noKey.code).toBe(2);
    expect(noKey.err).toContain('need the backup key');
    const partial = await runQuai(
      [
        'backup',
        'create',
        'no-path',
        '-n',
        ns,
        '--target',
        join(work, 'target'),
        '--key-file',
        join(work, 'key'),
        '--kubeconfig',
        inject('kubeconfig'),
      ],
      { RESTIC_CACHE_DIR: join(work, 'cache') },
    );
    // The backup ran and partly failed: an operation failure (exit 7), not a finding.
    expect(partial.code).toBe(7);
    expect(partial.out).toContain(`volume ${ns}/files: unreachable`);
    expect(partial.out).toMatch(/error: volume .*files unreachable: not reachable from this machine/);
    // A folder target: the in-cluster mover cannot help, so it is not suggested.
    expect(partial.out).not.toContain('--mover job');
  });
});
