/**
 * Pod Security Standards, with the semantics of the upstream Pod Security Admission
 * (k8s.io/pod-security-admission/policy/check_*.go), check by check and version by version.
 *
 * Each check has the upstream check ID, level, forbidden reason (the words the API server puts
 * in its "violates PodSecurity" message) and one function per minimum policy version. A policy
 * version evaluates, for every check, the newest function whose minimum version is at or below
 * it. Restricted runs every baseline check, except those a restricted check active at that
 * version overrides, plus the restricted checks. `latest` is the newest policy version Quai
 * knows (PSS_MAX_MINOR); pinned versions above it are clamped, like upstream's registry.
 *
 * Behaviours upstream patched into the 1.0 function (image volumes in restricted, AppArmor
 * fields) apply at every pinned version, as they do on a current API server.
 */
import type { FieldPath, PssLevel } from './types.js';

/** The newest policy version Quai knows: sysctls gained entries at 1.37. */
export const PSS_MAX_MINOR = 37;

export interface PssVersion {
  readonly major: 1;
  readonly minor: number;
  /** How the user wrote it: `latest` or `v1.30`. */
  readonly label: string;
}

/** Parses `latest`, `v1.30` or `1.30`; undefined when malformed. */
export function parsePssVersion(value: string): PssVersion | undefined {
  const v = value.trim();
  if (v === 'latest') return { major: 1, minor: PSS_MAX_MINOR, label: 'latest' };
  const m = /^v?1\.(\d{1,3})$/.exec(v);
  if (m === null) return undefined;
  const minor = Number(m[1]);
  return { major: 1, minor: Math.min(minor, PSS_MAX_MINOR), label: `v1.${minor}` };
}

type Json = Record<string, unknown>;

/** A pod's metadata and spec, as plain JSON (from a manifest or a template). */
export interface PodView {
  readonly metadata: Json;
  readonly spec: Json;
}

export interface PssViolation {
  /** The upstream check ID: `privileged`, `capabilities_restricted`, ... */
  readonly check: string;
  readonly level: PssLevel;
  /** The forbidden reason as the API server words it: `privileged`, `hostPort`, ... */
  readonly reason: string;
  readonly detail: string;
  /** Fields at fault, relative to the pod (`['spec', 'containers', 0, 'securityContext', ...]`). */
  readonly paths: readonly FieldPath[];
}

interface Bad {
  readonly detail: string;
  readonly paths: readonly FieldPath[];
  /** When the reason depends on the violation (AppArmor pluralizes on the values). */
  readonly reason?: string;
}
type CheckPodFn = (pod: PodView) => Bad | undefined;

interface PssCheck {
  readonly id: string;
  readonly level: PssLevel;
  readonly reason: string;
  readonly versions: readonly { readonly min: number; readonly fn: CheckPodFn }[];
  readonly overrides?: readonly string[];
}

// ---- helpers ----------------------------------------------------------------------------------

function obj(v: unknown): Json | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : undefined;
}
function arr(v: unknown): readonly unknown[] {
  return Array.isArray(v) ? v : [];
}
function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}
function isSet(v: unknown): boolean {
  return v !== undefined && v !== null;
}

interface ContainerRef {
  readonly c: Json;
  readonly name: string;
  readonly path: FieldPath;
}

/** The pod spec being evaluated and its containers, listed once for all the checks (see evaluatePodSecurity). */
let evaluating: { readonly spec: Json; readonly containers: readonly ContainerRef[] } | undefined;

/** Init containers, then containers, then ephemeral containers, like upstream's visitor. */
function containers(spec: Json): readonly ContainerRef[] {
  if (evaluating?.spec === spec) return evaluating.containers;
  return listContainers(spec);
}

function listContainers(spec: Json): ContainerRef[] {
  const out: ContainerRef[] = [];
  for (const field of ['initContainers', 'containers', 'ephemeralContainers'] as const) {
    arr(spec[field]).forEach((c, i) => {
      const o = obj(c);
      if (o !== undefined) out.push({ c: o, name: str(o['name']), path: ['spec', field, i] });
    });
  }
  return out;
}

