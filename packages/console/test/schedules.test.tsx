import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { ApiError, type Res } from '../src/api.js';
import type { Lang } from '../src/i18n.js';
import {
  emptyScheduleForm,
  fieldOfError,
  NextRuns,
  problemsByField,
  scheduleRequest,
  SchedulesView,
} from '../src/pages/Schedules.js';
import { failed, forbiddenBy, loading, show } from './render.js';

// The schedules' list with its changes (suspend, resume, delete), the preview of a new schedule's
// next runs and what the form sends: loading, empty, error, forbidden, in French and in English.

type Schedule = Res<'view.schedules'>['schedules'][number];

const nightly: Schedule = {
  name: 'registre-nuit',
  cron: '30 2 * * *',
  timeZone: 'Europe/Paris',
  target: '/mnt/nfs/quai',
  namespaces: ['registre'],
  suspend: false,
  encrypted: true,
  nextRun: '2026-12-07T01:30:00.000Z',
};
const { nextRun: _next, ...withoutNext } = nightly;
const paused: Schedule = { ...withoutNext, name: 'annuaire-heure', cron: '@hourly', suspend: true };

function view(
  load: Parameters<typeof SchedulesView>[0]['load'],
  options: { canManage?: boolean; lang?: Lang; onChange?: (name: string, change: string) => void } = {},
) {
  return show(
    <SchedulesView
      load={load}
      last={{}}
      canRun={false}
      onRun={() => undefined}
      canManage={options.canManage ?? false}
      onChange={(s, c) => options.onChange?.(s.name, c)}
    />,
    options.lang ?? 'fr',
  );
}

describe('the schedules with their changes', () => {
  it('has the states of every page: loading, forbidden, error, empty, in both languages', () => {
    expect(view(loading).textContent).toBe('Chargement…');
    expect(view(loading, { lang: 'en' }).textContent).toBe('Loading…');
    const forbidden = view(forbiddenBy('configmaps is forbidden: User "x" cannot list'));
    expect(forbidden.textContent).toContain("Vous n'avez pas les droits");
    expect(forbidden.querySelectorAll('button')).toHaveLength(0);
    expect(view(failed).textContent).toContain('CLUSTER_UNREACHABLE');
    expect(view({ state: 'ok', data: { schedules: [] } }, { canManage: true }).textContent).toContain(
      'Aucune planification de sauvegarde dans le cluster',
    );
    expect(
      view({ state: 'ok', data: { schedules: [] } }, { canManage: true, lang: 'en' }).textContent,
    ).toContain('No backup schedule in the cluster');
  });

  it('offers suspend or resume and delete on each row to those who may write schedules', () => {
    const changes: string[] = [];
    const el = view(
      { state: 'ok', data: { schedules: [nightly, paused] } },
      { canManage: true, onChange: (n, c) => changes.push(`${c} ${n}`) },
    );
    const buttons = [...el.querySelectorAll('button')].map((b) => b.textContent);
    expect(buttons).toEqual([
      'Suspendre registre-nuit',
      'Supprimer registre-nuit',
      'Reprendre annuaire-heure',
      'Supprimer annuaire-heure',
    ]);
    for (const b of el.querySelectorAll('button')) void act(() => b.click());
    expect(changes).toEqual([
      'suspend registre-nuit',
      'delete registre-nuit',
      'resume annuaire-heure',
      'delete annuaire-heure',
    ]);
    const en = view({ state: 'ok', data: { schedules: [nightly, paused] } }, { canManage: true, lang: 'en' });
    expect([...en.querySelectorAll('button')].map((b) => b.textContent)).toEqual([
      'Suspend registre-nuit',
      'Delete registre-nuit',
      'Resume annuaire-heure',
      'Delete annuaire-heure',
    ]);
    expect(en.textContent).toContain('Suspended');
  });

  it('shows no button to those who may not write schedules', () => {
    const el = view({ state: 'ok', data: { schedules: [nightly, paused] } }, { canManage: false });
    expect(el.querySelectorAll('button')).toHaveLength(0);
    expect(el.textContent).toContain('registre-nuit');
  });
});

