// Backups to a real S3-compatible server (Versity Gateway built from the Go module proxy, on
// loopback): write, list, restore, an aborted backup never listed, wrong credentials named.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textOf } from '@quai/contracts';
import { backup, type KubeClient, type KubeObject } from '@quai/core';
import { startS3Server, type S3Server } from '../components/s3-server.js';
import { deleteNamespace, testClient, uniqueName, createNamespace } from './helpers.js';

let s3: S3Server;
let client: KubeClient;
let target: backup.S3Target;
let ns: string;
const namespaces: string[] = [];
const key = backup.keyFrom(Buffer.alloc(32, 3));

beforeAll(async () => {
  s3 = await startS3Server();
  client = await testClient({ qps: 100, burst: 200 });
  target = new backup.S3Target({
    bucket: s3.bucket,
    prefix: 'cd49/',
    endpoint: s3.endpoint,
    accessKeyId: s3.accessKeyId,
    secretAccessKey: s3.secretAccessKey,
  });
  ns = await createNamespace(client);
  namespaces.push(ns);
  for (let i = 0; i < 5; i++) {
    await client.create({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: `cfg-${i}`, namespace: ns },
      data: { i: String(i) },
    });
  }
  await client.create({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'db', namespace: ns },
    stringData: { password: 'from-s3' },
  });
}, 600_000);

afterAll(async () => {
  for (const n of namespaces) await deleteNamespace(client, n);
  client.close();
  target.close();
  await s3.stop();
});

describe('backups in an S3 bucket', () => {
  it('writes a backup, lists it once complete, and restores it elsewhere', async () => {
    const index = await backup.createBackup(client, target, {
      name: 's3-nightly',
      namespaces: [ns],
      clusterResources: 'no',
      key,
    });
    expect(index.counts['ConfigMap']).toBe(5);
    expect((await target.list()).map((b) => b.name)).toEqual(['s3-nightly']);
    const copy = uniqueName('quai-test-s3copy');
    namespaces.push(copy);
    await client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: copy } });
    const result = await backup.restoreBackup(client, target, 's3-nightly', {
      key,
      namespaceMapping: { [ns]: copy },
    });
    expect(result.counts.failed).toBe(0);
    const secret = await client.get<KubeObject & { data: Record<string, string> }>({
      apiVersion: 'v1',
      kind: 'Secret',
      namespace: copy,
      name: 'db',
    });
    expect(Buffer.from(secret.data['password'] ?? '', 'base64').toString()).toBe('from-s3');
  });

  it('never lists an aborted backup, and refuses to overwrite one', async () => {
    const writer = await target.begin('half-done', '0'.repeat(32));
    await writer.write('resources/ConfigMap.core.json.enc', Buffer.from('partial'));
    expect((await target.list()).map((b) => b.name)).toEqual(['s3-nightly']);
    await writer.abort();
    await expect(
      backup.createBackup(client, target, {
        name: 's3-nightly',
        namespaces: [ns],
        clusterResources: 'no',
        key,
      }),
    ).rejects.toMatchObject({ code: 'ALREADY_EXISTS' });
  });

  it('locks a backup name: a second writer is refused, a stale lock is taken over, leftovers are cleaned', async () => {
    const id = (c: string): string => c.repeat(32);
    const first = await target.begin('locked', id('a'));
    await expect(target.begin('locked', id('b'))).rejects.toMatchObject({
      code: 'BACKUP_LOCKED',
      message: expect.stringContaining(`process ${process.pid}`),
    });
    expect((await target.cleanLeftovers()).writing).toEqual([{ name: 'locked', id: id('a') }]);
    await first.write('resources/ConfigMap.core.json.enc', Buffer.from('half'));
    // A writer killed: its lock is no longer refreshed (here: written as two minutes old).
    const raw = new S3Client({
      endpoint: s3.endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
    });
    try {
      await raw.send(
        new PutObjectCommand({
          Bucket: s3.bucket,
          Key: 'cd49/.locks/locked.json',
          Body: JSON.stringify({
            host: 'gone-host',
            pid: 1,
            id: id('a'),
            since: '2026-01-01T00:00:00Z',
            refreshedAt: new Date(Date.now() - 180_000).toISOString(),
          }),
        }),
      );
    } finally {
      raw.destroy();
    }
    const cleaned = await target.cleanLeftovers();
    expect(cleaned.writing).toEqual([]);
    expect(cleaned.removed.map((r) => textOf('en', r))).toEqual([
      'stale lock of locked (process 1 on gone-host)',
      '1 object(s) of unfinished backup locked',
    ]);
    const taken = await target.begin('locked', id('c'));
    await taken.abort();
    expect(await target.list()).toHaveLength(1);
  });

  it('takes --s3-endpoint and the AWS variables from the command line, with no SDK warning on Node 20', () => {
    const main = join(dirname(fileURLToPath(import.meta.url)), '../../packages/cli/dist/main.js');
    const { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: _quiet, ...env } = process.env;
    const r = spawnSync(
      'node',
      [
        main,
        'backup',
        'list',
        '--target',
        `s3://${s3.bucket}/cd49`,
        '--s3-endpoint',
        s3.endpoint,
        '-o',
        'json',
      ],
      {
        env: {
          ...env,
          AWS_ACCESS_KEY_ID: s3.accessKeyId,
          AWS_SECRET_ACCESS_KEY: s3.secretAccessKey,
          QUAI_S3_ENDPOINT: '',
        },
        encoding: 'utf8',
      },
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect((JSON.parse(r.stdout) as { name: string }[]).map((b) => b.name)).toEqual(['s3-nightly']);
  });

  it('deletes a backup index first, and names wrong credentials', async () => {
    await target.delete('s3-nightly');
    expect(await target.list()).toEqual([]);
    const wrong = new backup.S3Target({
      bucket: s3.bucket,
      endpoint: s3.endpoint,
      accessKeyId: s3.accessKeyId,
      secretAccessKey: 'not-the-secret',
    });
    try {
      await expect(wrong.list()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    } finally {
      wrong.close();
    }
  });
});
