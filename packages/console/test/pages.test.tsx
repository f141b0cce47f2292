import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { failed, loading, show } from './render.js';
import { ApiError, type Res } from '../src/api.js';
import { DiffView, LogLines, ReasonDialog } from '../src/pages/AppActions.js';
import { BackupsView, backupBytes, type BackupsData } from '../src/pages/Backups.js';
import { AppDetailView } from '../src/pages/AppDetail.js';
import { AppsView } from '../src/pages/Apps.js';
import { AuditView } from '../src/pages/Audit.js';
import { OverviewView } from '../src/pages/Overview.js';
import { composeFileName, Report } from '../src/pages/Onboard.js';
import { OnboardPlan } from '../src/pages/OnboardPlan.js';

// Each page's states as a reader sees them: loading, empty, error, forbidden, and its data, in
// French (the default) and in English.

const forbidden = {
  state: 'error',
  error: new ApiError(403, 'FORBIDDEN', 'deployments.apps is forbidden', undefined, {
    message: { id: 'view.appNotFound', params: { app: 'x', namespace: 'y' } },
  }),
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
  scalable: [{ component: 'web', object: 'Deployment/web', replicas: 2, ready: 1 }],
  events: [],
  revisions: [revision(1, 'superseded'), revision(2, 'deployed')],
};
const none = (): void => undefined;
const viewer = { canDeploy: false, canScale: false, onRollback: none, onScale: none, panels: false } as const;

describe('application detail', () => {
  it('offers a rollback and a scale to someone who may deploy and scale', () => {
    const asked: number[] = [];
    const scaled: string[] = [];
    const el = show(
      <AppDetailView
        load={{ state: 'ok', data: detail }}
        {...viewer}
        canDeploy
        canScale
        onRollback={(n) => asked.push(n)}
        onScale={(c) => scaled.push(c.object)}
      />,
    );
    const buttons = [...el.querySelectorAll('button')];
    expect(buttons.map((b) => b.textContent)).toEqual(['Revenir à la révision 1', "Mettre web à l'échelle"]);
    void act(() => buttons[0]!.click());
    void act(() => buttons[1]!.click());
    expect(asked).toEqual([1]);
    expect(scaled).toEqual(['Deployment/web']);
    expect(el.querySelector('[data-testid="components"]')?.textContent).toContain('1 / 2');
  });
  it('shows a viewer no button at all', () => {
    const el = show(<AppDetailView load={{ state: 'ok', data: detail }} {...viewer} />);
    expect(el.querySelectorAll('button')).toHaveLength(0);
    expect(el.textContent).toContain('2 (actuelle)');
  });
  it('shows loading, forbidden and errors', () => {
    expect(show(<AppDetailView load={loading} {...viewer} />).textContent).toContain('Chargement…');
    expect(show(<AppDetailView load={forbidden} {...viewer} />).textContent).toContain(
      "Vous n'avez pas les droits",
    );
    expect(show(<AppDetailView load={failed} {...viewer} />).textContent).toContain('CLUSTER_UNREACHABLE');
  });
});

