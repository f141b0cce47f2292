// Issue 12, item 5: a backup's files are bound to the backup (name and random id) and its index is
// authenticated (a MAC keyed from the backup key). Each attack of the issue is made here on a real
// backup of a real cluster and must be refused before anything is restored, never skipped in
// silence: a file swapped from another backup of the same key with the index's checksum fixed, a
// checksum edited, the Secrets entry deleted from the index. Older formats are refused with a key
// unless accepted explicitly, then restored.
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { textOf } from '@quai/contracts';
import { backup, type KubeClient, type KubeObject } from '@quai/core';
import { runQuai } from '../../packages/cli/test/run-cli.js';
import { indexMacOf } from './backup-helpers.js';
import { createNamespace, deleteNamespace, testClient, uniqueName } from './helpers.js';

let client: KubeClient;
let ns: string;
let root: string;
let target: backup.DirectoryTarget;
const key = backup.keyFrom(Buffer.alloc(32, 7));
const namespaces: string[] = [];

interface IndexJson {
  files: { path: string; kind: string; count: number; bytes: number; sha256: string }[];
  counts: Record<string, number>;
  [k: string]: unknown;
}

const indexFile = (name: string): string => join(root, name, 'index.json');
const readIndexJson = (name: string): IndexJson =>
  JSON.parse(readFileSync(indexFile(name), 'utf8')) as IndexJson;
const writeIndexJson = (name: string, index: IndexJson): void =>
  writeFileSync(indexFile(name), `${JSON.stringify(index, null, 2)}\n`);
const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

const macOf = (index: IndexJson): string => indexMacOf(index, key);

/** A copy of a backup under the target, to attack without touching the original. */
function copyBackup(from: string, to: string): void {
  cpSync(join(root, from), join(root, to), { recursive: true });
  const index = readIndexJson(to);
  index['name'] = to;
  writeIndexJson(to, index);
}

async function namespaceExists(name: string): Promise<boolean> {
  return (await client.tryGet({ apiVersion: 'v1', kind: 'Namespace', name })) !== undefined;
}

beforeAll(async () => {
  client = await testClient({ qps: 0 });
  ns = await createNamespace(client);
  namespaces.push(ns);
  await client.create({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'settings', namespace: ns },
    data: { mode: 'first' },
  });
  await client.create({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'db', namespace: ns },
    stringData: { password: 'integrity-Secret-7' },
  });
  root = mkdtempSync(join(tmpdir(), 'quai-integrity-'));
  target = new backup.DirectoryTarget(root);
  await backup.createBackup(client, target, {
    name: 'first',
    namespaces: [ns],
    clusterResources: 'auto',
    key,
  });
  // The second backup of the same key holds an object the first never held.
  await client.create({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'intruder', namespace: ns },
    data: { planted: 'yes' },
  });
  await backup.createBackup(client, target, {
    name: 'second',
    namespaces: [ns],
    clusterResources: 'auto',
    key,
  });
}, 120_000);