function sc(c: Json): Json | undefined {
  return obj(c['securityContext']);
}
function podSc(spec: Json): Json | undefined {
  return obj(spec['securityContext']);
}

function pluralize(one: string, many: string, n: number): string {
  return n === 1 ? one : many;
}
/** Upstream's joinQuote: each item in double quotes, without escaping. */
function joinQuote(items: readonly string[]): string {
  return items.length === 0 ? '' : `"${items.join('", "')}"`;
}
function uniqSorted(items: Iterable<string>): string[] {
  return [...new Set(items)].sort();
}
function containersPhrase(names: readonly string[]): string {
  return `${pluralize('container', 'containers', names.length)} ${joinQuote(names)}`;
}
function isWindows(spec: Json): boolean {
  return str(obj(spec['os'])?.['name']) === 'windows';
}
/** KEP-127: pods in a user namespace (`hostUsers: false`) get relaxations from policy 1.35. */
function userNamespacePod(spec: Json): boolean {
  return spec['hostUsers'] === false;
}

// ---- baseline ---------------------------------------------------------------------------------

const hostNamespaces: CheckPodFn = ({ spec }) => {
  const bad: string[] = [];
  const paths: FieldPath[] = [];
  for (const f of ['hostNetwork', 'hostPID', 'hostIPC'] as const) {
    if (spec[f] === true) {
      bad.push(`${f}=true`);
      paths.push(['spec', f]);
    }
  }
  return bad.length > 0 ? { detail: bad.join(', '), paths } : undefined;
};

const privileged: CheckPodFn = ({ spec }) => {
  const bad = containers(spec).filter((r) => sc(r.c)?.['privileged'] === true);
  if (bad.length === 0) return undefined;
  return {
    detail: `${containersPhrase(bad.map((b) => b.name))} must not set securityContext.privileged=true`,
    paths: bad.map((b) => [...b.path, 'securityContext', 'privileged']),
  };
};

/** Capabilities the baseline level lets a container add (PSS, since v1.0). */
export const CAPABILITIES_ALLOWED_1_0: ReadonlySet<string> = new Set([
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
]);

const capabilitiesBaseline: CheckPodFn = ({ spec }) => {
  const names: string[] = [];
  const caps = new Set<string>();
  const paths: FieldPath[] = [];
  for (const r of containers(spec)) {
    let bad = false;
    arr(obj(sc(r.c)?.['capabilities'])?.['add']).forEach((cap, i) => {
      if (!CAPABILITIES_ALLOWED_1_0.has(str(cap))) {
        bad = true;
        caps.add(str(cap));
        paths.push([...r.path, 'securityContext', 'capabilities', 'add', i]);
      }
    });
    if (bad) names.push(r.name);
  }
  if (names.length === 0) return undefined;
  return {
    detail: `${containersPhrase(names)} must not include ${joinQuote(uniqSorted(caps))} in securityContext.capabilities.add`,
    paths,
  };
};

const hostPathVolumes: CheckPodFn = ({ spec }) => {
  const names: string[] = [];
  const paths: FieldPath[] = [];
  arr(spec['volumes']).forEach((v, i) => {
    const o = obj(v);
    if (o !== undefined && isSet(o['hostPath'])) {
      names.push(str(o['name']));
      paths.push(['spec', 'volumes', i, 'hostPath']);
    }
  });
  if (names.length === 0) return undefined;
  return { detail: `${pluralize('volume', 'volumes', names.length)} ${joinQuote(names)}`, paths };
};

const hostPorts: CheckPodFn = ({ spec }) => {
  const names: string[] = [];
  // Upstream collects them in a string set and lists it sorted (as strings: "10000" before "80").
  const ports = new Set<string>();
  const paths: FieldPath[] = [];
  for (const r of containers(spec)) {
    let bad = false;
    arr(r.c['ports']).forEach((p, i) => {
      const hp = obj(p)?.['hostPort'];
      if (typeof hp === 'number' && hp !== 0) {
        bad = true;
        ports.add(String(hp));
        paths.push([...r.path, 'ports', i, 'hostPort']);
      }
    });
    if (bad) names.push(r.name);
  }
  if (names.length === 0) return undefined;
  return {
    detail: `${containersPhrase(names)} ${pluralize('uses', 'use', names.length)} ${pluralize('hostPort', 'hostPorts', ports.size)} ${uniqSorted(ports).join(', ')}`,
    paths,
  };
};

