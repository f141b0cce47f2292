import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CredentialProvider, QuaiError } from '../src/index.js';

function plugin(body: string): { dir: string; command: string } {
  const dir = mkdtempSync(join(tmpdir(), 'quai-exec-'));
  const command = join(dir, 'plugin.sh');
  writeFileSync(command, `#!/bin/sh\n${body}\n`);
  chmodSync(command, 0o755);
  return { dir, command };
}

describe('exec credential plugins', () => {
  it('runs the plugin with KUBERNETES_EXEC_INFO and its env, and caches an unexpired token', async () => {
    const { dir, command } = plugin(
      `echo run >> "$(dirname "$0")/runs"; echo "$KUBERNETES_EXEC_INFO" > "$(dirname "$0")/info"
printf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"%s-%s","expirationTimestamp":"2999-01-01T00:00:00Z"}}' "$TEAM_TOKEN" "$CALLER_VAR"`,
    );
    // The plugin runs with the environment its caller hands in (core never reads process.env).
    const provider = new CredentialProvider({
      kind: 'exec',
      exec: { command, args: [], env: [{ name: 'TEAM_TOKEN', value: 'tok-123' }] },
      baseDir: dir,
      env: { ...process.env, CALLER_VAR: 'from-caller' },
    });
    expect(await provider.get()).toMatchObject({ authorization: 'Bearer tok-123-from-caller' });
    expect(await provider.get()).toMatchObject({ authorization: 'Bearer tok-123-from-caller' });
    expect(readFileSync(join(dir, 'runs'), 'utf8').trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(readFileSync(join(dir, 'info'), 'utf8'))).toMatchObject({
      kind: 'ExecCredential',
      spec: { interactive: false },
    });
  });

  it('runs the plugin again once its credentials expire, or after invalidate()', async () => {
    const { dir, command } = plugin(
      `echo run >> "$(dirname "$0")/runs"; echo '{"status":{"token":"t","expirationTimestamp":"2000-01-01T00:00:00Z"}}'`,
    );
    const provider = new CredentialProvider({ kind: 'exec', exec: { command }, baseDir: dir });
    await provider.get();
    await provider.get();
    provider.invalidate();
    await provider.get();
    expect(readFileSync(join(dir, 'runs'), 'utf8').trim().split('\n')).toHaveLength(3);
    expect(provider.refreshable).toBe(true);
  });

  it('reports a failing plugin with its exit code and what it printed', async () => {
    const { dir, command } = plugin(`echo "error: login required, run team-login" >&2; exit 3`);
    const provider = new CredentialProvider({ kind: 'exec', exec: { command }, baseDir: dir });
    const error = (await provider.get().catch((e: unknown) => e)) as QuaiError;
    expect(error).toBeInstanceOf(QuaiError);
    expect(error.code).toBe('CREDENTIALS_FAILED');
    expect(error.message).toContain('exit 3');
    expect(error.message).toContain('login required');
  });

  it('reports a plugin that is not installed', async () => {
    const provider = new CredentialProvider({
      kind: 'exec',
      exec: { command: '/nonexistent/kubelogin' },
      baseDir: '/',
    });
    await expect(provider.get()).rejects.toMatchObject({
      code: 'CREDENTIALS_FAILED',
      message: expect.stringContaining('/nonexistent/kubelogin') as unknown,
    });
  });

  it('re-reads a token file at each use (rotated service-account tokens)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quai-token-'));
    const path = join(dir, 'token');
    writeFileSync(path, 'first\n');
    const provider = new CredentialProvider({ kind: 'tokenFile', path });
    expect(await provider.get()).toEqual({ authorization: 'Bearer first' });
    writeFileSync(path, 'second\n');
    expect(await provider.get()).toEqual({ authorization: 'Bearer second' });
  });
});
