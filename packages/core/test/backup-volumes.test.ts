// The argument builders and message parsing shared by the local executor and the in-cluster Jobs.
import { describe, expect, it } from 'vitest';
import { backup } from '../src/index.js';

const key = backup.keyFrom(Buffer.alloc(32, 9));
const db = {
  namespace: 'grist',
  name: 'pg',
  engine: 'postgresql' as const,
  host: 'db.grist.svc',
  port: 5432,
  database: 'grist',
  user: 'grist',
  password: 's3cret',
};

describe('restic arguments and messages', () => {
  it('derives the repository password from the key, and places the repository beside the backups', () => {
    const pw = backup.volumes.repositoryPassword(key);
    expect(pw).toMatch(/^[0-9a-f]{64}$/);
    expect(backup.volumes.repositoryPassword(backup.keyFrom(Buffer.alloc(32, 8)))).not.toBe(pw);
    expect(backup.volumes.resticRepository({ kind: 'directory', root: '/mnt/nfs/quai' }, key)).toEqual({
      kind: 'directory',
      url: '/mnt/nfs/quai/.restic',
      env: { RESTIC_PASSWORD: pw },
      options: [],
    });
    const s3 = backup.volumes.resticRepository(
      {
        kind: 's3',
        bucket: 'b',
        prefix: 'cd49/',
        endpoint: 'http://127.0.0.1:9000/',
        accessKeyId: 'a',
        secretAccessKey: 's',
      },
      key,
    );
    expect(s3.url).toBe('s3:http://127.0.0.1:9000/b/cd49/.restic');
    expect(s3.env).toMatchObject({ AWS_ACCESS_KEY_ID: 'a', AWS_SECRET_ACCESS_KEY: 's', RESTIC_PASSWORD: pw });
    expect(s3.options).toEqual([]);
    const pathStyle = backup.volumes.resticRepository(
      { kind: 's3', bucket: 'b', prefix: '', pathStyle: false, accessKeyId: 'a', secretAccessKey: 's' },
      key,
    );
    expect(pathStyle.options).toEqual(['-o', 's3.bucket-lookup=dns']);
  });

  it('tags every snapshot with the backup id, so a failed attempt forgets only its own', () => {
    expect(
      backup.volumes.backupArgs({
        backup: { name: 'nightly', id: 'ab'.repeat(16) },
        namespace: 'g',
        pvc: 'd',
      }),
    ).toEqual(
      expect.arrayContaining(['quai-backup=nightly', `quai-backup-id=${'ab'.repeat(16)}`, 'pvc=g/d']),
    );
  });

  it('builds the same backup arguments for both executors, and parses --json messages', () => {
    expect(backup.volumes.backupArgs({ backup: 'nightly', namespace: 'grist', pvc: 'data' })).toEqual([
      'backup',
      '--json',
      '--host',
      'quai-grist-data',
      '--tag',
      'quai-backup=nightly',
      '--tag',
      'pvc=grist/data',
      '--one-file-system',
      '.',
    ]);
    expect(backup.volumes.restoreArgs('abcd1234', '/srv/x')).toEqual([
      'restore',
      'abcd1234',
      '--target',
      '/srv/x',
    ]);
    expect(backup.volumes.parseResticLine('{"message_type":"status","percent_done":0.5}')).toMatchObject({
      percent_done: 0.5,
    });
    expect(
      backup.volumes.parseResticLine('{"message_type":"summary","snapshot_id":"ab12cd34"}'),
    ).toMatchObject({
      snapshot_id: 'ab12cd34',
    });
    expect(backup.volumes.parseResticLine('repository 1234 opened')).toBeUndefined();
    expect(backup.volumes.parseResticLine('{"message_type":"verbose_status"}')).toBeUndefined();
    expect(backup.volumes.parseResticLine('{not json')).toBeUndefined();
  });

  it('reads --volume-path mappings and refuses bad ones', () => {
    expect(backup.volumes.parseVolumePaths(['data=/srv/a', 'grist/files=/srv/b=c'])).toEqual({
      data: '/srv/a',
      'grist/files': '/srv/b=c',
    });
    expect(() => backup.volumes.parseVolumePaths(['data'])).toThrow(/CLAIM=\/absolute\/path/);
    expect(() => backup.volumes.parseVolumePaths(['data=relative'])).toThrow(/CLAIM=\/absolute\/path/);
  });

  it('finds a volume path from its PersistentVolume, or says why not', async () => {
    const pv = (spec: Record<string, unknown>) => ({
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name: 'pv' },
      spec,
    });
    expect(await backup.volumes.localPathOf(pv({ hostPath: { path: '/' } }))).toEqual({
      path: '/',
      reason: '',
    });
    expect((await backup.volumes.localPathOf(pv({ local: { path: '/nonexistent/x' } }))).reason).toMatch(
      /not on this machine/,
    );
    expect(
      (await backup.volumes.localPathOf(pv({ nfs: { server: 'nas', path: '/export/x' } }))).reason,
    ).toMatch(/NFS export nas:\/export\/x is not mounted here/);
    expect((await backup.volumes.localPathOf(pv({ csi: { driver: 'x' } }))).reason).toMatch(/csi volume/);
    expect((await backup.volumes.localPathOf(undefined)).reason).toMatch(/not bound/);
  });
});

describe('database commands', () => {
  it('dumps PostgreSQL in custom format and MariaDB in one transaction, passwords in the environment', () => {
    const pg = backup.databases.dumpCommand(db);
    expect(pg.args).toContain('--format=custom');
    expect(pg.args.join(' ')).not.toContain('s3cret');
    expect(pg.env).toMatchObject({ PGPASSWORD: 's3cret' });
    const maria = backup.databases.dumpCommand({ ...db, engine: 'mariadb', port: 3306 });
    expect(maria.binary).toBe('mariadb-dump');
    expect(maria.args).toEqual(expect.arrayContaining(['--single-transaction', '--routines', '--triggers']));
    expect(maria.env).toEqual({ MYSQL_PWD: 's3cret' });
    expect(backup.databases.restoreCommand(db, 'copy').args).toEqual(
      expect.arrayContaining(['--clean', '--if-exists', '--dbname', 'copy']),
    );
  });

  it('builds an in-cluster dump Job with the password from the app Secret, hardened for restricted', () => {
    const job = backup.databases.dumpJob({
      name: 'quai-dump-pg-abc123',
      backup: 'nightly',
      db: { ...db, password: undefined as never, passwordSecret: { secret: 'grist-db', key: 'password' } },
    }) as unknown as { spec: { template: { spec: Record<string, unknown> } } };
    const spec = job.spec.template.spec as {
      securityContext: Record<string, unknown>;
      initContainers: { command: string[]; env: unknown[]; securityContext: Record<string, unknown> }[];
      containers: { args: string[] }[];
    };
    expect(spec.securityContext).toMatchObject({
      runAsNonRoot: true,
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(spec.initContainers[0]?.command.slice(0, 2)).toEqual(['pg_dump', '--format=custom']);
    expect(JSON.stringify(spec.initContainers[0]?.env)).toContain(
      '"secretKeyRef":{"name":"grist-db","key":"password"}',
    );
    expect(JSON.stringify(job)).not.toContain('s3cret');
    expect(spec.initContainers[0]?.securityContext).toMatchObject({
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
    });
    expect(spec.containers[0]?.args).toEqual(expect.arrayContaining(['--tag', 'database=grist/pg', '.']));
  });
});
