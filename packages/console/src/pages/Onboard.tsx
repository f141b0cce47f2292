import type { Message } from '@quai/contracts';
import { MAX_INLINE_BYTES } from '@quai/contracts/catalog';
import { useState } from 'preact/hooks';
import { ApiError, type Res } from '../api.js';
import { useI18n } from '../i18n.js';
import { ErrorNotice, useSession } from '../state.js';
import { Section } from '../ui.js';
import { OnboardPlan } from './OnboardPlan.js';

type Imported = Res<'onboard.import'>;
type Rendered = Res<'onboard.render'>;
type Deployed = Res<'deploy.apply'>;
type Planned = Res<'deploy.plan'>;

interface Entry {
  readonly key: string;
  readonly service?: string;
  readonly status: 'mapped' | 'approximated' | 'dropped' | 'refused';
  /** The entry's message: its id and parameters, and its text in the language of the request. */
  readonly detail: (Message & { text?: string }) | string;
  readonly location?: { file?: string; line?: number; column?: number };
}

const STATUSES = ['mapped', 'approximated', 'dropped', 'refused'] as const;

function entriesOf(report: unknown): readonly Entry[] {
  const entries = (report as { entries?: unknown } | null)?.entries;
  return Array.isArray(entries) ? (entries as Entry[]) : [];
}

const where = (l: Entry['location']): string =>
  l === undefined ? '' : [l.file, l.line, l.column].filter((x) => x !== undefined).join(':');

