import { render } from 'preact';
import { act } from 'preact/test-utils';
import type { ComponentChildren } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, type Res } from '../src/api.js';
import { I18nContext, i18nOf, type Lang } from '../src/i18n.js';
import { AppDetailView } from '../src/pages/AppDetail.js';
import { AppsView } from '../src/pages/Apps.js';
import { AuditView } from '../src/pages/Audit.js';
import { OverviewView } from '../src/pages/Overview.js';
import { Report } from '../src/pages/Onboard.js';

// Each page's states as a reader sees them: loading, empty, error, forbidden, and its data, in
// French (the default) and in English.

let root: HTMLElement | undefined;
afterEach(() => {
  if (root !== undefined) render(null, root);
  root?.remove();
});

function show(node: ComponentChildren, lang: Lang = 'fr'): HTMLElement {
  root = document.createElement('div');
  document.body.append(root);
  void act(() => render(<I18nContext.Provider value={i18nOf(lang)}>{node}</I18nContext.Provider>, root!));
  return root;
}

const loading = { state: 'loading' } as const;
const forbidden = {
  state: 'error',
  error: new ApiError(403, 'FORBIDDEN', 'deployments.apps is forbidden', undefined, {
    message: { id: 'view.appNotFound', params: { app: 'x', namespace: 'y' } },
  }),
} as const;
const failed = {
  state: 'error',
  error: new ApiError(
    503,
    'CLUSTER_UNREACHABLE',
    'connect ECONNREFUSED 127.0.0.1:6443',
    'Is the cluster up?',
  ),
} as const;

const overview: Res<'view.overview'> = {
  version: 'v1.36.3',
  health: 'degraded',
  nodes: [
    {
      name: 'kwok-0',
      kind: 'simulated',
      ready: true,
      unschedulable: false,
      roles: [],
      kubelet: 'kwok',
      cpu: { allocatable: 32_000, requested: 1500 },
      memory: { allocatable: 64 * 1024 ** 3, requested: 1536 * 1024 ** 2 },
      pods: { allocatable: 110, running: 12 },
    },
  ],
  capacity: {
    real: {
      cpu: { allocatable: 0, requested: 0 },
      memory: { allocatable: 0, requested: 0 },
      pods: { allocatable: 0, requested: 0 },
    },
    simulated: {
      cpu: { allocatable: 32_000, requested: 1500 },
      memory: { allocatable: 64 * 1024 ** 3, requested: 0 },
      pods: { allocatable: 110, requested: 12 },
    },
  },
  apps: { total: 3, ready: 2, failing: 1 },
  events: [
    {
      namespace: 'annuaire',
      object: 'Pod/web-1',
      type: 'Warning',
      reason: 'BackOff',
      message: 'Back-off restarting failed container',
      count: 4,
      at: '2026-03-05T14:03:00Z',
    },
  ],
  failing: [{ namespace: 'annuaire', object: 'Pod/web-1', reason: 'CrashLoopBackOff', message: 'exit 1' }],
  hidden: [],
};

describe('overview', () => {
  it('says it is loading, politely, to screen readers', () => {
    const el = show(<OverviewView load={loading} />);
    expect(el.querySelector('[role="status"]')?.textContent).toBe('Chargement…');
  });
  it('says the reader may not see it, without the raw error', () => {
    const el = show(<OverviewView load={forbidden} />);
    expect(el.querySelector('[role="alert"]')?.textContent).toContain("Vous n'avez pas les droits");
    expect(el.textContent).not.toContain('forbidden');
  });
  it('shows an error with its hint and a retry button', () => {
    let retried = 0;
    const el = show(<OverviewView load={failed} retry={() => retried++} />);
    expect(el.textContent).toContain('Le serveur a répondu par une erreur.');
    expect(el.textContent).toContain('Is the cluster up?');
    void act(() => el.querySelector('button')!.click());
    expect(retried).toBe(1);
  });
  it('shows health, simulated nodes apart, failing workloads and events with fr-FR formats', () => {
    const el = show(<OverviewView load={{ state: 'ok', data: overview }} />);
    expect(el.querySelector('[data-testid="health"]')?.textContent).toContain('Dégradé');
    expect(el.textContent).toContain('3 applications, 2 prêtes, 1 en échec');
    expect(el.textContent).toContain('Nœuds réels');
    expect(el.textContent).toContain('Aucun.');
    expect(el.textContent).toContain('kwok-0');
    expect(el.textContent).toContain('1,5 CPU');
    expect(el.textContent).toContain('CrashLoopBackOff');
    // fr-FR: day/month/year.
    expect(el.textContent).toMatch(/05\/03\/2026/);
  });
  it('is English when asked, with en formats', () => {
    const el = show(<OverviewView load={{ state: 'ok', data: overview }} />, 'en');
    expect(el.textContent).toContain('3 apps, 2 ready, 1 failing');
    expect(el.textContent).toContain('Simulated nodes (KWOK)');
    expect(el.textContent).toContain('1.5 CPU');
  });
});

const summary: Res<'view.apps'>['apps'][number] = {
  name: 'annuaire',
  namespace: 'annuaire',
  environment: 'prod',
  team: 'etudes',
  status: 'ready',
  images: ['registry.example/annuaire:2.1'],
  replicas: { desired: 2, ready: 2 },
  endpoints: ['https://annuaire.example.fr'],
  components: ['web'],
};

