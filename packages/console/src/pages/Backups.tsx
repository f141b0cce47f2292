import { useState } from 'preact/hooks';
import { ApiError, type Api, type HistoryEntry, type ProgressData, type Res } from '../api.js';
import { useI18n } from '../i18n.js';
import { ErrorNotice, Loaded, useLive, useSession, useUseCase, type Load } from '../state.js';
import { Empty, Section } from '../ui.js';
import { BackupCharts } from './BackupCharts.js';

type Backup = Res<'backup.create'>;
type Drill = Res<'backup.drill'>;
type Restore = Res<'backup.restore'>;

/** A kept report and, when it could be read, its result. */
export interface Kept<T> {
  readonly entry: HistoryEntry;
  readonly result?: T;
}

export interface BackupsData {
  readonly backups: readonly Kept<Backup>[];
  readonly drills: readonly Kept<Drill>[];
  readonly restores: readonly Kept<Restore>[];
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
  const [backups, drills, restores] = await Promise.all([
    kept<Backup>(api, 'backup.create'),
    kept<Drill>(api, 'backup.drill'),
    kept<Restore>(api, 'backup.restore'),
  ]);
  return { backups, drills, restores };
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
                      <td>{t(`console.backups.status.${r?.status ?? 'unknown'}`)}</td>
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
export function CreateBackup(props: { readonly onDone: (b: Backup) => void }) {
  const { t, m } = useI18n();
  const { api } = useSession();
  const [name, setName] = useState(() => defaultName(new Date()));
  const [target, setTarget] = useState('');
  const [app, setApp] = useState('');
  const [namespaces, setNamespaces] = useState('');
  const [encryption, setEncryption] = useState(true);
  const [busy, setBusy] = useState(false);
  const [step, setStep] = useState('');
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const ran = await api.stream(
        'backup.create',
        {
          name,
          target: target.trim(),
          ...(app.trim() === '' ? {} : { app: app.trim() }),
          namespaces: namespaces
            .split(/[\s,]+/)
            .map((n) => n.trim())
            .filter((n) => n !== ''),
          encryption,
          ...(encryption ? {} : { volumes: 'none' as const }),
        },
        (p: ProgressData) => {
          if (p.message !== undefined) setStep(m(p.message));
        },
      );
      props.onDone(ran.result);
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(500, 'INTERNAL', (err as Error).message));
    } finally {
      setBusy(false);
      setStep('');
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} data-testid="create-backup">
      <label for="backup-name">{t('console.col.name')}</label>
      <input
        id="backup-name"
        required
        pattern="[a-z0-9]([\-a-z0-9]{0,61}[a-z0-9])?"
        value={name}
        onInput={(e) => setName((e.target as HTMLInputElement).value)}
      />
      <label for="backup-target">{t('console.backups.target')}</label>
      <input
        id="backup-target"
        required
        aria-describedby="backup-target-help"
        value={target}
        onInput={(e) => setTarget((e.target as HTMLInputElement).value)}
      />
      <p id="backup-target-help" class="muted">
        {t('console.backups.targetHelp')}
      </p>
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
      {encryption ? null : <p class="muted">{t('console.backups.clearHint')}</p>}
      <div class="actions">
        <button type="submit" disabled={busy}>
          {busy ? t('console.running') : t('console.backups.create')}
        </button>
      </div>
      {step === '' ? null : (
        <p role="status" class="muted">
          {step}
        </p>
      )}
      {error === undefined ? null : <ErrorNotice error={error} />}
    </form>
  );
}

export function BackupsPage() {
  const { t, bytes } = useI18n();
  const [load, retry] = useLive((api) => loadBackups(api), [], []);
  const [access] = useUseCase('view.access', {}, [], []);
  // Written in the reader's language at each render (it may change).
  const [done, setDone] = useState<Backup | undefined>(undefined);
  return (
    <>
      <h1>{t('console.backups.title')}</h1>
      {done === undefined ? null : (
        <p role="status" class="notice ok">
          {t('console.backups.done', { name: done.name, size: bytes(backupBytes(done)) })}
        </p>
      )}
      {access.state === 'ok' && access.data.backup ? (
        <Section title={t('console.backups.new')}>
          <CreateBackup
            onDone={(b) => {
              setDone(b);
              retry();
            }}
          />
        </Section>
      ) : null}
      <BackupsView load={load} retry={retry} />
    </>
  );
}
