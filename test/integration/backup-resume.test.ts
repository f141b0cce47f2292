// Issue 12, item 6, with real processes: a restore killed by SIGKILL (by pid) is run again. The
// rerun must know which namespaces the first run created (their label carries the restore's id)
// and restore their volume data, never skip it as "existed before this restore"; data an
// interrupted run had already restored is not restored again over what the app wrote since.
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { backup, waitFor, type KubeClient, type KubeObject } from '@quai/core';
import { resticChildren, spawnQuai, until, type CliRun } from './backup-helpers.js';
import { deleteNamespace, testClient, uniqueName } from './helpers.js';

const key = backup.keyFrom(Buffer.alloc(32, 6));
let client: KubeClient;
let work: string;
let targetDir: string;
let keyFile: string;

function quai(args: readonly string[]): CliRun {
  return spawnQuai(args, { RESTIC_CACHE_DIR: join(work, 'cache') });
}

function digest(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of readdirSync(dir).sort())
    out[f] = createHash('sha256')
      .update(readFileSync(join(dir, f)))
      .digest('hex');
  return out;
}

async function gone(kind: 'Namespace' | 'PersistentVolume', name: string): Promise<void> {
  await client.delete({ apiVersion: 'v1', kind, name }).catch(() => undefined);
  await waitFor(
    async () => ((await client.tryGet({ apiVersion: 'v1', kind, name })) === undefined ? true : undefined),
    { timeoutMs: 120_000, what: `${kind} ${name} deleted` },
  );
}

/** A namespace with a hostPath volume of this machine, bound to a claim; backed up; then lost. */
async function lostApp(
  name: string,
  extraObjects: number,
): Promise<{ ns: string; pv: string; data: string; files: Record<string, string> }> {
  const ns = uniqueName(`quai-test-${name}`);
  const pv = uniqueName('quai-test-pv');
  const data = join(work, `${name}-data`);
  mkdirSync(data);
  for (let i = 0; i < 6; i++) writeFileSync(join(data, `blob-${i}`), randomBytes(8 << 20));
  writeFileSync(join(data, 'readme.txt'), 'données de production\n');
  const files = digest(data);
  await client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  await client.create({
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name: pv },
    spec: {
      capacity: { storage: '1Gi' },
      accessModes: ['ReadWriteOnce'],
      storageClassName: '',
      persistentVolumeReclaimPolicy: 'Retain',
      hostPath: { path: data },
      claimRef: { namespace: ns, name: 'data' },
    },
  });
  await client.create({
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: 'data', namespace: ns },
    spec: {
      accessModes: ['ReadWriteOnce'],
      resources: { requests: { storage: '1Gi' } },
      storageClassName: '',
      volumeName: pv,
    },
  });
  // Objects restored after the data (disruption budgets come after workloads): a window to kill in.
  for (let i = 0; i < extraObjects; i++) {
    await client.create({
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name: `pdb-${i}`, namespace: ns },
      spec: { minAvailable: 1, selector: { matchLabels: { app: `a${i}` } } },
    });
  }
  const index = await backup.createBackup(client, new backup.DirectoryTarget(targetDir), {
    name,
    namespaces: [ns],
    clusterResources: 'auto',
    key,
    data: { volumes: { mover: 'local' } },
  });
  expect(index.volumes?.[0]?.status).toBe('completed');
  // The disaster: the namespace, its volume and the files are gone.
  await gone('Namespace', ns);
  await gone('PersistentVolume', pv);
  rmSync(data, { recursive: true });
  mkdirSync(data);
  return { ns, pv, data, files };
}

function restoreArgs(name: string): string[] {
  return [
    'restore',
    name,
    '--target',
    targetDir,
    '--key-file',
    keyFile,
    '--kubeconfig',
    inject('kubeconfig'),
  ];
}

async function namespaceLabel(ns: string): Promise<string | undefined> {
  return (await client.tryGet<KubeObject>({ apiVersion: 'v1', kind: 'Namespace', name: ns }))?.metadata
    .labels?.['quai.dev/restore-id'];
}

