import { statSync } from 'node:fs';
import { basename, extname, isAbsolute, relative, resolve } from 'node:path';
import {
  AppSpec,
  type Component,
  type ConfigFile,
  type Job,
  type Probe,
  type SecurityException,
  type Volume,
} from '@quai/contracts';
import { msg, type Message } from '@quai/contracts';
import { QuaiError, type Location } from '../errors/index.js';
import { looksSecret } from '../model/index.js';
import type { ComposeProject, Json, JsonObject } from './compose-file.js';
import { isObject, text } from './compose-file.js';
import { DROPPED_SERVICE_KEYS, HANDLED_SERVICE_KEYS, REFUSED_SERVICE_KEYS, TOP_LEVEL_KEYS } from './keys.js';
import {
  asList,
  cleanTarget,
  commandList,
  envMap,
  parseDependsOn,
  parsePorts,
  parseVolume,
  readFileBounded,
  serviceEnvironment,
  str,
} from './normalize.js';
import { cpuQuantity, durationSeconds, memoryQuantity } from './quantities.js';
import { compareText } from '../util/index.js';

export type EntryStatus = 'mapped' | 'approximated' | 'dropped' | 'refused';

/**
 * One line of the conversion report: a compose key and what became of it. `code` names the kind
 * of entry (the id of its message, stable for scripts); `detail` is the message, shown in the
 * reader's language (as text with `-o json`, with its id and parameters through the HTTP API).
 */
export interface ReportEntry {
  readonly key: string;
  readonly service?: string;
  readonly status: EntryStatus;
  readonly code: string;
  readonly detail: Message;
  readonly location: Location;
}

export interface ConversionReport {
  readonly project: string;
  readonly files: readonly string[];
  readonly entries: readonly ReportEntry[];
  /** Variables used but not set (replaced by empty strings, as compose does). */
  readonly undefinedVariables: readonly { readonly variable: string; readonly location: Location }[];
  /**
   * Required inputs: variables a service lists without a value (`- DB_PASSWORD`) that no .env
   * file, --env-file, --env or shell sets. Compose would start the container without them.
   */
  readonly unsetVariables: readonly {
    readonly variable: string;
    readonly service: string;
    readonly location: Location;
  }[];
  /** What Quai assumed and the user must check (files that do not exist here, inferred peers, ...). */
  readonly assumptions: readonly Message[];
  /** Secrets the app needs: names and keys; their values are written apart, never in the spec. */
  readonly secrets: readonly { readonly secret: string; readonly keys: readonly string[] }[];
  readonly renamed: readonly { readonly from: string; readonly to: string }[];
  readonly summary: Readonly<Record<EntryStatus, number>>;
}

export interface ImportResult {
  readonly spec: AppSpec;
  readonly report: ConversionReport;
  /** Secret values by Secret name then key: to be stored apart (0600), never committed. */
  readonly secretValues: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

export interface ConvertOptions {
  readonly appName?: string;
  readonly team?: string;
  /**
   * `compose` (default): services sharing a compose network may reach each other, as in compose.
   * `strict`: only declared dependencies and inferred references are allowed.
   */
  readonly networkPolicy?: 'compose' | 'strict';
  /** Health checks read from the images (`imageHealthchecks`), by image reference. */
  readonly imageHealthchecks?: ReadonlyMap<string, readonly string[]>;
}

const HTTP_PORTS = new Set([
  80, 443, 3000, 4000, 5000, 5001, 8000, 8008, 8080, 8081, 8088, 8443, 8484, 8888, 9000, 9090, 22300,
]);
const NON_HTTP_PORTS = new Set([
  20, 21, 22, 25, 990, 5054, 53, 110, 143, 389, 465, 587, 636, 993, 995, 1433, 1521, 1883, 3306, 5432, 5672,
  6379, 9042, 11211, 27017, 61616,
]);
const SECRET_FILE =
  /(\.key|\.pem|\.p12|\.pfx|\.jks|\.keystore|password|passwd|secret|token|credentials?)($|\.)/i;

/** `app-name`, unless the name already starts with the app's name. */
function scoped(app: string, name: string): string {
  return name === app || name.startsWith(`${app}-`) ? name : `${app}-${name}`;
}

/** A valid DNS-1123 label made from a compose name. */
export function dnsName(name: string): string {
  const s = name
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '');
  return s === '' ? 'app' : s;
}

interface ServiceState {
  readonly name: string;
  readonly key: string;
  readonly raw: JsonObject;
  asJob: boolean;
}

/** Extensions of files (configuration, keys, certificates) that are never folders. */
const FILE_EXTENSIONS = new Set([
  '.conf',
  '.cfg',
  '.cnf',
  '.ini',
  '.yml',
  '.yaml',
  '.json',
  '.xml',
  '.toml',
  '.properties',
  '.env',
  '.txt',
  '.sh',
  '.php',
  '.js',
  '.lua',
  '.py',
  '.rb',
  '.sql',
  '.vhost',
  '.htpasswd',
  '.html',
  '.csv',
  '.pem',
  '.key',
  '.crt',
  '.cert',
  '.cer',
  '.der',
  '.p12',
  '.pfx',
  '.jks',
  '.keystore',
  '.p8',
  '.pub',
  '.acl',
]);

/** True when a path names a file rather than a folder (`nginx.conf`, `privkey.pem`), by its name. */
function looksLikeFile(source: string, target: string): boolean {
  if (source.endsWith('/') || target.endsWith('/')) return false;
  const ext = extname(basename(source)).toLowerCase();
  const targetExt = extname(basename(target)).toLowerCase();
  return FILE_EXTENSIONS.has(ext) || (ext !== '' && ext === targetExt && /^\.[a-z0-9]{1,10}$/.test(ext));
}

/** A host folder bind-mounted by one or more services: one claim for all of them. */
interface HostFolder {
  readonly name: string;
  readonly users: string[];
}

class Converter {
  readonly entries: ReportEntry[] = [];
  readonly secretValues: Record<string, Record<string, string>> = {};
  readonly renamed: { from: string; to: string }[] = [];
  readonly unset: { variable: string; service: string; location: Location }[] = [];
  readonly assumptions: Message[] = [];
  /** Host folders by resolved path: a folder shared by several services is one claim. */
  readonly hostFolders = new Map<string, HostFolder>();
  /** Old names (services, aliases) that references in values must be rewritten from. */
  readonly rewrites = new Map<string, string>();
  private readonly names = new Map<string, string>();
  private readonly usedVolumeNames = new Set<string>();
  /** Compose services by key, and the keys that became one-shot jobs. */
  readonly services = new Map<string, JsonObject>();
  readonly jobs = new Set<string>();
  imageHealthchecks: ReadonlyMap<string, readonly string[]> = new Map();

  constructor(
    readonly project: ComposeProject,
    readonly app: string,
    readonly options: ConvertOptions = {},
  ) {}

  /** The claim name of a host folder, unique per resolved path, shared by every service using it. */
  hostFolder(path: string, service: string): HostFolder {
    const existing = this.hostFolders.get(path);
    if (existing) {
      if (!existing.users.includes(service)) existing.users.push(service);
      return existing;
    }
    // Named from the path as the compose file sees it, so the name does not depend on where the
    // project folder sits: ./data/db is data-db, /srv/app/db is app-db, .. is parent.
    const rel = relative(this.project.dir, path);
    const parts = (isAbsolute(rel) ? path : rel)
      .split('/')
      .filter((p) => p !== '' && p !== '.' && p !== '..');
    const stem = dnsName(parts.slice(-2).join('-') || (rel.startsWith('..') ? 'parent' : 'data'));
    let name = stem;
    for (let i = 2; this.usedVolumeNames.has(name); i++) name = `${stem.slice(0, 58)}-${i}`;
    this.usedVolumeNames.add(name);
    const folder = { name, users: [service] };
    this.hostFolders.set(path, folder);
    return folder;
  }

  /** Reserves a volume name (named volumes keep theirs; host folders avoid them). */
  reserveVolumeName(name: string): void {
    this.usedVolumeNames.add(name);
  }

  at(path: (string | number)[]): Location {
    return this.project.locate(path);
  }

  add(path: (string | number)[], status: EntryStatus, detail: Message, service?: string): void {
    const key = path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
    this.entries.push({
      key,
      ...(service ? { service } : {}),
      status,
      code: detail.id,
      detail,
      location: this.at(path),
    });
  }

  nameOf(service: string): string {
    return this.names.get(service) ?? dnsName(service);
  }

  /**
   * Kubernetes names for compose services: a name that is already a DNS label keeps it; the
   * others are renamed around them (`Web.Front` becomes `web-front-2` when `web-front` exists,
   * never the other way round).
   */
  assignNames(services: string[]): void {
    const used = new Set<string>();
    for (const s of services) {
      if (dnsName(s) === s) {
        used.add(s);
        this.names.set(s, s);
      }
    }
    for (const s of services) {
      if (this.names.has(s)) continue;
      let n = dnsName(s);
      for (let i = 2; used.has(n); i++) n = `${dnsName(s).slice(0, 60)}-${i}`;
      used.add(n);
      this.names.set(s, n);
      this.renamed.push({ from: s, to: n });
      this.rewrites.set(s, n);
    }
  }

