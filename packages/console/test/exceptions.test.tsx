import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { USE_CASE_PATHS } from '@quai/contracts/catalog';
import { Api, type Res } from '../src/api.js';
import { SessionContext, type Session } from '../src/state.js';
import { SecurityReport, SecurityView, type SecurityData } from '../src/pages/Security.js';
import {
  daysLeft,
  exceptionRows,
  expiryBounds,
  SecurityExceptions,
  type ExceptionControls,
} from '../src/pages/SecurityExceptions.js';
import { failed, forbiddenBy, loading, show } from './render.js';

// The exceptions part of the Security page as a reader sees it: loading, empty, error, forbidden,
// the exceptions with their expiry (expired ones flagged), justification, who granted them and
// when, where they are written; the "accept the risk" and "revoke" buttons only where the API
// would act; in French (the default) and in English.

type Finding = Res<'audit.cluster'>['findings'][number];

const text = (el: Element | null | undefined): string =>
  (el?.textContent ?? '').replace(/\u00a0|\u202f/g, ' ');
const rows = (el: HTMLElement, testId: string): string[] =>
  [...el.querySelectorAll(`[data-testid="${testId}"] tbody tr`)].map((r) => text(r));

const NOW = new Date('2026-12-06T10:00:00Z');
const deployment = (namespace: string, name: string) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  namespace,
  name,
});
const finding = (over: Partial<Finding> & Pick<Finding, 'object'>): Finding => ({
  checkId: 'PSS-runAsNonRoot',
  category: 'pod-security',
  severity: 'medium',
  title: { id: 'audit.check.PSS-runAsNonRoot.title' },
  message: { id: 'audit.check.PSS-runAsNonRoot.title' },
  remediation: { id: 'audit.check.PSS-runAsNonRoot.remediation' },
  ...over,
});

const open = finding({ object: deployment('grist', 'web') });
const granted = finding({
  object: deployment('annuaire', 'ldap'),
  suppressed: {
    justification: 'image tierce, corrigée par l’éditeur en mars',
    expires: '2027-03-31',
    source: 'annotation quai.dev/audit-exception.PSS-runAsNonRoot',
    grantedBy: 'claire.martin',
    grantedAt: '2026-12-01',
  },
});
// The same exception covers a second finding of the object: one row.
const grantedTwice = { ...granted, path: 'spec.template.spec.containers[1]' };
const fromFile = finding({
  checkId: 'QUAI-BP-013',
  object: deployment('vpn', 'gw'),
  suppressed: { justification: 'passerelle VPN', expires: '2026-12-20', source: 'exceptions.yaml:4' },
});
const expired = finding({
  checkId: 'QUAI-EXC-001',
  category: 'exception',
  object: deployment('grist', 'db'),
  exception: {
    check: 'PSS-seccompProfile_restricted',
    justification: 'en attente du profil',
    expires: '2026-11-30',
    source: 'annotation quai.dev/audit-exception.PSS-seccompProfile_restricted',
    grantedBy: 'bob',
    grantedAt: '2026-10-01',
  },
});
const findings = [open, granted, grantedTwice, fromFile, expired];

const data = (list: Finding[]): SecurityData => {
  const entry = {
    id: 'a1',
    at: '2026-12-06T09:00:00Z',
    kind: 'audit.cluster',
    actor: 'marie',
    outcome: 'findings',
  };
  return {
    runs: [{ entry }],
    latest: {
      entry,
      result: {
        tool: { name: 'quai', version: '0.1.0' },
        generatedAt: entry.at,
        source: 'cluster',
        options: {
          level: 'restricted',
          pssVersion: 'v1.36',
          kubernetesVersion: '1.36',
          severityThreshold: 'medium',
        },
        summary: {
          objects: 12,
          findings: list.length,
          suppressed: list.filter((f) => f.suppressed !== undefined).length,
          failing: 1,
          bySeverity: { critical: 0, high: 0, medium: list.length, low: 0, info: 0 },
        },
        findings: list,
        truncated: false,
        notes: [],
        checks: [],
        reports: [],
      },
    },
  };
};

/** Controls that allow writing in the namespaces named. */
const allowing = (...namespaces: string[]): ExceptionControls & { notices: string[] } => {
  const notices: string[] = [];
  return {
    notices,
    can: (o) => namespaces.includes(o.namespace ?? ''),
    changed: (n) => notices.push(n),
  };
};

