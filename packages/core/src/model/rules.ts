import { msg, type AppSpec, type Component, type Job, type Message } from '@quai/contracts';
import type { LocatedDocument } from '../util/index.js';
import { locationOf, type Diagnostic } from './diagnostics.js';
import { looksSecret } from './secrets.js';

interface RuleContext {
  readonly spec: AppSpec;
  readonly doc: LocatedDocument;
  readonly file: string;
  /** Today, YYYY-MM-DD, for exception expiry (passed in: rules read no clock). */
  readonly today: string;
}

type Rule = (ctx: RuleContext) => Diagnostic[];

function at(
  ctx: RuleContext,
  severity: Diagnostic['severity'],
  rule: string,
  path: readonly PropertyKey[],
  message: Message,
  hint?: Message,
): Diagnostic {
  return {
    severity,
    rule,
    message,
    location: locationOf(ctx.doc, ctx.file, path),
    ...(hint ? { hint } : {}),
  };
}

function workloads(spec: AppSpec): [string, 'components' | 'jobs', Component | Job][] {
  return [
    ...Object.entries(spec.spec.components).map(
      ([n, c]) => [n, 'components', c] as [string, 'components', Component],
    ),
    ...Object.entries(spec.spec.jobs ?? {}).map(([n, j]) => [n, 'jobs', j] as [string, 'jobs', Job]),
  ];
}

/** Probes and exposures name ports the component declares. */
const portReferences: Rule = (ctx) => {
  const out: Diagnostic[] = [];
  for (const [name, c] of Object.entries(ctx.spec.spec.components)) {
    const ports = c.ports ?? [];
    const known = (p: string | number): boolean =>
      typeof p === 'number'
        ? ports.length === 0 || ports.some((x) => x.port === p)
        : ports.some((x) => x.name === p);
    (c.expose ?? []).forEach((e, i) => {
      if (!known(e.port)) {
        out.push(
          at(
            ctx,
            'error',
            'unknown-port',
            ['spec', 'components', name, 'expose', i, 'port'],
            msg('model.rule.exposeUnknownPort', { name, port: String(e.port) }),
            msg('model.rule.exposeUnknownPortHint', {
              name,
              ports: ports.map((p) => p.name).join(', ') || msg('common.none'),
            }),
          ),
        );
      }
    });
    for (const kind of ['readiness', 'liveness', 'startup'] as const) {
      const probe = c.probes?.[kind];
      const port = probe?.http?.port ?? probe?.tcp?.port;
      if (port !== undefined && typeof port === 'string' && !known(port)) {
        out.push(
          at(
            ctx,
            'error',
            'unknown-port',
            ['spec', 'components', name, 'probes', kind],
            msg('model.rule.probeUnknownPort', { kind, name, port }),
            msg('model.rule.probeUnknownPortHint', { name }),
          ),
        );
      }
    }
  }
  return out;
};

/** Dependencies exist, are not cyclic, and "completed" points at a one-shot job. */
const dependencies: Rule = (ctx) => {
  const out: Diagnostic[] = [];
  const components = ctx.spec.spec.components;
  const jobs = ctx.spec.spec.jobs ?? {};
  const graph = new Map<string, string[]>();
  for (const [name, kind, w] of workloads(ctx.spec)) {
    const edges: string[] = [];
    (w.dependsOn ?? []).forEach((d, i) => {
      const target = typeof d === 'string' ? d : d.component;
      const condition = typeof d === 'string' ? 'started' : d.condition;
      const path = ['spec', kind, name, 'dependsOn', i];
      if (target === name) {
        out.push(
          at(
            ctx,
            'error',
            'dependency',
            path,
            msg('model.rule.dependsOnItself', { name }),
            msg('model.rule.dependsOnItselfHint'),
          ),
        );
        return;
      }
      const isComponent = Object.hasOwn(components, target);
      const job = Object.hasOwn(jobs, target) ? jobs[target] : undefined;
      if (!isComponent && job === undefined) {
        out.push(
          at(
            ctx,
            'error',
            'dependency',
            path,
            msg('model.rule.dependsOnUnknown', { name, target }),
            msg('model.rule.known', { names: [...Object.keys(components), ...Object.keys(jobs)].join(', ') }),
          ),
        );
        return;
      }
      if (condition === 'completed' && (job === undefined || job.schedule !== undefined)) {
        out.push(
          at(
            ctx,
            'error',
            'dependency',
            path,
            msg('model.rule.completedNotJob', { name, target }),
            msg('model.rule.completedNotJobHint'),
          ),
        );
      }
      if (condition !== 'completed' && job !== undefined) {
        out.push(
          at(
            ctx,
            'error',
            'dependency',
            path,
            msg('model.rule.jobCondition', { name, target, condition }),
            msg('model.rule.jobConditionHint'),
          ),
        );
      }
      edges.push(target);
    });
    graph.set(name, edges);
  }
  // Cycle detection (depth-first, colours).
  const state = new Map<string, 1 | 2>();
  const visit = (n: string, trail: string[]): void => {
    if (state.get(n) === 2) return;
    if (state.get(n) === 1) {
      const cycle = [...trail.slice(trail.indexOf(n)), n];
      const kind = Object.hasOwn(components, n) ? 'components' : 'jobs';
      out.push(
        at(
          ctx,
          'error',
          'dependency-cycle',
          ['spec', kind, n, 'dependsOn'],
          msg('model.rule.cycle', { cycle: cycle.join(' -> ') }),
          msg('model.rule.cycleHint'),
        ),
      );
      return;
    }
    state.set(n, 1);
    for (const m of graph.get(n) ?? []) visit(m, [...trail, n]);
    state.set(n, 2);
  };
  for (const n of graph.keys()) visit(n, []);
  return out;
};

