import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { msg, type Message } from '@quai/contracts';
import { QuaiError, type Location } from '../errors/index.js';
import { formatPath, readInput } from '../model/index.js';
import { parseYamlLocated, type LocatedDocument } from '../util/index.js';
import { interpolate, parseDotEnv, type InterpolationProblem } from './interpolate.js';
import { createReadPolicy, type ReadPolicy } from '../model/index.js';

/** More services than this is not a compose project but an attack or a mistake. */
export const MAX_SERVICES = 1000;
/** At most this many compose files and env files are merged. */
const MAX_FILES = 32;

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** A value as text: scalars as themselves, objects and lists as JSON (never "[object Object]"). */
export function text(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return v.toString();
  return JSON.stringify(v) ?? '';
}

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A compose project: the merged, interpolated model, and where each value came from. */
export interface ComposeProject {
  readonly name: string;
  /** Folder of the first compose file: relative paths resolve against it. */
  readonly dir: string;
  readonly files: readonly string[];
  readonly model: JsonObject;
  /** The file and position of a path in the merged model (the last file that set it wins). */
  locate(path: readonly (string | number)[]): Location;
  readonly variables: readonly VariableProblem[];
  /** The interpolation environment (.env files < shell < --env): `- VAR` takes its value here. */
  readonly environment: ReadonlyMap<string, string>;
  /** Which host files may be read into the app (the project folder and --allow-read folders). */
  readonly readPolicy: ReadPolicy;
  /** Interrupts reads (SIGTERM). */
  readonly signal?: AbortSignal;
  /** The user's home folder, for `~/...` host paths; undefined: `~` stays literal. */
  readonly home?: string;
  /** Services left out because none of their profiles is enabled, as docker compose does. */
  readonly disabled: readonly { readonly service: string; readonly profiles: readonly string[] }[];
}

export interface VariableProblem extends InterpolationProblem {
  readonly location: Location;
}

export interface LoadComposeOptions {
  readonly files: readonly string[];
  /** Project name; default: `name:` in the file, else the folder's name. */
  readonly projectName?: string;
  /** .env files (default: `.env` beside the first compose file, if it exists). */
  readonly envFiles?: readonly string[];
  /** KEY=VALUE given on the command line; they win over .env files. */
  readonly env?: Readonly<Record<string, string>>;
  /** Also read the shell's environment, like docker compose does (off by default: reproducible). */
  readonly shellEnv?: NodeJS.ProcessEnv;
  /** Folders outside the project whose files the app may read (bind mounts, env_file, secrets). */
  readonly allowRead?: readonly string[];
  /** Where to look for compose.yaml / docker-compose.yml when no file is given (default: cwd). */
  readonly workingDir?: string;
  /** Interrupts reads (SIGTERM, Ctrl-C). */
  readonly signal?: AbortSignal;
  /** Profiles to enable (`--profile`; default: COMPOSE_PROFILES from the variables, else none). */
  readonly profiles?: readonly string[];
  /** The user's home folder, for `~/...` paths (core reads no environment of its own). */
  readonly home?: string;
}

const DEFAULT_FILES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];
const OVERRIDE_FILES = [
  'compose.override.yaml',
  'compose.override.yml',
  'docker-compose.override.yaml',
  'docker-compose.override.yml',
];

/**
 * The files `docker compose` reads when no -f is given: the first of compose.yaml, compose.yml,
 * docker-compose.yaml, docker-compose.yml, then its override file if there is one.
 */
export function defaultComposeFiles(dir: string): string[] {
  const main = DEFAULT_FILES.map((f) => join(dir, f)).find((f) => existsSync(f));
  if (main === undefined) {
    throw new QuaiError('USAGE', msg('onboard.noComposeFile', { dir }), {
      hint: msg('onboard.noComposeFileHint', { files: DEFAULT_FILES.join(', ') }),
    });
  }
  const override = OVERRIDE_FILES.map((f) => join(dir, f)).find((f) => existsSync(f));
  return override === undefined ? [main] : [main, override];
}

/** Sequences merged by a key rather than appended (compose-spec 13-merge.md). */
const MERGE_BY: Readonly<Record<string, (item: Json) => string>> = {
  ports: (p) =>
    isObject(p)
      ? `${text(p['published'] ?? '')}:${text(p['target'] ?? '')}/${text(p['protocol'] ?? 'tcp')}`
      : text(p),
  volumes: (v) => (isObject(v) ? text(v['target']) : (text(v).split(':').slice(1, 2)[0] ?? text(v))),
  secrets: (s) => (isObject(s) ? text(s['target'] ?? s['source']) : text(s)),
  configs: (s) => (isObject(s) ? text(s['target'] ?? s['source']) : text(s)),
  expose: (e) => text(e),
  dns: (e) => text(e),
  extra_hosts: (e) => text(e),
  cap_add: (e) => text(e),
  cap_drop: (e) => text(e),
};
/** Keys whose value a later file replaces whole. */
const REPLACE = new Set(['command', 'entrypoint', 'healthcheck.test']);

