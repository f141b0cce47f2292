// The onboarding corpus on a real cluster: every public vendor compose project of test/corpus/ is
// imported, rendered, passes a server-side dry-run, is applied with `quai apply` (which waits for
// Ready: KWOK nodes run the pods) and audits clean at its namespace's declared Pod Security level,
// with no hand edit. The result table is written to docs/onboarding-corpus.md.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { audit, deploy, parseYaml, type KubeClient, type KubeObject } from '@quai/core';
import { deleteNamespace, testClient } from './helpers.js';
import { t } from '@quai/contracts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const main = join(root, 'packages/cli/dist/main.js');
const CORPUS = join(root, 'test/corpus');
const run = promisify(execFile);

interface Source {
  project: string;
  source: string;
  import: { files: string[]; envFiles?: string[]; env?: Record<string, string> };
  expect?: { import?: 'refused'; error?: string };
}

interface Row {
  project: string;
  services: number;
  objects: number | string;
  report: string;
  findings: string;
  exceptions: string;
  flagged: string;
  level: string;
  result: string;
  seconds: number;
  retried?: boolean;
}

const rows: Row[] = [];
let client: KubeClient;
let work: string;
let platformFile: string;
const namespaces: string[] = [];

async function quai(args: readonly string[]): Promise<{ code: number; out: string; err: string }> {
  try {
    const r = await run('node', [main, ...args, '--kubeconfig', inject('kubeconfig')], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, out: r.stdout, err: r.stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout, err: e.stderr };
  }
}

beforeAll(async () => {
  client = await testClient({ qps: 100, burst: 200 });
  work = mkdtempSync(join(tmpdir(), 'quai-corpus-'));
  // The département's platform, with the cluster's default storage class, one replica per
  // component and no quota: the corpus tests the vendors' files, not a quota's size.
  const p = parseYaml(readFileSync(join(root, 'examples/platform/quai.yaml'), 'utf8'), {
    file: 'quai.yaml',
  }) as {
    spec: Record<string, any>;
  };
  p.spec['storageClasses'] = {};
  delete p.spec['quota'];
  p.spec['environments'] = { prod: { namespaceSuffix: '' } };
  platformFile = join(work, 'platform.yaml');
  writeFileSync(platformFile, JSON.stringify(p));
});

afterAll(async () => {
  for (const ns of namespaces) await deleteNamespace(client, ns);
  client.close();
  if (rows.length === readdirSync(CORPUS).length) writeTable();
});

function writeTable(): void {
  const passed = rows.filter((r) => r.result.startsWith('pass')).length;
  const lines = [
    '# Onboarding corpus: real vendor compose files, no hand edits',
    '',
    'Written by `test/integration/onboarding-corpus.test.ts` (`npm run test:integration`); do not edit by hand.',
    '([Version française](fr/onboarding.md#le-corpus).)',
    '',
    `Each project of [test/corpus/](../test/corpus/) (sources, commits and licences in each SOURCE.yaml) is imported`,
    `with its vendor's env sample and the inputs its README asks for, rendered with the département's platform,`,
    'checked by a server-side dry-run, applied with `quai apply` (which waits until every workload is Ready:',
    'KWOK nodes run the pods) and audited at the Pod Security level its namespace declares. Its compose model',
    'is also compared with compose-go, the loader of `docker compose` (packages/core/test/compose-semantics.test.ts).',
    '',
    `Result: ${passed} of ${rows.length} projects pass every stage; the others are refused on purpose, with the reason.`,
    '',
    '| project | services | objects | report (mapped / approximated / dropped / refused) | refused or flagged | findings (Pod Security / best practice) | exceptions | level | result | time |',
    '| --- | ---: | ---: | --- | --- | --- | --- | --- | --- | ---: |',
    ...rows.map(
      (r) =>
        `| ${r.project} | ${r.services} | ${r.objects} | ${r.report} | ${r.flagged} | ${r.findings} | ${r.exceptions} | ${r.level} | ${r.result} | ${r.seconds.toFixed(1)} s |`,
    ),
    '',
    'Time: import, render, dry-run, apply until Ready and audit, on the local control plane (2 cores).',
    '',
  ];
  writeFileSync(join(root, 'docs/onboarding-corpus.md'), lines.join('\n'));
}

