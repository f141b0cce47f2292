import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Res } from '../api.js';
import { formatsOf } from '../charts/format.js';
import { useI18n } from '../i18n.js';
import { useSession, type Load } from '../state.js';
import { Empty, Section } from '../ui.js';
import { ReasonDialog } from './AppActions.js';

/*
 * The exceptions part of the Security page: the accepted risks (check, object, expiry with the
 * expired ones flagged, justification, who granted them and when, where they are written), an
 * "accept the risk" action on open findings and a revocation, both through the API
 * (`audit.grantException`, `audit.revokeException`: a reason, the audit trail, the user's own
 * rights). The buttons show only where the API server would let the user patch the object.
 */

type Audit = Res<'audit.cluster'>;
type Finding = Audit['findings'][number];
type ObjectRef = Finding['object'];
type ExceptionInfo = NonNullable<Finding['suppressed']>;

/** Where a grant or a revocation can be made (read once per audit), and what to do after one. */
export interface ExceptionControls {
  /** Whether the API server lets the user patch this object (false until known). */
  readonly can: (object: ObjectRef) => boolean;
  /** After a grant or a revocation: what was done, for the page to say it and audit again. */
  readonly changed: (notice: string) => void;
}

/** One exception as the table shows it. */
export interface ExceptionRow {
  readonly check: string;
  readonly title?: Finding['title'];
  readonly object: ObjectRef;
  readonly info: ExceptionInfo;
  /** Reported expired by the audit (QUAI-EXC-001). */
  readonly expired: boolean;
}

const ANNOTATION = 'annotation quai.dev/audit-exception.';

export const objectLabel = (o: ObjectRef): string =>
  `${o.kind}/${o.namespace === undefined ? '' : `${o.namespace}/`}${o.name}`;

/** Days from today to an exception's expiry (negative: expired). */
export function daysLeft(expires: string, now: Date): number {
  const end = Date.parse(`${expires}T23:59:59Z`);
  return Math.floor((end - now.getTime()) / 86_400_000);
}

const dayOf = (d: Date): string => d.toISOString().slice(0, 10);

/** The days an exception may end on: from tomorrow to one year from today (UTC), as the API checks. */
export function expiryBounds(now: Date): { readonly min: string; readonly max: string } {
  const min = dayOf(new Date(now.getTime() + 86_400_000));
  const max = dayOf(new Date(Date.UTC(now.getUTCFullYear() + 1, now.getUTCMonth(), now.getUTCDate())));
  return { min, max };
}

/** The exceptions of an audit: the valid ones (on accepted findings) and the expired ones, once each. */
export function exceptionRows(findings: readonly Finding[]): ExceptionRow[] {
  const rows = new Map<string, ExceptionRow>();
  for (const f of findings) {
    const row: ExceptionRow | undefined =
      f.suppressed !== undefined
        ? { check: f.checkId, title: f.title, object: f.object, info: f.suppressed, expired: false }
        : f.exception !== undefined
          ? { check: f.exception.check, object: f.object, info: f.exception, expired: true }
          : undefined;
    if (row === undefined) continue;
    const key = `${objectLabel(row.object)}|${row.check}|${row.info.source}`;
    if (!rows.has(key)) rows.set(key, row);
  }
  return [...rows.values()];
}

/** Exceptions the revocation removes: those written as annotations on the object itself. */
const revocable = (row: ExceptionRow): boolean => row.info.source.startsWith(ANNOTATION);

/**
 * What the page asks the API about the user's rights: for each kind and namespace of the open
 * findings and of the exceptions, whether the user may patch there (one SelfSubjectAccessReview
 * each, as them). Until answered, and if the question fails, no button shows.
 */
