import { join, resolve } from 'node:path';
import { msg, type gitlabUseCases, type Outcome, type RequestOf, type ResultOf } from '@quai/contracts';
import { QuaiError } from '../errors/index.js';
import * as gitlab from '../gitlab/index.js';
import { parseAppSpec } from '../model/index.js';
import * as render from '../render/index.js';
import { writeFileAtomic } from '../util/index.js';
import type { AppContext } from './context.js';
import { loadApp, readDocument } from './inputs.js';

type Specs = typeof gitlabUseCases;

function requireFiles(ctx: AppContext, what: string, path: string): void {
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
    requireFiles(ctx, 'pipeline file', req.out);
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
  requireFiles(ctx, 'app spec', req.file);
  const doc = await readDocument(ctx, { file: req.file }, 'app spec');
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
    requireFiles(ctx, 'output folder', req.out);
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
    requireFiles(ctx, 'output folder', req.out);
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
