import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadClusterAccess, QuaiError } from '../src/index.js';

function dir(): string {
  return mkdtempSync(join(tmpdir(), 'quai-kubeconfig-'));
}

function kubeconfig(opts: { context?: string; server?: string; ns?: string; user?: string } = {}): string {
  const ctx = opts.context ?? 'one';
  return `apiVersion: v1
kind: Config
current-context: ${ctx}
clusters:
- name: ${ctx}-cluster
  cluster:
    server: ${opts.server ?? 'https://127.0.0.1:6443'}
    certificate-authority: ca.crt
contexts:
- name: ${ctx}
  context:
    cluster: ${ctx}-cluster
    user: ${opts.user ?? `${ctx}-user`}
    namespace: ${opts.ns ?? 'team'}
users:
- name: ${ctx}-user
  user:
    token: token-${ctx}
`;
}

async function expectQuaiError(p: Promise<unknown>, code: string, text: RegExp): Promise<QuaiError> {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(QuaiError);
  const q = error as QuaiError;
  expect(q.code).toBe(code);
  expect(q.message).toMatch(text);
  return q;
}

describe('loadClusterAccess', () => {
  it('reads an explicit kubeconfig, resolving relative files against its folder', async () => {
    const d = dir();
    writeFileSync(join(d, 'config'), kubeconfig());
    writeFileSync(join(d, 'ca.crt'), 'CA-BYTES');
    const access = await loadClusterAccess({ kubeconfig: join(d, 'config'), env: {} });
    expect(access.server).toBe('https://127.0.0.1:6443');
    expect(access.namespace).toBe('team');
    expect(access.contextName).toBe('one');
    expect(access.ca?.toString()).toBe('CA-BYTES');
    expect(access.auth).toEqual({ kind: 'token', token: 'token-one' });
  });

  it('merges KUBECONFIG files with the first file winning, and honours --context and -n', async () => {
    const d = dir();
    writeFileSync(join(d, 'ca.crt'), 'x');
    writeFileSync(join(d, 'a'), kubeconfig({ context: 'a' }));
    writeFileSync(join(d, 'b'), kubeconfig({ context: 'b', server: 'https://10.0.0.2:6443' }));
    const env = { KUBECONFIG: [join(d, 'a'), join(d, 'missing'), join(d, 'b')].join(':') };
    const first = await loadClusterAccess({ env });
    expect(first.contextName).toBe('a');
    const other = await loadClusterAccess({ env, context: 'b', namespace: 'ops' });
    expect(other.server).toBe('https://10.0.0.2:6443');
    expect(other.namespace).toBe('ops');
  });

  it('names the known contexts when --context is wrong', async () => {
    const d = dir();
    writeFileSync(join(d, 'config'), kubeconfig());
    writeFileSync(join(d, 'ca.crt'), 'x');
    const e = await expectQuaiError(
      loadClusterAccess({ kubeconfig: join(d, 'config'), context: 'nope', env: {} }),
      'KUBECONFIG_INVALID',
      /Context "nope" is not in the kubeconfig/,
    );
    expect(e.hint).toContain('Known contexts: one');
  });

  it('reports YAML errors with file, line and column', async () => {
    const d = dir();
    const file = join(d, 'config');
    writeFileSync(file, 'apiVersion: v1\nclusters:\n  - name: a\n    name: b\n');
    const e = await expectQuaiError(
      loadClusterAccess({ kubeconfig: file, env: {} }),
      'KUBECONFIG_INVALID',
      /line 4, column 5/,
    );
    expect(e.location).toMatchObject({ file, line: 4, column: 5 });
    expect(e.message).toMatch(/duplicate|unique/i);
  });

  it('reports shape errors with the path inside the document', async () => {
    const d = dir();
    const file = join(d, 'config');
    writeFileSync(file, 'clusters:\n- name: a\n  cluster: {}\n');
    const e = await expectQuaiError(
      loadClusterAccess({ kubeconfig: file, env: {} }),
      'KUBECONFIG_INVALID',
      /clusters\[0\]\.cluster\.server/,
    );
    expect(e.location?.path).toBe('clusters[0].cluster.server');
  });

  it('fails on a missing explicit file, with a hint', async () => {
    await expectQuaiError(
      loadClusterAccess({ kubeconfig: '/nonexistent/kubeconfig', env: {} }),
      'KUBECONFIG_NOT_FOUND',
      /Cannot read kubeconfig "\/nonexistent\/kubeconfig"/,
    );
  });

  it('falls back to the in-cluster service account', async () => {
    const sa = dir();
    writeFileSync(join(sa, 'token'), 'sa-token\n');
    writeFileSync(join(sa, 'namespace'), 'apps');
    writeFileSync(join(sa, 'ca.crt'), 'CA');
    const access = await loadClusterAccess({
      env: { KUBERNETES_SERVICE_HOST: '10.96.0.1', KUBERNETES_SERVICE_PORT: '443' },
      home: dir(),
      inClusterDir: sa,
    });
    expect(access.server).toBe('https://10.96.0.1:443');
    expect(access.namespace).toBe('apps');
    expect(access.auth).toEqual({ kind: 'tokenFile', path: join(sa, 'token') });
  });

  it('says what to do when there is no kubeconfig and no cluster around', async () => {
    const e = await expectQuaiError(
      loadClusterAccess({ env: {}, home: dir(), inClusterDir: dir() }),
      'KUBECONFIG_NOT_FOUND',
      /No kubeconfig found/,
    );
    expect(e.hint).toContain('quai dev cluster up');
  });

  it('reads client certificates and refuses a certificate without its key', async () => {
    const d = dir();
    mkdirSync(join(d, 'pki'));
    writeFileSync(join(d, 'pki', 'c.crt'), 'CERT');
    writeFileSync(join(d, 'pki', 'c.key'), 'KEY');
    const base = `apiVersion: v1
current-context: c
clusters: [{name: k, cluster: {server: "https://h:1", insecure-skip-tls-verify: true}}]
contexts: [{name: c, context: {cluster: k, user: u}}]
`;
    writeFileSync(
      join(d, 'good'),
      `${base}users: [{name: u, user: {client-certificate: pki/c.crt, client-key: pki/c.key}}]\n`,
    );
    const access = await loadClusterAccess({ kubeconfig: join(d, 'good'), env: {} });
    expect(access.insecureSkipTlsVerify).toBe(true);
    expect(access.namespace).toBe('default');
    expect(access.auth.kind).toBe('clientCert');
    writeFileSync(join(d, 'bad'), `${base}users: [{name: u, user: {client-certificate: pki/c.crt}}]\n`);
    await expectQuaiError(
      loadClusterAccess({ kubeconfig: join(d, 'bad'), env: {} }),
      'KUBECONFIG_INVALID',
      /without a key/,
    );
  });

  it('refuses the removed auth-provider with the exec plugin as the fix', async () => {
    const d = dir();
    writeFileSync(
      join(d, 'config'),
      `current-context: c
clusters: [{name: k, cluster: {server: "https://h:1"}}]
contexts: [{name: c, context: {cluster: k, user: u}}]
users: [{name: u, user: {auth-provider: {name: oidc}}}]
`,
    );
    const e = await expectQuaiError(
      loadClusterAccess({ kubeconfig: join(d, 'config'), env: {} }),
      'KUBECONFIG_INVALID',
      /auth-provider "oidc"/,
    );
    expect(e.hint).toContain('exec credential plugin');
  });
});