export function useExceptionControls(
  load: Load<{ readonly latest?: { readonly result: Audit } }>,
  audit: () => void,
): [ExceptionControls, string | undefined] {
  const { api } = useSession();
  const [allowed, setAllowed] = useState<ReadonlySet<string>>(new Set());
  const [notice, setNotice] = useState<string | undefined>(undefined);
  const kindKey = (o: { apiVersion: string; kind: string; namespace?: string | undefined }): string =>
    `${o.apiVersion}|${o.kind}|${o.namespace ?? ''}`;
  const findings = load.state === 'ok' ? load.data.latest?.result.findings : undefined;
  useEffect(() => {
    if (findings === undefined) return;
    const objects = new Map<string, { apiVersion: string; kind: string; namespace?: string }>();
    for (const f of findings) {
      const o = f.object;
      objects.set(kindKey(o), {
        apiVersion: o.apiVersion,
        kind: o.kind,
        ...(o.namespace === undefined ? {} : { namespace: o.namespace }),
      });
    }
    const asked = [...objects.values()].slice(0, 500);
    if (asked.length === 0) return;
    const controller = new AbortController();
    api.run('audit.exceptionAccess', { objects: asked }, controller.signal).then(
      (ran) => setAllowed(new Set(asked.filter((_, i) => ran.result.patch[i] === true).map(kindKey))),
      () => setAllowed(new Set()),
    );
    return () => controller.abort();
  }, [findings]);
  const controls = useMemo<ExceptionControls>(
    () => ({
      can: (o) => allowed.has(kindKey(o)),
      changed: (text) => {
        setNotice(text);
        audit();
      },
    }),
    [allowed, audit],
  );
  return [controls, notice];
}

/** "Accept the risk" on an open finding: expiry, justification, reason; only where the API would act. */
export function AcceptRisk(props: {
  readonly finding: Finding;
  readonly controls?: ExceptionControls | undefined;
  readonly now?: Date;
}) {
  const { t } = useI18n();
  const { finding, controls } = props;
  const [open, setOpen] = useState(false);
  if (controls === undefined || finding.category === 'exception' || !controls.can(finding.object))
    return null;
  const object = objectLabel(finding.object);
  return (
    <>
      <button
        type="button"
        aria-label={t('console.exceptions.acceptLabel', { check: finding.checkId, object })}
        onClick={() => setOpen(true)}
      >
        {t('console.exceptions.accept')}
      </button>
      {open ? (
        <GrantDialog
          finding={finding}
          controls={controls}
          now={props.now ?? new Date()}
          onClose={() => setOpen(false)}
        />
      ) : null}
    </>
  );
}

function GrantDialog(props: {
  readonly finding: Finding;
  readonly controls: ExceptionControls;
  readonly now: Date;
  readonly onClose: () => void;
}) {
  const { t, lang } = useI18n();
  const { api } = useSession();
  const f = useMemo(() => formatsOf(lang), [lang]);
  const { finding } = props;
  const { min, max } = expiryBounds(props.now);
  const [expires, setExpires] = useState('');
  const [justification, setJustification] = useState('');
  const object = objectLabel(finding.object);
  const { apiVersion, kind, name, namespace } = finding.object;
  return (
    <ReasonDialog
      id="accept"
      title={t('console.exceptions.acceptLabel', { check: finding.checkId, object })}
      explain={t('console.exceptions.acceptExplain', { object })}
      confirm={t('console.exceptions.grant')}
      onClose={props.onClose}
      onConfirm={async (reason) => {
        const ran = await api.run('audit.grantException', {
          object: { apiVersion, kind, name, ...(namespace === undefined ? {} : { namespace }) },
          check: finding.checkId,
          expires,
          justification: justification.trim(),
          reason,
        });
        props.onClose();
        props.controls.changed(
          t('console.exceptions.granted', {
            object,
            check: ran.result.check,
            day: f.day(`${ran.result.expires}T12:00:00Z`),
          }),
        );
      }}
    >
      <label for="accept-expires">
        {t('console.exceptions.expires', { limit: f.day(`${max}T12:00:00Z`) })}
      </label>
      <input
        id="accept-expires"
        type="date"
        required
        min={min}
        max={max}
        value={expires}
        onInput={(e) => setExpires((e.target as HTMLInputElement).value)}
      />
      <label for="accept-justification">{t('console.exceptions.justification')}</label>
      <textarea
        id="accept-justification"
        required
        maxLength={500}
        value={justification}
        onInput={(e) => setJustification((e.target as HTMLTextAreaElement).value)}
      />
    </ReasonDialog>
  );
}

