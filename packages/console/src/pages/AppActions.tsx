import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Action } from '../action.js';
import { ApiError, type ProgressData, type Res } from '../api.js';
import { useI18n } from '../i18n.js';
import { FieldChanges } from './FieldChanges.js';
import { ErrorNotice, useSession } from '../state.js';
import { Empty } from '../ui.js';

const asApiError = (err: unknown): ApiError =>
  err instanceof ApiError ? err : new ApiError(500, 'INTERNAL', (err as Error).message);

/**
 * A change that asks for a reason first (a rollback, a scale): nothing is sent without one, and
 * the reason goes to the audit trail with the user's name.
 */
export function ReasonDialog(props: {
  readonly id: string;
  readonly title: string;
  readonly explain: string;
  readonly confirm: string;
  /** More fields above the reason (the replicas of a scale). */
  readonly children?: ComponentChildren;
  readonly onConfirm: (reason: string) => Promise<void>;
  readonly onClose: () => void;
}) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    form.current?.querySelector<HTMLElement>('input, textarea')?.focus();
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape' && !busy) props.onClose();
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, [busy]);
  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    if (reason.trim() === '') return setMissing(true);
    setBusy(true);
    setError(undefined);
    try {
      await props.onConfirm(reason.trim());
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="dialog" role="dialog" aria-modal="true" aria-labelledby={`${props.id}-title`}>
      <form ref={form} onSubmit={(e) => void submit(e)}>
        <h2 id={`${props.id}-title`}>{props.title}</h2>
        <p>{props.explain}</p>
        {props.children}
        <ReasonField
          id={props.id}
          value={reason}
          missing={missing}
          onInput={(v) => {
            setReason(v);
            setMissing(false);
          }}
        />
        {error === undefined ? null : <ErrorNotice error={error} />}
        <div class="actions">
          <button type="button" onClick={props.onClose} disabled={busy}>
            {t('console.cancel')}
          </button>
          <button type="submit" class="danger" disabled={busy}>
            {busy ? t('console.running') : props.confirm}
          </button>
        </div>
      </form>
    </div>
  );
}

/** The reason of a change: required, said when missing, kept to 1,000 characters. */
export function ReasonField(props: {
  /** The form's id: the field is `ID-reason`. */
  readonly id: string;
  readonly value: string;
  readonly missing: boolean;
  readonly onInput: (value: string) => void;
}) {
  const { t } = useI18n();
  const reasonId = `${props.id}-reason`;
  return (
    <>
      <label for={reasonId}>{t('console.reason')}</label>
      <textarea
        id={reasonId}
        required
        aria-required="true"
        aria-invalid={props.missing}
        aria-describedby={props.missing ? `${props.id}-missing` : undefined}
        maxLength={1000}
        value={props.value}
        onInput={(e) => props.onInput((e.target as HTMLTextAreaElement).value)}
      />
      {props.missing ? (
        <p id={`${props.id}-missing`} class="invalid">
          {t('console.reasonMissing')}
        </p>
      ) : null}
    </>
  );
}

/** A backup key (base64): a password field, never kept by the page or the server. */
export function KeyField(props: {
  readonly id: string;
  readonly label: string;
  readonly help?: string;
  readonly required?: boolean;
  readonly value: string;
  readonly onInput: (value: string) => void;
}) {
  return (
    <>
      <label for={props.id}>{props.label}</label>
      <input
        id={props.id}
        type="password"
        autocomplete="off"
        required={props.required === true}
        aria-describedby={props.help === undefined ? undefined : `${props.id}-help`}
        value={props.value}
        onInput={(e) => props.onInput((e.target as HTMLInputElement).value)}
      />
      {props.help === undefined ? null : (
        <p id={`${props.id}-help`} class="muted">
          {props.help}
        </p>
      )}
    </>
  );
}

/** A form's submit button, then its last progress message while it runs, then its error. */
export function ActionSubmit(props: { readonly action: Action; readonly label: string }) {
  const { t } = useI18n();
  const { action } = props;
  const step = action.busy ? action.steps.at(-1) : undefined;
  return (
    <>
      <div class="actions">
        <button type="submit" disabled={action.busy}>
          {action.busy ? t('console.running') : props.label}
        </button>
      </div>
      {step === undefined ? null : (
        <p role="status" class="muted">
          {step}
        </p>
      )}
      {action.error === undefined ? null : <ErrorNotice error={action.error} />}
    </>
  );
}