describe('the preview of the next runs', () => {
  const runs = ['2026-12-07T01:30:00.000Z', '2026-12-08T01:30:00.000Z'];
  it('lists them as the reader reads dates, in French and in English', () => {
    const fr = show(<NextRuns runs={runs} />, 'fr');
    expect(fr.querySelector('h3')?.textContent).toBe('Prochaines exécutions');
    expect([...fr.querySelectorAll('time')].map((x) => x.getAttribute('datetime'))).toEqual(runs);
    expect(fr.querySelector('li')?.textContent).toMatch(/^07\/12\/2026 \d{2}:30:00$/);
    expect(fr.textContent).toContain('Dans votre fuseau horaire (');
    const en = show(<NextRuns runs={runs} />, 'en');
    expect(en.querySelector('h3')?.textContent).toBe('Next runs');
    expect(en.querySelector('li')?.textContent).toMatch(/^07\/12\/2026, \d{2}:30:00$/);
  });
  it('says when there is nothing to preview yet', () => {
    expect(show(<NextRuns runs={[]} />, 'fr').textContent).toContain(
      "Les prochaines exécutions s'affichent ici dès que l'expression cron et le fuseau horaire sont valides.",
    );
    expect(show(<NextRuns runs={[]} />, 'en').textContent).toContain('The next runs show here once');
  });
});

describe('what the schedule form sends', () => {
  it('leaves out what is empty, and reads the retention, the mover and the drill', () => {
    expect(scheduleRequest(emptyScheduleForm('Europe/Paris'))).toEqual({
      name: '',
      cron: '30 2 * * *',
      timeZone: 'Europe/Paris',
      retention: { keepDaily: 7, keepWeekly: 4 },
    });
    expect(
      scheduleRequest({
        ...emptyScheduleForm('America/Cayenne'),
        name: ' registre-nuit ',
        namespaces: 'registre, registre-db',
        app: 'registre',
        target: 's3://sauvegardes/quai',
        keySecret: 'backup-key',
        keepDaily: '0',
        keepLast: '3',
        ttl: '30d',
        volumes: 'job',
        drillAfter: true,
      }),
    ).toEqual({
      name: 'registre-nuit',
      cron: '30 2 * * *',
      timeZone: 'America/Cayenne',
      namespaces: ['registre', 'registre-db'],
      app: 'registre',
      target: 's3://sauvegardes/quai',
      encryption: { keySecret: 'backup-key' },
      retention: { keepLast: 3, keepWeekly: 4 },
      ttl: '30d',
      volumes: { mover: 'job' },
      drill: { afterBackup: true },
    });
    expect(
      scheduleRequest({ ...emptyScheduleForm('UTC'), encryption: 'none', keySecret: 'x' }).encryption,
    ).toBe('none');
  });
  it('puts each problem on its field, and a refusal of the server on the field it names', () => {
    const message = { id: 'backup.schedule.badTtl', params: { ttl: '3 days' } } as const;
    expect(
      problemsByField([
        { field: 'ttl', message },
        { field: 'retention.keepDaily', message },
        { field: 'ttl', message: { id: 'backup.schedule.input' } },
      ]),
    ).toEqual({ ttl: message, retention: message });
    const taken = new ApiError(409, 'ALREADY_EXISTS', 'exists', undefined, {
      message: {
        id: 'backup.schedule.invalidNow',
        params: { name: 'nuit', problem: { id: 'backup.schedule.exists', params: { name: 'nuit' } } },
      },
    });
    expect(fieldOfError(taken)).toEqual({
      field: 'name',
      message: { id: 'backup.schedule.exists', params: { name: 'nuit' } },
    });
    expect(fieldOfError(new ApiError(403, 'FORBIDDEN', 'configmaps is forbidden'))).toBeUndefined();
  });
});
