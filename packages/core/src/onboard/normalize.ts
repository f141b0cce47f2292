import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { isAbsolute, posix, resolve } from 'node:path';
import { msg } from '@quai/contracts';
import { QuaiError, type Location } from '../errors/index.js';
import { MAX_INPUT_BYTES } from '../model/index.js';
import type { ComposeProject, Json, JsonObject } from './compose-file.js';
import { isObject, text } from './compose-file.js';
import { parseDotEnv } from './interpolate.js';
import { shellSplit } from './quantities.js';

/**
 * How Quai reads each compose construct (ports, volumes, environment, depends_on, commands), in
 * one place: the conversion uses these functions, and the compose-semantics test compares their
 * result, project by project, with compose-go's loader (what `docker compose config` prints).
 */

export function str(v: Json | undefined): string | undefined {
  return v === undefined || v === null ? undefined : typeof v === 'string' ? v : text(v);
}

export function asList(v: Json | undefined): Json[] {
  return Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
}

/** `environment` as a list (`KEY=VALUE`, `KEY`) or a mapping (`KEY:` with no value is null). */
export function envMap(value: Json | undefined): Map<string, string | null> {
  const out = new Map<string, string | null>();
  if (Array.isArray(value)) {
    for (const item of value) {
      const s = text(item);
      const eq = s.indexOf('=');
      out.set(eq < 0 ? s : s.slice(0, eq), eq < 0 ? null : s.slice(eq + 1));
    }
  } else if (isObject(value)) {
    for (const [k, v] of Object.entries(value)) out.set(k, v === null ? null : text(v));
  }
  return out;
}

export interface PortSpec {
  target: number;
  published?: string;
  hostIp?: string;
  protocol: 'TCP' | 'UDP';
}

/** One `ports` entry: short syntax (`[IP:][HOST:]CONTAINER[/udp]`, ranges) or long syntax. */
export function parsePorts(value: Json): PortSpec[] | undefined {
  if (isObject(value)) {
    const target = Number(value['target']);
    if (!Number.isInteger(target)) return undefined;
    const published = str(value['published']);
    const hostIp = str(value['host_ip']);
    return [
      {
        target,
        ...(published ? { published } : {}),
        ...(hostIp ? { hostIp } : {}),
        protocol: text(value['protocol'] ?? 'tcp').toLowerCase() === 'udp' ? 'UDP' : 'TCP',
      },
    ];
  }
  const s = text(value);
  const m =
    /^(?:(\[[^\]]+\]|\d{1,3}(?:\.\d{1,3}){3}|localhost|):)?(?:([\d-]*):)?([\d-]+)(?:\/(tcp|udp))?$/i.exec(s);
  if (m === null) return undefined;
  const hostIp = m[1]?.replace(/^\[|\]$/g, '') || undefined;
  const published = m[2] === '' ? undefined : m[2];
  const protocol = (m[4] ?? 'tcp').toLowerCase() === 'udp' ? 'UDP' : 'TCP';
  const range = (m[3] ?? '').split('-').map(Number);
  const [lo, hi] = [range[0] ?? NaN, range[1] ?? range[0] ?? NaN];
  if (!Number.isInteger(lo) || !Number.isInteger(hi) || hi < lo || hi - lo > 100) return undefined;
  const pubRange = published?.split('-').map(Number);
  const out: PortSpec[] = [];
  for (let p = lo; p <= hi; p++) {
    const pub = pubRange && pubRange.length === 2 ? text((pubRange[0] ?? 0) + (p - lo)) : published;
    out.push({ target: p, ...(pub ? { published: pub } : {}), ...(hostIp ? { hostIp } : {}), protocol });
  }
  return out;
}

export interface VolumeSpec {
  /** volume (named or anonymous), bind (host path), tmpfs. */
  readonly type: string;
  /** Named volume name, or the host path as written (`~` not expanded). */
  readonly source?: string;
  readonly target: string;
  readonly readOnly: boolean;
}

/** A mount target as compose cleans it: `/var/www/html/config/` is `/var/www/html/config`. */
export function cleanTarget(target: string): string {
  if (target === '') return target;
  const cleaned = posix.normalize(target);
  return cleaned.length > 1 ? cleaned.replace(/\/+$/, '') : cleaned;
}

