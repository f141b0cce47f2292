import type {
  AppSheet,
  SheetComponent,
  SheetDependency,
  SheetEndpoint,
  SheetSecret,
  SheetVolume,
} from '@quai/contracts';
import type { KubeObject } from '../kube/index.js';
import { compareText } from '../util/index.js';

// What an operations sheet reads from Kubernetes objects: the ones `quai render` makes from an
// app spec, or the ones a deployed revision keeps. Secret values are never read: Secrets are
// named from the references of the workloads (env, envFrom, volumes, Ingress TLS).

type Rec = Record<string, unknown>;

const rec = (v: unknown): Rec => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Rec) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

const WORKLOADS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob']);
const COMPONENT = 'app.kubernetes.io/component';

/** The pod template of a workload (a CronJob's through its job template). */
function podSpecOf(o: KubeObject): Rec {
  const spec = rec(o['spec']);
  const template =
    o.kind === 'CronJob' ? rec(rec(rec(spec['jobTemplate'])['spec'])['template']) : rec(spec['template']);
  return rec(template['spec']);
}

const componentOf = (o: KubeObject): string => o.metadata.labels?.[COMPONENT] ?? o.metadata.name ?? '';

/** The tag or digest of an image reference; `latest` when it names neither. */
export function imageVersion(image: string): string {
  const at = image.indexOf('@');
  if (at >= 0) return image.slice(at + 1);
  const slash = image.lastIndexOf('/');
  const colon = image.lastIndexOf(':');
  return colon > slash ? image.slice(colon + 1) : 'latest';
}

/** The workloads of the app, in the order Deployments, StatefulSets, DaemonSets, Jobs, CronJobs. */
export function componentsOf(objects: readonly KubeObject[]): SheetComponent[] {
  const order = ['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob'];
  const autoscaled = new Map<string, { min: number; max: number }>();
  for (const h of objects.filter((o) => o.kind === 'HorizontalPodAutoscaler')) {
    const spec = rec(h['spec']);
    const ref = rec(spec['scaleTargetRef']);
    const max = spec['maxReplicas'];
    const min = typeof spec['minReplicas'] === 'number' ? spec['minReplicas'] : 1;
    if (typeof max === 'number')
      autoscaled.set(`${str(ref['kind']) ?? ''}/${str(ref['name']) ?? ''}`, { min, max });
  }
  return objects
    .filter((o) => WORKLOADS.has(o.kind))
    .map((o): SheetComponent => {
      const pod = podSpecOf(o);
      const containers = [
        ...arr(pod['initContainers']).map((c) => ({ c: rec(c), init: true })),
        ...arr(pod['containers']).map((c) => ({ c: rec(c), init: false })),
      ].map(({ c, init }) => {
        const image = str(c['image']) ?? '';
        return { name: str(c['name']) ?? '', image, version: imageVersion(image), digests: [], init };
      });
      const spec = rec(o['spec']);
      const replicas = typeof spec['replicas'] === 'number' ? spec['replicas'] : undefined;
      const schedule = str(spec['schedule']);
      const autoscaling = autoscaled.get(`${o.kind}/${o.metadata.name ?? ''}`);
      return {
        name: componentOf(o),
        object: `${o.kind}/${o.metadata.name ?? ''}`,
        kind: o.kind,
        containers,
        ...(o.kind === 'Deployment' || o.kind === 'StatefulSet'
          ? { replicas: { desired: replicas ?? autoscaling?.min ?? 1 } }
          : {}),
        ...(autoscaling === undefined ? {} : { autoscaling }),
        ...(schedule === undefined ? {} : { schedule }),
      };
    })
    .sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind) || compareText(a.name, b.name));
}

