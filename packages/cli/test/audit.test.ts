import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runQuai, type CliResult } from './run-cli.js';

const fixtures = new URL('../../core/test/fixtures/audit/', import.meta.url).pathname;

const quai = (...argv: string[]): Promise<CliResult> => runQuai(argv);

describe('quai audit', () => {
  it('exits 1 with findings at or above the threshold, and says how many', async () => {
    const r = await quai('audit', join(fixtures, 'insecure.yaml'));
    expect(r.code).toBe(1);
    expect(r.out).toContain('Deployment default/parapheur');
    expect(r.err).toMatch(/error \[AUDIT_FINDINGS\]: \d+ findings at or above medium\./);
  });

  it('exits 0 on a hardened application', async () => {
    const r = await quai('audit', join(fixtures, 'hardened.yaml'), '--severity-threshold', 'low');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('none at or above low');
  });

  it('exits 2 on malformed input, after auditing the other documents', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quai-audit-'));
    const file = join(dir, 'bad.yaml');
    writeFileSync(
      file,
      'apiVersion: v1\nkind: Pod\nmetadata: {name: ok}\nspec: {containers: [{name: c, image: nginx}]}\n---\nkind: [\n',
    );
    const r = await quai('audit', file, '--format', 'json');
    expect(r.code).toBe(2);
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
    const o = await quai('-o', 'json', 'audit', join(fixtures, 'hardened.yaml'));
    expect(o.code).toBe(2);
    expect(o.err).toContain('Use --format json');
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
    expect(r.err).toContain('Cannot read exceptions file "/nonexistent/exc.yaml": no such file');
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