/**
 * One `volumes` entry. Short syntax `SOURCE:TARGET[:MODE]`: a source starting with `.`, `/` or
 * `~` is a host path (bind), anything else a named volume; `TARGET` alone is anonymous.
 */
export function parseVolume(v: Json): VolumeSpec {
  if (isObject(v)) {
    const source = str(v['source']);
    return {
      type: str(v['type']) ?? 'volume',
      ...(source !== undefined && source !== '' ? { source } : {}),
      target: cleanTarget(str(v['target']) ?? ''),
      readOnly: v['read_only'] === true,
    };
  }
  const parts = text(v).split(':');
  if (parts.length === 1) return { type: 'volume', target: cleanTarget(parts[0] ?? ''), readOnly: false };
  const source = parts[0] ?? '';
  return {
    type: /^[./~]/.test(source) ? 'bind' : 'volume',
    ...(source !== '' ? { source } : {}),
    target: cleanTarget(parts[1] ?? ''),
    readOnly: (parts[2] ?? '').split(',').includes('ro'),
  };
}

/**
 * `depends_on` as a list or a mapping: service -> condition; `links` and `network_mode:
 * service:X` are dependencies too (compose starts the linked service first).
 */
export function parseDependsOn(value: Json | undefined, service?: JsonObject): [string, string][] {
  const out = parseDependsOnOnly(value);
  const extra = [
    ...asList(service?.['links']).map((l) => text(l).split(':')[0] ?? ''),
    ...(str(service?.['network_mode'])?.startsWith('service:')
      ? [str(service?.['network_mode'])?.slice('service:'.length) ?? '']
      : []),
  ];
  for (const t of extra) if (t !== '' && !out.some(([k]) => k === t)) out.push([t, 'service_started']);
  return out;
}

function parseDependsOnOnly(value: Json | undefined): [string, string][] {
  return Array.isArray(value)
    ? value.map((d) => [text(d), 'service_started'])
    : isObject(value)
      ? Object.entries(value).map(([k, v]) => [
          k,
          isObject(v) ? (str(v['condition']) ?? 'service_started') : 'service_started',
        ])
      : [];
}

/** `command` / `entrypoint`: a string is split like a shell would, a list kept. */
export function commandList(v: Json | undefined): string[] | undefined {
  return typeof v === 'string' ? shellSplit(v) : Array.isArray(v) ? v.map(String) : undefined;
}