export function Report(props: { readonly imported: Imported }) {
  const { t, m } = useI18n();
  const entries = entriesOf(props.imported.report);
  const counts = Object.fromEntries(STATUSES.map((s) => [s, entries.filter((e) => e.status === s).length]));
  return (
    <Section title={t('console.onboard.report')}>
      <p>{t('console.entries', { count: entries.length, ...counts })}</p>
      {props.imported.secrets.length === 0 ? null : (
        <p class="notice warn">
          {t('console.onboard.secrets', {
            secrets: props.imported.secrets.map((s) => `${s.secret} (${s.keys.join(', ')})`).join('; '),
          })}
        </p>
      )}
      <table data-testid="report">
        <thead>
          <tr>
            <th scope="col">{t('console.col.key')}</th>
            <th scope="col">{t('console.col.service')}</th>
            <th scope="col">{t('console.col.status')}</th>
            <th scope="col">{t('console.col.detail')}</th>
            <th scope="col">{t('console.col.location')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e, i) => (
            <tr key={i} class={e.status}>
              <th scope="row">
                <code>{e.key}</code>
              </th>
              <td>{e.service ?? ''}</td>
              <td>{t(`console.entry.${e.status}`)}</td>
              <td>{m(e.detail)}</td>
              <td>{where(e.location)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}

const asError = (e: unknown): ApiError =>
  e instanceof ApiError ? e : new ApiError(500, 'INTERNAL', (e as Error).message);

/** The bytes a text takes in UTF-8 (what the request carries). */
const utf8Bytes = (text: string): number => new TextEncoder().encode(text).byteLength;

/**
 * An input too large to send: said before anything is sent (the server would refuse it with 413,
 * or its schema with 400), with its size and the limit.
 */
export function TooLarge(props: { readonly size: number; readonly limit: number }) {
  const { t, bytes } = useI18n();
  return (
    <div role="alert" class="notice error" data-testid="too-large">
      <p>{t('console.faults.tooLarge', { size: bytes(props.size), limit: bytes(props.limit) })}</p>
      <p>{t('console.faults.tooLargeHint')}</p>
    </div>
  );
}

/**
 * An error of the onboarding: the server's message in the reader's language, where in the file
 * (`compose.yaml:6:1`), and that nothing changed; a body the server refused as too large (413)
 * says its limit.
 */
export function OnboardError(props: { readonly error: ApiError }) {
  const { t, bytes } = useI18n();
  const { error } = props;
  if (error.status === 413) {
    const limit = error.i18n?.message?.params?.['bytes'];
    return (
      <div role="alert" class="notice error" data-testid="too-large">
        <p>
          {typeof limit === 'number'
            ? t('console.faults.serverTooLarge', { limit: bytes(limit) })
            : error.message}
        </p>
        <p>{t('console.faults.tooLargeHint')}</p>
      </div>
    );
  }
  const l = error.location;
  const where =
    l?.file === undefined ? undefined : [l.file, l.line, l.column].filter((x) => x !== undefined).join(':');
  return (
    <>
      <ErrorNotice error={error} />
      {where === undefined ? null : (
        <p class="code" data-testid="error-location">
          {t('console.faults.at', { where })}
        </p>
      )}
      {error.status >= 400 && error.status < 500 ? <p>{t('console.faults.unchanged')}</p> : null}
    </>
  );
}

/** A file name the API accepts for an inline compose file (reports name it), from an uploaded one. */
export function composeFileName(name: string): string {
  const safe = name
    .replace(/[^-_.A-Za-z0-9]/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .slice(0, 100);
  return safe === '' ? 'compose.yaml' : safe;
}

/** Saves a text as a file of the reader's machine (the browser's download). */
function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A file field that loads the chosen file's text into a text area. */
function FileField(props: {
  readonly id: string;
  readonly label: string;
  readonly accept: string;
  readonly onText: (name: string, text: string) => void;
  /** A file larger than MAX_INLINE_BYTES is not read: this says so instead. */
  readonly onTooLarge: (size: number) => void;
}) {
  const { t, bytes } = useI18n();
  const [note, setNote] = useState<{ readonly ok: boolean; readonly text: string } | undefined>(undefined);
  return (
    <div class="file-field">
      <label for={props.id}>{props.label}</label>
      <input
        id={props.id}
        type="file"
        accept={props.accept}
        onChange={(e) => {
          const input = e.target as HTMLInputElement;
          const file = input.files?.[0];
          if (file === undefined) return;
          // Too large: not even read (a file of gigabytes must not freeze the page).
          if (file.size > MAX_INLINE_BYTES) {
            setNote(undefined);
            input.value = '';
            props.onTooLarge(file.size);
            return;
          }
          file.text().then(
            (text) => {
              props.onText(file.name, text);
              setNote({
                ok: true,
                text: t('console.onboard.file.loaded', { file: file.name, size: bytes(file.size) }),
              });
            },
            (error: unknown) =>
              setNote({
                ok: false,
                text: t('console.onboard.file.unreadable', {
                  file: file.name,
                  reason: (error as Error).message,
                }),
              }),
          );
        }}
      />
      {note === undefined ? null : (
        <p class={note.ok ? 'muted' : 'notice error'} role="status" aria-live="polite">
          {note.text}
        </p>
      )}
    </div>
  );
}

export function OnboardPage(props: { readonly canDeploy: boolean }) {
  const { t } = useI18n();
  const { api } = useSession();
  const [compose, setCompose] = useState('');
  const [composeName, setComposeName] = useState('compose.yaml');
  const [env, setEnv] = useState('');
  const [name, setName] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [imported, setImported] = useState<Imported | undefined>(undefined);
  const [spec, setSpec] = useState('');
  const [rendered, setRendered] = useState<Rendered | undefined>(undefined);
  const [plans, setPlans] = useState<Planned | undefined>(undefined);
  const [deployed, setDeployed] = useState<Deployed | undefined>(undefined);
  const [tooLarge, setTooLarge] = useState<number | undefined>(undefined);
  const act = async (f: () => Promise<void>): Promise<void> => {
    setBusy(true);
    setError(undefined);
    setTooLarge(undefined);
    try {
      await f();
    } catch (e) {
      setError(asError(e));
    } finally {
      setBusy(false);
    }
  };
  const apps = [{ yaml: spec, name: 'app.yaml' }];
  return (
    <>
      <h1>{t('console.onboard.title')}</h1>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const size = utf8Bytes(compose) + utf8Bytes(env);
          if (size > MAX_INLINE_BYTES) {
            setError(undefined);
            setTooLarge(size);
            return;
          }
          void act(async () => {
            setImported(undefined);
            setRendered(undefined);
            setPlans(undefined);
            setDeployed(undefined);
            const r = await api.run('onboard.import', {
              compose: [{ yaml: compose, name: composeName }],
              ...(env.trim() === '' ? {} : { envFile: env }),
              ...(name.trim() === '' ? {} : { name: name.trim() }),
            });
            setImported(r.result);
            setSpec(r.result.specYaml);
          });
        }}
      >
        <label for="compose">{t('console.onboard.compose')}</label>
        <textarea
          id="compose"
          rows={14}
          required
          value={compose}
          spellcheck={false}
          onInput={(e) => {
            setCompose((e.target as HTMLTextAreaElement).value);
          }}
        />
        <FileField
          id="compose-file"
          label={t('console.onboard.file.compose')}
          accept=".yml,.yaml,text/yaml,application/yaml"
          onText={(file, text) => {
            setTooLarge(undefined);
            setCompose(text);
            setComposeName(composeFileName(file));
          }}
          onTooLarge={(size) => {
            setError(undefined);
            setTooLarge(size);
          }}
        />
        <label for="env">{t('console.onboard.env')}</label>
        <textarea
          id="env"
          rows={3}
          value={env}
          spellcheck={false}
          onInput={(e) => setEnv((e.target as HTMLTextAreaElement).value)}
        />
        <FileField
          id="env-file"
          label={t('console.onboard.file.env')}
          accept=".env,text/plain"
          onText={(_file, text) => setEnv(text)}
          onTooLarge={(size) => {
            setError(undefined);
            setTooLarge(size);
          }}
        />
        <label for="app-name">{t('console.onboard.name')}</label>
        <input id="app-name" value={name} onInput={(e) => setName((e.target as HTMLInputElement).value)} />
        <div class="actions">
          <button type="submit" disabled={busy || compose.trim() === ''}>
            {t('console.onboard.convert')}
          </button>
        </div>
      </form>
      {busy ? (
        <p role="status" aria-live="polite">
          {t('console.running')}
        </p>
      ) : null}
      {tooLarge === undefined ? null : <TooLarge size={tooLarge} limit={MAX_INLINE_BYTES} />}
      {error === undefined ? null : <OnboardError error={error} />}
      {imported === undefined ? null : (
        <>
          <Report imported={imported} />
          <div class="actions">
            <button
              type="button"
              onClick={() =>
                download(
                  'conversion-report.json',
                  `${JSON.stringify(imported.report, null, 2)}\n`,
                  'application/json',
                )
              }
            >
              {t('console.onboard.download.report')}
            </button>
          </div>
          <Section title={t('console.onboard.spec')}>
            <p class="muted" id="spec-help">
              {t('console.onboard.specHelp')}
            </p>
            <label for="spec">{t('console.onboard.specLabel')}</label>
            <textarea
              id="spec"
              data-testid="spec"
              rows={20}
              value={spec}
              spellcheck={false}
              aria-describedby="spec-help"
              onInput={(e) => {
                setSpec((e.target as HTMLTextAreaElement).value);
                setRendered(undefined);
                setPlans(undefined);
              }}
            />
            <div class="actions">
              <button type="button" onClick={() => download('app.yaml', spec, 'application/yaml')}>
                {t('console.onboard.download.spec')}
              </button>
              <button
                type="button"
                disabled={busy || spec.trim() === ''}
                onClick={() =>
                  void act(async () => {
                    const r = await api.run('onboard.render', { apps });
                    setRendered(r.result);
                  })
                }
              >
                {t('console.onboard.render')}
              </button>
              {props.canDeploy ? (
                <button
                  type="button"
                  disabled={busy || spec.trim() === ''}
                  onClick={() =>
                    void act(async () => {
                      const r = await api.run('deploy.plan', { apps });
                      setPlans(r.result);
                    })
                  }
                >
                  {t('console.onboard.plan')}
                </button>
              ) : null}
            </div>
            {props.canDeploy ? (
              <form
                onSubmit={(e) => {
                  e.preventDefault();
                  void act(async () => {
                    const r = await api.stream('deploy.apply', { apps, reason }, () => undefined);
                    setDeployed(r.result);
                  });
                }}
              >
                <label for="deploy-reason">{t('console.reason')}</label>
                <input
                  id="deploy-reason"
                  required
                  aria-required="true"
                  value={reason}
                  onInput={(e) => setReason((e.target as HTMLInputElement).value)}
                />
                <div class="actions">
                  <button
                    type="submit"
                    class="primary"
                    disabled={busy || reason.trim() === '' || spec.trim() === ''}
                  >
                    {t('console.onboard.deploy')}
                  </button>
                </div>
              </form>
            ) : null}
            {deployed === undefined
              ? null
              : deployed.map((d) => (
                  <p role="status" class="notice ok" key={d.target.app}>
                    {t('console.onboard.deployed', {
                      revision: d.revision,
                      app: `${d.target.namespace}/${d.target.app}`,
                      status: t(`console.revision.${d.status}`),
                    })}{' '}
                    <a href={`#/apps/${d.target.namespace}/${d.target.app}`}>{d.target.app}</a>
                  </p>
                ))}
          </Section>
          {plans === undefined ? null : <OnboardPlan plans={plans} />}
          {rendered === undefined ? null : (
            <Section title={t('console.onboard.manifests')}>
              <pre data-testid="manifests" tabIndex={0}>
                {rendered.yaml}
              </pre>
              <div class="actions">
                <button
                  type="button"
                  onClick={() => download('manifests.yaml', rendered.yaml, 'application/yaml')}
                >
                  {t('console.onboard.download.manifests')}
                </button>
              </div>
            </Section>
          )}
        </>
      )}
    </>
  );
}