const APPARMOR_ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

const appArmorProfile: CheckPodFn = ({ metadata, spec }) => {
  const setters: string[] = [];
  const values = new Set<string>();
  const paths: FieldPath[] = [];
  const okType = (t: unknown): boolean => t === 'RuntimeDefault' || t === 'Localhost';
  const podProfile = obj(podSc(spec)?.['appArmorProfile']);
  if (podProfile !== undefined && !okType(podProfile['type'])) {
    setters.push('pod');
    values.add(str(podProfile['type']));
    paths.push(['spec', 'securityContext', 'appArmorProfile', 'type']);
  }
  const names: string[] = [];
  for (const r of containers(spec)) {
    const p = obj(sc(r.c)?.['appArmorProfile']);
    if (p !== undefined && !okType(p['type'])) {
      names.push(r.name);
      values.add(str(p['type']));
      paths.push([...r.path, 'securityContext', 'appArmorProfile', 'type']);
    }
  }
  if (names.length > 0) setters.push(containersPhrase(names));
  const valueList = [...values].sort();
  const annotations: string[] = [];
  for (const [k, v] of Object.entries(obj(metadata['annotations']) ?? {})) {
    const value = str(v);
    if (
      k.startsWith(APPARMOR_ANNOTATION_PREFIX) &&
      !(value === '' || value === 'runtime/default' || value.startsWith('localhost/'))
    ) {
      annotations.push(`${k}=${JSON.stringify(value)}`);
      paths.push(['metadata', 'annotations', k]);
    }
  }
  if (annotations.length > 0) {
    annotations.sort();
    valueList.push(...annotations);
    setters.push(pluralize('annotation', 'annotations', annotations.length));
  }
  if (setters.length === 0) return undefined;
  return {
    detail: `${setters.join(' and ')} must not set AppArmor profile type to ${joinQuote(valueList)}`,
    paths,
    reason: pluralize('forbidden AppArmor profile', 'forbidden AppArmor profiles', valueList.length),
  };
};

function seLinuxOptions(allowedTypes: ReadonlySet<string>): CheckPodFn {
  return ({ spec }) => {
    const setters: string[] = [];
    const badTypes = new Set<string>();
    let setUser = false;
    let setRole = false;
    const paths: FieldPath[] = [];
    const valid = (o: Json, at: FieldPath): boolean => {
      let ok = true;
      const t = str(o['type']);
      if (!allowedTypes.has(t)) {
        ok = false;
        badTypes.add(t);
        paths.push([...at, 'type']);
      }
      if (str(o['user']).length > 0) {
        ok = false;
        setUser = true;
        paths.push([...at, 'user']);
      }
      if (str(o['role']).length > 0) {
        ok = false;
        setRole = true;
        paths.push([...at, 'role']);
      }
      return ok;
    };
    const pod = obj(podSc(spec)?.['seLinuxOptions']);
    if (pod !== undefined && !valid(pod, ['spec', 'securityContext', 'seLinuxOptions'])) setters.push('pod');
    const names: string[] = [];
    for (const r of containers(spec)) {
      const o = obj(sc(r.c)?.['seLinuxOptions']);
      if (o !== undefined && !valid(o, [...r.path, 'securityContext', 'seLinuxOptions'])) names.push(r.name);
    }
    if (names.length > 0) setters.push(containersPhrase(names));
    if (setters.length === 0) return undefined;
    const data: string[] = [];
    if (badTypes.size > 0) {
      data.push(`${pluralize('type', 'types', badTypes.size)} ${joinQuote(uniqSorted(badTypes))}`);
    }
    if (setUser) data.push('user may not be set');
    if (setRole) data.push('role may not be set');
    return {
      detail: `${setters.join(' and ')} set forbidden securityContext.seLinuxOptions: ${data.join('; ')}`,
      paths,
    };
  };
}
const SELINUX_TYPES_1_0 = new Set(['', 'container_t', 'container_init_t', 'container_kvm_t']);
const SELINUX_TYPES_1_31 = new Set([...SELINUX_TYPES_1_0, 'container_engine_t']);

