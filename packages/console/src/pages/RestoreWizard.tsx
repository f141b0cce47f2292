import { useEffect, useRef, useState } from 'preact/hooks';
import type { Req, Res } from '../api.js';
import { useAction } from '../action.js';
import { useI18n } from '../i18n.js';
import { ErrorNotice, useSession } from '../state.js';
import { Empty } from '../ui.js';
import { KeyField, ReasonField } from './AppActions.js';
import { chosenTarget, TargetSelect, type NamedTarget } from './SettingsTargets.js';

type TargetBackups = Res<'view.targetBackups'>;
type TargetBackup = TargetBackups['backups'][number];
type Restore = Res<'backup.restore'>;
type Action = Restore['items'][number]['action'];

/** What the reader chose in the scope step, and turns into a restore request. */
export interface Scope {
  /** Namespaces of the backup to restore, each into a namespace (the same, or a new one). */
  readonly into: Readonly<Record<string, string>>;
  readonly existing: 'skip' | 'update';
  readonly volumes: boolean;
  readonly databases: boolean;
  /** The backup's key (base64), for an encrypted backup. */
  readonly key: string;
}

export function defaultScope(b: TargetBackup): Scope {
  return {
    into: Object.fromEntries(b.namespaces.map((n) => [n, n])),
    existing: 'skip',
    volumes: b.encrypted && b.volumes > 0,
    databases: b.encrypted && b.databases > 0,
    key: '',
  };
}

/** The restore request of a choice: its namespaces, where they go, what happens to existing objects. */
export function restoreRequest(
  target: string,
  b: TargetBackup,
  scope: Scope,
  extra: { dryRun: boolean; reason?: string },
): Req<'backup.restore'> {
  const namespaces = Object.keys(scope.into);
  const mapping = Object.fromEntries(
    Object.entries(scope.into).filter(([from, to]) => to.trim() !== '' && to.trim() !== from),
  );
  return {
    target,
    backup: b.name,
    namespaces,
    namespaceMapping: Object.fromEntries(Object.entries(mapping).map(([k, v]) => [k, v.trim()])),
    existing: scope.existing,
    dryRun: extra.dryRun,
    ...(extra.reason === undefined ? {} : { reason: extra.reason }),
    ...(scope.key.trim() === '' ? {} : { key: { base64: scope.key.trim() } }),
    volumes: scope.volumes ? 'restic' : 'none',
    databases: scope.databases,
  };
}

const GROUPS: readonly { readonly id: string; readonly actions: readonly Action[] }[] = [
  { id: 'console.restore.wouldCreate', actions: ['would-create', 'created'] },
  { id: 'console.restore.wouldSkip', actions: ['would-skip', 'skipped'] },
  { id: 'console.restore.wouldUpdate', actions: ['would-update', 'updated'] },
  { id: 'console.restore.conflicts', actions: ['failed'] },
];

