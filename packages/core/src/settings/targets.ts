// The named storage targets of the settings: how a request's target is matched to one, how to
// reach it (credentials from a Secret of quai-system or from the server's environment, never
// stored in the settings), and the check the Settings page shows.
import { constants } from 'node:fs';
import { access, stat, statfs } from 'node:fs/promises';
import {
  msg,
  SETTINGS_NAMESPACE,
  type Message,
  type PlatformSettings,
  type StorageTargetSettings,
  type TargetCheck,
} from '@quai/contracts';
import * as backup from '../backup/index.js';
import { QuaiError } from '../errors/index.js';
import type { KubeClient, KubeObject } from '../kube/index.js';

type Env = Readonly<Record<string, string | undefined>>;

/** A location without its trailing slashes, so `/srv/backups/` and `/srv/backups` are one. */
function normal(location: string): string {
  return location.length > 1 ? location.replace(/\/+$/, '') : location;
}

/** The target a request names: by its name, or by its exact location. */
export function findTarget(settings: PlatformSettings, given: string): StorageTargetSettings | undefined {
  return (
    settings.targets.find((t) => t.name === given) ??
    settings.targets.find((t) => normal(t.location) === normal(given))
  );
}

/**
 * The target a request of the HTTP API names, or an error naming the targets it may use: the
 * server never writes to, nor reads from, a place a client names that the settings do not list.
 */
export function requireTarget(settings: PlatformSettings, given: string): StorageTargetSettings {
  const found = findTarget(settings, given);
  if (found !== undefined) return found;
  const names = settings.targets.map((t) => t.name).join(', ');
  throw new QuaiError(
    'FORBIDDEN',
    names === ''
      ? msg('settings.target.noneDeclared', { target: given })
      : msg('settings.target.unknown', { target: given, names }),
    { hint: msg('settings.target.unknownHint') },
  );
}

function decoded(secret: { data?: Record<string, string> } | undefined, key: string): string | undefined {
  const v = secret?.data?.[key];
  return v === undefined ? undefined : Buffer.from(v, 'base64').toString('utf8');
}

/** A Secret of quai-system, read with the caller's client (the user's rights when impersonating). */
export async function readSystemSecret(
  client: KubeClient,
  name: string,
  signal?: AbortSignal,
): Promise<{ data?: Record<string, string> }> {
  const secret = await client.tryGet<KubeObject & { data?: Record<string, string> }>(
    { apiVersion: 'v1', kind: 'Secret', namespace: SETTINGS_NAMESPACE, name },
    signal,
  );
  if (secret === undefined) {
    throw new QuaiError('NOT_FOUND', msg('settings.secretMissing', { namespace: SETTINGS_NAMESPACE, name }), {
      hint: msg('settings.secretMissingHint', { namespace: SETTINGS_NAMESPACE, name }),
    });
  }
  return secret;
}

/** S3 credentials of a target: its Secret, its environment variables, or the server's defaults. */
async function credentialsOf(
  target: StorageTargetSettings,
  client: KubeClient | undefined,
  env: Env,
  signal?: AbortSignal,
): Promise<{ accessKeyId: string; secretAccessKey: string; sessionToken?: string } | undefined> {
  if (target.credentialsSecret !== undefined) {
    if (client === undefined) return undefined;
    const s = await readSystemSecret(client, target.credentialsSecret, signal);
    const accessKeyId = decoded(s, 'AWS_ACCESS_KEY_ID');
    const secretAccessKey = decoded(s, 'AWS_SECRET_ACCESS_KEY');
    if (!accessKeyId || !secretAccessKey) {
      throw new QuaiError(
        'STORAGE_CREDENTIALS_MISSING',
        msg('settings.credentialsIncomplete', {
          namespace: SETTINGS_NAMESPACE,
          name: target.credentialsSecret,
          target: target.name,
        }),
        { hint: msg('settings.credentialsIncompleteHint') },
      );
    }
    const sessionToken = decoded(s, 'AWS_SESSION_TOKEN');
    return { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) };
  }
  if (target.credentialsEnv !== undefined) {
    const p = target.credentialsEnv;
    const accessKeyId = env[`${p}_ACCESS_KEY_ID`];
    const secretAccessKey = env[`${p}_SECRET_ACCESS_KEY`];
    if (!accessKeyId || !secretAccessKey) {
      throw new QuaiError(
        'STORAGE_CREDENTIALS_MISSING',
        msg('settings.credentialsEnvMissing', { prefix: p, target: target.name }),
        { hint: msg('settings.credentialsEnvMissingHint', { prefix: p }) },
      );
    }
    const sessionToken = env[`${p}_SESSION_TOKEN`];
    return { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) };
  }
  return undefined;
}

