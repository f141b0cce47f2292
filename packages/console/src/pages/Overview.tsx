import type { Res } from '../api.js';
import { useI18n } from '../i18n.js';
import type { WatchScope } from '../live.js';
import { Loaded, useLive, useUseCase, type Load } from '../state.js';
import { Empty, Section } from '../ui.js';
import { CapacityGlance, GlanceView, loadGlance, type GlanceData } from './Glance.js';

type Overview = Res<'view.overview'>;
type Node = Overview['nodes'][number];

function Nodes(props: { readonly nodes: readonly Node[]; readonly title: string }) {
  const { t, num, bytes } = useI18n();
  return (
    <Section title={props.title}>
      {props.nodes.length === 0 ? (
        <Empty>{t('console.overview.noNodes')}</Empty>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('console.col.name')}</th>
              <th scope="col">{t('console.col.ready')}</th>
              <th scope="col">{t('console.col.cpu')}</th>
              <th scope="col">{t('console.col.memory')}</th>
              <th scope="col">{t('console.col.pods')}</th>
            </tr>
          </thead>
          <tbody>
            {props.nodes.map((n) => (
              <tr key={n.name}>
                <th scope="row">{n.name}</th>
                <td>{n.ready ? t('console.yes') : t('console.no')}</td>
                <td>
                  {t('console.of', {
                    used: `${num(n.cpu.requested / 1000)} CPU`,
                    total: num(n.cpu.allocatable / 1000),
                  })}
                </td>
                <td>
                  {t('console.of', { used: bytes(n.memory.requested), total: bytes(n.memory.allocatable) })}
                </td>
                <td>{t('console.of', { used: num(n.pods.running), total: num(n.pods.allocatable) })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}

export function OverviewView(props: {
  readonly load: Load<Overview>;
  readonly retry?: () => void;
  /** Last backups and drills, open findings: read apart (a slow history does not hold the page). */
  readonly glance?: Load<GlanceData>;
}) {
  const { t, m, date } = useI18n();
  return (
    <>
      <h1>{t('console.overview.title')}</h1>
      <Loaded load={props.load} {...(props.retry === undefined ? {} : { retry: props.retry })}>
        {(o) => (
          <>
            <Section title={t('console.overview.health')}>
              <p class={`health ${o.health}`} data-testid="health">
                <strong>{t(`console.health.${o.health}`)}</strong> ·{' '}
                {t('console.overview.version', { version: o.version })} · {t('console.overview.apps', o.apps)}
              </p>
              {o.hidden.length === 0 ? null : (
                <p class="muted">{t('console.hidden', { namespaces: o.hidden.join(', ') })}</p>
              )}
            </Section>
            <CapacityGlance capacity={o.capacity} />
            {props.glance === undefined ? null : <GlanceView load={props.glance} />}
            <div class="columns">
              <Nodes
                title={t('console.overview.realNodes')}
                nodes={o.nodes.filter((n) => n.kind === 'real')}
              />
              <Nodes
                title={t('console.overview.simulatedNodes')}
                nodes={o.nodes.filter((n) => n.kind === 'simulated')}
              />
            </div>
            <Section title={t('console.overview.failing')}>
              {o.failing.length === 0 ? (
                <Empty>{t('console.overview.noFailing')}</Empty>
              ) : (
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('console.col.object')}</th>
                      <th scope="col">{t('console.col.namespace')}</th>
                      <th scope="col">{t('console.col.reason')}</th>
                      <th scope="col">{t('console.col.message')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {o.failing.map((f) => (
                      <tr key={`${f.namespace}/${f.object}`}>
                        <th scope="row">{f.object}</th>
                        <td>{f.namespace}</td>
                        <td>{f.reason}</td>
                        <td>{m(f.message)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </Section>
            <Section title={t('console.overview.events')}>
              {o.events.length === 0 ? (
                <Empty>{t('console.overview.noEvents')}</Empty>
              ) : (
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('console.col.when')}</th>
                      <th scope="col">{t('console.col.type')}</th>
                      <th scope="col">{t('console.col.object')}</th>
                      <th scope="col">{t('console.col.reason')}</th>
                      <th scope="col">{t('console.col.message')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {o.events.map((e, i) => (
                      <tr key={i}>
                        <td>{date(e.at)}</td>
                        <td>{e.type}</td>
                        <td>
                          {e.namespace === '' ? '' : `${e.namespace}/`}
                          {e.object}
                        </td>
                        <td>{e.reason}</td>
                        <td>{e.message}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </Section>
          </>
        )}
      </Loaded>
    </>
  );
}

/** What the overview is made of: nodes, pods (failing workloads, capacity) and events. */
const OVERVIEW_SCOPES: readonly WatchScope[] = [
  { apiVersion: 'v1', kind: 'Node' },
  { apiVersion: 'v1', kind: 'Pod' },
  { apiVersion: 'v1', kind: 'Event' },
];

export function OverviewPage() {
  const [load, retry] = useUseCase('view.overview', {}, OVERVIEW_SCOPES, []);
  const [glance] = useLive((api) => loadGlance(api), [], []);
  return <OverviewView load={load} retry={retry} glance={glance} />;
}
