import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { stringify } from 'yaml';
import { msg, type onboardUseCases, type Outcome, type RequestOf, type ResultOf } from '@quai/contracts';
import { QuaiError } from '../errors/index.js';
import type { KubeObject } from '../kube/index.js';
import { parseAppSpec } from '../model/index.js';
import * as onboard from '../onboard/index.js';
import type { AppContext } from './context.js';
import { loadPlatformOf, loadSecrets, readDocument } from './inputs.js';

type Req<K extends string> = RequestOf<
  (typeof onboardUseCases)[`onboard.${K}` & keyof typeof onboardUseCases]
>;
type Res<K extends string> = ResultOf<
  (typeof onboardUseCases)[`onboard.${K}` & keyof typeof onboardUseCases]
>;

/**
 * Imports a compose project into an app spec and its conversion report. With `out`, writes
 * app.yaml, conversion-report.json and secrets/*.env (0600, folder 0700) atomically; secret
 * values are never part of the result.
 */
export async function importCompose(req: Req<'import'>, ctx: AppContext): Promise<Outcome<Res<'import'>>> {
  if (req.compose !== undefined) return importInline(req, req.compose, ctx);
  if (ctx.settings.files === undefined) {
    throw new QuaiError('USAGE', msg('onboard.needsFiles'), { hint: msg('onboard.needsFilesHint') });
  }
  return importProject(req, ctx);
}

/** Replaces a folder's path in every string of a value (a report, an error's message). */
function withoutFolder<T>(value: T, folder: string): T {
  if (value === undefined) return value;
  if (typeof value === 'string') return value.replaceAll(`${folder}/`, '').replaceAll(folder, '.') as T;
  return JSON.parse(JSON.stringify(value).replaceAll(`${folder}/`, '').replaceAll(folder, '.')) as T;
}

/**
 * Compose files given inline (the console): written to a private temporary folder that holds
 * nothing else, so no other file can be read, imported from there, then removed. Reports and
 * errors name the files as the request named them.
 */