const procMountStrict: CheckPodFn = ({ spec }) => {
  const names: string[] = [];
  const types = new Set<string>();
  const paths: FieldPath[] = [];
  for (const r of containers(spec)) {
    const pm = sc(r.c)?.['procMount'];
    if (isSet(pm) && pm !== 'Default') {
      names.push(r.name);
      types.add(str(pm));
      paths.push([...r.path, 'securityContext', 'procMount']);
    }
  }
  if (names.length === 0) return undefined;
  return {
    detail: `${containersPhrase(names)} must not set securityContext.procMount to ${joinQuote(uniqSorted(types))}`,
    paths,
  };
};
const procMountBaseline135: CheckPodFn = (pod) =>
  userNamespacePod(pod.spec) ? undefined : procMountStrict(pod);

const SECCOMP_POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
const SECCOMP_CONTAINER_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';

const seccompBaseline10: CheckPodFn = ({ metadata, spec }) => {
  const annotations = obj(metadata['annotations']) ?? {};
  const okValue = (v: string): boolean =>
    v === 'runtime/default' || v === 'docker/default' || v.startsWith('localhost/');
  const forbidden = new Set<string>();
  const paths: FieldPath[] = [];
  const podValue = annotations[SECCOMP_POD_ANNOTATION];
  if (podValue !== undefined && !okValue(str(podValue))) {
    forbidden.add(`${SECCOMP_POD_ANNOTATION}=${JSON.stringify(str(podValue))}`);
    paths.push(['metadata', 'annotations', SECCOMP_POD_ANNOTATION]);
  }
  for (const r of containers(spec)) {
    const key = SECCOMP_CONTAINER_PREFIX + r.name;
    const v = annotations[key];
    if (v !== undefined && !okValue(str(v))) {
      forbidden.add(`${key}=${JSON.stringify(str(v))}`);
      paths.push(['metadata', 'annotations', key]);
    }
  }
  if (forbidden.size === 0) return undefined;
  return {
    detail: `forbidden ${pluralize('annotation', 'annotations', forbidden.size)} ${uniqSorted(forbidden).join(', ')}`,
    paths,
  };
};

function validSeccomp(t: unknown): boolean {
  return t === 'RuntimeDefault' || t === 'Localhost';
}

/** Baseline (1.19+) when `requireSet` is false; restricted (1.19+) when true. */
function seccompFields(requireSet: boolean): CheckPodFn {
  return ({ spec }) => {
    const setters: string[] = [];
    const values = new Set<string>();
    const paths: FieldPath[] = [];
    let podSet = false;
    const podProfile = obj(podSc(spec)?.['seccompProfile']);
    if (podProfile !== undefined) {
      if (!validSeccomp(podProfile['type'])) {
        setters.push('pod');
        values.add(str(podProfile['type']));
        paths.push(['spec', 'securityContext', 'seccompProfile', 'type']);
      } else {
        podSet = true;
      }
    }
    const explicit: string[] = [];
    const implicit: string[] = [];
    const implicitPaths: FieldPath[] = [];
    for (const r of containers(spec)) {
      const p = obj(sc(r.c)?.['seccompProfile']);
      if (p !== undefined) {
        if (!validSeccomp(p['type'])) {
          explicit.push(r.name);
          values.add(str(p['type']));
          paths.push([...r.path, 'securityContext', 'seccompProfile', 'type']);
        }
      } else if (requireSet && !podSet) {
        implicit.push(r.name);
        implicitPaths.push(r.path);
      }
    }
    if (explicit.length > 0) setters.push(containersPhrase(explicit));
    if (setters.length > 0) {
      return {
        detail: `${setters.join(' and ')} must not set securityContext.seccompProfile.type to ${joinQuote(uniqSorted(values))}`,
        paths,
      };
    }
    if (implicit.length > 0) {
      return {
        detail: `pod or ${containersPhrase(implicit)} must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"`,
        paths: implicitPaths,
      };
    }
    return undefined;
  };
}

