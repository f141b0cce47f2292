import { useState } from 'preact/hooks';
import type { Api, HistoryEntry, Res } from '../api.js';
import { useAction } from '../action.js';
import { useI18n } from '../i18n.js';
import { Loaded, useLive, useSession, useUseCase, type Load } from '../state.js';
import { Empty, Section } from '../ui.js';
import { ActionSubmit, KeyField } from './AppActions.js';
import { DrillForm } from './Drill.js';
import { RestoreWizard } from './RestoreWizard.js';
import { RunScheduleDialog, SchedulesPart, type LastResults } from './Schedules.js';
import { BackupCharts } from './BackupCharts.js';
import { chosenTarget, TargetSelect, type NamedTarget } from './SettingsTargets.js';

type Backup = Res<'backup.create'>;
type Drill = Res<'backup.drill'>;
type Restore = Res<'backup.restore'>;
type ScheduleRun = Res<'backup.scheduleRun'>;

/** A kept report and, when it could be read, its result. */
export interface Kept<T> {
  readonly entry: HistoryEntry;
  readonly result?: T;
}

export interface BackupsData {
  readonly backups: readonly Kept<Backup>[];
  readonly drills: readonly Kept<Drill>[];
  readonly restores: readonly Kept<Restore>[];
  /** The schedules this server ran (backup.scheduleRun): their last results. */
  readonly scheduleRuns?: readonly Kept<ScheduleRun>[];
}

/** How many reports of each kind the page reads in full (sizes, durations, checks). */
const DETAILED = 20;

async function kept<T>(api: Api, kind: Parameters<Api['history']>[0]): Promise<Kept<T>[]> {
  const entries = await api.history(kind);
  return Promise.all(
    entries.map(async (entry, i) => {
      if (i >= DETAILED) return { entry };
      const full = await api.historyEntry(entry.id).catch(() => undefined);
      return full?.result === undefined ? { entry } : { entry, result: full.result as T };
    }),
  );
}

export async function loadBackups(api: Api): Promise<BackupsData> {
  const [backups, drills, restores, scheduleRuns] = await Promise.all([
    kept<Backup>(api, 'backup.create'),
    kept<Drill>(api, 'backup.drill'),
    kept<Restore>(api, 'backup.restore'),
    kept<ScheduleRun>(api, 'backup.scheduleRun'),
  ]);
  return { backups, drills, restores, scheduleRuns };
}

/** A restore that only said what it would do (the wizard's preview, a dry run). */
export const isPreview = (r: Restore): boolean =>
  r.items.some((i) => i.action.startsWith('would-')) &&
  !r.items.some((i) => i.action === 'created' || i.action === 'updated' || i.action === 'skipped');

/** The newest result of each schedule in the server's history. */
export function lastResults(runs: readonly Kept<ScheduleRun>[]): LastResults {
  const out: Record<string, { at: string; status: ScheduleRun['status'] }> = {};
  for (const { entry, result } of runs) {
    if (result === undefined || out[result.schedule] !== undefined) continue;
    out[result.schedule] = { at: entry.at, status: result.status };
  }
  return out;
}

/** The bytes a backup holds: its object files, and its volumes' and dumps' data. */
export const backupBytes = (b: Backup): number =>
  b.files.reduce((n, f) => n + f.bytes, 0) +
  (b.volumes ?? []).reduce((n, v) => n + (v.bytes ?? 0), 0) +
  (b.databases ?? []).reduce((n, d) => n + (d.bytes ?? 0), 0);

const seconds = (from: string, to: string): number => Math.max(0, (Date.parse(to) - Date.parse(from)) / 1000);

function Seconds(props: { readonly value: number }) {
  const { t, num } = useI18n();
  return <>{t('console.backups.seconds', { n: num(Math.round(props.value * 10) / 10) })}</>;
}

