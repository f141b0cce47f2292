import { msg, type GitlabSyncFile, type GitlabSyncItem, type Message } from '@quai/contracts';
import { QuaiError } from '../errors/index.js';
import type { KubeClient, KubeObject } from '../kube/index.js';
import { gitlabError, type GitlabClient } from './api.js';

/**
 * `quai gitlab sync`: brings one GitLab project to what a sync file says. Everything is read and
 * checked first (values, token scopes, the project, the role, what exists, the cluster's rights
 * for pull secrets); only then are the writes made, one at a time, in a fixed order. A failure
 * mid-way stops there: the result lists what was written and what was not.
 */

const FIELD_MANAGER = 'quai-gitlab-sync';
const MAINTAINER = 40;
const DEVELOPER = 30;

export interface ResolvedVariable {
  readonly key: string;
  readonly value: string;
  readonly environment: string;
  readonly file: boolean;
  readonly masked: boolean;
  readonly protected: boolean;
  readonly raw: boolean;
  readonly description?: string | undefined;
}

/** A problem in the sync file found before any call: where, and what. */
interface SyncProblem {
  readonly path: readonly (string | number)[];
  readonly message: Message;
}

/** GitLab's masking rules, as documented: one line, 8 characters or more, no space. */
function maskable(value: string): boolean {
  return value.length >= 8 && !/\s/.test(value);
}

/**
 * The variables with their values and flags, or the problems (every one, not the first):
 * a missing environment variable, an unreadable file, a value GitLab cannot mask.
 */
export async function resolveVariables(
  file: GitlabSyncFile,
  env: Readonly<Record<string, string | undefined>>,
  readFile: ((path: string) => Promise<string>) | undefined,
): Promise<{ variables: ResolvedVariable[]; problems: SyncProblem[] }> {
  const variables: ResolvedVariable[] = [];
  const problems: SyncProblem[] = [];
  const seen = new Set<string>();
  for (const [i, v] of file.variables.entries()) {
    const at = ['variables', i];
    const sources = [v.value, v.fromEnv, v.fromFile].filter((x) => x !== undefined).length;
    if (sources !== 1) {
      problems.push({ path: at, message: msg('gitlab.sync.oneSource', { key: v.key }) });
      continue;
    }
    const id = `${v.key}\u0000${v.environment}`;
    if (seen.has(id)) {
      problems.push({
        path: [...at, 'key'],
        message: msg('gitlab.sync.duplicateVariable', { key: v.key, scope: v.environment }),
      });
      continue;
    }
    seen.add(id);
    let value: string | undefined = v.value;
    if (v.fromEnv !== undefined) {
      value = env[v.fromEnv];
      if (value === undefined || value === '') {
        problems.push({
          path: [...at, 'fromEnv'],
          message: msg('gitlab.sync.envMissing', { key: v.key, name: v.fromEnv }),
        });
        continue;
      }
    }
    if (v.fromFile !== undefined) {
      if (readFile === undefined) {
        problems.push({
          path: [...at, 'fromFile'],
          message: msg('gitlab.sync.noFileAccess', { key: v.key, path: v.fromFile }),
        });
        continue;
      }
      try {
        value = await readFile(v.fromFile);
      } catch (error) {
        problems.push({
          path: [...at, 'fromFile'],
          message: msg('gitlab.sync.fileUnreadable', {
            key: v.key,
            path: v.fromFile,
            reason: (error as Error).message,
          }),
        });
        continue;
      }
    }
    const sensitive = v.sensitive ?? v.value === undefined;
    const masked = v.masked ?? sensitive;
    const isProtected = v.protected ?? sensitive;
    if (masked && !maskable(value ?? '')) {
      problems.push({
        path: [
          ...at,
          v.masked !== undefined
            ? 'masked'
            : v.fromEnv !== undefined
              ? 'fromEnv'
              : v.fromFile !== undefined
                ? 'fromFile'
                : 'value',
        ],
        message: msg('gitlab.sync.notMaskable', { key: v.key }),
      });
      continue;
    }
    variables.push({
      key: v.key,
      value: value ?? '',
      environment: v.environment,
      file: v.file,
      masked,
      protected: isProtected,
      raw: v.raw,
      ...(v.description === undefined ? {} : { description: v.description }),
    });
  }
  const names = new Set<string>();
  for (const [i, e] of file.environments.entries()) {
    if (names.has(e.name))
      problems.push({
        path: ['environments', i, 'name'],
        message: msg('gitlab.sync.duplicateEnvironment', { name: e.name }),
      });
    names.add(e.name);
  }
  const tokens = new Set<string>();
  const secrets = new Set<string>();
  for (const [i, t] of file.deployTokens.entries()) {
    if (tokens.has(t.name))
      problems.push({
        path: ['deployTokens', i, 'name'],
        message: msg('gitlab.sync.duplicateToken', { name: t.name }),
      });
    tokens.add(t.name);
    if (t.pullSecret !== undefined) {
      const s = `${t.pullSecret.namespace}/${t.pullSecret.name}`;
      if (secrets.has(s))
        problems.push({
          path: ['deployTokens', i, 'pullSecret'],
          message: msg('gitlab.sync.duplicateSecret', { secret: s }),
        });
      secrets.add(s);
    }
  }
  return { variables, problems };
}