const SYSCTLS_1_0 = [
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_unprivileged_port_start',
];
const SYSCTLS_1_27 = [...SYSCTLS_1_0, 'net.ipv4.ip_local_reserved_ports'];
const SYSCTLS_1_29 = [
  ...SYSCTLS_1_27,
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
];
const SYSCTLS_1_32 = [...SYSCTLS_1_29, 'net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem'];
const SYSCTLS_1_37 = [...SYSCTLS_1_32, 'net.ipv4.tcp_slow_start_after_idle', 'net.ipv4.tcp_notsent_lowat'];

/** The sysctls baseline allows at a policy minor version. */
export function allowedSysctls(minor: number): readonly string[] {
  if (minor >= 37) return SYSCTLS_1_37;
  if (minor >= 32) return SYSCTLS_1_32;
  if (minor >= 29) return SYSCTLS_1_29;
  if (minor >= 27) return SYSCTLS_1_27;
  return SYSCTLS_1_0;
}

function sysctls(allowed: readonly string[]): CheckPodFn {
  const set = new Set(allowed);
  return ({ spec }) => {
    const bad: string[] = [];
    const paths: FieldPath[] = [];
    arr(podSc(spec)?.['sysctls']).forEach((s, i) => {
      const name = str(obj(s)?.['name']);
      if (!set.has(name)) {
        bad.push(name);
        paths.push(['spec', 'securityContext', 'sysctls', i, 'name']);
      }
    });
    return bad.length > 0 ? { detail: bad.join(', '), paths } : undefined;
  };
}

const windowsHostProcess: CheckPodFn = ({ spec }) => {
  const names: string[] = [];
  const paths: FieldPath[] = [];
  for (const r of containers(spec)) {
    if (obj(sc(r.c)?.['windowsOptions'])?.['hostProcess'] === true) {
      names.push(r.name);
      paths.push([...r.path, 'securityContext', 'windowsOptions', 'hostProcess']);
    }
  }
  const podHost = obj(podSc(spec)?.['windowsOptions'])?.['hostProcess'] === true;
  if (podHost) paths.push(['spec', 'securityContext', 'windowsOptions', 'hostProcess']);
  if (names.length === 0 && !podHost) return undefined;
  const setters: string[] = [];
  if (podHost) setters.push('pod');
  if (names.length > 0) setters.push(containersPhrase(names));
  return {
    detail: `${setters.join(' and ')} must not set securityContext.windowsOptions.hostProcess=true`,
    paths,
  };
};

const hostProbesAndHostLifecycle: CheckPodFn = ({ spec }) => {
  const names = new Set<string>();
  const hosts = new Set<string>();
  const paths: FieldPath[] = [];
  for (const r of containers(spec)) {
    const handlers: [FieldPath, Json | undefined][] = [
      [['livenessProbe'], obj(r.c['livenessProbe'])],
      [['readinessProbe'], obj(r.c['readinessProbe'])],
      [['startupProbe'], obj(r.c['startupProbe'])],
      [['lifecycle', 'postStart'], obj(obj(r.c['lifecycle'])?.['postStart'])],
      [['lifecycle', 'preStop'], obj(obj(r.c['lifecycle'])?.['preStop'])],
    ];
    for (const [sub, h] of handlers) {
      if (h === undefined) continue;
      for (const kind of ['httpGet', 'tcpSocket'] as const) {
        const host = str(obj(h[kind])?.['host']);
        if (host !== '') {
          names.add(r.name);
          hosts.add(host);
          paths.push([...r.path, ...sub, kind, 'host']);
        }
      }
    }
  }
  if (names.size === 0) return undefined;
  const n = uniqSorted(names);
  return {
    detail: `${containersPhrase(n)} ${pluralize('uses', 'use', n.length)} ${pluralize('probe or lifecycle host', 'probe or lifecycle hosts', hosts.size)} ${joinQuote(uniqSorted(hosts))}`,
    paths,
  };
};

// ---- restricted -------------------------------------------------------------------------------