/** Where a named target is and how to reach it (restic runs on the server, as for any target). */
export async function placeOfTarget(
  target: StorageTargetSettings,
  client: KubeClient | undefined,
  env: Env,
  signal?: AbortSignal,
): Promise<backup.volumes.RepositoryPlace> {
  if (!target.location.startsWith('s3://')) return backup.resolvePlace(target.location, undefined, env);
  const credentials = await credentialsOf(target, client, env, signal);
  if (credentials === undefined) {
    return backup.resolvePlace(
      target.location,
      { endpoint: target.endpoint, region: target.region, pathStyle: target.pathStyle },
      env,
    );
  }
  const place = backup.placeOfUrl(target.location, {
    endpoint: target.endpoint ?? env['QUAI_S3_ENDPOINT'],
    region: target.region ?? env['AWS_REGION'] ?? env['AWS_DEFAULT_REGION'],
    pathStyle: target.pathStyle,
    ...credentials,
  });
  return { ...place, runner: backup.volumes.resticRunner(env) };
}

function problemOf(error: unknown): Message {
  return error instanceof QuaiError ? error.text : msg('common.text', { text: String(error) });
}

/**
 * Checks a target as the Settings page shows it: a folder exists, can be read and written, and
 * its free space; a bucket answers a listing with the target's credentials. Nothing is written.
 */
export async function checkTarget(
  target: StorageTargetSettings,
  client: KubeClient | undefined,
  env: Env,
  signal?: AbortSignal,
): Promise<TargetCheck> {
  const s3 = target.location.startsWith('s3://');
  const credentials: TargetCheck['credentials'] = !s3
    ? 'none'
    : target.credentialsSecret !== undefined
      ? 'secret'
      : target.credentialsEnv !== undefined
        ? 'env'
        : 'default';
  const base = {
    name: target.name,
    location: target.location,
    kind: s3 ? 's3' : 'directory',
    credentials,
  } as const;
  if (!s3) {
    const dir = target.location;
    try {
      const s = await stat(dir);
      if (!s.isDirectory())
        return { ...base, reachable: false, problem: msg('settings.check.notDirectory', { path: dir }) };
    } catch {
      return { ...base, reachable: false, problem: msg('settings.check.missing', { path: dir }) };
    }
    const readable = await access(dir, constants.R_OK | constants.X_OK).then(
      () => true,
      () => false,
    );
    const writable = await access(dir, constants.W_OK).then(
      () => true,
      () => false,
    );
    const fs = await statfs(dir).catch(() => undefined);
    const names = readable ? await new backup.DirectoryTarget(dir).names().catch(() => undefined) : undefined;
    return {
      ...base,
      reachable: readable,
      writable,
      ...(fs === undefined ? {} : { freeBytes: fs.bavail * fs.bsize }),
      ...(names === undefined ? {} : { backups: names.length }),
      ...(!readable
        ? { problem: msg('settings.check.unreadable', { path: dir }) }
        : !writable
          ? { problem: msg('settings.check.readOnly', { path: dir }) }
          : {}),
    };
  }
  try {
    const place = await placeOfTarget(target, client, env, signal);
    const names = await backup.targetOfPlace(place).names();
    return { ...base, reachable: true, backups: names.length };
  } catch (error) {
    return { ...base, reachable: false, problem: problemOf(error) };
  }
}
