import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '@quai/contracts';
import type { Res } from '../src/api.js';
import type { Lang } from '../src/i18n.js';
import { SheetView } from '../src/pages/AppSheet.js';
import { BackupsView, isPreview, lastResults, type BackupsData } from '../src/pages/Backups.js';
import {
  defaultScope,
  restoreRequest,
  RestorePreview,
  TargetBackupsTable,
} from '../src/pages/RestoreWizard.js';
import { SchedulesView } from '../src/pages/Schedules.js';
import { failed, forbiddenBy, loading, show } from './render.js';

// The restore wizard's parts, the schedules and an app's operations sheet as a reader sees them:
// loading, empty, error, forbidden and their data, in French (the default) and in English.

const forbidden = forbiddenBy('configmaps is forbidden: User "x" cannot list');

const backupOnTarget: Res<'view.targetBackups'>['backups'][number] = {
  name: 'registre-20260305',
  status: 'completed',
  startedAt: '2026-03-05T01:00:00Z',
  completedAt: '2026-03-05T01:00:42Z',
  createdBy: 'quai-admin',
  namespaces: ['registre', 'registre-db'],
  encrypted: true,
  bytes: 1_536_000,
  volumes: 1,
  databases: 0,
};

const dryRun: Res<'backup.restore'> = {
  backup: 'registre-20260305',
  status: 'completed',
  items: [
    { object: 'Namespace/registre-copie', action: 'would-create' },
    { object: 'registre-copie/Deployment/web', action: 'would-create' },
    { object: 'registre-copie/ConfigMap/web-config', action: 'would-skip' },
    { object: 'PersistentVolume/pv-registre', action: 'failed', reason: 'persistentvolumes is forbidden' },
  ],
  counts: {
    'would-create': 2,
    'would-skip': 1,
    'would-update': 0,
    failed: 1,
    created: 0,
    updated: 0,
    skipped: 0,
  },
  warnings: ['Service/web: nodePort dropped'],
  restoreId: 'r1',
  resumed: [],
  authenticated: true,
  seconds: 0.4,
  data: { volumes: [{ claim: 'registre/data', action: 'would-restore' }], databases: [] },
};