/** environment, labels, extra_hosts may be lists (KEY=VALUE) or maps: normalised to maps. */
function listToMap(value: Json): Json {
  if (!Array.isArray(value)) return value;
  const out: JsonObject = {};
  for (const item of value) {
    const s = text(item);
    const eq = s.indexOf('=');
    if (eq < 0) out[s] = null;
    else out[s.slice(0, eq)] = s.slice(eq + 1);
  }
  return out;
}

const MAP_LIKE = new Set(['environment', 'labels', 'annotations', 'sysctls']);

function mergeValue(base: Json | undefined, over: Json, path: string): Json {
  if (base === undefined || REPLACE.has(path)) return over;
  const key = path.split('.').pop() ?? '';
  if (path.startsWith('services.') && MAP_LIKE.has(key)) {
    const b = listToMap(base);
    const o = listToMap(over);
    if (isObject(b) && isObject(o)) return { ...b, ...o };
  }
  if (path.startsWith('services.') && key === 'depends_on') {
    const norm = (v: Json): JsonObject =>
      Array.isArray(v)
        ? Object.fromEntries(v.map((s) => [text(s), { condition: 'service_started' }]))
        : isObject(v)
          ? v
          : {};
    return { ...norm(base), ...norm(over) };
  }
  if (Array.isArray(base) && Array.isArray(over)) {
    const by = MERGE_BY[key];
    if (by === undefined) return [...base, ...over];
    const map = new Map<string, Json>();
    for (const item of base) map.set(by(item), item);
    for (const item of over) map.set(by(item), item);
    return [...map.values()];
  }
  if (isObject(base) && isObject(over)) {
    const out: JsonObject = { ...base };
    for (const [k, v] of Object.entries(over))
      out[k] = mergeValue(base[k], v, path === '' ? k : `${path}.${k}`);
    return out;
  }
  return over;
}

function walkInterpolate(
  value: Json,
  path: (string | number)[],
  lookup: (n: string) => string | undefined,
  problems: (InterpolationProblem & { path: (string | number)[] })[],
): Json {
  if (typeof value === 'string') {
    const local: InterpolationProblem[] = [];
    const out = interpolate(value, lookup, local);
    for (const p of local) problems.push({ ...p, path });
    return out;
  }
  if (Array.isArray(value)) return value.map((v, i) => walkInterpolate(v, [...path, i], lookup, problems));
  if (isObject(value)) {
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(value)) {
      // x- extension fields are templates for anchors: not interpolated, not reported.
      out[k] =
        path.length === 0 && k.startsWith('x-') ? v : walkInterpolate(v, [...path, k], lookup, problems);
    }
    return out;
  }
  return value;
}

function recordOrigins(
  value: unknown,
  path: (string | number)[],
  file: string,
  origins: Map<string, string>,
): void {
  origins.set(JSON.stringify(path), file);
  if (Array.isArray(value)) value.forEach((v, i) => recordOrigins(v, [...path, i], file, origins));
  else if (isObject(value))
    for (const [k, v] of Object.entries(value)) recordOrigins(v, [...path, k], file, origins);
}

/** A project name as compose makes it: lower case, [a-z0-9_-]. */
function projectNameFrom(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9_-]/g, '');
}

/**
 * Loads compose files like `docker compose -f a -f b`: each parsed strictly (duplicate keys are
 * errors, `<<` merge keys applied, aliases capped), merged in order, then interpolated from .env
 * files and given variables. Required variables that are missing are errors listing each one.
 */
