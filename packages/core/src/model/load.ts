import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { AppSpec, msg, PlatformConfig, type Component, type Job, type Param } from '@quai/contracts';
import type { z } from 'zod';
import { QuaiError } from '../errors/index.js';
import { parseYamlLocated, type LocatedDocument } from '../util/index.js';
import { locationOf, schemaDiagnostics, throwIfErrors, type Diagnostic } from './diagnostics.js';
import { createReadPolicy } from './read-policy.js';
import { runRules } from './rules.js';

/** Inputs larger than this are refused before parsing. */
export const MAX_INPUT_BYTES = 4 * 1024 * 1024;

export interface Loaded<T> {
  readonly value: T;
  readonly file: string;
  readonly warnings: readonly Diagnostic[];
}

export interface ReadInputOptions {
  /** Stops the read (SIGTERM, Ctrl-C): the file is closed and the promise rejects. */
  readonly signal?: AbortSignal;
}

function kib(bytes: number): string {
  return `${Math.round(bytes / 1024)} KiB`;
}

/** The kinds of input files, as messages name them. */
const INPUT_KINDS = {
  appSpec: msg('model.what.appSpec'),
  platformFile: msg('model.what.platformFile'),
  configFile: msg('model.what.configFile'),
} as const;

/**
 * Reads a text input with a byte cap and a clear error. The cap is enforced while reading, not
 * from the size on disk: a pipe, a FIFO or /dev/stdin reports no size, so the read stops at the
 * first byte over the limit whatever the source claims.
 */
export async function readInput(
  file: string,
  what: Param,
  limit = MAX_INPUT_BYTES,
  options: ReadInputOptions = {},
): Promise<string> {
  const tooLarge = (size: Param): QuaiError =>
    new QuaiError('INPUT_INVALID', msg('model.input.tooLarge', { what, file, size, limit: kib(limit) }), {
      location: { file },
      hint: msg('model.input.tooLargeHint'),
    });
  const unreadable = (error: unknown): QuaiError =>
    new QuaiError(
      'INPUT_INVALID',
      msg('model.input.unreadable', { what, file, reason: (error as Error).message }),
      {
        location: { file },
        hint: msg('model.input.checkPathHint'),
        cause: error,
      },
    );
  try {
    const s = await stat(file);
    if (s.isDirectory()) {
      throw new QuaiError('INPUT_INVALID', msg('model.input.isFolder', { file, what }), {
        location: { file },
        hint: msg('model.input.isFolderHint'),
      });
    }
    // A regular file says its size: refuse at once. Pipes and devices say 0: the read decides.
    if (s.isFile() && s.size > limit) throw tooLarge(kib(s.size));
  } catch (error) {
    if (error instanceof QuaiError) throw error;
    throw unreadable(error);
  }
  if (options.signal?.aborted) {
    throw new QuaiError('INTERRUPTED', msg('model.input.interruptedBefore', { what, file }));
  }
  const chunks: Buffer[] = [];
  let total = 0;
  const stream = createReadStream(file, {
    highWaterMark: 64 * 1024,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > limit) throw tooLarge(msg('model.input.moreThan', { limit: kib(limit) }));
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof QuaiError) throw error;
    if (options.signal?.aborted) {
      throw new QuaiError('INTERRUPTED', msg('model.input.interruptedWhile', { what, file }), {
        cause: error,
      });
    }
    throw unreadable(error);
  } finally {
    stream.destroy();
  }
  return Buffer.concat(chunks, total).toString('utf8');
}

function validate<S extends z.ZodType>(
  schema: S,
  doc: LocatedDocument,
  file: string,
  what: Param,
): z.infer<S> {
  const parsed = schema.safeParse(doc.value);
  if (!parsed.success) {
    throwIfErrors(what, file, schemaDiagnostics(doc, file, parsed.error.issues));
  }
  return parsed.data as z.infer<S>;
}

/**
 * Parses a YAML document and checks it against a schema; every problem is reported with its file,
 * line, column and path. For any configuration file (a server's, a schedule's).
 */
export function parseYamlAs<S extends z.ZodType>(
  schema: S,
  text: string,
  file: string,
  what: Param,
): z.infer<S> {
  return validate(schema, parseYamlLocated(text, { file, what }), file, what);
}