describe('the restore wizard', () => {
  it('lists the backups of a target with fr-FR dates and sizes, one radio button each', () => {
    let chosen = '';
    const el = show(
      <TargetBackupsTable backups={[backupOnTarget]} chosen={undefined} onChoose={(n) => (chosen = n)} />,
    );
    expect(el.textContent).toContain('05/03/2026');
    expect(el.textContent).toMatch(/1,5\s?Mio/);
    expect(el.textContent).toContain('Chiffrée');
    expect(el.textContent).toContain('registre, registre-db');
    const radio = el.querySelector<HTMLInputElement>('input[type="radio"]')!;
    expect(radio.getAttribute('aria-label')).toBe('Choisir registre-20260305');
    void act(() => radio.click());
    expect(chosen).toBe('registre-20260305');
  });
  it('says when a target has no backup, in both languages', () => {
    const none = (lang: Lang) =>
      show(<TargetBackupsTable backups={[]} chosen={undefined} onChoose={() => undefined} />, lang)
        .textContent;
    expect(none('fr')).toBe('Aucune sauvegarde sur cette cible.');
    expect(none('en')).toBe('No backup on this target.');
  });
  it('turns a scope into a restore request: a new namespace is a mapping, the key only when given', () => {
    const scope = { ...defaultScope(backupOnTarget), into: { registre: 'registre-copie' } };
    expect(scope.volumes).toBe(true);
    const request = restoreRequest('/srv/sauvegardes', backupOnTarget, scope, {
      dryRun: true,
      reason: 'aperçu',
    });
    expect(request).toMatchObject({
      target: '/srv/sauvegardes',
      backup: 'registre-20260305',
      namespaces: ['registre'],
      namespaceMapping: { registre: 'registre-copie' },
      existing: 'skip',
      dryRun: true,
      volumes: 'restic',
    });
    expect('key' in request).toBe(false);
    const same = restoreRequest(
      '/srv',
      backupOnTarget,
      { ...defaultScope(backupOnTarget), key: ' a2V5 ' },
      {
        dryRun: false,
        reason: 'r',
      },
    );
    expect(same.namespaceMapping).toEqual({});
    expect(same.namespaces).toEqual(['registre', 'registre-db']);
    expect(same.key).toEqual({ base64: 'a2V5' });
  });
  it('shows the preview: what would be created, left alone, overwritten, the conflicts and the data', () => {
    const el = show(<RestorePreview result={dryRun} />);
    const counts = [...el.querySelectorAll('dl.counts > div')].map((d) => d.textContent);
    expect(counts).toEqual([
      'À créer2',
      'Déjà présents, laissés tels quels1',
      'Déjà présents, remplacés0',
      'Conflits1',
    ]);
    expect(el.querySelector('[data-testid="conflicts"]')?.textContent).toContain(
      'PersistentVolume/pv-registre — persistentvolumes is forbidden',
    );
    expect(el.textContent).toContain('registre/data — à restaurer');
    expect(el.textContent).toContain('nodePort dropped');
    const en = show(<RestorePreview result={dryRun} />, 'en');
    expect(en.textContent).toContain('Already there, left as they are');
    expect(en.textContent).toContain('to create');
  });
  it('tells a preview from a restore in the history', () => {
    expect(isPreview(dryRun)).toBe(true);
    expect(isPreview({ ...dryRun, items: [{ object: 'Namespace/x', action: 'created' }] })).toBe(false);
    const data: BackupsData = {
      backups: [],
      drills: [],
      restores: [
        {
          entry: {
            id: 'h1',
            at: '2026-03-05T10:00:00Z',
            kind: 'backup.restore',
            actor: 'quai-admin',
            outcome: 'ok',
          },
          result: dryRun,
        },
      ],
    };
    expect(show(<BackupsView load={{ state: 'ok', data }} />).textContent).toContain('Aperçu (simulation)');
    expect(show(<BackupsView load={{ state: 'ok', data }} />, 'en').textContent).toContain(
      'Preview (dry run)',
    );
  });
});

const schedules: Res<'view.schedules'> = {
  schedules: [
    {
      name: 'registre-nuit',
      cron: '30 2 * * *',
      timeZone: 'Europe/Paris',
      target: 's3://sauvegardes/registre',
      namespaces: ['registre'],
      app: 'registre',
      suspend: false,
      encrypted: true,
      drill: { afterBackup: true, cron: '0 6 * * 1' },
      nextRun: '2026-03-06T01:30:00Z',
      nextDrill: '2026-03-09T05:00:00Z',
      lastRun: '2026-03-05T01:30:00Z',
    },
    {
      name: 'archives',
      cron: '@weekly',
      timeZone: 'UTC',
      target: '/srv/archives',
      namespaces: ['archives'],
      suspend: true,
      encrypted: false,
    },
  ],
};