interface CurrentVariable {
  key: string;
  value: string | null;
  variable_type: string;
  protected: boolean;
  masked: boolean;
  raw?: boolean;
  environment_scope: string;
  description?: string | null;
}
interface CurrentEnvironment {
  id: number;
  name: string;
  external_url: string | null;
  tier: string | null;
}
interface CurrentAccessLevel {
  id: number;
  access_level: number | null;
  user_id: number | null;
  group_id: number | null;
}
interface CurrentProtectedEnvironment {
  name: string;
  deploy_access_levels: CurrentAccessLevel[];
  required_approval_count: number;
}
interface CurrentDeployToken {
  id: number;
  name: string;
  username: string;
  expires_at: string | null;
  scopes: string[];
  revoked: boolean;
  expired: boolean;
}

/** One change to make, and how to make it. */
interface SyncStep {
  readonly item: GitlabSyncItem;
  readonly run?: () => Promise<void>;
}

export interface SyncTarget {
  readonly gitlab: GitlabClient;
  readonly url: string;
  readonly projectPath: string;
  readonly projectId: number;
  readonly kube?: () => Promise<KubeClient>;
  readonly signal?: AbortSignal;
}

function item(
  kind: GitlabSyncItem['kind'],
  name: string,
  action: GitlabSyncItem['action'],
  changes: string[] = [],
): GitlabSyncItem {
  return { kind, name, action, changes, status: action === 'unchanged' ? 'unchanged' : 'planned' };
}

async function read<T>(target: SyncTarget, what: Message, fn: () => Promise<unknown>): Promise<T> {
  try {
    return (await fn()) as T;
  } catch (error) {
    throw gitlabError(error, { url: target.url, project: target.projectPath, what });
  }
}

function levelKey(l: {
  access_level?: number | null;
  user_id?: number | null;
  group_id?: number | null;
}): string {
  if (typeof l.user_id === 'number') return `user:${l.user_id}`;
  if (typeof l.group_id === 'number') return `group:${l.group_id}`;
  return `level:${l.access_level ?? 0}`;
}

function dockerConfig(registry: string, username: string, password: string): string {
  return JSON.stringify({
    auths: {
      [registry]: { username, password, auth: Buffer.from(`${username}:${password}`).toString('base64') },
    },
  });
}

function pullSecretObject(
  t: NonNullable<GitlabSyncFile['deployTokens'][number]['pullSecret']>,
  target: SyncTarget,
  token: { id: number; username: string; token: string },
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name: t.name,
      namespace: t.namespace,
      labels: { 'app.kubernetes.io/managed-by': 'quai' },
      annotations: {
        'quai.dev/gitlab-project': target.projectPath,
        'quai.dev/gitlab-deploy-token-id': String(token.id),
        'quai.dev/gitlab-registry': `${t.registry}`,
      },
    },
    type: 'kubernetes.io/dockerconfigjson',
    stringData: { '.dockerconfigjson': dockerConfig(t.registry, token.username, token.token) },
  };
}