const RESTRICTED_VOLUME_SOURCES = [
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'image',
  'persistentVolumeClaim',
  'projected',
  'secret',
];

const restrictedVolumes: CheckPodFn = ({ spec }) => {
  const names: string[] = [];
  const types = new Set<string>();
  const paths: FieldPath[] = [];
  arr(spec['volumes']).forEach((v, i) => {
    const o = obj(v);
    if (o === undefined) return;
    if (RESTRICTED_VOLUME_SOURCES.some((k) => isSet(o[k]))) return;
    // A volume with no source: the API server defaults it to emptyDir before admission.
    const source = Object.keys(o).find((k) => k !== 'name' && isSet(o[k]));
    if (source === undefined) return;
    names.push(str(o['name']));
    types.add(source);
    paths.push(['spec', 'volumes', i, source]);
  });
  if (names.length === 0) return undefined;
  return {
    detail: `${pluralize('volume', 'volumes', names.length)} ${joinQuote(names)} ${pluralize('uses', 'use', names.length)} restricted volume ${pluralize('type', 'types', types.size)} ${joinQuote(uniqSorted(types))}`,
    paths,
  };
};

const allowPrivilegeEscalation18: CheckPodFn = ({ spec }) => {
  const bad = containers(spec).filter((r) => sc(r.c)?.['allowPrivilegeEscalation'] !== false);
  if (bad.length === 0) return undefined;
  return {
    detail: `${containersPhrase(bad.map((b) => b.name))} must set securityContext.allowPrivilegeEscalation=false`,
    paths: bad.map((b) => [...b.path, 'securityContext', 'allowPrivilegeEscalation']),
  };
};
const windowsExempt =
  (fn: CheckPodFn): CheckPodFn =>
  (pod) =>
    isWindows(pod.spec) ? undefined : fn(pod);

const runAsNonRoot10: CheckPodFn = ({ spec }) => {
  const setters: string[] = [];
  const paths: FieldPath[] = [];
  let podNonRoot = false;
  const podValue = podSc(spec)?.['runAsNonRoot'];
  if (typeof podValue === 'boolean') {
    if (!podValue) {
      setters.push('pod');
      paths.push(['spec', 'securityContext', 'runAsNonRoot']);
    } else podNonRoot = true;
  }
  const explicit: string[] = [];
  const implicit: string[] = [];
  const implicitPaths: FieldPath[] = [];
  for (const r of containers(spec)) {
    const v = sc(r.c)?.['runAsNonRoot'];
    if (typeof v === 'boolean') {
      if (!v) {
        explicit.push(r.name);
        paths.push([...r.path, 'securityContext', 'runAsNonRoot']);
      }
    } else if (!podNonRoot) {
      implicit.push(r.name);
      implicitPaths.push(r.path);
    }
  }
  if (explicit.length > 0) setters.push(containersPhrase(explicit));
  if (setters.length > 0) {
    return { detail: `${setters.join(' and ')} must not set securityContext.runAsNonRoot=false`, paths };
  }
  if (implicit.length > 0) {
    return {
      detail: `pod or ${containersPhrase(implicit)} must set securityContext.runAsNonRoot=true`,
      paths: implicitPaths,
    };
  }
  return undefined;
};

const runAsUser123: CheckPodFn = ({ spec }) => {
  const setters: string[] = [];
  const paths: FieldPath[] = [];
  if (podSc(spec)?.['runAsUser'] === 0) {
    setters.push('pod');
    paths.push(['spec', 'securityContext', 'runAsUser']);
  }
  const names: string[] = [];
  for (const r of containers(spec)) {
    if (sc(r.c)?.['runAsUser'] === 0) {
      names.push(r.name);
      paths.push([...r.path, 'securityContext', 'runAsUser']);
    }
  }
  if (names.length > 0) setters.push(containersPhrase(names));
  if (setters.length === 0) return undefined;
  return { detail: `${setters.join(' and ')} must not set runAsUser=0`, paths };
};

const userNamespaceRelaxed =
  (fn: CheckPodFn): CheckPodFn =>
  (pod) =>
    userNamespacePod(pod.spec) ? undefined : fn(pod);

