/**
 * Quai's Pod Security Standards against the real Pod Security Admission: a broad generated set
 * of pods (each PSS-relevant field varied alone, then in seeded random combinations) is sent to
 * the API server with a server-side dry-run create in namespaces that enforce baseline or
 * restricted (latest and pinned versions). The server's verdict and the checks its message names
 * must equal Quai's, pod by pod and check by check.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit, KubeApiError, type KubeClient, type KubeObject } from '@quai/core';
import { createNamespace, deleteNamespace, testClient } from './helpers.js';

type Json = Record<string, unknown>;
type Mutation = readonly [string, (pod: Json) => void];

const spec = (p: Json): Json => p['spec'] as Json;
const podSc = (p: Json): Json => {
  const s = spec(p);
  s['securityContext'] ??= {};
  return s['securityContext'] as Json;
};
const containers = (p: Json): Json[] => spec(p)['containers'] as Json[];
const first = (p: Json): Json => containers(p)[0] as Json;
const csc = (c: Json): Json => {
  c['securityContext'] ??= {};
  return c['securityContext'] as Json;
};
const annotate = (p: Json, k: string, v: string): void => {
  const meta = p['metadata'] as Json;
  meta['annotations'] = { ...(meta['annotations'] ?? {}), [k]: v };
};
const addVolume = (p: Json, v: Json): void => {
  const s = spec(p);
  s['volumes'] = [...((s['volumes'] as Json[] | undefined) ?? []), v];
};

/** A pod that satisfies restricted: every mutation starts from it. */
function restrictedPod(): Json {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p' },
    spec: {
      securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
      containers: [
        {
          name: 'app',
          image: 'registry.example/app:1.0',
          securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
        },
      ],
    },
  };
}