  secret(name: string, key: string, value: string): { secret: string; key: string } {
    const values = (this.secretValues[name] ??= {});
    values[key] = value;
    return { secret: name, key };
  }
}

function portName(port: number, protocol: 'TCP' | 'UDP', used: Set<string>): string {
  let name =
    protocol === 'UDP'
      ? `udp-${port}`
      : port === 443 || port === 8443
        ? 'https'
        : HTTP_PORTS.has(port)
          ? 'http'
          : `tcp-${port}`;
  if (used.has(name)) name = `${protocol.toLowerCase()}-${port}`;
  used.add(name);
  return name.slice(0, 15);
}

/** An HTTP probe from `curl`/`wget` of localhost, else an exec probe. */
function probeFromTest(test: Json): Probe | undefined {
  let argv: string[];
  if (typeof test === 'string') argv = ['CMD-SHELL', test];
  else if (Array.isArray(test)) argv = test.map(String);
  else return undefined;
  const kind = argv[0];
  if (kind === 'NONE') return undefined;
  const cmd = kind === 'CMD-SHELL' ? (argv[1] ?? '') : argv.slice(1).join(' ');
  const url =
    /\b(?:curl|wget)\b[^|;&]*?\bhttps?:\/\/(?:localhost|127\.0\.0\.1|0\.0\.0\.0)(?::(\d+))?(\/[^\s'"|;&]*)?/.exec(
      cmd,
    );
  if (url && !/\|\||&&|;|\|/.test(cmd.replace(/\|\|\s*exit\s+1\s*$/, ''))) {
    const port = Number(url[1] ?? (cmd.includes('https://') ? 443 : 80));
    return { http: { path: url[2] ?? '/', port } };
  }
  const command = kind === 'CMD-SHELL' ? ['sh', '-c', argv[1] ?? ''] : kind === 'CMD' ? argv.slice(1) : argv;
  return { exec: { command } };
}

function convertService(
  c: Converter,
  s: ServiceState,
  topVolumes: JsonObject,
  topSecrets: JsonObject,
  topConfigs: JsonObject,
  volumeUsers: Map<string, string[]>,
): Component | Job {
  const raw = s.raw;
  const base = ['services', s.key];
  const name = s.name;
  const w: Record<string, unknown> = {};
  const exceptions: SecurityException[] = [];
  const volumes: Volume[] = [];
  const configFiles: ConfigFile[] = [];
  const env: Record<string, string> = {};
  const secretEnv: Record<string, { secret: string; key: string }> = {};
  const envSecret = dnsName(`${scoped(c.app, name)}-env`);
  const justify = (what: string): string =>
    `Imported from the compose file (${what}); review before production.`;

  const image = str(raw['image']);
  if (raw['build'] !== undefined) {
    c.add(
      [...base, 'build'],
      'refused',
      image ? msg('onboard.entry.buildPush', { image }) : msg('onboard.entry.buildPlaceholder'),
      name,
    );
  }
  if (image) {
    const tag = image.includes('@') ? '@digest' : image.slice(image.lastIndexOf('/') + 1).split(':')[1];
    c.add(
      [...base, 'image'],
      tag === undefined || tag === 'latest' ? 'approximated' : 'mapped',
      tag === undefined || tag === 'latest'
        ? msg(tag ? 'onboard.entry.imageLatest' : 'onboard.entry.imageUntagged', { image })
        : msg('onboard.entry.image', { image }),
      name,
    );
  }
  w['image'] = image ?? `registry.example.invalid/${c.app}/${name}:CHANGE-ME`;

  const entrypoint = commandList(raw['entrypoint']);
  if (entrypoint) {
    w['command'] = entrypoint;
    c.add([...base, 'entrypoint'], 'mapped', msg('onboard.entry.entrypoint'), name);
  }
  const command = commandList(raw['command']);
  if (command) {
    w['args'] = command;
    c.add([...base, 'command'], 'mapped', msg('onboard.entry.command'), name);
  }
  if (raw['working_dir'] !== undefined) {
    w['workingDir'] = str(raw['working_dir']);
    c.add([...base, 'working_dir'], 'mapped', msg('onboard.entry.workingDir'), name);
  }

  // Environment: env_file first, then environment (which wins), as compose does.
  const envs = serviceEnvironment(c.project, s.key, raw, (p) => c.at(p));
  for (const f of envs.files)
    c.add(
      [...base, 'env_file', f.index],
      f.read ? 'mapped' : 'dropped',
      f.read
        ? msg('onboard.entry.envFile', { path: f.path, secret: envSecret })
        : msg('onboard.entry.envFileMissing', { path: f.path }),
      name,
    );
  const environment = envMap(raw['environment']);
  const allEnv = envs.listed;
  // Where a variable sits: a list item by its index, a mapping entry by its key.
  const envPath = (key: string): (string | number)[] => {
    const list = raw['environment'];
    if (!Array.isArray(list)) return [...base, 'environment', key];
    const i = list.findIndex((item) => text(item) === key || text(item).startsWith(`${key}=`));
    return [...base, 'environment', i < 0 ? key : i];
  };
  let secretCount = 0;
  let fromProject = 0;
  for (const [key, listed] of allEnv) {
    let value = listed;
    if (value === null) {
      // `- KEY` or `KEY:` takes the value the project's environment has (.env, --env-file, --env,
      // the shell with --use-shell-env), exactly as docker compose does.
      const resolved = c.project.environment.get(key);
      if (resolved === undefined) {
        c.unset.push({ variable: key, service: name, location: c.at(envPath(key)) });
        c.add(envPath(key), 'dropped', msg('onboard.entry.envUnset', { key }), name);
        continue;
      }
      value = resolved;
      fromProject++;
    }
    if (looksSecret(key, value)) {
      secretEnv[key] = c.secret(envSecret, key, value);
      secretCount++;
    } else {
      env[key] = value;
    }
  }
  if (raw['environment'] !== undefined) {
    c.add(
      [...base, 'environment'],
      'mapped',
      msg('onboard.entry.environment', {
        count: environment.size,
        fromProject:
          fromProject > 0 ? msg('onboard.entry.environmentFromProject', { count: fromProject }) : '',
        secrets:
          secretCount > 0
            ? msg('onboard.entry.environmentSecrets', { count: secretCount, secret: envSecret })
            : '',
      }),
      name,
    );
  }

  // Ports.
  const ports: { name: string; port: number; protocol: 'TCP' | 'UDP' }[] = [];
  const usedNames = new Set<string>();
  const addPort = (target: number, protocol: 'TCP' | 'UDP'): string => {
    const existing = ports.find((p) => p.port === target && p.protocol === protocol);
    if (existing) return existing.name;
    const n = portName(target, protocol, usedNames);
    ports.push({ name: n, port: target, protocol });
    return n;
  };
  const expose: { host: string; path: string; port: string; tls: boolean }[] = [];
  // A port also published as UDP (DNS, VoIP, QUIC) is not plain HTTP.
  const udpPorts = new Set(
    asList(raw['ports'])
      .flatMap((p) => parsePorts(p) ?? [])
      .filter((p) => p.protocol === 'UDP')
      .map((p) => p.target),
  );
  asList(raw['ports']).forEach((p, i) => {
    const specs = parsePorts(p);
    if (specs === undefined) {
      throw new QuaiError(
        'INPUT_INVALID',
        msg('onboard.badPort', { port: JSON.stringify(p), service: s.key }),
        {
          location: c.at([...base, 'ports', i]),
          hint: msg('onboard.badPortHint'),
        },
      );
    }
    for (const ps of specs) {
      const pn = addPort(ps.target, ps.protocol);
      if (ps.hostIp === '127.0.0.1' || ps.hostIp === '::1' || ps.hostIp === 'localhost') {
        c.add(
          [...base, 'ports', i],
          'approximated',
          msg('onboard.entry.portHostIp', { port: ps.target, ip: ps.hostIp ?? '', service: name }),
          name,
        );
      } else if (ps.published === undefined) {
        c.add(
          [...base, 'ports', i],
          'mapped',
          msg('onboard.entry.portInternal', { port: ps.target, service: name }),
          name,
        );
      } else if (
        ps.protocol === 'TCP' &&
        specs.length === 1 &&
        !udpPorts.has(ps.target) &&
        !NON_HTTP_PORTS.has(ps.target) &&
        !NON_HTTP_PORTS.has(Number(ps.published))
      ) {
        const host = expose.length === 0 ? name : `${name}-${ps.target}`;
        expose.push({ host: dnsName(scoped(c.app, host)), path: '/', port: pn, tls: true });
        c.add(
          [...base, 'ports', i],
          'approximated',
          msg('onboard.entry.portIngress', { published: ps.published ?? '', port: ps.target, service: name }),
          name,
        );
      } else {
        c.add(
          [...base, 'ports', i],
          'approximated',
          msg('onboard.entry.portNotHttp', {
            published: ps.published ?? '',
            port: ps.target,
            protocol: ps.protocol.toLowerCase(),
            range: specs.length > 1 ? msg('onboard.entry.portRange') : '',
            service: name,
          }),
          name,
        );
      }
    }
  });
  asList(raw['expose']).forEach((e, i) => {
    const [port, proto] = text(e).split('/');
    const n = Number(port);
    if (Number.isInteger(n)) {
      addPort(n, proto === 'udp' ? 'UDP' : 'TCP');
      c.add([...base, 'expose', i], 'mapped', msg('onboard.entry.expose', { port: n, service: name }), name);
    }
  });

  // Health check -> readiness and liveness probes.
  const imageTest = image === undefined ? undefined : c.imageHealthchecks.get(image);
  const hc: Json | undefined =
    (raw['healthcheck'] === undefined ||
      (isObject(raw['healthcheck']) && raw['healthcheck']['test'] === undefined)) &&
    imageTest !== undefined &&
    !(isObject(raw['healthcheck']) && raw['healthcheck']['disable'] === true)
      ? { ...(isObject(raw['healthcheck']) ? raw['healthcheck'] : {}), test: [...imageTest] }
      : raw['healthcheck'];
  if (imageTest !== undefined && hc !== raw['healthcheck'])
    c.add(
      [...base, raw['healthcheck'] === undefined ? 'image' : 'healthcheck'],
      'approximated',
      msg('onboard.entry.imageHealthcheck', { test: imageTest.join(' ') }),
      name,
    );
  if (isObject(hc)) {
    if (hc['disable'] === true || (Array.isArray(hc['test']) && hc['test'][0] === 'NONE')) {
      c.add([...base, 'healthcheck'], 'mapped', msg('onboard.entry.healthcheckDisabled'), name);
    } else if (hc['test'] === undefined) {
      c.add([...base, 'healthcheck'], 'approximated', msg('onboard.entry.healthcheckInImage'), name);
    } else {
      const p = probeFromTest(hc['test']);
      if (p) {
        const period = hc['interval'] !== undefined ? durationSeconds(str(hc['interval']) ?? '') : undefined;
        const timeout = hc['timeout'] !== undefined ? durationSeconds(str(hc['timeout']) ?? '') : undefined;
        const retries = typeof hc['retries'] === 'number' ? hc['retries'] : undefined;
        const start =
          hc['start_period'] !== undefined ? durationSeconds(str(hc['start_period']) ?? '') : undefined;
        const probe: Probe = {
          ...p,
          ...(period ? { periodSeconds: period } : {}),
          ...(timeout ? { timeoutSeconds: timeout } : {}),
          ...(retries ? { failureThreshold: retries } : {}),
        };
        w['probes'] = {
          readiness: probe,
          liveness: { ...probe, ...(start ? { initialDelaySeconds: start } : {}) },
        };
        if (p.http) addPort(p.http.port as number, 'TCP');
        c.add(
          [...base, 'healthcheck'],
          'mapped',
          p.http
            ? msg('onboard.entry.httpProbes', { port: text(p.http.port), path: p.http.path })
            : msg('onboard.entry.execProbes'),
          name,
        );
      }
    }
  }

  // Dependencies.
  const deps: { component: string; condition: 'started' | 'healthy' | 'completed' }[] = [];
  const dependsOn = raw['depends_on'];
  const depEntries = parseDependsOn(dependsOn);
  for (const [target, condition] of depEntries) {
    const targetRaw = c.services.get(target);
    const isJob = c.jobs.has(target);
    let changed = false;
    let cond: 'started' | 'healthy' | 'completed' =
      condition === 'service_healthy'
        ? 'healthy'
        : condition === 'service_completed_successfully'
          ? 'completed'
          : 'started';
    if (isJob && cond !== 'completed') {
      cond = 'completed';
      changed = true;
      c.add(
        [...base, 'depends_on', target],
        'approximated',
        msg('onboard.entry.dependsOnTask', {
          target: c.nameOf(target),
          restart: text(targetRaw?.['restart'] ?? 'no'),
          service: name,
          condition,
        }),
        name,
      );
    }
    deps.push({ component: c.nameOf(target), condition: cond });
    if (changed) continue;
    if (cond === 'healthy') {
      const hc = targetRaw?.['healthcheck'];
      const declared = isObject(hc) && hc['test'] !== undefined && hc['disable'] !== true;
      const targetImage = str(targetRaw?.['image']);
      const fromImage = targetImage === undefined ? undefined : c.imageHealthchecks.get(targetImage);
      if (!declared) {
        c.assumptions.push(
          msg(fromImage ? 'onboard.assume.healthFromImage' : 'onboard.assume.healthMissing', {
            service: name,
            target: c.nameOf(target),
          }),
        );
        c.add(
          [...base, 'depends_on', target],
          'approximated',
          fromImage
            ? msg('onboard.entry.dependsOnImageHealth', {
                target: c.nameOf(target),
                test: fromImage.join(' '),
              })
            : msg('onboard.entry.dependsOnNoHealth', { target: c.nameOf(target) }),
          name,
        );
        continue;
      }
    }
    c.add(
      [...base, 'depends_on', target],
      'mapped',
      msg(
        cond === 'completed'
          ? 'onboard.entry.waitsForJob'
          : cond === 'healthy'
            ? 'onboard.entry.waitsAnswers'
            : 'onboard.entry.waitsResolves',
        { target: c.nameOf(target) },
      ),
      name,
    );
  }
  const sharedNet = str(raw['network_mode']);
  if (sharedNet?.startsWith('service:')) {
    const target = sharedNet.slice('service:'.length);
    if (!deps.some((d) => d.component === c.nameOf(target)))
      deps.push({ component: c.nameOf(target), condition: 'started' });
  }
  asList(raw['links']).forEach((l, i) => {
    const target = text(l).split(':')[0] ?? '';
    if (!deps.some((d) => d.component === c.nameOf(target)))
      deps.push({ component: c.nameOf(target), condition: 'started' });
    c.add([...base, 'links', i], 'approximated', msg('onboard.entry.link', { target }), name);
  });

  // Volumes. Two mounts on one target: docker refuses it, the API server too; the last one wins.
  const rawVolumes = asList(raw['volumes']);
  const normalTarget = (t: string): string => t.replace(/\/+$/, '') || '/';
  const lastForTarget = new Map<string, number>();
  rawVolumes.forEach((v, i) => lastForTarget.set(normalTarget(parseVolume(v).target), i));
  rawVolumes.forEach((v, i) => {
    const path = [...base, 'volumes', i];
    const { type, source, target, readOnly } = parseVolume(v);
    if (lastForTarget.get(normalTarget(target)) !== i) {
      c.add(path, 'dropped', msg('onboard.entry.mountedAgain', { target }), name);
      return;
    }
    if (type === 'tmpfs') {
      volumes.push({ name: dnsName(`tmpfs-${target}`), mountPath: target, type: 'memory' });
      c.add(path, 'mapped', msg('onboard.entry.tmpfs', { target }), name);
      return;
    }
    if (type === 'volume') {
      if (source === undefined || source === '') {
        const vname = dnsName(`${name}-${target}`);
        c.reserveVolumeName(vname);
        volumes.push({
          name: vname,
          mountPath: target,
          type: 'persistent',
          ...(readOnly ? { readOnly } : {}),
        });
        c.add(path, 'approximated', msg('onboard.entry.anonymousVolume', { target }), name);
        return;
      }
      const decl = topVolumes[source];
      const vname = dnsName(source);
      const users = volumeUsers.get(source) ?? [];
      const shared = users.length > 1;
      volumes.push({
        name: vname,
        mountPath: target,
        type: 'persistent',
        ...(shared ? { accessMode: 'ReadWriteMany' as const } : {}),
        ...(readOnly ? { readOnly } : {}),
      });
      const external = isObject(decl) && decl['external'] === true;
      c.add(
        path,
        shared ? 'approximated' : 'mapped',
        msg(external ? 'onboard.entry.externalNamedVolume' : 'onboard.entry.namedVolume', {
          source,
          claim: scoped(c.app, vname),
          shared: shared
            ? msg('onboard.entry.sharedBy', { users: users.map((u) => c.nameOf(u)).join(', ') })
            : '',
        }),
        name,
      );
      return;
    }
    // Bind mounts.
    const src = source ?? '';
    if (/docker\.sock$/.test(src) || /^\/(var\/)?run\/(docker|containerd|podman|crio)(\/|$)/.test(src)) {
      c.add(path, 'refused', msg('onboard.entry.dockerSocket', { path: src }), name);
      return;
    }
    const full = resolve(c.project.dir, src.replace(/^~(?=\/|$)/, c.project.home ?? '~'));
    // System paths, written as such or reached through ../ (../../../../etc/hostname).
    const system = (p: string): boolean =>
      /^\/(dev|proc|sys)(\/|$)/.test(p) ||
      /^\/(etc|var|usr|boot|root|run|lib|lib64|bin|sbin)(\/|$)/.test(p) ||
      p === '/';
    const outside = /^\.\.(\/|$)/.test(relative(c.project.dir, full));
    if (system(src) || (system(full) && outside && !c.project.readPolicy.allows(full))) {
      c.add(
        path,
        'refused',
        msg('onboard.entry.hostPath', { path: src, full: full !== src ? ` (${full})` : '' }),
        name,
      );
      return;
    }
    const within = c.project.readPolicy.allows(full) || !outside;
    let st: ReturnType<typeof statSync> | undefined;
    try {
      st = within ? statSync(full) : undefined;
    } catch {
      st = undefined;
    }
    const fileLike = looksLikeFile(src, target);
    if ((st?.isFile() ?? false) || (st === undefined && fileLike)) {
      const secretLike = SECRET_FILE.test(basename(full)) || SECRET_FILE.test(basename(target));
      const key = basename(full).replace(/[^-._a-zA-Z0-9]/g, '_') || 'file';
      let content: string | undefined;
      let refusal: Message | undefined;
      if (!within) {
        refusal = msg('onboard.entry.fileOutside', { path: src, dir: c.project.dir });
      } else if (st !== undefined) {
        // Only files whose real path (symbolic links followed) is under the project folder or an
        // --allow-read folder are read.
        try {
          const real = c.project.readPolicy.check(
            full,
            msg('onboard.what.mountedFile', { service: s.key }),
            c.at(path),
          );
          content = real === undefined ? undefined : readFileBounded(real, 1024 * 1024);
          if (real !== undefined && content === undefined) {
            c.add(path, 'refused', msg('onboard.entry.fileTooLarge', { path: src }), name);
            return;
          }
        } catch (error) {
          const realPath = (error as QuaiError).details?.['realPath'];
          refusal = msg('onboard.entry.fileResolvesOutside', {
            path: src,
            real: typeof realPath === 'string' ? ` (${realPath})` : '',
          });
        }
      }
      const placeholder =
        content !== undefined
          ? ''
          : refusal !== undefined
            ? msg('onboard.entry.placeholderRefused')
            : msg('onboard.entry.placeholderMissing', { path: src });
      if (content === undefined)
        c.assumptions.push(
          msg(
            refusal
              ? secretLike
                ? 'onboard.assume.fileNotReadSecret'
                : 'onboard.assume.fileNotReadConfig'
              : secretLike
                ? 'onboard.assume.fileMissingSecret'
                : 'onboard.assume.fileMissingConfig',
            { path: src, target, service: name },
          ),
        );
      const status: EntryStatus = refusal ? 'refused' : content === undefined ? 'approximated' : 'mapped';
      if (secretLike) {
        const secretName = dnsName(`${scoped(c.app, name)}-files`);
        configFiles.push({ path: target, secretRef: c.secret(secretName, key, content ?? '') });
        c.add(
          path,
          status,
          msg('onboard.entry.fileSecret', {
            what: refusal ?? msg('onboard.entry.fileLooksSecret', { path: src }),
            secret: secretName,
            key,
            placeholder,
          }),
          name,
        );
      } else {
        configFiles.push({ path: target, content: content ?? '' });
        c.add(
          path,
          status,
          msg('onboard.entry.fileConfig', {
            what: refusal ?? msg('onboard.entry.fileBecomesConfig', { path: src }),
            target,
            writable: readOnly || refusal ? '' : msg('onboard.entry.wasWritable'),
            placeholder,
          }),
          name,
        );
      }
      return;
    }
    if (st !== undefined && !st.isDirectory()) {
      c.add(path, 'refused', msg('onboard.entry.notFileOrFolder', { path: src }), name);
      return;
    }
    const folder = c.hostFolder(full, name);
    const sharedBy = folder.users.length > 1 ? folder.users : undefined;
    volumes.push({
      name: folder.name,
      mountPath: target,
      type: 'persistent',
      ...(readOnly ? { readOnly } : {}),
    });
    c.add(
      path,
      'approximated',
      msg('onboard.entry.hostFolder', {
        path: src,
        outside: within ? '' : msg('onboard.entry.outsideProject'),
        volume: folder.name,
        shared: sharedBy
          ? msg('onboard.entry.sharedWith', { users: sharedBy.filter((u) => u !== name).join(', ') })
          : '',
        missing: st === undefined ? msg('onboard.entry.assumedFolder') : '',
      }),
      name,
    );
  });
  const mounted = (path: string): boolean =>
    volumes.some((v) => cleanTarget(v.mountPath) === cleanTarget(path)) ||
    configFiles.some((f) => cleanTarget(f.path) === cleanTarget(path));
  asList(raw['tmpfs']).forEach((t, i) => {
    const target = text(t).split(':')[0] ?? '';
    if (mounted(target)) {
      c.add([...base, 'tmpfs', i], 'dropped', msg('onboard.entry.tmpfsAlreadyMounted', { target }), name);
      return;
    }
    volumes.push({ name: dnsName(`tmpfs-${target}`), mountPath: target, type: 'memory' });
    c.add([...base, 'tmpfs', i], 'mapped', msg('onboard.entry.tmpfs', { target }), name);
  });
  if (raw['shm_size'] !== undefined && !mounted('/dev/shm')) {
    const size = memoryQuantity(str(raw['shm_size']) ?? '');
    volumes.push({ name: 'dshm', mountPath: '/dev/shm', type: 'memory', ...(size ? { size } : {}) });
    c.add(
      [...base, 'shm_size'],
      'approximated',
      size ? msg('onboard.entry.shmSize', { size }) : msg('onboard.entry.shm'),
      name,
    );
  }

  // Compose secrets and configs.
  const fileRef = (kind: 'secrets' | 'configs', ref: Json, i: number): void => {
    const path = [...base, kind, i];
    const kindWord = msg(kind === 'secrets' ? 'onboard.entry.kind.secret' : 'onboard.entry.kind.config');
    const sourceName = isObject(ref) ? str(ref['source']) : str(ref);
    if (sourceName === undefined) return;
    const target =
      (isObject(ref) ? str(ref['target']) : undefined) ??
      (kind === 'secrets' ? `/run/secrets/${sourceName}` : `/${sourceName}`);
    const mountPath = target.startsWith('/')
      ? target
      : kind === 'secrets'
        ? `/run/secrets/${target}`
        : `/${target}`;
    const decl = (kind === 'secrets' ? topSecrets : topConfigs)[sourceName];
    if (!isObject(decl)) {
      throw new QuaiError(
        'INPUT_INVALID',
        msg('onboard.undeclared', {
          service: s.key,
          kind: kind.slice(0, -1),
          name: sourceName,
          section: kind,
        }),
        { location: c.at(path), hint: msg('onboard.undeclaredHint', { section: kind }) },
      );
    }
    let content: string | undefined;
    if (decl['file'] !== undefined) {
      const f = str(decl['file']) ?? '';
      const full = isAbsolute(f) ? f : resolve(c.project.dir, f);
      const what = msg('onboard.what.fileOf', { kind: kind.slice(0, -1), name: sourceName });
      const real = c.project.readPolicy.check(full, what, c.at([kind, sourceName, 'file']));
      if (real === undefined)
        throw new QuaiError(
          'INPUT_INVALID',
          msg('onboard.fileOfMissing', { path: f, kind: kind.slice(0, -1), name: sourceName, full }),
          { location: c.at([kind, sourceName, 'file']), hint: msg('onboard.fileOfMissingHint') },
        );
      content = readFileBounded(real, 1024 * 1024);
      if (content === undefined)
        throw new QuaiError(
          'INPUT_INVALID',
          msg('onboard.fileOfNotRegular', { path: f, kind: kind.slice(0, -1), name: sourceName }),
          { location: c.at([kind, sourceName, 'file']), hint: msg('onboard.fileOfNotRegularHint') },
        );
    } else if (decl['environment'] !== undefined) {
      const variable = str(decl['environment']) ?? '';
      content = c.project.environment.get(variable) ?? allEnv.get(variable) ?? undefined;
      if (content === undefined)
        c.add(
          path,
          'approximated',
          msg('onboard.entry.fromUnsetVariable', { kind: kindWord, name: sourceName, variable }),
          name,
        );
    } else if (decl['content'] !== undefined) {
      content = str(decl['content']);
    } else if (decl['external'] === true) {
      c.add(
        path,
        'approximated',
        msg('onboard.entry.externalSource', {
          kind: kindWord,
          name: sourceName,
          secret: dnsName(sourceName),
        }),
        name,
      );
    }
    if (kind === 'secrets') {
      const secretName = dnsName(scoped(c.app, sourceName));
      configFiles.push({
        path: mountPath,
        secretRef:
          content === undefined
            ? { secret: secretName, key: 'value' }
            : c.secret(secretName, 'value', content),
      });
      c.add(
        path,
        'mapped',
        msg('onboard.entry.secret', { name: sourceName, secret: secretName, path: mountPath }),
        name,
      );
    } else {
      configFiles.push({ path: mountPath, content: content ?? '' });
      c.add(path, 'mapped', msg('onboard.entry.config', { name: sourceName, path: mountPath }), name);
    }
  };
  asList(raw['secrets']).forEach((r, i) => fileRef('secrets', r, i));
  asList(raw['configs']).forEach((r, i) => fileRef('configs', r, i));

  // Security.
  const user = str(raw['user']);
  if (user !== undefined) {
    const [u, g] = user.split(':');
    if (u === 'root' || u === '0') {
      exceptions.push({ allow: 'runAsRoot', justification: justify('user: root') });
      c.add([...base, 'user'], 'approximated', msg('onboard.entry.runsAsRoot'), name);
    } else if (/^\d+$/.test(u ?? '')) {
      w['user'] = { uid: Number(u), ...(g && /^\d+$/.test(g) ? { gid: Number(g), fsGroup: Number(g) } : {}) };
      c.add(
        [...base, 'user'],
        'mapped',
        g
          ? msg('onboard.entry.runAsUserGroup', { uid: u ?? '', gid: g })
          : msg('onboard.entry.runAsUser', { uid: u ?? '' }),
        name,
      );
    } else {
      c.add([...base, 'user'], 'approximated', msg('onboard.entry.userName', { user }), name);
    }
  }
  asList(raw['cap_add']).forEach((cap, i) => {
    const capName = text(cap).toUpperCase().replace(/^CAP_/, '');
    if (capName === 'ALL' || capName === 'SYS_ADMIN') {
      exceptions.push({ allow: 'privileged', justification: justify(`cap_add: ${capName}`) });
      c.add(
        [...base, 'cap_add', i],
        'approximated',
        msg('onboard.entry.capPrivileged', { cap: capName }),
        name,
      );
    } else {
      exceptions.push({ allow: `capability:${capName}`, justification: justify(`cap_add: ${capName}`) });
      c.add([...base, 'cap_add', i], 'mapped', msg('onboard.entry.capKept', { cap: capName }), name);
    }
  });
  if (raw['cap_drop'] !== undefined)
    c.add([...base, 'cap_drop'], 'mapped', msg('onboard.entry.capDrop'), name);
  if (raw['read_only'] === true || raw['read_only'] === 'true') {
    c.add([...base, 'read_only'], 'mapped', msg('onboard.entry.readOnly'), name);
  } else {
    if (raw['read_only'] !== undefined)
      c.add([...base, 'read_only'], 'approximated', msg('onboard.entry.readOnlyAnyway'), name);
  }
  if (raw['privileged'] === true || raw['privileged'] === 'true') {
    exceptions.push({ allow: 'privileged', justification: justify('privileged: true') });
    c.add([...base, 'privileged'], 'approximated', msg('onboard.entry.privileged'), name);
  }
  const networkMode = str(raw['network_mode']);
  if (networkMode === 'host') {
    exceptions.push({ allow: 'hostNetwork', justification: justify('network_mode: host') });
    c.add([...base, 'network_mode'], 'approximated', msg('onboard.entry.hostNetwork'), name);
  } else if (networkMode?.startsWith('service:')) {
    const other = networkMode.slice('service:'.length);
    c.add(
      [...base, 'network_mode'],
      'approximated',
      msg('onboard.entry.sharesNetwork', { other, target: c.nameOf(other), service: name }),
      name,
    );
  } else if (networkMode !== undefined) {
    c.add(
      [...base, 'network_mode'],
      networkMode === 'bridge' || networkMode === 'default' ? 'mapped' : 'refused',
      networkMode === 'none'
        ? msg('onboard.entry.networkNone')
        : networkMode.startsWith('container:')
          ? msg('onboard.entry.networkContainer', { mode: networkMode })
          : msg('onboard.entry.podNetwork'),
      name,
    );
  }
  for (const key of ['pid', 'ipc'] as const) {
    const v = str(raw[key]);
    if (v === 'host') {
      exceptions.push({
        allow: key === 'pid' ? 'hostPID' : 'hostIPC',
        justification: justify(`${key}: host`),
      });
      c.add(
        [...base, key],
        'approximated',
        msg('onboard.entry.hostNamespace', { key: key.toUpperCase() }),
        name,
      );
    } else if (v !== undefined) {
      c.add([...base, key], 'dropped', msg('onboard.entry.modeDropped', { key, mode: String(v) }), name);
    }
  }
  asList(raw['security_opt']).forEach((o, i) => {
    const opt = text(o);
    const mapped =
      /^no-new-privileges(:true)?$/.test(opt) || opt === 'seccomp:default' || opt === 'seccomp=default';
    if (/seccomp[:=]unconfined/.test(opt)) {
      exceptions.push({ allow: 'unconfinedSeccomp', justification: justify(opt) });
      c.add([...base, 'security_opt', i], 'approximated', msg('onboard.entry.seccompUnconfined'), name);
    } else {
      c.add(
        [...base, 'security_opt', i],
        mapped ? 'mapped' : 'dropped',
        mapped
          ? msg('onboard.entry.securityDefault', { opt })
          : msg('onboard.entry.securityDropped', { opt }),
        name,
      );
    }
  });
  if (raw['sysctls'] !== undefined)
    c.add([...base, 'sysctls'], 'dropped', msg('onboard.entry.sysctls'), name);

  // Resources and replicas.
  const deploy = isObject(raw['deploy']) ? raw['deploy'] : {};
  const res = isObject(deploy['resources']) ? deploy['resources'] : {};
  const limits = isObject(res['limits']) ? res['limits'] : {};
  const reservations = isObject(res['reservations']) ? res['reservations'] : {};
  const resources: { requests?: Record<string, string>; limits?: Record<string, string> } = {};
  const setRes = (
    bucket: 'requests' | 'limits',
    kind: 'cpu' | 'memory',
    value: Json | undefined,
    path: (string | number)[],
  ): void => {
    if (value === undefined || value === null) return;
    const q =
      kind === 'cpu' ? cpuQuantity(value as string | number) : memoryQuantity(value as string | number);
    if (q === undefined) {
      c.add(path, 'dropped', msg('onboard.entry.badAmount', { kind, value: text(value) }), name);
      return;
    }
    (resources[bucket] ??= {})[kind] = q;
    c.add(path, 'mapped', msg('onboard.entry.resource', { bucket, kind, quantity: q }), name);
  };
  setRes('limits', 'cpu', limits['cpus'], [...base, 'deploy', 'resources', 'limits', 'cpus']);
  setRes('limits', 'memory', limits['memory'], [...base, 'deploy', 'resources', 'limits', 'memory']);
  setRes('requests', 'cpu', reservations['cpus'], [...base, 'deploy', 'resources', 'reservations', 'cpus']);
  setRes('requests', 'memory', reservations['memory'], [
    ...base,
    'deploy',
    'resources',
    'reservations',
    'memory',
  ]);
  setRes('limits', 'cpu', raw['cpus'], [...base, 'cpus']);
  setRes('limits', 'memory', raw['mem_limit'], [...base, 'mem_limit']);
  setRes('requests', 'memory', raw['mem_reservation'], [...base, 'mem_reservation']);
  if (resources.requests || resources.limits) w['resources'] = resources;
  const replicas =
    typeof deploy['replicas'] === 'number'
      ? deploy['replicas']
      : typeof raw['scale'] === 'number'
        ? raw['scale']
        : undefined;
  if (replicas !== undefined) {
    w['replicas'] = replicas;
    c.add(
      [...base, deploy['replicas'] !== undefined ? 'deploy' : 'scale'],
      'mapped',
      msg('onboard.entry.replicas', { count: replicas }),
      name,
    );
  }
  for (const k of Object.keys(deploy)) {
    if (k === 'resources' || k === 'replicas') continue;
    c.add(
      [...base, 'deploy', k],
      k === 'restart_policy' || k === 'update_config' ? 'approximated' : 'dropped',
      k === 'restart_policy'
        ? msg('onboard.entry.restartPolicy')
        : k === 'update_config'
          ? msg('onboard.entry.updateConfig')
          : k === 'placement'
            ? msg('onboard.entry.placement')
            : msg('onboard.entry.swarm', { key: k }),
      name,
    );
  }
  const grace =
    raw['stop_grace_period'] !== undefined ? durationSeconds(str(raw['stop_grace_period']) ?? '') : undefined;
  if (grace !== undefined && !s.asJob) {
    w['stopGracePeriodSeconds'] = grace;
    c.add([...base, 'stop_grace_period'], 'mapped', msg('onboard.entry.grace', { seconds: grace }), name);
  }
  if (raw['stop_signal'] !== undefined)
    c.add([...base, 'stop_signal'], 'dropped', msg('onboard.entry.stopSignal'), name);
  const restart = str(raw['restart']);
  if (restart !== undefined) {
    c.add(
      [...base, 'restart'],
      s.asJob || restart === 'always' || restart === 'unless-stopped' ? 'mapped' : 'approximated',
      s.asJob
        ? msg('onboard.entry.oneShotJob')
        : restart === 'always' || restart === 'unless-stopped'
          ? msg('onboard.entry.deploymentRestarts')
          : msg('onboard.entry.restartApproximated', { restart }),
      name,
    );
  }

  // Names and metadata.
  const aliases: string[] = [];
  const cn = str(raw['container_name']);
  if (cn !== undefined) {
    const alias = dnsName(cn);
    if (alias !== name) aliases.push(alias);
    if (alias !== cn) c.rewrites.set(cn, alias);
    c.add(
      [...base, 'container_name'],
      'mapped',
      alias !== name
        ? msg('onboard.entry.containerNameService', { name: cn, service: alias })
        : msg('onboard.entry.componentName'),
      name,
    );
  }
  const networks = raw['networks'];
  const netNames: string[] = isObject(networks)
    ? Object.keys(networks)
    : Array.isArray(networks)
      ? networks.map((n) => text(n))
      : ['default'];
  const aliasOf = (a: string, where: (string | number)[]): void => {
    const alias = dnsName(a);
    if (alias !== a) {
      c.rewrites.set(a, alias === name ? name : alias);
      c.add(
        where,
        'approximated',
        msg('onboard.entry.badAlias', {
          alias: a,
          answer:
            alias === name
              ? msg('onboard.entry.ownName', { name })
              : msg('onboard.entry.serviceName', { service: alias }),
        }),
        name,
      );
    }
    if (alias !== name && !aliases.includes(alias)) aliases.push(alias);
  };
  if (isObject(networks)) {
    for (const [net, cfg] of Object.entries(networks)) {
      asList(isObject(cfg) ? cfg['aliases'] : undefined).forEach((a, i) =>
        aliasOf(text(a), [...base, 'networks', net, 'aliases', i]),
      );
      if (isObject(cfg) && (cfg['ipv4_address'] !== undefined || cfg['ipv6_address'] !== undefined))
        c.add([...base, 'networks', net], 'dropped', msg('onboard.entry.fixedAddress'), name);
    }
  }
  const netMode = str(raw['network_mode']);
  if (netMode === undefined || netMode === 'bridge' || netMode === 'default') {
    w['networks'] = [...new Set(netNames.map((n) => dnsName(n)))];
    if (networks !== undefined)
      c.add(
        [...base, 'networks'],
        'mapped',
        c.options.networkPolicy === 'strict'
          ? msg('onboard.entry.strictPolicy')
          : msg('onboard.entry.onNetworks', { count: netNames.length, networks: netNames.join(', ') }),
        name,
      );
  }
  if (aliases.length > 0 && !s.asJob) w['aliases'] = aliases;
  if (raw['hostname'] !== undefined)
    c.add([...base, 'hostname'], 'dropped', msg('onboard.entry.hostname'), name);
  if (raw['labels'] !== undefined) c.add([...base, 'labels'], 'dropped', msg('onboard.entry.labels'), name);
  if (raw['logging'] !== undefined)
    c.add([...base, 'logging'], 'dropped', msg('onboard.entry.logging'), name);
  if (raw['profiles'] !== undefined)
    c.add(
      [...base, 'profiles'],
      'mapped',
      msg('onboard.entry.profile', {
        profiles: asList(raw['profiles'])
          .map((p) => text(p))
          .join(', '),
      }),
      name,
    );
  if (raw['extends'] !== undefined) c.add([...base, 'extends'], 'mapped', msg('onboard.entry.extends'), name);
  if (raw['init'] !== undefined) c.add([...base, 'init'], 'dropped', msg('onboard.entry.init'), name);
  if (raw['extra_hosts'] !== undefined)
    c.add([...base, 'extra_hosts'], 'dropped', msg('onboard.entry.extraHosts'), name);

  for (const key of Object.keys(raw)) {
    if (HANDLED_SERVICE_KEYS.has(key)) continue;
    const reason = DROPPED_SERVICE_KEYS[key];
    c.add(
      [...base, key],
      REFUSED_SERVICE_KEYS.has(key) ? 'refused' : 'dropped',
      reason ?? msg('onboard.entry.unknownKey', { key }),
      name,
    );
  }

  if (Object.keys(env).length > 0) w['env'] = env;
  if (Object.keys(secretEnv).length > 0) w['secretEnv'] = secretEnv;
  if (configFiles.length > 0) w['configFiles'] = configFiles;
  if (volumes.length > 0) w['volumes'] = volumes;
  if (exceptions.length > 0) w['securityExceptions'] = exceptions;
  if (deps.length > 0) w['dependsOn'] = deps.map((d) => (d.condition === 'started' ? d.component : d));
  if (!s.asJob) {
    if (ports.length > 0) w['ports'] = ports;
    if (expose.length > 0) w['expose'] = expose;
  }
  return w as unknown as Component | Job;
}

/** Variable names whose value is a host (`DB_HOST`, `REDIS_SERVER`, `MINIO_ENDPOINT`, `API_URL`, ...). */
const HOST_KEY =
  /(HOST|HOSTNAME|SERVER|ADDR|ADDRESS|ENDPOINT|URL|URI|DSN|BROKER|UPSTREAM|BACKEND|PEER|NODE)S?$|HOST/i;
/** `scheme://[user[:password]@]host[:port]`: the host part of a URL. */
const URL_HOST = /[a-z][a-z0-9+.-]*:\/\/(?:[^\s:@/]+(?::[^\s@/]*)?@)?([A-Za-z0-9_][A-Za-z0-9_.-]*)/g;
/** `host:port` as a word. */
const HOST_PORT = /(^|[\s,;=(])([A-Za-z0-9_][A-Za-z0-9_.-]*):(\d{1,5})(?=$|[\s,;/)])/g;

interface HostReference {
  readonly start: number;
  readonly end: number;
  readonly host: string;
}

/**
 * Where a value refers to a host: the host of a URL, `host:port`, or (for variables whose name
 * says host, server, endpoint, URL...) the whole value or each item of a list. Database names,
 * user names and domains are never host references, whatever they are equal to.
 */
function hostReferences(
  key: string | undefined,
  value: string,
  known: (host: string) => boolean,
): HostReference[] {
  const out: HostReference[] = [];
  for (const m of value.matchAll(URL_HOST)) {
    const host = m[1] ?? '';
    const start = (m.index ?? 0) + m[0].length - host.length;
    out.push({ start, end: start + host.length, host });
  }
  for (const m of value.matchAll(HOST_PORT)) {
    const host = m[2] ?? '';
    const start = (m.index ?? 0) + (m[1] ?? '').length;
    if (!out.some((r) => r.start <= start && start < r.end))
      out.push({ start, end: start + host.length, host });
  }
  if (key !== undefined && HOST_KEY.test(key) && out.length === 0) {
    // The whole value, or each item of a list of hosts.
    for (const m of value.matchAll(/[^\s,;]+/g)) {
      const host = m[0];
      if (known(host)) out.push({ start: m.index ?? 0, end: (m.index ?? 0) + host.length, host });
    }
  }
  return out.filter((r) => known(r.host)).sort((x, y) => x.start - y.start);
}

function rewriteHosts(
  value: string,
  refs: readonly HostReference[],
  rewrites: ReadonlyMap<string, string>,
): string {
  let out = '';
  let at = 0;
  for (const r of refs) {
    out += value.slice(at, r.start) + (rewrites.get(r.host) ?? r.host);
    at = r.end;
  }
  return out + value.slice(at);
}

/**
 * Finds the other services a service talks to, from values that are host references (not from
 * any word that happens to equal a service name), rewrites renamed hosts in one pass, and records
 * them as `connectsTo`: NetworkPolicies allow the traffic, nothing waits at start, so two services
 * that call each other are peers and never a dependency cycle.
 */
function inferReferences(
  c: Converter,
  services: Map<string, ServiceState>,
  out: Record<string, Component | Job>,
  hostNames: ReadonlyMap<string, string>,
): void {
  const known = (h: string): boolean => hostNames.has(h);
  for (const s of services.values()) {
    const w = out[s.name] as (Component | Job) & Record<string, unknown>;
    if (w === undefined) continue;
    const targets = new Map<string, string>();
    const note = (
      key: string | undefined,
      refs: readonly HostReference[],
      where: (string | number)[],
    ): void => {
      for (const r of refs) {
        const target = hostNames.get(r.host);
        if (target === undefined || target === s.name) continue;
        const state = [...services.values()].find((x) => x.name === target);
        if (state?.asJob) continue;
        if (!targets.has(target)) targets.set(target, key ?? where.join('.'));
      }
    };
    const env = { ...(w.env ?? {}) };
    for (const [k, value] of Object.entries(env)) {
      const refs = hostReferences(k, value, known);
      note(k, refs, ['environment', k]);
      const v = rewriteHosts(value, refs, c.rewrites);
      if (v !== value) {
        env[k] = v;
        c.add(
          ['services', s.key, 'environment', k],
          'approximated',
          msg('onboard.entry.rewritten', { key: k, value: v }),
          s.name,
        );
      }
    }
    if (w.env) (w as { env?: Record<string, string> }).env = env;
    for (const [k, ref] of Object.entries(
      (w.secretEnv as Record<string, { secret: string; key: string }>) ?? {},
    )) {
      const values = c.secretValues[ref.secret];
      const value = values?.[ref.key];
      if (values === undefined || value === undefined) continue;
      const refs = hostReferences(k, value, known);
      note(k, refs, ['environment', k]);
      const v = rewriteHosts(value, refs, c.rewrites);
      if (v !== value) {
        values[ref.key] = v;
        c.add(
          ['services', s.key, 'environment', k],
          'approximated',
          msg('onboard.entry.rewrittenSecret', { key: k, secret: ref.secret }),
          s.name,
        );
      }
    }
    for (const field of ['command', 'args'] as const) {
      const list = w[field];
      if (list === undefined) continue;
      w[field] = list.map((arg) => {
        const refs = hostReferences(undefined, arg, known);
        note(undefined, refs, [field === 'command' ? 'entrypoint' : 'command']);
        return rewriteHosts(arg, refs, c.rewrites);
      });
    }
    const deps = new Set((w.dependsOn ?? []).map((d) => (typeof d === 'string' ? d : d.component)));
    const peers = [...targets.entries()].filter(([t]) => !deps.has(t));
    if (peers.length > 0) {
      (w as { connectsTo?: string[] }).connectsTo = peers.map(([t]) => t).sort();
      for (const [t, key] of peers) {
        c.add(
          ['services', s.key, 'environment', key],
          'approximated',
          msg('onboard.entry.refersTo', { key, target: t, service: s.name }),
          s.name,
        );
      }
    }
  }
}

/**
 * Secret values that compose interpolated into a command, an entrypoint or a health check would
 * sit in clear in the Deployment: each becomes `$(VAR)` (or `${VAR}` in a shell health check),
 * VAR coming from the Secret that holds it.
 */
function protectSecretsInCommands(
  c: Converter,
  services: Map<string, ServiceState>,
  out: Record<string, Component | Job>,
): void {
  const holders = new Map<string, { secret: string; key: string }>();
  for (const [secret, values] of Object.entries(c.secretValues))
    for (const [key, value] of Object.entries(values))
      if (value.length >= 4 && !holders.has(value)) holders.set(value, { secret, key });
  if (holders.size === 0) return;
  const byLength = [...holders.keys()].sort((a, b) => b.length - a.length);
  for (const s of services.values()) {
    const w = out[s.name] as (Component | Job) & Record<string, unknown>;
    if (w === undefined) continue;
    const env = w.env ?? {};
    const secretEnv = {
      ...((w.secretEnv as Record<string, { secret: string; key: string }> | undefined) ?? {}),
    };
    const varFor = (value: string): string => {
      const holder = holders.get(value);
      if (holder === undefined) return '';
      for (const [k, ref] of Object.entries(secretEnv))
        if (ref.secret === holder.secret && ref.key === holder.key) return k;
      let name = holder.key.replace(/[^A-Za-z0-9_]/g, '_');
      for (let i = 2; name in env || name in secretEnv; i++)
        name = `${holder.key.replace(/[^A-Za-z0-9_]/g, '_')}_${i}`;
      secretEnv[name] = holder;
      return name;
    };
    const defined = new Set([...Object.keys(env), ...Object.keys(secretEnv)]);
    let changed = false;
    for (const field of ['command', 'args'] as const) {
      const list = w[field];
      if (list === undefined) continue;
      w[field] = list.map((arg) => {
        let a = arg;
        if (!byLength.some((v) => a.includes(v))) return a;
        // `$(NAME)` already in the text would be expanded by Kubernetes: escape it first.
        a = a.replace(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (m, n: string) => (defined.has(n) ? `$${m}` : m));
        for (const v of byLength) if (a.includes(v)) a = a.split(v).join(`$(${varFor(v)})`);
        changed = true;
        return a;
      });
    }
    const probes = w['probes'] as Record<string, Probe> | undefined;
    for (const kind of ['readiness', 'liveness', 'startup']) {
      const p = probes?.[kind];
      const cmd = p?.exec?.command;
      if (p === undefined || cmd === undefined || !byLength.some((v) => cmd.some((x) => x.includes(v))))
        continue;
      const quote = (x: string): string => `'${x.replace(/'/g, `'\\''`)}'`;
      const script =
        cmd[0] === 'sh' && cmd[1] === '-c' && cmd.length === 3 ? (cmd[2] ?? '') : cmd.map(quote).join(' ');
      let out2 = script;
      for (const v of byLength) if (out2.includes(v)) out2 = out2.split(v).join(`\${${varFor(v)}}`);
      (probes as Record<string, Probe>)[kind] = { ...p, exec: { command: ['sh', '-c', out2] } };
      changed = true;
    }
    if (changed) {
      w['secretEnv'] = secretEnv;
      c.add(
        ['services', s.key, raw(s, 'entrypoint') ? 'entrypoint' : 'command'],
        'approximated',
        msg('onboard.entry.secretInterpolated'),
        s.name,
      );
    }
  }
}

function raw(s: ServiceState, key: string): boolean {
  return s.raw[key] !== undefined;
}

function resolveExtends(model: JsonObject, project: ComposeProject): void {
  const services = isObject(model['services']) ? model['services'] : {};
  const resolving = new Set<string>();
  const resolveOne = (key: string): JsonObject => {
    const s = services[key];
    if (!isObject(s)) return {};
    const ext = s['extends'];
    if (ext === undefined) return s;
    if (resolving.has(key))
      throw new QuaiError('INPUT_INVALID', msg('onboard.extendsCycle', { service: key }), {
        location: project.locate(['services', key, 'extends']),
        hint: msg('onboard.extendsCycleHint'),
      });
    resolving.add(key);
    const baseName = typeof ext === 'string' ? ext : isObject(ext) ? str(ext['service']) : undefined;
    if (isObject(ext) && ext['file'] !== undefined) {
      throw new QuaiError(
        'INPUT_INVALID',
        msg('onboard.extendsOtherFile', { service: key, file: text(ext['file']) }),
        {
          location: project.locate(['services', key, 'extends']),
          hint: msg('onboard.extendsOtherFileHint'),
        },
      );
    }
    if (baseName === undefined || !isObject(services[baseName])) {
      throw new QuaiError(
        'INPUT_INVALID',
        msg('onboard.extendsMissing', { service: key, base: text(baseName) }),
        { location: project.locate(['services', key, 'extends']), hint: msg('onboard.extendsMissingHint') },
      );
    }
    const base = resolveOne(baseName);
    const merged: JsonObject = { ...base };
    for (const [k, v] of Object.entries(s)) {
      const b = merged[k];
      merged[k] =
        isObject(b) && isObject(v) ? { ...b, ...v } : Array.isArray(b) && Array.isArray(v) ? [...b, ...v] : v;
    }
    merged['extends'] = s['extends'] ?? null;
    services[key] = merged;
    resolving.delete(key);
    return merged;
  };
  for (const key of Object.keys(services)) resolveOne(key);
}

/**
 * Converts a loaded compose project into an app spec and a conversion report that lists every
 * compose key as mapped, approximated (how), dropped or refused (why). Secret values go to
 * `secretValues`, never into the spec.
 */
export function convertCompose(project: ComposeProject, options: ConvertOptions = {}): ImportResult {
  const model = project.model;
  const appName = dnsName(options.appName ?? project.name);
  const c = new Converter(project, appName, options);
  if (options.imageHealthchecks) c.imageHealthchecks = options.imageHealthchecks;
  for (const key of Object.keys(model)) {
    if (key.startsWith('x-')) {
      c.add([key], 'mapped', msg('onboard.entry.extensionField'));
      continue;
    }
    const what = TOP_LEVEL_KEYS[key];
    c.add(
      [key],
      what === undefined
        ? 'dropped'
        : key === 'include' || key === 'models' || key === 'jobs'
          ? 'refused'
          : 'mapped',
      what ?? msg('onboard.entry.unknownTopKey', { key }),
    );
  }
  for (const d of project.disabled)
    c.add(
      ['services', d.service, 'profiles'],
      'dropped',
      msg('onboard.entry.profileNotEnabled', {
        service: d.service,
        count: d.profiles.length,
        profiles: d.profiles.join(', '),
        first: d.profiles[0] ?? '',
      }),
      dnsName(d.service),
    );
  const servicesRaw = model['services'];
  if (!isObject(servicesRaw) || Object.keys(servicesRaw).length === 0) {
    throw new QuaiError('INPUT_INVALID', msg('onboard.noServices'), {
      location: project.locate(['services']),
      hint: msg('onboard.noServicesHint'),
    });
  }
  resolveExtends(model, project);
  const keys = Object.keys(servicesRaw).sort();
  for (const key of keys) {
    if (!isObject(servicesRaw[key])) {
      throw new QuaiError('INPUT_INVALID', msg('onboard.serviceNotMapping', { service: key }), {
        location: project.locate(['services', key]),
        hint: msg('onboard.serviceNotMappingHint'),
      });
    }
  }
  c.assignNames(keys);
  for (const key of keys) c.services.set(key, servicesRaw[key] as JsonObject);
  // One-shot jobs: services others wait for with service_completed_successfully, and setup tasks
  // (restart "no" or on-failure, no ports, named like a setup step or waited for by another).
  const jobs = c.jobs;
  const waitedFor = new Set<string>();
  for (const key of keys) {
    const d = (servicesRaw[key] as JsonObject)['depends_on'];
    if (isObject(d))
      for (const [t, v] of Object.entries(d)) {
        waitedFor.add(t);
        if (isObject(v) && v['condition'] === 'service_completed_successfully') jobs.add(t);
      }
    else for (const t of asList(d)) waitedFor.add(text(t));
  }
  for (const key of keys) {
    const svc = servicesRaw[key] as JsonObject;
    const restart = text(svc['restart'] ?? '');
    const oneShot = restart === 'no' || restart.startsWith('on-failure');
    const noPorts = svc['ports'] === undefined && svc['expose'] === undefined;
    if (
      oneShot &&
      noPorts &&
      (/(setup|init|migrat|bootstrap|seed|provision|install)/i.test(key) || waitedFor.has(key))
    )
      jobs.add(key);
  }
  // Named volumes keep their names; host folders are named around them.
  for (const v of Object.keys(isObject(model['volumes']) ? model['volumes'] : {}))
    c.reserveVolumeName(dnsName(v));
  const volumeUsers = new Map<string, string[]>();
  for (const key of keys) {
    for (const v of asList((servicesRaw[key] as JsonObject)['volumes'])) {
      const source = isObject(v)
        ? (v['type'] ?? 'volume') === 'volume'
          ? str(v['source'])
          : undefined
        : text(v).includes(':') && !/^[./~]/.test(text(v))
          ? text(v).split(':')[0]
          : undefined;
      if (source) volumeUsers.set(source, [...(volumeUsers.get(source) ?? []), key]);
    }
  }
  const states = new Map<string, ServiceState>();
  for (const key of keys)
    states.set(key, { name: c.nameOf(key), key, raw: servicesRaw[key] as JsonObject, asJob: jobs.has(key) });
  const topVolumes = isObject(model['volumes']) ? model['volumes'] : {};
  const topSecrets = isObject(model['secrets']) ? model['secrets'] : {};
  const topConfigs = isObject(model['configs']) ? model['configs'] : {};
  for (const u of volumeUsers.keys()) c.reserveVolumeName(dnsName(u));
  const converted: Record<string, Component | Job> = {};
  for (const s of states.values())
    converted[s.name] = convertService(c, s, topVolumes, topSecrets, topConfigs, volumeUsers);
  // Names other services may use for each one: its key, container_name, network aliases, links.
  const hostNames = new Map<string, string>();
  for (const s of states.values()) {
    hostNames.set(s.key, s.name);
    hostNames.set(s.name, s.name);
    const cn = str(s.raw['container_name']);
    if (cn !== undefined) hostNames.set(cn, s.name);
    const nets = s.raw['networks'];
    if (isObject(nets))
      for (const cfg of Object.values(nets))
        for (const a of isObject(cfg) ? asList(cfg['aliases']) : []) hostNames.set(text(a), s.name);
  }
  for (const s of states.values()) {
    asList(s.raw['links']).forEach((l) => {
      const [target, alias] = text(l).split(':');
      const t = target === undefined ? undefined : hostNames.get(target);
      const tw = t === undefined ? undefined : (converted[t] as Component | undefined);
      if (alias === undefined || t === undefined || tw === undefined) return;
      const a = dnsName(alias);
      hostNames.set(alias, t);
      if (a !== alias) c.rewrites.set(alias, a);
      const list = [...(tw.aliases ?? [])];
      if (a !== t && !list.includes(a) && !jobs.has(target ?? '')) {
        list.push(a);
        (tw as { aliases?: string[] }).aliases = list;
      }
    });
  }
  // network_mode: service:X joins X's networks.
  for (const s of states.values()) {
    const mode = str(s.raw['network_mode']);
    if (!mode?.startsWith('service:')) continue;
    const other = converted[c.nameOf(mode.slice('service:'.length))];
    const w = converted[s.name];
    if (other?.networks && w) (w as { networks?: string[] }).networks = [...other.networks];
  }
  if (options.networkPolicy === 'strict')
    for (const w of Object.values(converted)) delete (w as { networks?: string[] }).networks;
  inferReferences(c, states, converted, hostNames);
  protectSecretsInCommands(c, states, converted);
  // A host folder several services mount is one claim they share (ReadWriteMany), as the folder was.
  for (const [path, folder] of c.hostFolders) {
    if (folder.users.length < 2) continue;
    for (const u of folder.users)
      for (const v of converted[u]?.volumes ?? [])
        if (v.name === folder.name) (v as { accessMode?: string }).accessMode = 'ReadWriteMany';
    c.assumptions.push(
      msg('onboard.assume.sharedFolder', { path, users: folder.users.join(', '), volume: folder.name }),
    );
  }
  for (const [vol, decl] of Object.entries(topVolumes)) {
    if (isObject(decl)) {
      for (const k of Object.keys(decl)) {
        if (k === 'external' || k === 'name') continue;
        c.add(
          ['volumes', vol, k],
          'dropped',
          k === 'driver' || k === 'driver_opts'
            ? msg('onboard.entry.volumeDriver')
            : msg('onboard.entry.volumeKeyDropped', { key: k }),
        );
      }
    }
  }
  if (c.renamed.length > 0) {
    for (const r of c.renamed)
      c.add(
        ['services', r.from],
        'approximated',
        msg('onboard.entry.renamed', { from: r.from, to: r.to }),
        r.to,
      );
  }
  const components: Record<string, Component> = {};
  const jobSpecs: Record<string, Job> = {};
  for (const s of states.values()) {
    const w = converted[s.name];
    if (w === undefined) continue;
    if (s.asJob) jobSpecs[s.name] = w;
    else components[s.name] = w;
  }
  if (Object.keys(components).length === 0) {
    throw new QuaiError('INPUT_INVALID', msg('onboard.onlyJobs'), {
      location: project.locate(['services']),
      hint: msg('onboard.onlyJobsHint'),
    });
  }
  const candidate = {
    apiVersion: 'quai.dev/v1alpha1',
    kind: 'App',
    metadata: {
      name: appName,
      ...(options.team ? { team: options.team } : {}),
      description: `Imported from ${project.files.map((f) => basename(f)).join(', ')}`,
    },
    spec: { components, ...(Object.keys(jobSpecs).length > 0 ? { jobs: jobSpecs } : {}) },
  };
  const parsed = AppSpec.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path ?? [];
    const service = [...states.values()].find((s) => s.name === path[3]);
    throw new QuaiError(
      'INPUT_INVALID',
      msg('onboard.invalidResult', { path: path.join('.'), reason: issue?.message ?? '' }),
      {
        ...(service ? { location: project.locate(['services', service.key]) } : {}),
        hint: msg('onboard.invalidResultHint'),
      },
    );
  }
  const summary: Record<EntryStatus, number> = { mapped: 0, approximated: 0, dropped: 0, refused: 0 };
  for (const e of c.entries) summary[e.status]++;
  const report: ConversionReport = {
    project: project.name,
    files: project.files,
    entries: c.entries,
    undefinedVariables: project.variables
      .filter((v) => v.kind === 'undefined')
      .map((v) => ({ variable: v.variable, location: v.location })),
    unsetVariables: c.unset,
    assumptions: c.assumptions,
    secrets: Object.entries(c.secretValues)
      .map(([secret, values]) => ({ secret, keys: Object.keys(values).sort() }))
      .sort((a, b) => compareText(a.secret, b.secret)),
    renamed: c.renamed,
    summary,
  };
  return { spec: parsed.data, report, secretValues: c.secretValues };
}
