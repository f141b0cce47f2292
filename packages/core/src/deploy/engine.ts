import { QuaiError } from '../errors/index.js';
import {
  describeObject,
  KubeApiError,
  type KubeClient,
  type KubeObject,
  type ObjectRef,
} from '../kube/index.js';
import { KIND_ORDER, sortObjects } from '../render/index.js';
import { mapLimit } from '../util/index.js';
import {
  ANNOTATION_GROUP_KINDS,
  ANNOTATION_TOOLING,
  applySetId,
  applySetParentName,
  asMember,
  groupKind,
  LABEL_PART_OF,
  parentObject,
  parseGroupKinds,
  type ApplySetParent,
} from './applyset.js';
import { diffValues, mask, normalize, type FieldChange } from './diff.js';
import {
  KEEP_REVISIONS,
  listRevisions,
  recordRevision,
  revisionManifests,
  setRevisionStatus,
  trimRevisions,
  type Revision,
} from './revisions.js';
import {
  DeployWaitError,
  readinessNow,
  waitForReady,
  type ObjectReadiness,
  type WaitFailure,
} from './wait.js';

export const FIELD_MANAGER = 'quai';
const TOOLING = 'quai/v1';

/** Which app, in which environment and namespace: the unit Quai deploys and records. */
export interface AppTarget {
  readonly app: string;
  readonly environment: string;
  readonly namespace: string;
}

export type ChangeKind = 'create' | 'update' | 'delete' | 'unchanged' | 'conflict';

export interface ObjectChange {
  readonly kind: ChangeKind;
  readonly object: string;
  readonly ref: ObjectRef;
  readonly fields: readonly FieldChange[];
  /** For conflicts: the fields other managers own, and who. */
  readonly conflicts?: readonly string[];
  readonly note?: string;
}

export interface Plan {
  readonly target: AppTarget;
  readonly changes: readonly ObjectChange[];
  readonly summary: Readonly<Record<ChangeKind, number>>;
}

function refOf(o: KubeObject): ObjectRef {
  return {
    apiVersion: o.apiVersion,
    kind: o.kind,
    name: o.metadata.name ?? '',
    ...(o.metadata.namespace ? { namespace: o.metadata.namespace } : {}),
  };
}

function key(o: Pick<KubeObject, 'apiVersion' | 'kind' | 'metadata'>): string {
  return `${groupKind(o)}/${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`;
}

function parentOf(target: AppTarget): ApplySetParent {
  return { name: applySetParentName(target.app), namespace: target.namespace };
}

/** Members of the set live now: for each group-kind the parent lists, objects labelled part-of. */
async function liveMembers(
  client: KubeClient,
  target: AppTarget,
  groupKinds: readonly string[],
  signal?: AbortSignal,
): Promise<KubeObject[]> {
  const id = applySetId(parentOf(target));
  const out: KubeObject[] = [];
  for (const gk of groupKinds) {
    const dot = gk.indexOf('.');
    const kind = dot < 0 ? gk : gk.slice(0, dot);
    const group = dot < 0 ? '' : gk.slice(dot + 1);
    const version = await client.preferredVersion(group, signal);
    if (version === undefined) continue;
    const apiVersion = group === '' ? version : `${group}/${version}`;
    const type = await client.resourceType(apiVersion, kind, signal).catch(() => undefined);
    if (type === undefined) continue;
    const items = await client.list(apiVersion, kind, {
      ...(type.namespaced ? { namespace: target.namespace } : {}),
      labelSelector: `${LABEL_PART_OF}=${id}`,
      ...(signal ? { signal } : {}),
    });
    out.push(...items);
  }
  return out;
}

async function readParent(
  client: KubeClient,
  target: AppTarget,
  signal?: AbortSignal,
): Promise<KubeObject | undefined> {
  const p = parentOf(target);
  // A missing namespace answers NotFound too: no parent.
  const parent = await client.tryGet(
    { apiVersion: 'v1', kind: 'Secret', namespace: p.namespace, name: p.name },
    signal,
  );
  const tooling = parent?.metadata.annotations?.[ANNOTATION_TOOLING];
  if (parent !== undefined && tooling !== undefined && !tooling.startsWith('quai/')) {
    throw new QuaiError(
      'CONFLICT',
      `The ApplySet ${p.namespace}/${p.name} is managed by ${tooling}, not Quai.`,
      {
        hint: 'Another tool owns this set: remove its parent object or deploy under another app name.',
      },
    );
  }
  return parent;
}

/**
 * Compares the rendered objects with the cluster through server-side dry-run applies: what
 * would be created, updated (field by field), deleted by pruning, or left unchanged, and which
 * fields another field manager owns. Secret values are never shown.
 */
