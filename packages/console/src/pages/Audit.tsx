import { useState } from 'preact/hooks';
import type { AuditEvent, AuditFilter } from '../api.js';
import { useI18n } from '../i18n.js';
import { Loaded, useLive, useSession, type Load } from '../state.js';
import { Empty } from '../ui.js';

const FIELDS = ['actor', 'action', 'app', 'since', 'until'] as const;
const LABELS = {
  actor: 'console.col.actor',
  action: 'console.col.action',
  app: 'console.col.app',
  since: 'console.audit.since',
  until: 'console.audit.until',
} as const;

export function AuditView(props: {
  readonly load: Load<readonly AuditEvent[]>;
  readonly retry?: () => void;
  readonly filter: AuditFilter;
  readonly onFilter: (f: AuditFilter) => void;
  readonly csvUrl: string;
}) {
  const { t, date } = useI18n();
  const [draft, setDraft] = useState<AuditFilter>(props.filter);
  return (
    <>
      <h1>{t('console.audit.title')}</h1>
      <form
        class="filters"
        onSubmit={(e) => {
          e.preventDefault();
          props.onFilter(draft);
        }}
      >
        {FIELDS.map((f) => (
          <label key={f}>
            {t(LABELS[f])}
            {f === 'since' || f === 'until' ? (
              <input
                name={f}
                type="date"
                value={draft[f] ?? ''}
                onInput={(e) => setDraft({ ...draft, [f]: (e.target as HTMLInputElement).value })}
              />
            ) : (
              <input
                name={f}
                type="text"
                value={draft[f] ?? ''}
                onInput={(e) => setDraft({ ...draft, [f]: (e.target as HTMLInputElement).value })}
              />
            )}
          </label>
        ))}
        <button type="submit">{t('console.audit.filter')}</button>
        <a class="button" href={props.csvUrl} download="quai-audit.csv">
          {t('console.audit.export')}
        </a>
      </form>
      <Loaded load={props.load} {...(props.retry === undefined ? {} : { retry: props.retry })}>
        {(events) =>
          events.length === 0 ? (
            <Empty>{t('console.audit.empty')}</Empty>
          ) : (
            <table data-testid="audit">
              <thead>
                <tr>
                  <th scope="col">{t('console.col.when')}</th>
                  <th scope="col">{t('console.col.actor')}</th>
                  <th scope="col">{t('console.col.action')}</th>
                  <th scope="col">{t('console.col.app')}</th>
                  <th scope="col">{t('console.col.status')}</th>
                  <th scope="col">{t('console.col.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {events.map((e) => (
                  <tr key={e.id}>
                    <td>{date(e.at)}</td>
                    <td>{e.actor}</td>
                    <td>{e.action}</td>
                    <td>{e.namespace === undefined ? (e.app ?? '') : `${e.namespace}/${e.app ?? ''}`}</td>
                    <td>
                      {e.status}
                      {e.errorCode === undefined ? '' : ` (${e.errorCode})`}
                    </td>
                    <td>{e.reason ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Loaded>
    </>
  );
}

/** Dates of the filter as the store compares them: ISO times, the end day included. */
function isoFilter(f: AuditFilter): AuditFilter {
  return {
    ...f,
    ...(f.since ? { since: new Date(`${f.since}T00:00:00`).toISOString() } : {}),
    ...(f.until ? { until: new Date(`${f.until}T23:59:59.999`).toISOString() } : {}),
  };
}

export function AuditPage() {
  const { api } = useSession();
  const [filter, setFilter] = useState<AuditFilter>({});
  const key = JSON.stringify(filter);
  const [load, retry] = useLive((a) => a.audit(isoFilter(filter)), [], [key]);
  return (
    <AuditView
      load={load}
      retry={retry}
      filter={filter}
      onFilter={setFilter}
      csvUrl={api.auditCsvUrl(isoFilter(filter))}
    />
  );
}
