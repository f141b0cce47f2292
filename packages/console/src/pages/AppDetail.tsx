import { useState } from 'preact/hooks';
import type { Res } from '../api.js';
import { useI18n } from '../i18n.js';
import type { WatchScope } from '../live.js';
import { AppSheetPanel } from './AppSheet.js';
import { Loaded, useSession, useUseCase, type Load } from '../state.js';
import { DiffPanel, LogsPanel, ReasonDialog, ScaleDialog } from './AppActions.js';
import { Empty, Section, StatusBadge } from '../ui.js';

type Detail = Res<'view.app'>;
type Revision = Detail['revisions'][number];
type Scalable = Detail['scalable'][number];

/** Asks for a reason before a rollback; nothing is sent without one. */
export function RollbackDialog(props: {
  readonly app: string;
  readonly revision: number;
  readonly onConfirm: (reason: string) => Promise<void>;
  readonly onClose: () => void;
}) {
  const { t } = useI18n();
  return (
    <ReasonDialog
      id="rollback"
      title={t('console.rollback.title', { app: props.app, revision: props.revision })}
      explain={t('console.rollback.explain', { revision: props.revision })}
      confirm={t('console.rollback.confirm')}
      onConfirm={props.onConfirm}
      onClose={props.onClose}
    />
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
  readonly canScale: boolean;
  readonly onRollback: (revision: number) => void;
  readonly onScale: (target: Scalable) => void;
  /** The panels that talk to the server (diff, logs): left out of the component tests. */
  readonly panels?: boolean;
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
            {props.panels === false ? null : (
              <DiffPanel
                app={d.summary.name}
                namespace={d.summary.namespace}
                revisions={d.revisions.filter((r) => r.hasManifests).map((r) => r.number)}
                current={d.summary.revision?.number}
              />
            )}
          </Section>
          <Section title={t('console.app.components')}>
            {d.scalable.length === 0 ? (
              <Empty>—</Empty>
            ) : (
              <table data-testid="components">
                <thead>
                  <tr>
                    <th scope="col">{t('console.col.component')}</th>
                    <th scope="col">{t('console.col.object')}</th>
                    <th scope="col">{t('console.col.replicas')}</th>
                    {props.canScale ? <td /> : null}
                  </tr>
                </thead>
                <tbody>
                  {d.scalable.map((c) => (
                    <tr key={c.object}>
                      <th scope="row">{c.component}</th>
                      <td>{c.object}</td>
                      <td>
                        {num(c.ready)} / {num(c.replicas)}
                      </td>
                      {props.canScale ? (
                        <td>
                          <button type="button" onClick={() => props.onScale(c)}>
                            {t('console.scale.button', { component: c.component })}
                          </button>
                        </td>
                      ) : null}
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
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
          {props.panels === false ? null : (
            <Section title={t('console.logs.title')}>
              <LogsPanel
                app={d.summary.name}
                namespace={d.summary.namespace}
                pods={d.pods.map((p) => p.name)}
              />
            </Section>
          )}
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
  const [load, retry] = useUseCase('view.app', key, appScopes(props.namespace), [props.app, props.namespace]);
  const [access] = useUseCase('view.access', { namespace: props.namespace }, [], [props.namespace]);
  const [rollback, setRollback] = useState<number | undefined>(undefined);
  const [scale, setScale] = useState<Scalable | undefined>(undefined);
  // What was done, written in the reader's language at each render (it may change).
  const [done, setDone] = useState<
    | { id: 'console.scale.done'; params: { workload: string; from: number; to: number } }
    | { id: 'console.rollback.done'; params: { revision: number } }
    | undefined
  >(undefined);
  const detail = load;
  const canDeploy = access.state === 'ok' && access.data.deploy;
  const canScale = access.state === 'ok' && access.data.scale;
  return (
    <>
      <p>
        <a href="#/apps">{t('console.app.back')}</a>
      </p>
      {done === undefined ? null : (
        <p role="status" class="notice ok">
          {t(done.id, done.params)}
        </p>
      )}
      <AppDetailView
        load={detail}
        retry={retry}
        canDeploy={canDeploy}
        canScale={canScale}
        onRollback={setRollback}
        onScale={setScale}
      />
      {detail.state === 'ok' ? (
        <AppSheetPanel
          app={props.app}
          namespace={props.namespace}
          environment={detail.data.summary.environment}
          workloads={[...detail.data.scalable, ...detail.data.resources].map((r) => r.object)}
        />
      ) : null}
      {scale === undefined || detail.state !== 'ok' ? null : (
        <ScaleDialog
          app={props.app}
          namespace={props.namespace}
          environment={detail.data.summary.environment}
          target={scale}
          onClose={() => setScale(undefined)}
          onDone={(r) => {
            setScale(undefined);
            setDone({ id: 'console.scale.done', params: { workload: r.workload, from: r.from, to: r.to } });
            retry();
          }}
        />
      )}
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
            setDone({ id: 'console.rollback.done', params: { revision: rollback } });
            retry();
          }}
        />
      )}
    </>
  );
}
