/**
 * Trivy Operator interop on the real cluster: its VulnerabilityReport CRD (vendored from
 * aquasecurity/trivy-operator, see test/integration/fixtures/trivy-operator/) is installed, reports
 * are created the way the operator writes them (one per workload container), and Quai reads them
 * back through the API, library and CLI, deduplicated per image digest.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseYaml, scan, waitFor, type KubeClient, type KubeObject } from '@quai/core';
import { createNamespace, deleteNamespace, testClient } from './helpers.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CRD_NAME = 'vulnerabilityreports.aquasecurity.github.io';
const DIGEST = 'sha256:3f1d6c17773a45c97bd8f158d665c9709d7b29ed7917ac934086ad96f92e4510';

let client: KubeClient;
let ns: string;
let createdCrd = false;

function report(name: string, workload: string, container: string, eosl: boolean): KubeObject {
  return {
    apiVersion: 'aquasecurity.github.io/v1alpha1',
    kind: 'VulnerabilityReport',
    metadata: {
      name,
      namespace: ns,
      labels: {
        'trivy-operator.resource.kind': 'Deployment',
        'trivy-operator.resource.name': workload,
        'trivy-operator.resource.namespace': ns,
        'trivy-operator.container.name': container,
      },
    },
    report: {
      updateTimestamp: '2026-11-20T08:00:00Z',
      scanner: { name: 'Trivy', vendor: 'Aqua Security', version: '0.58.1' },
      registry: { server: 'index.docker.io' },
      artifact: { repository: 'gristlabs/grist', tag: '1.1.15', digest: DIGEST },
      os: { family: 'debian', name: '12.5', eosl },
      summary: { criticalCount: 0, highCount: 1, mediumCount: 1, lowCount: 0, unknownCount: 0 },
      vulnerabilities: [
        {
          vulnerabilityID: 'CVE-2023-5363',
          resource: 'libssl3',
          installedVersion: '3.0.11-1~deb12u1',
          fixedVersion: '3.0.11-1~deb12u2',
          severity: 'HIGH',
          score: 7.5,
          title: 'openssl: Incorrect cipher key and IV length processing',
          primaryLink: 'https://avd.aquasec.com/nvd/cve-2023-5363',
          publishedDate: '2023-10-25T18:17:43Z',
          lastModifiedDate: '2024-02-01T17:15:00Z',
          packagePURL: 'pkg:deb/debian/libssl3@3.0.11-1~deb12u1?arch=amd64&distro=debian-12.5',
          cvss: { nvd: { V3Score: 7.5, V3Vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N' } },
          cvsssource: 'nvd',
        },
        {
          vulnerabilityID: 'CVE-2023-45853',
          resource: 'zlib1g',
          installedVersion: '1:1.2.13.dfsg-1',
          fixedVersion: '',
          severity: 'MEDIUM',
          title: 'zlib: integer overflow and resultant heap-based buffer overflow in zipOpenNewFileInZip4_6',
          publishedDate: '2023-10-14T02:15:09Z',
          lastModifiedDate: '2024-08-01T13:44:58Z',
        },
      ],
    },
  };
}

beforeAll(async () => {
  client = await testClient();
  const crd = parseYaml(
    readFileSync(
      join(root, 'test/integration/fixtures/trivy-operator/aquasecurity.github.io_vulnerabilityreports.yaml'),
      'utf8',
    ),
    { file: 'vulnerabilityreports CRD' },
  ) as KubeObject;
  const ref = { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', name: CRD_NAME };
  createdCrd = (await client.tryGet(ref)) === undefined;
  await client.apply(crd, { fieldManager: 'quai-test', force: true });
  await waitFor(
    async () => {
      const got = await client.get<
        KubeObject & { status?: { conditions?: { type: string; status: string }[] } }
      >(ref);
      return got.status?.conditions?.some((c) => c.type === 'Established' && c.status === 'True') === true
        ? got
        : undefined;
    },
    { timeoutMs: 60_000, what: 'the VulnerabilityReport CRD to be established' },
  );
  ns = await createNamespace(client);
  // The operator's objects; the API server may take a moment to serve the new kind.
  await waitFor(
    async () => client.create(report('replicaset-grist-web', 'grist', 'web', false)).catch(() => undefined),
    {
      timeoutMs: 30_000,
      what: 'the first VulnerabilityReport to be accepted',
    },
  );
  await client.create(report('replicaset-grist-worker', 'grist-worker', 'worker', true));
}, 120_000);

afterAll(async () => {
  await deleteNamespace(client, ns);
  if (createdCrd) {
    await client
      .delete({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', name: CRD_NAME })
      .catch(() => undefined);
  }
  client.close();
});

describe("Trivy Operator's VulnerabilityReports from the cluster", () => {
  it('are read through the API and deduplicated per image digest, workloads kept', async () => {
    const targets = await scan.ingest.ingestClusterReports(client, { namespaces: [ns] });
    expect(targets).toHaveLength(2);
    const merged = scan.ingest.mergeTargets(targets);
    expect(merged).toHaveLength(1);
    const t = merged[0];
    expect(t).toMatchObject({
      name: 'gristlabs/grist:1.1.15',
      digest: DIGEST,
      os: { id: 'debian', versionId: '12.5' },
    });
    expect([...(t?.workloads ?? [])].sort()).toEqual([
      `Deployment ${ns}/grist container web`,
      `Deployment ${ns}/grist-worker container worker`,
    ]);
    expect(t?.findings).toHaveLength(2);
    const ssl = t?.findings.find((f) => f.package.name === 'libssl3');
    expect(ssl).toMatchObject({
      vulnerability: {
        id: 'CVE-2023-5363',
        fixedVersion: '3.0.11-1~deb12u2',
        severity: { level: 'high', score: 7.5 },
      },
      status: 'fixed',
      dataSources: ['trivy-operator (Trivy 0.58.1)'],
      package: { ecosystem: 'Debian:12' },
    });
    // The worker's report says the OS is past its end of life: the unfixed zlib finding says so.
    expect(t?.findings.find((f) => f.package.name === 'zlib1g')?.status).toBe('end_of_life');
  });

  it('are imported by `quai scan import --cluster` into a GitLab report', async () => {
    const out = join(root, `.tmp-gl-${ns}.json`);
    const r = await new Promise<{ code: number; err: string }>((done, reject) => {
      const child = spawn(
        'node',
        [
          '--conditions=@quai/source',
          '--import',
          'tsx',
          join(root, 'packages/cli/src/main.ts'),
          'scan',
          'import',
          '--cluster',
          '-n',
          ns,
          '--kubeconfig',
          inject('kubeconfig'),
          ...(inject('context') === '' ? [] : ['--context', inject('context')]),
          '--severity-threshold',
          'critical',
          '--report',
          `gitlab=${out}`,
        ],
        { cwd: root, env: { ...process.env, NO_COLOR: '1' } },
      );
      let err = '';
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      child.on('error', reject);
      child.on('close', (code) => done({ code: code ?? -1, err }));
    });
    try {
      expect(r.err).not.toContain('error');
      expect(r.code).toBe(0);
      const gl = JSON.parse(readFileSync(out, 'utf8')) as {
        vulnerabilities: { location: { image: string; operating_system: string } }[];
      };
      expect(gl.vulnerabilities).toHaveLength(2);
      expect(gl.vulnerabilities[0]?.location).toEqual({
        dependency: expect.anything() as unknown,
        image: `gristlabs/grist:1.1.15@${DIGEST}`,
        operating_system: 'debian:12.5',
      });
    } finally {
      await import('node:fs/promises').then((fs) => fs.rm(out, { force: true }));
    }
  }, 60_000);
});
