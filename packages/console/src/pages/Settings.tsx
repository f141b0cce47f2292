import { useState } from 'preact/hooks';
import type { Req, Res } from '../api.js';
import { useAction } from '../action.js';
import { useI18n } from '../i18n.js';
import { Loaded, useSession, useUseCase, type Load } from '../state.js';
import { Empty, Figure, Section } from '../ui.js';
import { ActionSubmit, ReasonField } from './AppActions.js';

type View = Res<'settings.view'>;
type Platform = View['settings'];
type TargetCheck = View['targets'][number];
type Updated = Res<'settings.update'>;
/** The settings as a change sends them. */
type PlatformInput = NonNullable<Req<'settings.update'>['settings']>;

/** A target as the form edits it: every field a string (empty: not set). */
interface TargetDraft {
  name: string;
  location: string;
  description: string;
  endpoint: string;
  region: string;
  pathStyle: boolean;
  credentialsSecret: string;
  credentialsEnv: string;
}

export interface SettingsDraft {
  displayName: string;
  environment: string;
  description: string;
  targets: TargetDraft[];
  gitlabUrl: string;
  tokenSecret: string;
  tokenEnv: string;
  project: string;
}

export function draftOf(s: Platform): SettingsDraft {
  return {
    displayName: s.cluster.displayName ?? '',
    environment: s.cluster.environment ?? '',
    description: s.cluster.description ?? '',
    targets: s.targets.map((x) => ({
      name: x.name,
      location: x.location,
      description: x.description ?? '',
      endpoint: x.endpoint ?? '',
      region: x.region ?? '',
      pathStyle: x.pathStyle ?? false,
      credentialsSecret: x.credentialsSecret ?? '',
      credentialsEnv: x.credentialsEnv ?? '',
    })),
    gitlabUrl: s.gitlab?.url ?? '',
    tokenSecret: s.gitlab?.tokenSecret ?? '',
    tokenEnv: s.gitlab?.tokenEnv ?? '',
    project: s.gitlab?.project ?? '',
  };
}

/** The settings a draft stands for: empty fields left out, S3 fields only for s3:// locations. */
export function settingsOf(d: SettingsDraft): PlatformInput {
  const opt = <K extends string>(key: K, value: string): { [P in K]?: string } =>
    (value.trim() === '' ? {} : { [key]: value.trim() }) as { [P in K]?: string };
  return {
    cluster: {
      ...opt('displayName', d.displayName),
      ...opt('environment', d.environment),
      ...opt('description', d.description),
    },
    targets: d.targets.map((x) => {
      const s3 = x.location.trim().startsWith('s3://');
      return {
        name: x.name.trim(),
        location: x.location.trim(),
        ...opt('description', x.description),
        ...(s3
          ? {
              ...opt('endpoint', x.endpoint),
              ...opt('region', x.region),
              ...(x.pathStyle ? { pathStyle: true } : {}),
              ...opt('credentialsSecret', x.credentialsSecret),
              ...opt('credentialsEnv', x.credentialsEnv),
            }
          : {}),
      };
    }),
    ...(d.gitlabUrl.trim() === ''
      ? {}
      : {
          gitlab: {
            url: d.gitlabUrl.trim(),
            ...opt('tokenSecret', d.tokenSecret),
            ...opt('tokenEnv', d.tokenEnv),
            ...opt('project', d.project),
          },
        }),
  };
}

const emptyTarget = (): TargetDraft => ({
  name: '',
  location: '',
  description: '',
  endpoint: '',
  region: '',
  pathStyle: false,
  credentialsSecret: '',
  credentialsEnv: '',
});

/** How a target answered the server's check, in words (never a colour alone). */
function CheckText(props: { readonly check: TargetCheck | undefined }) {
  const { t, m, bytes } = useI18n();
  const c = props.check;
  if (c === undefined) return null;
  const parts = [
    c.reachable ? t('console.settings.reachable') : t('console.settings.unreachable'),
    ...(c.writable === true ? [t('console.settings.writable')] : []),
    ...(c.freeBytes === undefined ? [] : [t('console.settings.free', { size: bytes(c.freeBytes) })]),
    ...(c.backups === undefined ? [] : [t('console.settings.backups', { count: c.backups })]),
  ];
  return (
    <>
      <span class={`badge ${c.reachable && c.problem === undefined ? 'ready' : 'failed'}`}>
        {parts.join(', ')}
      </span>
      {c.problem === undefined ? null : <p class="muted">{m(c.problem)}</p>}
    </>
  );
}