/** Secret-looking literals never sit in the spec in clear. */
const secretsInEnv: Rule = (ctx) => {
  const out: Diagnostic[] = [];
  for (const [name, kind, w] of workloads(ctx.spec)) {
    for (const [key, value] of Object.entries(w.env ?? {})) {
      if (looksSecret(key, value)) {
        out.push(
          at(
            ctx,
            'error',
            'secret-in-env',
            ['spec', kind, name, 'env', key],
            msg('model.rule.secretInEnv', { key, name }),
            msg('model.rule.secretInEnvHint', {
              example: `secretEnv: { ${key}: { secret: <secret name>, key: <key> } }`,
            }),
          ),
        );
      }
    }
  }
  return out;
};

/** Images are pinned: a tag other than latest, or a digest. */
const imageTags: Rule = (ctx) => {
  const out: Diagnostic[] = [];
  for (const [name, kind, w] of workloads(ctx.spec)) {
    const tag = imageTag(w.image);
    if (tag === undefined || tag === 'latest') {
      out.push(
        at(
          ctx,
          'warning',
          'mutable-image',
          ['spec', kind, name, 'image'],
          tag === undefined
            ? msg('model.rule.imageUntagged', { image: w.image, name })
            : msg('model.rule.imageLatest', { image: w.image, name }),
          msg('model.rule.mutableImageHint'),
        ),
      );
    }
  }
  return out;
};

/** The tag of an image reference, "@digest" when pinned by digest, undefined when none. */
export function imageTag(image: string): string | undefined {
  if (image.includes('@')) return '@digest';
  const lastSlash = image.lastIndexOf('/');
  const colon = image.indexOf(':', lastSlash + 1);
  return colon < 0 ? undefined : image.slice(colon + 1);
}

/** A volume shared by several workloads is declared alike and can be shared. */
const sharedVolumes: Rule = (ctx) => {
  const out: Diagnostic[] = [];
  const seen = new Map<string, { by: string; size?: string | undefined; accessMode?: string | undefined }>();
  for (const [name, kind, w] of workloads(ctx.spec)) {
    (w.volumes ?? []).forEach((v, i) => {
      if (v.type !== 'persistent') return;
      const first = seen.get(v.name);
      if (first === undefined) {
        seen.set(v.name, { by: name, size: v.size, accessMode: v.accessMode });
        return;
      }
      const path = ['spec', kind, name, 'volumes', i];
      if (v.size !== undefined && first.size !== undefined && v.size !== first.size) {
        out.push(
          at(
            ctx,
            'error',
            'shared-volume',
            [...path, 'size'],
            msg('model.rule.volumeSizes', { volume: v.name, size: v.size, other: first.size, by: first.by }),
            msg('model.rule.volumeSizesHint'),
          ),
        );
      }
      const mode = v.accessMode ?? first.accessMode;
      if (mode !== 'ReadWriteMany' && mode !== 'ReadOnlyMany' && kind === 'components') {
        out.push(
          at(
            ctx,
            'warning',
            'shared-volume',
            path,
            msg('model.rule.volumeShared', { volume: v.name, by: first.by, name }),
            msg('model.rule.volumeSharedHint'),
          ),
        );
      }
    });
  }
  return out;
};

