import { useEffect, useRef, useState } from 'preact/hooks';
import { useAction } from '../action.js';
import { ApiError, type Req, type Res } from '../api.js';
import { useI18n } from '../i18n.js';
import { Loaded, useSession, type Load } from '../state.js';
import { Empty, Section } from '../ui.js';
import { ActionSubmit, ReasonDialog, ReasonField } from './AppActions.js';

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
  /** The user may write schedules (ConfigMaps in quai-system): suspend, resume, delete are shown. */
  readonly canManage?: boolean;
  readonly onChange?: (schedule: Schedule, change: 'suspend' | 'resume' | 'delete') => void;
}) {
  const manage = props.canManage === true && props.onChange !== undefined;
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
                {props.canRun || manage ? <td /> : null}
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
                    {props.canRun || manage ? (
                      <td class="row-actions">
                        {props.canRun ? (
                          <button type="button" onClick={() => props.onRun(s.name)}>
                            {t('console.schedules.run', { name: s.name })}
                          </button>
                        ) : null}
                        {manage ? (
                          <>
                            <button
                              type="button"
                              onClick={() => props.onChange?.(s, s.suspend ? 'resume' : 'suspend')}
                            >
                              {t(s.suspend ? 'console.scheduleEdit.resume' : 'console.scheduleEdit.suspend', {
                                name: s.name,
                              })}
                            </button>
                            <button
                              type="button"
                              class="danger"
                              onClick={() => props.onChange?.(s, 'delete')}
                            >
                              {t('console.scheduleEdit.delete', { name: s.name })}
                            </button>
                          </>
                        ) : null}
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

type Problem = Res<'backup.scheduleCreate'>['problems'][number];

/** What the schedule form holds, as typed. */
export interface ScheduleForm {
  readonly name: string;
  readonly cron: string;
  readonly timeZone: string;
  readonly namespaces: string;
  readonly app: string;
  readonly target: string;
  readonly encryption: 'key' | 'none';
  readonly keySecret: string;
  readonly keepLast: string;
  readonly keepHourly: string;
  readonly keepDaily: string;
  readonly keepWeekly: string;
  readonly keepMonthly: string;
  readonly ttl: string;
  readonly volumes: 'none' | 'job' | 'local';
  readonly drillAfter: boolean;
}

const KEEP = ['keepLast', 'keepHourly', 'keepDaily', 'keepWeekly', 'keepMonthly'] as const;

/** The reader's time zone (the browser's), where the cron of a new schedule is read by default. */
export const readerTimeZone = (): string => {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
};

export const emptyScheduleForm = (timeZone: string): ScheduleForm => ({
  name: '',
  cron: '30 2 * * *',
  timeZone,
  namespaces: '',
  app: '',
  target: '',
  encryption: 'key',
  keySecret: '',
  keepLast: '',
  keepHourly: '',
  keepDaily: '7',
  keepWeekly: '4',
  keepMonthly: '',
  ttl: '',
  volumes: 'none',
  drillAfter: false,
});

/** The request of `backup.scheduleCreate` the form stands for: what is empty is left out. */
export function scheduleRequest(f: ScheduleForm): Req<'backup.scheduleCreate'> {
  const namespaces = f.namespaces
    .split(/[\s,]+/)
    .map((n) => n.trim())
    .filter((n) => n !== '');
  const retention = Object.fromEntries(
    KEEP.map((k) => [k, Number.parseInt(f[k], 10)] as const).filter(([, n]) => Number.isInteger(n) && n >= 1),
  );
  return {
    name: f.name.trim(),
    cron: f.cron.trim(),
    timeZone: f.timeZone.trim(),
    ...(namespaces.length === 0 ? {} : { namespaces }),
    ...(f.app.trim() === '' ? {} : { app: f.app.trim() }),
    ...(f.target.trim() === '' ? {} : { target: f.target.trim() }),
    ...(f.encryption === 'none'
      ? { encryption: 'none' as const }
      : f.keySecret.trim() === ''
        ? {}
        : { encryption: { keySecret: f.keySecret.trim() } }),
    ...(Object.keys(retention).length === 0 ? {} : { retention }),
    ...(f.ttl.trim() === '' ? {} : { ttl: f.ttl.trim() }),
    ...(f.volumes === 'none' ? {} : { volumes: { mover: f.volumes } }),
    ...(f.drillAfter ? { drill: { afterBackup: true } } : {}),
  };
}

/** The message of each problem by the form's field it belongs to (the first for each field). */
export function problemsByField(problems: readonly Problem[]): Readonly<Record<string, Problem['message']>> {
  const out: Record<string, Problem['message']> = {};
  for (const p of problems) {
    const field = p.field.startsWith('retention')
      ? 'retention'
      : p.field.startsWith('volumes')
        ? 'volumes'
        : p.field;
    out[field] ??= p.message;
  }
  return out;
}

/** The field a refused creation names (the server checked again: a name taken meanwhile). */
export function fieldOfError(error: ApiError): Problem | undefined {
  const message = error.i18n?.message;
  const problem = message?.params?.['problem'];
  if (message?.id !== 'backup.schedule.invalidNow' || typeof problem !== 'object' || problem === null)
    return undefined;
  const id = (problem as { id?: string }).id ?? '';
  const field =
    {
      'backup.schedule.exists': 'name',
      'backup.schedule.badName': 'name',
      'backup.schedule.cronFields': 'cron',
      'backup.schedule.badCron': 'cron',
      'backup.schedule.badTimeZone': 'timeZone',
      'backup.schedule.relativeTarget': 'target',
      'backup.schedule.noTarget': 'target',
      'backup.schedule.noNamespaces': 'namespaces',
      'backup.schedule.noEncryption': 'keySecret',
      'backup.schedule.dataWithoutKey': 'keySecret',
      'backup.schedule.badTtl': 'ttl',
    }[id] ?? undefined;
  return field === undefined ? undefined : { field, message: problem };
}

/** What a problem's field stands on in the form (the encryption: its choice and its Secret). */
function valuesOf(f: ScheduleForm, field: string): string {
  const top = field.split('.')[0] ?? '';
  if (top === 'encryption' || top === 'keySecret') return `${f.encryption}/${f.keySecret}`;
  if (top === 'retention') return KEEP.map((k) => f[k]).join('/');
  if (top === 'drill') return String(f.drillAfter);
  return top in f ? String(f[top as keyof ScheduleForm]) : '';
}

/** The fields in the form's order: the first with a problem gets the focus. */
const FIELDS = [
  'name',
  'cron',
  'timeZone',
  'namespaces',
  'app',
  'target',
  'keySecret',
  'retention',
  'ttl',
  'volumes',
];

/** A field's problem, next to it (the field points at it with aria-describedby). */
function FieldProblem(props: { readonly id: string; readonly message: Problem['message'] | undefined }) {
  const { m } = useI18n();
  return props.message === undefined ? null : (
    <p id={`${props.id}-problem`} class="invalid">
      {m(props.message)}
    </p>
  );
}

const described = (...ids: (string | false)[]): string | undefined =>
  ids.filter((x): x is string => x !== false).join(' ') || undefined;

/** The next runs of the schedule as the reader reads dates (language, time zone). */
export function NextRuns(props: { readonly runs: readonly string[] }) {
  const { t, date } = useI18n();
  return (
    <div data-testid="schedule-preview" aria-live="polite">
      <h3>{t('console.scheduleEdit.preview')}</h3>
      {props.runs.length === 0 ? (
        <p class="muted">{t('console.scheduleEdit.previewNone')}</p>
      ) : (
        <>
          <ol>
            {props.runs.map((r) => (
              <li key={r}>
                <time dateTime={r}>{date(r)}</time>
              </li>
            ))}
          </ol>
          <p class="muted">{t('console.scheduleEdit.previewIn', { zone: readerTimeZone() })}</p>
        </>
      )}
    </div>
  );
}

/**
 * A new backup schedule: its fields, the next runs previewed as the cron is typed (a dry run of
 * backup.scheduleCreate, which also says what is wrong, next to each field), and a reason.
 */
export function ScheduleFormView(props: {
  /** The declared storage targets and those of the schedules already there, suggested for the target. */
  readonly targets: readonly string[];
  readonly onDone: (r: Res<'backup.scheduleCreate'>) => void;
}) {
  const { t } = useI18n();
  const { api } = useSession();
  const action = useAction();
  const [form, setForm] = useState<ScheduleForm>(() => emptyScheduleForm(readerTimeZone()));
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const [runs, setRuns] = useState<readonly string[]>([]);
  // The problems of the last check, and the form they were found in.
  const [checked, setChecked] = useState<{ form: ScheduleForm; problems: readonly Problem[] }>({
    form,
    problems: [],
  });
  const problems = checked.problems;
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set(['cron', 'timeZone']));
  const [submitted, setSubmitted] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const set = <K extends keyof ScheduleForm>(key: K, value: ScheduleForm[K]): void =>
    setForm((f) => ({ ...f, [key]: value }));
  const touch = (field: string) => (): void => setTouched((s) => new Set([...s, field]));
  const check = (f: ScheduleForm, signal?: AbortSignal) =>
    api.run('backup.scheduleCreate', { ...scheduleRequest(f), dryRun: true }, signal);
  // The preview follows the form: a dry run a moment after the last key typed.
  useEffect(() => {
    const controller = new AbortController();
    const timer = setTimeout(() => {
      check(form, controller.signal).then(
        (r) => {
          setRuns(r.result.nextRuns);
          setChecked({ form, problems: r.result.problems });
        },
        () => undefined,
      );
    }, 300);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [form]);
  // A problem is shown once its field was left (or the form sent), and only while the field holds
  // what was checked: a message never stays on a value it is not about.
  const shown = problemsByField(
    problems.filter(
      (p) =>
        (submitted ||
          touched.has(
            p.field.split('.')[0] === 'encryption' ? 'keySecret' : (p.field.split('.')[0] ?? ''),
          )) &&
        valuesOf(checked.form, p.field) === valuesOf(form, p.field),
    ),
  );
  const problemOf = (field: string): Problem['message'] | undefined =>
    field === 'keySecret' ? (shown['keySecret'] ?? shown['encryption']) : shown[field];
  const focusFirst = (all: readonly Problem[]): void => {
    const by = problemsByField(all);
    const first = FIELDS.find(
      (f) => (f === 'keySecret' ? (by['encryption'] ?? by['keySecret']) : by[f]) !== undefined,
    );
    if (first !== undefined) formRef.current?.querySelector<HTMLElement>(`#schedule-${first}`)?.focus();
  };
  const submit = (e: Event): void => {
    e.preventDefault();
    setSubmitted(true);
    if (reason.trim() === '') {
      setMissing(true);
      return;
    }
    void action.run(async () => {
      const dry = await check(form);
      setRuns(dry.result.nextRuns);
      setChecked({ form, problems: dry.result.problems });
      if (dry.result.problems.length > 0) {
        focusFirst(dry.result.problems);
        return;
      }
      try {
        const made = await api.run('backup.scheduleCreate', {
          ...scheduleRequest(form),
          reason: reason.trim(),
        });
        setForm(emptyScheduleForm(form.timeZone));
        setReason('');
        setSubmitted(false);
        setTouched(new Set(['cron', 'timeZone']));
        props.onDone(made.result);
      } catch (error) {
        const field = error instanceof ApiError ? fieldOfError(error) : undefined;
        if (field === undefined) throw error;
        setChecked({ form, problems: [field] });
        focusFirst([field]);
      }
    });
  };
  const input = (
    field: keyof ScheduleForm,
    label: string,
    extra: {
      help?: string;
      required?: boolean;
      pattern?: string;
      list?: string;
      number?: boolean;
    } = {},
  ) => {
    const id = `schedule-${field}`;
    const problem = problemOf(field);
    return (
      <>
        <label for={id}>{label}</label>
        <input
          id={id}
          {...(extra.number ? { type: 'number' as const, min: 1 } : {})}
          {...(extra.list === undefined ? {} : { list: extra.list })}
          {...(extra.required ? { required: true } : {})}
          {...(extra.pattern === undefined ? {} : { pattern: extra.pattern })}
          aria-invalid={problem !== undefined}
          aria-describedby={described(
            extra.help !== undefined && `${id}-help`,
            problem !== undefined && `${id}-problem`,
          )}
          value={form[field] as string}
          onInput={(e) => set(field, (e.target as HTMLInputElement).value as never)}
          onBlur={touch(field)}
        />
        {extra.help === undefined ? null : (
          <p id={`${id}-help`} class="muted">
            {extra.help}
          </p>
        )}
        <FieldProblem id={id} message={problem} />
      </>
    );
  };
  return (
    <form ref={formRef} onSubmit={submit} data-testid="schedule-form" noValidate>
      {input('name', t('console.col.name'), {
        help: t('console.scheduleEdit.nameHelp'),
        required: true,
      })}
      {input('cron', t('console.scheduleEdit.cron'), {
        help: t('console.scheduleEdit.cronHelp'),
        required: true,
      })}
      {input('timeZone', t('console.scheduleEdit.timeZone'), {
        help: t('console.scheduleEdit.timeZoneHelp'),
        required: true,
        list: 'schedule-zones',
      })}
      <datalist id="schedule-zones">
        {[
          'Europe/Paris',
          'America/Cayenne',
          'America/Guadeloupe',
          'America/Martinique',
          'Indian/Reunion',
          'Indian/Mayotte',
          'Pacific/Noumea',
          'Pacific/Tahiti',
          'UTC',
        ].map((z) => (
          <option key={z} value={z} />
        ))}
      </datalist>
      <NextRuns runs={runs} />
      <fieldset>
        <legend>{t('console.scheduleEdit.scope')}</legend>
        {input('namespaces', t('console.scheduleEdit.namespaces'))}
        {input('app', t('console.backups.app'))}
      </fieldset>
      {input('target', t('console.backups.target'), {
        help: t('console.scheduleEdit.targetHelp'),
        required: true,
        list: 'schedule-targets',
      })}
      <datalist id="schedule-targets">
        {props.targets.map((x) => (
          <option key={x} value={x} />
        ))}
      </datalist>
      <fieldset>
        <legend>{t('console.scheduleEdit.encryption')}</legend>
        <label>
          <input
            type="radio"
            name="schedule-encryption"
            checked={form.encryption === 'key'}
            onChange={() => set('encryption', 'key')}
          />{' '}
          {t('console.scheduleEdit.withKey')}
        </label>
        <label>
          <input
            type="radio"
            name="schedule-encryption"
            checked={form.encryption === 'none'}
            onChange={() => set('encryption', 'none')}
          />{' '}
          {t('console.scheduleEdit.none')}
        </label>
        {/* After both choices: the choices keep their place when the field comes and goes. */}
        {form.encryption === 'key' ? (
          input('keySecret', t('console.scheduleEdit.keySecret'))
        ) : (
          <FieldProblem id="schedule-keySecret" message={problemOf('keySecret')} />
        )}
      </fieldset>
      <fieldset>
        <legend>{t('console.scheduleEdit.retention')}</legend>
        {KEEP.map((k) => (
          <span key={k} class="inline-field">
            {input(k, t(`console.scheduleEdit.${k}`), { number: true })}
          </span>
        ))}
        <FieldProblem id="schedule-retention" message={problemOf('retention')} />
      </fieldset>
      {input('ttl', t('console.scheduleEdit.ttl'), { pattern: '[1-9][0-9]*(m|h|d|w)' })}
      <label for="schedule-volumes">{t('console.scheduleEdit.volumes')}</label>
      <select
        id="schedule-volumes"
        value={form.volumes}
        aria-describedby={problemOf('volumes') === undefined ? undefined : 'schedule-volumes-problem'}
        onChange={(e) => set('volumes', (e.target as HTMLSelectElement).value as ScheduleForm['volumes'])}
      >
        <option value="none">{t('console.scheduleEdit.volumesNone')}</option>
        <option value="job">{t('console.scheduleEdit.volumesJob')}</option>
        <option value="local">{t('console.scheduleEdit.volumesLocal')}</option>
      </select>
      <FieldProblem id="schedule-volumes" message={problemOf('volumes')} />
      <label>
        <input
          type="checkbox"
          checked={form.drillAfter}
          onChange={(e) => set('drillAfter', (e.target as HTMLInputElement).checked)}
        />{' '}
        {t('console.scheduleEdit.drillAfter')}
      </label>
      <ReasonField
        id="schedule"
        value={reason}
        missing={missing}
        onInput={(v) => {
          setReason(v);
          setMissing(false);
        }}
      />
      {submitted && problems.length > 0 ? (
        <p role="alert" class="invalid">
          {t('console.scheduleEdit.fix')}
        </p>
      ) : null}
      <ActionSubmit action={action} label={t('console.scheduleEdit.create')} />
    </form>
  );
}

/** Suspends, resumes or deletes a schedule, with a reason (recorded in the audit trail). */
export function ScheduleChangeDialog(props: {
  readonly schedule: Schedule;
  readonly change: 'suspend' | 'resume' | 'delete';
  readonly onClose: () => void;
  readonly onDone: (text: string) => void;
}) {
  const { t, date } = useI18n();
  const { api } = useSession();
  const { schedule: s, change } = props;
  return (
    <ReasonDialog
      id={`${change}-schedule`}
      title={t(`console.scheduleEdit.${change}Title`, { name: s.name })}
      explain={
        change === 'delete'
          ? t('console.scheduleEdit.deleteExplain', { target: s.target })
          : change === 'suspend'
            ? t('console.scheduleEdit.suspendExplain', { name: s.name })
            : t('console.scheduleEdit.resumeExplain', { cron: s.cron, zone: s.timeZone })
      }
      confirm={t(`console.scheduleEdit.${change}Confirm`)}
      onClose={props.onClose}
      onConfirm={async (reason) => {
        if (change === 'delete') {
          await api.run('backup.scheduleDelete', { name: s.name, reason });
          props.onDone(t('console.scheduleEdit.deleted', { name: s.name }));
          return;
        }
        const r = await api.run('backup.scheduleSuspend', {
          name: s.name,
          suspend: change === 'suspend',
          reason,
        });
        props.onDone(
          r.result.suspend
            ? t('console.scheduleEdit.suspended', { name: s.name })
            : t('console.scheduleEdit.resumed', { name: s.name, date: date(r.result.nextRun ?? '') }),
        );
      }}
    />
  );
}

/**
 * The schedules part of the backups page: the list (run now, suspend, resume, delete), then the
 * form of a new schedule. Changes are shown only to those the API server would let make them.
 */
export function SchedulesPart(props: {
  readonly load: Load<Res<'view.schedules'>>;
  readonly retry: () => void;
  readonly last: LastResults;
  readonly canRun: boolean;
  readonly onRun: (name: string) => void;
  readonly canManage: boolean;
  /** The storage targets of the platform settings, by name: through the API, the only ones allowed. */
  readonly declaredTargets?: readonly string[];
}) {
  const { t, date } = useI18n();
  const [changing, setChanging] = useState<
    { schedule: Schedule; change: 'suspend' | 'resume' | 'delete' } | undefined
  >(undefined);
  const [done, setDone] = useState<string | undefined>(undefined);
  const [created, setCreated] = useState<Res<'backup.scheduleCreate'> | undefined>(undefined);
  const targets = [
    ...new Set([
      ...(props.declaredTargets ?? []),
      ...(props.load.state === 'ok' ? props.load.data.schedules.map((s) => s.target).sort() : []),
    ]),
  ];
  return (
    <>
      <Section title={t('console.schedules.title')}>
        {done === undefined ? null : (
          <p role="status" class="notice ok">
            {done}
          </p>
        )}
        <SchedulesView
          load={props.load}
          retry={props.retry}
          last={props.last}
          canRun={props.canRun}
          onRun={props.onRun}
          canManage={props.canManage}
          onChange={(schedule, change) => setChanging({ schedule, change })}
        />
      </Section>
      {props.canManage ? (
        <Section title={t('console.scheduleEdit.new')}>
          {created === undefined ? null : (
            <p role="status" class="notice ok">
              {t('console.scheduleEdit.created', {
                name: created.name,
                date: date(created.nextRuns[0] ?? ''),
              })}
            </p>
          )}
          <ScheduleFormView
            targets={targets}
            onDone={(r) => {
              setCreated(r);
              props.retry();
            }}
          />
        </Section>
      ) : null}
      {changing === undefined ? null : (
        <ScheduleChangeDialog
          schedule={changing.schedule}
          change={changing.change}
          onClose={() => setChanging(undefined)}
          onDone={(text) => {
            setChanging(undefined);
            setDone(text);
            props.retry();
          }}
        />
      )}
    </>
  );
}
