import type { ComponentChildren } from 'preact';
import { useI18n } from '../i18n.js';

/** A field's value as one line: strings as they are, anything else as JSON. */
const show = (value: unknown): string =>
  value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);

/**
 * One object's changed fields, before and after: the diff between two revisions and the plan of
 * a deployment show their changes with it.
 */
export function FieldChanges(props: {
  readonly caption: ComponentChildren;
  readonly fields: readonly { readonly path: string; readonly before?: unknown; readonly after?: unknown }[];
}) {
  const { t } = useI18n();
  return (
    <table class="diff">
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('console.col.field')}</th>
          <th scope="col">{t('console.col.before')}</th>
          <th scope="col">{t('console.col.after')}</th>
        </tr>
      </thead>
      <tbody>
        {props.fields.map((f) => (
          <tr key={f.path}>
            <th scope="row">
              <code>{f.path}</code>
            </th>
            <td class="before">
              {f.before === undefined ? t('console.diff.absent') : <code>{show(f.before)}</code>}
            </td>
            <td class="after">
              {f.after === undefined ? t('console.diff.absent') : <code>{show(f.after)}</code>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
