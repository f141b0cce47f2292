import { useState } from 'preact/hooks';
import { ApiError, type Res } from '../api.js';
import { useI18n } from '../i18n.js';
import type { WatchScope } from '../live.js';
import { ErrorNotice, Loaded, useSession, useUseCase, type Load } from '../state.js';
import { Empty, Section, StatusBadge } from '../ui.js';

type Detail = Res<'view.app'>;
type Revision = Detail['revisions'][number];

/** Asks for a reason before a rollback; nothing is sent without one. */
export function RollbackDialog(props: {
  readonly app: string;
  readonly revision: number;
  readonly onConfirm: (reason: string) => Promise<void>;
  readonly onClose: () => void;
}) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    if (reason.trim() === '') return setMissing(true);
    setBusy(true);
    setError(undefined);
    try {
      await props.onConfirm(reason.trim());
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(500, 'INTERNAL', (err as Error).message));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="rollback-title">
      <form onSubmit={(e) => void submit(e)}>
        <h2 id="rollback-title">
          {t('console.rollback.title', { app: props.app, revision: props.revision })}
        </h2>
        <p>{t('console.rollback.explain', { revision: props.revision })}</p>
        <label for="rollback-reason">{t('console.reason')}</label>
        <textarea
          id="rollback-reason"
          required
          aria-required="true"
          aria-invalid={missing}
          aria-describedby={missing ? 'rollback-missing' : undefined}
          maxLength={1000}
          value={reason}
          onInput={(e) => {
            setReason((e.target as HTMLTextAreaElement).value);
            setMissing(false);
          }}
        />
        {missing ? (
          <p id="rollback-missing" class="invalid">
            {t('console.reasonMissing')}
          </p>
        ) : null}
        {error === undefined ? null : <ErrorNotice error={error} />}
        <div class="actions">
          <button type="button" onClick={props.onClose} disabled={busy}>
            {t('console.cancel')}
          </button>
          <button type="submit" class="danger" disabled={busy}>
            {busy ? t('console.running') : t('console.rollback.confirm')}
          </button>
        </div>
      </form>
    </div>
  );
}

