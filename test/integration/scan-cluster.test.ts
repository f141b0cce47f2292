import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { waitFor, type KubeClient, type KubeObject } from '@quai/core';
import { runQuai } from '../../packages/cli/test/run-cli.js';
import {
  buildLayer,
  registryAvailable,
  RegistryPusher,
  startRegistry,
  type TestRegistry,
} from '../components/registry.js';
import { createNamespace, deleteNamespace, testClient } from './helpers.js';

/*
 * `quai scan cluster` on the dev cluster: Deployments, a StatefulSet and a CronJob (through a Job
 * made from it, as kubectl create job --from does) run images pushed to a real registry on
 * loopback; the controllers make the pods. Each digest is scanned once and its findings are
 * mapped to the workloads; a missing image is reported and the others are still scanned.
 */

interface Result {
  pods: number;
  failed: number;
  vulnerabilities: Record<string, { aliases: string[] }>;
  images: {
    reference: string;
    digest?: string;
    platform: string;
    images: string[];
    workloads: { namespace: string; kind: string; name: string; container: string; containerType: string }[];
    packages?: number;
    findings?: { id: string; package: string; purl: string }[];
    error?: { code: string };
  }[];
}

const podSpec = (
  containers: { name: string; image: string }[],
  init: { name: string; image: string }[] = [],
) => ({
  containers,
  ...(init.length === 0 ? {} : { initContainers: init }),
});