export async function loadCompose(options: LoadComposeOptions): Promise<ComposeProject> {
  const files =
    options.files.length > 0 ? options.files : defaultComposeFiles(options.workingDir ?? process.cwd());
  if (files.length + (options.envFiles?.length ?? 0) > MAX_FILES) {
    throw new QuaiError('USAGE', msg('onboard.tooManyFiles', { max: MAX_FILES }), {
      hint: msg('onboard.tooManyFilesHint'),
    });
  }
  const read = { ...(options.signal ? { signal: options.signal } : {}) };
  const docs = new Map<string, LocatedDocument>();
  const origins = new Map<string, string>();
  let merged: JsonObject = {};
  for (const file of files) {
    const text = await readInput(file, msg('onboard.what.composeFile'), undefined, read);
    const doc = parseYamlLocated(text, { file, what: msg('onboard.what.composeFile'), merge: true });
    if (!isObject(doc.value)) {
      throw new QuaiError('INPUT_INVALID', msg('onboard.notMapping', { file }), {
        location: { file, line: 1, column: 1 },
        hint: msg('onboard.notMappingHint'),
      });
    }
    const services = doc.value['services'];
    if (isObject(services) && Object.keys(services).length > MAX_SERVICES) {
      throw new QuaiError(
        'INPUT_INVALID',
        msg('onboard.tooManyServices', { file, count: Object.keys(services).length, max: MAX_SERVICES }),
        { location: { file }, hint: msg('onboard.tooManyServicesHint') },
      );
    }
    docs.set(file, doc);
    recordOrigins(doc.value, [], file, origins);
    merged = mergeValue(merged, doc.value, '') as JsonObject;
  }
  const first = files[0] ?? '.';
  const dir = dirname(resolve(first));
  const locate = (path: readonly (string | number)[]): Location => {
    for (let n = path.length; n >= 0; n--) {
      const file = origins.get(JSON.stringify(path.slice(0, n)));
      if (file === undefined) continue;
      const pos = docs.get(file)?.locate(path.slice(0, n));
      return { file, ...(pos ? { line: pos.line, column: pos.column } : {}), path: formatPath(path) };
    }
    return { file: first, path: formatPath(path) };
  };
  // Variables, as docker compose resolves them: .env files < the shell (if asked) < --env values.
  // Values inside .env files are interpolated from the shell, earlier files and earlier lines.
  const shell = new Map<string, string>();
  if (options.shellEnv)
    for (const [k, v] of Object.entries(options.shellEnv)) if (v !== undefined) shell.set(k, v);
  const explicit = new Map(Object.entries(options.env ?? {}));
  const vars = new Map<string, string>();
  const outer = (n: string): string | undefined => explicit.get(n) ?? shell.get(n) ?? vars.get(n);
  const envFiles = options.envFiles ?? (existsSync(resolve(dir, '.env')) ? [resolve(dir, '.env')] : []);
  for (const f of envFiles)
    for (const [k, v] of parseDotEnv(await readInput(f, msg('onboard.what.envFile'), undefined, read), outer))
      vars.set(k, v);
  for (const [k, v] of shell) vars.set(k, v);
  for (const [k, v] of explicit) vars.set(k, v);
  const problems: (InterpolationProblem & { path: (string | number)[] })[] = [];
  const model = walkInterpolate(merged, [], (n) => vars.get(n), problems) as JsonObject;
  const variables: VariableProblem[] = problems.map((p) => ({
    kind: p.kind,
    variable: p.variable,
    message: p.message,
    location: locate(p.path),
  }));
  const missing = variables.filter((v) => v.kind === 'missing-required' || v.kind === 'syntax');
  if (missing.length > 0) {
    const names = [...new Set(missing.map((m) => m.variable))].filter((n) => n !== '');
    throw new QuaiError(
      'INPUT_INVALID',
      msg('onboard.interpolation', {
        files: files.length,
        count: missing.length,
        problems: missing
          .map((m) =>
            msg('onboard.interpolationProblem', {
              file: m.location.file ?? '',
              line: m.location.line ?? '?',
              column: m.location.column ?? '?',
              reason: m.message,
            }),
          )
          .reduce((all: Message, next) => msg('onboard.lines', { all, next })),
      }),
      {
        ...(missing[0] ? { location: missing[0].location } : {}),
        hint:
          names.length > 0
            ? msg('onboard.interpolationSetHint', { names: names.join(', ') })
            : msg('onboard.interpolationSyntaxHint', { syntax: '${...}' }),
        details: { missingVariables: names },
      },
    );
  }
  // Profiles: a service with profiles runs only when one of them is enabled (compose-spec 15-profiles.md).
  const active = new Set(
    options.profiles ??
      (vars.get('COMPOSE_PROFILES') ?? '')
        .split(',')
        .map((p) => p.trim())
        .filter((p) => p !== ''),
  );
  const disabled: { service: string; profiles: string[] }[] = [];
  const services = model['services'];
  if (isObject(services)) {
    for (const [key, svc] of Object.entries(services)) {
      const profiles =
        isObject(svc) && Array.isArray(svc['profiles']) ? svc['profiles'].map((p) => text(p)) : [];
      if (profiles.length === 0 || active.has('*') || profiles.some((p) => active.has(p))) continue;
      disabled.push({ service: key, profiles });
      delete services[key];
    }
  }
  const named = typeof model['name'] === 'string' && model['name'] !== '' ? model['name'] : undefined;
  const name = projectNameFrom(options.projectName ?? named ?? dir.split('/').pop() ?? 'app');
  return {
    name,
    dir,
    files,
    model,
    locate,
    variables,
    environment: vars,
    readPolicy: createReadPolicy(dir, options.allowRead),
    disabled,
    ...(options.home !== undefined ? { home: options.home } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  };
}