function Revisions(props: {
  readonly revisions: readonly Revision[];
  readonly current: number | undefined;
  readonly canDeploy: boolean;
  readonly onRollback: (revision: number) => void;
}) {
  const { t, date } = useI18n();
  return (
    <table data-testid="revisions">
      <thead>
        <tr>
          <th scope="col">{t('console.col.revision')}</th>
          <th scope="col">{t('console.col.status')}</th>
          <th scope="col">{t('console.col.when')}</th>
          <th scope="col">{t('console.col.by')}</th>
          <th scope="col">{t('console.col.images')}</th>
          {props.canDeploy ? <td /> : null}
        </tr>
      </thead>
      <tbody>
        {props.revisions.map((r) => (
          <tr key={r.number}>
            <th scope="row">
              {r.number}
              {r.number === props.current ? ` (${t('console.app.current')})` : ''}
            </th>
            <td>{t(`console.revision.${r.status}`)}</td>
            <td>{date(r.deployedAt)}</td>
            <td>{r.deployedBy}</td>
            <td>{r.images.join(', ')}</td>
            {props.canDeploy ? (
              <td>
                {r.number !== props.current &&
                r.hasManifests &&
                (r.status === 'deployed' || r.status === 'superseded') ? (
                  <button type="button" onClick={() => props.onRollback(r.number)}>
                    {t('console.rollback.button', { revision: r.number })}
                  </button>
                ) : null}
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function AppDetailView(props: {
  readonly load: Load<Detail>;
  readonly retry?: () => void;
  readonly canDeploy: boolean;
  readonly onRollback: (revision: number) => void;
}) {
  const { t, m, num } = useI18n();
  return (
    <Loaded load={props.load} {...(props.retry === undefined ? {} : { retry: props.retry })}>
      {(d) => (
        <>
          <h1>
            {d.summary.name} <StatusBadge status={d.summary.status} />
          </h1>
          <p class="muted">
            {t('console.col.namespace')} {d.summary.namespace} · {t('console.col.environment')}{' '}
            {d.summary.environment} · {t('console.col.replicas')} {num(d.summary.replicas.ready)} /{' '}
            {num(d.summary.replicas.desired)}
            {d.summary.endpoints.length === 0 ? '' : ` · ${d.summary.endpoints.join(', ')}`}
          </p>
          <Section title={t('console.app.revisions')}>
            <Revisions
              revisions={[...d.revisions].sort((a, b) => b.number - a.number)}
              current={d.summary.revision?.number}
              canDeploy={props.canDeploy}
              onRollback={props.onRollback}
            />
          </Section>
          <Section title={t('console.app.resources')}>
            {d.resources.length === 0 ? (
              <Empty>—</Empty>
            ) : (
              <ul>
                {d.resources.map((r) => (
                  <li key={r.object}>
                    {r.object}: <StatusBadge status={r.state === 'none' ? 'unknown' : r.state} />{' '}
                    {m(r.detail)}
                  </li>
                ))}
              </ul>
            )}
          </Section>
          <Section title={t('console.app.pods')}>
            {d.pods.length === 0 ? (
              <Empty>—</Empty>
            ) : (
              <table data-testid="pods">
                <thead>
                  <tr>
                    <th scope="col">{t('console.col.name')}</th>
                    <th scope="col">{t('console.col.status')}</th>
                    <th scope="col">{t('console.col.ready')}</th>
                    <th scope="col">{t('console.col.restarts')}</th>
                    <th scope="col">{t('console.col.node')}</th>
                  </tr>
                </thead>
                <tbody>
                  {d.pods.map((p) => (
                    <tr key={p.name}>
                      <th scope="row">{p.name}</th>
                      <td>{p.reason ?? p.phase}</td>
                      <td>{p.ready ? t('console.yes') : t('console.no')}</td>
                      <td>{num(p.restarts)}</td>
                      <td>{p.node ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </Section>
          <Section title={t('console.app.events')}>
            {d.events.length === 0 ? (
              <Empty>—</Empty>
            ) : (
              <ul>
                {d.events.map((e, i) => (
                  <li key={i}>
                    {e.type} {e.object} {e.reason}: {e.message}
                  </li>
                ))}
              </ul>
            )}
          </Section>
        </>
      )}
    </Loaded>
  );
}

/**
 * An app's page follows its namespace's Deployments, pods and events (a StatefulSet's changes
 * show in its pods). Three streams: a browser opens at most six connections to a server over
 * HTTP/1.1, and the page's reads, its logs and its actions need the others.
 */
export const appScopes = (namespace: string): WatchScope[] =>
  [
    ['apps/v1', 'Deployment'],
    ['v1', 'Pod'],
    ['v1', 'Event'],
  ].map(([apiVersion = '', kind = '']) => ({ apiVersion, kind, namespace }));

export function AppDetailPage(props: { readonly namespace: string; readonly app: string }) {
  const { t } = useI18n();
  const { api } = useSession();
  const key = { app: props.app, namespace: props.namespace };
  const [load, retry] = useUseCase(
    'view.app',
    key,
    appScopes(props.namespace),
    [props.app, props.namespace],
  );
  const [access] = useUseCase('view.access', { namespace: props.namespace }, [], [props.namespace]);
  const [rollback, setRollback] = useState<number | undefined>(undefined);
  const [done, setDone] = useState<number | undefined>(undefined);
  const detail = load;
  const canDeploy = access.state === 'ok' && access.data.deploy;
  return (
    <>
      <p>
        <a href="#/apps">{t('console.app.back')}</a>
      </p>
      {done === undefined ? null : (
        <p role="status" class="notice ok">
          {t('console.rollback.done', { revision: done })}
        </p>
      )}
      <AppDetailView load={detail} retry={retry} canDeploy={canDeploy} onRollback={setRollback} />
      {rollback === undefined || detail.state !== 'ok' ? null : (
        <RollbackDialog
          app={props.app}
          revision={rollback}
          onClose={() => setRollback(undefined)}
          onConfirm={async (reason) => {
            await api.stream(
              'deploy.rollback',
              {
                app: { app: props.app },
                namespace: props.namespace,
                environment: detail.data.summary.environment,
                to: rollback,
                reason,
              },
              () => undefined,
            );
            setRollback(undefined);
            setDone(rollback);
            retry();
          }}
        />
      )}
    </>
  );
}