describe('the schedules', () => {
  const view = (load: Parameters<typeof SchedulesView>[0]['load'], canRun = false, lang: Lang = 'fr') =>
    show(<SchedulesView load={load} last={{}} canRun={canRun} onRun={() => undefined} />, lang);
  it('has the states of every page: loading, forbidden, error, empty', () => {
    expect(view(loading).textContent).toBe('Chargement…');
    expect(view(forbidden).textContent).toContain("Vous n'avez pas les droits");
    expect(view(forbidden).textContent).not.toContain('forbidden');
    expect(view(failed).textContent).toContain('CLUSTER_UNREACHABLE');
    expect(view({ state: 'ok', data: { schedules: [] } }).textContent).toContain(
      'Aucune planification de sauvegarde dans le cluster',
    );
    expect(view({ state: 'ok', data: { schedules: [] } }, false, 'en').textContent).toContain(
      'No backup schedule in the cluster',
    );
  });
  it('shows when each runs, the next and last runs in fr-FR, its drill, and a suspended one', () => {
    const el = show(
      <SchedulesView
        load={{ state: 'ok', data: schedules }}
        last={{ 'registre-nuit': { at: '2026-03-05T01:31:00Z', status: 'completed' } }}
        canRun={false}
        onRun={() => undefined}
      />,
    );
    const rows = [...el.querySelectorAll('tbody tr')].map((r) => r.textContent ?? '');
    expect(rows[0]).toContain('30 2 * * * (Europe/Paris)');
    expect(rows[0]).toContain('registre (registre)');
    expect(rows[0]).toMatch(/06\/03\/2026/);
    expect(rows[0]).toContain('Terminée');
    expect(rows[0]).toContain('après chaque sauvegarde, prochain le');
    expect(rows[1]).toContain('Suspendue');
    expect(rows[1]).toContain('jamais');
    expect(rows[1]).toContain('aucun');
    // No right to back up: no button.
    expect(el.querySelectorAll('button').length).toBe(0);
  });
  it('offers a run now button per schedule only to whom may back up', () => {
    const names: string[] = [];
    const el = show(
      <SchedulesView load={{ state: 'ok', data: schedules }} last={{}} canRun onRun={(n) => names.push(n)} />,
    );
    const buttons = [...el.querySelectorAll('button')];
    expect(buttons.map((b) => b.textContent)).toEqual([
      'Lancer registre-nuit maintenant',
      'Lancer archives maintenant',
    ]);
    void act(() => buttons[0]!.click());
    expect(names).toEqual(['registre-nuit']);
  });
  it('keeps the newest result of each schedule from the history', () => {
    const run = (schedule: string, status: 'completed' | 'skipped') => ({ schedule, status, expired: [] });
    expect(
      lastResults([
        {
          entry: { id: '2', at: '2026-03-05T02:00:00Z', kind: 'k', actor: 'a', outcome: 'ok' },
          result: run('a', 'skipped'),
        },
        {
          entry: { id: '1', at: '2026-03-04T02:00:00Z', kind: 'k', actor: 'a', outcome: 'ok' },
          result: run('a', 'completed'),
        },
      ]),
    ).toEqual({ a: { at: '2026-03-05T02:00:00Z', status: 'skipped' } });
  });
});

const sheet: Res<'docs.app'> = {
  app: 'registre',
  environment: 'prod',
  namespace: 'registre',
  generatedAt: '2026-03-05T09:00:00Z',
  sources: ['cluster'],
  cluster: { state: 'reachable' },
  deployed: true,
  purpose: { description: 'Registre des délibérations', team: 'dlsi-swat' },
  endpoints: [],
  components: [],
  volumes: [
    {
      claim: 'data',
      size: '5Gi',
      accessModes: ['ReadWriteOnce'],
      mounts: ['web:/data'],
      backup: { policy: 'scheduled' },
    },
  ],
  secrets: [{ name: 'registre-db', keys: ['password'], usedBy: ['web'] }],
  dependencies: [{ from: 'web', kind: 'database', to: 'postgres registre@db', how: 'env' }],
  commands: {
    deploy: [{ purpose: 'Déployer', command: 'quai apply app.yaml -e prod' }],
    rollback: [{ purpose: { id: 'console.sheet.rollback' }, command: 'quai rollback registre --to 3' }],
    restore: [],
  },
  rollout: { history: [] },
  backups: {
    targets: [{ target: '/srv/sauvegardes', schedule: 'registre-nuit' }],
    schedules: [
      { name: 'registre-nuit', cron: '30 2 * * *', timeZone: 'Europe/Paris', target: '/srv/sauvegardes' },
    ],
    last: {
      name: 'registre-nuit-20260305',
      target: '/srv/sauvegardes',
      status: 'completed',
      completedAt: '2026-03-05T01:31:00Z',
    },
    lastDrill: {
      backup: 'registre-nuit-20260305',
      target: '/srv/sauvegardes',
      status: 'fail',
      startedAt: '2026-03-05T06:00:00Z',
      recoverySeconds: 12.34,
    },
    problems: [],
  },
  security: {
    audit: {
      source: 'deployed-revision',
      bySeverity: { high: 1 },
      findings: [
        { checkId: 'run-as-root', severity: 'high', title: 'Runs as root', object: 'Deployment/web' },
      ],
    },
  },
  notes: [],
};

