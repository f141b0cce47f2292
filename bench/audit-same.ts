/**
 * Proves that a change to the audit's loading or checks leaves every report byte for byte the
 * same: audits the bench:audit corpus (10,000 generated objects), test/corpus and the audit test
 * fixtures (packages/core/test/fixtures/audit: vendor charts, the PSS upstream cases, RBAC), plus
 * inputs that exercise the loader's corners (flow style, anchors and aliases, Lists, comments,
 * malformed and duplicate-key documents, a BOM, CRLF line ends), and writes every report format in
 * English (text also in French) with a fixed clock. The SHA-256 of each report is compared with
 * bench/results/audit-same.json:
 *
 *   node --conditions=@quai/source --import tsx bench/audit-same.ts            # compare
 *   node --conditions=@quai/source --import tsx bench/audit-same.ts --record   # record anew
 *
 * QUAI_SAME_OUT=DIR also writes the reports there, to diff two runs when a digest differs.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { audit } from '@quai/core';
import { generate } from './audit-corpus.js';

const root = resolve(import.meta.dirname, '..');
const record = process.argv.includes('--record');
const outDir = process.env['QUAI_SAME_OUT'];
const resultsFile = join(root, 'bench/results/audit-same.json');
const now = new Date('2026-01-15T10:00:00Z');

/** Inputs written for the loader's corners; positions of findings in them are part of the proof. */
const CORNERS: Record<string, string> = {
  'flow.yaml': `{apiVersion: apps/v1, kind: Deployment, metadata: {name: flow, namespace: x}, spec: {selector: {matchLabels: {a: b}}, template: {metadata: {labels: {a: b}}, spec: {containers: [{name: c, image: "nginx", securityContext: {privileged: true}}]}}}}\n`,
  'anchors.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: anchored
  labels: &labels
    app: anchored
spec:
  selector:
    matchLabels: *labels
  template:
    metadata:
      labels: *labels
    spec:
      containers:
        - &c
          name: a
          image: busybox
          securityContext: {runAsUser: 0}
        - <<: *c
          name: b
`,
  'list.yaml': `# a kubectl get -o yaml export
apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Pod
  metadata:
    name: p1
  spec:
    hostPID: true
    containers:
    - name: c
      image: x
- apiVersion: v1
  kind: ServiceList
  items:
  - apiVersion: v1
    kind: Service
    metadata: {name: s}
    spec: {type: NodePort, selector: {app: none}}
- 42
- {kind: Pod}
`,
  'broken.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: ok
spec:
  containers: [{name: c, image: "x:latest"}]
---
apiVersion: v1
kind: Pod
metadata:
  name: dup
  name: again
---
apiVersion: v1
kind: Pod
metadata: {name: bad
---
# only a comment
---
- a
- b
---
just a string
...
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: after-errors
data:
  password: "hunter2-very-secret"
`,
  'crlf.yaml':
    '\uFEFFapiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n  name: crlf\r\n  annotations:\r\n    quai.dev/audit-exception.PSS-privileged: "bad value"\r\nspec:\r\n  containers:\r\n  - name: c\r\n    image: nginx\r\n    securityContext:\r\n      privileged: true\r\n',
  'scalars.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: "quoted: name"
  namespace: 'single ''quoted'''
  labels:
    yes: no
    on: off
    n: 0x1F
    f: .inf
    t: ~
spec:
  hostNetwork: yes
  securityContext:
    runAsUser: 0o0
    runAsNonRoot: false
  containers:
  - name: folded
    image: >-
      registry/app:1.0
    args:
    - |
      multi
      line
    ports:
    - containerPort: "8080"
      hostPort: 8080
`,
  'doc.json': `{"apiVersion":"v1","kind":"Pod","metadata":{"name":"json"},"spec":{"containers":[{"name":"c","image":"x","securityContext":{"capabilities":{"add":["NET_ADMIN"]}}}]}}\n`,
};

async function digests(
  label: string,
  paths: readonly string[],
  objectsInMemory?: number,
): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const inputs = paths.map((path) => ({ kind: 'path' as const, path }));
  const run = await audit.auditStream(audit.readManifests(inputs), {
    now,
    toolVersion: '0.0.0',
    ...(objectsInMemory === undefined ? {} : { objectsInMemory }),
  });
  try {
    const jobs: [audit.ReportFormat, 'en' | 'fr'][] = [
      ...audit.REPORT_FORMATS.map((f) => [f, 'en'] as [audit.ReportFormat, 'en']),
      ['text', 'fr'],
    ];
    for (const [format, lang] of jobs) {
      const hash = createHash('sha256');
      const parts: string[] = [];
      for (const chunk of audit.reportChunks(run, format, lang)) {
        // Paths without the checkout's and the temporary folder's, so that runs compare.
        const c = chunk.split(tmp).join('<tmp>').split(root).join('<root>');
        hash.update(c);
        if (outDir !== undefined) parts.push(c);
      }
      const key = `${label} ${format} ${lang}`;
      out[key] = hash.digest('hex');
      if (outDir !== undefined) {
        mkdirSync(outDir, { recursive: true });
        writeFileSync(join(outDir, `${label}.${lang}.${format}`), parts.join(''));
      }
    }
  } finally {
    run.close();
  }
  return out;
}

const tmp = mkdtempSync(join(tmpdir(), 'quai-audit-same-'));
try {
  const bench = join(tmp, 'bench');
  mkdirSync(bench);
  generate(bench, 10_000);
  const corners = join(tmp, 'corners');
  mkdirSync(corners);
  for (const [name, text] of Object.entries(CORNERS)) writeFileSync(join(corners, name), text);
  const inputs: [string, string[]][] = [
    ['bench', [bench]],
    ['corpus', [join(root, 'test/corpus')]],
    ['fixtures', [join(root, 'packages/core/test/fixtures/audit')]],
    ['corners', [corners]],
  ];
  const all: Record<string, string> = {};
  for (const [label, paths] of inputs) Object.assign(all, await digests(label, paths));
  // The same inputs with every object the checks that relate objects keep spilled to the
  // partition files, as for a large export: the same reports.
  const spilled: Record<string, string> = {};
  if (!record) for (const [label, paths] of inputs) Object.assign(spilled, await digests(label, paths, 0));
  if (record || !existsSync(resultsFile)) {
    writeFileSync(resultsFile, `${JSON.stringify(all, null, 2)}\n`);
    process.stderr.write(`recorded ${Object.keys(all).length} digests in ${relative(root, resultsFile)}\n`);
  } else {
    const expected = JSON.parse(readFileSync(resultsFile, 'utf8')) as Record<string, string>;
    const keys = new Set([...Object.keys(expected), ...Object.keys(all)]);
    const differ = [...keys].filter((k) => expected[k] !== all[k]);
    for (const k of differ) process.stderr.write(`DIFFERENT: ${k}\n`);
    const differSpilled = [...keys].filter((k) => expected[k] !== spilled[k]);
    for (const k of differSpilled) process.stderr.write(`DIFFERENT (spilled to partition files): ${k}\n`);
    differ.push(...differSpilled);
    process.stderr.write(
      differ.length === 0
        ? `same: ${keys.size} reports byte for byte (and the same with the objects spilled to files)\n`
        : `${differ.length} of ${keys.size} reports differ\n`,
    );
    process.exitCode = differ.length === 0 ? 0 : 1;
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
