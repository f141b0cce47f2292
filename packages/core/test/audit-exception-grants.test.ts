import { describe, expect, it } from 'vitest';
import { t } from '@quai/contracts';
import type { QuaiError } from '../src/index.js';
import { audit, type KubeObject } from '../src/index.js';

/*
 * Who granted an exception: the `grantedBy`/`grantedAt` fields of a central file and the
 * companion annotation `quai.dev/audit-exception-by.<CHECK>`, read and shown in every report;
 * old inputs (without them) keep their meaning.
 */

const NOW = new Date('2026-12-06T10:00:00Z');
const EXC = 'quai.dev/audit-exception.PSS-hostNamespaces';
const BY = 'quai.dev/audit-exception-by.PSS-hostNamespaces';

function risky(annotations: Record<string, string>): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'gw', namespace: 'vpn', annotations },
    spec: { hostNetwork: true, containers: [{ name: 'c', image: 'r/c:1' }] },
  };
}
const run = (o: KubeObject, exceptions: audit.ExceptionRule[] = []) =>
  audit.auditObjects([o], { level: 'baseline', now: NOW, exceptions });
const hostFinding = (r: ReturnType<typeof run>) => r.findings.find((x) => x.checkId === 'PSS-hostNamespaces');

describe('who granted an exception', () => {
  it('reads the companion annotation and carries it on the suppressed finding', () => {
    const r = run(
      risky({ [EXC]: '2027-03-31; the VPN gateway needs the host network', [BY]: '2026-12-01; alice' }),
    );
    expect(hostFinding(r)?.suppressed).toEqual({
      justification: 'the VPN gateway needs the host network',
      expires: '2027-03-31',
      source: `annotation ${EXC}`,
      grantedBy: 'alice',
      grantedAt: '2026-12-01',
    });
  });

  it('keeps an exception without a grant annotation valid, as before', () => {
    const r = run(risky({ [EXC]: '2027-03-31; legacy' }));
    expect(hostFinding(r)?.suppressed).toEqual({
      justification: 'legacy',
      expires: '2027-03-31',
      source: `annotation ${EXC}`,
    });
  });

  it('ignores an exception whose grant cannot be read, and says where and why', () => {
    const r = run(risky({ [EXC]: '2027-03-31; why', [BY]: 'alice' }));
    expect(hostFinding(r)?.suppressed).toBeUndefined();
    const bad = r.findings.find((x) => x.checkId === 'QUAI-EXC-002');
    expect(bad?.path).toBe(`metadata.annotations["${BY}"]`);
    expect(t('en', bad!.message)).toContain('must be written "YYYY-MM-DD; who"');
    expect(t('fr', bad!.message)).toContain('« alice »');
  });

  it('reports a grant annotation that names no exception', () => {
    const r = run(risky({ [BY]: '2026-12-01; alice' }));
    const bad = r.findings.find((x) => x.checkId === 'QUAI-EXC-002');
    expect(t('en', bad!.message)).toContain(`the object has no annotation ${EXC}`);
  });

  it('carries the expired exception, with its grantor, on the QUAI-EXC-001 finding', () => {
    const r = run(risky({ [EXC]: '2026-11-30; was temporary', [BY]: '2026-11-01; bob' }));
    expect(hostFinding(r)?.suppressed).toBeUndefined();
    const expired = r.findings.find((x) => x.checkId === 'QUAI-EXC-001');
    expect(expired?.exception).toEqual({
      check: 'PSS-hostNamespaces',
      justification: 'was temporary',
      expires: '2026-11-30',
      source: `annotation ${EXC}`,
      grantedBy: 'bob',
      grantedAt: '2026-11-01',
    });
  });

  it('reads grantedBy and grantedAt in a central file, old entries still valid', () => {
    const text = [
      'apiVersion: quai.dev/v1alpha1',
      'kind: AuditExceptions',
      'exceptions:',
      '  - check: PSS-hostNamespaces',
      '    namespace: vpn',
      '    expires: "2027-06-30"',
      '    justification: VPN gateway',
      '    grantedBy: claire.martin',
      '    grantedAt: "2026-11-15"',
      '  - check: QUAI-BP-013',
      '    expires: "2027-06-30"',
      '    justification: no grant recorded',
    ].join('\n');
    const rules = audit.parseExceptionsFile(text, 'exceptions.yaml');
    expect(rules[0]).toMatchObject({ grantedBy: 'claire.martin', grantedAt: '2026-11-15' });
    expect(rules[1]).not.toHaveProperty('grantedBy');
    const r = run(risky({}), rules);
    expect(hostFinding(r)?.suppressed).toMatchObject({
      grantedBy: 'claire.martin',
      source: 'exceptions.yaml:4',
    });
  });

  it('refuses a bad grantedAt or an empty grantedBy with its line and column', () => {
    const file = (extra: string) =>
      [
        'apiVersion: quai.dev/v1alpha1',
        'kind: AuditExceptions',
        'exceptions:',
        '  - check: QUAI-BP-013',
        '    expires: "2027-06-30"',
        '    justification: x',
        extra,
      ].join('\n');
    const error = (text: string): QuaiError => {
      try {
        audit.parseExceptionsFile(text, 'exc.yaml');
      } catch (e) {
        return e as QuaiError;
      }
      throw new Error('accepted');
    };
    expect(error(file('    grantedAt: last week')).message).toBe(
      'Invalid exceptions file "exc.yaml": line 7, column 16: exceptions[0].grantedAt: must be the day it was granted, written YYYY-MM-DD (quote it in YAML)',
    );
    expect(error(file('    grantedBy: "  "')).message).toContain(
      'line 7, column 16: exceptions[0].grantedBy: must name who granted the exception',
    );
  });

  it('shows who granted it in the text, SARIF, JUnit, markdown and JSON reports, in both languages', () => {
    const r = run(risky({ [EXC]: '2027-03-31; VPN', [BY]: '2026-12-01; alice' }));
    expect(audit.renderText(r)).toContain('[accepted until 2027-03-31, granted by alice on 2026-12-01: VPN]');
    expect(audit.renderText(r, undefined, 'fr')).toContain('accordée par alice le 2026-12-01');
    const sarif = audit.renderSarif(r) as {
      runs: {
        results: { properties: Record<string, unknown>; suppressions?: { justification: string }[] }[];
      }[];
    };
    const accepted = sarif.runs[0]!.results.find((x) => x.suppressions !== undefined)!;
    expect(accepted.properties).toMatchObject({ grantedBy: 'alice', grantedAt: '2026-12-01' });
    expect(accepted.suppressions![0]!.justification).toContain('granted by alice on 2026-12-01');
    expect(audit.renderJUnit(r, () => true)).toContain('granted by alice on 2026-12-01');
    expect(audit.renderMarkdown(r, 'en', () => true)).toContain('granted by alice on 2026-12-01');
    const json = JSON.parse([...audit.jsonChunks(r, r.findings)].join('')) as {
      findings: { suppressed?: { grantedBy?: string } }[];
    };
    expect(json.findings.find((f) => f.suppressed !== undefined)?.suppressed?.grantedBy).toBe('alice');
  });

  it('writes the two annotations the reader reads back', () => {
    const annotations = audit.exceptionAnnotations({
      check: 'PSS-hostNamespaces',
      expires: '2027-01-31',
      justification: 'VPN; needs the host network',
      grantedBy: 'oidc:claire',
      grantedAt: '2026-12-06',
    });
    expect(annotations).toEqual({
      [EXC]: '2027-01-31; VPN; needs the host network',
      [BY]: '2026-12-06; oidc:claire',
    });
    expect(hostFinding(run(risky(annotations)))?.suppressed).toMatchObject({
      justification: 'VPN; needs the host network',
      grantedBy: 'oidc:claire',
    });
  });
});