type Scalable = Res<'view.app'>['scalable'][number];

/** The replicas of one component, set through `capacity.scale` (recorded in the audit trail). */
export function ScaleDialog(props: {
  readonly app: string;
  readonly namespace: string;
  readonly environment: string;
  readonly target: Scalable;
  readonly onDone: (result: Res<'capacity.scale'>) => void;
  readonly onClose: () => void;
}) {
  const { t } = useI18n();
  const { api } = useSession();
  const [replicas, setReplicas] = useState(props.target.replicas);
  const { component } = props.target;
  return (
    <ReasonDialog
      id="scale"
      title={t('console.scale.title', { component, app: props.app })}
      explain={t('console.scale.explain', { replicas: props.target.replicas })}
      confirm={t('console.scale.confirm')}
      onClose={props.onClose}
      onConfirm={async (reason) => {
        const ran = await api.run('capacity.scale', {
          app: { app: props.app },
          namespace: props.namespace,
          environment: props.environment,
          component,
          replicas,
          reason,
        });
        props.onDone(ran.result);
      }}
    >
      <label for="scale-replicas">{t('console.scale.replicas')}</label>
      <input
        id="scale-replicas"
        type="number"
        min={0}
        max={10_000}
        step={1}
        required
        value={replicas}
        onInput={(e) => setReplicas(Math.max(0, Math.trunc(Number((e.target as HTMLInputElement).value))))}
      />
    </ReasonDialog>
  );
}

type Diff = Res<'view.diff'>;

/** What changed between two revisions, object by object and field by field. */
export function DiffView(props: { readonly diff: Diff }) {
  const { t } = useI18n();
  const { diff } = props;
  return (
    <div data-testid="diff">
      {diff.objects.length === 0 ? <Empty>{t('console.diff.none')}</Empty> : null}
      {diff.objects.map((o) => (
        <FieldChanges
          key={o.object}
          caption={`${o.object} · ${t(`console.diff.change.${o.change}`)}`}
          fields={o.fields}
        />
      ))}
      <p class="muted">{t('console.diff.unchanged', { unchanged: diff.unchanged })}</p>
    </div>
  );
}

/** Two revisions to compare (the one before the current and the current by default). */
export function DiffPanel(props: {
  readonly app: string;
  readonly namespace: string;
  readonly revisions: readonly number[];
  readonly current: number | undefined;
}) {
  const { t } = useI18n();
  const { api } = useSession();
  const sorted = [...props.revisions].sort((a, b) => a - b);
  const to0 = props.current ?? sorted.at(-1) ?? 1;
  const from0 = sorted.filter((n) => n < to0).at(-1) ?? sorted[0] ?? 1;
  const [from, setFrom] = useState(from0);
  const [to, setTo] = useState(to0);
  const [busy, setBusy] = useState(false);
  const [diff, setDiff] = useState<Diff | undefined>(undefined);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  if (sorted.length < 2) return null;
  const compare = async (e: Event): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const ran = await api.run('view.diff', { app: props.app, namespace: props.namespace, from, to });
      setDiff(ran.result);
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  };
  const choose = (id: string, label: string, value: number, set: (n: number) => void) => (
    <span>
      <label for={id}>{label}</label>{' '}
      <select id={id} value={value} onChange={(e) => set(Number((e.target as HTMLSelectElement).value))}>
        {sorted.map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </select>
    </span>
  );
  return (
    <>
      <h3>{t('console.diff.title')}</h3>
      <form class="filters" onSubmit={(e) => void compare(e)}>
        {choose('diff-from', t('console.diff.from'), from, setFrom)}
        {choose('diff-to', t('console.diff.to'), to, setTo)}
        <button type="submit" disabled={busy || from === to}>
          {busy ? t('console.running') : t('console.diff.compare')}
        </button>
      </form>
      {error === undefined ? null : <ErrorNotice error={error} />}
      {diff === undefined ? null : <DiffView diff={diff} />}
    </>
  );
}

interface Line {
  readonly pod: string;
  readonly container: string;
  readonly text: string;
}

/** The lines a page keeps: the oldest go first. */
export const MAX_LOG_LINES = 2000;

