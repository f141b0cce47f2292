// Backups on the real node, every in-cluster path for real: the restic mover Job copies a real
// volume (a claim of the local-path provisioner) to the S3 test server and back; the dump Job
// runs pg_dump against a PostgreSQL pod; the database is dropped and restored, and the drill's
// data checks pass; a namespace restored elsewhere gets claims that bind and apps that become
// Ready, with the files back.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t } from '@quai/contracts';
import { backup, waitFor, type KubeClient, type KubeObject } from '@quai/core';
import { realNodeNamespaceAnnotations as devclusterAnnotations } from '@quai/devcluster';
import { startS3Server, type S3Server } from '../components/s3-server.js';
import {
  exposeToPods,
  hasRealNode,
  realImage,
  realNamespace,
  realNodeAddress,
} from '../components/real-node.js';
import { deleteNamespace, testClient, uniqueName } from './helpers.js';

let client: KubeClient;
let s3: S3Server;
let endpoint: string;
let ns: string;
let images: { restic: string; postgres: string; debian: string; quai: string };
let db: { host: string; port: number };
const namespaces: string[] = [];
const key = backup.keyFrom(Buffer.alloc(32, 9));
const PASSWORD = "s3cret-'quoted'";

type Loose = KubeObject & { spec?: any; status?: any };

function psql(sql: string, database = 'shop'): string {
  return execFileSync(
    'psql',
    [
      '-X',
      '-At',
      '-v',
      'ON_ERROR_STOP=1',
      '-h',
      db.host,
      '-p',
      String(db.port),
      '-U',
      'shop',
      '-d',
      database,
      '-c',
      sql,
    ],
    { env: { ...process.env, PGPASSWORD: PASSWORD, PGCONNECT_TIMEOUT: '5' }, encoding: 'utf8' },
  ).trim();
}

const SECURE = {
  allowPrivilegeEscalation: false,
  capabilities: { drop: ['ALL'] },
  readOnlyRootFilesystem: true,
};

async function patch(
  path: string,
  body: unknown,
  contentType = 'application/merge-patch+json',
): Promise<void> {
  await client.request({ method: 'PATCH', path, body, contentType });
}

function claim(name: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name, namespace: ns },
    spec: {
      accessModes: ['ReadWriteOnce'],
      storageClassName: 'quai-local',
      resources: { requests: { storage: '1Gi' } },
    },
  };
}

function deployment(
  name: string,
  container: Record<string, unknown>,
  volume: string,
  fsGroup: number,
): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: ns },
    spec: {
      replicas: 1,
      strategy: { type: 'Recreate' },
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: {
          securityContext: {
            runAsNonRoot: true,
            runAsUser: 10001,
            runAsGroup: 10001,
            fsGroup,
            seccompProfile: { type: 'RuntimeDefault' },
          },
          containers: [
            {
              name,
              securityContext: SECURE,
              ...container,
              volumeMounts: [
                { name: 'data', mountPath: '/data' },
                { name: 'tmp', mountPath: '/tmp' },
              ],
            },
          ],
          volumes: [
            { name: 'data', persistentVolumeClaim: { claimName: volume } },
            { name: 'tmp', emptyDir: {} },
          ],
        },
      },
    },
  };
}

/**
 * Probes that tolerate a loaded machine: with the default 1 s timeout, exec probes timed out at a
 * load of 30 on 2 cores, the database pod left its Service's endpoints, and the NodePort refused
 * the drill's connections.
 */
const PROBE = { periodSeconds: 1, timeoutSeconds: 10, failureThreshold: 10 };

/** Files written by the app itself, on first start, into its claim. */
const WRITER = [
  'if [ ! -f /data/done ]; then',
  '  mkdir -p /data/docs/sub',
  '  for i in $(seq 1 40); do seq 1 $((i * 50)) > /data/docs/file-$i.txt; done',
  "  printf 'é à ç\\n' > /data/docs/sub/accents.txt",
  '  head -c 200000 /dev/urandom > /data/blob.bin',
  '  touch /data/done',
  'fi',
  'exec sleep 2147483647',
].join('\n');