/** Reads a regular file of at most `limit` bytes (a FIFO or device is never read). */
export function readFileBounded(path: string, limit: number): string | undefined {
  const st = statSync(path);
  if (!st.isFile() || st.size > limit) return undefined;
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(Math.min(st.size, limit) + 1);
    let n = 0;
    for (;;) {
      const r = readSync(fd, buf, n, buf.length - n, null);
      if (r === 0) break;
      n += r;
      if (n > limit) return undefined;
    }
    return buf.subarray(0, n).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

export interface ServiceEnvironment {
  /** Every variable: env_file values, then `environment` (which wins). null: listed without a value. */
  readonly listed: ReadonlyMap<string, string | null>;
  /** Each env_file entry: read, or optional and missing. */
  readonly files: readonly { readonly index: number; readonly path: string; readonly read: boolean }[];
}

/**
 * A service's variables as compose builds them: env_file files in order (parsed and interpolated
 * like .env), then `environment`. Only files under the project folder (or --allow-read) are read.
 */
export function serviceEnvironment(
  project: ComposeProject,
  key: string,
  raw: JsonObject,
  at: (path: (string | number)[]) => Location,
): ServiceEnvironment {
  const base = ['services', key];
  const fromFiles = new Map<string, string>();
  const files: { index: number; path: string; read: boolean }[] = [];
  const lookup = (n: string): string | undefined => project.environment.get(n);
  asList(raw['env_file']).forEach((f, i) => {
    const path = isObject(f) ? str(f['path']) : str(f);
    const required = isObject(f) ? f['required'] !== false : true;
    if (path === undefined) return;
    const full = isAbsolute(path) ? path : resolve(project.dir, path);
    const real = project.readPolicy.check(
      full,
      msg('onboard.what.envFileOf', { service: key }),
      at([...base, 'env_file', i]),
    );
    if (real === undefined) {
      if (required)
        throw new QuaiError('INPUT_INVALID', msg('onboard.envFileMissing', { path, service: key, full }), {
          location: at([...base, 'env_file', i]),
          hint: msg('onboard.envFileMissingHint'),
        });
      files.push({ index: i, path, read: false });
      return;
    }
    const content = readFileBounded(real, MAX_INPUT_BYTES);
    if (content === undefined) {
      throw new QuaiError(
        'INPUT_INVALID',
        msg('onboard.envFileNotRegular', { path, service: key, max: MAX_INPUT_BYTES / 1048576 }),
        { location: at([...base, 'env_file', i]), hint: msg('onboard.envFileNotRegularHint') },
      );
    }
    for (const [k, v] of parseDotEnv(content, lookup)) fromFiles.set(k, v);
    files.push({ index: i, path, read: true });
  });
  return { listed: new Map<string, string | null>([...fromFiles, ...envMap(raw['environment'])]), files };
}

/** A service as compose resolves it, in the shape the compose-semantics test compares. */
export interface NormalizedService {
  readonly image?: string;
  readonly environment: Readonly<Record<string, string | null>>;
  readonly ports: readonly string[];
  readonly volumes: readonly string[];
  readonly dependsOn: Readonly<Record<string, string>>;
  readonly networks: readonly string[];
  readonly command?: readonly string[];
  readonly entrypoint?: readonly string[];
  readonly user?: string;
  readonly restart?: string;
  readonly containerName?: string;
}

/**
 * Quai's reading of a loaded project, normalised: variables listed without a value resolved from
 * the project's environment (still null when nothing sets them), host paths absolute, ports as
 * `IP:PUBLISHED:TARGET/PROTOCOL`, volumes as `TYPE:SOURCE:TARGET[:ro]`.
 */
export function normalizeProject(project: ComposeProject): Record<string, NormalizedService> {
  const services = isObject(project.model['services']) ? project.model['services'] : {};
  const out: Record<string, NormalizedService> = {};
  for (const [key, value] of Object.entries(services)) {
    if (!isObject(value)) continue;
    const env = serviceEnvironment(project, key, value, (p) => project.locate(p));
    const environment: Record<string, string | null> = {};
    for (const [k, v] of env.listed) environment[k] = v ?? project.environment.get(k) ?? null;
    const nets = value['networks'];
    const mode = str(value['network_mode']);
    out[key] = {
      ...(str(value['image']) !== undefined ? { image: str(value['image']) as string } : {}),
      environment,
      ports: asList(value['ports'])
        .flatMap((p) => parsePorts(p) ?? [])
        .map((p) => `${p.hostIp ?? ''}:${p.published ?? ''}:${p.target}/${p.protocol.toLowerCase()}`)
        .sort(),
      volumes: [
        ...new Map(
          asList(value['volumes'])
            .map((v) => parseVolume(v))
            .map((v) => [v.target, v] as const),
        ).values(),
      ]
        .map((v) => {
          const source =
            v.type === 'bind' && v.source !== undefined
              ? resolve(project.dir, v.source.replace(/^~(?=\/|$)/, project.home ?? '~'))
              : (v.source ?? '');
          return `${v.type}:${source}:${v.target}${v.readOnly ? ':ro' : ''}`;
        })
        .sort(),
      dependsOn: Object.fromEntries(parseDependsOn(value['depends_on'], value)),
      networks:
        mode !== undefined
          ? []
          : (isObject(nets)
              ? Object.keys(nets)
              : Array.isArray(nets)
                ? nets.map((n) => text(n))
                : ['default']
            ).sort(),
      ...(commandList(value['command']) ? { command: commandList(value['command']) as string[] } : {}),
      ...(commandList(value['entrypoint'])
        ? { entrypoint: commandList(value['entrypoint']) as string[] }
        : {}),
      ...(str(value['user']) !== undefined ? { user: str(value['user']) as string } : {}),
      ...(str(value['restart']) !== undefined ? { restart: str(value['restart']) as string } : {}),
      ...(str(value['container_name']) !== undefined
        ? { containerName: str(value['container_name']) as string }
        : {}),
    };
  }
  return out;
}