export function LogLines(props: { readonly lines: readonly Line[]; readonly cut: boolean }) {
  const { t, num } = useI18n();
  if (props.lines.length === 0) return <Empty>{t('console.logs.empty')}</Empty>;
  return (
    <>
      {props.cut ? <p class="muted">{t('console.logs.kept', { n: num(MAX_LOG_LINES) })}</p> : null}
      <pre class="logs" data-testid="logs" tabIndex={0}>
        {props.lines.map((l) => `${l.pod}/${l.container} ${l.text}`).join('\n')}
      </pre>
    </>
  );
}

/** The app's logs: the last lines of one pod or all, and new ones as they come (follow). */
export function LogsPanel(props: {
  readonly app: string;
  readonly namespace: string;
  readonly pods: readonly string[];
}) {
  const { t } = useI18n();
  const { api } = useSession();
  const [pod, setPod] = useState('');
  const [tail, setTail] = useState(100);
  const [lines, setLines] = useState<Line[] | undefined>(undefined);
  const [cut, setCut] = useState(false);
  const [failed, setFailed] = useState<readonly { pod: string; message: string }[]>([]);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [following, setFollowing] = useState(false);
  const controller = useRef<AbortController | undefined>(undefined);
  useEffect(() => () => controller.current?.abort(), []);
  const keep = (next: Line[]): Line[] => {
    if (next.length <= MAX_LOG_LINES) return next;
    setCut(true);
    return next.slice(next.length - MAX_LOG_LINES);
  };
  const request = (follow: boolean) => ({
    app: props.app,
    namespace: props.namespace,
    ...(pod === '' ? {} : { pod }),
    tailLines: tail,
    follow,
  });
  const read = async (follow: boolean): Promise<void> => {
    controller.current?.abort();
    const c = new AbortController();
    controller.current = c;
    setError(undefined);
    setCut(false);
    setBusy(!follow);
    setFollowing(follow);
    try {
      if (!follow) {
        const ran = await api.run('view.logs', request(false), c.signal);
        setLines(keep(ran.result.lines.map((l) => ({ pod: l.pod, container: l.container, text: l.text }))));
        setFailed(ran.result.errors);
        return;
      }
      setLines([]);
      // The server sends the last lines, then each new one, as progress events.
      const ran = await api.stream(
        'view.logs',
        request(true),
        (e: ProgressData) => {
          const p = e.message?.params as Record<string, unknown> | undefined;
          if (e.scope !== 'log' || p === undefined) return;
          const line = { pod: String(p['pod']), container: String(p['container']), text: String(p['line']) };
          setLines((prev) => keep([...(prev ?? []), line]));
        },
        c.signal,
      );
      setFailed(ran.result.errors);
    } catch (err) {
      if (!c.signal.aborted) setError(asApiError(err));
    } finally {
      if (controller.current === c) {
        setBusy(false);
        setFollowing(false);
      }
    }
  };
  return (
    <>
      <form
        class="filters"
        onSubmit={(e) => {
          e.preventDefault();
          void read(false);
        }}
      >
        <span>
          <label for="logs-pod">{t('console.logs.pod')}</label>{' '}
          <select id="logs-pod" value={pod} onChange={(e) => setPod((e.target as HTMLSelectElement).value)}>
            <option value="">{t('console.logs.all')}</option>
            {props.pods.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </span>
        <span>
          <label for="logs-tail">{t('console.logs.tail')}</label>{' '}
          <input
            id="logs-tail"
            type="number"
            min={1}
            max={5000}
            value={tail}
            onInput={(e) =>
              setTail(Math.min(5000, Math.max(1, Math.trunc(Number((e.target as HTMLInputElement).value)))))
            }
          />
        </span>
        <button type="submit" disabled={busy}>
          {busy ? t('console.running') : t('console.logs.show')}
        </button>
        {following ? (
          <button
            type="button"
            onClick={() => {
              controller.current?.abort();
              setFollowing(false);
            }}
          >
            {t('console.logs.stop')}
          </button>
        ) : (
          <button type="button" onClick={() => void read(true)}>
            {t('console.logs.follow')}
          </button>
        )}
      </form>
      {following ? (
        <p role="status" class="muted">
          {t('console.logs.following')}
        </p>
      ) : null}
      {error === undefined ? null : <ErrorNotice error={error} />}
      {failed.map((f) => (
        <p key={f.pod} class="invalid">
          {t('console.logs.failed', { pod: f.pod, message: f.message })}
        </p>
      ))}
      {lines === undefined ? null : <LogLines lines={lines} cut={cut} />}
    </>
  );
}