/** URLs of the Ingresses, then the Services' in-cluster addresses. */
export function endpointsOf(objects: readonly KubeObject[], namespace: string): SheetEndpoint[] {
  const out: SheetEndpoint[] = [];
  for (const i of objects.filter((o) => o.kind === 'Ingress')) {
    const spec = rec(i['spec']);
    const tls = new Set(
      arr(spec['tls']).flatMap((t) => arr(rec(t)['hosts']).filter((h) => typeof h === 'string')),
    );
    for (const rule of arr(spec['rules'])) {
      const host = str(rec(rule)['host']);
      for (const p of arr(rec(rec(rule)['http'])['paths'])) {
        const path = str(rec(p)['path']) ?? '/';
        const service = rec(rec(rec(p)['backend'])['service']);
        const port = rec(service['port']);
        const portName =
          str(port['name']) ?? (typeof port['number'] === 'number' ? String(port['number']) : undefined);
        const secure = host !== undefined && tls.has(host);
        out.push({
          kind: 'ingress',
          component: componentOf(i),
          object: `Ingress/${i.metadata.name ?? ''}`,
          address: `${secure ? 'https' : 'http'}://${host ?? '*'}${path}`,
          ...(portName === undefined ? {} : { port: portName }),
          tls: secure,
        });
      }
    }
  }
  for (const s of objects.filter((o) => o.kind === 'Service')) {
    for (const p of arr(rec(s['spec'])['ports'])) {
      const port = rec(p)['port'];
      if (typeof port !== 'number') continue;
      const name = str(rec(p)['name']);
      out.push({
        kind: 'service',
        component: componentOf(s),
        object: `Service/${s.metadata.name ?? ''}`,
        address: `${s.metadata.name ?? ''}.${s.metadata.namespace ?? namespace}.svc:${port}`,
        port: name ?? String(port),
      });
    }
  }
  return out;
}

/** The persistent volume claims, with where they are mounted and their backup policy. */
export function volumesOf(objects: readonly KubeObject[]): SheetVolume[] {
  const mounts = new Map<string, string[]>();
  for (const w of objects.filter((o) => WORKLOADS.has(o.kind))) {
    const pod = podSpecOf(w);
    const claimOf = new Map<string, string>();
    for (const v of arr(pod['volumes'])) {
      const claim = str(rec(rec(v)['persistentVolumeClaim'])['claimName']);
      const name = str(rec(v)['name']);
      if (claim !== undefined && name !== undefined) claimOf.set(name, claim);
    }
    for (const c of arr(pod['containers'])) {
      for (const m of arr(rec(c)['volumeMounts'])) {
        const claim = claimOf.get(str(rec(m)['name']) ?? '');
        const path = str(rec(m)['mountPath']);
        if (claim === undefined || path === undefined) continue;
        const at = `${componentOf(w)}:${path}`;
        const list = mounts.get(claim) ?? [];
        if (!list.includes(at)) list.push(at);
        mounts.set(claim, list);
      }
    }
  }
  return objects
    .filter((o) => o.kind === 'PersistentVolumeClaim')
    .map((p): SheetVolume => {
      const spec = rec(p['spec']);
      const a = p.metadata.annotations ?? {};
      const policy = a['quai.dev/backup'];
      const retention = a['quai.dev/backup-retention'];
      const size = str(rec(rec(spec['resources'])['requests'])['storage']);
      const storageClass = str(spec['storageClassName']);
      const component = p.metadata.labels?.[COMPONENT];
      const phase = str(rec(p['status'])['phase']);
      const name = p.metadata.name ?? '';
      return {
        claim: name,
        ...(component === undefined ? {} : { component }),
        ...(size === undefined ? {} : { size }),
        ...(storageClass === undefined ? {} : { storageClass }),
        accessModes: arr(spec['accessModes']).filter((m): m is string => typeof m === 'string'),
        mounts: mounts.get(name) ?? [],
        // Backups take every claim unless it says `none` (backup's volume selection).
        backup:
          policy === 'none'
            ? { policy: 'none' }
            : {
                policy: 'scheduled',
                ...(policy === undefined ? {} : { schedule: policy }),
                ...(retention === undefined ? {} : { retention }),
              },
        ...(phase === undefined ? {} : { phase }),
      };
    })
    .sort((a, b) => compareText(a.claim, b.claim));
}

