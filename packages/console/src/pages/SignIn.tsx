import { useEffect, useState } from 'preact/hooks';
import { ApiError, type Api, type Me } from '../api.js';
import { useI18n } from '../i18n.js';
import { ErrorNotice } from '../state.js';

export function SignInPage(props: {
  readonly api: Api;
  readonly expired: boolean;
  readonly onSignedIn: (me: Me) => void;
}) {
  const { t } = useI18n();
  const [token, setToken] = useState('');
  const [oidc, setOidc] = useState(false);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    props.api.providers().then(
      (p) => setOidc(p.oidc),
      () => setOidc(false),
    );
  }, []);
  return (
    <main id="main" class="signin">
      <h1>{t('console.title')}</h1>
      <h2>{t('console.signIn.title')}</h2>
      {props.expired ? (
        <p role="status" class="notice warn">
          {t('console.signIn.expired')}
        </p>
      ) : null}
      {oidc ? (
        <p>
          <a class="button primary" href={props.api.oidcUrl('/')}>
            {t('console.signIn.oidc')}
          </a>
        </p>
      ) : null}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setBusy(true);
          setError(undefined);
          props.api.signIn(token.trim()).then(props.onSignedIn, (err: unknown) => {
            setBusy(false);
            setError(err instanceof ApiError ? err : new ApiError(500, 'INTERNAL', String(err)));
          });
        }}
      >
        <label for="token">{t('console.signIn.token')}</label>
        <input
          id="token"
          type="password"
          autocomplete="off"
          required
          aria-describedby="token-help"
          value={token}
          onInput={(e) => setToken((e.target as HTMLInputElement).value)}
        />
        <p id="token-help" class="muted">
          {t('console.signIn.tokenHelp')}
        </p>
        <button type="submit" class="primary" disabled={busy || token.trim() === ''}>
          {t('console.signIn.submit')}
        </button>
      </form>
      {error === undefined ? null : <ErrorNotice error={error} />}
    </main>
  );
}