const MUTATIONS: readonly Mutation[] = [
  ['hostNetwork', (p) => void (spec(p)['hostNetwork'] = true)],
  ['hostPID', (p) => void (spec(p)['hostPID'] = true)],
  ['hostIPC', (p) => void (spec(p)['hostIPC'] = true)],
  ['hostNetwork=false', (p) => void (spec(p)['hostNetwork'] = false)],
  [
    'privileged',
    (p) => {
      csc(first(p))['privileged'] = true;
      delete csc(first(p))['allowPrivilegeEscalation'];
    },
  ],
  ['privileged=false', (p) => void (csc(first(p))['privileged'] = false)],
  ['add NET_RAW', (p) => void ((csc(first(p))['capabilities'] as Json)['add'] = ['NET_RAW'])],
  [
    'add SYS_ADMIN+CHOWN',
    (p) => void ((csc(first(p))['capabilities'] as Json)['add'] = ['SYS_ADMIN', 'CHOWN']),
  ],
  ['add CHOWN', (p) => void ((csc(first(p))['capabilities'] as Json)['add'] = ['CHOWN'])],
  [
    'add NET_BIND_SERVICE',
    (p) => void ((csc(first(p))['capabilities'] as Json)['add'] = ['NET_BIND_SERVICE']),
  ],
  ['drop nothing', (p) => void ((csc(first(p))['capabilities'] as Json)['drop'] = [])],
  ['drop NET_RAW only', (p) => void ((csc(first(p))['capabilities'] as Json)['drop'] = ['NET_RAW'])],
  ['no capabilities', (p) => void delete csc(first(p))['capabilities']],
  ['hostPath volume', (p) => addVolume(p, { name: 'host', hostPath: { path: '/var/log' } })],
  ['nfs volume', (p) => addVolume(p, { name: 'nfs', nfs: { server: 'nfs.example', path: '/export' } })],
  ['emptyDir volume', (p) => addVolume(p, { name: 'tmp', emptyDir: {} })],
  ['configMap volume', (p) => addVolume(p, { name: 'cfg', configMap: { name: 'cfg' } })],
  ['image volume', (p) => addVolume(p, { name: 'img', image: { reference: 'registry.example/data:1' } })],
  ['pvc volume', (p) => addVolume(p, { name: 'data', persistentVolumeClaim: { claimName: 'data' } })],
  [
    'ephemeral volume',
    (p) =>
      addVolume(p, {
        name: 'eph',
        ephemeral: {
          volumeClaimTemplate: {
            spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
          },
        },
      }),
  ],
  ['hostPort', (p) => void (first(p)['ports'] = [{ containerPort: 8080, hostPort: 8080 }])],
  ['containerPort only', (p) => void (first(p)['ports'] = [{ containerPort: 8080 }])],
  ['apparmor pod Unconfined', (p) => void (podSc(p)['appArmorProfile'] = { type: 'Unconfined' })],
  ['apparmor container Unconfined', (p) => void (csc(first(p))['appArmorProfile'] = { type: 'Unconfined' })],
  ['apparmor RuntimeDefault', (p) => void (podSc(p)['appArmorProfile'] = { type: 'RuntimeDefault' })],
  [
    'apparmor Localhost',
    (p) => void (csc(first(p))['appArmorProfile'] = { type: 'Localhost', localhostProfile: 'k8s-app' }),
  ],
  [
    'apparmor annotation unconfined',
    (p) => annotate(p, 'container.apparmor.security.beta.kubernetes.io/app', 'unconfined'),
  ],
  [
    'apparmor annotation runtime/default',
    (p) => annotate(p, 'container.apparmor.security.beta.kubernetes.io/app', 'runtime/default'),
  ],
  ['selinux type spc_t', (p) => void (podSc(p)['seLinuxOptions'] = { type: 'spc_t' })],
  ['selinux container_t', (p) => void (csc(first(p))['seLinuxOptions'] = { type: 'container_t' })],
  [
    'selinux container_engine_t',
    (p) => void (csc(first(p))['seLinuxOptions'] = { type: 'container_engine_t' }),
  ],
  ['selinux user', (p) => void (csc(first(p))['seLinuxOptions'] = { user: 'system_u' })],
  ['selinux role', (p) => void (podSc(p)['seLinuxOptions'] = { role: 'system_r', level: 's0:c1,c2' })],
  ['procMount Unmasked', (p) => void (csc(first(p))['procMount'] = 'Unmasked')],
  ['procMount Default', (p) => void (csc(first(p))['procMount'] = 'Default')],
  ['hostUsers false', (p) => void (spec(p)['hostUsers'] = false)],
  [
    'hostUsers false + Unmasked',
    (p) => {
      spec(p)['hostUsers'] = false;
      csc(first(p))['procMount'] = 'Unmasked';
    },
  ],
  ['seccomp pod Unconfined', (p) => void (podSc(p)['seccompProfile'] = { type: 'Unconfined' })],
  ['seccomp container Unconfined', (p) => void (csc(first(p))['seccompProfile'] = { type: 'Unconfined' })],
  [
    'seccomp container Localhost',
    (p) =>
      void (csc(first(p))['seccompProfile'] = { type: 'Localhost', localhostProfile: 'profiles/app.json' }),
  ],
  ['seccomp pod unset', (p) => void delete podSc(p)['seccompProfile']],
  [
    'seccomp pod annotation unconfined',
    (p) => {
      delete podSc(p)['seccompProfile'];
      annotate(p, 'seccomp.security.alpha.kubernetes.io/pod', 'unconfined');
    },
  ],
  [
    'seccomp container annotation runtime/default',
    (p) => annotate(p, 'container.seccomp.security.alpha.kubernetes.io/app', 'runtime/default'),
  ],
  [
    'seccomp only on container',
    (p) => {
      delete podSc(p)['seccompProfile'];
      csc(first(p))['seccompProfile'] = { type: 'RuntimeDefault' };
    },
  ],
  [
    'sysctl shm_rmid_forced',
    (p) => void (podSc(p)['sysctls'] = [{ name: 'kernel.shm_rmid_forced', value: '0' }]),
  ],
  [
    'sysctl ip_local_reserved_ports',
    (p) => void (podSc(p)['sysctls'] = [{ name: 'net.ipv4.ip_local_reserved_ports', value: '30000' }]),
  ],
  [
    'sysctl tcp_keepalive_time',
    (p) => void (podSc(p)['sysctls'] = [{ name: 'net.ipv4.tcp_keepalive_time', value: '600' }]),
  ],
  [
    'sysctl tcp_rmem',
    (p) => void (podSc(p)['sysctls'] = [{ name: 'net.ipv4.tcp_rmem', value: '4096 87380 6291456' }]),
  ],
  [
    'sysctl tcp_slow_start_after_idle',
    (p) => void (podSc(p)['sysctls'] = [{ name: 'net.ipv4.tcp_slow_start_after_idle', value: '0' }]),
  ],
  ['sysctl kernel.msgmax', (p) => void (podSc(p)['sysctls'] = [{ name: 'kernel.msgmax', value: '65536' }])],
  [
    'sysctls mixed',
    (p) =>
      void (podSc(p)['sysctls'] = [
        { name: 'net.core.somaxconn', value: '1024' },
        { name: 'kernel.shm_rmid_forced', value: '1' },
        { name: 'kernel.msgmnb', value: '65536' },
      ]),
  ],
  ['runAsNonRoot pod false', (p) => void (podSc(p)['runAsNonRoot'] = false)],
  ['runAsNonRoot container false', (p) => void (csc(first(p))['runAsNonRoot'] = false)],
  [
    'runAsNonRoot only on container',
    (p) => {
      delete podSc(p)['runAsNonRoot'];
      csc(first(p))['runAsNonRoot'] = true;
    },
  ],
  ['runAsNonRoot unset', (p) => void delete podSc(p)['runAsNonRoot']],
  ['runAsUser pod 0', (p) => void (podSc(p)['runAsUser'] = 0)],
  ['runAsUser container 0', (p) => void (csc(first(p))['runAsUser'] = 0)],
  ['runAsUser 1000', (p) => void (podSc(p)['runAsUser'] = 1000)],
  ['allowPrivilegeEscalation true', (p) => void (csc(first(p))['allowPrivilegeEscalation'] = true)],
  ['allowPrivilegeEscalation unset', (p) => void delete csc(first(p))['allowPrivilegeEscalation']],
  ['no container securityContext', (p) => void delete first(p)['securityContext']],
  [
    'liveness httpGet host',
    (p) => void (first(p)['livenessProbe'] = { httpGet: { host: '10.0.0.1', port: 8080, path: '/' } }),
  ],
  [
    'readiness tcpSocket host',
    (p) => void (first(p)['readinessProbe'] = { tcpSocket: { host: 'db.internal', port: 5432 } }),
  ],
  [
    'startup httpGet no host',
    (p) => void (first(p)['startupProbe'] = { httpGet: { port: 8080, path: '/' } }),
  ],
  [
    'postStart httpGet host',
    (p) =>
      void (first(p)['lifecycle'] = {
        postStart: { httpGet: { host: '169.254.169.254', port: 80, path: '/' } },
      }),
  ],
  [
    'init container privileged',
    (p) =>
      void (spec(p)['initContainers'] = [
        { name: 'init', image: 'registry.example/init:1', securityContext: { privileged: true } },
      ]),
  ],
  [
    'restricted init container',
    (p) =>
      void (spec(p)['initContainers'] = [
        {
          name: 'init',
          image: 'registry.example/init:1',
          securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
        },
      ]),
  ],
  [
    'sidecar without securityContext',
    (p) =>
      void (spec(p)['initContainers'] = [
        { name: 'proxy', image: 'registry.example/proxy:1', restartPolicy: 'Always' },
      ]),
  ],
  [
    'second container bare',
    (p) => void containers(p).push({ name: 'side', image: 'registry.example/side:1' }),
  ],
];

