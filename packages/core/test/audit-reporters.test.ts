import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import AjvDraft04 from 'ajv-draft-04';
import { describe, expect, it } from 'vitest';
import { audit } from '../src/index.js';

const fixtures = new URL('./fixtures/audit/', import.meta.url).pathname;
const NOW = new Date('2026-11-26T12:00:00Z');

async function report(
  files: string[],
  options: Partial<audit.AuditOptions> = {},
): Promise<audit.AuditReport> {
  const r = await audit.loadManifestPaths(files.map((f) => join(fixtures, f)));
  return audit.auditObjects(r.objects, { notes: r.notes, now: NOW, toolVersion: '1.2.3', ...options });
}
const failing =
  (threshold: audit.Severity) =>
  (f: audit.Finding): boolean =>
    audit.severityRank(f.severity) >= audit.severityRank(threshold);

describe('SARIF 2.1.0', () => {
  // The published schema (draft-04), vendored byte for byte: see fixtures/audit/vendor/README.md.
  // Its language pattern is not valid in Unicode mode, hence unicodeRegExp: false.
  const schema = JSON.parse(readFileSync(join(fixtures, 'vendor/sarif-schema-2.1.0.json'), 'utf8')) as object;
  const validate = new AjvDraft04.default({ allErrors: true, strict: false, unicodeRegExp: false }).compile(
    schema,
  );

  it('is a real schema: it rejects a log without a tool or with a bad level', () => {
    expect(validate({ version: '2.1.0', runs: [{}] })).toBe(false);
    expect(
      validate({
        version: '2.1.0',
        runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, level: 'fatal' }] }],
      }),
    ).toBe(false);
  });

  it('validates against the published schema, with a physical location on every result', async () => {
    const r = await report(['insecure.yaml', 'rbac.yaml']);
    const sarif = audit.renderSarif(r) as {
      runs: {
        results: {
          locations: {
            physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } };
          }[];
        }[];
      }[];
    };
    const ok = validate(sarif);
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
    expect(ok).toBe(true);
    const results = sarif.runs[0]?.results ?? [];
    expect(results.length).toBe(r.findings.length);
    for (const res of results) {
      expect(res.locations[0]?.physicalLocation.artifactLocation.uri).toMatch(
        /fixtures\/audit\/(insecure|rbac)\.yaml$/,
      );
      expect(res.locations[0]?.physicalLocation.region.startLine).toBeGreaterThan(0);
    }
  });

  it('stays valid for live objects and suppressed findings', () => {
    const live = audit.auditObjects(
      [
        {
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: {
            name: 'p',
            namespace: 'n',
            annotations: { 'quai.dev/audit-exception.QUAI-BP-001': '2027-01-01; vendor pins it later' },
          },
          spec: { containers: [{ name: 'c', image: 'nginx' }] },
        },
      ],
      { now: NOW },
    );
    const sarif = audit.renderSarif(live) as {
      runs: {
        results: {
          suppressions?: unknown[];
          locations: { physicalLocation: { artifactLocation: { uri: string } } }[];
        }[];
      }[];
    };
    expect(validate(sarif), JSON.stringify(validate.errors)).toBe(true);
    const results = sarif.runs[0]?.results ?? [];
    expect(results[0]?.locations[0]?.physicalLocation.artifactLocation.uri).toBe('cluster/n/Pod/p');
    expect(results.filter((x) => x.suppressions !== undefined)).toHaveLength(1);
  });
});

