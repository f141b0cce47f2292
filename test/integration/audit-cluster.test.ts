/**
 * `quai audit --cluster` and `quai audit who-can` on the real cluster, and `quai audit -` reading
 * standard input, through the built CLI.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { audit, waitFor, type KubeClient, type KubeObject } from '@quai/core';
import { createNamespace, deleteNamespace, deployment, testClient } from './helpers.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const main = join(root, 'packages/cli/dist/main.js');

function quai(args: readonly string[], input?: string): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn('node', [main, ...args], { env: { ...process.env, NO_COLOR: '1' } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code: code ?? -1, out, err }));
    child.stdin.end(input ?? '');
  });
}

let client: KubeClient;
let ns: string;

beforeAll(async () => {
  if (!existsSync(main)) throw new Error(`${main} is missing: run \`npm run build\` first (npm test does).`);
  client = await testClient();
  ns = await createNamespace(client);
  const objects: KubeObject[] = [
    deployment('web', ns, 2),
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: ns },
      spec: { type: 'NodePort', selector: { 'app.kubernetes.io/name': 'web' }, ports: [{ port: 80 }] },
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name: 'secret-reader', namespace: ns },
      rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list'] }],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'default-reads-secrets', namespace: ns },
      subjects: [{ kind: 'ServiceAccount', name: 'default', namespace: ns }],
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'secret-reader' },
    },
  ];
  for (const o of objects) await client.create(o);
  // The ReplicaSet and its pods exist: the audit must report the Deployment only.
  await waitFor(
    async () => ((await client.list('v1', 'Pod', { namespace: ns })).length >= 2 ? true : undefined),
    {
      timeoutMs: 60_000,
      what: 'the pods of the Deployment',
    },
  );
});

afterAll(async () => {
  await deleteNamespace(client, ns);
  client.close();
});

describe('audit of a live cluster', () => {
  it('audits each pod template once, where it is written, with RBAC and Service findings', async () => {
    const loaded = await audit.loadClusterObjects(client, { namespaces: [ns] });
    const kinds = loaded.objects.map((o) => o.object.kind);
    expect(kinds).toContain('Deployment');
    expect(kinds).not.toContain('ReplicaSet');
    expect(kinds).not.toContain('Pod');
    const report = audit.auditObjects(loaded.objects, { source: 'cluster', pssVersion: 'v1.36' });
    const found = (id: string, name: string): boolean =>
      report.findings.some((f) => f.checkId === id && f.object.name === name);
    expect(found('PSS-runAsNonRoot', 'web')).toBe(true);
    expect(found('QUAI-BP-032', 'web')).toBe(true);
    expect(found('QUAI-RBAC-003', 'secret-reader')).toBe(true);
    expect(found('QUAI-RBAC-023', 'default-reads-secrets')).toBe(true);
    expect(found('QUAI-BP-049', ns)).toBe(true);
  });

  it('runs from the CLI with progress on stderr and exit code 1', async () => {
    const r = await quai([
      'audit',
      '--cluster',
      '-n',
      `${ns},kube-public`,
      '--format',
      'sarif',
      '--kubeconfig',
      inject('kubeconfig'),
    ]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/Reading namespaces quai-test-\w+, kube-public of context/);
    expect(r.err).toContain('Deployment in kube-public: 0');
    expect(r.err).toContain('objects read');
    const sarif = JSON.parse(r.out) as {
      runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
    };
    const uris = (sarif.runs[0]?.results ?? []).map(
      (x) => x.locations[0]?.physicalLocation.artifactLocation.uri,
    );
    expect(uris).toContain(`cluster/${ns}/Deployment/web`);
  });

  it('answers who-can from the live RBAC objects', async () => {
    const r = await quai([
      'audit',
      'who-can',
      'list',
      'secrets',
      '-n',
      ns,
      '-o',
      'json',
      '--kubeconfig',
      inject('kubeconfig'),
    ]);
    expect(r.code).toBe(0);
    const data = JSON.parse(r.out) as {
      subjects: { subject: { kind: string; name: string; namespace?: string }; scope: string }[];
    };
    expect(data.subjects).toContainEqual(
      expect.objectContaining({
        subject: { kind: 'ServiceAccount', name: 'default', namespace: ns },
        scope: ns,
      }),
    );
    // cluster-admin is granted to system:masters by a bootstrap binding, which is listed.
    expect(data.subjects.some((s) => s.scope === 'cluster')).toBe(true);
  });
});

describe('audit of standard input', () => {
  it('reads - and names <stdin> in its positions', async () => {
    const text = readFileSync(join(root, 'packages/core/test/fixtures/audit/insecure.yaml'), 'utf8');
    const r = await quai(['audit', '-', '--format', 'json', '--level', 'baseline'], text);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out) as { findings: { file?: string; line?: number; checkId: string }[] };
    expect(report.findings.find((f) => f.checkId === 'PSS-privileged')).toMatchObject({
      file: '<stdin>',
      line: 23,
    });
  });
});
