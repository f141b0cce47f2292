import type { Res } from '../api.js';
import { useI18n } from '../i18n.js';
import { Section } from '../ui.js';
import { FieldChanges } from './FieldChanges.js';

type Plan = Res<'deploy.plan'>[number];

/** Changes that would stop the apply, or that need a decision, before anything is written. */
const BLOCKING = new Set(['conflict', 'owned', 'invalid']);

/**
 * What applying the onboarded app would change (the API server's dry run, `deploy.plan`): per app,
 * a summary, then each object that would change with its fields before and after; unchanged objects
 * are only counted.
 */
export function OnboardPlan(props: { readonly plans: readonly Plan[] }) {
  const { t, m } = useI18n();
  return (
    <Section title={t('console.plan.title')}>
      <div data-testid="plan">
        {props.plans.map((p) => {
          const count = (k: keyof Plan['summary']): number => p.summary[k] ?? 0;
          const changed = p.changes.filter((c) => c.kind !== 'unchanged');
          const blocked = changed.filter((c) => BLOCKING.has(c.kind)).length;
          // Every object that changes, in one table; the fields of those that change in place after.
          const listed = changed;
          return (
            <div key={`${p.target.namespace}/${p.target.app}`}>
              <h3>
                {t('console.plan.app', {
                  app: p.target.app,
                  namespace: p.target.namespace,
                  environment: p.target.environment,
                })}
              </h3>
              <p>
                {t('console.plan.summary', {
                  create: count('create'),
                  update: count('update'),
                  delete: count('delete'),
                  unchanged: count('unchanged'),
                })}
              </p>
              {blocked === 0 ? null : (
                <p class="notice warn" role="alert">
                  {t('console.plan.blocked', { count: blocked })}
                </p>
              )}
              {listed.length === 0 ? null : (
                <table data-testid="plan-objects">
                  <thead>
                    <tr>
                      <th scope="col">{t('console.col.object')}</th>
                      <th scope="col">{t('console.col.change')}</th>
                      <th scope="col">{t('console.col.detail')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {listed.map((c) => (
                      <tr key={c.object} class={`plan-change ${c.kind}`}>
                        <th scope="row">
                          <code>{c.object}</code>
                        </th>
                        <td>{t(`console.plan.kind.${c.kind}`)}</td>
                        <td>
                          {[
                            c.conflicts === undefined || c.conflicts.length === 0
                              ? undefined
                              : t('console.plan.conflicts', { fields: c.conflicts.join(', ') }),
                            c.owner === undefined
                              ? undefined
                              : t('console.plan.owner', { owner: m(c.owner) }),
                            c.note === undefined ? undefined : m(c.note),
                          ]
                            .filter((x) => x !== undefined)
                            .join(' · ')}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              {changed
                .filter((c) => c.fields.length > 0)
                .map((c) => (
                  <FieldChanges
                    key={c.object}
                    caption={`${c.object} · ${t(`console.plan.kind.${c.kind}`)}`}
                    fields={c.fields}
                  />
                ))}
            </div>
          );
        })}
      </div>
    </Section>
  );
}
