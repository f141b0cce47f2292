/**
 * Backup and restore of 10,000 objects over 100 namespaces (per namespace: 40 ConfigMaps,
 * 40 Secrets, 10 Services, 10 Deployments at 0 replicas), on a fresh local control plane
 * ("bench"), to a directory target, encrypted. The restore goes to 100 new namespaces (mapping),
 * so nothing exists yet: every object is created.
 *
 *   npm run bench:backup
 *
 * Peer tool: Velero, side by side in bench/backup-vs-velero.ts (results in
 * bench/results/backup-vs-velero.json).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  backup,
  KubeClient,
  loadClusterAccess,
  mapLimit,
  writeFileAtomic,
  type KubeObject,
} from '@quai/core';
import * as devcluster from '@quai/devcluster';

const NAMESPACES = 100;
const results: Record<string, number | string> = {};
const key = backup.keyFrom(Buffer.alloc(32, 1));

function objectsFor(ns: string): KubeObject[] {
  const out: KubeObject[] = [];
  for (let i = 0; i < 40; i++)
    out.push({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: `cfg-${i}`, namespace: ns },
      data: { 'app.properties': `key=${i}\n`.repeat(20) },
    });
  for (let i = 0; i < 40; i++)
    out.push({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: `sec-${i}`, namespace: ns },
      stringData: { password: `p-${ns}-${i}` },
    });
  for (let i = 0; i < 10; i++) {
    out.push({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: `svc-${i}`, namespace: ns },
      spec: { selector: { app: `a${i}` }, ports: [{ port: 80 }] },
    });
    out.push({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: `dep-${i}`, namespace: ns },
      spec: {
        replicas: 0,
        selector: { matchLabels: { app: `a${i}` } },
        template: {
          metadata: { labels: { app: `a${i}` } },
          spec: { containers: [{ name: 'c', image: 'registry.example/a:1' }] },
        },
      },
    });
  }
  return out;
}

async function timed(label: string, fn: () => Promise<unknown>): Promise<void> {
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const t = performance.now();
  await fn();
  clearInterval(sampler);
  results[`${label}, s`] = Math.round((performance.now() - t) / 10) / 100;
  results[`${label}, peak RSS growth, MiB`] = Math.round((peak - rssBefore) / 1048576);
  process.stderr.write(`[bench] ${label}: ${String(results[`${label}, s`])}s\n`);
}

await devcluster.down({ name: 'bench' });
const up = await devcluster.up({ name: 'bench', nodes: 3 });
const client = new KubeClient(await loadClusterAccess({ kubeconfig: up.state.kubeconfig }), {
  qps: 0,
  timeoutMs: 120_000,
});
const dir = mkdtempSync(join(tmpdir(), 'quai-bench-backup-'));
try {
  const namespaces = Array.from({ length: NAMESPACES }, (_, i) => `tenant-${String(i).padStart(3, '0')}`);
  const t = performance.now();
  await mapLimit(namespaces, 8, (ns) =>
    client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } }),
  );
  await mapLimit(namespaces.flatMap(objectsFor), 32, (o) => client.create(o));
  results['objects'] = NAMESPACES * 100;
  results['setup (create the objects), s'] = Math.round((performance.now() - t) / 10) / 100;
  const target = new backup.DirectoryTarget(dir);
  let index: backup.BackupIndex | undefined;
  await timed('backup of 100 namespaces', async () => {
    index = await backup.createBackup(client, target, {
      name: 'bench',
      namespaces,
      clusterResources: 'auto',
      key,
    });
  });
  results['objects in the backup'] = Object.values(index?.counts ?? {}).reduce((a, b) => a + b, 0);
  results['backup size, MiB'] =
    Math.round(((index?.files ?? []).reduce((a, f) => a + f.bytes, 0) / 1048576) * 10) / 10;
  const mapping = Object.fromEntries(namespaces.map((ns) => [ns, `${ns}-r`]));
  let restored: backup.RestoreResult | undefined;
  await timed('restore into 100 new namespaces', async () => {
    restored = await backup.restoreBackup(client, target, 'bench', {
      key,
      namespaceMapping: mapping,
      skipPersistentVolumes: true,
    });
  });
  results['restored: created'] = restored?.counts.created ?? 0;
  results['restored: failed'] = restored?.counts.failed ?? 0;
  results['restore rate, objects/s'] = Math.round(
    (restored?.counts.created ?? 0) / Number(results['restore into 100 new namespaces, s']),
  );
  results['requests sent (setup, backup, restore)'] = client.requestCount;
} finally {
  client.close();
  rmSync(dir, { recursive: true, force: true });
  await devcluster.down({ name: 'bench' });
}
await writeFileAtomic(
  new URL('./results/backup.json', import.meta.url).pathname,
  `${JSON.stringify({ date: new Date().toISOString(), results }, null, 2)}\n`,
);
process.stdout.write('| measure | value |\n| --- | --- |\n');
for (const [k, v] of Object.entries(results)) process.stdout.write(`| ${k} | ${v} |\n`);
