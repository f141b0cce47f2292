import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { msg } from '@quai/contracts';
import { QuaiError } from '../errors/index.js';
import type { ClusterAuth, ExecCredentialConfig } from './kubeconfig.js';

/** What a request carries to authenticate: a header, or a TLS client certificate, or nothing. */
export interface Credentials {
  readonly authorization?: string;
  readonly cert?: Buffer;
  readonly key?: Buffer;
  /** When the credentials stop being valid (exec plugins), in epoch milliseconds. */
  readonly expiresAt?: number;
}

const ExecCredentialStatus = z.object({
  status: z
    .object({
      token: z.string().nullish(),
      clientCertificateData: z.string().nullish(),
      clientKeyData: z.string().nullish(),
      expirationTimestamp: z.string().nullish(),
    })
    .nullish(),
});

const EXEC_TIMEOUT_MS = 60_000;

async function runExecPlugin(
  exec: ExecCredentialConfig,
  cwd: string,
  callerEnv: Readonly<Record<string, string | undefined>>,
): Promise<Credentials> {
  const apiVersion = exec.apiVersion ?? 'client.authentication.k8s.io/v1';
  const env: NodeJS.ProcessEnv = {
    ...callerEnv,
    KUBERNETES_EXEC_INFO: JSON.stringify({
      apiVersion,
      kind: 'ExecCredential',
      spec: { interactive: false },
    }),
  };
  for (const e of exec.env ?? []) env[e.name] = e.value;
  const stdout = await new Promise<string>((resolvePromise, reject) => {
    const child = spawn(exec.command, exec.args ?? [], {
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: EXEC_TIMEOUT_MS,
    });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.on('error', (error) =>
      reject(
        new QuaiError('CREDENTIALS_FAILED', msg('kube.pluginNotRun', { command: exec.command }), {
          hint: msg('kube.pluginNotRunHint'),
          cause: error,
        }),
      ),
    );
    child.on('close', (code) => {
      if (code === 0) resolvePromise(out);
      else
        reject(
          new QuaiError(
            'CREDENTIALS_FAILED',
            msg('kube.pluginFailed', {
              command: exec.command,
              code: String(code),
              stderr: err.trim().slice(0, 500),
            }),
            { hint: msg('kube.pluginFailedHint') },
          ),
        );
    });
  });
  let parsed: z.infer<typeof ExecCredentialStatus>;
  try {
    parsed = ExecCredentialStatus.parse(JSON.parse(stdout));
  } catch (error) {
    throw new QuaiError('CREDENTIALS_FAILED', msg('kube.pluginBadOutput', { command: exec.command }), {
      cause: error,
      hint: msg('kube.pluginBadOutputHint'),
    });
  }
  const s = parsed.status ?? {};
  const expiresAt = s.expirationTimestamp ? Date.parse(s.expirationTimestamp) : undefined;
  const base = expiresAt === undefined || Number.isNaN(expiresAt) ? {} : { expiresAt };
  if (s.clientCertificateData && s.clientKeyData) {
    return {
      ...base,
      cert: Buffer.from(s.clientCertificateData),
      key: Buffer.from(s.clientKeyData),
    };
  }
  if (s.token) return { ...base, authorization: `Bearer ${s.token}` };
  throw new QuaiError('CREDENTIALS_FAILED', msg('kube.pluginNoCredentials', { command: exec.command }));
}

/**
 * Gives current credentials for a kubeconfig user. Token files are re-read (they rotate);
 * exec plugin results are cached until shortly before they expire, or until `invalidate()`.
 */
export class CredentialProvider {
  private cached: Credentials | undefined;

  constructor(private readonly auth: ClusterAuth) {}

  /** True when a request refused with 401 may succeed after `invalidate()`. */
  get refreshable(): boolean {
    return this.auth.kind === 'exec' || this.auth.kind === 'tokenFile';
  }

  invalidate(): void {
    this.cached = undefined;
  }

  async get(): Promise<Credentials> {
    const auth = this.auth;
    switch (auth.kind) {
      case 'none':
        return {};
      case 'token':
        return { authorization: `Bearer ${auth.token}` };
      case 'basic':
        return {
          authorization: `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`,
        };
      case 'clientCert':
        return { cert: auth.cert, key: auth.key };
      case 'tokenFile': {
        try {
          const token = (await readFile(auth.path, 'utf8')).trim();
          return { authorization: `Bearer ${token}` };
        } catch (error) {
          throw new QuaiError('CREDENTIALS_FAILED', msg('kube.tokenFileUnreadable', { path: auth.path }), {
            cause: error,
            hint: msg('kube.tokenFileUnreadableHint'),
          });
        }
      }
      case 'exec': {
        const now = Date.now();
        const c = this.cached;
        if (c !== undefined && (c.expiresAt === undefined || c.expiresAt - 30_000 > now)) return c;
        this.cached = await runExecPlugin(auth.exec, auth.baseDir, auth.env ?? {});
        return this.cached;
      }
    }
  }
}