/** Environment overrides name real components and jobs. */
const overrides: Rule = (ctx) => {
  const out: Diagnostic[] = [];
  for (const [env, o] of Object.entries(ctx.spec.spec.environments ?? {})) {
    const groups = [
      ['components', 'component', o.components, ctx.spec.spec.components],
      ['jobs', 'job', o.jobs, ctx.spec.spec.jobs],
    ] as const;
    for (const [key, what, overridden, declared] of groups) {
      for (const name of Object.keys(overridden ?? {})) {
        if (Object.hasOwn(declared ?? {}, name)) continue;
        out.push(
          at(
            ctx,
            'error',
            'unknown-override',
            ['spec', 'environments', env, key, name],
            msg(what === 'job' ? 'model.rule.overrideUnknownJob' : 'model.rule.overrideUnknownComponent', {
              env,
              name,
            }),
            msg('model.rule.overrideUnknownHint', { env }),
          ),
        );
      }
    }
  }
  return out;
};

/** Security exceptions are reviewed before they expire. */
const exceptionExpiry: Rule = (ctx) => {
  const out: Diagnostic[] = [];
  for (const [name, kind, w] of workloads(ctx.spec)) {
    (w.securityExceptions ?? []).forEach((e, i) => {
      if (e.expires !== undefined && e.expires < ctx.today) {
        out.push(
          at(
            ctx,
            'warning',
            'expired-exception',
            ['spec', kind, name, 'securityExceptions', i, 'expires'],
            msg('model.rule.exceptionExpired', { allow: e.allow, name, expires: e.expires }),
            msg('model.rule.exceptionExpiredHint'),
          ),
        );
      }
    });
  }
  return out;
};

/** Several replicas on a single-writer volume would corrupt it (two PostgreSQL on one data folder). */
const replicasOnSingleWriterVolume: Rule = (ctx) =>
  Object.entries(ctx.spec.spec.components)
    .filter(([, c]) => (c.replicas ?? 1) > 1 || (c.autoscaling?.maxReplicas ?? 1) > 1)
    .filter(([, c]) =>
      (c.volumes ?? []).some(
        (v) => v.type === 'persistent' && (v.accessMode ?? 'ReadWriteOnce').startsWith('ReadWriteOnce'),
      ),
    )
    .map(([name]) =>
      at(
        ctx,
        'error',
        'replicas-on-single-writer-volume',
        ['spec', 'components', name],
        msg('model.rule.replicasOnRwo', { name }),
        msg('model.rule.replicasOnRwoHint'),
      ),
    );

const autoscalingAndReplicas: Rule = (ctx) =>
  Object.entries(ctx.spec.spec.components)
    .filter(([, c]) => c.autoscaling !== undefined && c.replicas !== undefined)
    .map(([name]) =>
      at(
        ctx,
        'warning',
        'replicas-ignored',
        ['spec', 'components', name, 'replicas'],
        msg('model.rule.replicasIgnored', { name }),
        msg('model.rule.replicasIgnoredHint', { name }),
      ),
    );

/** connectsTo names components; it is reachability, so cycles between peers are fine. */
const connections: Rule = (ctx) => {
  const out: Diagnostic[] = [];
  const components = ctx.spec.spec.components;
  for (const [name, kind, w] of workloads(ctx.spec)) {
    (w.connectsTo ?? []).forEach((target, i) => {
      if (target === name || Object.hasOwn(components, target)) return;
      out.push(
        at(
          ctx,
          'error',
          'connects-to',
          ['spec', kind, name, 'connectsTo', i],
          msg('model.rule.connectsToUnknown', { name, target }),
          msg('model.rule.known', { names: Object.keys(components).join(', ') }),
        ),
      );
    });
  }
  return out;
};

/** Two volumes or files on one path: the API server refuses the pod. */
const mountPaths: Rule = (ctx) => {
  const out: Diagnostic[] = [];
  for (const [name, kind, w] of workloads(ctx.spec)) {
    const seen = new Map<string, string>();
    const check = (path: string, where: (string | number)[]): void => {
      const p = path.replace(/\/+$/, '') || '/';
      const first = seen.get(p);
      if (first !== undefined) {
        out.push(
          at(
            ctx,
            'error',
            'duplicate-mount',
            ['spec', kind, name, ...where],
            msg('model.rule.duplicateMount', { name, path: p, first }),
            msg('model.rule.duplicateMountHint'),
          ),
        );
      } else seen.set(p, where.join('.'));
    };
    (w.volumes ?? []).forEach((v, i) => check(v.mountPath, ['volumes', i, 'mountPath']));
    (w.configFiles ?? []).forEach((f, i) => check(f.path, ['configFiles', i, 'path']));
  }
  return out;
};

const APP_RULES: readonly Rule[] = [
  connections,
  mountPaths,
  portReferences,
  dependencies,
  secretsInEnv,
  imageTags,
  sharedVolumes,
  overrides,
  exceptionExpiry,
  autoscalingAndReplicas,
  replicasOnSingleWriterVolume,
];

export function runRules(ctx: RuleContext): Diagnostic[] {
  return APP_RULES.flatMap((rule) => rule(ctx));
}