/** Windows pods: Linux-only fields are invalid there, so they get their own variants. */
function windowsPods(): [string, Json][] {
  const base = (): Json => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p' },
    spec: {
      os: { name: 'windows' },
      securityContext: { runAsNonRoot: true },
      containers: [{ name: 'app', image: 'registry.example/win:1' }],
    },
  });
  const hostProcess = base();
  spec(hostProcess)['hostNetwork'] = true;
  podSc(hostProcess)['windowsOptions'] = { hostProcess: true, runAsUserName: 'NT AUTHORITY\\SYSTEM' };
  const containerHostProcess = base();
  spec(containerHostProcess)['hostNetwork'] = true;
  csc(first(containerHostProcess))['windowsOptions'] = {
    hostProcess: true,
    runAsUserName: 'NT AUTHORITY\\SYSTEM',
  };
  const notRoot = base();
  delete podSc(notRoot)['runAsNonRoot'];
  return [
    ['windows minimal', base()],
    ['windows hostProcess pod', hostProcess],
    ['windows hostProcess container', containerHostProcess],
    ['windows runAsNonRoot unset', notRoot],
  ];
}

/** A small seeded generator, so the combinations are the same at every run. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generatePods(): [string, Json][] {
  const out: [string, Json][] = [['restricted baseline pod', restrictedPod()]];
  for (const [name, mutate] of MUTATIONS) {
    const p = restrictedPod();
    mutate(p);
    out.push([name, p]);
  }
  const random = prng(20261126);
  for (let i = 0; i < 140; i++) {
    const n = 2 + Math.floor(random() * 3);
    const picked = new Map<string, Mutation[1]>();
    while (picked.size < n) {
      const m = MUTATIONS[Math.floor(random() * MUTATIONS.length)];
      if (m !== undefined) picked.set(m[0], m[1]);
    }
    const p = restrictedPod();
    for (const mutate of picked.values()) mutate(p);
    out.push([[...picked.keys()].join(' + '), p]);
  }
  out.push(...windowsPods());
  return out;
}

/** `reason (detail)` items of a "violates PodSecurity" message, split at top-level commas. */
function serverViolations(message: string): string[] {
  const m = /violates PodSecurity "[^"]+": (.*)$/s.exec(message);
  if (m === null) throw new Error(`Unexpected rejection: ${message}`);
  const text = m[1] ?? '';
  const items: string[] = [];
  let depth = 0;
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? '';
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (depth === 0 && text.startsWith(', ', i)) {
      items.push(current);
      current = '';
      i++;
      continue;
    }
    current += ch;
  }
  if (current !== '') items.push(current);
  return items.map((s) => s.trim()).sort();
}

