// The platform settings as use cases (issue 15): `settings.view` reads the ConfigMap quai-settings
// with a live check of each target and of GitLab, the cluster served and whether the reader may
// change them; `settings.update` writes it as the caller (RBAC decides), with the resourceVersion
// read (a change made meanwhile is a CONFLICT). `placeOfTarget` is where the HTTP API's backup use
// cases meet the settings: without file access (the API), a target must be one the settings name.
import {
  msg,
  SETTINGS_CONFIGMAP,
  SETTINGS_NAMESPACE,
  type Outcome,
  type RequestOf,
  type ResultOf,
  type settingsUseCases,
  type StorageTargetSettings,
} from '@quai/contracts';
import * as backup from '../backup/index.js';
import { QuaiError } from '../errors/index.js';
import type { KubeClient, KubeObject } from '../kube/index.js';
import * as settings from '../settings/index.js';
import { nodeKind } from '../view/index.js';
import type { AppContext } from './context.js';

type Req<K extends string> = RequestOf<
  (typeof settingsUseCases)[`settings.${K}` & keyof typeof settingsUseCases]
>;
type Res<K extends string> = ResultOf<
  (typeof settingsUseCases)[`settings.${K}` & keyof typeof settingsUseCases]
>;

/** Whether the API server lets the caller update (or create) the settings' ConfigMap. */
async function mayWrite(client: KubeClient, exists: boolean): Promise<boolean> {
  const review = await client.create({
    apiVersion: 'authorization.k8s.io/v1',
    kind: 'SelfSubjectAccessReview',
    metadata: {},
    spec: {
      resourceAttributes: {
        verb: exists ? 'update' : 'create',
        resource: 'configmaps',
        namespace: SETTINGS_NAMESPACE,
        ...(exists ? { name: SETTINGS_CONFIGMAP } : {}),
      },
    },
  });
  return (review['status'] as { allowed?: boolean } | undefined)?.allowed === true;
}

/** Real and simulated (KWOK) nodes; undefined when the reader may not list nodes. */
async function nodeCounts(
  client: KubeClient,
  signal: AbortSignal,
): Promise<{ real: number; simulated: number } | undefined> {
  try {
    const nodes = await client.list<KubeObject>('v1', 'Node', { signal });
    const simulated = nodes.filter((n) => nodeKind(n) === 'simulated').length;
    return { real: nodes.length - simulated, simulated };
  } catch {
    return undefined;
  }
}

/** Reads the settings as the caller; a refusal says which Role gives access. */
async function readAs(client: KubeClient, signal: AbortSignal): Promise<settings.StoredSettings> {
  try {
    return await settings.readSettings(client, signal);
  } catch (error) {
    if (error instanceof QuaiError && error.code === 'FORBIDDEN') {
      throw new QuaiError('FORBIDDEN', msg('settings.readForbidden', { file: settings.SETTINGS_FILE }), {
        hint: msg('settings.readForbiddenHint'),
        cause: error,
      });
    }
    throw error;
  }
}

export async function view(req: Req<'view'>, ctx: AppContext): Promise<Outcome<Res<'view'>>> {
  const client = await ctx.kube();
  const stored = await readAs(client, ctx.signal);
  const env = ctx.settings.env;
  const [mayUpdate, version, nodes, targets, gitlab] = await Promise.all([
    mayWrite(client, stored.resourceVersion !== undefined),
    client.version(ctx.signal).then(
      (v) => v.gitVersion,
      () => undefined,
    ),
    nodeCounts(client, ctx.signal),
    req.checks
      ? Promise.all(stored.settings.targets.map((t) => settings.checkTarget(t, client, env, ctx.signal)))
      : [],
    stored.settings.gitlab === undefined || !req.checks
      ? undefined
      : settings.checkGitlab(stored.settings.gitlab, client, env, { signal: ctx.signal }),
  ]);
  return {
    outcome: 'ok',
    result: {
      settings: stored.settings,
      yaml: stored.yaml,
      ...(stored.resourceVersion === undefined ? {} : { resourceVersion: stored.resourceVersion }),
      ...(stored.invalid === undefined ? {} : { invalid: stored.invalid }),
      mayUpdate,
      cluster: {
        server: client.access.server,
        ...(version === undefined ? {} : { version }),
        ...(nodes === undefined ? {} : { nodes }),
      },
      targets,
      ...(gitlab === undefined ? {} : { gitlab }),
      ...(ctx.settings.server === undefined ? {} : { server: ctx.settings.server }),
    },
  };
}

export async function update(req: Req<'update'>, ctx: AppContext): Promise<Outcome<Res<'update'>>> {
  if (req.reason === undefined || req.reason.trim() === '') {
    throw new QuaiError('REASON_REQUIRED', msg('settings.reasonRequired'), {
      hint: msg('app.reasonRequiredHint'),
    });
  }
  // Checked before anything is read or written: a bad document is told where it is wrong.
  const yaml = req.yaml ?? settings.settingsYaml(req.settings!);
  const next = settings.parseSettings(yaml);
  const client = await ctx.kube();
  const before = await readAs(client, ctx.signal);
  if (before.resourceVersion !== req.resourceVersion) {
    throw new QuaiError('CONFLICT', msg('settings.conflict', { file: settings.SETTINGS_FILE }), {
      hint: msg('settings.conflictHint'),
    });
  }
  const written = await settings.writeSettings(client, yaml, req.resourceVersion, ctx.signal);
  return {
    outcome: 'ok',
    result: { ...written, settings: next, changes: settings.settingsChanges(before.settings, next) },
  };
}

/** How the request names S3 settings (flags or a body). */
type S3Flags = Parameters<typeof backup.resolvePlace>[1];

/**
 * Where a backup use case's target is. The CLI (which has file access: the user acts on their own
 * machine) takes any folder or bucket, as before; the HTTP API (no file access:
 * the server never uses a place a client names) only a target the settings name, by its name or
 * its exact location, reached with the target's own S3 settings and credentials.
 */
export async function placeOfTarget(
  ctx: AppContext,
  target: string,
  s3: S3Flags,
): Promise<backup.volumes.RepositoryPlace> {
  const env = ctx.settings.env;
  if (ctx.settings.files !== undefined) return backup.resolvePlace(target, s3, env);
  const client = await ctx.kube();
  const named = settings.requireTarget(await loadAs(client, ctx.signal), target);
  return settings.placeOfTarget(named, client, env, ctx.signal);
}

/**
 * The declared target a schedule created through the HTTP API names (by name or exact location),
 * or an error naming the targets it may use; undefined for the CLI, whose user names any place.
 * A schedule runs later, on a machine or in the cluster: it must not write where the settings
 * would not let a backup made now write.
 */
export async function declaredTarget(
  ctx: AppContext,
  target: string,
): Promise<StorageTargetSettings | undefined> {
  if (ctx.settings.files !== undefined) return undefined;
  return settings.requireTarget(await loadAs(await ctx.kube(), ctx.signal), target);
}

async function loadAs(client: KubeClient, signal: AbortSignal) {
  const stored = await readAs(client, signal);
  if (stored.invalid !== undefined) {
    throw new QuaiError('CONFIG_INVALID', stored.invalid, { hint: msg('settings.invalidHint') });
  }
  return stored.settings;
}
