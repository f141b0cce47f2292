import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { RunningServer } from '@quai/api';
import type { KubeClient } from '@quai/core';
import { startOidcProvider, type OidcServer } from '../components/oidc-provider.js';
import { deleteNamespace, testClient, uniqueName } from './helpers.js';
import { startTestServer } from './api-server.js';

/**
 * Sign-in with OpenID Connect against a real provider (oidc-provider on loopback): the
 * authorization code flow with PKCE, the ID token's claims mapped to a Kubernetes user and groups
 * with prefixes, and the API server judging that user through impersonation.
 */

let idp: OidcServer;
let server: RunningServer;
let client: KubeClient;
const dir = mkdtempSync(join(tmpdir(), 'quai-oidc-'));
const ns = uniqueName('quai-test-oidc');
const group = `deployers-${randomBytes(3).toString('hex')}`;

/** A browser of sorts: one cookie jar (cookies ignore ports, as in browsers), redirects by hand. */
class Browser {
  private readonly cookies = new Map<string, string>();

  async get(url: string): Promise<Response> {
    const res = await fetch(url, { redirect: 'manual', headers: { cookie: this.cookieHeader() } });
    for (const c of res.headers.getSetCookie()) {
      const [pair = ''] = c.split(';');
      const i = pair.indexOf('=');
      const name = pair.slice(0, i);
      const value = pair.slice(i + 1);
      if (/max-age=0|expires=Thu, 01 Jan 1970/i.test(c) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  /** Follows redirects from `url` until a page that is not a redirect; returns every address. */
  async follow(url: string): Promise<{ final: Response; visited: string[] }> {
    const visited = [url];
    let res = await this.get(url);
    for (let i = 0; i < 20 && res.status >= 300 && res.status < 400; i++) {
      const next = new URL(res.headers.get('location') ?? '', visited.at(-1)).href;
      visited.push(next);
      res = await this.get(next);
    }
    return { final: res, visited };
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

beforeAll(async () => {
  client = await testClient();
  idp = await startOidcProvider({
    accounts: [
      { id: 'alice', groups: [group], email: 'alice@cd49.local' },
      { id: 'mallory', groups: [] },
    ],
  });
  server = await startTestServer(
    {
      listen: '127.0.0.1:0',
      storage: { sqlite: join(dir, 'quai.db') },
      defaultLang: 'en',
      auth: {
        oidc: {
          issuer: idp.issuer,
          clientId: idp.clientId,
          scopes: ['openid', 'profile', 'email', 'groups'],
          usernamePrefix: 'oidc:',
          groupsPrefix: 'oidc:',
        },
      },
    },
    { env: { QUAI_OIDC_CLIENT_SECRET: idp.clientSecret } },
  );
  idp.allowRedirect(`${server.url}/api/v1/auth/callback`);
  await client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  // The provider's group may edit the namespace (and apply its Namespace object and guardrails).
  const rbac = 'rbac.authorization.k8s.io/v1';
  const subject = { kind: 'Group', name: `oidc:${group}`, apiGroup: 'rbac.authorization.k8s.io' };
  await client.create({
    apiVersion: rbac,
    kind: 'RoleBinding',
    metadata: { name: 'deployers', namespace: ns },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'admin' },
    subjects: [subject],
  });
  await client.create({
    apiVersion: rbac,
    kind: 'Role',
    metadata: { name: 'guardrails', namespace: ns },
    rules: [
      {
        apiGroups: [''],
        resources: ['limitranges', 'resourcequotas'],
        verbs: ['get', 'list', 'create', 'patch', 'update', 'delete'],
      },
    ],
  });
  await client.create({
    apiVersion: rbac,
    kind: 'RoleBinding',
    metadata: { name: 'guardrails', namespace: ns },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'guardrails' },
    subjects: [subject],
  });
  await client.create({
    apiVersion: rbac,
    kind: 'ClusterRole',
    metadata: { name: `${ns}-namespace` },
    rules: [{ apiGroups: [''], resources: ['namespaces'], resourceNames: [ns], verbs: ['get', 'patch'] }],
  });
  await client.create({
    apiVersion: rbac,
    kind: 'ClusterRoleBinding',
    metadata: { name: `${ns}-namespace` },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: `${ns}-namespace` },
    subjects: [subject],
  });
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await idp?.stop();
  await client
    .delete({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      name: `${ns}-namespace`,
    })
    .catch(() => undefined);
  await client
    .delete({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', name: `${ns}-namespace` })
    .catch(() => undefined);
  await deleteNamespace(client, ns);
  client.close();
  rmSync(dir, { recursive: true, force: true });
});

async function signIn(
  as: string,
  returnTo = '/apps',
): Promise<{ browser: Browser; visited: string[]; final: Response }> {
  idp.signInAs(as);
  const browser = new Browser();
  const { final, visited } = await browser.follow(
    `${server.url}/api/v1/auth/login?returnTo=${encodeURIComponent(returnTo)}`,
  );
  return { browser, visited, final };
}

describe('sign-in with OpenID Connect', () => {
  it('goes through the provider with PKCE and comes back signed in, as the claims say', async () => {
    const { browser, visited, final } = await signIn('alice');
    expect(visited.at(-1), `${final.status} ${await final.clone().text()}`).toBe(`${server.url}/apps`);
    const toProvider = new URL(visited[1]!);
    expect(toProvider.origin).toBe(idp.issuer);
    expect(toProvider.searchParams.get('code_challenge_method')).toBe('S256');
    expect(toProvider.searchParams.get('state')).toBeTruthy();
    expect(toProvider.searchParams.get('nonce')).toBeTruthy();
    expect(visited.at(-1)).toBe(`${server.url}/apps`);
    expect(browser.cookie('quai_session')).toBeTruthy();
    const me = await fetch(`${server.url}/api/v1/auth/me`, { headers: { cookie: browser.cookieHeader() } });
    expect(await me.json()).toMatchObject({ user: 'oidc:alice', groups: [`oidc:${group}`], via: 'session' });
  });

  it('acts as the signed-in person on the cluster: their group may deploy, someone else may not', async () => {
    const spec = stringify({
      apiVersion: 'quai.dev/v1alpha1',
      kind: 'App',
      metadata: { name: 'web' },
      spec: {
        namespace: ns,
        components: { web: { image: 'registry.example/web:1', ports: [{ name: 'http', port: 8080 }] } },
      },
    });
    const apply = async (who: string) => {
      const { browser } = await signIn(who);
      const me = (await (
        await fetch(`${server.url}/api/v1/auth/me`, { headers: { cookie: browser.cookieHeader() } })
      ).json()) as { csrf: string };
      const res = await fetch(`${server.url}/api/v1/deploy/apply`, {
        method: 'POST',
        headers: {
          cookie: browser.cookieHeader(),
          'x-csrf-token': me.csrf,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ apps: [{ yaml: spec }], reason: 'oidc test', wait: false }),
      });
      return { status: res.status, body: (await res.json()) as any };
    };
    const alice = await apply('alice');
    expect(alice.body).toMatchObject({ outcome: 'ok', result: [{ status: 'deployed' }] });
    const mallory = await apply('mallory');
    expect(mallory.status).toBe(403);
    expect(mallory.body.error.message).toContain('oidc:mallory');
    const admin = await testClient();
    const revisions = await admin.list('v1', 'Secret', { namespace: ns, labelSelector: 'quai.dev/app=web' });
    expect(JSON.stringify(revisions.map((r) => r.metadata.annotations))).toContain('oidc:alice');
    admin.close();
  });

  it('uses each sign-in once, refuses a forged state, and never redirects off the server', async () => {
    const { visited } = await signIn('alice');
    const callback = visited.find((u) => u.includes('/api/v1/auth/callback'))!;
    const replay = await fetch(callback, { redirect: 'manual' });
    expect(replay.status).toBe(401);
    const forged = new URL(callback);
    forged.searchParams.set('state', 'forged');
    expect((await fetch(forged, { redirect: 'manual' })).status).toBe(401);
    const { visited: offsite } = await signIn('alice', '//evil.example/steal');
    expect(offsite.at(-1)).toBe(`${server.url}/`);
  });
});
