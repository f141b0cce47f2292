/**
 * Quai and Velero side by side: backup and restore of the same 10,000 objects over 100 namespaces
 * as bench/backup.ts (40 ConfigMaps, 40 Secrets, 10 Services, 10 Deployments each), on one local
 * control plane ("bench-velero"), to the same S3-compatible server on loopback (Versity Gateway,
 * test/components/s3-server.ts). Each restore goes to 100 new namespaces (mapping).
 *
 * Velero v1.18.3 and velero-plugin-for-aws are built from the Go module proxy by
 * bench/velero/build.sh, and `velero server` runs OUT of the cluster, as a process on this machine
 * with the bench kubeconfig (no container engine here). Quai runs twice: as a user runs it, the
 * built CLI (`quai backup create`, `quai restore`) with its default settings (client-side limit
 * included: the figure to compare), and as the library with no client-side limit (what its engine
 * can do). Peak RSS: the CLI's VmHWM; the library's is this process's (sampled every 50 ms);
 * Velero's is the server's VmHWM plus its plugin processes'.
 *
 *   bash bench/velero/build.sh && node --conditions=@quai/source --import tsx bench/backup-vs-velero.ts
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  backup,
  KubeClient,
  loadClusterAccess,
  mapLimit,
  waitFor,
  writeFileAtomic,
  type KubeObject,
} from '@quai/core';
import * as devcluster from '@quai/devcluster';
import { startS3Server } from '../test/components/s3-server.js';
import { installVeleroCrds, VELERO_VERSION } from '../test/components/velero-crds.js';

const NAMESPACES = 100;
const PLUGIN_VERSION = process.env['VELERO_PLUGIN_AWS_VERSION'] ?? 'v1.14.3';
const tools = join(process.env['QUAI_CACHE_DIR'] ?? join(homedir(), '.cache', 'quai'), 'tools');
const veleroBin = join(tools, `velero-${VELERO_VERSION}`);
const pluginDir = join(tools, `velero-plugins-${PLUGIN_VERSION}`);
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

const round = (n: number): number => Math.round(n * 100) / 100;

async function timedQuai(label: string, fn: () => Promise<unknown>): Promise<void> {
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const t = performance.now();
  await fn();
  clearInterval(sampler);
  results[`quai: ${label}, s`] = round((performance.now() - t) / 1000);
  results[`quai: ${label}, peak RSS of the process, MiB`] = Math.round(peak / 1048576);
  process.stderr.write(`[bench] quai ${label}: ${String(results[`quai: ${label}, s`])}s\n`);
}

const cli = join(import.meta.dirname, '..', 'packages', 'cli', 'dist', 'main.js');

/** Runs the built CLI with its default settings, as a user would: wall time and peak RSS (VmHWM). */
async function timedCli(label: string, args: readonly string[], env: Record<string, string>): Promise<void> {
  const t = performance.now();
  const child = spawn('node', [cli, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, peakRss(child.pid ?? 0))), 100);
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  clearInterval(sampler);
  results[`quai CLI (defaults): ${label}, s`] = round((performance.now() - t) / 1000);
  results[`quai CLI (defaults): ${label}, peak RSS, MiB`] = peak;
  results[`quai CLI (defaults): ${label}, exit`] = code ?? -1;
  results[`quai CLI (defaults): ${label}, last line`] = out.trim().split('\n').at(-1) ?? '';
  process.stderr.write(
    `[bench] quai CLI ${label}: ${String(results[`quai CLI (defaults): ${label}, s`])}s\n`,
  );
}

