import { createHash } from 'node:crypto';
import {
  msg,
  t,
  type AppSpec,
  type Component,
  type ConfigFile,
  type Job,
  type Message,
  type PlatformConfig,
  type PolicyLevel,
  type Probe,
  type Volume,
} from '@quai/contracts';
import type { KubeObject } from '../kube/index.js';
import { imageTag, resolveEnvironment, type ResolvedApp } from '../model/index.js';
import { renderScaling, replicasOwnedElsewhere } from './scaling.js';
import { hardening, levelFor, strictest } from './security.js';
import { compareText } from '../util/index.js';

export interface RenderInput {
  readonly app: AppSpec;
  readonly platform: PlatformConfig;
  readonly environment: string;
  /** Secret values by Secret name, then key; rendered as Secrets when given. */
  readonly secrets?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

/** Something the reader of the manifests must know: a Secret to create, an ordering to honour. */
export interface RenderNote {
  readonly kind:
    'secret-required' | 'job-ordering' | 'volume-shared' | 'no-probe' | 'policy-level' | 'resources-capped';
  /** The note in English (what older callers and scripts read). */
  readonly message: string;
  /** The note as a catalog message, shown in the reader's language. */
  readonly text: Message;
}

function note(kind: RenderNote['kind'], text: Message): RenderNote {
  return { kind, message: t('en', text), text };
}

export interface RenderResult {
  readonly namespace: string;
  readonly policyLevel: PolicyLevel;
  readonly objects: readonly KubeObject[];
  readonly notes: readonly RenderNote[];
}

/** Apply order: what others depend on first (namespaces, policies, identities, config, storage, workloads, traffic). */
export const KIND_ORDER = [
  'Namespace',
  'ResourceQuota',
  'LimitRange',
  'NetworkPolicy',
  'ServiceAccount',
  'Role',
  'RoleBinding',
  'Secret',
  'ConfigMap',
  'PersistentVolumeClaim',
  'Service',
  'Job',
  'Deployment',
  'StatefulSet',
  'CronJob',
  'HorizontalPodAutoscaler',
  'PodDisruptionBudget',
  'Ingress',
] as const;

function kindRank(kind: string): number {
  const i = (KIND_ORDER as readonly string[]).indexOf(kind);
  return i < 0 ? KIND_ORDER.length : i;
}

export function sortObjects(objects: readonly KubeObject[]): KubeObject[] {
  return [...objects].sort(
    (a, b) =>
      kindRank(a.kind) - kindRank(b.kind) ||
      compareText(a.metadata.namespace ?? '', b.metadata.namespace ?? '') ||
      compareText(a.metadata.name ?? '', b.metadata.name ?? ''),
  );
}

function shortHash(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 8);
}

/** Maps a public image to the platform's mirror: docker.io/gristlabs/grist:1 -> MIRROR/gristlabs/grist:1. */
export function mirrorImage(image: string, mirror: string | undefined): string {
  if (mirror === undefined || mirror === '') return image;
  const first = image.split('/')[0] ?? '';
  const hasRegistry =
    image.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  if (hasRegistry && first !== 'docker.io') return image;
  let path = hasRegistry ? image.slice(first.length + 1) : image;
  if (!path.includes('/')) path = `library/${path}`;
  return `${mirror.replace(/\/$/, '')}/${path}`;
}

