import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import type { Api, Res } from '../src/api.js';
import { draftOf, SettingsForm, settingsOf, SettingsView } from '../src/pages/Settings.js';
import { TargetSelect } from '../src/pages/SettingsTargets.js';
import { SessionContext, type Session } from '../src/state.js';
import { failed, forbiddenBy, loading, show } from './render.js';

type View = Res<'settings.view'>;

const view: View = {
  settings: {
    cluster: { displayName: 'Production CG49', environment: 'production' },
    targets: [
      { name: 'nas', location: '/srv/sauvegardes', description: 'NAS du service' },
      {
        name: 'ovh',
        location: 's3://cg49-sauvegardes/quai',
        endpoint: 'https://s3.gra.io.cloud.ovh.net',
        credentialsSecret: 'quai-s3-ovh',
      },
    ],
    gitlab: { url: 'https://gitlab.cg49.fr', tokenSecret: 'quai-gitlab', project: 'infra/plateforme' },
  },
  yaml: 'targets: []\n',
  resourceVersion: '4242',
  mayUpdate: false,
  cluster: { server: 'https://10.0.0.1:6443', version: 'v1.36.3', nodes: { real: 3, simulated: 50 } },
  targets: [
    {
      name: 'nas',
      location: '/srv/sauvegardes',
      kind: 'directory',
      reachable: true,
      writable: true,
      freeBytes: 2.5 * 1024 ** 4,
      backups: 12,
      credentials: 'none',
    },
    {
      name: 'ovh',
      location: 's3://cg49-sauvegardes/quai',
      kind: 's3',
      reachable: false,
      credentials: 'secret',
      problem: {
        id: 'settings.secretMissing',
        params: { namespace: 'quai-system', name: 'quai-s3-ovh' },
      },
    },
  ],
  gitlab: {
    url: 'https://gitlab.cg49.fr',
    token: 'secret',
    tokenFound: true,
    reachable: true,
    version: '17.6.1',
  },
  server: {
    impersonate: true,
    signIn: { oidc: true, tokens: 2 },
    sessionTtlMs: 8 * 3_600_000,
    idleTimeoutMs: 3_600_000,
    defaultLang: 'fr',
  },
};

const ok = (d: View) => ({ state: 'ok', data: d }) as const;
const session = {
  api: {} as Api,
  me: { user: 'alice', groups: [], via: 'token', lang: 'fr' },
  setConnection: () => undefined,
  signedOut: () => undefined,
} as unknown as Session;

