import { useState } from 'preact/hooks';
import { ApiError, type Res } from '../api.js';
import { useI18n } from '../i18n.js';
import { ErrorNotice, useSession } from '../state.js';

type Drill = Res<'backup.drill'>;

/**
 * "Run a restore drill": a backup of a target is restored into temporary namespaces, checked,
 * timed and cleaned up; the reason goes to the audit trail, the report to the page's history.
 */
export function DrillForm(props: {
  readonly targets: readonly string[];
  readonly backups: readonly string[];
  readonly onDone: (d: Drill) => void;
}) {
  const { t, m } = useI18n();
  const { api, signedOut } = useSession();
  const [target, setTarget] = useState('');
  const [backup, setBackup] = useState('');
  const [key, setKey] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [step, setStep] = useState('');
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const ran = await api.stream(
        'backup.drill',
        {
          target: target.trim(),
          backup: backup.trim(),
          reason: reason.trim(),
          ...(key.trim() === '' ? {} : { key: { base64: key.trim() } }),
        } as never,
        (p) => {
          if (p.message !== undefined) setStep(m(p.message));
        },
      );
      props.onDone(ran.result);
      setReason('');
    } catch (err) {
      const a = err instanceof ApiError ? err : new ApiError(500, 'INTERNAL', (err as Error).message);
      if (a.unauthenticated) signedOut();
      setError(a);
    } finally {
      setBusy(false);
      setStep('');
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} data-testid="drill-form">
      <p class="muted">{t('console.drill.explain')}</p>
      <label for="drill-target">{t('console.backups.target')}</label>
      <input
        id="drill-target"
        required
        list="drill-targets"
        value={target}
        onInput={(e) => setTarget((e.target as HTMLInputElement).value)}
      />
      <datalist id="drill-targets">
        {props.targets.map((x) => (
          <option key={x} value={x} />
        ))}
      </datalist>
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
      <label for="drill-key">{t('console.restore.keyIfEncrypted')}</label>
      <input
        id="drill-key"
        type="password"
        autocomplete="off"
        value={key}
        onInput={(e) => setKey((e.target as HTMLInputElement).value)}
      />
      <label for="drill-reason">{t('console.reason')}</label>
      <textarea
        id="drill-reason"
        required
        aria-required="true"
        maxLength={1000}
        value={reason}
        onInput={(e) => setReason((e.target as HTMLTextAreaElement).value)}
      />
      <div class="actions">
        <button type="submit" disabled={busy}>
          {busy ? t('console.running') : t('console.drill.new')}
        </button>
      </div>
      {step === '' ? null : (
        <p role="status" class="muted">
          {step}
        </p>
      )}
      {error === undefined ? null : <ErrorNotice error={error} />}
    </form>
  );
}