function fileKey(path: string): string {
  return path.replace(/^\//, '').replace(/[^-._a-zA-Z0-9]/g, '_');
}

interface Context {
  readonly r: ResolvedApp;
  readonly platform: PlatformConfig;
  readonly app: string;
  readonly ns: string;
  readonly objects: KubeObject[];
  readonly notes: RenderNote[];
  readonly labels: Record<string, string>;
}

function meta(
  ctx: Context,
  name: string,
  component?: string,
  extra: Record<string, string> = {},
): KubeObject['metadata'] {
  return {
    name,
    namespace: ctx.ns,
    labels: { ...ctx.labels, ...(component ? { 'app.kubernetes.io/component': component } : {}), ...extra },
  };
}

/** The pod label that puts a workload on a compose network (`network.quai.dev/backend: member`). */
function networkLabel(network: string): string {
  return `network.quai.dev/${network}`;
}

function selector(ctx: Context, component: string): Record<string, string> {
  return { 'app.kubernetes.io/name': ctx.app, 'app.kubernetes.io/component': component };
}

function probe(p: Probe): Record<string, unknown> {
  const handler = p.http
    ? { httpGet: { path: p.http.path, port: p.http.port } }
    : p.tcp
      ? { tcpSocket: { port: p.tcp.port } }
      : { exec: { command: p.exec?.command ?? [] } };
  return {
    ...handler,
    ...(p.initialDelaySeconds === undefined ? {} : { initialDelaySeconds: p.initialDelaySeconds }),
    periodSeconds: p.periodSeconds ?? 10,
    timeoutSeconds: p.timeoutSeconds ?? 3,
    failureThreshold: p.failureThreshold ?? 3,
  };
}

function pvcName(ctx: Context, volume: string): string {
  return volume === ctx.app || volume.startsWith(`${ctx.app}-`) ? volume : `${ctx.app}-${volume}`;
}

/** Pod volume names Quai adds itself; a user volume never takes one of them. */
const INTERNAL_VOLUMES = ['quai-tmp', 'quai-files'];

/**
 * The pod's volumes and the container's mounts, unique by construction: one pod volume per claim
 * (mounted as often as needed), internal volumes under reserved `quai-` names, user volumes renamed
 * on a clash (`files`, `tmp`, two host folders of the same name), and never two mounts on one path
 * (the last declared wins, as the model rules warn).
 */
function volumeSetup(
  ctx: Context,
  owner: string,
  w: Component | Job,
): { volumes: Record<string, unknown>[]; mounts: Record<string, unknown>[] } {
  const volumes: Record<string, unknown>[] = [];
  const mounts = new Map<string, Record<string, unknown>>();
  const taken = new Set<string>(INTERNAL_VOLUMES);
  const unique = (wanted: string): string => {
    let n = wanted.slice(0, 63);
    for (let i = 2; taken.has(n); i++) n = `${wanted.slice(0, 58)}-${i}`;
    taken.add(n);
    return n;
  };
  const mount = (m: Record<string, unknown>): void => {
    mounts.set(String(m['mountPath']).replace(/\/+$/, '') || '/', m);
  };
  const claims = new Map<string, string>();
  const vols: readonly Volume[] = w.volumes ?? [];
  for (const v of vols) {
    let podName: string;
    if (v.type === 'persistent') {
      const claim = pvcName(ctx, v.name);
      const existing = claims.get(claim);
      if (existing === undefined) {
        podName = unique(v.name);
        claims.set(claim, podName);
        volumes.push({
          name: podName,
          persistentVolumeClaim: { claimName: claim, ...(v.readOnly ? { readOnly: true } : {}) },
        });
      } else {
        podName = existing;
      }
    } else {
      podName = unique(v.name);
      volumes.push({
        name: podName,
        emptyDir: {
          ...(v.type === 'memory' ? { medium: 'Memory' } : {}),
          ...(v.size ? { sizeLimit: v.size } : {}),
        },
      });
    }
    mount({
      name: podName,
      mountPath: v.mountPath,
      ...(v.subPath ? { subPath: v.subPath } : {}),
      ...(v.readOnly ? { readOnly: true } : {}),
    });
  }
  const files: readonly ConfigFile[] = w.configFiles ?? [];
  const plain = files.filter((f) => f.secretRef === undefined);
  if (plain.length > 0) {
    const cmName = owner === ctx.app ? `${owner}-files` : `${ctx.app}-${owner}-files`;
    const data: Record<string, string> = {};
    for (const f of plain) data[fileKey(f.path)] = f.content ?? '';
    ctx.objects.push({ apiVersion: 'v1', kind: 'ConfigMap', metadata: meta(ctx, cmName, owner), data });
    volumes.push({ name: 'quai-files', configMap: { name: cmName } });
    for (const f of plain)
      mount({ name: 'quai-files', mountPath: f.path, subPath: fileKey(f.path), readOnly: true });
  }
  files
    .filter((f) => f.secretRef !== undefined)
    .forEach((f, i) => {
      const ref = f.secretRef;
      if (ref === undefined) return;
      const name = unique(`quai-secret-${i}`);
      volumes.push({
        name,
        secret: { secretName: ref.secret, ...(f.mode === undefined ? {} : { defaultMode: f.mode }) },
      });
      mount({ name, mountPath: f.path, subPath: ref.key, readOnly: true });
    });
  // A read-only root filesystem still needs a writable /tmp for most programs.
  if (!mounts.has('/tmp')) {
    volumes.push({ name: 'quai-tmp', emptyDir: { sizeLimit: '256Mi' } });
    mount({ name: 'quai-tmp', mountPath: '/tmp' });
  }
  const used = new Set([...mounts.values()].map((m) => m['name']));
  return { volumes: volumes.filter((v) => used.has(v['name'])), mounts: [...mounts.values()] };
}

function env(w: Component | Job): Record<string, unknown>[] | undefined {
  const plain = Object.entries(w.env ?? {})
    .sort(([a], [b]) => compareText(a, b))
    .map(([name, value]) => ({ name, value }));
  const secret = Object.entries(w.secretEnv ?? {})
    .sort(([a], [b]) => compareText(a, b))
    .map(([name, ref]) => ({ name, valueFrom: { secretKeyRef: { name: ref.secret, key: ref.key } } }));
  const all = [...plain, ...secret];
  return all.length === 0 ? undefined : all;
}

/** A Kubernetes quantity in base units (cores, bytes), for comparisons. */
export function quantityValue(q: string): number {
  const m = /^([0-9.]+)(m|k|Ki|M|Mi|G|Gi|T|Ti|P|Pi|E|Ei)?$/.exec(q);
  if (m === null) return Number.NaN;
  const n = Number(m[1]);
  const unit = m[2] ?? '';
  const factor: Record<string, number> = {
    '': 1,
    m: 1e-3,
    k: 1e3,
    M: 1e6,
    G: 1e9,
    T: 1e12,
    P: 1e15,
    E: 1e18,
    Ki: 1024,
    Mi: 1024 ** 2,
    Gi: 1024 ** 3,
    Ti: 1024 ** 4,
    Pi: 1024 ** 5,
    Ei: 1024 ** 6,
  };
  return n * (factor[unit] ?? Number.NaN);
}

/**
 * Requests and limits: the workload's, the platform's defaults for the rest. A default never
 * exceeds a limit the workload sets (a 64M limit with a 128Mi default request is refused by the
 * API server): such a request is lowered to the limit.
 */
function resources(ctx: Context, w: Component | Job, name: string): Record<string, unknown> {
  const d = ctx.platform.spec.defaults.resources;
  const requests: Record<string, string | undefined> = { ...d.requests, ...w.resources?.requests };
  const limits: Record<string, string | undefined> = { ...d.limits, ...w.resources?.limits };
  for (const kind of ['cpu', 'memory'] as const) {
    const req = requests[kind];
    const lim = limits[kind];
    if (req === undefined || lim === undefined) continue;
    if (quantityValue(req) > quantityValue(lim)) {
      const explicitRequest = w.resources?.requests?.[kind] !== undefined;
      const explicitLimit = w.resources?.limits?.[kind] !== undefined;
      // Both written by the user: their values stay; the API server refuses them and names the field.
      if (explicitRequest && explicitLimit) continue;
      if (!explicitRequest) {
        requests[kind] = lim;
        ctx.notes.push(
          note(
            'resources-capped',
            msg('render.note.requestCapped', { name, kind, request: req, limit: lim }),
          ),
        );
      } else {
        limits[kind] = req;
        ctx.notes.push(
          note('resources-capped', msg('render.note.limitRaised', { name, kind, request: req, limit: lim })),
        );
      }
    }
  }
  return { requests, limits };
}

/** The first TCP port of a component: probes and waits never use a UDP port. */
function firstTcpPort(c: Component | undefined): { name: string; port: number } | undefined {
  return c?.ports?.find((p) => p.protocol !== 'UDP');
}

/** Init containers that wait until each dependency answers (compose's depends_on). */
function waitContainers(ctx: Context, w: Component | Job): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const d of w.dependsOn ?? []) {
    const target = typeof d === 'string' ? d : d.component;
    const condition = typeof d === 'string' ? 'started' : d.condition;
    if (condition === 'completed') {
      ctx.notes.push(
        note('job-ordering', msg('render.note.jobFirst', { job: target, workload: workloadName(w, ctx) })),
      );
      continue;
    }
    const comp = ctx.r.spec.spec.components[target];
    const port = firstTcpPort(comp)?.port;
    const host = `${target}.${ctx.ns}.svc`;
    const script =
      port === undefined
        ? `until nslookup ${host}; do echo waiting for ${target}; sleep 2; done`
        : `until nc -z -w 2 ${host} ${port}; do echo waiting for ${target}; sleep 2; done`;
    out.push({
      name: `wait-for-${target}`.slice(0, 63),
      image: mirrorImage(ctx.platform.spec.waitImage, ctx.platform.spec.registryMirror),
      command: ['sh', '-c', script],
      resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { memory: '32Mi' } },
      securityContext: hardening([], undefined).container,
    });
  }
  return out;
}

