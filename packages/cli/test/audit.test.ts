import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { t } from '@quai/contracts';
import { AUDIT_CHECKS } from '@quai/core/audit';
import { runQuai, type CliResult } from './run-cli.js';

const fixtures = new URL('../../core/test/fixtures/audit/', import.meta.url).pathname;

const quai = (...argv: string[]): Promise<CliResult> => runQuai(argv);

describe('quai audit', () => {
  it('exits 1 with findings at or above the threshold, and says how many', async () => {
    const r = await quai('audit', join(fixtures, 'insecure.yaml'));
    expect(r.code).toBe(1);
    expect(r.out).toContain('Deployment default/parapheur');
    // Findings are an outcome, not an error (issue 13): the summary says how many, stderr is quiet.
    expect(r.out).toMatch(/; \d+ at or above medium\.$/m);
    expect(r.err).toBe('');
  });

  it('exits 0 on a hardened application', async () => {
    const r = await quai('audit', join(fixtures, 'hardened.yaml'), '--severity-threshold', 'low');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('none at or above low');
  });

  it('exits 7 (partial) on malformed input, after auditing the other documents', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quai-audit-'));
    const file = join(dir, 'bad.yaml');
    writeFileSync(
      file,
      'apiVersion: v1\nkind: Pod\nmetadata: {name: ok}\nspec: {containers: [{name: c, image: nginx}]}\n---\nkind: [\n',
    );
    const r = await quai('audit', file, '--format', 'json');
    // Some documents could not be read, the others were audited: the outcome `partial` (issue 13).
    expect(r.code).toBe(7);
    const report = JSON.parse(r.out) as {
      summary: { objects: number };
      notes: { kind: string; line: number }[];
    };
    expect(report.summary.objects).toBe(1);
    expect(report.notes[0]).toMatchObject({ kind: 'input-error', line: 7, column: 1 });
    expect(r.err).toContain(`where: ${file}:7:1`);
  });

  it('writes machine reports to files and the chosen format on standard output', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quai-audit-'));
    const r = await quai(
      'audit',
      join(fixtures, 'rbac.yaml'),
      '--format',
      'markdown',
      '--lang',
      'fr',
      '--report',
      `sarif=${join(dir, 'q.sarif')}`,
      '--report',
      `junit=${join(dir, 'q.xml')}`,
      '--report',
      `gitlab-codequality=${join(dir, 'gl.json')}`,
    );
    expect(r.code).toBe(1);
    expect(r.out).toContain('# Audit de sécurité des manifestes Kubernetes');
    expect((JSON.parse(readFileSync(join(dir, 'q.sarif'), 'utf8')) as { version: string }).version).toBe(
      '2.1.0',
    );
    expect(readFileSync(join(dir, 'q.xml'), 'utf8')).toContain('<testsuites');
    expect(Array.isArray(JSON.parse(readFileSync(join(dir, 'gl.json'), 'utf8')))).toBe(true);
  });

  it('streams the --format report to standard output: the same bytes as a --report file of the run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quai-audit-'));
    const file = join(dir, 'q.sarif');
    const r = await quai(
      'audit',
      join(fixtures, 'insecure.yaml'),
      join(fixtures, 'rbac.yaml'),
      '--format',
      'sarif',
      '--report',
      `sarif=${file}`,
    );
    expect(r.code).toBe(1);
    expect(r.out.length).toBeGreaterThan(1000);
    expect(r.out).toBe(readFileSync(file, 'utf8'));
    // The report on standard output is not announced as a file, the --report one is.
    expect(r.err).toContain(file);
    expect(r.err).not.toContain('stdout');
  });

  it('applies a central exceptions file and rejects a malformed one with its position', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quai-audit-'));
    const ok = join(dir, 'ok.yaml');
    writeFileSync(
      ok,
      'apiVersion: quai.dev/v1alpha1\nkind: AuditExceptions\nexceptions:\n  - check: "*"\n    expires: "2999-12-31"\n    justification: test of everything\n',
    );
    const r = await quai('audit', join(fixtures, 'insecure.yaml'), '--exceptions', ok);
    expect(r.code).toBe(0);
    expect(r.out).toContain('accepted by exceptions');
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'apiVersion: quai.dev/v1alpha1\nkind: AuditExceptions\nexceptions:\n  - check: X\n');
    const b = await quai('audit', join(fixtures, 'insecure.yaml'), '--exceptions', bad);
    expect(b.code).toBe(2);
    expect(b.err).toContain(`Invalid exceptions file "${bad}": line 4, column 5: exceptions[0].expires`);
  });

  it('rejects bad usage with exit code 2', async () => {
    expect((await quai('audit')).code).toBe(2);
    expect((await quai('audit', '--pss-version', 'v2.1', 'x.yaml')).err).toContain(
      'Expected latest or a version such as v1.30.',
    );
    expect((await quai('audit', '--level', 'privileged', 'x.yaml')).code).toBe(2);
    expect((await quai('audit', '--report', 'pdf=x.pdf', 'x.yaml')).code).toBe(2);
    const o = await quai('-o', 'json', 'audit', join(fixtures, 'hardened.yaml'), '--format', 'sarif');
    expect(o.code).toBe(2);
    expect(o.err).toContain('-o json and --format sarif cannot be given together.');
  });

  it('answers who-can from manifests', async () => {
    const r = await quai(
      '-n',
      'grist',
      'audit',
      'who-can',
      'create',
      'pods/exec',
      '--manifests',
      join(fixtures, 'rbac.yaml'),
    );
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[0]).toMatch(/^KIND\s+SUBJECT\s+SCOPE\s+ROLE\s+BINDING$/);
    expect(r.out).toContain('User             bob@cd49.fr');
    const json = await quai(
      '-o',
      'json',
      'audit',
      'who-can',
      'impersonate',
      'users',
      '--manifests',
      join(fixtures, 'rbac.yaml'),
    );
    expect((JSON.parse(json.out) as { subjects: unknown[] }).subjects.length).toBeGreaterThan(0);
  });
});

