import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { observability } from '../src/index.js';
import { promrulesBinary } from '../../../test/components/promrules.js';

const full: observability.AlertTarget = {
  app: 'grist',
  namespace: 'grist-prod',
  workloads: [
    { kind: 'Deployment', name: 'grist' },
    { kind: 'StatefulSet', name: 'grist-db' },
  ],
  volumes: ['data-grist-db-0', 'grist-files'],
  certificates: true,
  backup: { cronJob: 'quai-backup-grist', maxAgeHours: 26 },
  drill: { cronJob: 'quai-drill-grist' },
};

describe('default alert rules of an app', () => {
  it('renders the six alerts the team watches, each with a severity, French summary and runbook', () => {
    const rule = observability.alertRules(full);
    expect(rule.kind).toBe('PrometheusRule');
    const rules = rule.spec.groups[0]?.rules ?? [];
    expect(rules.map((r) => r.alert)).toEqual([
      'QuaiAppDown',
      'QuaiAppRestarting',
      'QuaiVolumeNearlyFull',
      'QuaiCertificateExpiring',
      'QuaiBackupTooOld',
      'QuaiDrillFailed',
    ]);
    for (const r of rules) {
      expect(['critical', 'warning']).toContain(r.labels['severity']);
      expect(r.annotations['summary_fr']).toBeTruthy();
    }
  });

  it('points every runbook_url at a section of the incident runbook that exists', () => {
    const doc = readFileSync(new URL('../../../docs/operations/incidents.md', import.meta.url), 'utf8');
    const anchors = new Set(
      [...doc.matchAll(/^#+ (.+)$/gm)].map((m) =>
        (m[1] ?? '')
          .toLowerCase()
          .replace(/[^a-z0-9 -]/g, '')
          .replace(/ /g, '-'),
      ),
    );
    for (const r of observability.alertRules(full).spec.groups[0]?.rules ?? []) {
      const anchor = r.annotations['runbook_url']?.split('#')[1] ?? '';
      expect(anchors.has(anchor), `${r.alert}: #${anchor}`).toBe(true);
    }
  });

  it('is accepted by Prometheus’s own rule parser, for a full app and a minimal one', async () => {
    const checks = await observability.checkRules(
      [
        { name: 'full', text: observability.ruleFileText(observability.alertRules(full)) },
        {
          name: 'minimal',
          text: observability.ruleFileText(
            observability.alertRules({
              app: 'web',
              namespace: 'web',
              workloads: [{ kind: 'Deployment', name: 'web' }],
            }),
          ),
        },
        {
          name: 'odd names',
          text: observability.ruleFileText(
            observability.alertRules({
              app: 'a.b',
              namespace: 'x',
              workloads: [{ kind: 'StatefulSet', name: 'db.primary' }],
              volumes: ['data(1)'],
            }),
          ),
        },
      ],
      promrulesBinary(),
    );
    expect(checks.map((c) => [c.name, c.errors])).toEqual([
      ['full', []],
      ['minimal', []],
      ['odd names', []],
    ]);
    expect(checks[0]?.rules).toBe(6);
  });

  it('has a checker that does reject a broken expression and template (so the test above can fail)', async () => {
    const broken = observability
      .ruleFileText(observability.alertRules(full))
      .replace('< 14 * 86400', '< 14 * ')
      .replace('{{ $labels.container }}', '{{ $labels.container ');
    const [check] = await observability.checkRules([{ name: 'broken', text: broken }], promrulesBinary());
    expect(check?.errors.join('\n')).toContain('could not parse expression');
    expect(check?.errors.join('\n')).toContain('QuaiAppRestarting');
  });
});