export async function plan(
  client: KubeClient,
  target: AppTarget,
  objects: readonly KubeObject[],
  options: { force?: boolean; signal?: AbortSignal } = {},
): Promise<Plan> {
  const signal = options.signal;
  const id = applySetId(parentOf(target));
  const parent = await readParent(client, target, signal);
  const nsExists =
    parent !== undefined ||
    (await client.tryGet({ apiVersion: 'v1', kind: 'Namespace', name: target.namespace }, signal)) !==
      undefined;
  const changes: ObjectChange[] = [];
  const wanted = new Set<string>();
  for (const raw of sortObjects(objects)) {
    const o = raw.kind === 'Namespace' ? raw : asMember(raw, id);
    wanted.add(key(o));
    const ref = refOf(o);
    const live = nsExists || o.kind === 'Namespace' ? await client.tryGet(ref, signal) : undefined;
    if (!nsExists && o.kind !== 'Namespace') {
      changes.push({
        kind: 'create',
        object: describeObject(o),
        ref,
        fields: [],
        note: 'namespace not created yet: validated on apply',
      });
      continue;
    }
    let after: KubeObject;
    try {
      after = await client.apply(o, {
        fieldManager: FIELD_MANAGER,
        dryRun: true,
        ...(options.force ? { force: true } : {}),
        ...(signal ? { signal } : {}),
      });
    } catch (error) {
      if (error instanceof KubeApiError && error.code === 'CONFLICT') {
        changes.push({
          kind: 'conflict',
          object: describeObject(o),
          ref,
          fields: [],
          conflicts: error.causes.map((c) => `${c.field ?? ''}: ${c.message ?? ''}`),
        });
        continue;
      }
      throw error;
    }
    if (live === undefined) {
      changes.push({ kind: 'create', object: describeObject(o), ref, fields: [] });
      continue;
    }
    const fields = diffValues(mask(normalize(live), o.kind), mask(normalize(after), o.kind));
    changes.push({
      kind: fields.length === 0 ? 'unchanged' : 'update',
      object: describeObject(o),
      ref,
      fields,
    });
  }
  if (parent !== undefined) {
    const groupKinds = parseGroupKinds(parent.metadata.annotations?.[ANNOTATION_GROUP_KINDS]);
    for (const m of await liveMembers(client, target, groupKinds, signal)) {
      if (!wanted.has(key(m)))
        changes.push({
          kind: 'delete',
          object: describeObject(m),
          ref: refOf(m),
          fields: [],
          note: 'no longer rendered: pruned',
        });
    }
  }
  const summary: Record<ChangeKind, number> = { create: 0, update: 0, delete: 0, unchanged: 0, conflict: 0 };
  for (const c of changes) summary[c.kind]++;
  return { target, changes, summary };
}

export type DeployEvent =
  | { readonly kind: 'step'; readonly message: string }
  | {
      readonly kind: 'applied';
      readonly object: string;
      readonly action: 'created' | 'configured' | 'unchanged';
    }
  | { readonly kind: 'pruned'; readonly object: string }
  | { readonly kind: 'progress'; readonly states: readonly ObjectReadiness[] };

export interface ApplyOptions {
  readonly force?: boolean;
  readonly prune?: boolean;
  readonly wait?: boolean;
  readonly timeoutMs?: number;
  readonly rollbackOnFailure?: boolean;
  readonly concurrency?: number;
  readonly message?: string;
  readonly signal?: AbortSignal;
  readonly onEvent?: (e: DeployEvent) => void;
  /** The clock (tests inject one); real time otherwise. */
  readonly now?: () => Date;
}

export interface ApplyResult {
  readonly target: AppTarget;
  readonly revision: number;
  readonly status: 'deployed' | 'failed' | 'rolled-back';
  readonly applied: number;
  readonly pruned: readonly string[];
  readonly failure?: WaitFailure;
  /** When the rollout failed and was rolled back: the revision restored. */
  readonly rolledBackTo?: number;
  readonly seconds: number;
}

/**
 * Applies an app: server-side apply with Quai's field manager, tier by tier in dependency order
 * (parallel within a tier), one-shot Jobs completed before the workloads, pruning of what the
 * set no longer contains (ApplySet labels, so kubectl understands them), a revision recorded in
 * the cluster, readiness awaited with fail-fast, and on failure an optional rollback to the last
 * deployed revision.
 */