describe('the Settings page', () => {
  it('shows loading, forbidden and an unreachable cluster', () => {
    expect(show(<SettingsView load={loading} />).textContent).toContain('Chargement');
    const refused = show(<SettingsView load={forbiddenBy('configmaps "quai-settings" is forbidden')} />);
    expect(refused.querySelector('.forbidden')).not.toBeNull();
    expect(refused.textContent).not.toContain('configmaps');
    const down = show(<SettingsView load={failed} retry={() => undefined} />);
    expect(down.textContent).toContain('CLUSTER_UNREACHABLE');
    expect(down.querySelector('button')?.textContent).toBe('Réessayer');
  });

  it('shows the targets with their check, GitLab and the server, read only, in French', () => {
    const el = show(<SettingsView load={ok(view)} />);
    const text = el.textContent ?? '';
    expect(el.querySelector('[data-testid="settings-read-only"]')?.textContent).toContain(
      'Lecture seule : Kubernetes ne vous permet pas de modifier la ConfigMap quai-settings',
    );
    expect([...el.querySelectorAll('button')].map((b) => b.textContent)).toEqual([]);
    expect(text).toContain('Production CG49');
    expect(text).toContain('3 nœuds réels, 50 simulés');
    const rows = [...el.querySelectorAll('[data-testid="settings-targets"] tbody tr')].map(
      (r) => r.textContent,
    );
    expect(rows[0]).toMatch(/joignable, accessible en écriture, 2,5\sTio libres, 12 sauvegardes/);
    expect(rows[1]).toContain('Secret quai-s3-ovh');
    expect(rows[1]).toContain('injoignable');
    expect(rows[1]).toContain('Le Secret quai-system/quai-s3-ovh nommé par les paramètres n’existe pas.');
    expect(text).toContain('GitLab 17.6.1');
    expect(text).toContain('Secret quai-gitlab : trouvé');
    expect(text).toContain('OpenID Connect, 2 jetons');
    expect(text).toContain('8 h, terminées après 1 h sans activité');
  });

  it('is English when asked', () => {
    const el = show(<SettingsView load={ok(view)} />, 'en');
    const text = el.textContent ?? '';
    expect(text).toContain('Read only: Kubernetes does not let you change the ConfigMap quai-settings');
    expect(text).toContain('3 real nodes, 50 simulated');
    expect(text).toMatch(/reachable, writable, 2\.5\sTiB free, 12 backups/);
    expect(text).toContain('Secret quai-gitlab: found');
    expect(text).toContain('The Secret quai-system/quai-s3-ovh named by the settings does not exist.');
    expect(text).not.toMatch(/joignable|Lecture seule/);
  });

  it('has empty states: no target, no GitLab, the server mode unknown', () => {
    const empty: View = {
      ...view,
      settings: { cluster: {}, targets: [] },
      targets: [],
      yaml: '',
      mayUpdate: true,
    };
    delete (empty as { gitlab?: unknown }).gitlab;
    delete (empty as { server?: unknown }).server;
    const el = show(<SettingsView load={ok(empty)} />);
    expect(el.textContent).toContain('Aucune cible de stockage pour l’instant');
    expect(el.textContent).toContain('Aucune connexion GitLab.');
    expect(el.querySelector('[data-testid="settings-server"]')).toBeNull();
    // Who may change them sees the edit button and no read-only sentence.
    expect(el.querySelector('[data-testid="settings-read-only"]')).toBeNull();
    expect(el.querySelector('button')?.textContent).toBe('Modifier');
  });

  it('sends nothing without a reason, then the settings with the target added', async () => {
    const saved: { settings: unknown; reason: string }[] = [];
    const el = show(
      <SessionContext.Provider value={session}>
        <SettingsForm
          initial={view.settings}
          onCancel={() => undefined}
          onSave={(settings, reason) => {
            saved.push({ settings, reason });
            return Promise.resolve();
          }}
        />
      </SessionContext.Provider>,
    );
    const form = el.querySelector('form')!;
    const add = [...el.querySelectorAll('button')].find((b) => b.textContent === 'Ajouter une cible')!;
    await act(() => add.click());
    const input = (id: string, value: string) => {
      const i = el.querySelector<HTMLInputElement>(`#${id}`)!;
      i.value = value;
      i.dispatchEvent(new Event('input'));
    };
    await act(() => input('settings-target-2-name', 'minio'));
    await act(() => input('settings-target-2-location', 's3://sauvegardes/quai'));
    // The S3 fields appear for an s3:// location.
    await act(() => input('settings-target-2-endpoint', 'https://minio.cg49.fr'));
    await act(() => void form.dispatchEvent(new Event('submit', { cancelable: true })));
    expect(saved).toEqual([]);
    expect(el.textContent).toContain('Indiquez un motif.');
    const reason = el.querySelector('textarea')!;
    reason.value = 'nouveau stockage';
    await act(() => void reason.dispatchEvent(new Event('input')));
    await act(() => void form.dispatchEvent(new Event('submit', { cancelable: true })));
    await act(() => new Promise((r) => setTimeout(r, 0)));
    expect(saved).toHaveLength(1);
    expect(saved[0]?.reason).toBe('nouveau stockage');
    expect((saved[0]?.settings as View['settings']).targets.at(-1)).toEqual({
      name: 'minio',
      location: 's3://sauvegardes/quai',
      endpoint: 'https://minio.cg49.fr',
    });
  });

  it('turns settings into a draft and back without change', () => {
    expect(settingsOf(draftOf(view.settings))).toEqual(view.settings);
    // S3 fields are dropped for a folder; an empty GitLab address removes GitLab.
    const d = draftOf(view.settings);
    d.targets[1]!.location = '/srv/autre';
    d.gitlabUrl = '';
    const back = settingsOf(d);
    expect(back.targets?.[1]).toEqual({ name: 'ovh', location: '/srv/autre' });
    expect(back.gitlab).toBeUndefined();
  });
});

describe('the target of a backup form', () => {
  it('offers the declared targets only, and says who adds one when there is none', () => {
    const el = show(
      <TargetSelect id="t" targets={view.settings.targets} value="nas" onChange={() => undefined} />,
    );
    expect([...el.querySelectorAll('option')].map((o) => o.textContent)).toEqual([
      'nas (/srv/sauvegardes)',
      'ovh (s3://cg49-sauvegardes/quai)',
    ]);
    expect(el.querySelector('label')?.textContent).toBe('Cible de stockage');
    const none = show(<TargetSelect id="t" targets={[]} value="" onChange={() => undefined} />, 'en');
    expect(none.textContent).toContain(
      'No storage target is declared: an administrator adds one on the Settings page.',
    );
    expect(none.querySelector('a')?.getAttribute('href')).toBe('#/settings');
    expect(none.querySelector('select')).toBeNull();
  });
});
