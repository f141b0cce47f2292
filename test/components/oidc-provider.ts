// A real OpenID Connect provider on loopback for the sign-in tests: `oidc-provider`, a certified
// implementation (the library behind several production identity servers), configured with one
// confidential client and accounts with groups. Sign-in interactions are answered by the test
// (who signs in), as a login page would after the user typed their password.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export interface OidcAccount {
  readonly id: string;
  readonly groups: readonly string[];
  readonly email?: string;
  /** With `loginForm`: the password the login page checks. */
  readonly password?: string;
}

export interface OidcServer {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Registers the client's redirect address (the server under test listens first). */
  allowRedirect(uri: string): void;
  /** The account the next sign-in completes as. */
  signInAs(id: string): void;
  stop(): Promise<void>;
}

export async function startOidcProvider(options: {
  readonly accounts: readonly OidcAccount[];
  /**
   * A login page (user name, password) where a browser signs in, as on Keycloak's; without it,
   * sign-ins complete as `signInAs` says, with no page.
   */
  readonly loginForm?: boolean;
}): Promise<OidcServer> {
  const redirectUris: string[] = [];
  const clientId = 'quai';
  const clientSecret = `secret-${Math.random().toString(36).slice(2)}`;
  let next = options.accounts[0]?.id ?? '';
  const accounts = new Map(options.accounts.map((a) => [a.id, a]));
  const http: Server = createServer();
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  const issuer = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  // Created on the first request, once the redirect addresses are known.
  const makeProvider = (): Provider =>
    new Provider(issuer, {
      clients: [
        {
          client_id: clientId,
          client_secret: clientSecret,
          redirect_uris: [...redirectUris],
          grant_types: ['authorization_code'],
          response_types: ['code'],
        },
      ],
      claims: {
        openid: ['sub'],
        profile: ['preferred_username', 'name'],
        email: ['email'],
        groups: ['groups'],
      },
      scopes: ['openid', 'profile', 'email', 'groups'],
      features: { devInteractions: { enabled: false } },
      interactions: {
        url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}`,
      },
      cookies: { keys: ['quai-test-cookie-key'] },
      findAccount: (_ctx: unknown, id: string) => {
        const account = accounts.get(id);
        if (account === undefined) return undefined;
        return {
          accountId: id,
          claims: () => ({
            sub: id,
            preferred_username: id,
            name: id,
            ...(account.email === undefined ? {} : { email: account.email }),
            groups: [...account.groups],
          }),
        };
      },
    });
  let provider: Provider | undefined;
  let handle: ((req: IncomingMessage, res: ServerResponse) => unknown) | undefined;
  http.on('request', (req: IncomingMessage, res: ServerResponse) => {
    provider ??= makeProvider();
    handle ??= provider.callback();
    if (!(req.url ?? '').startsWith('/interaction/')) {
      void handle(req, res);
      return;
    }
    const p = provider;
    void (async () => {
      const details = await p.interactionDetails(req, res);
      if (details.prompt.name === 'login' && options.loginForm === true) {
        const account = req.method === 'POST' ? await loginOf(req, accounts) : undefined;
        if (account === undefined) {
          res.writeHead(req.method === 'POST' ? 401 : 200, { 'content-type': 'text/html; charset=utf-8' });
          res.end(loginPage(req.method === 'POST'));
          return;
        }
        await p.interactionFinished(
          req,
          res,
          { login: { accountId: account } },
          { mergeWithLastSubmission: false },
        );
        return;
      }
      if (details.prompt.name === 'login') {
        await p.interactionFinished(
          req,
          res,
          { login: { accountId: next } },
          { mergeWithLastSubmission: false },
        );
        return;
      }
      const grant = new p.Grant({ accountId: details.session?.accountId ?? next, clientId });
      const scope = details.params['scope'];
      grant.addOIDCScope(typeof scope === 'string' ? scope : 'openid');
      await p.interactionFinished(
        req,
        res,
        { consent: { grantId: await grant.save() } },
        { mergeWithLastSubmission: true },
      );
    })().catch((error: unknown) => {
      res.statusCode = 500;
      res.end(String(error));
    });
  });
  return {
    issuer,
    clientId,
    clientSecret,
    allowRedirect: (uri) => {
      if (provider !== undefined) throw new Error('register redirect addresses before the first sign-in');
      redirectUris.push(uri);
    },
    signInAs: (id) => {
      next = id;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  };
}

/** The account of a posted login form whose password matches, or undefined. */
async function loginOf(
  req: IncomingMessage,
  accounts: ReadonlyMap<string, OidcAccount>,
): Promise<string | undefined> {
  let body = '';
  for await (const chunk of req) body += (chunk as Buffer).toString();
  const form = new URLSearchParams(body);
  const account = accounts.get(form.get('username') ?? '');
  return account?.password !== undefined && account.password === form.get('password')
    ? account.id
    : undefined;
}

/** The provider's login page: a plain form that posts back to the interaction's address. */
function loginPage(failed: boolean): string {
  return `<!doctype html><html lang="en"><head><title>Test provider: sign in</title></head><body><main>
<h1>Test provider</h1>${failed ? '<p role="alert">Invalid user name or password.</p>' : ''}
<form method="post"><label for="username">Username</label><input id="username" name="username" autocomplete="username">
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password">
<button type="submit">Sign in</button></form></main></body></html>`;
}
