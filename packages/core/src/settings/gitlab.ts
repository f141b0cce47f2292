// The GitLab connection of the settings: where its token is (a Secret of quai-system or the
// server's environment, never in the settings) and whether GitLab answers with it.
import { msg, type GitlabSettings, type Message } from '@quai/contracts';
import { QuaiError } from '../errors/index.js';
import type { KubeClient } from '../kube/index.js';
import { readSystemSecret } from './targets.js';

type Env = Readonly<Record<string, string | undefined>>;

export interface GitlabCheck {
  readonly url: string;
  readonly token: 'secret' | 'env' | 'none';
  readonly tokenFound: boolean;
  readonly reachable: boolean;
  readonly version?: string;
  readonly problem?: Message;
}

/** The token the settings name; undefined when they name none or it is not there. */
export async function gitlabToken(
  gitlab: GitlabSettings,
  client: KubeClient | undefined,
  env: Env,
  signal?: AbortSignal,
): Promise<string | undefined> {
  if (gitlab.tokenEnv !== undefined) return env[gitlab.tokenEnv] || undefined;
  if (gitlab.tokenSecret !== undefined && client !== undefined) {
    const s = await readSystemSecret(client, gitlab.tokenSecret, signal);
    const v = s.data?.['token'];
    return v === undefined ? undefined : Buffer.from(v, 'base64').toString('utf8').trim() || undefined;
  }
  return undefined;
}

/** Asks GitLab its version (GET /api/v4/version, which needs a token) within `timeoutMs`. */
export async function checkGitlab(
  gitlab: GitlabSettings,
  client: KubeClient | undefined,
  env: Env,
  options: { readonly signal?: AbortSignal; readonly timeoutMs?: number } = {},
): Promise<GitlabCheck> {
  const kind = gitlab.tokenSecret !== undefined ? 'secret' : gitlab.tokenEnv !== undefined ? 'env' : 'none';
  const url = gitlab.url.replace(/\/+$/, '');
  let token: string | undefined;
  let problem: Message | undefined;
  try {
    token = await gitlabToken(gitlab, client, env, options.signal);
  } catch (error) {
    problem = error instanceof QuaiError ? error.text : msg('common.text', { text: String(error) });
  }
  const base = { url, token: kind, tokenFound: token !== undefined } as const;
  const timeout = AbortSignal.timeout(options.timeoutMs ?? 5000);
  const signal = options.signal === undefined ? timeout : AbortSignal.any([options.signal, timeout]);
  try {
    const response = await fetch(`${url}/api/v4/version`, {
      headers: token === undefined ? {} : { 'PRIVATE-TOKEN': token },
      signal,
    });
    if (response.status === 401) {
      // GitLab answered: it is there, the token is missing or refused.
      return {
        ...base,
        reachable: true,
        problem:
          problem ??
          (token === undefined ? msg('settings.gitlab.noToken') : msg('settings.gitlab.tokenRefused')),
      };
    }
    if (!response.ok) {
      return {
        ...base,
        reachable: false,
        problem: msg('settings.gitlab.status', { url, status: response.status }),
      };
    }
    const body = (await response.json().catch(() => ({}))) as { version?: unknown };
    return {
      ...base,
      reachable: true,
      ...(typeof body.version === 'string' ? { version: body.version } : {}),
      ...(problem === undefined ? {} : { problem }),
    };
  } catch (error) {
    return {
      ...base,
      reachable: false,
      problem: msg('settings.gitlab.unreachable', { url, reason: (error as Error).message }),
    };
  }
}