function workloadName(w: Component | Job, ctx: Context): string {
  for (const [n, c] of Object.entries(ctx.r.spec.spec.components)) if (c === w) return n;
  for (const [n, j] of Object.entries(ctx.r.spec.spec.jobs ?? {})) if (j === w) return n;
  return '?';
}

function podTemplate(
  ctx: Context,
  name: string,
  w: Component | Job,
  extra: {
    restartPolicy?: string;
    probes?: Record<string, unknown>;
    ports?: Record<string, unknown>[];
    terminationGracePeriodSeconds?: number;
  },
): Record<string, unknown> {
  const h = hardening(w.securityExceptions ?? [], w.user);
  const { volumes, mounts } = volumeSetup(ctx, name, w);
  const tag = imageTag(w.image);
  const container = {
    name,
    image: mirrorImage(w.image, ctx.platform.spec.registryMirror),
    ...(w.command ? { command: w.command } : {}),
    ...(w.args ? { args: w.args } : {}),
    ...(w.workingDir ? { workingDir: w.workingDir } : {}),
    ...(env(w) ? { env: env(w) } : {}),
    ...(extra.ports ? { ports: extra.ports } : {}),
    resources: resources(ctx, w, name),
    ...(extra.probes ?? {}),
    securityContext: h.container,
    volumeMounts: mounts,
  };
  const init = waitContainers(ctx, w);
  return {
    metadata: {
      labels: {
        ...ctx.labels,
        'app.kubernetes.io/component': name,
        ...(tag && tag !== '@digest'
          ? { 'app.kubernetes.io/version': tag.slice(0, 63).replace(/[^-._a-zA-Z0-9]/g, '_') }
          : {}),
        ...Object.fromEntries((w.networks ?? []).map((n) => [networkLabel(n), 'member'])),
        ...(w.labels ?? {}),
      },
      ...(Object.keys(h.annotations).length + Object.keys(w.annotations ?? {}).length > 0
        ? { annotations: { ...(w.annotations ?? {}), ...h.annotations } }
        : {}),
    },
    spec: {
      serviceAccountName: ctx.app,
      automountServiceAccountToken: h.automountToken,
      enableServiceLinks: false,
      ...h.host,
      securityContext: h.pod,
      ...(extra.restartPolicy ? { restartPolicy: extra.restartPolicy } : {}),
      ...(extra.terminationGracePeriodSeconds === undefined
        ? {}
        : { terminationGracePeriodSeconds: extra.terminationGracePeriodSeconds }),
      ...(init.length > 0 ? { initContainers: init } : {}),
      containers: [container],
      volumes,
    },
  };
}