afterAll(async () => {
  for (const n of namespaces) await deleteNamespace(client, n);
  client?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('backup integrity (format 3)', () => {
  it('writes format 3: a random id, files bound to it, an index MAC', async () => {
    const index = await target.readIndex('first');
    expect(index.format).toBe(3);
    expect(index.id).toMatch(/^[0-9a-f]{32}$/);
    expect(index.mac).toMatch(/^[0-9a-f]{64}$/);
    expect((await target.readIndex('second')).id).not.toBe(index.id);
    const copy = uniqueName('quai-test-intact');
    namespaces.push(copy);
    const restored = await backup.restoreBackup(client, target, 'first', {
      key,
      namespaceMapping: { [ns]: copy },
    });
    expect(restored.authenticated).toBe(true);
    expect(restored.counts.failed).toBe(0);
  });

  it('refuses a file swapped from another backup of the same key, its checksum fixed in the index', async () => {
    copyBackup('first', 'swapped');
    const cmFile = 'resources/ConfigMap.core.json.enc';
    const foreign = readFileSync(join(root, 'second', cmFile));
    writeFileSync(join(root, 'swapped', cmFile), foreign);
    const index = readIndexJson('swapped');
    const entry = index.files.find((f) => f.path === cmFile)!;
    entry.sha256 = sha256(foreign);
    entry.bytes = foreign.length;
    entry.count = 2;
    index.counts['ConfigMap'] = 2;
    writeIndexJson('swapped', index);
    const copy = uniqueName('quai-test-swapped');
    namespaces.push(copy);
    await expect(
      backup.restoreBackup(client, target, 'swapped', { key, namespaceMapping: { [ns]: copy } }),
    ).rejects.toMatchObject({
      code: 'BACKUP_ALTERED',
      message: expect.stringMatching(/does not authenticate/),
    });
    expect(await namespaceExists(copy)).toBe(false);

    // Even with a valid MAC (made here with the key, which an attacker lacks), the file itself
    // is bound to the backup it was written for.
    const forged = readIndexJson('swapped');
    forged['mac'] = macOf(forged);
    writeIndexJson('swapped', forged);
    await expect(
      backup.restoreBackup(client, target, 'swapped', { key, namespaceMapping: { [ns]: copy } }),
    ).rejects.toMatchObject({
      code: 'BACKUP_ALTERED',
      message: expect.stringMatching(/ConfigMap.core.json.enc does not authenticate/),
    });
    expect(await namespaceExists(copy)).toBe(false);
  });

  it('authenticates with the documented MAC formula, and binds files to the backup name', async () => {
    expect(macOf(readIndexJson('first'))).toBe(readIndexJson('first')['mac']);
    copyBackup('first', 'renamed');
    const renamed = readIndexJson('renamed');
    renamed['mac'] = macOf(renamed);
    writeIndexJson('renamed', renamed);
    await expect(
      backup.restoreBackup(client, target, 'renamed', { key, dryRun: true }),
    ).rejects.toMatchObject({
      code: 'BACKUP_ALTERED',
      message: expect.stringMatching(/belongs to another backup/),
    });
  });

  it('refuses an edited checksum', async () => {
    copyBackup('first', 'checksum');
    // Make the index valid for the real file again: only its checksum field is edited.
    const index = readIndexJson('checksum');
    index.files[0]!.sha256 = 'f'.repeat(64);
    writeIndexJson('checksum', index);
    await expect(
      backup.restoreBackup(client, target, 'checksum', { key, dryRun: true }),
    ).rejects.toMatchObject({
      code: 'BACKUP_ALTERED',
    });
  });

  it('refuses an index whose Secrets entry was deleted, with the CLI exiting 7, and describe --key-file too', async () => {
    cpSync(join(root, 'first'), join(root, 'no-secrets-src'), { recursive: true });
    const original = readIndexJson('first');
    const index = readIndexJson('first');
    index.files = index.files.filter((f) => f.kind !== 'Secret');
    delete index.counts['Secret'];
    writeIndexJson('first', index);
    try {
      const copy = uniqueName('quai-test-nosecret');
      namespaces.push(copy);
      await expect(
        backup.restoreBackup(client, target, 'first', { key, namespaceMapping: { [ns]: copy } }),
      ).rejects.toMatchObject({ code: 'BACKUP_ALTERED' });
      expect(await namespaceExists(copy)).toBe(false);
      const keyFile = join(root, '..', `${root.split('/').pop() ?? ''}.key`);
      writeFileSync(keyFile, key.key.toString('base64'), { mode: 0o600 });
      const common = ['--target', root, '--key-file', keyFile, '--kubeconfig', inject('kubeconfig')];
      const cli = await runQuai(['restore', 'first', ...common, '--namespace-mapping', `${ns}=${copy}`]);
      expect(cli.code).toBe(7);
      expect(cli.err).toContain('BACKUP_ALTERED');
      const described = await runQuai(['backup', 'describe', 'first', ...common]);
      expect(described.code).toBe(7);
      const unchecked = await runQuai(['backup', 'describe', 'first', '--target', root]);
      expect(unchecked.code).toBe(0);
      expect(unchecked.out).toContain('Integrity: not checked');
      rmSync(keyFile);
      // The index entry kept but the count dropped: refused as well.
      const partial = structuredClone(original);
      delete partial.counts['Secret'];
      writeIndexJson('first', partial);
      await expect(
        backup.restoreBackup(client, target, 'first', { key, dryRun: true }),
      ).rejects.toMatchObject({
        code: 'BACKUP_ALTERED',
      });
    } finally {
      writeIndexJson('first', original);
    }
  });
});

describe('older formats and unencrypted backups', () => {
  let legacyRoot: string;
  beforeAll(() => {
    legacyRoot = mkdtempSync(join(tmpdir(), 'quai-legacy-'));
    cpSync(new URL('fixtures/backup-format-1', import.meta.url).pathname, legacyRoot, { recursive: true });
  });
  afterAll(() => rmSync(legacyRoot, { recursive: true, force: true }));

  it('refuses a format 1 backup with a key unless accepted, then restores it with a warning', async () => {
    const legacy = new backup.DirectoryTarget(legacyRoot);
    const copy = uniqueName('quai-test-legacy');
    namespaces.push(copy);
    // The fixture holds no Namespace object (made without cluster resources).
    await client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: copy } });
    const mapping = { 'quai-legacy': copy };
    await expect(
      backup.restoreBackup(client, legacy, 'legacy-f1', { key, namespaceMapping: mapping }),
    ).rejects.toThrow(/uses format 1, whose index is not authenticated/);
    expect(
      await client.tryGet({ apiVersion: 'v1', kind: 'Secret', namespace: copy, name: 'db' }),
    ).toBeUndefined();
    const result = await backup.restoreBackup(client, legacy, 'legacy-f1', {
      key,
      namespaceMapping: mapping,
      allowUnauthenticated: true,
    });
    expect(result.authenticated).toBe(false);
    expect(result.warnings.some((w) => textOf('en', w).includes('not authenticated'))).toBe(true);
    expect(result.counts.failed).toBe(0);
    const secret = await client.get<KubeObject & { data: Record<string, string> }>({
      apiVersion: 'v1',
      kind: 'Secret',
      namespace: copy,
      name: 'db',
    });
    expect(Buffer.from(secret.data['password'] ?? '', 'base64').toString()).toBe('legacy-Secret-1');
  });

  it('refuses an unencrypted backup when a key is given (it could have replaced an encrypted one)', async () => {
    await backup.createBackup(client, target, { name: 'plain', namespaces: [ns], clusterResources: 'no' });
    await expect(backup.restoreBackup(client, target, 'plain', { key, dryRun: true })).rejects.toThrow(
      /not encrypted, so nothing in it can be authenticated/,
    );
    const dry = await backup.restoreBackup(client, target, 'plain', { dryRun: true });
    expect(dry.authenticated).toBe(false);
    expect(dry.warnings.some((w) => textOf('en', w).includes('not authenticated'))).toBe(true);
  });
});
