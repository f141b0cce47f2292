/**
 * The audit's fast paths (issue 19, audit speed) against the straightforward code they replaced,
 * kept here as oracles: SARIF results written as text must be the JSON.stringify of the SARIF
 * object, formatted field paths must not depend on what was formatted before, and findings must
 * sort by check in code-unit order. bench/audit-same.ts proves the same on whole reports.
 */
import { hash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { msg, t, type Lang } from '@quai/contracts';
import { audit } from '../src/index.js';
import { compareWithinObject } from '../src/audit/engine.js';
import { POD_SPEC_SHAPE, wrongTypes } from '../src/audit/field-types.js';
import { formatPath } from '../src/audit/workloads.js';

type Finding = audit.Finding;

// ---- oracles: the code before the fast paths ------------------------------------------------------

function objectLabel(f: Finding): string {
  return `${f.object.kind} ${f.object.namespace === undefined ? '' : `${f.object.namespace}/`}${f.object.name}`;
}
function sarifLevel(s: audit.Severity): string {
  return s === 'critical' || s === 'high' ? 'error' : s === 'medium' ? 'warning' : 'note';
}
function artifactUri(f: Finding): { uri: string; uriBaseId?: string } {
  if (f.file !== undefined) {
    const uri = f.file.replace(/\\/g, '/').replace(/^\.\//, '');
    return uri.startsWith('/')
      ? { uri: `file://${encodeURI(uri)}` }
      : { uri: encodeURI(uri), uriBaseId: '%SRCROOT%' };
  }
  const parts = [f.object.namespace ?? '_cluster', f.object.kind, f.object.name].map(encodeURIComponent);
  return { uri: `cluster/${parts.join('/')}`, uriBaseId: 'CLUSTER' };
}
function fingerprint(f: Finding, english: string): string {
  return hash(
    'sha256',
    [
      f.checkId,
      f.object.apiVersion,
      f.object.kind,
      f.object.namespace ?? '',
      f.object.name,
      f.path ?? '',
      english,
    ].join('\u0000'),
    'hex',
  ).slice(0, 32);
}
function acceptedText(s: NonNullable<Finding['suppressed']>, lang: Lang): string {
  const until =
    s.expires === undefined
      ? t(lang, msg('audit.text.noExpiry'))
      : t(lang, msg('audit.text.until', { date: s.expires }));
  if (s.grantedBy === undefined && s.grantedAt === undefined) return until;
  const grant =
    s.grantedBy === undefined
      ? t(lang, msg('audit.exception.grantedOn', { date: s.grantedAt ?? '' }))
      : s.grantedAt === undefined
        ? t(lang, msg('audit.exception.grantedBy', { who: s.grantedBy }))
        : t(lang, msg('audit.exception.grantedByOn', { who: s.grantedBy, date: s.grantedAt }));
  return `${until}, ${grant}`;
}
function sarifResult(f: Finding, ruleIndex: ReadonlyMap<string, number>, lang: Lang): unknown {
  const english = t('en', f.message);
  return {
    ruleId: f.checkId,
    ruleIndex: ruleIndex.get(f.checkId) ?? -1,
    level: sarifLevel(f.severity),
    message: { text: `${objectLabel(f)}${lang === 'fr' ? '\u00a0: ' : ': '}${t(lang, f.message)}` },
    locations: [
      {
        physicalLocation: {
          artifactLocation: artifactUri(f),
          region: { startLine: f.line ?? 1, startColumn: f.column ?? 1 },
        },
        logicalLocations: [
          {
            fullyQualifiedName: `${f.object.namespace ?? ''}/${f.object.kind}/${f.object.name}${f.path === undefined ? '' : `#${f.path}`}`,
            kind: 'object',
          },
        ],
      },
    ],
    partialFingerprints: { quaiFinding: fingerprint(f, english) },
    properties: {
      severity: f.severity,
      object: f.object,
      ...(f.path === undefined ? {} : { path: f.path }),
      ...(f.suppressed?.grantedBy === undefined ? {} : { grantedBy: f.suppressed.grantedBy }),
      ...(f.suppressed?.grantedAt === undefined ? {} : { grantedAt: f.suppressed.grantedAt }),
    },
    ...(f.suppressed === undefined
      ? {}
      : {
          suppressions: [
            {
              kind: f.suppressed.source.startsWith('annotation') ? 'inSource' : 'external',
              justification: `${f.suppressed.justification} (${acceptedText(f.suppressed, lang)}, ${f.suppressed.source})`,
            },
          ],
        }),
  };
}
function formatPathOracle(path: readonly (string | number)[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (/^[A-Za-z_][\w-]*$/.test(key)) out += out === '' ? key : `.${key}`;
    else out += `[${JSON.stringify(key)}]`;
  }
  return out;
}

// ---- inputs -------------------------------------------------------------------------------------------

const NOW = new Date('2026-11-26T12:00:00Z');
const objects = audit.loadManifestText(
  `apiVersion: apps/v1
kind: Deployment
metadata:
  name: "web \\"quoted\\" é"
  namespace: équipe
  annotations:
    quai.dev/audit-exception.QUAI-BP-001: "2027-01-31; vendor image, pinned by digest later"
    quai.dev/audit-exception.QUAI-BP-004: "2020-01-31; expired"
spec:
  replicas: 3
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      hostNetwork: true
      containers:
        - name: "a\\tb"
          image: nginx:latest
          securityContext:
            privileged: "true"
            capabilities:
              add: [NET_ADMIN, SYS_ADMIN]
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: cfg
data:
  DATABASE_URL: postgres://u:p4ssw0rd@db/x
  "weird key.with dots": "password=hunter2-long-secret"
  "clé 🚀 api_token\\u0001": "ghp_0123456789abcdefghijklmnopqrstuvwxyzAB"
`,
  'dir/with space/app.yaml',
).objects;

async function findingsOf(
  options: audit.AuditOptions = {},
): Promise<{ header: audit.AuditHeader; findings: Finding[] }> {
  const run = await audit.auditStream(
    [
      ...objects,
      // A live object: no file, a cluster artifact.
      {
        object: {
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { name: 'p/1', namespace: 'n s' },
          spec: { hostPID: true, containers: [{ name: 'c', image: 'x' }] },
        },
      },
    ],
    { now: NOW, ...options },
  );
  try {
    return { header: run.header, findings: [...run.findings()] };
  } finally {
    run.close();
  }
}

describe('SARIF results written as text', () => {
  it('are the JSON.stringify of the SARIF result, in both languages, suppressed or not', async () => {
    const rules: audit.ExceptionRule[] = [
      {
        check: 'QUAI-BP-013',
        justification: 'needs the host "network"',
        source: 'exceptions.yaml:3',
        grantedBy: 'alice',
        grantedAt: '2026-11-01',
      },
      { check: 'QUAI-BP-015', justification: 'x', source: 'exceptions.yaml:9', grantedAt: '2026-11-02' },
      {
        check: 'QUAI-BP-014',
        justification: 'debug pod',
        source: 'exceptions.yaml:12',
        grantedBy: 'bob',
        expires: '2027-01-01',
      },
    ];
    const { header, findings } = await findingsOf({ exceptions: rules });
    expect(findings.some((f) => f.suppressed?.grantedBy !== undefined)).toBe(true);
    expect(findings.some((f) => f.suppressed?.source.startsWith('annotation') === true)).toBe(true);
    expect(findings.some((f) => f.file === undefined)).toBe(true);
    // Paths and texts JSON must escape: a control character, quotes, a pair of surrogates.
    expect(findings.some((f) => f.path === 'data["clé 🚀 api_token\\u0001"]')).toBe(true);
    expect(findings.some((f) => t('en', f.message).includes('🚀 api_token\u0001'))).toBe(true);
    const ruleIndex = new Map(header.checks.map((c, i) => [c.id, i]));
    for (const lang of ['en', 'fr'] as const) {
      // One result a line, after the head's line; the last one is followed by the end of the log.
      const lines = [...audit.sarifChunks(header, findings, lang)].join('').split('\n').slice(1, -1);
      expect(lines).toHaveLength(findings.length);
      lines.forEach((line, i) => {
        const f = findings[i] as Finding;
        const result = i === lines.length - 1 ? line.slice(0, -']}]}'.length) : line.slice(0, -1);
        expect(result).toBe(JSON.stringify(sarifResult(f, ruleIndex, lang)));
      });
    }
  });

  it('are the same for findings read back from a spill file (no shared objects)', async () => {
    const { header, findings } = await findingsOf();
    const copies = findings.map((f) => JSON.parse(JSON.stringify(f)) as Finding);
    expect([...audit.sarifChunks(header, copies)].join('')).toBe(
      [...audit.sarifChunks(header, findings)].join(''),
    );
  });
});

describe('field paths', () => {
  it('are formatted the same whatever was formatted before', () => {
    const paths: (string | number)[][] = [
      ['spec', 'template', 'spec', 'containers', 0, 'image'],
      ['spec', 'template', 'spec', 'containers', '0', 'image'],
      ['spec', 'template', 'spec'],
      ['data', 'weird key.with dots'],
      ['data', 'weird key.with dots', 1],
      ['metadata', 'annotations', 'quai.dev/audit-exception.PSS-privileged'],
      [0, 'a'],
      ['_x-y', 'spec'],
      [],
    ];
    for (const round of [1, 2])
      for (const p of paths) expect(formatPath(p), `${round} ${JSON.stringify(p)}`).toBe(formatPathOracle(p));
  });

  it('of wrong types are those of the fields at fault, each its own array', () => {
    const spec = {
      hostNetwork: 'true',
      containers: [{ name: 'a', ports: [{ containerPort: '80' }, { containerPort: 81 }] }, null, { name: 1 }],
    };
    const found = wrongTypes(POD_SPEC_SHAPE, spec, ['spec', 'template', 'spec']);
    expect(found.map((w) => w.path)).toEqual([
      ['spec', 'template', 'spec', 'hostNetwork'],
      ['spec', 'template', 'spec', 'containers', 0, 'ports', 0, 'containerPort'],
      ['spec', 'template', 'spec', 'containers', 2, 'name'],
    ]);
    expect(new Set(found.map((w) => w.path)).size).toBe(3);
  });
});

describe('findings of one object', () => {
  it('sort by check in code-unit order (the same on every machine, whatever its locale)', () => {
    const ids = audit.AUDIT_CHECKS.map((c) => c.id);
    const at = (checkId: string): Finding =>
      ({
        checkId,
        severity: 'low',
        line: 1,
        object: { apiVersion: 'v1', kind: 'Pod', name: 'p' },
      }) as unknown as Finding;
    for (const a of ids)
      for (const b of ids)
        expect(Math.sign(compareWithinObject(at(a), at(b))), `${a} ${b}`).toBe(a < b ? -1 : a > b ? 1 : 0);
    // An identifier no check has (a finding read from elsewhere) still sorts.
    expect(Math.sign(compareWithinObject(at('ZZZ-unknown'), at('QUAI-BP-001')))).toBe(1);
  });
});