async function waitAvailable(namespace: string, name: string, timeoutMs = 180_000): Promise<void> {
  await waitFor(
    async () => {
      const d = await client.tryGet<Loose>({ apiVersion: 'apps/v1', kind: 'Deployment', namespace, name });
      return (d?.status?.availableReplicas ?? 0) >= 1 ? d : undefined;
    },
    { timeoutMs, what: `Deployment ${namespace}/${name} available` },
  );
}

/** The host folder of a bound local-path claim (the provisioner's folder on the real node). */
async function hostFolder(namespace: string, name: string): Promise<string> {
  const pvc = await client.get<Loose>({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', namespace, name });
  const pv = await client.get<Loose>({
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    name: pvc.spec.volumeName,
  });
  return pv.spec.local.path as string;
}

function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string, rel: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name), `${rel}${e.name}/`);
      else out[`${rel}${e.name}`] = readFileSync(join(d, e.name)).toString('base64');
    }
  };
  walk(dir, '');
  return out;
}

function place(prefix: string): backup.volumes.RepositoryPlace {
  return {
    kind: 's3',
    bucket: s3.bucket,
    prefix,
    endpoint,
    accessKeyId: s3.accessKeyId,
    secretAccessKey: s3.secretAccessKey,
  };
}

function target(prefix: string): backup.S3Target {
  return new backup.S3Target({
    bucket: s3.bucket,
    prefix,
    endpoint,
    accessKeyId: s3.accessKeyId,
    secretAccessKey: s3.secretAccessKey,
  });
}

function declaration(): backup.DatabaseDeclaration {
  return {
    namespace: ns,
    name: 'db',
    engine: 'postgresql',
    host: db.host,
    port: db.port,
    database: 'shop',
    user: 'shop',
    passwordSecret: { secret: 'db', key: 'password' },
    checks: [{ name: 'orders', query: "SELECT count(*) || ':' || sum(total) FROM orders" }],
  };
}

beforeAll(async () => {
  if (!hasRealNode()) return;
  client = await testClient({ qps: 100, burst: 200 });
  s3 = await startS3Server();
  endpoint = (await exposeToPods(Number(new URL(s3.endpoint).port))).url;
  images = {
    restic: await realImage('restic'),
    postgres: await realImage('postgres'),
    debian: await realImage('debian'),
    quai: await realImage('quai'),
  };
  ns = await realNamespace(client, 'quai-real-backup');
  namespaces.push(ns);
  await client.create({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'db', namespace: ns },
    stringData: { password: PASSWORD },
  });
  await client.create(claim('files'));
  await client.create(claim('pgdata'));
  await client.create(
    deployment(
      'files',
      {
        image: images.debian,
        command: ['sh', '-c', WRITER],
        readinessProbe: { exec: { command: ['test', '-f', '/data/done'] }, ...PROBE },
      },
      'files',
      10001,
    ),
  );
  await client.create(
    deployment(
      'db',
      {
        image: images.postgres,
        env: [
          { name: 'POSTGRES_USER', value: 'shop' },
          { name: 'POSTGRES_DB', value: 'shop' },
          { name: 'PGDATA', value: '/data/pgdata' },
          { name: 'POSTGRES_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
        ],
        ports: [{ containerPort: 5432 }],
        readinessProbe: {
          exec: { command: ['pg_isready', '-h', '127.0.0.1', '-U', 'shop'] },
          ...PROBE,
        },
      },
      'pgdata',
      10001,
    ),
  );
  await client.create({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'db', namespace: ns },
    spec: { type: 'NodePort', selector: { app: 'db' }, ports: [{ port: 5432, targetPort: 5432 }] },
  });
  await waitAvailable(ns, 'files');
  await waitAvailable(ns, 'db');
  const service = await client.get<Loose>({ apiVersion: 'v1', kind: 'Service', namespace: ns, name: 'db' });
  // The host (Quai's restore and drill) and pods (the dump Job) reach the database alike, on the
  // real node's NodePort.
  db = { host: await realNodeAddress(), port: service.spec.ports[0].nodePort as number };
  await waitFor(
    () => {
      try {
        return Promise.resolve(psql('SELECT 1') === '1' || undefined);
      } catch {
        return Promise.resolve(undefined);
      }
    },
    { timeoutMs: 60_000, what: 'PostgreSQL answering' },
  );
  psql('CREATE TABLE orders (id serial PRIMARY KEY, customer text NOT NULL, total numeric NOT NULL)');
  psql("INSERT INTO orders (customer, total) SELECT 'client-' || g, g * 1.5 FROM generate_series(1, 500) g");
}, 1_800_000);

