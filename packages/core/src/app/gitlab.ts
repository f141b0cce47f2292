import { dirname, isAbsolute, join, resolve } from 'node:path';
import {
  GitlabSyncFile,
  msg,
  SETTINGS_NAMESPACE,
  type GitlabSettings,
  type Message,
  type gitlabUseCases,
  type Outcome,
  type RequestOf,
  type ResultOf,
} from '@quai/contracts';
import { listRevisions } from '../deploy/index.js';
import type { KubeObject } from '../kube/index.js';
import { QuaiError } from '../errors/index.js';
import * as gitlab from '../gitlab/index.js';
import { parseAppSpec, parseYamlAs } from '../model/index.js';
import * as render from '../render/index.js';
import { parseYamlLocated, writeFileAtomic } from '../util/index.js';
import type { AppContext } from './context.js';
import { loadApp, readDocument, resolveTarget } from './inputs.js';

type Specs = typeof gitlabUseCases;

function requireFiles(ctx: AppContext, what: Message, path: string): void {
  if (ctx.settings.files === undefined)
    throw new QuaiError('USAGE', msg('app.noFileAccess', { what, path }), {
      hint: msg('app.noFileAccessHint'),
    });
}

/** Quai's own version, from the user agent the front end sets (`quai/0.1.0`). */
function quaiVersion(ctx: AppContext): string {
  return /^quai\/([\w.+-]+)$/.exec(ctx.settings.cluster.userAgent)?.[1] ?? '0.1.0';
}

/**
 * Generates a repository's `.gitlab-ci.yml`. The environments are checked (promotion order,
 * production never automatic); with file access, the app specs that are plain paths are read, so
 * the component to build and the apps to back up are known and a wrong path fails here rather
 * than in the first pipeline.
 */