function renderComponent(ctx: Context, name: string, c: Component): void {
  const ports = (c.ports ?? []).map((p) => ({ name: p.name, containerPort: p.port, protocol: p.protocol }));
  const probes: Record<string, unknown> = {};
  if (c.probes?.readiness) probes['readinessProbe'] = probe(c.probes.readiness);
  if (c.probes?.liveness) probes['livenessProbe'] = probe(c.probes.liveness);
  if (c.probes?.startup) probes['startupProbe'] = probe(c.probes.startup);
  const tcp = firstTcpPort(c);
  if (Object.keys(probes).length === 0 && tcp) {
    // No health check declared: at least check that the main port accepts connections.
    probes['readinessProbe'] = probe({ tcp: { port: tcp.name } });
    probes['livenessProbe'] = { ...probe({ tcp: { port: tcp.name } }), initialDelaySeconds: 30 };
  } else if (Object.keys(probes).length === 0 && (c.ports ?? []).length > 0) {
    ctx.notes.push(
      note(
        'no-probe',
        msg('render.note.udpOnly', { name, ports: (c.ports ?? []).map((p) => p.port).join(', ') }),
      ),
    );
  }
  const rwoVolume = (c.volumes ?? []).some(
    (v) => v.type === 'persistent' && v.accessMode !== 'ReadWriteMany' && v.accessMode !== 'ReadOnlyMany',
  );
  // The environment's minimum applies to stateless components only: two pods on one
  // single-writer volume (a database) would corrupt it.
  const floor = rwoVolume || c.replicas === 0 ? 0 : ctx.r.minReplicas;
  const replicas = c.autoscaling ? c.autoscaling.minReplicas : Math.max(c.replicas ?? 1, floor);
  ctx.objects.push({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: meta(ctx, name, name),
    spec: {
      // The HPA or the off-hours scale Jobs own the count when the component has them.
      ...(replicasOwnedElsewhere(c, replicas) ? {} : { replicas }),
      revisionHistoryLimit: 5,
      selector: { matchLabels: selector(ctx, name) },
      // A single-attach volume cannot be mounted by the old and the new pod at once.
      strategy: rwoVolume
        ? { type: 'Recreate' }
        : { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } },
      template: podTemplate(ctx, name, c, {
        probes,
        ...(ports.length > 0 ? { ports } : {}),
        ...(c.stopGracePeriodSeconds === undefined
          ? {}
          : { terminationGracePeriodSeconds: c.stopGracePeriodSeconds }),
      }),
    },
  });
  const servicePorts = (c.ports ?? []).map((p) => ({
    name: p.name,
    port: p.port,
    targetPort: p.name,
    protocol: p.protocol,
  }));
  // Every component gets a Service, so others reach it by name as on a compose network; without
  // ports it is headless (DNS only).
  for (const svcName of [name, ...(c.aliases ?? [])]) {
    ctx.objects.push({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: meta(ctx, svcName, name),
      spec: {
        ...(servicePorts.length === 0 ? { clusterIP: 'None' } : {}),
        selector: selector(ctx, name),
        ...(servicePorts.length > 0 ? { ports: servicePorts } : {}),
      },
    });
  }
  for (const o of renderScaling({
    app: ctx.app,
    namespace: ctx.ns,
    component: name,
    spec: c,
    replicas,
    platform: ctx.platform,
    metadata: (objectName, extra) => meta(ctx, objectName, name, extra),
    podLabels: selector(ctx, name),
    image: (image) => mirrorImage(image, ctx.platform.spec.registryMirror),
  })) {
    // One scaler identity per app, shared by its components.
    if (!ctx.objects.some((x) => x.kind === o.kind && x.metadata.name === o.metadata.name))
      ctx.objects.push(o);
  }
  const minAvailable = c.autoscaling ? c.autoscaling.minReplicas : replicas;
  if (minAvailable > 1) {
    ctx.objects.push({
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: meta(ctx, name, name),
      spec: { maxUnavailable: 1, selector: { matchLabels: selector(ctx, name) } },
    });
  }
  if ((c.expose ?? []).length > 0) renderIngress(ctx, name, c);
}