/**
 * Reads what exists and computes the steps, writing nothing. Throws (a Quai error) when anything
 * needed is missing: that is the point, before the first write.
 */
export async function planSync(
  file: GitlabSyncFile,
  variables: readonly ResolvedVariable[],
  target: SyncTarget,
): Promise<SyncStep[]> {
  const { gitlab, projectId } = target;
  const steps: SyncStep[] = [];

  // ---- variables
  if (variables.length > 0) {
    const current = await read<CurrentVariable[]>(target, msg('gitlab.sync.what.variables'), () =>
      gitlab.ProjectVariables.all(projectId, { perPage: 100 }),
    );
    for (const v of variables) {
      const name = `${v.key} (${v.environment})`;
      const found = current.find((c) => c.key === v.key && c.environment_scope === v.environment);
      const attrs = {
        variableType: v.file ? ('file' as const) : ('env_var' as const),
        protected: v.protected,
        masked: v.masked,
        raw: v.raw,
        environmentScope: v.environment,
        ...(v.description === undefined ? {} : { description: v.description }),
      };
      if (found === undefined) {
        steps.push({
          item: item('variable', name, 'create'),
          run: async () => {
            await gitlab.ProjectVariables.create(projectId, v.key, v.value, attrs);
          },
        });
        continue;
      }
      const changes: string[] = [];
      if (found.value === null || found.value !== v.value) changes.push('value');
      if (found.variable_type !== attrs.variableType) changes.push('variable_type');
      if (found.protected !== v.protected) changes.push('protected');
      if (found.masked !== v.masked) changes.push('masked');
      if ((found.raw ?? false) !== v.raw) changes.push('raw');
      if (v.description !== undefined && (found.description ?? '') !== v.description)
        changes.push('description');
      steps.push(
        changes.length === 0
          ? { item: item('variable', name, 'unchanged') }
          : {
              item: item('variable', name, 'update', changes),
              run: async () => {
                await gitlab.ProjectVariables.edit(projectId, v.key, v.value, {
                  ...attrs,
                  filter: { environment_scope: v.environment },
                });
              },
            },
      );
    }
  }

  // ---- environments, then their protection
  if (file.environments.length > 0) {
    const current = await read<CurrentEnvironment[]>(target, msg('gitlab.sync.what.environments'), () =>
      gitlab.Environments.all(projectId, { perPage: 100 }),
    );
    for (const e of file.environments) {
      const found = current.find((c) => c.name === e.name);
      const attrs = {
        ...(e.url === undefined ? {} : { externalUrl: e.url }),
        ...(e.tier === undefined ? {} : { tier: e.tier }),
      };
      if (found === undefined) {
        steps.push({
          item: item('environment', e.name, 'create'),
          run: async () => {
            await gitlab.Environments.create(projectId, e.name, attrs);
          },
        });
        continue;
      }
      const changes: string[] = [];
      if (e.url !== undefined && found.external_url !== e.url) changes.push('external_url');
      if (e.tier !== undefined && found.tier !== e.tier) changes.push('tier');
      steps.push(
        changes.length === 0
          ? { item: item('environment', e.name, 'unchanged') }
          : {
              item: item('environment', e.name, 'update', changes),
              run: async () => {
                await gitlab.Environments.edit(projectId, found.id, attrs);
              },
            },
      );
    }
    const wanted = file.environments.filter((e) => e.protected !== undefined);
    if (wanted.length > 0) {
      let protectedEnvs: CurrentProtectedEnvironment[];
      try {
        protectedEnvs = (await gitlab.ProjectProtectedEnvironments.all(projectId, {
          perPage: 100,
        })) as unknown as CurrentProtectedEnvironment[];
      } catch (error) {
        const e = gitlabError(error, {
          url: target.url,
          project: target.projectPath,
          what: msg('gitlab.sync.what.protected'),
        });
        if (e.code === 'GITLAB_NOT_FOUND')
          throw new QuaiError(
            'GITLAB_NOT_FOUND',
            msg('gitlab.sync.protectedUnavailable', { project: target.projectPath }),
            {
              hint: msg('gitlab.sync.protectedUnavailableHint'),
              cause: error,
            },
          );
        throw e;
      }
      for (const e of wanted) {
        const p = e.protected!;
        const desired = [
          { access_level: p.deployers === 'developer' ? DEVELOPER : MAINTAINER },
          ...p.groups.map((g) => ({ group_id: g })),
          ...p.users.map((u) => ({ user_id: u })),
        ];
        const found = protectedEnvs.find((c) => c.name === e.name);
        const toEntity = (l: (typeof desired)[number]) =>
          'group_id' in l
            ? { groupId: l.group_id }
            : 'user_id' in l
              ? { userId: l.user_id }
              : { accessLevel: l.access_level };
        if (found === undefined) {
          steps.push({
            item: item('protectedEnvironment', e.name, 'create'),
            run: async () => {
              await gitlab.ProjectProtectedEnvironments.create(projectId, e.name, desired.map(toEntity), {
                requiredApprovalCount: p.requiredApprovals,
                approvalRules: [],
              });
            },
          });
          continue;
        }
        const want = new Set(desired.map(levelKey));
        const have = new Map(found.deploy_access_levels.map((l) => [levelKey(l), l]));
        const added = desired.filter((l) => !have.has(levelKey(l)));
        const removed = found.deploy_access_levels.filter((l) => !want.has(levelKey(l)));
        const changes: string[] = [];
        if (added.length > 0 || removed.length > 0) changes.push('deploy_access_levels');
        if (found.required_approval_count !== p.requiredApprovals) changes.push('required_approval_count');
        steps.push(
          changes.length === 0
            ? { item: item('protectedEnvironment', e.name, 'unchanged') }
            : {
                item: item('protectedEnvironment', e.name, 'update', changes),
                run: async () => {
                  await gitlab.ProjectProtectedEnvironments.edit(projectId, e.name, {
                    deployAccessLevels: [
                      ...added.map(toEntity),
                      ...removed.map((l) => ({ id: l.id, _destroy: true })),
                    ] as unknown as Parameters<GitlabClient['ProjectProtectedEnvironments']['create']>[2],
                    requiredApprovalCount: p.requiredApprovals,
                  });
                },
              },
        );
      }
    }
  }

  // ---- deploy tokens and their pull secrets
  if (file.deployTokens.length > 0) {
    const current = await read<CurrentDeployToken[]>(target, msg('gitlab.sync.what.tokens'), () =>
      gitlab.DeployTokens.all({ projectId, active: true, perPage: 100 }),
    );
    const kube = file.deployTokens.some((t) => t.pullSecret !== undefined)
      ? await target.kube?.()
      : undefined;
    for (const t of file.deployTokens) {
      const found = current
        .filter((c) => c.name === t.name && !c.revoked && !c.expired)
        .sort((a, b) => b.id - a.id)[0];
      const changes: string[] = [];
      if (found !== undefined) {
        if ([...found.scopes].sort().join(',') !== [...t.scopes].sort().join(',')) changes.push('scopes');
        if ((found.expires_at?.slice(0, 10) ?? '') !== (t.expiresAt ?? '')) changes.push('expires_at');
      }
      let secretState: 'absent' | 'current' | 'stale' = 'absent';
      const ps = t.pullSecret;
      if (ps !== undefined) {
        if (kube === undefined) throw new QuaiError('USAGE', msg('gitlab.sync.noCluster', { name: t.name }));
        const live = await kube.tryGet(
          { apiVersion: 'v1', kind: 'Secret', namespace: ps.namespace, name: ps.name },
          target.signal,
        );
        const a = live?.metadata.annotations ?? {};
        secretState =
          live === undefined
            ? 'absent'
            : found !== undefined &&
                a['quai.dev/gitlab-deploy-token-id'] === String(found.id) &&
                a['quai.dev/gitlab-registry'] === ps.registry &&
                (live as { type?: string }).type === 'kubernetes.io/dockerconfigjson'
              ? 'current'
              : 'stale';
        // The rights and the namespace are checked now, by a server-side dry run, not at the write.
        await kube.apply(pullSecretObject(ps, target, { id: 0, username: 'check', token: 'check' }), {
          fieldManager: FIELD_MANAGER,
          dryRun: true,
          ...(target.signal ? { signal: target.signal } : {}),
        });
      }
      const secretName = ps === undefined ? '' : `${ps.namespace}/${ps.name}`;
      // A token's value is only given when it is created: a pull secret without it needs a new token.
      const replace =
        found !== undefined && (changes.length > 0 || (ps !== undefined && secretState !== 'current'));
      if (found !== undefined && !replace) {
        steps.push({ item: item('deployToken', t.name, 'unchanged') });
        if (ps !== undefined) steps.push({ item: item('pullSecret', secretName, 'unchanged') });
        continue;
      }
      if (ps !== undefined && secretState !== 'current' && changes.length === 0 && found !== undefined)
        changes.push('pull secret');
      let created: { id: number; username: string; token: string } | undefined;
      steps.push({
        item: item('deployToken', t.name, found === undefined ? 'create' : 'replace', changes),
        run: async () => {
          const r = (await gitlab.DeployTokens.create(t.name, t.scopes, {
            projectId,
            ...(t.expiresAt === undefined ? {} : { expires_at: t.expiresAt }),
          })) as unknown as { id: number; username: string; token: string };
          created = { id: r.id, username: r.username, token: r.token };
        },
      });
      if (ps !== undefined && kube !== undefined) {
        steps.push({
          item: item('pullSecret', secretName, secretState === 'absent' ? 'create' : 'update', [
            '.dockerconfigjson',
          ]),
          run: async () => {
            if (created === undefined) throw new Error('no token');
            await kube.apply(pullSecretObject(ps, target, created), {
              fieldManager: FIELD_MANAGER,
              force: true,
              ...(target.signal ? { signal: target.signal } : {}),
            });
          },
        });
      }
      if (found !== undefined) {
        steps.push({
          item: {
            ...item('deployToken', `${t.name} #${found.id}`, 'update', ['revoked']),
            kind: 'deployToken',
          },
          run: async () => {
            await gitlab.DeployTokens.remove(found.id, { projectId });
          },
        });
      }
    }
  }
  return steps;
}