describe('JUnit XML', () => {
  it('has one suite per object, failures at or above the threshold and escaped text', async () => {
    const r = await report(['insecure.yaml'], { severityThreshold: 'high' });
    const xml = audit.renderJUnit(r, failing('high'));
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="quai audit"')).toBe(
      true,
    );
    const failures = (xml.match(/<failure /g) ?? []).length;
    expect(failures).toBe(
      r.findings.filter((f) => audit.severityRank(f.severity) >= audit.severityRank('high')).length,
    );
    expect(xml).toContain(`failures="${failures}"`);
    expect(xml).toContain('<testsuite name="Deployment default/parapheur"');
    expect(xml).toContain('&quot;DB_PASSWORD&quot;');
    // Well formed: every opened element is closed in order.
    const stack: string[] = [];
    for (const m of xml.matchAll(/<(\/?)([a-z]+)[^>]*?(\/?)>/g)) {
      if (m[3] === '/') continue;
      if (m[1] === '/') expect(stack.pop()).toBe(m[2]);
      else stack.push(m[2] ?? '');
    }
    expect(stack).toEqual([]);
  });

  it('reports a clean audit as one passing test', async () => {
    const r = await report(['hardened.yaml'], { severityThreshold: 'high' });
    const clean = audit.auditObjects([], { now: NOW });
    expect(audit.renderJUnit(clean, failing('high'))).toContain(
      '<testcase classname="quai.audit" name="0 objects audited, no findings"/>',
    );
    expect(audit.renderJUnit(r, failing('high'))).toContain('failures="0"');
  });
});

describe('GitLab code quality', () => {
  it('lists active findings with the fields GitLab requires', async () => {
    const r = await report(['insecure.yaml']);
    const issues = audit.renderGitlabCodeQuality(r) as Record<string, unknown>[];
    expect(issues.length).toBe(r.findings.length);
    const fingerprints = new Set<string>();
    for (const issue of issues) {
      expect(typeof issue['description']).toBe('string');
      expect(typeof issue['check_name']).toBe('string');
      expect(['info', 'minor', 'major', 'critical', 'blocker']).toContain(issue['severity']);
      const location = issue['location'] as { path: string; lines: { begin: number } };
      expect(location.path).toMatch(/insecure\.yaml$/);
      expect(location.lines.begin).toBeGreaterThan(0);
      fingerprints.add(issue['fingerprint'] as string);
    }
    expect(fingerprints.size).toBe(issues.length);
  });
});

describe('text and Markdown', () => {
  it('groups text by object and colours only through the painter', async () => {
    const r = await report(['insecure.yaml']);
    const plain = audit.renderText(r);
    expect(plain).not.toContain('\u001b[');
    expect(plain).toContain('Deployment default/parapheur  (');
    expect(plain).toMatch(/CRITICAL QUAI-BP-017 line 23 {2}Container "web" is privileged\./);
    const coloured = audit.renderText(r, (_style, t) => `<${t}>`);
    expect(coloured).toContain('<CRITICAL');
  });

  it('writes the security officer summary in French and English', async () => {
    const r = await report(['insecure.yaml'], { severityThreshold: 'high' });
    const fr = audit.renderMarkdown(r, 'fr', failing('high'));
    const en = audit.renderMarkdown(r, 'en', failing('high'));
    expect(fr).toContain('# Audit de sécurité des manifestes Kubernetes');
    expect(fr).toContain('| critique | 2 |');
    expect(fr).toContain(`❌ ${r.summary.failing} constats au niveau du seuil ou au-dessus (high)`);
    expect(en).toContain('# Security audit of the Kubernetes manifests');
    expect(en).toContain('## Most frequent checks');
  });
});

describe('HTML summary', () => {
  it('is one self-contained, escaped page in the chosen language', async () => {
    const r = await report(['insecure.yaml'], { severityThreshold: 'high' });
    const page = audit.renderHtml(r, 'fr', failing('high'));
    expect(page.startsWith('<!doctype html>\n<html lang="fr">')).toBe(true);
    expect(page).toContain('<h1>Audit de sécurité des manifestes Kubernetes</h1>');
    expect(page).toContain('Variable d’environnement « DB_PASSWORD »');
    expect(page).not.toContain('environment variable');
    expect(page).not.toMatch(/<script|https?:\/\/[^"<\s]+\.(js|css)/);
    expect(page.trim().endsWith('</body></html>')).toBe(true);
  });
});