function renderIngress(ctx: Context, name: string, c: Component): void {
  const exposes = c.expose ?? [];
  const hosts = exposes.map((e) => (e.host.includes('.') ? e.host : `${e.host}.${ctx.r.domain}`));
  const portOf = (p: string | number): Record<string, unknown> =>
    typeof p === 'number' ? { number: p } : { name: p };
  const tlsHosts = [...new Set(hosts.filter((_, i) => exposes[i]?.tls))].sort();
  const byHost = new Map<string, Record<string, unknown>[]>();
  exposes.forEach((e, i) => {
    const host = hosts[i] ?? '';
    const paths = byHost.get(host) ?? [];
    paths.push({ path: e.path, pathType: 'Prefix', backend: { service: { name, port: portOf(e.port) } } });
    byHost.set(host, paths);
  });
  const issuer = ctx.platform.spec.tlsIssuer;
  ctx.objects.push({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: {
      ...meta(ctx, name, name),
      ...(issuer && tlsHosts.length > 0 ? { annotations: { 'cert-manager.io/cluster-issuer': issuer } } : {}),
    },
    spec: {
      ...(ctx.platform.spec.ingressClass ? { ingressClassName: ctx.platform.spec.ingressClass } : {}),
      ...(tlsHosts.length > 0 ? { tls: [{ hosts: tlsHosts, secretName: `${name}-tls` }] } : {}),
      rules: [...byHost.entries()]
        .sort(([a], [b]) => compareText(a, b))
        .map(([host, paths]) => ({ host, http: { paths } })),
    },
  });
}