export interface AppLoadOptions {
  /** Today as YYYY-MM-DD (exception expiry); defaults to the real date. */
  readonly today?: string;
  /**
   * Folders besides the app spec's own whose files `fromFile` may read (`--allow-read`). A path
   * that leaves them (`../../etc/passwd`, a symbolic link to /etc) is refused with its path.
   */
  readonly allowRead?: readonly string[];
  /**
   * Whether `fromFile` may read files at all (default true). An app spec given inline (the HTTP
   * API, the console) must not: the server never reads a path a client names.
   */
  readonly allowFiles?: boolean;
  readonly signal?: AbortSignal;
}

/**
 * Parses and checks an app spec in three steps: YAML (positions kept), schema (every issue with
 * file, line, column and path), then named rules (errors and warnings). Config files given with
 * `fromFile` are read relative to the spec's folder.
 */
export async function parseAppSpec(
  text: string,
  file: string,
  options: AppLoadOptions = {},
): Promise<Loaded<AppSpec>> {
  const doc = parseYamlLocated(text, { file, what: INPUT_KINDS.appSpec });
  const spec = validate(AppSpec, doc, file, INPUT_KINDS.appSpec);
  const diagnostics = runRules({
    spec,
    doc,
    file,
    today: options.today ?? new Date().toISOString().slice(0, 10),
  });
  // Inline the content of fromFile config files.
  const base = dirname(file);
  const policy = createReadPolicy(base, options.allowRead);
  const fileErrors: Diagnostic[] = [];
  const groups: [string, Readonly<Record<string, Component | Job>>][] = [
    ['components', spec.spec.components],
    ['jobs', spec.spec.jobs ?? {}],
  ];
  for (const [kind, group] of groups) {
    for (const [name, w] of Object.entries(group)) {
      for (const [i, cf] of (w.configFiles ?? []).entries()) {
        if (cf.fromFile === undefined) continue;
        const path = isAbsolute(cf.fromFile) ? cf.fromFile : resolve(base, cf.fromFile);
        try {
          if (options.allowFiles === false) {
            throw new QuaiError('INPUT_INVALID', msg('model.fromFileInline', { path: cf.fromFile }), {
              hint: msg('model.fromFileInlineHint'),
            });
          }
          const real = policy.check(path, msg('model.what.theConfigFile')) ?? path;
          (cf as { content?: string }).content = await readInput(real, INPUT_KINDS.configFile, 1024 * 1024, {
            ...(options.signal ? { signal: options.signal } : {}),
          });
        } catch (error) {
          fileErrors.push({
            severity: 'error',
            rule: 'config-file',
            message: error instanceof QuaiError ? error.text : (error as Error).message,
            location: locationOf(doc, file, ['spec', kind, name, 'configFiles', i, 'fromFile']),
            hint: msg('model.configFileHint'),
          });
        }
      }
    }
  }
  const all = [...diagnostics, ...fileErrors];
  throwIfErrors(INPUT_KINDS.appSpec, file, all);
  return { value: spec, file, warnings: all.filter((d) => d.severity === 'warning') };
}

export async function loadAppSpec(file: string, options: AppLoadOptions = {}): Promise<Loaded<AppSpec>> {
  return parseAppSpec(
    await readInput(file, INPUT_KINDS.appSpec, undefined, {
      ...(options.signal ? { signal: options.signal } : {}),
    }),
    file,
    options,
  );
}

export function parsePlatform(text: string, file: string): Loaded<PlatformConfig> {
  const doc = parseYamlLocated(text, { file, what: INPUT_KINDS.platformFile });
  return { value: validate(PlatformConfig, doc, file, INPUT_KINDS.platformFile), file, warnings: [] };
}

export async function loadPlatform(file: string): Promise<Loaded<PlatformConfig>> {
  return parsePlatform(await readInput(file, INPUT_KINDS.platformFile), file);
}

/** The platform used when none is given: restricted policy, a local domain, prod only. */
export function defaultPlatform(): PlatformConfig {
  return PlatformConfig.parse({
    apiVersion: 'quai.dev/v1alpha1',
    kind: 'Platform',
    metadata: { name: 'default' },
    spec: { domain: 'apps.local' },
  });
}