const capabilitiesRestricted122: CheckPodFn = ({ spec }) => {
  const missingDrop: string[] = [];
  const adding: string[] = [];
  const caps = new Set<string>();
  const paths: FieldPath[] = [];
  for (const r of containers(spec)) {
    const capabilities = obj(sc(r.c)?.['capabilities']);
    if (capabilities === undefined) {
      missingDrop.push(r.name);
      paths.push([...r.path, 'securityContext', 'capabilities']);
      continue;
    }
    if (!arr(capabilities['drop']).includes('ALL')) {
      missingDrop.push(r.name);
      paths.push([...r.path, 'securityContext', 'capabilities', 'drop']);
    }
    let bad = false;
    arr(capabilities['add']).forEach((c, i) => {
      if (c !== 'NET_BIND_SERVICE') {
        bad = true;
        caps.add(str(c));
        paths.push([...r.path, 'securityContext', 'capabilities', 'add', i]);
      }
    });
    if (bad) adding.push(r.name);
  }
  const details: string[] = [];
  if (missingDrop.length > 0) {
    details.push(`${containersPhrase(missingDrop)} must set securityContext.capabilities.drop=["ALL"]`);
  }
  if (adding.length > 0) {
    details.push(
      `${containersPhrase(adding)} must not include ${joinQuote(uniqSorted(caps))} in securityContext.capabilities.add`,
    );
  }
  return details.length > 0 ? { detail: details.join('; '), paths } : undefined;
};

// ---- registry ---------------------------------------------------------------------------------

/** Every upstream check, in upstream's registration order within each level. */
export const PSS_CHECKS: readonly PssCheck[] = [
  {
    id: 'hostNamespaces',
    level: 'baseline',
    reason: 'host namespaces',
    versions: [{ min: 0, fn: hostNamespaces }],
  },
  { id: 'privileged', level: 'baseline', reason: 'privileged', versions: [{ min: 0, fn: privileged }] },
  {
    id: 'capabilities_baseline',
    level: 'baseline',
    reason: 'non-default capabilities',
    versions: [{ min: 0, fn: capabilitiesBaseline }],
  },
  {
    id: 'hostPathVolumes',
    level: 'baseline',
    reason: 'hostPath volumes',
    versions: [{ min: 0, fn: hostPathVolumes }],
  },
  { id: 'hostPorts', level: 'baseline', reason: 'hostPort', versions: [{ min: 0, fn: hostPorts }] },
  {
    id: 'appArmorProfile',
    level: 'baseline',
    reason: 'forbidden AppArmor profile',
    versions: [{ min: 0, fn: appArmorProfile }],
  },
  {
    id: 'seLinuxOptions',
    level: 'baseline',
    reason: 'seLinuxOptions',
    versions: [
      { min: 0, fn: seLinuxOptions(SELINUX_TYPES_1_0) },
      { min: 31, fn: seLinuxOptions(SELINUX_TYPES_1_31) },
    ],
  },
  {
    id: 'procMount',
    level: 'baseline',
    reason: 'procMount',
    versions: [
      { min: 0, fn: procMountStrict },
      { min: 35, fn: procMountBaseline135 },
    ],
  },
  {
    id: 'seccompProfile_baseline',
    level: 'baseline',
    reason: 'seccompProfile',
    versions: [
      { min: 0, fn: seccompBaseline10 },
      { min: 19, fn: seccompFields(false) },
    ],
  },
  {
    id: 'sysctls',
    level: 'baseline',
    reason: 'forbidden sysctls',
    versions: [
      { min: 0, fn: sysctls(SYSCTLS_1_0) },
      { min: 27, fn: sysctls(SYSCTLS_1_27) },
      { min: 29, fn: sysctls(SYSCTLS_1_29) },
      { min: 32, fn: sysctls(SYSCTLS_1_32) },
      { min: 37, fn: sysctls(SYSCTLS_1_37) },
    ],
  },
  {
    id: 'windowsHostProcess',
    level: 'baseline',
    reason: 'hostProcess',
    versions: [{ min: 0, fn: windowsHostProcess }],
  },
  {
    id: 'hostProbesAndHostLifecycle',
    level: 'baseline',
    reason: 'probe or lifecycle host',
    versions: [{ min: 34, fn: hostProbesAndHostLifecycle }],
  },
  {
    id: 'restrictedVolumes',
    level: 'restricted',
    reason: 'restricted volume types',
    versions: [{ min: 0, fn: restrictedVolumes }],
    overrides: ['hostPathVolumes'],
  },
  {
    id: 'allowPrivilegeEscalation',
    level: 'restricted',
    reason: 'allowPrivilegeEscalation != false',
    versions: [
      { min: 8, fn: allowPrivilegeEscalation18 },
      { min: 25, fn: windowsExempt(allowPrivilegeEscalation18) },
    ],
  },
  {
    id: 'runAsNonRoot',
    level: 'restricted',
    reason: 'runAsNonRoot != true',
    versions: [
      { min: 0, fn: runAsNonRoot10 },
      { min: 35, fn: userNamespaceRelaxed(runAsNonRoot10) },
    ],
  },
  {
    id: 'runAsUser',
    level: 'restricted',
    reason: 'runAsUser=0',
    versions: [
      { min: 23, fn: runAsUser123 },
      { min: 35, fn: userNamespaceRelaxed(runAsUser123) },
    ],
  },
  {
    id: 'seccompProfile_restricted',
    level: 'restricted',
    reason: 'seccompProfile',
    versions: [
      { min: 19, fn: seccompFields(true) },
      { min: 25, fn: windowsExempt(seccompFields(true)) },
    ],
    overrides: ['seccompProfile_baseline'],
  },
  {
    id: 'capabilities_restricted',
    level: 'restricted',
    reason: 'unrestricted capabilities',
    versions: [
      { min: 22, fn: capabilitiesRestricted122 },
      { min: 25, fn: windowsExempt(capabilitiesRestricted122) },
    ],
    overrides: ['capabilities_baseline'],
  },
  {
    id: 'procMount_restricted',
    level: 'restricted',
    reason: 'procMount',
    versions: [{ min: 35, fn: procMountStrict }],
    overrides: ['procMount'],
  },
];