describe('applications', () => {
  it('has an empty state that says where to start', () => {
    const el = show(<AppsView load={{ state: 'ok', data: { apps: [], hidden: [] } }} />);
    expect(el.textContent).toContain("commencez par l'intégration d'un fichier compose");
    expect(el.querySelector('table')).toBeNull();
  });
  it('lists apps with their status in words and a link to each', () => {
    const el = show(<AppsView load={{ state: 'ok', data: { apps: [summary], hidden: [] } }} />);
    expect(el.textContent).toContain('1 application');
    expect(el.querySelector('a')?.getAttribute('href')).toBe('#/apps/annuaire/annuaire');
    expect(el.querySelector('.badge')?.textContent).toBe('Prête');
  });
  it('shows loading and forbidden', () => {
    expect(show(<AppsView load={loading} />).textContent).toContain('Chargement…');
    expect(show(<AppsView load={forbidden} />).textContent).toContain("Demandez l'accès");
  });
});

const revision = (number: number, status: 'deployed' | 'superseded') => ({
  app: 'annuaire',
  environment: 'prod',
  number,
  status,
  deployedBy: 'marie',
  deployedAt: '2026-03-05T10:00:00Z',
  digest: 'sha256:0',
  message: '',
  images: [`registry.example/annuaire:2.${number}`],
  hasManifests: true,
  keepsSecretValues: false,
});
const detail: Res<'view.app'> = {
  summary: { ...summary, revision: revision(2, 'deployed') },
  resources: [],
  pods: [],
  scalable: [],
  events: [],
  revisions: [revision(1, 'superseded'), revision(2, 'deployed')],
};

describe('application detail', () => {
  it('offers a rollback to earlier revisions to someone who may deploy', () => {
    const asked: number[] = [];
    const el = show(
      <AppDetailView load={{ state: 'ok', data: detail }} canDeploy onRollback={(n) => asked.push(n)} />,
    );
    const buttons = [...el.querySelectorAll('button')];
    expect(buttons.map((b) => b.textContent)).toEqual(['Revenir à la révision 1']);
    void act(() => buttons[0]!.click());
    expect(asked).toEqual([1]);
  });
  it('shows a viewer no button at all', () => {
    const el = show(
      <AppDetailView load={{ state: 'ok', data: detail }} canDeploy={false} onRollback={() => undefined} />,
    );
    expect(el.querySelectorAll('button')).toHaveLength(0);
    expect(el.textContent).toContain('2 (actuelle)');
  });
  it('shows forbidden and errors', () => {
    const none = (): void => undefined;
    expect(show(<AppDetailView load={forbidden} canDeploy onRollback={none} />).textContent).toContain(
      "Vous n'avez pas les droits",
    );
    expect(show(<AppDetailView load={failed} canDeploy onRollback={none} />).textContent).toContain(
      'CLUSTER_UNREACHABLE',
    );
  });
});

describe('audit trail', () => {
  const props = { filter: {}, onFilter: () => undefined, csvUrl: '/api/v1/audit?format=csv' };
  it('has an empty state and an export link', () => {
    const el = show(<AuditView load={{ state: 'ok', data: [] }} {...props} />);
    expect(el.textContent).toContain('Aucun événement ne correspond.');
    expect(el.querySelector('a[download]')?.getAttribute('href')).toBe('/api/v1/audit?format=csv');
  });
  it('lists who did what, when and why', () => {
    const el = show(
      <AuditView
        load={{
          state: 'ok',
          data: [
            {
              id: '1',
              at: '2026-03-05T10:00:00Z',
              actor: 'marie',
              action: 'deploy.rollback',
              app: 'annuaire',
              namespace: 'annuaire',
              status: 'ok',
              reason: 'la 2.2 casse la connexion',
            },
          ],
        }}
        {...props}
      />,
    );
    expect(el.textContent).toContain('marie');
    expect(el.textContent).toContain('la 2.2 casse la connexion');
  });
  it('shows loading, forbidden and errors', () => {
    expect(show(<AuditView load={loading} {...props} />).textContent).toContain('Chargement…');
    expect(show(<AuditView load={forbidden} {...props} />).textContent).toContain(
      "Vous n'avez pas les droits",
    );
    expect(show(<AuditView load={failed} retry={() => undefined} {...props} />).textContent).toContain(
      'Réessayer',
    );
  });
});

describe('onboarding report', () => {
  it('counts keys by outcome and shows each with its location', () => {
    const el = show(
      <Report
        imported={{
          spec: {
            apiVersion: 'quai.dev/v1alpha1',
            kind: 'App',
            metadata: { name: 'web' },
            spec: { components: {} },
          } as never,
          report: {
            entries: [
              {
                key: 'services.web.image',
                service: 'web',
                status: 'mapped',
                detail: 'image',
                location: { file: 'compose.yaml', line: 3, column: 12 },
              },
              {
                key: 'services.web.privileged',
                service: 'web',
                status: 'refused',
                detail: 'privileged',
                location: { file: 'compose.yaml', line: 4, column: 5 },
              },
            ],
          },
          secrets: [],
          imageErrors: [],
        }}
      />,
    );
    expect(el.textContent).toContain('2 clés : 1 reprises, 0 approchées, 0 non reprises, 1 refusées');
    expect(el.textContent).toContain('compose.yaml:4:5');
    expect(el.querySelector('tr.refused')?.textContent).toContain('refusé');
  });
});