afterAll(async () => {
  for (const n of namespaces) await deleteNamespace(client, n);
  client?.close();
  await s3?.stop();
});

describe.skipIf(!hasRealNode())('backups on the real node', () => {
  let filesBefore: Record<string, string>;

  it('the mover Job copies a real claim to S3 and the dump Job dumps a real PostgreSQL pod', async () => {
    filesBefore = tree(await hostFolder(ns, 'files'));
    expect(Object.keys(filesBefore)).toHaveLength(43);
    const steps: string[] = [];
    const index = await backup.createBackup(client, target('real/'), {
      name: 'real-1',
      namespaces: [ns],
      clusterResources: 'auto',
      key,
      onProgress: (m) => steps.push(t('en', m)),
      data: {
        repository: place('real/'),
        volumes: { mover: 'job', image: images.restic, timeoutMs: 180_000 },
        databases: [declaration()],
        databaseMover: 'job',
        dumpImage: images.postgres,
      },
    });
    expect(index.errors).toEqual([]);
    const vols = Object.fromEntries((index.volumes ?? []).map((v) => [v.pvc, v]));
    expect(vols['files']).toMatchObject({ status: 'completed', mover: 'job' });
    // restic ran in the Job and read every file: its summary counts them.
    expect(vols['files']?.files).toBe(43);
    expect(vols['pgdata']).toMatchObject({ status: 'completed', mover: 'job' });
    // Who the app writes its claims as: the restore Job writes the files back as them.
    expect(vols['pgdata']?.runAs).toEqual({ runAsUser: 10001, runAsGroup: 10001, fsGroup: 10001 });
    const dump = index.databases?.[0];
    expect(dump).toMatchObject({ status: 'completed', name: 'db' });
    expect(dump?.snapshot).toMatch(/^[0-9a-f]{8,}/);
    // The data checks ran (from here, as the drill's do) when the dump was taken.
    expect(dump?.checks, dump?.reason).toEqual([
      { name: 'orders', query: "SELECT count(*) || ':' || sum(total) FROM orders", result: '500:187875.0' },
    ]);
    expect(steps.join('\n')).toMatch(/mover Job/);
  }, 600_000);

  it('a dropped database comes back from the dump, and the drill checks pass', async () => {
    psql('DROP TABLE orders');
    expect(() => psql('SELECT count(*) FROM orders')).toThrow(/does not exist/);
    const result = await backup.restoreBackup(client, target('real/'), 'real-1', {
      key,
      namespaces: [ns],
      data: { repository: place('real/'), restoreDatabases: true, overwriteLive: true },
      onStep: (m) => process.stderr.write(`[real-backup] restore: ${t('en', m)}\n`),
    });
    expect(result.data?.databases.map((d) => d.action)).toEqual(['restored']);
    expect(psql("SELECT count(*) || ':' || sum(total) FROM orders")).toBe('500:187875.0');
    // A backup of the objects and the dump: the drill restores it into a scratch namespace (its
    // PostgreSQL starts on a new claim), restores the dump into a scratch database through the
    // dump Job's path, and compares the check query.
    const dumpOnly = await backup.createBackup(client, target('real/'), {
      name: 'real-dump',
      namespaces: [ns],
      clusterResources: 'auto',
      key,
      onProgress: (m) => process.stderr.write(`[real-backup] backup real-dump: ${t('en', m)}\n`),
      data: {
        repository: place('real/'),
        databases: [declaration()],
        databaseMover: 'job',
        dumpImage: images.postgres,
        // No volume data in this backup: the dump Job's restic comes from the registry all the same.
        moverImage: images.restic,
      },
    });
    expect(dumpOnly.errors).toEqual([]);
    const report = await backup.drill(client, target('real/'), 'real-dump', {
      key,
      timeoutMs: 240_000,
      data: { repository: place('real/') },
      onStep: (m) => process.stderr.write(`[real-backup] drill: ${t('en', m)}\n`),
    });
    const checks = Object.fromEntries(report.checks.map((c) => [c.name, c]));
    expect(checks[`data check ${ns}/db orders`], JSON.stringify(report.checks, null, 1)).toMatchObject({
      ok: true,
    });
    expect(checks['workloads ready']).toMatchObject({ ok: true });
    expect(report.status, JSON.stringify(report.checks, null, 1)).toBe('pass');
  }, 600_000);

  it('restored elsewhere, the claims bind, the files are back and the app becomes Ready', async () => {
    const copy = uniqueName('quai-real-copy');
    namespaces.push(copy);
    const result = await backup.restoreBackup(client, target('real/'), 'real-1', {
      key,
      namespaceMapping: { [ns]: copy },
      skipPersistentVolumes: true,
      data: {
        repository: place('real/'),
        volumes: { mover: 'job', image: images.restic, timeoutMs: 180_000 },
      },
    });
    const vols = Object.fromEntries((result.data?.volumes ?? []).map((v) => [v.claim, v]));
    expect(vols[`${copy}/files`]?.action, JSON.stringify(result.data?.volumes, null, 1)).toBe('restored');
    await waitAvailable(copy, 'files');
    for (const name of ['files', 'pgdata']) {
      const pvc = await client.get<Loose>({
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        namespace: copy,
        name,
      });
      expect(pvc.status.phase).toBe('Bound');
    }
    expect(tree(await hostFolder(copy, 'files'))).toEqual(filesBefore);
  }, 600_000);

  // The backup recorded the user and groups of the pod mounting each claim; the restore Job
  // writes the files as them, so PostgreSQL owns its restored data folder again.
  it('restored elsewhere, PostgreSQL starts again on its restored data folder', async () => {
    const copy = namespaces.find((n) => n.startsWith('quai-real-copy')) ?? '';
    await waitAvailable(copy, 'db', 120_000);
    const pgdata = join(await hostFolder(copy, 'pgdata'), 'pgdata');
    const owner = statSync(pgdata);
    expect([owner.uid, owner.gid]).toEqual([10001, 10001]);
  }, 200_000);

  it('a drill of the backup with volume data passes: the apps become ready on their restored data', async () => {
    const report = await backup.drill(client, target('real/'), 'real-1', {
      key,
      timeoutMs: 180_000,
      data: {
        repository: place('real/'),
        volumes: { mover: 'job', image: images.restic, timeoutMs: 180_000 },
      },
    });
    const checks = Object.fromEntries(report.checks.map((c) => [c.name, c]));
    expect(checks['workloads ready'], JSON.stringify(report.checks, null, 1)).toMatchObject({ ok: true });
    for (const claim of ['files', 'pgdata'])
      expect(Object.keys(checks)).toContain(`volume ${report.scratchNamespaces[ns]}/${claim} restored`);
    expect(checks[`data check ${ns}/db orders`], JSON.stringify(report.checks, null, 1)).toMatchObject({
      ok: true,
    });
    expect(report.status, JSON.stringify(report.checks, null, 1)).toBe('pass');
  }, 600_000);

  it('a scheduled backup fires from its CronJob and completes inside the cluster, with its least-privilege RBAC', async () => {
    const SYS = backup.SYSTEM_NAMESPACE;
    const name = uniqueName('real');
    const keySecret = uniqueName('key');
    const s3Secret = uniqueName('s3');
    const store = new backup.ScheduleStore(client);
    // quai-system's pods (the runner's) land on the real node, while this test runs.
    const sys = await client
      .get<Loose>({ apiVersion: 'v1', kind: 'Namespace', name: SYS })
      .catch(async () => {
        await store.save({
          name,
          cron: '0 0 1 1 *',
          timeZone: 'UTC',
          namespaces: [ns],
          target: 's3://x/y',
          encryption: 'none',
        } as never);
        await store.delete(name);
        return client.get<Loose>({ apiVersion: 'v1', kind: 'Namespace', name: SYS });
      });
    const annotations = Object.keys(devclusterAnnotations());
    await patch(`/api/v1/namespaces/${SYS}`, { metadata: { annotations: devclusterAnnotations() } });
    try {
      await client.create({
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: keySecret, namespace: SYS },
        data: { key: Buffer.from(`${Buffer.alloc(32, 9).toString('base64')}\n`).toString('base64') },
      });
      await client.create({
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: s3Secret, namespace: SYS },
        stringData: { AWS_ACCESS_KEY_ID: s3.accessKeyId, AWS_SECRET_ACCESS_KEY: s3.secretAccessKey },
      });
      const schedule = await store.save({
        name,
        cron: '* * * * *',
        timeZone: 'UTC',
        namespaces: [ns],
        target: `s3://${s3.bucket}/scheduled`,
        s3Endpoint: endpoint,
        credentialsSecret: s3Secret,
        encryption: { keySecret },
        volumes: { mover: 'job', image: images.restic },
      });
      const applied = await backup.installCronJobs(client, [schedule], [schedule], { image: images.quai });
      const cron = applied.find((o) => o.kind === 'CronJob') as Loose;
      const container = cron.spec.jobTemplate.spec.template.spec.containers[0];
      // Quai's image has no ENTRYPOINT (a CI job's script runs in it as written): the container
      // names the program, `quai`, on the PATH.
      if (container.command === undefined) {
        await patch(
          `/apis/batch/v1/namespaces/${SYS}/cronjobs/${cron.metadata.name ?? ''}`,
          [{ op: 'add', path: '/spec/jobTemplate/spec/template/spec/containers/0/command', value: ['quai'] }],
          'application/json-patch+json',
        );
      }
      const job = await waitFor(
        async () => {
          const jobs = await client.list('batch/v1', 'Job', {
            namespace: SYS,
            labelSelector: `quai.dev/backup-schedule=${name}`,
          });
          return jobs.find(
            (j) => ((j as Loose).status?.succeeded ?? 0) >= 1 || ((j as Loose).status?.failed ?? 0) >= 1,
          );
        },
        { timeoutMs: 240_000, intervalMs: 2000, what: 'a Job of the CronJob finishing' },
      );
      const pods = await client.list('v1', 'Pod', {
        namespace: SYS,
        labelSelector: `job-name=${job.metadata.name ?? ''}`,
      });
      const logs = await client
        .request<string>({ path: `/api/v1/namespaces/${SYS}/pods/${pods[0]?.metadata.name ?? ''}/log` })
        .catch((e: unknown) => String(e));
      expect((job as Loose).status?.succeeded, logs).toBe(1);
      expect((pods[0] as Loose | undefined)?.spec?.nodeName).toBe('quai-real-1');
      const made = await target('scheduled/').list();
      expect(made.length).toBeGreaterThanOrEqual(1);
      expect(made[0]?.status).toBe('completed');
      expect(made[0]?.volumes?.find((v) => v.pvc === 'files')?.status).toBe('completed');
      await backup.uninstallCronJobs(client, name);
    } finally {
      await store.delete(name).catch(() => undefined);
      await backup.uninstallCronJobs(client, name).catch(() => undefined);
      for (const secret of [keySecret, s3Secret])
        await client
          .delete({ apiVersion: 'v1', kind: 'Secret', namespace: SYS, name: secret })
          .catch(() => undefined);
      const restored = Object.fromEntries(annotations.map((a) => [a, sys.metadata.annotations?.[a] ?? null]));
      await patch(`/api/v1/namespaces/${SYS}`, { metadata: { annotations: restored } });
    }
  }, 400_000);
});