describe('the exceptions of the Security page', () => {
  it('has loading, forbidden and error states', () => {
    expect(text(show(<SecurityView load={loading} />))).toContain('Chargement…');
    const forbidden = forbiddenBy('deployments.apps is forbidden: User "x" cannot list');
    expect(text(show(<SecurityView load={forbidden} />))).toContain("Demandez l'accès");
    expect(text(show(<SecurityView load={failed} />, 'en'))).toContain('connect ECONNREFUSED');
  });

  it('says when there is no exception', () => {
    const el = show(<SecurityExceptions findings={[open]} now={NOW} />);
    expect(text(el)).toContain('Aucune exception.');
    expect(el.querySelector('[data-testid="security-exceptions"]')).toBeNull();
    expect(text(show(<SecurityExceptions findings={[]} now={NOW} />, 'en'))).toContain('No exception.');
  });

  it('lists each exception once: check, object, expiry, justification, who granted it and when, where', () => {
    const el = show(<SecurityExceptions findings={findings} now={NOW} />);
    const list = rows(el, 'security-exceptions');
    expect(list).toHaveLength(3);
    expect(list[0]).toContain('PSS-runAsNonRoot');
    expect(list[0]).toContain('Deployment/annuaire/ldap');
    expect(list[0]).toContain('31/03/2027 (encore 115 jours)');
    expect(list[0]).toContain('image tierce, corrigée par l’éditeur en mars');
    expect(list[0]).toContain('claire.martin, le 01/12/2026');
    expect(list[0]).toContain('annotation quai.dev/audit-exception.PSS-runAsNonRoot');
    expect(list[1]).toContain('Non renseigné');
    expect(list[1]).toContain('exceptions.yaml:4');
    // The expired one is flagged, with its grantor.
    expect(list[2]).toContain('PSS-seccompProfile_restricted');
    expect(list[2]).toContain('30/11/2026 (expirée)');
    expect(list[2]).toContain('bob, le 01/10/2026');
    expect(el.querySelectorAll('tr.expired')).toHaveLength(1);
    // Nobody allowed: no action column, no button.
    expect(el.querySelectorAll('button')).toHaveLength(0);
  });

  it('is English when asked', () => {
    const el = show(<SecurityExceptions findings={findings} now={NOW} />, 'en');
    const list = rows(el, 'security-exceptions');
    expect(list[0]).toContain('31/03/2027 (115 days left)');
    expect(list[0]).toContain('claire.martin, 01/12/2026');
    expect(list[1]).toContain('Not recorded');
    expect(list[2]).toContain('(expired)');
    expect(text(el)).toContain('who granted them and when');
  });

  it('offers to revoke only the annotations the user may change; a file entry is changed in the file', () => {
    const el = show(
      <SecurityExceptions findings={findings} now={NOW} controls={allowing('annuaire', 'vpn')} />,
    );
    const buttons = [...el.querySelectorAll('button')].map((b) => b.getAttribute('aria-label'));
    expect(buttons).toEqual(['Révoquer l’exception de PSS-runAsNonRoot sur Deployment/annuaire/ldap']);
    expect(rows(el, 'security-exceptions')[1]).toContain('Dans le fichier d’exceptions : modifiez-la là.');
  });

  it('shows "accept the risk" on the open findings the user may change, and its form', () => {
    const session = { api: new Api(USE_CASE_PATHS) } as unknown as Session;
    const el = show(
      <SessionContext.Provider value={session}>
        <SecurityReport data={data(findings)} now={NOW} controls={allowing('grist')} />
      </SessionContext.Provider>,
    );
    const accept = [...el.querySelectorAll('[data-testid="security-findings"] button')];
    // The open finding in grist; not the QUAI-EXC-001 finding (an exception is not accepted).
    expect(accept.map((b) => b.getAttribute('aria-label'))).toEqual([
      'Accepter le risque de PSS-runAsNonRoot sur Deployment/grist/web',
    ]);
    void act(() => (accept[0] as HTMLButtonElement).click());
    const dialog = el.querySelector('[role="dialog"]')!;
    expect(text(dialog)).toContain('à votre nom');
    const date = dialog.querySelector<HTMLInputElement>('#accept-expires')!;
    expect([date.min, date.max, date.required]).toEqual(['2026-12-07', '2027-12-06', true]);
    expect(text(dialog.querySelector('label[for="accept-expires"]'))).toBe(
      'Dernier jour (au plus le 06/12/2027)',
    );
    expect(dialog.querySelector<HTMLTextAreaElement>('#accept-justification')?.required).toBe(true);
    expect(dialog.querySelector<HTMLTextAreaElement>('#accept-reason')?.required).toBe(true);
    // A viewer: no column, no button.
    const viewer = show(<SecurityReport data={data(findings)} now={NOW} controls={allowing()} />);
    expect(viewer.querySelectorAll('[data-testid="security-findings"] button')).toHaveLength(0);
    expect(text(viewer.querySelector('[data-testid="security-findings"] thead'))).not.toContain('Actions');
  });

  it('bounds the expiry as the API does, and counts days through the expiry day', () => {
    expect(expiryBounds(new Date('2028-02-29T23:00:00Z'))).toEqual({ min: '2028-03-01', max: '2029-03-01' });
    expect(daysLeft('2026-12-06', NOW)).toBe(0);
    expect(daysLeft('2026-12-05', NOW)).toBe(-1);
    expect(exceptionRows([granted, grantedTwice])).toHaveLength(1);
  });
});
