import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { msg } from '@quai/contracts';
import { QuaiError } from '../../errors/index.js';
import { DOCKER_HUB } from './reference.js';

/*
 * Registry credentials and challenges. Credentials come from the options (flags, environment),
 * else from the Docker client configuration ($DOCKER_CONFIG/config.json or ~/.docker/config.json):
 * `auths` entries (base64 user:password) and credential helpers (`credHelpers`, `credsStore`,
 * run as `docker-credential-<name> get`). A 401 answer carries a WWW-Authenticate challenge: Basic
 * (send the credentials) or Bearer (fetch a token from the realm, for the scope asked).
 */

export interface RegistryCredentials {
  readonly username: string;
  readonly password: string;
}

export interface Challenge {
  readonly scheme: string;
  readonly params: Readonly<Record<string, string>>;
}

/** Parses a WWW-Authenticate header: `Bearer realm="https://auth",service="registry",scope="..."`. */
export function parseChallenge(header: string): Challenge | undefined {
  const m = /^\s*([A-Za-z][\w-]*)\s*(.*)$/s.exec(header);
  if (m === null) return undefined;
  const params: Record<string, string> = {};
  const re = /([A-Za-z][\w-]*)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))\s*,?\s*/gy;
  const rest = m[2]!;
  re.lastIndex = 0;
  let p: RegExpExecArray | null;
  while (re.lastIndex < rest.length && (p = re.exec(rest)) !== null) {
    params[p[1]!.toLowerCase()] = p[2] !== undefined ? p[2].replace(/\\(.)/g, '$1') : (p[3] ?? '');
  }
  return { scheme: m[1]!.toLowerCase(), params };
}

interface DockerConfig {
  auths?: Record<string, { auth?: string; username?: string; password?: string }>;
  credHelpers?: Record<string, string>;
  credsStore?: string;
}

function configKeys(registry: string): string[] {
  if (registry === DOCKER_HUB)
    return ['https://index.docker.io/v1/', 'index.docker.io', 'docker.io', 'registry-1.docker.io'];
  return [
    registry,
    `https://${registry}`,
    `http://${registry}`,
    `https://${registry}/v1/`,
    `https://${registry}/v2/`,
  ];
}

function runHelper(helper: string, server: string): Promise<RegistryCredentials | undefined> {
  if (!/^[\w.-]+$/.test(helper)) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    // node:child_process only when a credential helper runs (it costs a short call about 3 ms).
    const { execFile } = process.getBuiltinModule('node:child_process');
    const child = execFile(`docker-credential-${helper}`, ['get'], { timeout: 15_000 }, (error, stdout) => {
      if (error !== null) {
        resolve(undefined);
        return;
      }
      try {
        const out = JSON.parse(stdout) as { Username?: string; Secret?: string };
        resolve(
          typeof out.Username === 'string' && typeof out.Secret === 'string'
            ? { username: out.Username, password: out.Secret }
            : undefined,
        );
      } catch {
        resolve(undefined);
      }
    });
    child.stdin?.end(server);
  });
}

/** The credentials the Docker client configuration holds for a registry, if any. */
export async function dockerCredentials(
  registry: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<RegistryCredentials | undefined> {
  const dir = env['DOCKER_CONFIG'] ?? join(homedir(), '.docker');
  const file = join(dir, 'config.json');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  let config: DockerConfig;
  try {
    config = JSON.parse(text) as DockerConfig;
  } catch (error) {
    throw new QuaiError(
      'INPUT_INVALID',
      msg('scan.registry.dockerConfigInvalid', { file, reason: (error as Error).message }),
      {
        hint: msg('scan.registry.dockerConfigInvalidHint'),
        location: { file },
      },
    );
  }
  const keys = configKeys(registry);
  const helper = keys.map((k) => config.credHelpers?.[k]).find((h) => h !== undefined);
  if (helper !== undefined) return runHelper(helper, keys[0]!);
  for (const k of keys) {
    const entry = config.auths?.[k];
    if (entry === undefined) continue;
    if (typeof entry.auth === 'string' && entry.auth !== '') {
      const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon > 0) return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
    }
    if (typeof entry.username === 'string' && typeof entry.password === 'string')
      return { username: entry.username, password: entry.password };
  }
  if (config.credsStore !== undefined) return runHelper(config.credsStore, keys[0]!);
  return undefined;
}