function renderJob(ctx: Context, name: string, j: Job): void {
  const template = podTemplate(ctx, name, j, { restartPolicy: j.schedule ? 'OnFailure' : 'Never' });
  const jobSpec = {
    backoffLimit: j.backoffLimit ?? 3,
    ...(j.activeDeadlineSeconds === undefined ? {} : { activeDeadlineSeconds: j.activeDeadlineSeconds }),
    template,
  };
  if (j.schedule !== undefined) {
    ctx.objects.push({
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: meta(ctx, name, name),
      spec: {
        schedule: j.schedule,
        ...(j.timeZone ? { timeZone: j.timeZone } : {}),
        concurrencyPolicy: 'Forbid',
        successfulJobsHistoryLimit: 3,
        failedJobsHistoryLimit: 3,
        jobTemplate: { spec: jobSpec },
      },
    });
    return;
  }
  // A Job's template cannot change: the name carries a hash of it, so a change runs a new Job.
  ctx.objects.push({
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: meta(ctx, `${name}-${shortHash(jobSpec)}`, name, { 'quai.dev/job': name }),
    spec: { ...jobSpec, ttlSecondsAfterFinished: 86_400 },
  });
}

function renderNetworkPolicies(ctx: Context): void {
  const spec = ctx.r.spec.spec;
  ctx.objects.push({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: meta(ctx, 'default-deny'),
    spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
  });
  ctx.objects.push({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: meta(ctx, 'allow-dns'),
    spec: {
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [
        {
          to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } } }],
          ports: [
            { protocol: 'UDP', port: 53 },
            { protocol: 'TCP', port: 53 },
          ],
        },
      ],
    },
  });
  const workloads: [string, Component | Job][] = [
    ...Object.entries(spec.components),
    ...Object.entries(spec.jobs ?? {}),
  ];
  // Compose networks: every workload on a network may reach every other one on it, any port.
  const networks = new Set(workloads.flatMap(([, w]) => w.networks ?? []));
  for (const net of [...networks].sort()) {
    const member = { matchLabels: { [networkLabel(net)]: 'member' } };
    ctx.objects.push({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: meta(ctx, `allow-network-${net}`.slice(0, 63)),
      spec: {
        podSelector: member,
        policyTypes: ['Ingress', 'Egress'],
        ingress: [{ from: [{ podSelector: member }] }],
        egress: [{ to: [{ podSelector: member }] }],
      },
    });
  }
  const shareNetwork = (a: Component | Job, b: Component | Job): boolean =>
    (a.networks ?? []).some((n) => (b.networks ?? []).includes(n));
  const done = new Set<string>();
  for (const [name, w] of workloads) {
    const targets = [
      ...(w.dependsOn ?? []).map((d) => (typeof d === 'string' ? d : d.component)),
      ...(w.connectsTo ?? []),
    ];
    for (const target of targets) {
      const comp = spec.components[target];
      if (comp === undefined || done.has(`${name}>${target}`) || shareNetwork(w, comp)) continue;
      done.add(`${name}>${target}`);
      const ports = (comp.ports ?? []).map((p) => ({ protocol: p.protocol, port: p.port }));
      ctx.objects.push({
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: meta(ctx, `allow-${name}-to-${target}`.slice(0, 63), target),
        spec: {
          podSelector: { matchLabels: selector(ctx, target) },
          policyTypes: ['Ingress'],
          ingress: [
            {
              from: [{ podSelector: { matchLabels: selector(ctx, name) } }],
              ...(ports.length ? { ports } : {}),
            },
          ],
        },
      });
      ctx.objects.push({
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: meta(ctx, `allow-${name}-from-${target}`.slice(0, 63), name),
        spec: {
          podSelector: { matchLabels: selector(ctx, name) },
          policyTypes: ['Egress'],
          egress: [
            {
              to: [{ podSelector: { matchLabels: selector(ctx, target) } }],
              ...(ports.length ? { ports } : {}),
            },
          ],
        },
      });
    }
  }
  for (const [name, c] of Object.entries(spec.components)) {
    if ((c.expose ?? []).length === 0) continue;
    const ports = [...new Set((c.expose ?? []).map((e) => e.port))].map((p) => {
      const declared = typeof p === 'number' ? p : c.ports?.find((x) => x.name === p)?.port;
      return { protocol: 'TCP', port: declared ?? p };
    });
    ctx.objects.push({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: meta(ctx, `allow-ingress-to-${name}`.slice(0, 63), name),
      spec: {
        podSelector: { matchLabels: selector(ctx, name) },
        policyTypes: ['Ingress'],
        ingress: [
          {
            from: [
              {
                namespaceSelector: {
                  matchLabels: { 'kubernetes.io/metadata.name': ctx.platform.spec.ingressNamespace },
                },
              },
            ],
            ports,
          },
        ],
      },
    });
  }
}