export async function ci(
  req: RequestOf<Specs['gitlab.ci']>,
  ctx: AppContext,
): Promise<Outcome<ResultOf<Specs['gitlab.ci']>>> {
  const environments = req.environments ?? gitlab.DEFAULT_ENVIRONMENTS;
  const seen = new Set<string>();
  let manual: string | undefined;
  for (const env of environments) {
    if (seen.has(env.name))
      throw new QuaiError('USAGE', msg('gitlab.ci.duplicateEnvironment', { env: env.name }));
    seen.add(env.name);
    if (env.tier === 'production' && env.automatic)
      throw new QuaiError('USAGE', msg('gitlab.ci.productionAutomatic', { env: env.name }), {
        hint: msg('gitlab.ci.productionAutomaticHint'),
      });
    if (env.automatic && manual !== undefined)
      throw new QuaiError('USAGE', msg('gitlab.ci.noAutomaticAfterManual', { env: env.name, manual }), {
        hint: msg('gitlab.ci.noAutomaticAfterManualHint'),
      });
    if (!env.automatic) manual ??= env.name;
  }
  if (req.kind === 'app') {
    if (req.apps.length !== 1)
      throw new QuaiError('USAGE', msg('gitlab.ci.appKindOneSpec', { count: req.apps.length }), {
        hint: msg('gitlab.ci.appKindOneSpecHint'),
      });
    if (/[*?[]/.test(req.apps[0]!))
      throw new QuaiError('USAGE', msg('gitlab.ci.globInApp', { path: req.apps[0]! }));
  }
  const appNames: string[] = [];
  const component = req.component;
  if (ctx.settings.files !== undefined) {
    for (const path of req.apps) {
      if (/[*?[]/.test(path)) continue;
      const spec = await loadApp(ctx, { file: req.root === undefined ? path : join(req.root, path) });
      appNames.push(spec.metadata.name);
      if (req.kind === 'app') {
        // Same checks as `quai gitlab pin-image` will make in the pipeline, made now.
        const names = Object.keys(spec.spec.components);
        if (component === undefined) {
          if (names.length !== 1)
            throw new QuaiError(
              'USAGE',
              msg('gitlab.pin.whichComponent', { file: path, components: names.join(', ') }),
              {
                hint: msg('gitlab.pin.whichComponentHint'),
              },
            );
        } else if (!names.includes(component)) {
          throw new QuaiError(
            'USAGE',
            msg('gitlab.pin.unknownComponent', { file: path, component, components: names.join(', ') }),
          );
        }
      }
    }
  }
  const { yaml, jobs } = gitlab.generatePipeline({
    kind: req.kind,
    apps: req.apps,
    ...(req.platform === undefined ? {} : { platform: req.platform }),
    environments,
    ...(component === undefined ? {} : { component }),
    builder: req.builder,
    dockerfile: req.dockerfile,
    buildContext: req.buildContext,
    quaiImage: req.quaiImage ?? `$CI_REGISTRY/quai/quai:${quaiVersion(ctx)}`,
    scanThreshold: req.scanThreshold,
    auditThreshold: req.auditThreshold,
    ...(req.scanIgnoreFile === undefined ? {} : { scanIgnoreFile: req.scanIgnoreFile }),
    ...(req.auditExceptions === undefined ? {} : { auditExceptions: req.auditExceptions }),
    ...(req.agent === undefined ? {} : { agent: req.agent }),
    schedules: req.schedules,
    runnerTags: req.runnerTags,
    appNames,
    lang: ctx.settings.lang,
  });
  let written: string | undefined;
  if (req.out !== undefined) {
    requireFiles(ctx, msg('model.what.pipelineFile'), req.out);
    written = resolve(req.out);
    await writeFileAtomic(written, yaml);
  }
  return { outcome: 'ok', result: { yaml, jobs, ...(written === undefined ? {} : { written }) } };
}

/** Sets a component's image in an app spec to a digest reference, in place, atomically. */
export async function pinImage(
  req: RequestOf<Specs['gitlab.pinImage']>,
  ctx: AppContext,
): Promise<Outcome<ResultOf<Specs['gitlab.pinImage']>>> {
  requireFiles(ctx, msg('model.what.appSpec'), req.file);
  const doc = await readDocument(ctx, { file: req.file }, msg('model.what.appSpec'));
  const pinned = gitlab.pinImage(doc.text, doc.name, req.image, req.component);
  // The result must still be a valid app spec.
  await parseAppSpec(pinned.text, doc.name);
  await writeFileAtomic(resolve(req.file), pinned.text);
  return {
    outcome: 'ok',
    result: { file: req.file, component: pinned.component, image: req.image, previous: pinned.previous },
  };
}

/**
 * Generates the GitLab agent's files. At least one project or group must be allowed: an agent no
 * pipeline may use is a mistake. Without app namespaces, the deployer role is bound cluster-wide,
 * and a warning says so.
 */
export async function agent(
  req: RequestOf<Specs['gitlab.agent']>,
  ctx: AppContext,
): Promise<Outcome<ResultOf<Specs['gitlab.agent']>>> {
  if (req.projects.length === 0 && req.groups.length === 0)
    throw new QuaiError('USAGE', msg('gitlab.agent.noAccess', { name: req.name }), {
      hint: msg('gitlab.agent.noAccessHint'),
    });
  const clusterWide = req.appNamespaces.length === 0;
  if (clusterWide)
    ctx.progress({ kind: 'warning', message: msg('gitlab.agent.clusterWide', { name: req.name }) });
  const generated = gitlab.generateAgent({
    name: req.name,
    namespace: req.namespace,
    projects: req.projects,
    groups: req.groups,
    appNamespaces: req.appNamespaces,
    userAccess: req.userAccess,
    kasAddress: req.kasAddress ?? 'wss://GITLAB_HOST/-/kubernetes-agent/',
    lang: ctx.settings.lang,
  });
  const files = [
    { path: `.gitlab/agents/${req.name}/config.yaml`, content: generated.config },
    { path: `cluster/gitlab-agent-${req.name}.yaml`, content: render.toYamlStream(generated.objects) },
    { path: `cluster/gitlab-agent-${req.name}-values.yaml`, content: generated.helmValues },
  ];
  let written: string | undefined;
  if (req.out !== undefined) {
    requireFiles(ctx, msg('model.what.outputFolder'), req.out);
    written = resolve(req.out);
    for (const f of files) await writeFileAtomic(join(written, f.path), f.content);
  }
  return {
    outcome: 'ok',
    result: {
      files,
      objects: generated.objects,
      clusterWide,
      ...(written === undefined ? {} : { written }),
    },
  };
}

/** Generates the runner's files: config.toml, the runners part for Helm, the manifests, the Helm values. */
export async function runner(
  req: RequestOf<Specs['gitlab.runner']>,
  ctx: AppContext,
): Promise<Outcome<ResultOf<Specs['gitlab.runner']>>> {
  const g = gitlab.generateRunner({ ...req, lang: ctx.settings.lang });
  const files = [
    { path: `runner/${req.name}/config.toml`, content: g.configToml },
    { path: `runner/${req.name}/install.yaml`, content: render.toYamlStream(g.objects) },
    { path: `runner/${req.name}/values.yaml`, content: g.helmValues },
  ];
  let written: string | undefined;
  if (req.out !== undefined) {
    requireFiles(ctx, msg('model.what.outputFolder'), req.out);
    written = resolve(req.out);
    for (const f of files)
      await writeFileAtomic(join(written, f.path), f.content, f.path.endsWith('.toml') ? 0o600 : 0o644);
  }
  return {
    outcome: 'ok',
    result: {
      files,
      objects: g.objects,
      ...(written === undefined ? {} : { written }),
    },
  };
}

// ---- GitLab's API: sync, rollback through a merge request -------------------------------------

/** Where the GitLab connection came from, for the errors that say what is missing. */
interface PlatformGitlab {
  /** The settings' GitLab, when declared and readable. */
  readonly gitlab?: GitlabSettings;
  /** Why the settings say nothing usable: none declared, or they could not be read. */
  readonly state?: Message;
}

/**
 * The GitLab the platform settings declare (the ConfigMap quai-settings of quai-system), read with
 * the caller's client. Never fatal: the CLI may run where no cluster is reachable (a CI job with
 * GITLAB_URL and GITLAB_TOKEN), so a settings document that cannot be read is only a reason given
 * in the error when nothing else names GitLab.
 */
async function platformGitlab(ctx: AppContext): Promise<PlatformGitlab> {
  try {
    // Loaded only when the settings are needed: a job with GITLAB_URL and GITLAB_TOKEN skips it.
    const { readSettings } = await import('../settings/index.js');
    const stored = await readSettings(await ctx.kube(), ctx.signal);
    if (stored.invalid !== undefined)
      return { state: msg('gitlab.settings.invalid', { problem: stored.invalid }) };
    if (stored.settings.gitlab === undefined) return { state: msg('gitlab.settings.none') };
    return { gitlab: stored.settings.gitlab };
  } catch (error) {
    if (ctx.signal.aborted) throw error;
    const reason = error instanceof QuaiError ? error.text : msg('common.text', { text: String(error) });
    return { state: msg('gitlab.settings.unread', { reason }) };
  }
}

const normalUrl = (url: string): string => url.replace(/\/+$/, '');

/** The token the settings name (their Secret in quai-system, or a variable of the server), or why not. */
async function settingsToken(
  ctx: AppContext,
  gitlab: GitlabSettings,
): Promise<{ token?: string; state?: Message }> {
  if (gitlab.tokenEnv !== undefined) {
    const v = ctx.settings.env[gitlab.tokenEnv];
    return v === undefined || v === ''
      ? { state: msg('gitlab.settings.tokenEnvUnset', { name: gitlab.tokenEnv }) }
      : { token: v };
  }
  if (gitlab.tokenSecret === undefined) return { state: msg('gitlab.settings.noTokenNamed') };
  const where = { namespace: SETTINGS_NAMESPACE, name: gitlab.tokenSecret };
  let secret: (KubeObject & { data?: Record<string, string> }) | undefined;
  try {
    const client = await ctx.kube();
    secret = await client.tryGet<KubeObject & { data?: Record<string, string> }>(
      { apiVersion: 'v1', kind: 'Secret', ...where },
      ctx.signal,
    );
  } catch (error) {
    if (ctx.signal.aborted || !(error instanceof QuaiError)) throw error;
    return { state: msg('gitlab.settings.secretUnread', { ...where, reason: error.text }) };
  }
  if (secret === undefined) return { state: msg('gitlab.settings.secretMissing', where) };
  const v = secret.data?.['token'];
  const token = v === undefined ? '' : Buffer.from(v, 'base64').toString('utf8').trim();
  return token === '' ? { state: msg('gitlab.settings.secretNoToken', where) } : { token };
}

/** The connection the GitLab API use cases use, and the project the settings name. */
interface GitlabConnection {
  readonly url: string;
  readonly token: string;
  /** The platform repository the settings name (the default project). */
  readonly project?: string;
}

/**
 * GitLab's address and token. The address: the request's, the file's, $CI_SERVER_URL (in a job),
 * $GITLAB_URL, then the platform settings'. The token: $GITLAB_TOKEN, then the settings' (their
 * Secret in quai-system, read by whoever runs the use case: the server for the console, never sent
 * to the browser; or the variable they name), but only for the settings' own address: the
 * platform's token is never sent to an address a request names. A CI job token ($CI_JOB_TOKEN)
 * cannot manage variables, deploy tokens, protected environments, commits or merge requests
 * (GitLab limits it to a few endpoints): it is refused by name.
 */
async function gitlabConnection(
  ctx: AppContext,
  given: readonly (string | undefined)[],
  options: { readonly needProject: boolean },
): Promise<GitlabConnection> {
  const env = ctx.settings.env;
  const named = [...given, env['CI_SERVER_URL'], env['GITLAB_URL']].find((u) => u !== undefined && u !== '');
  const envToken = env['GITLAB_TOKEN'] === '' ? undefined : env['GITLAB_TOKEN'];
  // The settings are read only when something is missing: a job with everything at hand needs no cluster.
  const platform =
    named === undefined || envToken === undefined || options.needProject
      ? await platformGitlab(ctx)
      : ({} as PlatformGitlab);
  const url = named ?? platform.gitlab?.url;
  if (url === undefined)
    throw new QuaiError(
      'USAGE',
      msg('gitlab.api.noUrl', { settings: platform.state ?? msg('gitlab.settings.none') }),
      {
        hint: msg('gitlab.api.noUrlHint'),
      },
    );
  if (!/^https?:\/\/[^\s/]+(\/\S*)?$/.test(url))
    throw new QuaiError('USAGE', msg('gitlab.api.badUrl', { url }), { hint: msg('gitlab.api.noUrlHint') });
  const base = normalUrl(url);
  // The settings' project and token belong to the settings' GitLab: never used with another one.
  const ours = platform.gitlab !== undefined && normalUrl(platform.gitlab.url) === base;
  const project = ours ? platform.gitlab?.project : undefined;
  const withProject = project === undefined ? {} : { project };
  if (envToken !== undefined) return { url: base, token: envToken, ...withProject };
  let state = platform.state;
  if (platform.gitlab !== undefined) {
    if (ours) {
      const found = await settingsToken(ctx, platform.gitlab);
      if (found.token !== undefined) return { url: base, token: found.token, ...withProject };
      state = found.state;
    } else {
      state = msg('gitlab.settings.otherUrl', { url: normalUrl(platform.gitlab.url) });
    }
  }
  state ??= msg('gitlab.settings.none');
  if (env['CI_JOB_TOKEN'] !== undefined && env['CI_JOB_TOKEN'] !== '')
    throw new QuaiError('GITLAB_UNAUTHORIZED', msg('gitlab.api.jobTokenNotEnough', { settings: state }), {
      hint: msg('gitlab.api.noTokenHint'),
    });
  throw new QuaiError('GITLAB_UNAUTHORIZED', msg('gitlab.api.noToken', { url: base, settings: state }), {
    hint: msg('gitlab.api.noTokenHint'),
  });
}

/**
 * Checks the token and the project before anything is written: the token is valid and has the
 * scope (`api` to write, `read_api` enough for a dry run), the project exists and the token's
 * user is at least a Maintainer (variables, deploy tokens and protected environments need it).
 */
async function openProject(
  ctx: AppContext,
  { url, token }: GitlabConnection,
  project: string | number,
  options: { write: boolean; minimumAccess: number },
): Promise<{ client: gitlab.GitlabClient; id: number; path: string; defaultBranch: string }> {
  const client = await gitlab.openGitlab({
    url,
    token,
    signal: ctx.signal,
    onRetry: ({ status, seconds, path }) =>
      ctx.progress({ kind: 'warning', message: msg('gitlab.api.retrying', { status, seconds, path }) }),
  });
  const where = { url, project: String(project) };
  let scopes: string[] | undefined;
  try {
    scopes = ((await client.PersonalAccessTokens.show()) as unknown as { scopes: string[] }).scopes;
  } catch (error) {
    // GitLab before 15.5 has no /personal_access_tokens/self: the project's answer decides.
    if (!(error instanceof gitlab.GitlabHttpError && error.status === 404))
      throw gitlab.gitlabError(error, { ...where, what: msg('gitlab.api.what.token') });
  }
  const needed = options.write ? ['api'] : ['api', 'read_api'];
  if (scopes !== undefined && !scopes.some((s) => needed.includes(s)))
    throw new QuaiError(
      'GITLAB_FORBIDDEN',
      msg('gitlab.api.scopeMissing', { scopes: scopes.join(', ') || '-', needed: needed.join(' or ') }),
      { hint: msg('gitlab.api.noTokenHint') },
    );
  let p: {
    id: number;
    path_with_namespace: string;
    default_branch: string;
    permissions?: {
      project_access?: { access_level: number } | null;
      group_access?: { access_level: number } | null;
    };
  };
  try {
    p = await client.Projects.show(project);
  } catch (error) {
    throw gitlab.gitlabError(error, {
      ...where,
      what: msg('gitlab.api.what.project', { project: String(project) }),
    });
  }
  const access = Math.max(
    p.permissions?.project_access?.access_level ?? 0,
    p.permissions?.group_access?.access_level ?? 0,
  );
  if (p.permissions !== undefined && access < options.minimumAccess)
    throw new QuaiError(
      'GITLAB_FORBIDDEN',
      msg('gitlab.api.roleTooLow', { project: p.path_with_namespace, access, needed: options.minimumAccess }),
      { hint: msg('gitlab.api.roleTooLowHint') },
    );
  return { client, id: p.id, path: p.path_with_namespace, defaultBranch: p.default_branch };
}

/**
 * `quai gitlab sync`: reads and checks the sync file, the values, the token, the project and
 * what exists; computes the plan; then (without --dry-run) writes it in order, stopping at the
 * first failure with each item's status.
 */
export async function sync(
  req: RequestOf<Specs['gitlab.sync']>,
  ctx: AppContext,
): Promise<Outcome<ResultOf<Specs['gitlab.sync']>>> {
  const doc = await readDocument(ctx, req.file, msg('model.what.gitlabSyncFile'));
  const file = parseYamlAs(GitlabSyncFile, doc.text, doc.name, msg('model.what.gitlabSyncFile'));
  const files = ctx.settings.files;
  const { variables, problems } = await gitlab.resolveVariables(
    file,
    ctx.settings.env,
    files === undefined || !doc.fromFile
      ? undefined
      : (path) =>
          files.readText(isAbsolute(path) ? path : join(dirname(doc.name), path), {
            what: msg('model.what.variableFile'),
            maxBytes: 1024 * 1024,
          }),
  );
  if (problems.length > 0) {
    const located = parseYamlLocated(doc.text, { file: doc.name });
    const first = problems[0]!;
    const pos = located.locate(first.path) ?? { line: 1, column: 1 };
    throw new QuaiError(
      'INPUT_INVALID',
      msg('gitlab.sync.invalid', {
        file: doc.name,
        count: problems.length,
        line: pos.line,
        column: pos.column,
        problem: first.message,
      }),
      {
        location: { file: doc.name, line: pos.line, column: pos.column },
        details: {
          problems: problems.map((p) => ({ ...(located.locate(p.path) ?? {}), message: p.message })),
        },
      },
    );
  }
  const connection = await gitlabConnection(ctx, [req.url, file.url], {
    needProject: file.project === undefined,
  });
  const url = connection.url;
  const wanted = file.project ?? connection.project;
  if (wanted === undefined)
    throw new QuaiError('USAGE', msg('gitlab.sync.noProject', { file: doc.name }), {
      hint: msg('gitlab.api.projectHint'),
    });
  const project = await openProject(ctx, connection, wanted, { write: !req.dryRun, minimumAccess: 40 });
  const target = {
    gitlab: project.client,
    url,
    projectPath: project.path,
    projectId: project.id,
    kube: ctx.kube,
    signal: ctx.signal,
  };
  const steps = await gitlab.planSync(file, variables, target);
  const base = { url, project: { id: project.id, path: project.path }, dryRun: req.dryRun };
  const changes = steps.some((s) => s.run !== undefined);
  if (req.dryRun || !changes)
    return { outcome: changes ? 'changes' : 'ok', result: { ...base, items: steps.map((s) => s.item) } };
  const run = await gitlab.applySync(steps, target, (item) =>
    ctx.progress({
      kind: 'step',
      message: msg('gitlab.sync.progress', {
        kind: msg(`gitlab.sync.kind.${item.kind}`),
        name: item.name,
        action: msg(`gitlab.sync.action.${item.action}`),
      }),
    }),
  );
  return {
    outcome: run.failed ? (run.done === 0 ? 'failed' : 'partial') : 'ok',
    result: { ...base, items: run.items },
  };
}

/** `quai rollback APP --via-merge-request`: a merge request that returns the app's files to its last good commit. */
export async function rollbackMr(
  req: RequestOf<Specs['gitlab.rollbackMr']>,
  ctx: AppContext,
): Promise<Outcome<ResultOf<Specs['gitlab.rollbackMr']>>> {
  const target = await resolveTarget(ctx, req.app, req);
  const client = await ctx.kube();
  const revisions = await listRevisions(client, target.namespace, target.app, ctx.signal);
  const { revision, commit } = gitlab.chooseRevision(revisions, target.app, req.to);
  const connection = await gitlabConnection(ctx, [req.url], { needProject: req.project === undefined });
  const url = connection.url;
  const wanted = req.project ?? connection.project;
  if (wanted === undefined)
    throw new QuaiError('USAGE', msg('gitlab.rollbackMr.needsProject'), {
      hint: msg('gitlab.api.projectHint'),
    });
  // Developers may push a branch and open a merge request; whoever merges it deploys.
  const project = await openProject(ctx, connection, wanted, { write: !req.dryRun, minimumAccess: 30 });
  const r = await gitlab.rollbackMergeRequest({
    gitlab: project.client,
    url,
    project: project.id,
    app: target.app,
    environment: target.environment,
    revision,
    commit,
    path: req.path ?? `apps/${target.app}`,
    targetBranch: req.targetBranch ?? project.defaultBranch,
    dryRun: req.dryRun,
    lang: ctx.settings.lang,
  });
  return {
    outcome: req.dryRun && r.files.length > 0 ? 'changes' : 'ok',
    result: {
      app: target.app,
      environment: target.environment,
      revision: revision.number,
      commit: r.commit,
      files: r.files,
      branch: r.branch,
      targetBranch: r.targetBranch,
      ...(r.mergeRequest === undefined ? {} : { mergeRequest: r.mergeRequest }),
      dryRun: req.dryRun,
    },
  };
}