describe('quai audit --checks', () => {
  it('runs only the chosen families of checks', async () => {
    const r = await quai(
      'audit',
      join(fixtures, 'insecure.yaml'),
      '--checks',
      'pod-security',
      '--format',
      'json',
    );
    const report = JSON.parse(r.out) as { findings: { checkId: string }[] };
    expect(report.findings.length).toBeGreaterThan(0);
    expect(report.findings.every((f) => f.checkId.startsWith('PSS-'))).toBe(true);
    const bad = await quai('audit', join(fixtures, 'insecure.yaml'), '--checks', 'pss');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('Expected a comma-separated list among pod-security, best-practice, rbac.');
  });
});

describe('quai audit --exceptions', () => {
  it('names a missing exceptions file', async () => {
    const r = await quai('audit', join(fixtures, 'hardened.yaml'), '--exceptions', '/nonexistent/exc.yaml');
    expect(r.code).toBe(2);
    expect(r.err).toContain('Cannot read exceptions file "/nonexistent/exc.yaml": ENOENT');
  });
});

describe('quai audit on an empty input', () => {
  it('fails with exit code 2 rather than passing a CI gate silently', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quai-audit-empty-'));
    writeFileSync(join(dir, 'README.txt'), 'no manifests here');
    const r = await quai('audit', dir);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`Nothing to audit: no Kubernetes object in ${dir}.`);
  });
});

describe("quai audit -o json (issue 13: one document, the use case's result)", () => {
  it('prints the summary and the findings, and exits 1 with findings', async () => {
    const r = await quai('-o', 'json', 'audit', join(fixtures, 'insecure.yaml'));
    expect(r.code).toBe(1);
    expect(r.err).toBe('');
    const doc = JSON.parse(r.out) as {
      source: string;
      summary: { findings: number; failing: number };
      findings: { checkId: string }[];
      truncated: boolean;
    };
    expect(doc.source).toBe('manifests');
    expect(doc.summary.failing).toBeGreaterThan(0);
    expect(doc.findings.length).toBeGreaterThan(0);
    expect(doc.truncated).toBe(false);
  });

  it('exits 0 on a hardened application', async () => {
    const r = await quai(
      '-o',
      'yaml',
      'audit',
      join(fixtures, 'hardened.yaml'),
      '--severity-threshold',
      'low',
    );
    expect(r.code).toBe(0);
    expect(r.out).toContain('failing: 0');
  });

  it('caps the findings it carries, says so, and the report file holds every one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quai-audit-cap-'));
    const sarif = join(dir, 'all.sarif');
    const j = await quai(
      '-o',
      'json',
      'audit',
      join(fixtures, 'insecure.yaml'),
      '--max-findings',
      '2',
      '--report',
      `sarif=${sarif}`,
    );
    expect(j.code).toBe(1);
    const doc = JSON.parse(j.out) as {
      summary: { findings: number; suppressed: number };
      findings: unknown[];
      truncated: boolean;
      reports: { format: string; file: string; bytes: number }[];
    };
    expect(doc.findings).toHaveLength(2);
    expect(doc.truncated).toBe(true);
    expect(doc.reports).toEqual([{ format: 'sarif', file: sarif, bytes: expect.any(Number) as number }]);
    const all = JSON.parse(readFileSync(sarif, 'utf8')) as { runs: { results: unknown[] }[] };
    expect(all.runs[0]?.results).toHaveLength(doc.summary.findings + doc.summary.suppressed);

    const t = await quai('audit', join(fixtures, 'insecure.yaml'), '--max-findings', '2');
    expect(t.out).toContain(`Showing 2 of ${doc.summary.findings + doc.summary.suppressed} findings.`);
    expect(t.out).toContain('--report text=audit.txt');
    const fr = await quai('--lang', 'fr', 'audit', join(fixtures, 'insecure.yaml'), '--max-findings', '2');
    expect(fr.out).toContain(`2 constats affichés sur ${doc.summary.findings + doc.summary.suppressed}.`);
    expect(fr.out).toMatch(/objets audités \(Pod Security restricted:latest/);
    expect(fr.out).toContain('correction : ');
  });

  it('audits an app spec as quai apply would deploy it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quai-audit-app-'));
    const spec = join(dir, 'app.yaml');
    writeFileSync(
      spec,
      [
        'apiVersion: quai.dev/v1alpha1',
        'kind: App',
        'metadata: {name: grist}',
        'spec:',
        '  components:',
        '    web:',
        '      image: registry.example/grist:1.2.3',
        '      ports: [{name: http, port: 8484}]',
        '',
      ].join('\n'),
    );
    const r = await quai('-o', 'json', 'audit', '--app-spec', spec, '--env', 'prod');
    const doc = JSON.parse(r.out) as {
      summary: { objects: number };
      findings: { object: { kind: string; namespace?: string } }[];
    };
    expect(doc.summary.objects).toBeGreaterThan(2);
    // What Quai renders passes Pod Security restricted and every check at medium or above.
    expect(r.code).toBe(0);
    expect(doc.findings.some((f) => f.object.kind === 'Deployment' && f.object.namespace === 'grist')).toBe(
      true,
    );
    expect(doc.findings.filter((f) => (f as { checkId?: string }).checkId?.startsWith('PSS-'))).toEqual([]);
    const bad = await quai('audit', '--app-spec', spec, join(fixtures, 'hardened.yaml'), '--cluster');
    expect(bad.code).toBe(2);
  });
});