/** A restore's result (its dry run, or the real one): counts by what happens, then each object. */
export function RestorePreview(props: { readonly result: Restore }) {
  const { t, m, num } = useI18n();
  const r = props.result;
  const data = [...(r.data?.volumes ?? []), ...(r.data?.databases ?? [])].map((d) => ({
    name: 'claim' in d ? d.claim : d.database,
    action: d.action,
    reason: d.reason,
  }));
  return (
    <div data-testid="restore-preview">
      <dl class="counts">
        {GROUPS.map((g) => (
          <div key={g.id}>
            <dt>{t(g.id as 'console.restore.wouldCreate')}</dt>
            <dd>{num(r.items.filter((i) => g.actions.includes(i.action)).length)}</dd>
          </div>
        ))}
      </dl>
      {r.items.some((i) => i.action === 'failed') ? (
        <ul data-testid="conflicts">
          {r.items
            .filter((i) => i.action === 'failed')
            .map((i) => (
              <li key={i.object}>
                {i.object}
                {i.reason === undefined ? '' : ` — ${i.reason}`}
              </li>
            ))}
        </ul>
      ) : null}
      {data.length === 0 ? null : (
        <>
          <h4>{t('console.restore.data')}</h4>
          <ul>
            {data.map((d) => (
              <li key={d.name}>
                {d.name} — {t(`console.restore.action.${d.action}`)}
                {d.reason === undefined ? '' : ` (${d.reason})`}
              </li>
            ))}
          </ul>
        </>
      )}
      {r.warnings.length === 0 ? null : (
        <>
          <h4>{t('console.restore.warnings')}</h4>
          <ul>
            {r.warnings.map((w, i) => (
              <li key={i}>{m(w)}</li>
            ))}
          </ul>
        </>
      )}
      <details>
        <summary>{t('console.restore.objects')}</summary>
        <table data-testid="restore-items">
          <thead>
            <tr>
              <th scope="col">{t('console.col.object')}</th>
              <th scope="col">{t('console.col.action')}</th>
            </tr>
          </thead>
          <tbody>
            {r.items.map((i) => (
              <tr key={i.object}>
                <th scope="row">{i.object}</th>
                <td>
                  {t(`console.restore.action.${i.action}`)}
                  {i.reason === undefined ? '' : ` — ${i.reason}`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </div>
  );
}

/** The backups of a target, one to choose (radio buttons: one tab stop, arrows move). */
export function TargetBackupsTable(props: {
  readonly backups: readonly TargetBackup[];
  readonly chosen: string | undefined;
  readonly onChoose: (name: string) => void;
}) {
  const { t, date, bytes } = useI18n();
  if (props.backups.length === 0) return <Empty>{t('console.restore.noBackups')}</Empty>;
  return (
    <table data-testid="target-backups">
      <thead>
        <tr>
          <th scope="col">{t('console.restore.chosen')}</th>
          <th scope="col">{t('console.col.name')}</th>
          <th scope="col">{t('console.col.when')}</th>
          <th scope="col">{t('console.col.status')}</th>
          <th scope="col">{t('console.backups.namespaces')}</th>
          <th scope="col">{t('console.backups.size')}</th>
          <th scope="col">{t('console.restore.encryption')}</th>
        </tr>
      </thead>
      <tbody>
        {props.backups.map((b) => (
          <tr key={b.name}>
            <td>
              <input
                type="radio"
                name="restore-backup"
                aria-label={t('console.restore.choose', { name: b.name })}
                checked={props.chosen === b.name}
                onChange={() => props.onChoose(b.name)}
              />
            </td>
            <th scope="row">{b.name}</th>
            <td>{date(b.completedAt)}</td>
            <td>{t(`console.backups.status.${b.status}`)}</td>
            <td>{b.namespaces.join(', ')}</td>
            <td>{bytes(b.bytes)}</td>
            <td>{b.encrypted ? t('console.restore.encrypted') : t('console.restore.clear')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

type Step = 'choose' | 'scope' | 'preview' | 'run';
const STEPS: readonly Step[] = ['choose', 'scope', 'preview', 'run'];

/**
 * The restore wizard: a backup from a target, its scope (namespaces, where to, existing objects,
 * volume data and dumps), the dry run's preview, a confirmation with a reason, then the restore
 * with its progress as server-sent events; its report then joins the page's history.
 */
export function RestoreWizard(props: {
  /** The storage targets of the settings (the API accepts no other). */
  readonly targets: readonly NamedTarget[];
  readonly onDone: (r: Restore) => void;
}) {
  const { t, num } = useI18n();
  const { api } = useSession();
  const action = useAction();
  const [step, setStep] = useState<Step>('choose');
  const [target, setTarget] = useState('');
  const [listed, setListed] = useState<TargetBackups | undefined>(undefined);
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const [scope, setScope] = useState<Scope | undefined>(undefined);
  const [preview, setPreview] = useState<Restore | undefined>(undefined);
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const [result, setResult] = useState<Restore | undefined>(undefined);
  const { busy, error } = action;
  const heading = useRef<HTMLHeadingElement>(null);
  const backup = listed?.backups.find((b) => b.name === chosen);
  const where = chosenTarget(target, props.targets);

  // Each step starts at its heading, for keyboard and screen-reader users.
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    heading.current?.focus();
  }, [step]);

  const read = (e: Event): void => {
    e.preventDefault();
    void action.run(async () => {
      const ran = await api.run('view.targetBackups', { target: where });
      setListed(ran.result);
      setChosen(undefined);
    });
  };
  const toScope = (): void => {
    if (backup === undefined) return;
    setScope(defaultScope(backup));
    setStep('scope');
  };
  const toPreview = (e: Event): void => {
    e.preventDefault();
    if (backup === undefined || scope === undefined) return;
    if (Object.keys(scope.into).length === 0) {
      action.clear();
      setMissing(true);
      return;
    }
    void action.run(async () => {
      const ran = await api.run(
        'backup.restore',
        // A preview changes nothing: the API asks no reason for it and keeps it out of the trail.
        restoreRequest(where, backup, scope, { dryRun: true }),
      );
      setPreview(ran.result);
      setMissing(false);
      setReason('');
      setStep('preview');
    });
  };
  const run = (e: Event): void => {
    e.preventDefault();
    if (backup === undefined || scope === undefined) return;
    if (reason.trim() === '') return setMissing(true);
    setStep('run');
    void action.run(async (progress) => {
      const ran = await api.stream(
        'backup.restore',
        restoreRequest(where, backup, scope, { dryRun: false, reason: reason.trim() }),
        progress,
      );
      setResult(ran.result);
      props.onDone(ran.result);
    });
  };
  const restart = (): void => {
    setStep('choose');
    setChosen(undefined);
    setScope(undefined);
    setPreview(undefined);
    setResult(undefined);
    setReason('');
    action.clear();
  };

  const n = STEPS.indexOf(step) + 1;
  return (
    <div class="wizard" data-testid="restore-wizard">
      <h3 ref={heading} tabIndex={-1}>
        {t('console.restore.step', { n: num(n), name: t(`console.restore.step.${step}`) })}
      </h3>
      {step === 'choose' ? (
        <>
          <form onSubmit={read}>
            <TargetSelect id="restore-target" targets={props.targets} value={where} onChange={setTarget} />
            <div class="actions">
              <button type="submit" disabled={busy || where === ''}>
                {busy ? t('console.running') : t('console.restore.read')}
              </button>
            </div>
          </form>
          {listed === undefined ? null : (
            <>
              <TargetBackupsTable backups={listed.backups} chosen={chosen} onChoose={setChosen} />
              <div class="actions">
                <button type="button" disabled={backup === undefined} onClick={toScope}>
                  {t('console.restore.next')}
                </button>
              </div>
            </>
          )}
        </>
      ) : null}
      {step === 'scope' && backup !== undefined && scope !== undefined ? (
        <form onSubmit={toPreview} data-testid="restore-scope">
          <fieldset>
            <legend>{t('console.restore.namespaces')}</legend>
            {backup.namespaces.map((ns) => {
              const on = ns in scope.into;
              const id = `restore-into-${ns}`;
              return (
                <div key={ns} class="row">
                  <label>
                    <input
                      type="checkbox"
                      checked={on}
                      onChange={(e) => {
                        const into = { ...scope.into };
                        if ((e.target as HTMLInputElement).checked) into[ns] = ns;
                        else delete into[ns];
                        setScope({ ...scope, into });
                        setMissing(false);
                      }}
                    />{' '}
                    {ns}
                  </label>
                  {on ? (
                    <>
                      <label for={id}>{t('console.restore.into', { namespace: ns })}</label>
                      <input
                        id={id}
                        required
                        pattern="[a-z0-9]([\-a-z0-9]{0,61}[a-z0-9])?"
                        aria-describedby="restore-into-help"
                        value={scope.into[ns]}
                        onInput={(e) =>
                          setScope({
                            ...scope,
                            into: { ...scope.into, [ns]: (e.target as HTMLInputElement).value },
                          })
                        }
                      />
                    </>
                  ) : null}
                </div>
              );
            })}
            <p id="restore-into-help" class="muted">
              {t('console.restore.intoHelp')}
            </p>
            {missing ? (
              <p class="invalid" role="alert">
                {t('console.restore.pickOne')}
              </p>
            ) : null}
          </fieldset>
          <fieldset>
            <legend>{t('console.restore.existing')}</legend>
            {(['skip', 'update'] as const).map((x) => (
              <label key={x}>
                <input
                  type="radio"
                  name="restore-existing"
                  checked={scope.existing === x}
                  onChange={() => setScope({ ...scope, existing: x })}
                />{' '}
                {t(`console.restore.existing.${x}`)}
              </label>
            ))}
          </fieldset>
          {backup.volumes > 0 ? (
            <label>
              <input
                type="checkbox"
                checked={scope.volumes}
                onChange={(e) => setScope({ ...scope, volumes: (e.target as HTMLInputElement).checked })}
              />{' '}
              {t('console.restore.volumes', { count: num(backup.volumes) })}
            </label>
          ) : null}
          {backup.databases > 0 ? (
            <label>
              <input
                type="checkbox"
                checked={scope.databases}
                onChange={(e) => setScope({ ...scope, databases: (e.target as HTMLInputElement).checked })}
              />{' '}
              {t('console.restore.databases', { count: num(backup.databases) })}
            </label>
          ) : null}
          {backup.encrypted ? (
            <>
              <KeyField
                id="restore-key"
                label={t('console.restore.key')}
                help={t('console.restore.keyHelp')}
                value={scope.key}
                onInput={(v) => setScope({ ...scope, key: v })}
              />
            </>
          ) : null}
          <div class="actions">
            <button type="button" onClick={() => setStep('choose')} disabled={busy}>
              {t('console.restore.back')}
            </button>
            <button type="submit" disabled={busy}>
              {busy ? t('console.running') : t('console.restore.preview')}
            </button>
          </div>
        </form>
      ) : null}
      {step === 'preview' && preview !== undefined && backup !== undefined ? (
        <form onSubmit={run}>
          <h4>{t('console.restore.previewOf', { backup: backup.name })}</h4>
          <RestorePreview result={preview} />
          <p>{t('console.restore.confirmExplain')}</p>
          <ReasonField
            id="restore"
            value={reason}
            missing={missing}
            onInput={(v) => {
              setReason(v);
              setMissing(false);
            }}
          />
          <div class="actions">
            <button type="button" onClick={() => setStep('scope')} disabled={busy}>
              {t('console.restore.back')}
            </button>
            <button type="submit" class="danger" disabled={busy}>
              {t('console.restore.confirm')}
            </button>
          </div>
        </form>
      ) : null}
      {step === 'run' ? (
        <>
          <h4>{t('console.restore.progress')}</h4>
          <div role="log" aria-live="polite" data-testid="restore-progress">
            <ol class="progress">
              {action.steps.map((line, i) => (
                <li key={i}>{line}</li>
              ))}
            </ol>
          </div>
          {busy ? (
            <p role="status" class="muted">
              {t('console.running')}
            </p>
          ) : null}
          {result === undefined ? null : (
            <>
              <p role="status" class={`notice ${result.status === 'completed' ? 'ok' : 'error'}`}>
                {t('console.restore.done', {
                  backup: result.backup,
                  status: t(`console.restore.status.${result.status}`),
                  created: num(result.counts.created ?? 0),
                  updated: num(result.counts.updated ?? 0),
                  skipped: num(result.counts.skipped ?? 0),
                  failed: num(result.counts.failed ?? 0),
                  seconds: t('console.backups.seconds', { n: num(Math.round(result.seconds * 10) / 10) }),
                })}
              </p>
              <RestorePreview result={result} />
            </>
          )}
          {busy ? null : (
            <div class="actions">
              <button type="button" onClick={restart}>
                {t('console.restore.restart')}
              </button>
            </div>
          )}
        </>
      ) : null}
      {error === undefined ? null : <ErrorNotice error={error} />}
    </div>
  );
}