describe.skipIf(!registryAvailable())('quai scan cluster', () => {
  let reg: TestRegistry;
  let client: KubeClient;
  let ns: string;
  let work: string;
  const images: Record<string, string> = {};
  /** The layers of the images the scan reads (the amd64 variant of the multi-platform one). */
  const scannedLayers = new Set<string>();

  beforeAll(async () => {
    reg = await startRegistry();
    work = await mkdtemp(join(tmpdir(), 'quai-scan-cluster-'));
    client = await testClient();
    ns = await createNamespace(client);
    const pusher = new RegistryPusher(reg);
    const dpkg = await readFile('/var/lib/dpkg/status');
    const osRelease = await readFile('/etc/os-release');
    const layer = (extra: Record<string, string>): Buffer =>
      buildLayer({ 'var/lib/dpkg/status': dpkg, 'etc/os-release': osRelease, ...extra });
    const pkg = (name: string, version: string): Record<string, string> => ({
      [`app/node_modules/${name}/package.json`]: JSON.stringify({ name, version }),
    });
    const web = await pusher.pushImage('apps/web', '1.0', [layer(pkg('lodash', '4.17.20'))]);
    await pusher.pushImage('apps/web', 'stable', [layer(pkg('lodash', '4.17.20'))]); // same digest, other tag
    const db = await pusher.pushImage('apps/db', '15', [layer(pkg('pg', '8.11.0'))]);
    const job = await pusher.pushImage('apps/report', '2', [layer(pkg('lodash', '4.17.21'))]);
    images['web'] = web.digest;
    images['db'] = db.digest;
    images['job'] = job.digest;
    for (const l of [...web.layers, ...db.layers, ...job.layers]) scannedLayers.add(l.digest);
    // A multi-platform image: the amd64 variant has the old lodash, the arm64 one the fixed one.
    const multiAmd = await pusher.pushImage('apps/multi', 'amd64', [layer(pkg('lodash', '4.17.20'))]);
    for (const l of multiAmd.layers) scannedLayers.add(l.digest);
    const multiArm = await pusher.pushImage('apps/multi', 'arm64', [layer(pkg('lodash', '4.17.21'))], {
      platform: { os: 'linux', architecture: 'arm64' },
    });
    images['multi'] = await pusher.pushIndex('apps/multi', '1', [
      {
        digest: multiAmd.digest,
        size: await pusher.manifestSize('apps/multi', multiAmd.digest),
        platform: { os: 'linux', architecture: 'amd64' },
      },
      {
        digest: multiArm.digest,
        size: await pusher.manifestSize('apps/multi', multiArm.digest),
        platform: { os: 'linux', architecture: 'arm64' },
      },
    ]);
    const h = reg.host;
    const deployment = (
      name: string,
      image: string,
      init: { name: string; image: string }[] = [],
    ): KubeObject => ({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, namespace: ns },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: name } },
        template: { metadata: { labels: { app: name } }, spec: podSpec([{ name: 'main', image }], init) },
      },
    });
    await client.create(
      deployment('web', `${h}/apps/web:1.0`, [{ name: 'migrate', image: `${h}/apps/db:15` }]),
    );
    await client.create(deployment('web-canary', `${h}/apps/web:stable`));
    await client.create(deployment('ghost', `${h}/apps/missing:1`));
    await client.create(deployment('multi', `${h}/apps/multi:1`));
    await client.create({
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'db', namespace: ns },
      spec: {
        replicas: 1,
        serviceName: 'db',
        selector: { matchLabels: { app: 'db' } },
        template: {
          metadata: { labels: { app: 'db' } },
          spec: podSpec([{ name: 'postgres', image: `${h}/apps/db:15` }]),
        },
      },
    });
    const cronJob = await client.create({
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'nightly', namespace: ns },
      spec: {
        schedule: '0 3 * * *',
        jobTemplate: {
          spec: {
            template: {
              spec: { restartPolicy: 'Never', ...podSpec([{ name: 'report', image: `${h}/apps/report:2` }]) },
            },
          },
        },
      },
    });
    const cjSpec = (cronJob as unknown as { spec: { jobTemplate: { spec: Record<string, unknown> } } }).spec;
    await client.create({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: {
        name: 'nightly-manual',
        namespace: ns,
        ownerReferences: [
          {
            apiVersion: 'batch/v1',
            kind: 'CronJob',
            name: 'nightly',
            uid: cronJob.metadata.uid!,
            controller: true,
          },
        ],
      },
      spec: cjSpec.jobTemplate.spec,
    });
    await waitFor(
      async () => {
        const pods = await client.list('v1', 'Pod', { namespace: ns });
        const scheduled = pods.filter(
          (p) => (p as { spec?: { nodeName?: string } }).spec?.nodeName !== undefined,
        );
        return scheduled.length >= 10 ? pods : undefined;
      },
      { timeoutMs: 90_000, what: `the 10 pods in ${ns}, scheduled` },
    );
    const osv = join(work, 'osv');
    await mkdir(osv);
    await writeFile(
      join(osv, 'GHSA-35jh-r3h4-6jhm.json'),
      JSON.stringify({
        id: 'GHSA-35jh-r3h4-6jhm',
        modified: '2024-03-01T12:00:00Z',
        severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H' }],
        affected: [
          {
            package: { ecosystem: 'npm', name: 'lodash' },
            ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '4.17.21' }] }],
          },
        ],
      }),
    );
    expect(
      (await runQuai(['vulndb', 'import', osv], { HOME: work, QUAI_CACHE_DIR: join(work, 'cache') })).code,
    ).toBe(0);
  });

  afterAll(async () => {
    if (client !== undefined && ns !== undefined) await deleteNamespace(client, ns);
    client?.close();
    await reg?.stop();
    if (work !== undefined) await rm(work, { recursive: true, force: true });
  });

  it('scans each digest once, maps findings to workloads, and goes on past a missing image', async () => {
    const context = inject('context');
    const r = await runQuai(
      [
        'scan',
        'cluster',
        '-n',
        ns,
        '-o',
        'json',
        '--concurrency',
        '2',
        '--platform',
        'linux/arm64', // for pods without a node only: these run on amd64 nodes
        '--kubeconfig',
        inject('kubeconfig'),
        ...(context === '' ? [] : ['--context', context]),
      ],
      { HOME: work, QUAI_CACHE_DIR: join(work, 'cache') },
    );
    // One JSON document on standard output; the failed image is listed in it and named on stderr.
    const result = JSON.parse(r.out) as Result;
    expect(r.err).toContain('[IMAGE_NOT_FOUND]');
    // The lodash finding is high: exit 1 (findings win over the failed image).
    expect(r.code, r.err).toBe(1);
    expect(result.pods).toBe(10);
    expect(result.failed).toBe(1);
    // web:1.0 and web:stable are one digest; db:15 runs in a StatefulSet and as an init container.
    expect(result.images.map((i) => i.digest ?? i.reference).sort()).toEqual(
      [images['web'], images['db'], images['job'], images['multi'], `${reg.host}/apps/missing:1`].sort(),
    );
    const web = result.images.find((i) => i.digest === images['web'])!;
    expect(web.images).toEqual([`${reg.host}/apps/web:1.0`, `${reg.host}/apps/web:stable`]);
    expect(web.workloads.map((w) => `${w.kind}/${w.name}/${w.container}`)).toEqual([
      'Deployment/web-canary/main',
      'Deployment/web/main',
    ]);
    expect(web.findings?.map((f) => `${f.id} ${f.purl}`)).toEqual([
      'GHSA-35jh-r3h4-6jhm pkg:npm/lodash@4.17.20',
    ]);
    const db = result.images.find((i) => i.digest === images['db'])!;
    expect(db.workloads.map((w) => `${w.kind}/${w.name}/${w.containerType}`)).toEqual([
      'Deployment/web/initContainer',
      'StatefulSet/db/container',
    ]);
    // The node's platform wins over --platform: the amd64 variant, with the old lodash.
    const multi = result.images.find((i) => i.digest === images['multi'])!;
    expect(multi.platform).toBe('linux/amd64');
    expect(multi.findings?.map((f) => f.purl)).toEqual(['pkg:npm/lodash@4.17.20']);
    const job = result.images.find((i) => i.digest === images['job'])!;
    expect(job.workloads.map((w) => `${w.namespace === ns}/${w.kind}/${w.name}`)).toEqual([
      'true/CronJob/nightly',
    ]);
    expect(job.findings).toEqual([]);
    expect(job.packages).toBeGreaterThan(100);
    expect(Object.keys(result.vulnerabilities)).toEqual(['GHSA-35jh-r3h4-6jhm']);
    const ghost = result.images.find((i) => i.error !== undefined)!;
    expect(ghost.error?.code).toBe('IMAGE_NOT_FOUND');
    expect(ghost.workloads[0]).toMatchObject({ kind: 'Deployment', name: 'ghost' });

    // The layer cache of quai scan image: every layer read is kept by its digest...
    const cached = (await readdir(join(work, 'cache', 'layers'), { recursive: true }))
      .map((f) => basename(f))
      .filter((f) => f.startsWith('sha256-'))
      .map((f) => f.replace('-', ':'))
      .sort();
    expect(cached).toEqual([...scannedLayers].sort());
    // ... and the same report comes from the cache as from the registry's layers.
    const kube = ['--kubeconfig', inject('kubeconfig'), ...(context === '' ? [] : ['--context', context])];
    const again = await runQuai(['scan', 'cluster', '-n', ns, '-o', 'json', ...kube], {
      HOME: work,
      QUAI_CACHE_DIR: join(work, 'cache'),
    });
    // --no-layer-cache reads every layer, and neither uses nor fills the cache.
    await rm(join(work, 'cache', 'layers'), { recursive: true });
    const uncached = await runQuai(['scan', 'cluster', '-n', ns, '-o', 'json', '--no-layer-cache', ...kube], {
      HOME: work,
      QUAI_CACHE_DIR: join(work, 'cache'),
    });
    const scanned = (out: string): Result['images'] =>
      (JSON.parse(out) as Result).images.sort((a, b) => (a.reference < b.reference ? -1 : 1));
    expect(scanned(again.out)).toEqual(scanned(r.out));
    expect(scanned(uncached.out)).toEqual(scanned(r.out));
    expect(existsSync(join(work, 'cache', 'layers'))).toBe(false);

    // The report formats of quai scan image: one target per image, with its workloads.
    const sarif = join(work, 'cluster.sarif');
    const formatted = await runQuai(
      [
        'scan',
        'cluster',
        '-n',
        ns,
        '--format',
        'gitlab',
        '--report',
        `sarif=${sarif}`,
        '--kubeconfig',
        inject('kubeconfig'),
        ...(context === '' ? [] : ['--context', context]),
      ],
      { HOME: work, QUAI_CACHE_DIR: join(work, 'cache') },
    );
    expect(formatted.code, formatted.err).toBe(1);
    expect(formatted.err).toMatch(/error: 127\.0\.0\.1:\d+\/apps\/missing:1: \[IMAGE_NOT_FOUND\]/);
    const gitlab = JSON.parse(formatted.out.slice(0, formatted.out.indexOf('\n}\n') + 2)) as {
      vulnerabilities: { identifiers: { value: string }[] }[];
    };
    expect(gitlab.vulnerabilities.length).toBeGreaterThan(0);
    expect(await readFile(sarif, 'utf8')).toContain('GHSA-35jh-r3h4-6jhm');
  });
});