export async function apply(
  client: KubeClient,
  target: AppTarget,
  objects: readonly KubeObject[],
  options: ApplyOptions = {},
): Promise<ApplyResult> {
  const start = performance.now();
  const emit = options.onEvent ?? (() => undefined);
  const signal = options.signal;
  const now = options.now ?? (() => new Date());
  const parent = parentOf(target);
  const id = applySetId(parent);
  const sorted = sortObjects(objects);
  const namespaceObject = sorted.find((o) => o.kind === 'Namespace' && o.metadata.name === target.namespace);
  const members = sorted.filter((o) => o !== namespaceObject).map((o) => asMember(o, id));
  for (const m of members) {
    if (m.metadata.namespace !== undefined && m.metadata.namespace !== target.namespace) {
      throw new QuaiError(
        'INPUT_INVALID',
        `${describeObject(m)} is outside the app's namespace ${target.namespace}.`,
        {
          hint: 'An app is deployed into one namespace.',
        },
      );
    }
  }
  emit({
    kind: 'step',
    message: `Applying ${target.app} (${target.environment}) to namespace ${target.namespace}`,
  });
  const who = await client.whoAmI();
  await client.apply(
    namespaceObject ?? { apiVersion: 'v1', kind: 'Namespace', metadata: { name: target.namespace } },
    { fieldManager: FIELD_MANAGER, ...(options.force ? { force: true } : {}), ...(signal ? { signal } : {}) },
  );

  // The parent lists old and new group-kinds before members change: a crash in between still
  // lets the next run find and prune everything.
  const existing = await readParent(client, target, signal);
  const oldKinds = parseGroupKinds(existing?.metadata.annotations?.[ANNOTATION_GROUP_KINDS]);
  const newKinds = [...new Set(members.map(groupKind))];
  const allKinds = [...new Set([...oldKinds, ...newKinds])];
  await client.apply(parentObject(parent, allKinds, TOOLING), { fieldManager: FIELD_MANAGER, force: true });
  // The set as it is now: to tell created from changed, and to find what to prune.
  // (A set without a parent yet has no members: nothing to list.)
  const before = new Map(
    existing === undefined
      ? []
      : (await liveMembers(client, target, allKinds, signal)).map((m) => [key(m), m] as const),
  );

  const revisions = await listRevisions(client, target.namespace, target.app, signal);
  const number = (revisions.at(-1)?.number ?? 0) + 1;
  for (const r of revisions.filter((x) => x.status === 'pending')) {
    await setRevisionStatus(client, target.namespace, target.app, r.number, 'interrupted', FIELD_MANAGER);
  }
  const previous = [...revisions].reverse().find((r) => r.status === 'deployed');
  await recordRevision(
    client,
    {
      app: target.app,
      environment: target.environment,
      namespace: target.namespace,
      number,
      objects: sorted,
      deployedBy: who,
      message: options.message ?? '',
      now: now(),
    },
    FIELD_MANAGER,
  );

  let applied = 0;
  const pruned: string[] = [];
  try {
    const tiers = new Map<number, KubeObject[]>();
    for (const m of members) {
      const rank = (KIND_ORDER as readonly string[]).indexOf(m.kind);
      const tier = tiers.get(rank) ?? [];
      tier.push(m);
      tiers.set(rank, tier);
    }
    for (const [, tier] of [...tiers.entries()].sort(([a], [b]) => (a < 0 ? 1e9 : a) - (b < 0 ? 1e9 : b))) {
      await mapLimit(tier, options.concurrency ?? 8, async (o) => {
        const result = await client.apply(o, {
          fieldManager: FIELD_MANAGER,
          ...(options.force ? { force: true } : {}),
          ...(signal ? { signal } : {}),
        });
        applied++;
        const old = before.get(key(o));
        const action =
          old === undefined
            ? 'created'
            : old.metadata.resourceVersion === result.metadata.resourceVersion
              ? 'unchanged'
              : 'configured';
        emit({ kind: 'applied', object: describeObject(o), action });
      });
      // One-shot Jobs run before the workloads that wait for them.
      const jobs = tier.filter((o) => o.kind === 'Job');
      if (jobs.length > 0 && options.wait !== false) {
        emit({ kind: 'step', message: `Waiting for ${jobs.length} setup job(s) to complete` });
        await waitForReady(client, jobs, {
          timeoutMs: options.timeoutMs ?? 300_000,
          ...(signal ? { signal } : {}),
          onProgress: (states) => emit({ kind: 'progress', states }),
        });
      }
    }
    if (options.prune !== false) {
      const wanted = new Set(members.map(key));
      for (const m of before.values()) {
        if (wanted.has(key(m)) || m.kind === 'Namespace') continue;
        await client
          .delete(refOf(m), { propagationPolicy: 'Background', ...(signal ? { signal } : {}) })
          .catch((error: unknown) => {
            if (!(error instanceof KubeApiError && error.code === 'NOT_FOUND')) throw error;
          });
        pruned.push(describeObject(m));
        emit({ kind: 'pruned', object: describeObject(m) });
      }
      await client.apply(parentObject(parent, newKinds, TOOLING), {
        fieldManager: FIELD_MANAGER,
        force: true,
      });
    }
    if (options.wait !== false) {
      emit({ kind: 'step', message: 'Waiting for readiness' });
      await waitForReady(client, members, {
        timeoutMs: options.timeoutMs ?? 300_000,
        ...(signal ? { signal } : {}),
        onProgress: (states) => emit({ kind: 'progress', states }),
      });
    }
    if (previous !== undefined)
      await setRevisionStatus(
        client,
        target.namespace,
        target.app,
        previous.number,
        'superseded',
        FIELD_MANAGER,
      );
    await setRevisionStatus(client, target.namespace, target.app, number, 'deployed', FIELD_MANAGER);
    if (revisions.length + 1 > KEEP_REVISIONS) await trimRevisions(client, target.namespace, target.app);
    return {
      target,
      revision: number,
      status: 'deployed',
      applied,
      pruned,
      seconds: (performance.now() - start) / 1000,
    };
  } catch (error) {
    if (signal?.aborted) throw error;
    const failure: WaitFailure =
      error instanceof DeployWaitError
        ? error.failure
        : { object: target.app, reason: error instanceof Error ? error.message : String(error), events: [] };
    await setRevisionStatus(
      client,
      target.namespace,
      target.app,
      number,
      'failed',
      FIELD_MANAGER,
      failure.reason.slice(0, 1000),
    ).catch(() => undefined);
    if (options.rollbackOnFailure && previous !== undefined) {
      emit({
        kind: 'step',
        message: `Rollout failed (${failure.reason}); rolling back to revision ${previous.number}`,
      });
      const manifests = await revisionManifests(client, target.namespace, target.app, previous.number);
      const back = await apply(client, target, manifests, {
        ...options,
        rollbackOnFailure: false,
        message: `rollback to revision ${previous.number} after revision ${number} failed`,
      });
      await setRevisionStatus(
        client,
        target.namespace,
        target.app,
        number,
        'rolled-back',
        FIELD_MANAGER,
        failure.reason.slice(0, 1000),
      );
      return {
        target,
        revision: number,
        status: 'rolled-back',
        applied,
        pruned,
        failure,
        rolledBackTo: back.revision,
        seconds: (performance.now() - start) / 1000,
      };
    }
    if (error instanceof DeployWaitError) {
      return {
        target,
        revision: number,
        status: 'failed',
        applied,
        pruned,
        failure,
        seconds: (performance.now() - start) / 1000,
      };
    }
    throw error;
  }
}

