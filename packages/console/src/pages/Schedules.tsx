import { useState } from 'preact/hooks';
import type { Res } from '../api.js';
import { useI18n } from '../i18n.js';
import { Loaded, useSession, type Load } from '../state.js';
import { Empty } from '../ui.js';
import { ReasonDialog } from './AppActions.js';

type Schedule = Res<'view.schedules'>['schedules'][number];
type ScheduleRun = Res<'backup.scheduleRun'>;

/** The last run of each schedule the server made (its history), by schedule name. */
export type LastResults = Readonly<
  Record<string, { readonly at: string; readonly status: ScheduleRun['status'] }>
>;

/** The backup and drill schedules of the cluster: when, next and last runs, and a run now. */
export function SchedulesView(props: {
  readonly load: Load<Res<'view.schedules'>>;
  readonly retry?: () => void;
  readonly last: LastResults;
  /** The user may run a schedule now (a backup reads everything): the button is shown. */
  readonly canRun: boolean;
  readonly onRun: (name: string) => void;
}) {
  const { t, date } = useI18n();
  const status = (s: ScheduleRun['status']): string =>
    s === 'skipped' ? t('console.schedules.skipped') : t(`console.backups.status.${s}`);
  return (
    <Loaded load={props.load} {...(props.retry === undefined ? {} : { retry: props.retry })}>
      {(d) =>
        d.schedules.length === 0 ? (
          <Empty>{t('console.schedules.none')}</Empty>
        ) : (
          <table data-testid="schedules">
            <thead>
              <tr>
                <th scope="col">{t('console.col.name')}</th>
                <th scope="col">{t('console.schedules.when')}</th>
                <th scope="col">{t('console.backups.namespaces')}</th>
                <th scope="col">{t('console.backups.target')}</th>
                <th scope="col">{t('console.schedules.next')}</th>
                <th scope="col">{t('console.schedules.last')}</th>
                <th scope="col">{t('console.schedules.lastResult')}</th>
                <th scope="col">{t('console.schedules.drill')}</th>
                {props.canRun ? <td /> : null}
              </tr>
            </thead>
            <tbody>
              {d.schedules.map((s: Schedule) => {
                const last = props.last[s.name];
                return (
                  <tr key={s.name}>
                    <th scope="row">{s.name}</th>
                    <td>{t('console.schedules.inZone', { cron: s.cron, zone: s.timeZone })}</td>
                    <td>
                      {s.app === undefined
                        ? s.namespaces.join(', ')
                        : `${s.app} (${s.namespaces.join(', ')})`}
                    </td>
                    <td>{s.target}</td>
                    <td>
                      {s.suspend
                        ? t('console.schedules.suspended')
                        : s.nextRun === undefined
                          ? ''
                          : date(s.nextRun)}
                    </td>
                    <td>{s.lastRun === undefined ? t('console.schedules.never') : date(s.lastRun)}</td>
                    <td>{last === undefined ? '' : `${status(last.status)} (${date(last.at)})`}</td>
                    <td>
                      {s.drill === undefined
                        ? t('console.schedules.noDrill')
                        : [
                            s.drill.afterBackup ? t('console.schedules.drillAfter') : '',
                            s.nextDrill === undefined
                              ? ''
                              : t('console.schedules.drillNext', { date: date(s.nextDrill) }),
                          ]
                            .filter((x) => x !== '')
                            .join(', ')}
                    </td>
                    {props.canRun ? (
                      <td>
                        <button type="button" onClick={() => props.onRun(s.name)}>
                          {t('console.schedules.run', { name: s.name })}
                        </button>
                      </td>
                    ) : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
        )
      }
    </Loaded>
  );
}

/** Runs a schedule now, with a reason (recorded in the audit trail), its progress as it goes. */
export function RunScheduleDialog(props: {
  readonly name: string;
  readonly onClose: () => void;
  readonly onDone: (r: ScheduleRun) => void;
}) {
  const { t, m } = useI18n();
  const { api } = useSession();
  const [step, setStep] = useState('');
  return (
    <ReasonDialog
      id="run-schedule"
      title={t('console.schedules.runTitle', { name: props.name })}
      explain={t('console.schedules.runExplain')}
      confirm={t('console.schedules.runConfirm')}
      onClose={props.onClose}
      onConfirm={async (reason) => {
        const ran = await api.stream('backup.scheduleRun', { schedule: props.name, reason } as never, (p) => {
          if (p.message !== undefined) setStep(m(p.message));
        });
        props.onDone(ran.result);
      }}
    >
      {step === '' ? null : (
        <p role="status" class="muted">
          {step}
        </p>
      )}
    </ReasonDialog>
  );
}