interface Policy {
  readonly level: 'baseline' | 'restricted';
  /** The namespace's enforce-version label; undefined means latest. */
  readonly version?: string;
}
const POLICIES: readonly Policy[] = [
  { level: 'baseline' },
  { level: 'restricted' },
  { level: 'baseline', version: 'v1.33' },
  { level: 'restricted', version: 'v1.34' },
  { level: 'baseline', version: 'v1.30' },
  { level: 'restricted', version: 'v1.28' },
  { level: 'baseline', version: 'v1.26' },
  { level: 'restricted', version: 'v1.24' },
  { level: 'baseline', version: 'v1.18' },
];

let client: KubeClient;
let serverMinor: number;
const namespaces = new Map<Policy, string>();

beforeAll(async () => {
  client = await testClient({ qps: 0 });
  const v = await client.version();
  serverMinor = Number(/^v1\.(\d+)/.exec(v.gitVersion)?.[1] ?? 'NaN');
  for (const policy of POLICIES) {
    const labels: Record<string, string> = { 'pod-security.kubernetes.io/enforce': policy.level };
    if (policy.version !== undefined) labels['pod-security.kubernetes.io/enforce-version'] = policy.version;
    namespaces.set(policy, await createNamespace(client, labels));
  }
});

afterAll(async () => {
  for (const ns of namespaces.values()) await deleteNamespace(client, ns);
  client.close();
});

async function serverVerdict(pod: Json, namespace: string): Promise<'invalid' | string[]> {
  const object = { ...pod, metadata: { ...(pod['metadata'] as Json), namespace } } as unknown as KubeObject;
  try {
    await client.create(object, { dryRun: true });
    return [];
  } catch (error) {
    if (
      error instanceof KubeApiError &&
      error.code === 'FORBIDDEN' &&
      error.serverMessage.includes('violates PodSecurity')
    ) {
      return serverViolations(error.serverMessage);
    }
    if (error instanceof KubeApiError && error.code === 'INVALID') return 'invalid';
    throw error;
  }
}

/**
 * The API server (not Pod Security Admission) copies a container's deprecated AppArmor
 * annotation into its securityContext.appArmorProfile when the field is unset, before admission
 * (pkg/api/pod: applyAppArmorVersionSkew). Quai audits manifests as written; to compare the
 * words of both verdicts, the same copy is applied to what Quai is given.
 */