/**
 * Runs the steps in order. The first failure stops the run: that step is `failed` with its
 * error, the ones after it `not-attempted`, the ones before it `done`.
 */
export async function applySync(
  steps: readonly SyncStep[],
  target: SyncTarget,
  progress: (item: GitlabSyncItem) => void,
): Promise<{ items: GitlabSyncItem[]; failed: boolean; done: number }> {
  const items: GitlabSyncItem[] = [];
  let failed = false;
  let done = 0;
  for (const step of steps) {
    if (step.run === undefined) {
      items.push(step.item);
      continue;
    }
    if (failed) {
      items.push({ ...step.item, status: 'not-attempted' });
      continue;
    }
    try {
      await step.run();
      done++;
      const d: GitlabSyncItem = { ...step.item, status: 'done' };
      items.push(d);
      progress(d);
    } catch (error) {
      if (target.signal?.aborted) throw error;
      failed = true;
      const e = gitlabError(error, {
        url: target.url,
        project: target.projectPath,
        what: msg('gitlab.sync.what.step', {
          action: msg(`gitlab.sync.action.${step.item.action}`),
          kind: msg(`gitlab.sync.kind.${step.item.kind}`),
          name: step.item.name,
        }),
      });
      items.push({ ...step.item, status: 'failed', error: e.text });
    }
  }
  return { items, failed, done };
}
