import type { Message } from '@quai/contracts';
import { useState } from 'preact/hooks';
import { ApiError, type Res } from '../api.js';
import { useI18n } from '../i18n.js';
import { ErrorNotice, useSession } from '../state.js';
import { Section } from '../ui.js';

type Imported = Res<'onboard.import'>;
type Rendered = Res<'onboard.render'>;
type Deployed = Res<'deploy.apply'>;

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

export function OnboardPage(props: { readonly canDeploy: boolean }) {
  const { t } = useI18n();
  const { api } = useSession();
  const [compose, setCompose] = useState('');
  const [env, setEnv] = useState('');
  const [name, setName] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [imported, setImported] = useState<Imported | undefined>(undefined);
  const [rendered, setRendered] = useState<Rendered | undefined>(undefined);
  const [deployed, setDeployed] = useState<Deployed | undefined>(undefined);
  const act = async (f: () => Promise<void>): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      await f();
    } catch (e) {
      setError(asError(e));
    } finally {
      setBusy(false);
    }
  };
  const spec = imported === undefined ? '' : JSON.stringify(imported.spec, null, 2);
  return (
    <>
      <h1>{t('console.onboard.title')}</h1>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void act(async () => {
            setImported(undefined);
            setRendered(undefined);
            setDeployed(undefined);
            const r = await api.run('onboard.import', {
              compose: [{ yaml: compose, name: 'compose.yaml' }],
              ...(env.trim() === '' ? {} : { envFile: env }),
              ...(name.trim() === '' ? {} : { name: name.trim() }),
            });
            setImported(r.result);
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
          onInput={(e) => setCompose((e.target as HTMLTextAreaElement).value)}
        />
        <label for="env">{t('console.onboard.env')}</label>
        <textarea
          id="env"
          rows={3}
          value={env}
          spellcheck={false}
          onInput={(e) => setEnv((e.target as HTMLTextAreaElement).value)}
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
      {error === undefined ? null : <ErrorNotice error={error} />}
      {imported === undefined ? null : (
        <>
          <Report imported={imported} />
          <Section title={t('console.onboard.spec')}>
            <pre data-testid="spec" tabIndex={0}>
              {spec}
            </pre>
            <div class="actions">
              <button
                type="button"
                disabled={busy}
                onClick={() =>
                  void act(async () => {
                    const r = await api.run('onboard.render', { apps: [{ yaml: spec, name: 'app.yaml' }] });
                    setRendered(r.result);
                  })
                }
              >
                {t('console.onboard.render')}
              </button>
            </div>
            {props.canDeploy ? (
              <form
                onSubmit={(e) => {
                  e.preventDefault();
                  void act(async () => {
                    const r = await api.stream(
                      'deploy.apply',
                      { apps: [{ yaml: spec, name: 'app.yaml' }], reason },
                      () => undefined,
                    );
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
                  <button type="submit" class="primary" disabled={busy || reason.trim() === ''}>
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
          {rendered === undefined ? null : (
            <Section title={t('console.onboard.manifests')}>
              <pre data-testid="manifests" tabIndex={0}>
                {JSON.stringify(rendered.objects, null, 2)}
              </pre>
            </Section>
          )}
        </>
      )}
    </>
  );
}