type Status = KubeObject & { status?: Record<string, any> };

/** What the report refused or flagged, in a few words (the report has the details). */
function flaggedOf(report: {
  entries: { key: string; status: string; detail: string }[];
  unsetVariables: unknown[];
}): string {
  const labels = new Set<string>();
  for (const e of report.entries) {
    const last =
      e.key
        .replace(/\[\d+\]$/, '')
        .split('.')
        .pop() ?? '';
    if (e.status === 'refused') {
      if (/Docker socket/.test(e.detail)) labels.add('Docker socket');
      else if (/outside the project/.test(e.detail)) labels.add('host file outside the project');
      else if (/host path/.test(e.detail)) labels.add('host paths');
      else if (last === 'build') labels.add('build from source');
      else labels.add(last);
    }
    if (last === 'sysctls') labels.add('sysctls');
    if (last === 'network_mode' && /host network/.test(e.detail)) labels.add('host network');
    if (last === 'privileged' && e.status !== 'dropped') labels.add('privileged');
    if (/does not exist here/.test(e.detail)) labels.add('host path missing here (assumed)');
  }
  if (report.unsetVariables.length > 0) labels.add(`${report.unsetVariables.length} required inputs`);
  return labels.size === 0 ? 'none' : [...labels].sort().join(', ');
}