function credentialsText(t: ReturnType<typeof useI18n>['t'], target: Platform['targets'][number]): string {
  if (!target.location.startsWith('s3://')) return '';
  if (target.credentialsSecret !== undefined)
    return t('console.settings.credentials.secret', { name: target.credentialsSecret });
  if (target.credentialsEnv !== undefined)
    return t('console.settings.credentials.env', { prefix: target.credentialsEnv });
  return t('console.settings.credentials.default');
}

/** Hours and minutes of a length in milliseconds, as the server's configuration writes them. */
function lengthOf(ms: number): string {
  const m = Math.round(ms / 60_000);
  return m % 60 === 0 ? `${m / 60} h` : m >= 60 ? `${Math.floor(m / 60)} h ${m % 60} min` : `${m} min`;
}

/** What the settings are, read only. */
function SettingsRead(props: { readonly data: View }) {
  const { t, m } = useI18n();
  const d = props.data;
  const s = d.settings;
  const byName = new Map(d.targets.map((c) => [c.name, c]));
  return (
    <>
      {d.invalid === undefined ? null : (
        <div role="alert" class="notice error">
          <p>{m(d.invalid)}</p>
          <p>{t('console.settings.invalid')}</p>
        </div>
      )}
      <Section title={t('console.settings.cluster')}>
        <dl class="figures" data-testid="settings-cluster">
          <Figure label={t('console.settings.displayName')}>{s.cluster.displayName ?? '—'}</Figure>
          <Figure label={t('console.settings.environment')}>{s.cluster.environment ?? '—'}</Figure>
          <Figure label={t('console.settings.apiServer')}>{d.cluster.server}</Figure>
          <Figure label={t('console.settings.version')}>{d.cluster.version ?? '—'}</Figure>
          <Figure label={t('console.overview.nodes')}>
            {d.cluster.nodes === undefined
              ? t('console.settings.nodesHidden')
              : t('console.settings.nodes', {
                  real: d.cluster.nodes.real,
                  simulated: d.cluster.nodes.simulated,
                })}
          </Figure>
        </dl>
        {s.cluster.description === undefined ? null : <p>{s.cluster.description}</p>}
      </Section>
      <Section title={t('console.settings.targets')}>
        {s.targets.length === 0 ? (
          <Empty>{t('console.settings.noTargets')}</Empty>
        ) : (
          <table data-testid="settings-targets">
            <thead>
              <tr>
                <th scope="col">{t('console.settings.name')}</th>
                <th scope="col">{t('console.settings.location')}</th>
                <th scope="col">{t('console.settings.credentials')}</th>
                <th scope="col">{t('console.settings.check')}</th>
              </tr>
            </thead>
            <tbody>
              {s.targets.map((x) => (
                <tr key={x.name}>
                  <th scope="row">
                    {x.name}
                    {x.description === undefined ? null : <p class="muted">{x.description}</p>}
                  </th>
                  <td>
                    {x.location}
                    {x.endpoint === undefined ? null : <p class="muted">{x.endpoint}</p>}
                  </td>
                  <td>{credentialsText(t, x)}</td>
                  <td>
                    <CheckText check={byName.get(x.name)} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
      <Section title={t('console.settings.gitlab')}>
        {s.gitlab === undefined ? (
          <Empty>{t('console.settings.noGitlab')}</Empty>
        ) : (
          <dl class="figures" data-testid="settings-gitlab">
            <Figure label={t('console.settings.gitlabUrl')}>{s.gitlab.url}</Figure>
            <Figure label={t('console.settings.token')}>
              {d.gitlab === undefined || d.gitlab.token === 'none'
                ? t('console.settings.token.none')
                : t('console.settings.tokenState', {
                    where:
                      d.gitlab.token === 'secret'
                        ? t('console.settings.credentials.secret', { name: s.gitlab.tokenSecret ?? '' })
                        : (s.gitlab.tokenEnv ?? ''),
                    state: d.gitlab.tokenFound
                      ? t('console.settings.token.found')
                      : t('console.settings.token.missing'),
                  })}
            </Figure>
            <Figure label={t('console.settings.check')}>
              {d.gitlab === undefined
                ? ''
                : d.gitlab.reachable
                  ? t('console.settings.reachable')
                  : t('console.settings.unreachable')}
              {d.gitlab?.version === undefined
                ? ''
                : ` (${t('console.settings.gitlabVersion', { version: d.gitlab.version })})`}
            </Figure>
            {s.gitlab.project === undefined ? null : (
              <Figure label={t('console.settings.project')}>{s.gitlab.project}</Figure>
            )}
          </dl>
        )}
        {d.gitlab?.problem === undefined ? null : <p class="muted">{m(d.gitlab.problem)}</p>}
      </Section>
      {d.server === undefined ? null : (
        <Section title={t('console.settings.server')}>
          <dl class="figures" data-testid="settings-server">
            <Figure label={t('console.settings.impersonate')}>
              {d.server.impersonate
                ? t('console.settings.impersonate.on')
                : t('console.settings.impersonate.off')}
            </Figure>
            <Figure label={t('console.settings.signIn')}>
              {[
                ...(d.server.signIn.oidc ? [t('console.settings.signIn.oidc')] : []),
                t('console.settings.signIn.tokens', { count: d.server.signIn.tokens }),
              ].join(', ')}
            </Figure>
            <Figure label={t('console.settings.session')}>
              {t('console.settings.sessionLengths', {
                ttl: lengthOf(d.server.sessionTtlMs),
                idle: lengthOf(d.server.idleTimeoutMs),
              })}
            </Figure>
            <Figure label={t('console.settings.language')}>
              {d.server.defaultLang === 'fr' ? 'Français' : 'English'}
            </Figure>
          </dl>
        </Section>
      )}
    </>
  );
}

function Field(props: {
  readonly id: string;
  readonly label: string;
  readonly value: string;
  readonly onInput: (v: string) => void;
  readonly required?: boolean;
  readonly pattern?: string;
  readonly help?: string;
}) {
  return (
    <>
      <label for={props.id}>{props.label}</label>
      <input
        id={props.id}
        value={props.value}
        {...(props.required ? { required: true } : {})}
        {...(props.pattern === undefined ? {} : { pattern: props.pattern })}
        {...(props.help === undefined ? {} : { 'aria-describedby': `${props.id}-help` })}
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

/** The form of those who may change the settings: every field, a reason, then one save. */
export function SettingsForm(props: {
  readonly initial: Platform;
  readonly onSave: (settings: PlatformInput, reason: string) => Promise<void>;
  readonly onCancel: () => void;
}) {
  const { t } = useI18n();
  const action = useAction();
  const [d, setD] = useState<SettingsDraft>(() => draftOf(props.initial));
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const set = (patch: Partial<SettingsDraft>): void => setD({ ...d, ...patch });
  const setTarget = (i: number, patch: Partial<TargetDraft>): void =>
    set({ targets: d.targets.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
  const submit = (e: Event): void => {
    e.preventDefault();
    if (reason.trim() === '') return setMissing(true);
    void action.run(() => props.onSave(settingsOf(d), reason.trim()));
  };
  return (
    <form onSubmit={submit} data-testid="settings-form">
      <fieldset>
        <legend>{t('console.settings.cluster')}</legend>
        <Field
          id="settings-display-name"
          label={t('console.settings.displayName')}
          value={d.displayName}
          onInput={(v) => set({ displayName: v })}
        />
        <Field
          id="settings-environment"
          label={t('console.settings.environment')}
          value={d.environment}
          pattern="[a-z][\-a-z0-9]{0,30}"
          onInput={(v) => set({ environment: v })}
        />
        <Field
          id="settings-description"
          label={t('console.settings.description')}
          value={d.description}
          onInput={(v) => set({ description: v })}
        />
      </fieldset>
      {d.targets.map((x, i) => {
        const p = `settings-target-${i}`;
        const s3 = x.location.trim().startsWith('s3://');
        return (
          <fieldset key={i} data-testid={p}>
            <legend>{`${t('console.settings.targets')} ${i + 1}${x.name === '' ? '' : ` : ${x.name}`}`}</legend>
            <Field
              id={`${p}-name`}
              label={t('console.settings.name')}
              value={x.name}
              required
              pattern="[a-z0-9]([\-a-z0-9]{0,61}[a-z0-9])?"
              onInput={(v) => setTarget(i, { name: v })}
            />
            <Field
              id={`${p}-location`}
              label={t('console.settings.location')}
              value={x.location}
              required
              help={t('console.settings.locationHelp')}
              onInput={(v) => setTarget(i, { location: v })}
            />
            <Field
              id={`${p}-description`}
              label={t('console.settings.description')}
              value={x.description}
              onInput={(v) => setTarget(i, { description: v })}
            />
            {s3 ? (
              <>
                <Field
                  id={`${p}-endpoint`}
                  label={t('console.settings.endpoint')}
                  value={x.endpoint}
                  onInput={(v) => setTarget(i, { endpoint: v })}
                />
                <Field
                  id={`${p}-region`}
                  label={t('console.settings.region')}
                  value={x.region}
                  onInput={(v) => setTarget(i, { region: v })}
                />
                <label>
                  <input
                    type="checkbox"
                    checked={x.pathStyle}
                    onChange={(e) => setTarget(i, { pathStyle: (e.target as HTMLInputElement).checked })}
                  />{' '}
                  {t('console.settings.pathStyle')}
                </label>
                <Field
                  id={`${p}-secret`}
                  label={t('console.settings.credentialsSecret')}
                  value={x.credentialsSecret}
                  onInput={(v) => setTarget(i, { credentialsSecret: v })}
                />
              </>
            ) : null}
            <div class="actions">
              <button type="button" onClick={() => set({ targets: d.targets.filter((_, j) => j !== i) })}>
                {t('console.settings.removeTarget', { name: x.name === '' ? String(i + 1) : x.name })}
              </button>
            </div>
          </fieldset>
        );
      })}
      <div class="actions">
        <button type="button" onClick={() => set({ targets: [...d.targets, emptyTarget()] })}>
          {t('console.settings.addTarget')}
        </button>
      </div>
      <fieldset>
        <legend>{t('console.settings.gitlab')}</legend>
        <Field
          id="settings-gitlab-url"
          label={t('console.settings.gitlabUrl')}
          value={d.gitlabUrl}
          onInput={(v) => set({ gitlabUrl: v })}
        />
        <Field
          id="settings-gitlab-secret"
          label={t('console.settings.tokenSecret')}
          value={d.tokenSecret}
          onInput={(v) => set({ tokenSecret: v })}
        />
        <Field
          id="settings-gitlab-env"
          label={t('console.settings.tokenEnv')}
          value={d.tokenEnv}
          onInput={(v) => set({ tokenEnv: v })}
        />
        <Field
          id="settings-gitlab-project"
          label={t('console.settings.project')}
          value={d.project}
          onInput={(v) => set({ project: v })}
        />
      </fieldset>
      <ReasonField
        id="settings"
        value={reason}
        missing={missing}
        onInput={(v) => {
          setReason(v);
          setMissing(false);
        }}
      />
      <ActionSubmit action={action} label={t('console.settings.save')} />
      <div class="actions">
        <button type="button" onClick={props.onCancel}>
          {t('console.settings.cancel')}
        </button>
      </div>
    </form>
  );
}

/** The settings with their checks; an edit button only for those Kubernetes lets change them. */
export function SettingsView(props: {
  readonly load: Load<View>;
  readonly retry?: () => void;
  readonly editing?: boolean;
  readonly onEdit?: () => void;
  readonly form?: (data: View) => preact.ComponentChildren;
}) {
  const { t } = useI18n();
  return (
    <Loaded load={props.load} {...(props.retry === undefined ? {} : { retry: props.retry })}>
      {(d) => (
        <>
          {d.mayUpdate ? (
            props.editing === true && props.form !== undefined ? (
              props.form(d)
            ) : (
              <div class="actions">
                <button type="button" onClick={props.onEdit}>
                  {t('console.settings.edit')}
                </button>
              </div>
            )
          ) : (
            <p class="notice" data-testid="settings-read-only">
              {t('console.settings.readOnly')}
            </p>
          )}
          {props.editing === true && d.mayUpdate ? null : <SettingsRead data={d} />}
        </>
      )}
    </Loaded>
  );
}

export function SettingsPage() {
  const { t } = useI18n();
  const { api } = useSession();
  const [load, retry] = useUseCase('settings.view', {}, [], []);
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState<Updated | undefined>(undefined);
  return (
    <>
      <h1>{t('console.settings.title')}</h1>
      <p class="muted">{t('console.settings.intro')}</p>
      {saved === undefined ? null : (
        <p role="status" class="notice ok">
          {t('console.settings.saved', { count: saved.changes.length })}
        </p>
      )}
      <SettingsView
        load={load}
        retry={retry}
        editing={editing}
        onEdit={() => {
          setSaved(undefined);
          setEditing(true);
        }}
        form={(d) => (
          <SettingsForm
            initial={d.settings}
            onCancel={() => setEditing(false)}
            onSave={async (settings, reason) => {
              const ran = await api.run('settings.update', {
                settings,
                reason,
                ...(d.resourceVersion === undefined ? {} : { resourceVersion: d.resourceVersion }),
              });
              setSaved(ran.result);
              setEditing(false);
              retry();
            }}
          />
        )}
      />
    </>
  );
}