describe('quai audit in French', () => {
  // English titles (those that are only a field, `hostNetwork: true`, are quoted by the French ones).
  const english = AUDIT_CHECKS.map((c) => t('en', c.title)).filter(
    (title) => !AUDIT_CHECKS.some((c) => t('fr', c.title).includes(title)),
  );
  const notEnglish = (text: string): void => {
    for (const title of english) expect(text, title).not.toContain(title);
    // The sentences of findings are French too (English ones start with these words).
    expect(text).not.toMatch(/Container "|has no |is not |The pod |\bdoes not\b/);
  };

  it('writes the text report in French, findings and fixes included (--lang fr)', async () => {
    const r = await quai(
      '--lang',
      'fr',
      'audit',
      join(fixtures, 'insecure.yaml'),
      '--severity-threshold',
      'info',
    );
    expect(r.code).toBe(1);
    expect(r.out).toContain('Le conteneur « ');
    expect(r.out).toContain('correction : ');
    expect(r.out).toMatch(/objets audités/);
    notEnglish(r.out);
  });

  it('follows LANG when no --lang is given', async () => {
    const r = await runQuai(['audit', join(fixtures, 'insecure.yaml')], { LANG: 'fr_FR.UTF-8' });
    expect(r.out).toContain('Le conteneur « ');
    notEnglish(r.out);
    const en = await runQuai(['audit', join(fixtures, 'insecure.yaml')], { LANG: 'C.UTF-8' });
    expect(en.out).toContain('Container "');
  });

  it('writes SARIF rules and results in French, with the same rule ids and fingerprints as in English', async () => {
    const args = ['audit', join(fixtures, 'insecure.yaml'), join(fixtures, 'rbac.yaml'), '--format', 'sarif'];
    const fr = await quai('--lang', 'fr', ...args);
    const en = await quai('--lang', 'en', ...args);
    type Sarif = {
      runs: {
        tool: { driver: { rules: { id: string; name: string; shortDescription: { text: string } }[] } };
        results: { ruleId: string; level: string; message: { text: string }; partialFingerprints: unknown }[];
      }[];
    };
    const frRun = (JSON.parse(fr.out) as Sarif).runs[0]!;
    const enRun = (JSON.parse(en.out) as Sarif).runs[0]!;
    notEnglish(fr.out);
    for (const rule of frRun.tool.driver.rules) {
      const check = AUDIT_CHECKS.find((c) => c.id === rule.id)!;
      expect(rule.shortDescription.text).toBe(t('fr', check.title));
    }
    // Machine fields do not change with the language: tools match alerts across runs.
    const machine = (run: typeof frRun) => run.results.map((x) => [x.ruleId, x.level, x.partialFingerprints]);
    expect(machine(frRun)).toEqual(machine(enRun));
    expect(frRun.tool.driver.rules.map((x) => [x.id, x.name])).toEqual(
      enRun.tool.driver.rules.map((x) => [x.id, x.name]),
    );
    expect(frRun.results.some((x) => x.message.text.includes('Le conteneur « '))).toBe(true);
  });

  it('gives findings as text in the chosen language with -o json', async () => {
    const r = await quai('--lang', 'fr', '-o', 'json', 'audit', join(fixtures, 'insecure.yaml'));
    const result = JSON.parse(r.out) as {
      findings: { checkId: string; title: string; message: string; remediation: string }[];
    };
    const f = result.findings.find((x) => x.checkId === 'QUAI-BP-006')!;
    expect(f.title).toBe('Limite de mémoire absente');
    expect(f.remediation).toBe('Définissez resources.limits.memory.');
    expect(f.message).toMatch(/^Le conteneur « .* » n’a pas de limite de mémoire\.$/);
  });
});
