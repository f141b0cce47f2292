import { useI18n } from '../i18n.js';

/** A storage target as the backup forms offer it: its name and where it is. */
export interface NamedTarget {
  readonly name: string;
  readonly location: string;
}

/**
 * The storage target of a backup, restore or drill: one of the targets declared on the Settings
 * page (the API refuses any other), never a free path. With none declared, it says who adds one.
 */
export function TargetSelect(props: {
  readonly id: string;
  readonly targets: readonly NamedTarget[];
  readonly value: string;
  readonly onChange: (name: string) => void;
}) {
  const { t } = useI18n();
  if (props.targets.length === 0) {
    return (
      <p class="notice" data-testid={`${props.id}-none`}>
        {t('console.settings.noTargetsForBackup')} <a href="#/settings">{t('console.settings.title')}</a>
      </p>
    );
  }
  return (
    <>
      <label for={props.id}>{t('console.settings.targetSelect')}</label>
      <select
        id={props.id}
        required
        aria-describedby={`${props.id}-help`}
        value={props.value}
        onChange={(e) => props.onChange((e.target as HTMLSelectElement).value)}
      >
        {props.targets.map((x) => (
          <option key={x.name} value={x.name}>
            {`${x.name} (${x.location})`}
          </option>
        ))}
      </select>
      <p id={`${props.id}-help`} class="muted">
        {t('console.settings.targetSelectHelp')}
      </p>
    </>
  );
}

/** The chosen target, or the first one until the reader chooses. */
export const chosenTarget = (value: string, targets: readonly NamedTarget[]): string =>
  value !== '' && targets.some((x) => x.name === value) ? value : (targets[0]?.name ?? '');