beforeAll(async () => {
  client = await testClient({ qps: 0 });
  work = mkdtempSync(join(tmpdir(), 'quai-resume-'));
  targetDir = join(work, 'target');
  keyFile = join(work, 'key');
  writeFileSync(keyFile, key.key.toString('base64'), { mode: 0o600 });
  process.env['RESTIC_CACHE_DIR'] = join(work, 'cache');
});

const cleanup: { ns: string; pv: string }[] = [];
afterAll(async () => {
  for (const c of cleanup) {
    await deleteNamespace(client, c.ns);
    await client.delete({ apiVersion: 'v1', kind: 'PersistentVolume', name: c.pv }).catch(() => undefined);
  }
  client?.close();
  if (work) rmSync(work, { recursive: true, force: true });
  delete process.env['RESTIC_CACHE_DIR'];
});

describe('a restore killed and run again', () => {
  it('restores the volume data of the namespaces the killed run created', async () => {
    const app = await lostApp('killed-in-data', 0);
    cleanup.push(app);
    const first = quai(restoreArgs('killed-in-data'));
    const pid = first.child.pid!;
    const restic = await until('restic restore', () =>
      resticChildren(pid).find((r) => r.args.includes('restore')),
    );
    process.kill(pid, 'SIGKILL');
    process.kill(restic.pid, 'SIGKILL');
    expect((await first.done).signal).toBe('SIGKILL');
    // The namespace exists only because the killed run created it: its label says so.
    const id = await namespaceLabel(app.ns);
    expect(id).toMatch(/^[0-9a-f]{16}$/);

    const rerun = await quai(restoreArgs('killed-in-data')).done;
    expect(rerun.err).not.toMatch(/error \[/);
    expect(rerun.code).toBe(0);
    expect(rerun.out).toContain(`Restore of killed-in-data (id ${id ?? ''}): completed`);
    expect(rerun.out).toContain(`volume ${app.ns}/data: restored`);
    expect(rerun.out).toContain(`namespace ${app.ns}: created by an earlier run of this restore`);
    expect(digest(app.data)).toEqual(app.files);
    // Complete: the namespace is an ordinary one again, its record gone.
    expect(await namespaceLabel(app.ns)).toBeUndefined();
    expect(
      await client.tryGet({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        namespace: app.ns,
        name: `quai-restore-${id ?? ''}`,
      }),
    ).toBeUndefined();
    // A third run finds an existing namespace: its live data is left alone, and says so.
    const third = await quai(restoreArgs('killed-in-data')).done;
    expect(third.code).toBe(0);
    expect(third.out).toMatch(
      new RegExp(`volume ${app.ns}/data: skipped: namespace ${app.ns} existed before this restore`),
    );
  }, 300_000);

  it('does not restore again the data an interrupted run had restored', async () => {
    const app = await lostApp('killed-after-data', 300);
    cleanup.push(app);
    const first = quai(restoreArgs('killed-after-data'));
    const pid = first.child.pid!;
    const id = await until('the label of the restored namespace', () => namespaceLabel(app.ns));
    await until('the record of the restored volume', async () => {
      const cm = await client.tryGet<KubeObject & { data?: Record<string, string> }>({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        namespace: app.ns,
        name: `quai-restore-${id}`,
      });
      return cm?.data?.['done']?.includes(`volume ${app.ns}/data`) ? true : undefined;
    });
    process.kill(pid, 'SIGKILL');
    expect((await first.done).signal).toBe('SIGKILL');
    expect(digest(app.data)).toEqual(app.files);
    // The app writes after its data came back; the rerun must not overwrite it.
    writeFileSync(join(app.data, 'readme.txt'), 'written by the app after the restore\n');
    const rerun = await quai(restoreArgs('killed-after-data')).done;
    expect(rerun.err).not.toMatch(/error \[/);
    expect(rerun.code).toBe(0);
    expect(rerun.out).toMatch(/volume .*\/data: skipped: restored by an earlier run of this restore/);
    expect(readFileSync(join(app.data, 'readme.txt'), 'utf8')).toBe('written by the app after the restore\n');
    expect(await namespaceLabel(app.ns)).toBeUndefined();
  }, 300_000);
});
