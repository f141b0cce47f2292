import type { Res } from '../api.js';
import { useI18n } from '../i18n.js';
import type { WatchScope } from '../live.js';
import { Loaded, useUseCase, type Load } from '../state.js';
import { Empty, StatusBadge } from '../ui.js';

type Apps = Res<'view.apps'>;

export const appHref = (namespace: string, app: string): string =>
  `#/apps/${encodeURIComponent(namespace)}/${encodeURIComponent(app)}`;

export function AppsView(props: { readonly load: Load<Apps>; readonly retry?: () => void }) {
  const { t, num } = useI18n();
  return (
    <>
      <h1>{t('console.apps.title')}</h1>
      <Loaded load={props.load} {...(props.retry === undefined ? {} : { retry: props.retry })}>
        {(r) =>
          r.apps.length === 0 ? (
            <Empty>{t('console.apps.empty')}</Empty>
          ) : (
            <>
              <p class="muted">{t('console.apps.count', { count: r.apps.length })}</p>
              <table data-testid="apps">
                <thead>
                  <tr>
                    <th scope="col">{t('console.col.name')}</th>
                    <th scope="col">{t('console.col.namespace')}</th>
                    <th scope="col">{t('console.col.status')}</th>
                    <th scope="col">{t('console.col.revision')}</th>
                    <th scope="col">{t('console.col.replicas')}</th>
                    <th scope="col">{t('console.col.endpoints')}</th>
                    <th scope="col">{t('console.col.team')}</th>
                  </tr>
                </thead>
                <tbody>
                  {r.apps.map((a) => (
                    <tr key={`${a.namespace}/${a.name}`}>
                      <th scope="row">
                        <a href={appHref(a.namespace, a.name)}>{a.name}</a>
                      </th>
                      <td>{a.namespace}</td>
                      <td>
                        <StatusBadge status={a.status} />
                      </td>
                      <td>{a.revision?.number ?? ''}</td>
                      <td>
                        {num(a.replicas.ready)} / {num(a.replicas.desired)}
                      </td>
                      <td>{a.endpoints.join(', ')}</td>
                      <td>{a.team ?? a.owner ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )
        }
      </Loaded>
    </>
  );
}

/** An app's status and replicas come from its Deployments and StatefulSets. */
const APPS_SCOPES: readonly WatchScope[] = [
  { apiVersion: 'apps/v1', kind: 'Deployment' },
  { apiVersion: 'apps/v1', kind: 'StatefulSet' },
];

export function AppsPage() {
  const [load, retry] = useUseCase('view.apps', {}, APPS_SCOPES, []);
  return <AppsView load={load} retry={retry} />;
}