async function importInline(
  req: Req<'import'>,
  compose: NonNullable<Req<'import'>['compose']>,
  ctx: AppContext,
): Promise<Outcome<Res<'import'>>> {
  if (
    req.out !== undefined ||
    req.files.length > 0 ||
    req.workingDir !== undefined ||
    req.envFiles !== undefined
  )
    throw new QuaiError('USAGE', msg('onboard.inlineAndFiles'), { hint: msg('onboard.inlineAndFilesHint') });
  const folder = await mkdtemp(join(tmpdir(), 'quai-import-'));
  try {
    const files: string[] = [];
    for (const c of compose) {
      const file = join(folder, c.name);
      if (files.includes(file))
        throw new QuaiError('USAGE', msg('onboard.inlineDuplicate', { name: c.name }), {
          hint: msg('onboard.inlineAndFilesHint'),
        });
      await writeFile(file, c.yaml, { mode: 0o600, flag: 'wx' });
      files.push(file);
    }
    const envFiles: string[] = [];
    if (req.envFile !== undefined) {
      const file = join(folder, '.env');
      await writeFile(file, req.envFile, { mode: 0o600, flag: 'wx' });
      envFiles.push(file);
    }
    const outcome = await importProject(
      { ...req, files, workingDir: folder, envFiles, allowRead: [], useShellEnv: false },
      ctx,
    );
    return withoutFolder(outcome, folder);
  } catch (error) {
    if (!(error instanceof QuaiError)) throw error;
    throw new QuaiError(error.code, withoutFolder(error.text, folder), {
      ...(error.hintText === undefined ? {} : { hint: withoutFolder(error.hintText, folder) }),
      ...(error.location === undefined ? {} : { location: withoutFolder(error.location, folder) }),
      ...(error.details === undefined ? {} : { details: withoutFolder(error.details, folder) }),
      cause: error,
    });
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

async function importProject(req: Req<'import'>, ctx: AppContext): Promise<Outcome<Res<'import'>>> {
  const env = ctx.settings.env;
  const project = await onboard.loadCompose({
    files: req.files,
    ...(req.workingDir !== undefined ? { workingDir: req.workingDir } : {}),
    ...(req.envFiles !== undefined && req.envFiles.length > 0 ? { envFiles: req.envFiles } : {}),
    env: req.env,
    ...(req.useShellEnv ? { shellEnv: env } : {}),
    ...(req.name !== undefined ? { projectName: req.name } : {}),
    allowRead: req.allowRead,
    ...(req.profiles.length > 0 ? { profiles: req.profiles } : {}),
    ...(env['HOME'] !== undefined ? { home: env['HOME'] } : {}),
    signal: ctx.signal,
  });
  let imageHealthchecks: ReadonlyMap<string, readonly string[]> | undefined;
  let imageErrors: { image: string; message: string }[] = [];
  if (req.inspectImages) {
    const services = project.model['services'];
    const images = Object.values(typeof services === 'object' && services !== null ? services : {})
      .map((s) => (typeof s === 'object' && s !== null && !Array.isArray(s) ? s['image'] : undefined))
      .filter((i): i is string => typeof i === 'string');
    const read = await onboard.imageHealthchecks(images, { env, signal: ctx.signal });
    imageHealthchecks = read.checks;
    imageErrors = [...read.errors];
    for (const e of imageErrors)
      ctx.progress({
        kind: 'warning',
        message: msg('onboard.imageUnreadable', { image: e.image, reason: e.message }),
      });
  }
  const result = onboard.convertCompose(project, {
    networkPolicy: req.networkPolicy,
    ...(imageHealthchecks ? { imageHealthchecks } : {}),
    ...(req.name !== undefined ? { appName: req.name } : {}),
    ...(req.team !== undefined ? { team: req.team } : {}),
  });
  let written: string[] | undefined;
  if (req.out !== undefined) {
    const dir = resolve(req.out);
    const files = new Map<string, { content: string; mode?: number }>();
    files.set('app.yaml', { content: onboard.appSpecYaml(result.spec) });
    files.set('conversion-report.json', {
      content: `${JSON.stringify(onboard.reportJson(result.report, ctx.settings.lang), null, 2)}\n`,
    });
    for (const [name, values] of Object.entries(result.secretValues))
      files.set(join('secrets', `${name}.env`), { content: onboard.envFileText(values), mode: 0o600 });
    await onboard.writeFolderAtomic(dir, files);
    written = [...files.keys()].map((f) => join(dir, f));
  }
  return {
    outcome: 'ok',
    result: {
      spec: result.spec,
      specYaml: onboard.appSpecYaml(result.spec),
      report: result.report,
      secrets: result.report.secrets.map((s) => ({ secret: s.secret, keys: [...s.keys] })),
      ...(written ? { written } : {}),
      imageErrors,
    },
  };
}

/**
 * Renders app specs for one environment into hardened manifests, in apply order. With `out`,
 * one file per object and a kustomization.yaml, Secrets apart in `<out>-secrets/` (0600) or
 * sealed with `sealCert`.
 */
export async function renderApps(req: Req<'render'>, ctx: AppContext): Promise<Outcome<Res<'render'>>> {
  // Imported here, not at the top: `quai import` runs this module too, and does not render (the
  // renderer and its Pod Security checks are a fifth of what it would load).
  const render = await import('../render/index.js');
  const platform = await loadPlatformOf(ctx, req.platform);
  const secrets = await loadSecrets(ctx, req.secrets);
  const objects: KubeObject[] = [];
  const notes: { app: string; kind: string; message: ReturnType<typeof msg> }[] = [];
  for (const source of req.apps) {
    const doc = await readDocument(ctx, source, msg('model.what.appSpec'));
    const loaded = await parseAppSpec(doc.text, doc.name, {
      allowRead: req.allowRead,
      allowFiles: doc.fromFile,
      signal: ctx.signal,
      ...(ctx.settings.now === undefined ? {} : { today: ctx.settings.now().toISOString().slice(0, 10) }),
    });
    for (const w of loaded.warnings)
      ctx.progress({
        kind: 'warning',
        message: msg('app.specWarning', { file: doc.name, warning: w.message }),
      });
    const r = render.render({
      app: loaded.value,
      platform,
      environment: req.environment,
      ...(secrets ? { secrets } : {}),
    });
    objects.push(...r.objects);
    for (const n of r.notes)
      notes.push({
        app: loaded.value.metadata.name,
        kind: n.kind,
        message: n.text,
      });
  }
  let sorted = render.sortObjects(objects);
  if (req.sealCert !== undefined) {
    const cert = await readDocument(ctx, req.sealCert, msg('model.what.certificate'));
    const key = render.sealingKey(cert.text, cert.name);
    sorted = sorted.map((o) => (o.kind === 'Secret' ? render.sealSecret(o, key) : o));
  }
  let written: Res<'render'>['written'];
  if (req.out !== undefined) {
    const dir = resolve(req.out);
    const files = new Map<string, { content: string }>();
    const secretFiles = new Map<string, { content: string; mode: number }>();
    const names = sorted.map((o, i) => render.fileNameFor(i, o));
    sorted.forEach((o, i) => {
      const content = stringify(o, { lineWidth: 0 });
      if (o.kind === 'Secret') secretFiles.set(names[i] ?? '', { content, mode: 0o600 });
      else files.set(names[i] ?? '', { content });
    });
    files.set('kustomization.yaml', {
      content: stringify({
        apiVersion: 'kustomize.config.k8s.io/v1beta1',
        kind: 'Kustomization',
        resources: names.filter((n) => !secretFiles.has(n)),
      }),
    });
    await onboard.writeFolderAtomic(dir, files);
    const secretsDirectory = `${dir}-secrets`;
    if (secretFiles.size > 0) await onboard.writeFolderAtomic(secretsDirectory, secretFiles);
    written = {
      directory: dir,
      files: [...files.keys()],
      ...(secretFiles.size > 0 ? { secretsDirectory, secretFiles: [...secretFiles.keys()] } : {}),
    };
  }
  return {
    outcome: 'ok',
    result: {
      objects: sorted,
      yaml: sorted.map((o) => stringify(o, { lineWidth: 0 })).join('---\n'),
      notes,
      ...(written ? { written } : {}),
    },
  };
}
