import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Api, Me, Res } from './api.js';
import { I18nContext, i18nOf, loadTexts, storeLang, type Lang } from './i18n.js';
import { AppDetailPage } from './pages/AppDetail.js';
import { AppsPage } from './pages/Apps.js';
import { AuditPage } from './pages/Audit.js';
import { BackupsPage } from './pages/Backups.js';
import { CapacityPage } from './pages/Capacity.js';
import { OnboardPage } from './pages/Onboard.js';
import { OverviewPage } from './pages/Overview.js';
import { SecurityPage } from './pages/Security.js';
import { SettingsPage } from './pages/Settings.js';
import { SignInPage } from './pages/SignIn.js';
import { SessionContext, type Connection, type Session } from './state.js';

type Route =
  | { page: 'overview' }
  | { page: 'apps' }
  | { page: 'app'; namespace: string; app: string }
  | { page: 'onboard' }
  | { page: 'backups' }
  | { page: 'audit' }
  | { page: 'security' }
  | { page: 'capacity' }
  | { page: 'settings' };

export function routeOf(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  if (parts[0] === 'apps' && parts[1] !== undefined && parts[2] !== undefined)
    return { page: 'app', namespace: parts[1], app: parts[2] };
  if (parts[0] === 'apps') return { page: 'apps' };
  if (parts[0] === 'onboard') return { page: 'onboard' };
  if (parts[0] === 'backups') return { page: 'backups' };
  if (parts[0] === 'audit') return { page: 'audit' };
  if (parts[0] === 'security') return { page: 'security' };
  if (parts[0] === 'capacity') return { page: 'capacity' };
  if (parts[0] === 'settings') return { page: 'settings' };
  return { page: 'overview' };
}

const NAV = [
  ['overview', '#/', 'console.nav.overview'],
  ['apps', '#/apps', 'console.nav.apps'],
  ['onboard', '#/onboard', 'console.nav.onboard'],
  ['backups', '#/backups', 'console.nav.backups'],
  ['audit', '#/audit', 'console.nav.audit'],
  ['security', '#/security', 'console.security.nav'],
  ['capacity', '#/capacity', 'console.capacity.nav'],
  ['settings', '#/settings', 'console.settings.title'],
] as const;

export function App(props: { readonly api: Api; readonly lang: Lang }) {
  const [lang, setLang] = useState<Lang>(props.lang);
  const [me, setMe] = useState<Me | undefined | null>(undefined);
  const [expired, setExpired] = useState(false);
  const [connection, setConnection] = useState<Connection>('idle');
  const [hash, setHash] = useState(location.hash);
  const [access, setAccess] = useState<Res<'view.access'> | undefined>(undefined);
  const i18n = useMemo(() => i18nOf(lang), [lang]);
  props.api.lang = lang;

  useEffect(() => {
    const on = (): void => setHash(location.hash);
    addEventListener('hashchange', on);
    props.api.me().then(setMe, () => setMe(null));
    return () => removeEventListener('hashchange', on);
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = i18n.t('console.title');
  }, [lang]);
  useEffect(() => {
    if (me === undefined || me === null) return;
    props.api.run('view.access', {}).then(
      (r) => setAccess(r.result),
      () => setAccess({ deploy: false, scale: false, backup: false, restore: false, schedules: false }),
    );
  }, [me]);

  const session: Session | undefined = useMemo(
    () =>
      me === undefined || me === null
        ? undefined
        : {
            api: props.api,
            me,
            setConnection,
            signedOut: () => {
              setExpired(true);
              setMe(null);
            },
          },
    [me],
  );
  // The other language's texts are loaded the first time the reader chooses it.
  const chooseLang = (l: Lang): void => {
    storeLang(l);
    loadTexts(l).then(
      () => setLang(l),
      () => undefined,
    );
  };
  const route = routeOf(hash);
  const { t } = i18n;

  return (
    <I18nContext.Provider value={i18n}>
      <a
        class="skip"
        href="#main"
        onClick={(e) => (e.preventDefault(), document.getElementById('main')?.focus())}
      >
        {t('console.skip')}
      </a>
      <header>
        <span class="brand">Quai</span>
        {session === undefined ? null : (
          <nav aria-label={t('console.nav')}>
            <ul>
              {NAV.map(([page, href, label]) => (
                <li key={page}>
                  <a
                    href={href}
                    aria-current={
                      route.page === page || (page === 'apps' && route.page === 'app') ? 'page' : undefined
                    }
                  >
                    {t(label)}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        )}
        <div class="tools">
          {session === undefined ? null : (
            <span
              class={`live ${connection === 'live' ? 'on' : connection}`}
              role="status"
              aria-live="polite"
              data-testid="connection"
            >
              {connection === 'lost'
                ? t('console.live.lost')
                : connection === 'cluster'
                  ? t('console.live.cluster')
                  : connection === 'live'
                    ? t('console.live.on')
                    : ''}
            </span>
          )}
          <label>
            {t('console.lang')}{' '}
            <select value={lang} onChange={(e) => chooseLang((e.target as HTMLSelectElement).value as Lang)}>
              <option value="fr" lang="fr">
                Français
              </option>
              <option value="en" lang="en">
                English
              </option>
            </select>
          </label>
          {session === undefined ? null : (
            <>
              <span class="user">{t('console.signedInAs', { user: session.me.user })}</span>
              <button
                type="button"
                onClick={() => {
                  void props.api.signOut().finally(() => setMe(null));
                }}
              >
                {t('console.signOut')}
              </button>
            </>
          )}
        </div>
      </header>
      {me === undefined ? (
        <p role="status">{t('console.loading')}</p>
      ) : session === undefined ? (
        <SignInPage
          api={props.api}
          expired={expired}
          onSignedIn={(m) => {
            setExpired(false);
            setMe(m);
          }}
        />
      ) : (
        <SessionContext.Provider value={session}>
          <main id="main" tabIndex={-1}>
            {route.page === 'overview' ? <OverviewPage /> : null}
            {route.page === 'apps' ? <AppsPage /> : null}
            {route.page === 'app' ? (
              <AppDetailPage
                key={`${route.namespace}/${route.app}`}
                namespace={route.namespace}
                app={route.app}
              />
            ) : null}
            {route.page === 'onboard' ? <OnboardPage canDeploy={access?.deploy === true} /> : null}
            {route.page === 'backups' ? <BackupsPage /> : null}
            {route.page === 'audit' ? <AuditPage /> : null}
            {route.page === 'security' ? <SecurityPage /> : null}
            {route.page === 'capacity' ? <CapacityPage /> : null}
            {route.page === 'settings' ? <SettingsPage /> : null}
          </main>
        </SessionContext.Provider>
      )}
    </I18nContext.Provider>
  );
}