function withAppArmorSkew(pod: Json): Json {
  const copy = structuredClone(pod);
  const annotations = ((copy['metadata'] as Json)['annotations'] as Record<string, string> | undefined) ?? {};
  const s = spec(copy);
  if ((s['securityContext'] as Json | undefined)?.['appArmorProfile'] !== undefined) return copy;
  for (const field of ['initContainers', 'containers'] as const) {
    for (const c of (s[field] as Json[] | undefined) ?? []) {
      const value = annotations[`container.apparmor.security.beta.kubernetes.io/${String(c['name'])}`];
      if (
        value === undefined ||
        (c['securityContext'] as Json | undefined)?.['appArmorProfile'] !== undefined
      )
        continue;
      const profile =
        value === 'unconfined'
          ? { type: 'Unconfined' }
          : value === 'runtime/default'
            ? { type: 'RuntimeDefault' }
            : value.startsWith('localhost/')
              ? { type: 'Localhost', localhostProfile: value.slice('localhost/'.length) }
              : undefined;
      if (profile !== undefined) csc(c)['appArmorProfile'] = profile;
    }
  }
  return copy;
}

function uniqSorted(items: readonly string[]): string[] {
  return [...new Set(items)].sort();
}

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i] as T);
      }
    }),
  );
  return out;
}

describe('Pod Security Standards agree with the real Pod Security Admission', () => {
  const pods = generatePods();

  it('generates a broad set of pods', () => {
    expect(pods.length).toBeGreaterThan(200);
  });

  for (const policy of POLICIES) {
    const label = `${policy.level}:${policy.version ?? 'latest'}`;
    it(`gives the server's verdict, check by check, for every pod at ${label}`, async () => {
      const namespace = namespaces.get(policy) ?? '';
      // latest on a server means that server's own policy version.
      const quaiVersion = policy.version ?? `v1.${serverMinor}`;
      const verdicts = await mapLimit(pods, 16, async ([name, pod]) => ({
        name,
        pod,
        server: await serverVerdict(pod, namespace),
      }));
      let compared = 0;
      let rejected = 0;
      const invalid: string[] = [];
      const disagreements: string[] = [];
      for (const { name, pod, server } of verdicts) {
        if (server === 'invalid') {
          invalid.push(name);
          continue;
        }
        compared++;
        if (server.length > 0) rejected++;
        const version = audit.parsePssVersion(quaiVersion);
        if (version === undefined) throw new Error(quaiVersion);
        // Quai's verdict on the manifest as written names the same checks as the server's.
        const reason = (r: string): string =>
          r.replace('forbidden AppArmor profiles', 'forbidden AppArmor profile');
        const asWritten = audit
          .evaluatePodSecurity(
            { metadata: pod['metadata'] as Json, spec: pod['spec'] as Json },
            policy.level,
            version,
          )
          .map((v) => reason(v.reason));
        const serverReasons = server.map((v) => reason(v.slice(0, v.indexOf(' ('))));
        if (JSON.stringify(uniqSorted(asWritten)) !== JSON.stringify(uniqSorted(serverReasons))) {
          disagreements.push(
            `${name} (as written)\n    server: ${JSON.stringify(serverReasons)}\n    quai:   ${JSON.stringify(asWritten)}`,
          );
        }
        // And, on what the server admits (after its AppArmor copy), the very same words.
        const seen = withAppArmorSkew(pod);
        const mine = audit
          .evaluatePodSecurity(
            { metadata: seen['metadata'] as Json, spec: seen['spec'] as Json },
            policy.level,
            version,
          )
          .map((v) => `${v.reason} (${v.detail})`)
          .sort();
        if (JSON.stringify(mine) !== JSON.stringify(server)) {
          disagreements.push(
            `${name}\n    server: ${JSON.stringify(server)}\n    quai:   ${JSON.stringify(mine)}`,
          );
        }
      }
      expect(disagreements, disagreements.join('\n')).toEqual([]);
      console.info(
        `${label}: ${compared} pods compared (${rejected} rejected), ${invalid.length} invalid for the API server: ${invalid.join('; ')}`,
      );
      // The set must exercise both verdicts, and invalid pods must stay a small minority.
      expect(compared).toBeGreaterThan(pods.length * 0.8);
      expect(rejected).toBeGreaterThan(policy.level === 'restricted' ? compared / 2 : 20);
      expect(compared - rejected).toBeGreaterThan(5);
    });
  }
});