/** Re-applies the manifests of an earlier revision (the previous deployed one by default). */
export async function rollback(
  client: KubeClient,
  target: AppTarget,
  options: ApplyOptions & { to?: number } = {},
): Promise<ApplyResult> {
  const revisions = await listRevisions(client, target.namespace, target.app, options.signal);
  if (revisions.length === 0) {
    throw new QuaiError('NOT_FOUND', `"${target.app}" has no revision in namespace ${target.namespace}.`, {
      hint: 'Deploy it first with `quai apply`.',
    });
  }
  const current = revisions.at(-1);
  const to =
    options.to ??
    [...revisions]
      .reverse()
      .find((r) => r.status !== 'failed' && r.status !== 'rolled-back' && r.number !== current?.number)
      ?.number;
  if (to === undefined) {
    throw new QuaiError('NOT_FOUND', `"${target.app}" has no earlier good revision to roll back to.`, {
      hint: `See \`quai history ${target.app}\`.`,
    });
  }
  const manifests = await revisionManifests(client, target.namespace, target.app, to);
  return apply(client, target, manifests, {
    ...options,
    rollbackOnFailure: false,
    message: options.message ?? `rollback to revision ${to}`,
  });
}

export interface AppStatus {
  readonly target: AppTarget;
  readonly revision?: Revision;
  readonly objects: readonly ObjectReadiness[];
  readonly healthy: boolean;
}

/** Health of an app: its last revision and the readiness of every object it contains now. */
export async function status(
  client: KubeClient,
  target: AppTarget,
  signal?: AbortSignal,
): Promise<AppStatus> {
  const ns = await client.tryGet({ apiVersion: 'v1', kind: 'Namespace', name: target.namespace }, signal);
  if (ns === undefined) return { target, objects: [], healthy: false };
  const revisions = await listRevisions(client, target.namespace, target.app, signal);
  const revision = revisions.at(-1);
  if (revision === undefined) return { target, objects: [], healthy: false };
  const manifests = await revisionManifests(client, target.namespace, target.app, revision.number);
  // A reading of now, not a wait: progressing objects show as progressing.
  const { states: objects } = await readinessNow(client, manifests);
  return {
    target,
    revision,
    objects,
    healthy: revision.status === 'deployed' && objects.every((o) => o.readiness.state === 'ready'),
  };
}