describe("an app's operations sheet", () => {
  it('has the states of every page: loading, forbidden, error', () => {
    expect(show(<SheetView load={loading} />).textContent).toBe('Chargement…');
    expect(show(<SheetView load={forbidden} />).textContent).toContain("Vous n'avez pas les droits");
    expect(show(<SheetView load={failed} />).textContent).toContain('Is the cluster up?');
  });
  it('shows the sheet, its backups and drills, its findings, and says there is no vulnerability report', () => {
    const el = show(<SheetView load={{ state: 'ok', data: sheet }} />);
    const text = (id: string) => el.querySelector(`[data-testid="${id}"]`)?.textContent ?? '';
    expect(text('sheet')).toContain('Registre des délibérations');
    expect(text('sheet')).toContain('non renseigné');
    expect(text('sheet')).toContain('quai rollback registre --to 3');
    expect(text('sheet')).toContain('Revenir en arrière');
    expect(text('sheet-backups')).toContain('registre-nuit — 30 2 * * * (Europe/Paris) → /srv/sauvegardes');
    expect(text('sheet-backups')).toMatch(
      /registre-nuit-20260305 sur \/srv\/sauvegardes : Terminée, 05\/03\/2026/,
    );
    expect(text('sheet-backups')).toContain('Échoué');
    expect(text('sheet-backups')).toContain('12,3 s');
    expect(text('sheet-findings')).toContain('Audit de sa révision déployée : 1 constat');
    expect(text('sheet-findings')).toContain('run-as-root');
    expect(text('sheet-findings')).toContain('1 élevée');
    expect(text('sheet-vulns')).toContain('Aucun rapport de vulnérabilités');
  });
  it('says when nothing was found, in English too', () => {
    const empty = {
      ...sheet,
      backups: { ...sheet.backups!, last: undefined, lastDrill: undefined, schedules: [] },
    };
    delete (empty.backups as { last?: unknown }).last;
    delete (empty.backups as { lastDrill?: unknown }).lastDrill;
    const el = show(
      <SheetView
        load={{
          state: 'ok',
          data: { ...empty, security: { audit: { source: 'rendered-spec', bySeverity: {}, findings: [] } } },
        }}
      />,
      'en',
    );
    expect(el.textContent).toContain('No schedule covers this app.');
    expect(el.textContent).toContain('No backup found in the places looked at.');
    expect(el.textContent).toContain('No finding.');
    expect(el.textContent).toContain('Operations sheet');
  });
});

describe('the catalog', () => {
  it('has every text of these views in French and in English, different where words differ', () => {
    const mine = Object.entries(MESSAGES).filter(([id]) =>
      /^console\.(restore|drill|schedules|sheet)\./.test(id),
    );
    expect(mine.length).toBeGreaterThan(80);
    for (const [id, m] of mine) {
      expect(m.fr.trim(), id).not.toBe('');
      expect(m.en.trim(), id).not.toBe('');
    }
    // Mostly translated, not copied: only names and formats may be the same in both.
    const same = mine.filter(([, m]) => m.fr === m.en).map(([id]) => id);
    expect(same).toEqual(['console.schedules.inZone', 'console.sheet.volumes', 'console.sheet.image']);
  });
});