/** VmHWM (peak RSS) of a process and its children, in MiB. */
function peakRss(pid: number): number {
  const kb = (p: number): number => {
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${p}/status`, 'utf8'));
      return m ? Number(m[1]) : 0;
    } catch {
      return 0;
    }
  };
  let total = kb(pid);
  for (const p of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) total += kb(Number(p));
    } catch {
      // gone
    }
  }
  return Math.round(total / 1024);
}

await devcluster.down({ name: 'bench-velero' });
const up = await devcluster.up({ name: 'bench-velero', nodes: 3 });
const kubeconfig = up.state.kubeconfig;
const client = new KubeClient(await loadClusterAccess({ kubeconfig }), { qps: 0, timeoutMs: 120_000 });
const s3 = await startS3Server();
const work = mkdtempSync(join(tmpdir(), 'quai-bench-velero-'));
let velero: ChildProcess | undefined;
let veleroLogText: (() => string) | undefined;
try {
  const namespaces = Array.from({ length: NAMESPACES }, (_, i) => `tenant-${String(i).padStart(3, '0')}`);
  const t = performance.now();
  await mapLimit(namespaces, 8, (ns) =>
    client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } }),
  );
  await mapLimit(namespaces.flatMap(objectsFor), 32, (o) => client.create(o));
  results['objects'] = NAMESPACES * 100;
  results['setup (create the objects), s'] = round((performance.now() - t) / 1000);

  // Quai, to the S3 server.
  const target = new backup.S3Target({
    bucket: s3.bucket,
    prefix: 'quai/',
    endpoint: s3.endpoint,
    accessKeyId: s3.accessKeyId,
    secretAccessKey: s3.secretAccessKey,
  });
  await timedQuai('backup', () =>
    backup.createBackup(client, target, { name: 'bench', namespaces, clusterResources: 'auto', key }),
  );
  let restored: backup.RestoreResult | undefined;
  await timedQuai('restore into 100 new namespaces', async () => {
    restored = await backup.restoreBackup(client, target, 'bench', {
      key,
      namespaceMapping: Object.fromEntries(namespaces.map((ns) => [ns, `${ns}-q`])),
      skipPersistentVolumes: true,
    });
  });
  results['quai: objects created by the restore'] = restored?.counts.created ?? 0;
  results['quai: restore failures'] = restored?.counts.failed ?? 0;
  target.close();

  // The same through the CLI, with its default settings (as a user runs it).
  if (existsSync(cli)) {
    const keyFile = join(work, 'backup.key');
    writeFileSync(keyFile, key.key.toString('base64'), { mode: 0o600 });
    const env = {
      AWS_ACCESS_KEY_ID: s3.accessKeyId,
      AWS_SECRET_ACCESS_KEY: s3.secretAccessKey,
      QUAI_S3_ENDPOINT: s3.endpoint,
      QUAI_BACKUP_KEY_FILE: keyFile,
      RESTIC_CACHE_DIR: join(work, 'restic-cache'),
      NO_COLOR: '1',
    };
    const common = ['--target', `s3://${s3.bucket}/quai-cli`, '--kubeconfig', kubeconfig];
    await timedCli(
      'backup',
      ['backup', 'create', 'bench-cli', '--namespaces', namespaces.join(','), ...common],
      env,
    );
    await timedCli(
      'restore into 100 new namespaces',
      [
        'restore',
        'bench-cli',
        ...common,
        ...namespaces.flatMap((ns) => ['--namespace-mapping', `${ns}=${ns}-c`]),
      ],
      env,
    );
  } else {
    results['quai CLI (defaults)'] = `not run: ${cli} is missing (npm run build)`;
  }

  // Velero, out of cluster, same cluster and S3 server.
  if (!existsSync(veleroBin) || !existsSync(join(pluginDir, 'velero-plugin-for-aws'))) {
    results['velero'] = `not run: ${veleroBin} or its AWS plugin is missing (run bench/velero/build.sh)`;
  } else {
    await installVeleroCrds(client);
    await client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'velero' } });
    // Out of cluster, the server is not its own Deployment, yet a restore looks it up ("rpc error:
    // deployments.apps \"velero\" not found", seen on the first run): an idle stand-in with
    // Velero's image and 0 replicas, as `velero install` would have made, satisfies that lookup.
    await client.create({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'velero', namespace: 'velero', labels: { component: 'velero' } },
      spec: {
        replicas: 0,
        selector: { matchLabels: { deploy: 'velero' } },
        template: {
          metadata: { labels: { deploy: 'velero' } },
          spec: { containers: [{ name: 'velero', image: `velero/velero:${VELERO_VERSION}` }] },
        },
      },
    });
    results['velero out of cluster: stand-in'] =
      'Deployment velero/velero at 0 replicas (a restore looks it up)';
    const creds = join(work, 'credentials');
    writeFileSync(
      creds,
      `[default]\naws_access_key_id=${s3.accessKeyId}\naws_secret_access_key=${s3.secretAccessKey}\n`,
      {
        mode: 0o600,
      },
    );
    await client.create({
      apiVersion: 'velero.io/v1',
      kind: 'BackupStorageLocation',
      metadata: { name: 'default', namespace: 'velero' },
      spec: {
        provider: 'aws',
        default: true,
        objectStorage: { bucket: s3.bucket, prefix: 'velero' },
        config: { region: 'us-east-1', s3ForcePathStyle: 'true', s3Url: s3.endpoint, checksumAlgorithm: '' },
      },
    });
    const args = [
      'server',
      `--kubeconfig=${kubeconfig}`,
      '--namespace=velero',
      `--plugin-dir=${pluginDir}`,
      '--metrics-address=127.0.0.1:0',
      '--profiler-address=127.0.0.1:0',
      '--client-qps=1000',
      '--client-burst=2000',
      '--log-level=info',
    ];
    results['velero server command'] =
      `velero ${args.filter((a) => !a.startsWith('--kubeconfig')).join(' ')}`;
    velero = spawn(veleroBin, args, {
      env: { ...process.env, AWS_SHARED_CREDENTIALS_FILE: creds, VELERO_NAMESPACE: 'velero' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const chunks: Buffer[] = [];
    velero.stdout?.on('data', (d: Buffer) => chunks.push(d));
    velero.stderr?.on('data', (d: Buffer) => chunks.push(d));
    const pid = velero.pid ?? 0;
    const veleroLog = (): string => Buffer.concat(chunks).toString('utf8');
    veleroLogText = veleroLog;
    try {
      await waitFor(
        async () => {
          if (velero?.exitCode !== null)
            throw new Error(`velero server exited:\n${veleroLog().slice(-3000)}`);
          const bsl = await client.get<KubeObject & { status?: { phase?: string } }>({
            apiVersion: 'velero.io/v1',
            kind: 'BackupStorageLocation',
            namespace: 'velero',
            name: 'default',
          });
          return bsl.status?.phase === 'Available' ? true : undefined;
        },
        { timeoutMs: 180_000, intervalMs: 1000, what: 'the Velero backup storage location to be Available' },
      );
      let t0 = performance.now();
      const name = await backup.createVeleroBackup(client, { name: 'bench', namespaces });
      const b = await backup.followVelero(client, 'Backup', name, { intervalMs: 250, timeoutMs: 3600_000 });
      results['velero: backup, s'] = round((performance.now() - t0) / 1000);
      results['velero: backup phase'] = b.phase;
      results['velero: items backed up'] = b.items ?? 0;
      results['velero: server peak RSS after the backup (VmHWM, with plugins), MiB'] = peakRss(pid);
      process.stderr.write(`[bench] velero backup: ${String(results['velero: backup, s'])}s (${b.phase})\n`);
      t0 = performance.now();
      const restore = await backup.createVeleroRestore(client, {
        backup: name,
        namespaceMapping: Object.fromEntries(namespaces.map((ns) => [ns, `${ns}-v`])),
      });
      const r = await backup.followVelero(client, 'Restore', restore, {
        intervalMs: 250,
        timeoutMs: 3600_000,
      });
      results['velero: restore into 100 new namespaces, s'] = round((performance.now() - t0) / 1000);
      results['velero: restore phase'] = r.phase;
      results['velero: items restored'] = r.items ?? 0;
      results['velero: restore errors, warnings'] =
        `${r.errors}, ${r.warnings}${r.reason ? ` (${r.reason})` : ''}`;
      results['velero: server peak RSS after the restore (VmHWM, with plugins), MiB'] = peakRss(pid);
      process.stderr.write(
        `[bench] velero restore: ${String(results['velero: restore into 100 new namespaces, s'])}s (${r.phase})\n`,
      );
    } catch (error) {
      results['velero'] = `failed: ${(error as Error).message.slice(0, 2000)}`;
      writeFileSync(join(tmpdir(), 'quai-bench-velero-server.log'), veleroLog());
      process.stderr.write(
        `[bench] velero failed; its log: ${join(tmpdir(), 'quai-bench-velero-server.log')}\n`,
      );
    }
  }
} finally {
  velero?.kill('SIGTERM');
  if (veleroLogText) writeFileSync(join(tmpdir(), 'quai-bench-velero-server.log'), veleroLogText());
  client.close();
  await s3.stop();
  rmSync(work, { recursive: true, force: true });
  await devcluster.down({ name: 'bench-velero' });
}
await writeFileAtomic(
  new URL('./results/backup-vs-velero.json', import.meta.url).pathname,
  `${JSON.stringify({ date: new Date().toISOString(), velero: VELERO_VERSION, pluginForAws: PLUGIN_VERSION, results }, null, 2)}\n`,
);
process.stdout.write('| measure | value |\n| --- | --- |\n');
for (const [k, v] of Object.entries(results)) process.stdout.write(`| ${k} | ${v} |\n`);
