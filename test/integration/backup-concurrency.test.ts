// Issue 12, item 7, with real processes: two `quai backup create` of the same name at once (the
// second is refused cleanly by the target's lock, and no restic snapshot is left without a
// backup), and a backup killed with SIGKILL by pid (its partial folder, lock and snapshots are
// cleaned by the next run of that name and by `backup prune`).
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { backup, type KubeClient } from '@quai/core';
import { alive, resticChildren, spawnQuai, until, type CliRun } from './backup-helpers.js';
import { createNamespace, deleteNamespace, testClient } from './helpers.js';

let client: KubeClient;
let ns: string;
let work: string;
let targetDir: string;
let keyFile: string;
const key = backup.keyFrom(Buffer.alloc(32, 5));

function quai(args: readonly string[]): CliRun {
  return spawnQuai(args, { RESTIC_CACHE_DIR: join(work, 'cache') });
}

function createArgs(name: string): string[] {
  return [
    'backup',
    'create',
    name,
    '-n',
    ns,
    '--target',
    targetDir,
    '--key-file',
    keyFile,
    '--kubeconfig',
    inject('kubeconfig'),
    '--volume-path',
    `a-small=${join(work, 'small')}`,
    '--volume-path',
    `b-large=${join(work, 'large')}`,
  ];
}

/** Starts a backup and SIGKILLs it (and its restic) by pid while it backs up the large volume. */
async function killDuringLargeVolume(name: string): Promise<void> {
  const run = quai(createArgs(name));
  const pid = run.child.pid!;
  const restic = await until('restic on the large volume', () =>
    resticChildren(pid).find((r) => r.cwd === join(work, 'large')),
  );
  process.kill(pid, 'SIGKILL');
  process.kill(restic.pid, 'SIGKILL');
  expect((await run.done).signal).toBe('SIGKILL');
  await until('restic gone', () => (alive(restic.pid) ? undefined : true));
}

function snapshotsOf(name: string): ReturnType<typeof backup.volumes.findSnapshots> {
  const repository = backup.volumes.resticRepository({ kind: 'directory', root: targetDir }, key);
  process.env['RESTIC_CACHE_DIR'] ??= join(work, 'cache');
  return backup.volumes.findSnapshots({ repository }, [`quai-backup=${name}`]);
}

beforeAll(async () => {
  client = await testClient();
  ns = await createNamespace(client);
  for (const pvc of ['a-small', 'b-large']) {
    await client.create({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: pvc, namespace: ns },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
    });
  }
  work = mkdtempSync(join(tmpdir(), 'quai-race-'));
  targetDir = join(work, 'target');
  keyFile = join(work, 'key');
  writeFileSync(keyFile, key.key.toString('base64'), { mode: 0o600 });
  mkdirSync(join(work, 'small'));
  writeFileSync(join(work, 'small', 'note.txt'), 'petit\n');
  mkdirSync(join(work, 'large'));
  // Random (incompressible) data: restic needs a few seconds for it.
  for (let i = 0; i < 8; i++) writeFileSync(join(work, 'large', `blob-${i}`), randomBytes(8 << 20));
}, 120_000);

afterAll(async () => {
  await deleteNamespace(client, ns);
  client?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('two backups of one name, and killed backups', () => {
  it('refuses the second of two concurrent backups of one name, naming the first; no orphan snapshot', async () => {
    const first = quai(createArgs('race'));
    await until('the lock of the first backup', () =>
      existsSync(join(targetDir, '.race.lock')) ? true : undefined,
    );
    const second = await quai(createArgs('race')).done;
    expect(second.code).toBe(7);
    expect(second.err).toContain('BACKUP_LOCKED');
    expect(second.err).toContain(`process ${first.child.pid}`);
    const done = await first.done;
    expect(done.err).not.toMatch(/error \[/);
    expect(done.code).toBe(0);
    const index = await new backup.DirectoryTarget(targetDir).readIndex('race');
    const snapshots = await snapshotsOf('race');
    expect(snapshots.map((s) => s.id.slice(0, 8)).sort()).toEqual(
      (index.volumes ?? []).map((v) => v.snapshot).sort(),
    );
    expect(snapshots.every((s) => s.tags?.includes(`quai-backup-id=${index.id ?? ''}`))).toBe(true);
    expect(readdirSync(targetDir).filter((e) => e.startsWith('.race'))).toEqual([]);
  }, 180_000);

  it('after a SIGKILL, the next run of the same name takes over the stale lock and removes the partial folder', async () => {
    await killDuringLargeVolume('retried');
    const left = readdirSync(targetDir).filter((e) => e.startsWith('.retried'));
    expect(left).toContain('.retried.lock');
    expect(left.some((e) => e.endsWith('.partial'))).toBe(true);
    const again = await quai(createArgs('retried')).done;
    expect(again.err).not.toMatch(/error \[/);
    expect(again.code).toBe(0);
    expect(readdirSync(targetDir).filter((e) => e.startsWith('.retried'))).toEqual([]);
  }, 180_000);

  it('backup prune removes what a killed backup left: partial folder, lock, and its snapshots', async () => {
    await killDuringLargeVolume('abandoned');
    // The small volume was done before the kill: its snapshot belongs to no backup.
    expect(await snapshotsOf('abandoned')).toHaveLength(1);
    const retriedBefore = (await snapshotsOf('retried')).length;
    const pruned = await quai([
      'backup',
      'prune',
      '--keep-last',
      '10',
      '--target',
      targetDir,
      '--key-file',
      keyFile,
    ]).done;
    expect(pruned.err).not.toMatch(/error \[/);
    expect(pruned.code).toBe(0);
    expect(pruned.out).toContain('cleaned stale lock of abandoned');
    expect(pruned.out).toMatch(/cleaned partial folder .*\.abandoned\.[0-9a-f]+\.partial/);
    expect(pruned.out).toMatch(/restic snapshots? of no backup forgotten/);
    expect(readdirSync(targetDir).filter((e) => e.startsWith('.abandoned'))).toEqual([]);
    expect(await snapshotsOf('abandoned')).toHaveLength(0);
    // The retried backup keeps its own snapshots; those of its killed attempt are gone.
    const retried = await new backup.DirectoryTarget(targetDir).readIndex('retried');
    const kept = await snapshotsOf('retried');
    expect(kept.length).toBeLessThan(retriedBefore);
    expect(kept.every((s) => s.tags?.includes(`quai-backup-id=${retried.id ?? ''}`))).toBe(true);
    expect((await new backup.DirectoryTarget(targetDir).list()).map((b) => b.name)).toEqual([
      'race',
      'retried',
    ]);
  }, 180_000);
});
