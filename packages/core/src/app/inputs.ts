import type { AppRef, AppSpec, DocumentSource, PlatformConfig, SecretsSource } from '@quai/contracts';
import { msg, t, type Message } from '@quai/contracts';
import { QuaiError } from '../errors/index.js';
import {
  appNamespace,
  defaultPlatform,
  MAX_INPUT_BYTES,
  parseAppSpec,
  parsePlatform,
} from '../model/index.js';
import { readSecretsDir } from '../onboard/write.js';
import type { AppContext } from './context.js';

/** A document's text and the name errors show for it (its path, or the name given inline). */
export interface DocumentText {
  readonly text: string;
  readonly name: string;
  /** True when the text came from a file: relative paths inside it are read from its folder. */
  readonly fromFile: boolean;
}

/** Reads a document from a path (through the front end's file access) or takes it inline. */
export async function readDocument(
  ctx: AppContext,
  source: DocumentSource,
  what: Message,
): Promise<DocumentText> {
  if ('yaml' in source)
    return { text: source.yaml, name: source.name ?? `(${t(ctx.settings.lang, what)})`, fromFile: false };
  const files = ctx.settings.files;
  if (files === undefined) {
    throw new QuaiError('USAGE', msg('app.noFileAccess', { what, path: source.file }), {
      hint: msg('app.noFileAccessHint'),
    });
  }
  return {
    text: await files.readText(source.file, { what, maxBytes: MAX_INPUT_BYTES }),
    name: source.file,
    fromFile: true,
  };
}

/** An app spec, parsed and checked; warnings are reported as progress warnings. */
export async function loadApp(ctx: AppContext, source: DocumentSource): Promise<AppSpec> {
  const doc = await readDocument(ctx, source, msg('model.what.appSpec'));
  const loaded = await parseAppSpec(doc.text, doc.name, {
    // An inline spec (the HTTP API) may not make the server read files (fromFile).
    allowFiles: doc.fromFile,
    ...(ctx.settings.now === undefined ? {} : { today: ctx.settings.now().toISOString().slice(0, 10) }),
  });
  for (const w of loaded.warnings) {
    ctx.progress({
      kind: 'warning',
      message: msg('app.specWarning', { file: doc.name, warning: w.message }),
    });
  }
  return loaded.value;
}

/** The platform the request names, else the built-in defaults. */
export async function loadPlatformOf(
  ctx: AppContext,
  source: DocumentSource | undefined,
): Promise<PlatformConfig> {
  if (source === undefined) return defaultPlatform();
  const doc = await readDocument(ctx, source, msg('model.what.platformFile'));
  return parsePlatform(doc.text, doc.name).value;
}

/** Secret values by Secret name then key, from a folder of `.env` files or given inline. */
export async function loadSecrets(
  ctx: AppContext,
  source: SecretsSource | undefined,
): Promise<Readonly<Record<string, Readonly<Record<string, string>>>> | undefined> {
  if (source === undefined) return undefined;
  if ('values' in source) return source.values;
  const files = ctx.settings.files;
  if (files === undefined) {
    throw new QuaiError(
      'USAGE',
      msg('app.noFileAccess', { what: msg('model.what.secretsFolder'), path: source.dir }),
      {
        hint: msg('app.noFileAccessHint'),
      },
    );
  }
  return readSecretsDir(source.dir);
}

/** Which app, in which environment and namespace. */
export interface Target {
  readonly app: string;
  readonly environment: string;
  readonly namespace: string;
}

/**
 * Where an app lives, computed one way for every use case: an explicit namespace (kubectl's -n)
 * wins; else the app spec's namespace or name plus the environment's suffix (model.appNamespace).
 */
export async function resolveTarget(
  ctx: AppContext,
  ref: AppRef,
  selector: {
    readonly environment: string;
    readonly platform?: DocumentSource | undefined;
    readonly namespace?: string | undefined;
  },
): Promise<Target> {
  const platform = await loadPlatformOf(ctx, selector.platform);
  const explicit = selector.namespace ?? ctx.settings.cluster.namespace;
  if ('app' in ref) {
    const namespace = explicit ?? appNamespace({ name: ref.app }, platform, selector.environment);
    // An unknown environment is an error even with an explicit namespace.
    appNamespace({ name: ref.app }, platform, selector.environment);
    return { app: ref.app, environment: selector.environment, namespace };
  }
  const spec = await loadApp(ctx, ref);
  const namespace =
    explicit ??
    appNamespace(
      { name: spec.metadata.name, namespace: spec.spec.namespace },
      platform,
      selector.environment,
    );
  return { app: spec.metadata.name, environment: selector.environment, namespace };
}