export function BackupsView(props: { readonly load: Load<BackupsData>; readonly retry?: () => void }) {
  const { t, date, bytes, num } = useI18n();
  return (
    <Loaded load={props.load} {...(props.retry === undefined ? {} : { retry: props.retry })}>
      {(d) => (
        <>
          <Section title={t('console.backups.list')}>
            {d.backups.length === 0 ? (
              <Empty>{t('console.backups.none')}</Empty>
            ) : (
              <table data-testid="backups">
                <thead>
                  <tr>
                    <th scope="col">{t('console.col.name')}</th>
                    <th scope="col">{t('console.col.when')}</th>
                    <th scope="col">{t('console.col.by')}</th>
                    <th scope="col">{t('console.col.status')}</th>
                    <th scope="col">{t('console.backups.namespaces')}</th>
                    <th scope="col">{t('console.backups.size')}</th>
                    <th scope="col">{t('console.backups.duration')}</th>
                  </tr>
                </thead>
                <tbody>
                  {d.backups.map(({ entry, result: b }) => (
                    <tr key={entry.id}>
                      <th scope="row">{b?.name ?? entry.app ?? entry.id}</th>
                      <td>{date(entry.at)}</td>
                      <td>{entry.actor}</td>
                      <td>{t(`console.backups.status.${b?.status ?? 'unknown'}`)}</td>
                      <td>{b?.namespaces.join(', ') ?? entry.namespace ?? ''}</td>
                      <td>{b === undefined ? '' : bytes(backupBytes(b))}</td>
                      <td>
                        {b === undefined ? '' : <Seconds value={seconds(b.startedAt, b.completedAt)} />}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </Section>
          <BackupCharts data={d} bytesOf={backupBytes} />
          <Section title={t('console.backups.drills')}>
            {d.drills.length === 0 ? (
              <Empty>{t('console.backups.noDrills')}</Empty>
            ) : (
              <table data-testid="drills">
                <thead>
                  <tr>
                    <th scope="col">{t('console.backups.backup')}</th>
                    <th scope="col">{t('console.col.when')}</th>
                    <th scope="col">{t('console.col.by')}</th>
                    <th scope="col">{t('console.col.status')}</th>
                    <th scope="col">{t('console.backups.recovery')}</th>
                    <th scope="col">{t('console.backups.checks')}</th>
                  </tr>
                </thead>
                <tbody>
                  {d.drills.map(({ entry, result: r }) => (
                    <tr key={entry.id}>
                      <th scope="row">{r?.backup ?? entry.id}</th>
                      <td>{date(entry.at)}</td>
                      <td>{entry.actor}</td>
                      <td>{r === undefined ? entry.outcome : t(`console.backups.drill.${r.status}`)}</td>
                      <td>{r === undefined ? '' : <Seconds value={r.recoverySeconds} />}</td>
                      <td>
                        {r === undefined
                          ? ''
                          : t('console.of', {
                              used: num(r.checks.filter((c) => c.ok).length),
                              total: num(r.checks.length),
                            })}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </Section>
          <Section title={t('console.backups.restores')}>
            {d.restores.length === 0 ? (
              <Empty>{t('console.backups.noRestores')}</Empty>
            ) : (
              <table data-testid="restores">
                <thead>
                  <tr>
                    <th scope="col">{t('console.backups.backup')}</th>
                    <th scope="col">{t('console.col.when')}</th>
                    <th scope="col">{t('console.col.by')}</th>
                    <th scope="col">{t('console.col.status')}</th>
                    <th scope="col">{t('console.backups.objects')}</th>
                    <th scope="col">{t('console.backups.duration')}</th>
                  </tr>
                </thead>
                <tbody>
                  {d.restores.map(({ entry, result: r }) => (
                    <tr key={entry.id}>
                      <th scope="row">{r?.backup ?? entry.id}</th>
                      <td>{date(entry.at)}</td>
                      <td>{entry.actor}</td>
                      <td>
                        {r !== undefined && isPreview(r)
                          ? t('console.backups.status.preview')
                          : t(`console.backups.status.${r?.status ?? 'unknown'}`)}
                      </td>
                      <td>{r === undefined ? '' : num(r.items.length)}</td>
                      <td>{r === undefined ? '' : <Seconds value={r.seconds} />}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </Section>
        </>
      )}
    </Loaded>
  );
}

const defaultName = (now: Date): string =>
  `console-${now.toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-')}`;

/** A backup made now: where to, of what; progress as it runs. */
export function CreateBackup(props: {
  /** The storage targets of the settings: the only ones the API accepts. */
  readonly targets: readonly NamedTarget[];
  readonly onDone: (b: Backup) => void;
}) {
  const { t } = useI18n();
  const { api } = useSession();
  const action = useAction();
  const [name, setName] = useState(() => defaultName(new Date()));
  const [target, setTarget] = useState('');
  const [app, setApp] = useState('');
  const [namespaces, setNamespaces] = useState('');
  const [encryption, setEncryption] = useState(true);
  const [key, setKey] = useState('');
  const submit = (e: Event): void => {
    e.preventDefault();
    void action.run(async (progress) => {
      const ran = await api.stream(
        'backup.create',
        {
          name,
          target: chosenTarget(target, props.targets),
          ...(app.trim() === '' ? {} : { app: app.trim() }),
          namespaces: namespaces
            .split(/[\s,]+/)
            .map((n) => n.trim())
            .filter((n) => n !== ''),
          encryption,
          ...(encryption ? { key: { base64: key.trim() } } : { volumes: 'none' as const }),
        },
        progress,
      );
      props.onDone(ran.result);
    });
  };
  return (
    <form onSubmit={submit} data-testid="create-backup">
      <label for="backup-name">{t('console.col.name')}</label>
      <input
        id="backup-name"
        required
        pattern="[a-z0-9]([\-a-z0-9]{0,61}[a-z0-9])?"
        value={name}
        onInput={(e) => setName((e.target as HTMLInputElement).value)}
      />
      <TargetSelect
        id="backup-target"
        targets={props.targets}
        value={chosenTarget(target, props.targets)}
        onChange={setTarget}
      />
      <label for="backup-app">{t('console.backups.app')}</label>
      <input id="backup-app" value={app} onInput={(e) => setApp((e.target as HTMLInputElement).value)} />
      <label for="backup-namespaces">{t('console.backups.namespaces')}</label>
      <input
        id="backup-namespaces"
        value={namespaces}
        onInput={(e) => setNamespaces((e.target as HTMLInputElement).value)}
      />
      <label>
        <input
          type="checkbox"
          checked={encryption}
          onChange={(e) => setEncryption((e.target as HTMLInputElement).checked)}
        />{' '}
        {t('console.backups.encryption')}
      </label>
      {encryption ? (
        <>
          <KeyField
            id="backup-key"
            label={t('console.restore.key')}
            help={t('console.backups.keyHelp')}
            required
            value={key}
            onInput={setKey}
          />
        </>
      ) : (
        <p class="muted">{t('console.backups.clearHint')}</p>
      )}
      <ActionSubmit action={action} label={t('console.backups.create')} />
    </form>
  );
}

export function BackupsPage() {
  const { t, bytes, num } = useI18n();
  const [load, retry] = useLive((api) => loadBackups(api), [], []);
  const [access] = useUseCase('view.access', {}, [], []);
  const [schedules, retrySchedules] = useUseCase('view.schedules', {}, [], []);
  const [running, setRunning] = useState<string | undefined>(undefined);
  // What was done, written in the reader's language at each render (it may change).
  const [done, setDone] = useState<Backup | undefined>(undefined);
  const [drilled, setDrilled] = useState<Drill | undefined>(undefined);
  const [ran, setRan] = useState<ScheduleRun | undefined>(undefined);
  // The storage targets of the settings (the API refuses any other), without checking them.
  const [settings] = useUseCase('settings.view', { checks: false }, [], []);
  const targets = settings.state === 'ok' ? settings.data.settings.targets : [];
  const names =
    load.state === 'ok'
      ? load.data.backups.flatMap(({ result }) => (result === undefined ? [] : [result.name]))
      : [];
  const canBackup = access.state === 'ok' && access.data.backup;
  const canRestore = access.state === 'ok' && access.data.restore;
  return (
    <>
      <h1>{t('console.backups.title')}</h1>
      {done === undefined ? null : (
        <p role="status" class="notice ok">
          {t('console.backups.done', { name: done.name, size: bytes(backupBytes(done)) })}
        </p>
      )}
      {drilled === undefined ? null : (
        <p role="status" class={`notice ${drilled.status === 'pass' ? 'ok' : 'error'}`}>
          {t('console.drill.done', {
            backup: drilled.backup,
            status: t(`console.backups.drill.${drilled.status}`),
            seconds: t('console.backups.seconds', { n: num(Math.round(drilled.recoverySeconds * 10) / 10) }),
            passed: num(drilled.checks.filter((c) => c.ok).length),
            checks: num(drilled.checks.length),
          })}
        </p>
      )}
      {ran === undefined ? null : (
        <p role="status" class="notice ok">
          {t('console.schedules.runDone', {
            name: ran.schedule,
            status:
              ran.status === 'skipped'
                ? t('console.schedules.skipped')
                : t(`console.backups.status.${ran.status}`),
          })}
        </p>
      )}
      {canBackup ? (
        <Section title={t('console.backups.new')}>
          <CreateBackup
            targets={targets}
            onDone={(b) => {
              setDone(b);
              retry();
            }}
          />
        </Section>
      ) : null}
      {canRestore ? (
        <Section title={t('console.restore.title')}>
          <RestoreWizard targets={targets} onDone={() => retry()} />
        </Section>
      ) : null}
      {canRestore ? (
        <Section title={t('console.drill.new')}>
          <DrillForm
            targets={targets}
            backups={names}
            onDone={(d) => {
              setDrilled(d);
              retry();
            }}
          />
        </Section>
      ) : null}
      <SchedulesPart
        load={schedules}
        retry={retrySchedules}
        last={load.state === 'ok' ? lastResults(load.data.scheduleRuns ?? []) : {}}
        canRun={canBackup}
        onRun={setRunning}
        canManage={access.state === 'ok' && access.data.schedules}
        declaredTargets={targets.map((x) => x.name)}
      />
      <BackupsView load={load} retry={retry} />
      {running === undefined ? null : (
        <RunScheduleDialog
          name={running}
          onClose={() => setRunning(undefined)}
          onDone={(r) => {
            setRunning(undefined);
            setRan(r);
            retry();
            retrySchedules();
          }}
        />
      )}
    </>
  );
}