describe.each(readdirSync(CORPUS).sort())('corpus project %s', (name) => {
  it('imports, renders, passes a server-side dry-run, is applied and Ready, and audits clean at its level', async () => {
    const started = performance.now();
    const src = parseYaml(readFileSync(join(CORPUS, name, 'SOURCE.yaml'), 'utf8'), {
      file: 'SOURCE.yaml',
    }) as Source;
    const dir = join(CORPUS, name);
    const out = join(work, name);
    const args = ['import', 'compose', '--out', out];
    for (const f of src.import.files) args.push('-f', join(dir, f));
    for (const f of src.import.envFiles ?? []) args.push('--env-file', join(dir, f));
    for (const [k, v] of Object.entries(src.import.env ?? {})) args.push('--env', `${k}=${v}`);
    const imported = await quai([...args, '-o', 'json']);
    const row: Row = {
      project: `[${name}](../test/corpus/${name}/SOURCE.yaml)`,
      services: 0,
      objects: '-',
      report: '-',
      findings: '-',
      exceptions: '-',
      flagged: '-',
      level: '-',
      result: '',
      seconds: 0,
    };
    if (src.expect?.import === 'refused') {
      expect(imported.code, imported.err).toBe(2);
      expect(imported.err).toContain(src.expect.error ?? '');
      row.result = `refused as expected: ${src.expect.error ?? ''} is outside the project`;
      row.seconds = (performance.now() - started) / 1000;
      rows.push(row);
      return;
    }
    expect(imported.code, imported.err).toBe(0);
    const result = JSON.parse(imported.out) as {
      spec: {
        metadata: { name: string };
        spec: { components: Record<string, any>; jobs?: Record<string, any> };
      };
      report: {
        summary: Record<string, number>;
        entries: { key: string; status: string; detail: string }[];
        unsetVariables: unknown[];
      };
    };
    const s = result.report.summary;
    row.services =
      Object.keys(result.spec.spec.components).length + Object.keys(result.spec.spec.jobs ?? {}).length;
    row.report = `${s['mapped']} / ${s['approximated']} / ${s['dropped']} / ${s['refused']}`;
    const exceptions = [
      ...Object.values(result.spec.spec.components),
      ...Object.values(result.spec.spec.jobs ?? {}),
    ]
      .flatMap((w: any) => (w.securityExceptions ?? []).map((e: any) => e.allow as string))
      .sort();
    row.exceptions = exceptions.length === 0 ? 'none' : [...new Set(exceptions)].join(', ');
    row.flagged = flaggedOf(result.report);

    // Render what import wrote, as a user would: the app spec file and its secrets folder.
    const rendered = await quai([
      'render',
      join(out, 'app.yaml'),
      '--platform',
      platformFile,
      '--secrets',
      join(out, 'secrets'),
      '-o',
      'json',
    ]);
    expect(rendered.code, rendered.err).toBe(0);
    const objects = (JSON.parse(rendered.out) as { objects: KubeObject[] }).objects;
    row.objects = objects.length;
    const namespace = objects.find((o) => o.kind === 'Namespace');
    expect(namespace).toBeDefined();
    const ns = namespace?.metadata.name ?? '';
    namespaces.push(ns);
    const level = namespace?.metadata.labels?.['pod-security.kubernetes.io/enforce'] ?? 'restricted';
    row.level = level;

    // Server-side dry-run: the namespace first (for real: namespaced objects need it), then
    // every object, as the API server would validate and admit it (Pod Security included).
    await client.apply(namespace as KubeObject, { fieldManager: deploy.FIELD_MANAGER });
    for (const o of objects.filter((x) => x.kind !== 'Namespace'))
      await client.apply(o, { fieldManager: deploy.FIELD_MANAGER, dryRun: true });

    // quai apply waits until every workload is Ready (and every job complete).
    const apply = (): Promise<{ code: number; out: string; err: string }> =>
      quai([
        'apply',
        join(out, 'app.yaml'),
        '--platform',
        platformFile,
        '--secrets',
        join(out, 'secrets'),
        '--timeout',
        '240s',
        '--no-rollback-on-failure',
      ]);
    let applied = await apply();
    for (
      let retry = 0;
      retry < 5 && applied.code !== 0 && /the bound volume is lost/.test(applied.out + applied.err);
      retry++
    ) {
      // A known race of KWOK's volume stage (not of the app): a claim is marked Bound before its
      // volume exists and turns Lost. Delete the lost claims and apply again (five times at most:
      // CI once saw three attempts in a row lose a claim, "two claims are bound to the same volume").
      for (const pvc of await client.list<Status>('v1', 'PersistentVolumeClaim', { namespace: ns }))
        if (pvc.status?.['phase'] === 'Lost')
          await client.delete({
            apiVersion: 'v1',
            kind: 'PersistentVolumeClaim',
            namespace: ns,
            name: pvc.metadata.name ?? '',
          });
      applied = await apply();
      row.retried = true;
    }
    expect(applied.code, `${applied.out}\n${applied.err}`).toBe(0);
    const deployments = await client.list<Status>('apps/v1', 'Deployment', { namespace: ns });
    for (const d of deployments)
      expect(d.status?.['readyReplicas'] ?? 0, d.metadata.name).toBe(d.status?.['replicas']);

    // Audit at the namespace's declared level: no Pod Security finding outside a declared exception.
    const pss = audit.auditObjects(objects, { level: level as 'restricted', categories: ['pod-security'] });
    const open = pss.findings.filter((f) => f.suppressed === undefined);
    const declared = (f: (typeof open)[number]): boolean => {
      const o = objects.find((x) => x.kind === f.object.kind && x.metadata.name === f.object.name) as any;
      const annotations =
        o?.spec?.template?.metadata?.annotations ??
        o?.spec?.jobTemplate?.spec?.template?.metadata?.annotations ??
        {};
      return Object.keys(annotations).some((k) => k.startsWith('quai.dev/exception.'));
    };
    expect(
      open
        .filter((f) => !declared(f))
        .map((f) => `${f.object.kind}/${f.object.name}: ${f.checkId} ${t('en', f.message)}`),
    ).toEqual([]);
    const practice = audit.auditObjects(objects, {
      level: level as 'restricted',
      categories: ['best-practice'],
    });
    row.findings = `${open.length} / ${practice.findings.length}`;
    row.result = row.retried ? 'pass (apply retried: KWOK volume race)' : 'pass';
    row.seconds = (performance.now() - started) / 1000;
    rows.push(row);
    await deleteNamespace(client, ns);
  }, 420_000);
});