describe('application actions', () => {
  it('sends nothing without a reason, then the reason given', async () => {
    const sent: string[] = [];
    const el = show(
      <ReasonDialog
        id="t"
        title="Titre"
        explain="Explication"
        confirm="Confirmer"
        onConfirm={(r) => {
          sent.push(r);
          return Promise.resolve();
        }}
        onClose={none}
      />,
    );
    const form = el.querySelector('form')!;
    await act(() => void form.dispatchEvent(new Event('submit', { cancelable: true })));
    expect(sent).toEqual([]);
    expect(el.textContent).toContain('Indiquez un motif.');
    const reason = el.querySelector('textarea')!;
    reason.value = '  incident 42  ';
    await act(() => void reason.dispatchEvent(new Event('input')));
    await act(() => void form.dispatchEvent(new Event('submit', { cancelable: true })));
    expect(sent).toEqual(['incident 42']);
  });
  it('shows the server refusing the change, in the dialog', async () => {
    const el = show(
      <ReasonDialog
        id="t"
        title="Titre"
        explain="Explication"
        confirm="Confirmer"
        onConfirm={() => Promise.reject(forbidden.error)}
        onClose={none}
      />,
      'en',
    );
    const reason = el.querySelector('textarea')!;
    reason.value = 'why';
    await act(() => void reason.dispatchEvent(new Event('input')));
    await act(() => void el.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true })));
    await act(() => new Promise((r) => setTimeout(r, 0)));
    expect(el.querySelector('[role="alert"]')?.textContent).toContain('FORBIDDEN');
  });
  it('shows a diff field by field, and says when nothing changed', () => {
    const el = show(
      <DiffView
        diff={{
          from: 1,
          to: 2,
          unchanged: 3,
          objects: [
            {
              object: 'Deployment/web',
              change: 'update',
              fields: [
                { path: 'spec.template.spec.containers[0].image', before: 'a:1', after: 'a:2' },
                { path: 'spec.replicas', before: undefined, after: 2 },
              ],
            },
          ],
        }}
      />,
    );
    expect(el.querySelector('caption')?.textContent).toBe('Deployment/web · modifié');
    expect(el.textContent).toContain('a:1');
    expect(el.textContent).toContain('(absent)');
    expect(el.textContent).toContain('3 objets inchangés.');
    const empty = show(<DiffView diff={{ from: 1, to: 2, unchanged: 1, objects: [] }} />, 'en');
    expect(empty.textContent).toContain('No difference.');
    expect(empty.textContent).toContain('1 object unchanged.');
  });
  it('shows log lines, an empty log, and says when old lines were dropped', () => {
    const line = { pod: 'web-1', container: 'web', text: 'GET / 200' };
    const el = show(<LogLines lines={[line]} cut />);
    expect(el.querySelector('[data-testid="logs"]')?.textContent).toBe('web-1/web GET / 200');
    expect(el.textContent).toContain('Seules les 2\u202f000 dernières lignes');
    expect(show(<LogLines lines={[]} cut={false} />).textContent).toContain('Aucune ligne.');
  });
});

const backup: Res<'backup.create'> = {
  format: 3,
  name: 'nuit-0305',
  status: 'completed',
  startedAt: '2026-03-05T02:00:00Z',
  completedAt: '2026-03-05T02:00:12.500Z',
  createdBy: 'marie',
  cluster: 'prod',
  namespaces: ['annuaire'],
  clusterResources: true,
  encryption: 'none',
  files: [
    {
      path: 'resources/deployments.apps.json',
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      count: 1,
      bytes: 1024,
      sha256: '0'.repeat(64),
    },
  ],
  volumes: [{ namespace: 'annuaire', pvc: 'data', status: 'completed', bytes: 3 * 1024 ** 2 }],
  counts: { Deployment: 1 },
  warnings: [],
  errors: [],
};
const entry = (id: string, kind: string) => ({
  id,
  at: '2026-03-05T02:00:13Z',
  kind,
  actor: 'marie',
  outcome: 'ok',
});
const backups: BackupsData = {
  backups: [{ entry: entry('b1', 'backup.create'), result: backup }, { entry: entry('b2', 'backup.create') }],
  drills: [
    {
      entry: entry('d1', 'backup.drill'),
      result: {
        backup: 'nuit-0305',
        status: 'pass',
        startedAt: '2026-03-05T03:00:00Z',
        recoverySeconds: 42.31,
        scratchNamespaces: {},
        checks: [
          { name: 'objects', ok: true, detail: '' },
          { name: 'ready', ok: false, detail: 'web not ready' },
        ],
        restore: {
          backup: 'nuit-0305',
          status: 'completed',
          items: [],
          counts: {
            created: 3,
            updated: 0,
            skipped: 0,
            failed: 0,
            'would-create': 0,
            'would-update': 0,
            'would-skip': 0,
          },
          warnings: [],
          restoreId: 'r',
          resumed: [],
          authenticated: false,
          seconds: 40,
        },
        cleanedUp: true,
      },
    },
  ],
  restores: [],
};

