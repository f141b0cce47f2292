import { randomBytes } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { KubeClient, loadClusterAccess } from '@quai/core';
import { startOidcProvider, type OidcServer } from '../components/oidc-provider.js';
import { axe, launchChromium, startServe, type Served } from './harness.js';

/**
 * Signing in to the console in Debian's Chromium: with OpenID Connect through a real provider
 * (oidc-provider on loopback, its login page), with a token, and a session that ends while the
 * page is open, which goes back to the sign-in page with a French message. The server's sessions
 * last 20 seconds here.
 */

const SESSION_SECONDS = 20;
const password = `pw-${randomBytes(6).toString('hex')}`;
const binding = `quai-console-e2e-oidc-${randomBytes(3).toString('hex')}`;
let idp: OidcServer;
let served: Served;
let browser: Browser;
let client: KubeClient;

beforeAll(async () => {
  const kubeconfig = inject('kubeconfig');
  client = new KubeClient(await loadClusterAccess({ kubeconfig }));
  idp = await startOidcProvider({
    accounts: [{ id: 'camille', groups: ['agents'], email: 'camille@cd49.local', password }],
    loginForm: true,
  });
  // The provider's user reads the cluster (Kubernetes' view role), through impersonation.
  await client.apply(
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: binding },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'oidc:camille' }],
    },
    { fieldManager: 'quai-e2e', force: true },
  );
  served = await startServe(kubeconfig, {
    oidc: {
      issuer: idp.issuer,
      clientId: idp.clientId,
      scopes: ['openid', 'profile', 'email', 'groups'],
      usernamePrefix: 'oidc:',
      groupsPrefix: 'oidc:',
    },
    sessionTtl: `${SESSION_SECONDS}s`,
    env: { QUAI_OIDC_CLIENT_SECRET: idp.clientSecret },
  });
  idp.allowRedirect(`${served.url}/api/v1/auth/callback`);
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await served?.stop();
  await idp?.stop();
  await client
    ?.delete({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', name: binding })
    .catch(() => undefined);
  client?.close();
});

describe('signing in to the console', () => {
  it("signs in with OpenID Connect: to the provider's login page and back to the console", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(served.url);
    const oidc = page.getByRole('link', { name: 'Se connecter avec le compte de votre organisation' });
    await oidc.waitFor();
    expect(await axe(page)).toEqual([]);
    await oidc.click();
    // The provider's page, on its own address.
    await page.getByLabel('Username').waitFor();
    expect(new URL(page.url()).origin).toBe(idp.issuer);
    await page.getByLabel('Username').fill('camille');
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').innerText()).toContain('Invalid user name or password');
    await page.getByLabel('Username').fill('camille');
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    // Back on the console, signed in as the provider's user with its prefix.
    await page.getByRole('heading', { level: 1, name: "Vue d'ensemble" }).waitFor({ timeout: 30_000 });
    expect(new URL(page.url()).origin).toBe(new URL(served.url).origin);
    await page.getByText('Connecté en tant que oidc:camille').waitFor();
    await page.getByTestId('health').waitFor();
    // Its session ends: the next read is refused, the page says so in French.
    await page.waitForTimeout((SESSION_SECONDS + 2) * 1000);
    await page.goto(`${served.url}/#/apps`);
    await page.reload();
    await page.getByLabel("Jeton d'accès").waitFor({ timeout: 30_000 });
    await page.close();
  }, 120_000);

  it('signs in with a token; when the session ends, goes back to sign-in with a clear French message', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(served.url);
    await page.getByLabel("Jeton d'accès").fill(served.tokens.admin);
    await page.getByRole('button', { name: 'Se connecter avec le jeton' }).click();
    await page.getByRole('heading', { level: 1, name: "Vue d'ensemble" }).waitFor();
    await page.getByText('Connecté en tant que quai-admin').waitFor();
    // The session ends while the page is open; the next page read is refused (401).
    await page.waitForTimeout((SESSION_SECONDS + 2) * 1000);
    // The next read is refused (401): the one this click makes, or one the live page made by
    // itself first (a watched Node or Event changed: the overview reads again), which may take
    // the link away under the click.
    const notice = page.getByRole('status').filter({ hasText: 'session' });
    if (!(await notice.isVisible()))
      await page
        .getByRole('link', { name: 'Applications' })
        .click({ timeout: 5000 })
        .catch(() => undefined);
    await notice.waitFor({ timeout: 30_000 });
    const asked = new URL(page.url()).hash;
    expect(await notice.innerText()).toBe('Votre session a pris fin : reconnectez-vous.');
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    await page.getByLabel("Jeton d'accès").waitFor();
    expect(await axe(page)).toEqual([]);
    // Signing in again works, and the page is the one asked for.
    await page.getByLabel("Jeton d'accès").fill(served.tokens.admin);
    await page.getByRole('button', { name: 'Se connecter avec le jeton' }).click();
    await page
      .getByRole('heading', { level: 1, name: asked === '#/apps' ? 'Applications' : "Vue d'ensemble" })
      .waitFor();
    expect(new URL(page.url()).hash).toBe(asked);
    await page.close();
  }, 120_000);
});