function RevokeDialog(props: {
  readonly row: ExceptionRow;
  readonly controls: ExceptionControls;
  readonly onClose: () => void;
}) {
  const { t } = useI18n();
  const { api } = useSession();
  const { row } = props;
  const object = objectLabel(row.object);
  const { apiVersion, kind, name, namespace } = row.object;
  return (
    <ReasonDialog
      id="revoke"
      title={t('console.exceptions.revokeLabel', { check: row.check, object })}
      explain={t('console.exceptions.revokeExplain', { object })}
      confirm={t('console.exceptions.revoke')}
      onClose={props.onClose}
      onConfirm={async (reason) => {
        await api.run('audit.revokeException', {
          object: { apiVersion, kind, name, ...(namespace === undefined ? {} : { namespace }) },
          check: row.check,
          reason,
        });
        props.onClose();
        props.controls.changed(t('console.exceptions.revoked', { check: row.check, object }));
      }}
    />
  );
}

/** The exceptions table of the Security page. */
export function SecurityExceptions(props: {
  readonly findings: readonly Finding[];
  readonly now: Date;
  readonly controls?: ExceptionControls | undefined;
}) {
  const { t, m, lang } = useI18n();
  const f = useMemo(() => formatsOf(lang), [lang]);
  const [revoking, setRevoking] = useState<ExceptionRow | undefined>(undefined);
  const rows = useMemo(() => exceptionRows(props.findings), [props.findings]);
  const { controls, now } = props;
  const actions = controls !== undefined && rows.some((r) => controls.can(r.object));
  return (
    <Section title={t('console.security.exceptions')}>
      <p class="muted">{t('console.exceptions.help')}</p>
      {rows.length === 0 ? (
        <Empty>{t('console.security.noExceptions')}</Empty>
      ) : (
        <div class="scroll">
          <table data-testid="security-exceptions">
            <thead>
              <tr>
                <th scope="col">{t('console.security.check')}</th>
                <th scope="col">{t('console.col.object')}</th>
                <th scope="col">{t('console.security.expires')}</th>
                <th scope="col">{t('console.security.why')}</th>
                <th scope="col">{t('console.exceptions.grantedBy')}</th>
                <th scope="col">{t('console.exceptions.writtenIn')}</th>
                {actions ? <th scope="col">{t('console.exceptions.actions')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => {
                const s = r.info;
                const left = s.expires === undefined ? undefined : daysLeft(s.expires, now);
                const expired = r.expired || (left !== undefined && left < 0);
                return (
                  <tr key={i} class={expired ? 'expired' : undefined}>
                    <td>
                      {r.title === undefined ? null : <>{m(r.title)} </>}
                      <span class="code">{r.check}</span>
                    </td>
                    <th scope="row">{objectLabel(r.object)}</th>
                    <td>
                      {s.expires === undefined ? (
                        t('console.security.never')
                      ) : expired ? (
                        <strong class="severity-high">
                          {t('console.security.expiresOn', {
                            day: f.day(`${s.expires}T12:00:00Z`),
                            left: t('console.security.expired'),
                          })}
                        </strong>
                      ) : (
                        t('console.security.expiresOn', {
                          day: f.day(`${s.expires}T12:00:00Z`),
                          left: t('console.security.daysLeft', { days: Math.max(0, left ?? 0) }),
                        })
                      )}
                    </td>
                    <td>{s.justification}</td>
                    <td>
                      {s.grantedAt === undefined
                        ? (s.grantedBy ?? t('console.exceptions.notRecorded'))
                        : t('console.exceptions.grantedByOn', {
                            who: s.grantedBy ?? t('console.exceptions.notRecorded'),
                            day: f.day(`${s.grantedAt}T12:00:00Z`),
                          })}
                    </td>
                    <td>
                      <span class="code">{s.source}</span>
                    </td>
                    {actions ? (
                      <td>
                        {!controls.can(r.object) ? null : revocable(r) ? (
                          <button
                            type="button"
                            aria-label={t('console.exceptions.revokeLabel', {
                              check: r.check,
                              object: objectLabel(r.object),
                            })}
                            onClick={() => setRevoking(r)}
                          >
                            {t('console.exceptions.revoke')}
                          </button>
                        ) : (
                          <span class="muted">{t('console.exceptions.inFile')}</span>
                        )}
                      </td>
                    ) : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {revoking === undefined || controls === undefined ? null : (
        <RevokeDialog row={revoking} controls={controls} onClose={() => setRevoking(undefined)} />
      )}
    </Section>
  );
}