/** The Secrets the app reads, by name, with the keys it uses: never their values. */
export function secretsOf(objects: readonly KubeObject[]): SheetSecret[] {
  const found = new Map<string, { keys: Set<string>; usedBy: Set<string> }>();
  const note = (name: string | undefined, user: string, key?: string): void => {
    if (name === undefined) return;
    const s = found.get(name) ?? { keys: new Set<string>(), usedBy: new Set<string>() };
    if (key !== undefined) s.keys.add(key);
    s.usedBy.add(user);
    found.set(name, s);
  };
  for (const w of objects.filter((o) => WORKLOADS.has(o.kind))) {
    const pod = podSpecOf(w);
    const user = componentOf(w);
    for (const c of [...arr(pod['initContainers']), ...arr(pod['containers'])]) {
      for (const e of arr(rec(c)['env'])) {
        const ref = rec(rec(rec(e)['valueFrom'])['secretKeyRef']);
        note(str(ref['name']), user, str(ref['key']));
      }
      for (const e of arr(rec(c)['envFrom'])) note(str(rec(rec(e)['secretRef'])['name']), user);
    }
    for (const v of arr(pod['volumes'])) {
      const secret = rec(rec(v)['secret']);
      note(str(secret['secretName']), user);
      for (const s of arr(rec(rec(v)['projected'])['sources']))
        note(str(rec(rec(s)['secret'])['name']), user);
    }
    for (const p of arr(pod['imagePullSecrets'])) note(str(rec(p)['name']), user);
  }
  for (const i of objects.filter((o) => o.kind === 'Ingress')) {
    for (const t of arr(rec(i['spec'])['tls']))
      note(str(rec(t)['secretName']), `Ingress/${i.metadata.name ?? ''}`);
  }
  return [...found]
    .map(([name, s]) => ({ name, keys: [...s.keys].sort(), usedBy: [...s.usedBy].sort() }))
    .sort((a, b) => compareText(a.name, b.name));
}

/** `scheme://host:port` of an address in an environment value; credentials and paths left out. */
export function addressOf(value: string): { scheme: string; host: string; port?: string } | undefined {
  const m = /^([a-z][a-z0-9+.-]*):\/\/(?:[^@/\s]*@)?(\[[^\]\s]+\]|[^:/?#\s]+)(?::(\d+))?/i.exec(value.trim());
  if (m === null) return undefined;
  const [, scheme, host, port] = m;
  if (scheme === undefined || host === undefined) return undefined;
  return { scheme: scheme.toLowerCase(), host: host.toLowerCase(), ...(port === undefined ? {} : { port }) };
}

/**
 * Dependencies the objects show: the init containers that wait for a component (`wait-for-X`),
 * and addresses in the workloads' environment (another component's Service, or an outside server).
 */
export function dependenciesOf(objects: readonly KubeObject[], namespace: string): SheetDependency[] {
  const services = new Set(objects.filter((o) => o.kind === 'Service').map((s) => s.metadata.name ?? ''));
  // The app's own address (APP_HOME_URL) is not a dependency: hosts of its Ingresses, by first label.
  const own = new Set(
    endpointsOf(objects, namespace)
      .filter((e) => e.kind === 'ingress')
      .map((e) => addressOf(e.address)?.host.split('.')[0]),
  );
  const out: SheetDependency[] = [];
  const seen = new Set<string>();
  const add = (d: SheetDependency): void => {
    const key = `${d.from}>${d.kind}>${d.to}>${d.how}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(d);
    }
  };
  for (const w of objects.filter((o) => WORKLOADS.has(o.kind))) {
    const pod = podSpecOf(w);
    const from = componentOf(w);
    for (const c of arr(pod['initContainers'])) {
      const target = /^wait-for-(.+)$/.exec(str(rec(c)['name']) ?? '')?.[1];
      if (target !== undefined) add({ from, kind: 'component', to: target, how: 'started' });
    }
    for (const c of arr(pod['containers'])) {
      for (const e of arr(rec(c)['env'])) {
        const value = str(rec(e)['value']);
        const address = value === undefined ? undefined : addressOf(value);
        if (address === undefined) continue;
        const short = address.host.replace(new RegExp(`\\.${namespace}(\\.svc(\\.cluster\\.local)?)?$`), '');
        const port = address.port === undefined ? '' : `:${address.port}`;
        if (services.has(short) && short !== from) {
          add({ from, kind: 'component', to: short, how: 'env' });
        } else if (!services.has(short) && !own.has(address.host.split('.')[0])) {
          add({ from, kind: 'external', to: `${address.scheme}://${address.host}${port}`, how: 'env' });
        }
      }
    }
  }
  return out;
}

/** Team and owner, as render puts them on the Namespace. */
export function purposeOf(objects: readonly KubeObject[]): AppSheet['purpose'] {
  const ns = objects.find((o) => o.kind === 'Namespace');
  const a = ns?.metadata.annotations ?? {};
  const team = a['quai.dev/team'];
  const owner = a['quai.dev/owner'];
  return { ...(team === undefined ? {} : { team }), ...(owner === undefined ? {} : { owner }) };
}