function activeFn(check: PssCheck, minor: number): CheckPodFn | undefined {
  let fn: CheckPodFn | undefined;
  for (const v of check.versions) if (v.min <= minor) fn = v.fn;
  return fn;
}

/** The checks of each level and version asked for, worked out once (not once per pod). */
const ACTIVE = new Map<string, readonly { check: PssCheck; fn: CheckPodFn }[]>();

/** The checks a level and version evaluate, with the function each uses. */
function activeChecks(level: PssLevel, minor: number): readonly { check: PssCheck; fn: CheckPodFn }[] {
  const key = `${level} ${minor}`;
  let active = ACTIVE.get(key);
  if (active === undefined) {
    active = computeActiveChecks(level, minor);
    ACTIVE.set(key, active);
  }
  return active;
}

function computeActiveChecks(level: PssLevel, minor: number): { check: PssCheck; fn: CheckPodFn }[] {
  const active = PSS_CHECKS.flatMap((check) => {
    if (level === 'baseline' && check.level !== 'baseline') return [];
    const fn = activeFn(check, minor);
    return fn === undefined ? [] : [{ check, fn }];
  });
  const overridden = new Set(active.flatMap((a) => a.check.overrides ?? []));
  return active.filter((a) => !overridden.has(a.check.id));
}

/** Evaluates a pod against a level and version; an empty list means the pod is allowed. */
export function evaluatePodSecurity(pod: PodView, level: PssLevel, version: PssVersion): PssViolation[] {
  const out: PssViolation[] = [];
  const outer = evaluating;
  evaluating = { spec: pod.spec, containers: listContainers(pod.spec) };
  try {
    for (const { check, fn } of activeChecks(level, version.minor)) {
      const bad = fn(pod);
      if (bad === undefined) continue;
      out.push({
        check: check.id,
        level: check.level,
        reason: bad.reason ?? check.reason,
        detail: bad.detail,
        paths: bad.paths,
      });
    }
  } finally {
    evaluating = outer;
  }
  return out;
}
