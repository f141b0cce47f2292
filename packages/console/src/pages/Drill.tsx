import { useState } from 'preact/hooks';
import type { Res } from '../api.js';
import { useAction } from '../action.js';
import { useI18n } from '../i18n.js';
import { useSession } from '../state.js';
import { ActionSubmit, KeyField, ReasonField } from './AppActions.js';
import { chosenTarget, TargetSelect, type NamedTarget } from './SettingsTargets.js';

type Drill = Res<'backup.drill'>;

/**
 * "Run a restore drill": a backup of a target is restored into temporary namespaces, checked,
 * timed and cleaned up; the reason goes to the audit trail, the report to the page's history.
 */
export function DrillForm(props: {
  /** The storage targets of the settings. */
  readonly targets: readonly NamedTarget[];
  readonly backups: readonly string[];
  readonly onDone: (d: Drill) => void;
}) {
  const { t } = useI18n();
  const { api } = useSession();
  const action = useAction();
  const [target, setTarget] = useState('');
  const [backup, setBackup] = useState('');
  const [key, setKey] = useState('');
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const submit = (e: Event): void => {
    e.preventDefault();
    if (reason.trim() === '') return setMissing(true);
    void action.run(async (progress) => {
      const ran = await api.stream(
        'backup.drill',
        {
          target: chosenTarget(target, props.targets),
          backup: backup.trim(),
          reason: reason.trim(),
          ...(key.trim() === '' ? {} : { key: { base64: key.trim() } }),
        } as never,
        progress,
      );
      props.onDone(ran.result);
      setReason('');
    });
  };
  return (
    <form onSubmit={submit} data-testid="drill-form">
      <p class="muted">{t('console.drill.explain')}</p>
      <TargetSelect
        id="drill-target"
        targets={props.targets}
        value={chosenTarget(target, props.targets)}
        onChange={setTarget}
      />
      <label for="drill-backup">{t('console.backups.backup')}</label>
      <input
        id="drill-backup"
        required
        list="drill-backups"
        pattern="[a-z0-9]([\-a-z0-9]{0,61}[a-z0-9])?"
        value={backup}
        onInput={(e) => setBackup((e.target as HTMLInputElement).value)}
      />
      <datalist id="drill-backups">
        {props.backups.map((x) => (
          <option key={x} value={x} />
        ))}
      </datalist>
      <KeyField id="drill-key" label={t('console.restore.keyIfEncrypted')} value={key} onInput={setKey} />
      <ReasonField
        id="drill"
        value={reason}
        missing={missing}
        onInput={(v) => {
          setReason(v);
          setMissing(false);
        }}
      />
      <ActionSubmit action={action} label={t('console.drill.new')} />
    </form>
  );
}