function renderVolumes(ctx: Context): void {
  const spec = ctx.r.spec.spec;
  const seen = new Map<string, { v: Volume; users: string[] }>();
  for (const [name, w] of [...Object.entries(spec.components), ...Object.entries(spec.jobs ?? {})] as [
    string,
    Component | Job,
  ][]) {
    for (const v of w.volumes ?? []) {
      if (v.type !== 'persistent') continue;
      const s = seen.get(v.name);
      if (s) s.users.push(name);
      else seen.set(v.name, { v, users: [name] });
    }
  }
  for (const [volume, { v, users }] of [...seen.entries()].sort(([a], [b]) => compareText(a, b))) {
    const shared = users.length > 1;
    const accessMode = v.accessMode ?? (shared ? 'ReadWriteMany' : 'ReadWriteOnce');
    const storageClass =
      v.storageClass ??
      (accessMode === 'ReadWriteMany' ? ctx.platform.spec.storageClasses.shared : undefined) ??
      ctx.platform.spec.storageClasses.default;
    if (shared)
      ctx.notes.push(
        note(
          'volume-shared',
          msg('render.note.volumeShared', { volume, users: users.join(', '), accessMode }),
        ),
      );
    const backup = v.backup ?? { schedule: 'daily' };
    ctx.objects.push({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: {
        ...meta(ctx, pvcName(ctx, volume), users.length === 1 ? users[0] : undefined),
        annotations: {
          'quai.dev/backup': backup === 'none' ? 'none' : backup.schedule,
          ...(backup !== 'none' && backup.retention ? { 'quai.dev/backup-retention': backup.retention } : {}),
        },
      },
      spec: {
        accessModes: [accessMode],
        ...(storageClass ? { storageClassName: storageClass } : {}),
        resources: { requests: { storage: v.size ?? ctx.platform.spec.defaults.volumeSize } },
      },
    });
  }
}

function renderSecrets(ctx: Context, secrets: RenderInput['secrets']): void {
  const needed = new Map<string, Set<string>>();
  const spec = ctx.r.spec.spec;
  for (const w of [...Object.values(spec.components), ...Object.values(spec.jobs ?? {})] as (
    Component | Job
  )[]) {
    for (const ref of Object.values(w.secretEnv ?? {})) {
      const keys = needed.get(ref.secret) ?? new Set<string>();
      keys.add(ref.key);
      needed.set(ref.secret, keys);
    }
    for (const f of w.configFiles ?? []) {
      if (!f.secretRef) continue;
      const keys = needed.get(f.secretRef.secret) ?? new Set<string>();
      keys.add(f.secretRef.key);
      needed.set(f.secretRef.secret, keys);
    }
  }
  for (const [name, keys] of [...needed.entries()].sort(([a], [b]) => compareText(a, b))) {
    const values = secrets?.[name];
    if (values === undefined) {
      ctx.notes.push(
        note(
          'secret-required',
          msg('render.note.secretRequired', { name, keys: [...keys].sort().join(', '), namespace: ctx.ns }),
        ),
      );
      continue;
    }
    const missing = [...keys].filter((k) => !(k in values));
    if (missing.length > 0) {
      ctx.notes.push(
        note(
          'secret-required',
          msg('render.note.secretLacksKeys', { name, keys: missing.sort().join(', ') }),
        ),
      );
    }
    const stringData: Record<string, string> = {};
    for (const k of Object.keys(values).sort()) stringData[k] = values[k] ?? '';
    ctx.objects.push({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: meta(ctx, name),
      type: 'Opaque',
      stringData,
    });
  }
}

/**
 * Renders an app for one environment into hardened Kubernetes objects, in apply order.
 * Pure: no I/O and no clock, so the same input always gives the same output.
 */