describe('backups', () => {
  it('lists backups with their size and duration, drills with their checks, in French', () => {
    const el = show(<BackupsView load={{ state: 'ok', data: backups }} />);
    const rows = [...el.querySelectorAll('[data-testid="backups"] tbody tr')].map((r) => r.textContent);
    expect(backupBytes(backup)).toBe(1024 + 3 * 1024 ** 2);
    expect(rows[0]).toContain('nuit-0305');
    expect(rows[0]).toMatch(/3\sMio/);
    expect(rows[0]).toMatch(/12,5\ss/);
    expect(rows[0]).toContain('Terminée');
    // A report the server could not give in full still has its row.
    expect(rows[1]).toContain('b2');
    const drill = el.querySelector('[data-testid="drills"] tbody tr')?.textContent ?? '';
    expect(drill).toContain('Réussi');
    expect(drill).toMatch(/42,3\ss/);
    expect(drill).toContain('1 sur 2');
    expect(el.textContent).toContain('Aucune restauration pour le moment.');
  });
  it('has empty states, in English too', () => {
    const el = show(
      <BackupsView load={{ state: 'ok', data: { backups: [], drills: [], restores: [] } }} />,
      'en',
    );
    expect(el.textContent).toContain('No backup made through this server yet.');
    expect(el.textContent).toContain('No drill yet.');
    expect(el.querySelector('table')).toBeNull();
  });
  it('shows loading, forbidden and errors', () => {
    expect(show(<BackupsView load={loading} />).textContent).toContain('Chargement…');
    expect(show(<BackupsView load={forbidden} />).textContent).toContain("Vous n'avez pas les droits");
    expect(show(<BackupsView load={failed} />).textContent).toContain('CLUSTER_UNREACHABLE');
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
          specYaml: 'apiVersion: quai.dev/v1alpha1\n',
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
                // As the API sends it: the message, with its text in the request's language.
                detail: {
                  id: 'onboard.entry.privileged',
                  text: 'privileged container kept as an exception: the namespace becomes privileged; this gives root on the node, review',
                },
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
    // The entry's message in the reader's language (French here), not the text the API sent.
    expect(el.querySelector('tr.refused')?.textContent).toContain(
      'conteneur privilégié gardé comme exception',
    );
  });
});

describe('onboarding plan', () => {
  const plans: Res<'deploy.plan'> = [
    {
      target: { app: 'grist', environment: 'production', namespace: 'grist' },
      changes: [
        {
          kind: 'create',
          object: 'Deployment/web',
          ref: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace: 'grist' },
          fields: [],
        },
        {
          kind: 'update',
          object: 'Service/web',
          ref: { apiVersion: 'v1', kind: 'Service', name: 'web', namespace: 'grist' },
          fields: [{ path: 'spec.ports[0].port', before: 80, after: 8080 }],
        },
        {
          kind: 'owned',
          object: 'ConfigMap/settings',
          ref: { apiVersion: 'v1', kind: 'ConfigMap', name: 'settings', namespace: 'grist' },
          fields: [],
          owner: 'annuaire (team rh)',
        },
        {
          kind: 'unchanged',
          object: 'ServiceAccount/grist',
          ref: { apiVersion: 'v1', kind: 'ServiceAccount', name: 'grist', namespace: 'grist' },
          fields: [],
        },
      ],
      summary: { create: 1, update: 1, delete: 0, unchanged: 1, conflict: 0, owned: 1, invalid: 0 },
    },
  ];

  it('says per app what would be created, changed and refused, in French', () => {
    const el = show(<OnboardPlan plans={plans} />);
    expect(el.textContent).toContain('grist dans le namespace grist (production)');
    expect(el.textContent).toContain('1 à créer, 1 à modifier, 0 à supprimer, 1 sans changement');
    const row = (name: string): string =>
      [...el.querySelectorAll('[data-testid=plan-objects] tr')].find(
        (r) => r.querySelector('th')?.textContent === name,
      )?.textContent ?? '';
    expect(row('Deployment/web')).toBe('Deployment/webà créer');
    expect(el.querySelector('table.diff caption')?.textContent).toBe('Service/web · à modifier');
    expect(el.querySelector('table.diff td.before')?.textContent).toBe('80');
    expect(el.querySelector('[role=alert]')?.textContent).toContain('1 objet serait refusé');
    expect(row('ConfigMap/settings')).toContain('Propriétaire : annuaire (team rh)');
    // Unchanged objects are counted, not listed.
    expect(el.textContent).not.toContain('ServiceAccount/grist');
  });

  it('speaks English to an English reader', () => {
    const el = show(<OnboardPlan plans={plans} />, 'en');
    expect(el.textContent).toContain('1 to create, 1 to change, 0 to delete, 1 unchanged');
    const owned = [...el.querySelectorAll('tr.owned td')].map((td) => td.textContent);
    expect(owned).toEqual(['belongs to another app or team', 'Owner: annuaire (team rh)']);
  });

  it('names an uploaded compose file as the API accepts it', () => {
    expect(composeFileName('docker-compose.yml')).toBe('docker-compose.yml');
    expect(composeFileName('mon compose (v2).yaml')).toBe('mon-compose--v2-.yaml');
    expect(composeFileName('.env')).toBe('env');
    expect(composeFileName('???')).toBe('compose.yaml');
  });
});