export function render(input: RenderInput): RenderResult {
  const r = resolveEnvironment(input.app, input.platform, input.environment);
  const app = r.spec.metadata.name;
  const labels = {
    'app.kubernetes.io/name': app,
    'app.kubernetes.io/instance': `${app}-${r.environment}`,
    'app.kubernetes.io/part-of': app,
    'app.kubernetes.io/managed-by': 'quai',
    'quai.dev/environment': r.environment,
  };
  const ctx: Context = { r, platform: input.platform, app, ns: r.namespace, objects: [], notes: [], labels };
  const spec = r.spec.spec;
  const platformLevel =
    input.platform.spec.environments[r.environment]?.policyLevel ?? input.platform.spec.defaultPolicyLevel;
  let level: PolicyLevel = platformLevel;
  const allExceptions = [...Object.values(spec.components), ...Object.values(spec.jobs ?? {})].flatMap(
    (w) => w.securityExceptions ?? [],
  );
  level = strictest(level, levelFor(allExceptions));
  // One exception lowers the whole namespace: say which workloads need it and who else is affected.
  const all: [string, Component | Job][] = [
    ...Object.entries(spec.components),
    ...Object.entries(spec.jobs ?? {}),
  ];
  const needing = all.filter(([, w]) => levelFor(w.securityExceptions ?? []) === level).map(([n]) => n);
  const affected = all.map(([n]) => n).filter((n) => !needing.includes(n));
  if (level !== platformLevel) {
    ctx.notes.push(
      note(
        'policy-level',
        affected.length > 0
          ? msg('render.note.policyLevelShared', {
              namespace: r.namespace,
              level,
              platformLevel,
              count: needing.length,
              needing: needing.join(', '),
              affectedCount: affected.length,
              affected: affected.join(', '),
            })
          : msg('render.note.policyLevel', {
              namespace: r.namespace,
              level,
              platformLevel,
              count: needing.length,
              needing: needing.join(', '),
            }),
      ),
    );
  }
  const nsAnnotations = {
    ...(input.app.metadata.team ? { 'quai.dev/team': input.app.metadata.team } : {}),
    ...(input.app.metadata.owner ? { 'quai.dev/owner': input.app.metadata.owner } : {}),
    ...(level !== platformLevel
      ? {
          'quai.dev/policy-level-reason': `security exceptions need ${level}`,
          'quai.dev/policy-level-needed-by': needing.join(','),
        }
      : {}),
  };
  ctx.objects.push({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name: r.namespace,
      labels: {
        ...labels,
        'pod-security.kubernetes.io/enforce': level,
        'pod-security.kubernetes.io/enforce-version': 'latest',
        'pod-security.kubernetes.io/audit': 'restricted',
        'pod-security.kubernetes.io/warn': 'restricted',
      },
      ...(Object.keys(nsAnnotations).length > 0 ? { annotations: nsAnnotations } : {}),
    },
  });
  const quota = input.platform.spec.quota;
  if (quota) {
    ctx.objects.push({
      apiVersion: 'v1',
      kind: 'ResourceQuota',
      metadata: meta(ctx, 'quota'),
      spec: {
        hard: {
          ...(quota.cpu ? { 'requests.cpu': quota.cpu } : {}),
          ...(quota.memory ? { 'requests.memory': quota.memory, 'limits.memory': quota.memory } : {}),
          ...(quota.pods ? { pods: String(quota.pods) } : {}),
        },
      },
    });
  }
  const d = input.platform.spec.defaults.resources;
  ctx.objects.push({
    apiVersion: 'v1',
    kind: 'LimitRange',
    metadata: meta(ctx, 'defaults'),
    spec: { limits: [{ type: 'Container', defaultRequest: { ...d.requests }, default: { ...d.limits } }] },
  });
  ctx.objects.push({
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: meta(ctx, app),
    automountServiceAccountToken: false,
  });
  renderSecrets(ctx, input.secrets);
  renderVolumes(ctx);
  for (const [name, c] of Object.entries(spec.components)) renderComponent(ctx, name, c);
  for (const [name, j] of Object.entries(spec.jobs ?? {})) renderJob(ctx, name, j);
  renderNetworkPolicies(ctx);
  return { namespace: r.namespace, policyLevel: level, objects: sortObjects(ctx.objects), notes: ctx.notes };
}
