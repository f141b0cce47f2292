import { msg, textOf, type Message } from '@quai/contracts';
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
import { acquireAppLock, type HeldAppLock } from './lock.js';
import { readNamespace } from './namespaces.js';
import { counted, listInNamespace } from './shared-lists.js';
import { memberIssues, namespaceDecision, type OwnershipIssue } from './ownership.js';
import {
  digestOf,
  imagesOf,
  KEEP_REVISIONS,
  listRevisions,
  packManifests,
  recordedRevisions,
  recordRevision,
  revisionsOf,
  resolveSecrets,
  revisionManifests,
  setRevisionStatus,
  snapshotSecrets,
  tidyRevisions,
  type Revision,
  type RevisionStatus,
  type SecretSnapshot,
  type SecretValues,
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

/**
 * What plan sees for each object: created, updated (field by field), deleted by pruning,
 * unchanged; in conflict with fields another manager owns; owned by another app (refused unless
 * taking ownership); or invalid (the server would refuse it: the drift is shown anyway).
 */
export type ChangeKind = 'create' | 'update' | 'delete' | 'unchanged' | 'conflict' | 'owned' | 'invalid';

export interface ObjectChange {
  readonly kind: ChangeKind;
  readonly object: string;
  readonly ref: ObjectRef;
  readonly fields: readonly FieldChange[];
  /** For conflicts: the fields other managers own, and who. */
  readonly conflicts?: readonly string[];
  /** For objects of another app or team: who owns them. */
  readonly owner?: Message;
  /** Why (a message), or the API server's own words (for objects it would refuse). */
  readonly note?: Message | string;
}

/** What an error says, as a message (a QuaiError's own, or the text of another). */
function reasonOf(error: unknown): Message {
  if (error instanceof QuaiError) {
    return typeof error.text === 'string' ? msg('common.text', { text: error.text }) : error.text;
  }
  return msg('common.text', { text: error instanceof Error ? error.message : String(error) });
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

function splitGroupKind(gk: string): { kind: string; group: string } {
  const dot = gk.indexOf('.');
  return dot < 0 ? { kind: gk, group: '' } : { kind: gk.slice(0, dot), group: gk.slice(dot + 1) };
}

/**
 * The objects of the given group-kinds in the app's namespace, metadata only (one list per kind):
 * what exists, whose it is, and its version. Kinds the cluster does not serve are skipped.
 */
async function liveObjects(
  client: KubeClient,
  namespace: string,
  groupKinds: readonly string[],
  signal?: AbortSignal,
  listed: ReadonlyMap<string, readonly KubeObject[]> = new Map(),
): Promise<KubeObject[]> {
  const lists = await Promise.all(
    groupKinds.map(async (gk) => {
      const known = listed.get(gk);
      if (known !== undefined) return known;
      const { kind, group } = splitGroupKind(gk);
      const version = await client.preferredVersion(group, signal);
      if (version === undefined) return [];
      const apiVersion = group === '' ? version : `${group}/${version}`;
      const type = await client.resourceType(apiVersion, kind, signal).catch(() => undefined);
      if (type === undefined) return [];
      return type.namespaced
        ? listInNamespace(client, apiVersion, kind, namespace, signal)
        : client.listMetadata(apiVersion, kind, signal ? { signal } : {});
    }),
  );
  return lists.flat();
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
  return ourParent(target, parent);
}

/** The app's ApplySet parent, refused when another tool's set has that name. */
function ourParent(target: AppTarget, parent: KubeObject | undefined): KubeObject | undefined {
  const p = parentOf(target);
  const tooling = parent?.metadata.annotations?.[ANNOTATION_TOOLING];
  if (parent !== undefined && tooling !== undefined && !tooling.startsWith('quai/')) {
    throw new QuaiError(
      'CONFLICT',
      msg('deploy.foreignApplySet', { namespace: p.namespace, name: p.name, tooling }),
      {
        hint: msg('deploy.foreignApplySetHint'),
      },
    );
  }
  return parent;
}

function namespaceOf(target: AppTarget, objects: readonly KubeObject[]): KubeObject {
  return (
    objects.find((o) => o.kind === 'Namespace' && o.metadata.name === target.namespace) ?? {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: target.namespace },
    }
  );
}

/** Whether a live namespace already carries every label and annotation we would set. */
function carries(live: KubeObject, desired: KubeObject): boolean {
  const has = (
    l: Readonly<Record<string, string>> | undefined,
    d: Readonly<Record<string, string>> | undefined,
  ): boolean => Object.entries(d ?? {}).every(([k, v]) => l?.[k] === v);
  return (
    has(live.metadata.labels, desired.metadata.labels) &&
    has(live.metadata.annotations, desired.metadata.annotations)
  );
}

function ownedError(target: AppTarget, issues: readonly OwnershipIssue[]): QuaiError {
  const items = issues
    .map((i) => msg('deploy.ownedItem', { object: i.object, reason: i.reason }))
    .reduceRight<Message | undefined>(
      (rest, first) => (rest === undefined ? first : msg('deploy.join', { first, rest })),
      undefined,
    );
  return new QuaiError('CONFLICT', msg('deploy.owned', { app: target.app, items: items ?? '' }), {
    hint: msg('deploy.ownedHint'),
    details: { owned: issues.map((i) => ({ object: i.object, owner: textOf('en', i.owner) })) },
  });
}

/** The fields of `live` that `desired` sets, shaped like `desired`: what drifted from the intent. */
function project(live: unknown, desired: unknown): unknown {
  if (Array.isArray(desired) && Array.isArray(live) && live.length === desired.length) {
    return desired.map((d, i) => project(live[i], d));
  }
  if (
    desired !== null &&
    typeof desired === 'object' &&
    !Array.isArray(desired) &&
    live !== null &&
    typeof live === 'object' &&
    !Array.isArray(live)
  ) {
    const l = live as Record<string, unknown>;
    return Object.fromEntries(Object.entries(desired).map(([k, d]) => [k, project(l[k], d)]));
  }
  return live;
}

/**
 * Compares the rendered objects with the cluster through server-side dry-run applies: what
 * would be created, updated (field by field), deleted by pruning, or left unchanged, which
 * fields another field manager owns, which objects belong to another app or team (refused by
 * apply unless taking ownership), and which the server would refuse (their drift still shown).
 * Secret values are never shown.
 */
export async function plan(
  client: KubeClient,
  target: AppTarget,
  objects: readonly KubeObject[],
  options: PlanOptions = {},
): Promise<Plan> {
  return counted(client, () => planRun(client, target, objects, options));
}

interface PlanOptions {
  readonly force?: boolean;
  readonly takeOwnership?: boolean;
  readonly signal?: AbortSignal;
}

async function planRun(
  client: KubeClient,
  target: AppTarget,
  objects: readonly KubeObject[],
  options: PlanOptions,
): Promise<Plan> {
  const signal = options.signal;
  const id = applySetId(parentOf(target));
  const takeOwnership = options.takeOwnership === true;
  const [parent, liveNs] = await Promise.all([
    readParent(client, target, signal),
    readNamespace(client, target.namespace, signal),
  ]);
  const nsExists = liveNs !== undefined;
  const desiredNs = namespaceOf(target, objects);
  const decision = namespaceDecision(liveNs, desiredNs, target.app, takeOwnership);
  const sorted = sortObjects(objects);
  const changes = await mapLimit(sorted, 8, async (raw): Promise<ObjectChange> => {
    const o = raw.kind === 'Namespace' ? raw : asMember(raw, id);
    const ref = refOf(o);
    const object = describeObject(o);
    if (o.kind === 'Namespace' && decision.action === 'refuse') {
      return {
        kind: 'owned',
        object,
        ref,
        fields: [],
        owner: decision.issue.owner,
        note: decision.issue.reason,
      };
    }
    if (o.kind === 'Namespace' && decision.action === 'leave') {
      return {
        kind: 'unchanged',
        object,
        ref,
        fields: [],
        owner: decision.owner,
        note: msg('deploy.step.sharedNamespace', { namespace: target.namespace, owner: decision.owner }),
      };
    }
    if (!nsExists && o.kind !== 'Namespace') {
      return {
        kind: 'create',
        object,
        ref,
        fields: [],
        note: msg('deploy.note.namespaceLater'),
      };
    }
    const live = await client.tryGet(ref, signal);
    let note: Message | undefined;
    if (live !== undefined && o.kind !== 'Namespace') {
      const [issue] = memberIssues([o], new Map([[key(o), live]]), key, id, target.app);
      if (issue !== undefined) {
        if (!takeOwnership)
          return { kind: 'owned', object, ref, fields: [], owner: issue.owner, note: issue.reason };
        note = msg('deploy.note.takenOver', { owner: issue.owner });
      }
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
        return {
          kind: 'conflict',
          object,
          ref,
          fields: [],
          conflicts: error.causes.map((c) => `${c.field ?? ''}: ${c.message ?? ''}`),
        };
      }
      if (error instanceof KubeApiError && error.code === 'INVALID') {
        // The server would refuse the merge (a port edited by hand now clashes with ours, say):
        // show it, with how the live object drifted from the intent, and plan the rest.
        const drift =
          live === undefined
            ? []
            : diffValues(
                mask(project(normalize(live), normalize(o)) as Record<string, unknown>, o.kind),
                mask(normalize(o), o.kind),
              );
        return {
          kind: 'invalid',
          object,
          ref,
          fields: drift.filter((f) => f.path !== 'metadata.labels.applyset.kubernetes.io/part-of'),
          note: error.serverMessage,
        };
      }
      throw error;
    }
    if (live === undefined) return { kind: 'create', object, ref, fields: [] };
    const fields = diffValues(mask(normalize(live), o.kind), mask(normalize(after), o.kind));
    return {
      kind: fields.length === 0 && note === undefined ? 'unchanged' : 'update',
      object,
      ref,
      fields,
      ...(note === undefined ? {} : { note }),
    };
  });
  if (parent !== undefined) {
    const wanted = new Set(sorted.map((o) => key(o.kind === 'Namespace' ? o : asMember(o, id))));
    const groupKinds = parseGroupKinds(parent.metadata.annotations?.[ANNOTATION_GROUP_KINDS]);
    for (const m of await liveObjects(client, target.namespace, groupKinds, signal)) {
      if (m.metadata.labels?.[LABEL_PART_OF] !== id || wanted.has(key(m))) continue;
      changes.push({
        kind: 'delete',
        object: describeObject(m),
        ref: refOf(m),
        fields: [],
        note: msg('deploy.note.pruned'),
      });
    }
  }
  const summary: Record<ChangeKind, number> = {
    create: 0,
    update: 0,
    delete: 0,
    unchanged: 0,
    conflict: 0,
    owned: 0,
    invalid: 0,
  };
  for (const c of changes) summary[c.kind]++;
  return { target, changes, summary };
}

export type DeployEvent =
  | { readonly kind: 'step'; readonly message: Message }
  | {
      readonly kind: 'applied';
      readonly object: string;
      readonly action: 'created' | 'configured' | 'unchanged';
    }
  | { readonly kind: 'pruned'; readonly object: string }
  | { readonly kind: 'progress'; readonly states: readonly ObjectReadiness[] };

export interface ApplyOptions {
  readonly force?: boolean;
  /** Write objects another app or team owns (refused otherwise, before anything changes). */
  readonly takeOwnership?: boolean;
  readonly prune?: boolean;
  readonly wait?: boolean;
  readonly timeoutMs?: number;
  readonly rollbackOnFailure?: boolean;
  readonly concurrency?: number;
  readonly message?: string;
  /** Secret values for a rollback to a revision whose Secrets changed since (Secret -> key -> value). */
  readonly secrets?: SecretValues;
  readonly signal?: AbortSignal;
  readonly onEvent?: (e: DeployEvent) => void;
  /** The clock (tests inject one); real time otherwise. */
  readonly now?: () => Date;
  /** How long the app's lock lasts without renewal (default 60 s): tests shorten it. */
  readonly lockSeconds?: number;
}

/** What became of the automatic rollback of a failed apply. */
export interface RollbackOutcome {
  /** The revision rolled back to. */
  readonly to: number;
  /** The revision the rollback recorded, when it recorded one. */
  readonly revision?: number;
  readonly status: 'deployed' | 'failed' | 'not-attempted';
  readonly reason?: Message;
}

export interface ApplyResult {
  readonly target: AppTarget;
  readonly revision: number;
  /** `rolled-back` only when the rollback itself was deployed. */
  readonly status: 'deployed' | 'failed' | 'rolled-back';
  readonly applied: number;
  readonly pruned: readonly string[];
  readonly failure?: WaitFailure;
  /** When the rollout failed and was rolled back: the revision restored. */
  readonly rolledBackTo?: number;
  readonly rollback?: RollbackOutcome;
  readonly seconds: number;
}

/** Errors that mean the cluster could not be reached: the apply stopped, nothing to judge or undo. */
function isConnectionLoss(error: unknown): boolean {
  return (
    error instanceof QuaiError &&
    !(error instanceof DeployWaitError) &&
    ['CLUSTER_UNREACHABLE', 'TIMEOUT', 'SERVER_ERROR', 'TOO_MANY_REQUESTS', 'APPLY_LOCKED'].includes(
      error.code,
    )
  );
}

interface Run {
  readonly client: KubeClient;
  readonly target: AppTarget;
  readonly options: ApplyOptions;
  readonly signal: AbortSignal | undefined;
  readonly emit: (e: DeployEvent) => void;
  readonly who: string;
  readonly now: () => Date;
  /** What existed when the lock was taken (metadata), by key; undefined for a new namespace. */
  live: Map<string, KubeObject> | undefined;
  parent: KubeObject | undefined;
  revisions: Revision[];
}

/** Applies the members tier by tier, prunes, waits: the part a rollback repeats. */
async function applyMembers(
  run: Run,
  members: readonly KubeObject[],
  counters: { applied: number; pruned: string[] },
): Promise<void> {
  const { client, target, options, signal, emit } = run;
  const id = applySetId(parentOf(target));
  const oldKinds = parseGroupKinds(run.parent?.metadata.annotations?.[ANNOTATION_GROUP_KINDS]);
  const newKinds = [...new Set(members.map(groupKind))];
  const allKinds = [...new Set([...oldKinds, ...newKinds])].sort();
  // The parent lists old and new group-kinds before members change: a crash in between still lets
  // the next run find and prune everything. Written only when that list grows.
  if (run.parent === undefined || allKinds.some((k) => !oldKinds.includes(k))) {
    run.parent = await client.apply(parentObject(parentOf(target), allKinds, TOOLING), {
      fieldManager: FIELD_MANAGER,
      force: true,
      metadataOnly: true,
      ...(signal ? { signal } : {}),
    });
  }
  const before = new Map(
    [...(run.live ?? new Map<string, KubeObject>())].filter(
      ([, m]) => m.metadata.labels?.[LABEL_PART_OF] === id,
    ),
  );
  const tiers = new Map<number, KubeObject[]>();
  for (const m of members) {
    const rank = (KIND_ORDER as readonly string[]).indexOf(m.kind);
    const tier = tiers.get(rank) ?? [];
    tier.push(m);
    tiers.set(rank, tier);
  }
  // What the server answered for each member: the versions readiness must see.
  const applied = new Map<string, KubeObject>();
  for (const [, tier] of [...tiers.entries()].sort(([a], [b]) => (a < 0 ? 1e9 : a) - (b < 0 ? 1e9 : b))) {
    await mapLimit(tier, options.concurrency ?? 8, async (o) => {
      // The server's metadata is what readiness needs (uid, generation): the whole object is
      // not sent back, so it costs the server less to encode and us less to read.
      const { object: result, created } = await client.applyWithStatus(o, {
        fieldManager: FIELD_MANAGER,
        metadataOnly: true,
        ...(options.force || options.takeOwnership ? { force: true } : {}),
        ...(signal ? { signal } : {}),
      });
      counters.applied++;
      applied.set(key(o), { ...o, metadata: result.metadata });
      const old = run.live?.get(key(o));
      const action =
        created || old === undefined
          ? 'created'
          : old.metadata.resourceVersion === result.metadata.resourceVersion
            ? 'unchanged'
            : 'configured';
      emit({ kind: 'applied', object: describeObject(o), action });
    });
    // One-shot Jobs run before the workloads that wait for them.
    const jobs = tier.filter((o) => o.kind === 'Job');
    if (jobs.length > 0 && options.wait !== false) {
      emit({ kind: 'step', message: msg('deploy.step.waitingJobs', { count: jobs.length }) });
      await waitForReady(
        client,
        jobs.map((j) => applied.get(key(j)) ?? j),
        {
          timeoutMs: options.timeoutMs ?? 300_000,
          ...(signal ? { signal } : {}),
          onProgress: (states) => emit({ kind: 'progress', states }),
        },
      );
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
      counters.pruned.push(describeObject(m));
      emit({ kind: 'pruned', object: describeObject(m) });
    }
    if (allKinds.length !== newKinds.length) {
      run.parent = await client.apply(parentObject(parentOf(target), newKinds, TOOLING), {
        fieldManager: FIELD_MANAGER,
        force: true,
        metadataOnly: true,
        ...(signal ? { signal } : {}),
      });
    }
  }
  if (options.wait !== false) {
    emit({ kind: 'step', message: msg('deploy.step.waiting') });
    await waitForReady(
      client,
      members.map((m) => applied.get(key(m)) ?? m),
      {
        timeoutMs: options.timeoutMs ?? 300_000,
        ...(signal ? { signal } : {}),
        onProgress: (states) => emit({ kind: 'progress', states }),
      },
    );
  }
}

/**
 * Applies an app: server-side apply with Quai's field manager, tier by tier in dependency order
 * (parallel within a tier), one-shot Jobs completed before the workloads, pruning of what the
 * set no longer contains (ApplySet labels, so kubectl understands them), readiness awaited by
 * watch with fail-fast, and one revision recorded at the end with its outcome; on a failed
 * rollout, an optional rollback to the last deployed revision.
 *
 * Safety: what the namespace and the objects belong to is checked before anything is written
 * (another app's or another team's are refused unless `takeOwnership`); one apply per app at a
 * time (a Lease: a second one is refused, naming the holder); a lost connection stops the apply
 * without a rollback attempt (the next apply records it as interrupted and completes it).
 */
export async function apply(
  client: KubeClient,
  target: AppTarget,
  objects: readonly KubeObject[],
  options: ApplyOptions = {},
): Promise<ApplyResult> {
  return counted(client, () => applyRun(client, target, objects, options));
}

async function applyRun(
  client: KubeClient,
  target: AppTarget,
  objects: readonly KubeObject[],
  options: ApplyOptions,
): Promise<ApplyResult> {
  const start = performance.now();
  const emit = options.onEvent ?? (() => undefined);
  const now = options.now ?? (() => new Date());
  const id = applySetId(parentOf(target));
  const sorted = sortObjects(objects);
  const desiredNs = namespaceOf(target, sorted);
  const members = sorted
    .filter((o) => o.kind !== 'Namespace' || o.metadata.name !== target.namespace)
    .map((o) => asMember(o, id));
  for (const m of members) {
    if (
      m.kind === 'Namespace' ||
      (m.metadata.namespace !== undefined && m.metadata.namespace !== target.namespace)
    ) {
      throw new QuaiError(
        'INPUT_INVALID',
        msg('deploy.outsideNamespace', { object: describeObject(m), namespace: target.namespace }),
        { hint: msg('deploy.outsideNamespaceHint') },
      );
    }
  }
  const takeOwnership = options.takeOwnership === true;
  const userSignal = options.signal;
  emit({
    kind: 'step',
    message: msg('deploy.step.applying', {
      app: target.app,
      environment: target.environment,
      namespace: target.namespace,
    }),
  });
  const [who, liveNs] = await Promise.all([
    client.whoAmI(),
    readNamespace(client, target.namespace, userSignal),
  ]);

  // Before any write: whose namespace is it?
  const decision = namespaceDecision(liveNs, desiredNs, target.app, takeOwnership);
  if (decision.action === 'refuse') throw ownedError(target, [decision.issue]);
  if (decision.action === 'leave')
    emit({
      kind: 'step',
      message: msg('deploy.step.sharedNamespace', { namespace: target.namespace, owner: decision.owner }),
    });
  if (decision.action === 'write' && (liveNs === undefined || !carries(liveNs, desiredNs))) {
    await client.apply(desiredNs, {
      fieldManager: FIELD_MANAGER,
      metadataOnly: true,
      ...(options.force || takeOwnership ? { force: true } : {}),
      ...(userSignal ? { signal: userSignal } : {}),
    });
  }

  const digest = digestOf(sorted);
  const images = imagesOf(sorted);
  const startedAt = now().toISOString();
  // Checked before locking, so a set too large to record changes nothing.
  packManifests(target.app, sorted);
  const lock: HeldAppLock = await acquireAppLock(
    client,
    target.namespace,
    target.app,
    {
      user: who,
      environment: target.environment,
      digest,
      images,
      message: options.message ?? '',
      startedAt,
    },
    {
      ...(options.lockSeconds ? { leaseSeconds: options.lockSeconds } : {}),
      ...(userSignal ? { signal: userSignal } : {}),
    },
  );
  const signal = userSignal ? AbortSignal.any([userSignal, lock.lost]) : lock.lost;
  const run: Run = {
    client,
    target,
    options,
    signal,
    emit,
    who,
    now,
    live: undefined,
    parent: undefined,
    revisions: [],
  };
  try {
    // What exists, read once under the lock: whose each object is, what to prune, the history.
    let snapshot: SecretSnapshot | undefined;
    if (liveNs !== undefined) {
      // One metadata list of the namespace's Secrets gives the ApplySet parent, the revisions
      // and, when the set has Secrets, what exists of them.
      const secrets = await client.listMetadata('v1', 'Secret', {
        namespace: target.namespace,
        ...(signal ? { signal } : {}),
      });
      const parentName = parentOf(target).name;
      const parent = ourParent(
        target,
        secrets.find((s) => s.metadata.name === parentName),
      );
      const revisions = revisionsOf(secrets, target.app);
      run.parent = parent;
      run.revisions = revisions;
      const oldKinds = parseGroupKinds(parent?.metadata.annotations?.[ANNOTATION_GROUP_KINDS]);
      const kinds = [...new Set([...oldKinds, ...members.map(groupKind)])];
      run.live = new Map(
        (await liveObjects(client, target.namespace, kinds, signal, new Map([['Secret', secrets]]))).map(
          (m) => [key(m), m],
        ),
      );
      const issues = memberIssues(members, run.live, key, id, target.app);
      if (issues.length > 0 && !takeOwnership) throw ownedError(target, issues);
      // An automatic rollback may need the Secret values this apply is about to replace: revisions
      // keep only their digests, so the values are read now and kept in memory, never stored.
      const secretNames = members.filter((m) => m.kind === 'Secret').map((m) => m.metadata.name ?? '');
      if (
        options.rollbackOnFailure &&
        secretNames.length > 0 &&
        revisions.some((r) => r.status === 'deployed')
      ) {
        snapshot = await snapshotSecrets(client, target.namespace, secretNames, signal);
      }
    }
    let next = (run.revisions.at(-1)?.number ?? 0) + 1;
    const record = async (
      number: number,
      status: RevisionStatus,
      fields: {
        objects: readonly KubeObject[] | undefined;
        message: string;
        digest?: string;
        images?: readonly string[];
        by?: string;
        at?: string;
        environment?: string;
      },
      recordSignal?: AbortSignal,
    ): Promise<void> => {
      await recordRevision(
        client,
        {
          app: target.app,
          environment: fields.environment ?? target.environment,
          namespace: target.namespace,
          number,
          status,
          objects: fields.objects,
          digest: fields.digest ?? digestOf(fields.objects ?? []),
          images: fields.images ?? imagesOf(fields.objects ?? []),
          deployedBy: fields.by ?? who,
          message: fields.message,
          deployedAt: fields.at ?? startedAt,
        },
        FIELD_MANAGER,
        recordSignal,
      );
      run.revisions.push({
        app: target.app,
        environment: fields.environment ?? target.environment,
        number,
        status,
        deployedBy: fields.by ?? who,
        deployedAt: fields.at ?? startedAt,
        digest: '',
        message: fields.message,
        images: [],
        hasManifests: fields.objects !== undefined,
        keepsSecretValues: false,
      });
    };
    // A previous apply that died holding the lock (unless it could record itself before the
    // lock was lost), or pending revisions of an older Quai.
    const a = lock.abandoned;
    if (
      a !== undefined &&
      !run.revisions.some((r) => r.deployedAt === a.startedAt && r.deployedBy === a.user)
    ) {
      await record(next++, 'interrupted', {
        objects: undefined,
        message: `interrupted: ${a.holder} stopped before the end${a.message ? ` (${a.message})` : ''}`,
        digest: a.digest,
        images: a.images,
        by: a.user,
        at: a.startedAt,
        environment: a.environment,
      });
    }
    for (const r of run.revisions.filter((x) => x.status === 'pending')) {
      await setRevisionStatus(client, target.namespace, target.app, r.number, 'interrupted', FIELD_MANAGER);
    }
    const previous = [...run.revisions].reverse().find((r) => r.status === 'deployed');
    const number = next;
    const counters = { applied: 0, pruned: [] as string[] };
    const message = options.message ?? '';
    // The previous deployed revision now reads as superseded (revisionsOf): nothing to write.
    const finish = async (): Promise<void> => {
      if (run.revisions.length > KEEP_REVISIONS || run.revisions.some((r) => r.keepsSecretValues)) {
        await tidyRevisions(client, target.namespace, target.app, run.revisions).catch(() => undefined);
      }
    };
    try {
      await applyMembers(run, members, counters);
      await record(number, 'deployed', { objects: sorted, message });
      await finish();
      return {
        target,
        revision: number,
        status: 'deployed',
        applied: counters.applied,
        pruned: counters.pruned,
        seconds: (performance.now() - start) / 1000,
      };
    } catch (error) {
      if (userSignal?.aborted || lock.lost.aborted || isConnectionLoss(error)) {
        // Stopped, not failed: nothing to judge, nothing to undo. Recorded as interrupted if the
        // server still answers; else the next apply finds it on the lock and records it then.
        const why = userSignal?.aborted
          ? 'interrupted'
          : textOf('en', reasonOf(lock.lost.aborted ? lock.lost.reason : error));
        await record(
          number,
          'interrupted',
          { objects: sorted, message: `interrupted: ${why}`.slice(0, 1000) },
          AbortSignal.timeout(5000),
        ).catch(() => undefined);
        if (lock.lost.aborted && !userSignal?.aborted) throw lock.lost.reason as Error;
        throw error;
      }
      const failure: WaitFailure =
        error instanceof DeployWaitError
          ? error.failure
          : { object: target.app, reason: reasonOf(error), events: [] };
      let rollback: RollbackOutcome | undefined;
      // Undo only what changed: a refusal of the first write left the app as it was.
      const changed = error instanceof DeployWaitError || counters.applied > 0;
      if (options.rollbackOnFailure && previous !== undefined && changed) {
        rollback = await rollBackInside(run, previous.number, number + 1, snapshot, failure);
      }
      const status: RevisionStatus = rollback?.status === 'deployed' ? 'rolled-back' : 'failed';
      // Recorded in the cluster in English, as a commit message is.
      const reason = textOf('en', failure.reason);
      const note =
        rollback === undefined || rollback.status === 'deployed'
          ? reason
          : `${reason}; rollback to revision ${rollback.to} ${rollback.status === 'failed' ? 'failed' : 'not attempted'}: ${textOf('en', rollback.reason ?? '')}`;
      await record(number, status, { objects: sorted, message: note }).catch(() => undefined);
      if (rollback?.status === 'deployed') await finish().catch(() => undefined);
      if (!(error instanceof DeployWaitError)) {
        // Refused by the server: the refusal is the outcome (its code kept), the rollback told.
        if (rollback === undefined || !(error instanceof QuaiError)) throw error;
        const told =
          rollback.status === 'deployed'
            ? msg('deploy.refusedRollbackDone', { revision: rollback.revision ?? '', to: rollback.to })
            : rollback.status === 'failed'
              ? msg('deploy.refusedRollbackFailed', { to: rollback.to, reason: rollback.reason ?? '' })
              : msg('deploy.refusedRollbackNotAttempted', { to: rollback.to, reason: rollback.reason ?? '' });
        throw new QuaiError(error.code, error.text, {
          hint:
            error.hintText === undefined
              ? told
              : msg('deploy.twoSentences', { first: error.hintText, second: told }),
          details: { ...error.details, rollback },
          cause: error,
        });
      }
      return {
        target,
        revision: number,
        status: rollback?.status === 'deployed' ? 'rolled-back' : 'failed',
        applied: counters.applied,
        pruned: counters.pruned,
        failure,
        ...(rollback?.status === 'deployed' && rollback.revision !== undefined
          ? { rolledBackTo: rollback.revision }
          : {}),
        ...(rollback === undefined ? {} : { rollback }),
        seconds: (performance.now() - start) / 1000,
      };
    }
  } finally {
    await lock.release();
  }
}

/**
 * The automatic rollback of a failed apply, under the same lock: re-applies the last deployed
 * revision (Secret values from before the failed apply) as revision `number`. Recorded only when
 * it was applied; a refused or unreachable rollback leaves one failed revision, not two.
 */
async function rollBackInside(
  run: Run,
  to: number,
  number: number,
  snapshot: SecretSnapshot | undefined,
  failure: WaitFailure,
): Promise<RollbackOutcome> {
  const { client, target, emit } = run;
  emit({ kind: 'step', message: msg('deploy.step.rollingBack', { reason: failure.reason, to }) });
  let objects: KubeObject[];
  try {
    const stored = await revisionManifests(client, target.namespace, target.app, to, run.signal);
    // The values from before the failed apply, or the live ones (never the request's new ones).
    objects = await resolveSecrets(client, target.app, to, stored, {
      ...(snapshot ? { snapshot } : {}),
      ...(run.signal ? { signal: run.signal } : {}),
    });
  } catch (error) {
    return { to, status: 'not-attempted', reason: reasonOf(error) };
  }
  const id = applySetId(parentOf(target));
  const members = sortObjects(objects)
    .filter((o) => o.kind !== 'Namespace')
    .map((o) => asMember(o, id));
  const counters = { applied: 0, pruned: [] as string[] };
  const message = `rollback to revision ${to} after revision ${number - 1} failed`;
  try {
    // What the failed apply left: read again, so pruning sees what it created.
    const kinds = [
      ...new Set([
        ...parseGroupKinds(run.parent?.metadata.annotations?.[ANNOTATION_GROUP_KINDS]),
        ...members.map(groupKind),
      ]),
    ];
    run.live = new Map(
      (await liveObjects(client, target.namespace, kinds, run.signal)).map((m) => [key(m), m]),
    );
    await applyMembers(run, members, counters);
  } catch (error) {
    const reason = reasonOf(error);
    if (error instanceof DeployWaitError) {
      await recordRevision(
        client,
        {
          app: target.app,
          environment: target.environment,
          namespace: target.namespace,
          number,
          status: 'failed',
          objects,
          digest: digestOf(objects),
          images: imagesOf(objects),
          deployedBy: run.who,
          message: `${message}: ${textOf('en', reason)}`,
          deployedAt: run.now().toISOString(),
        },
        FIELD_MANAGER,
      ).catch(() => undefined);
      return { to, revision: number, status: 'failed', reason };
    }
    return { to, status: 'failed', reason };
  }
  await recordRevision(
    client,
    {
      app: target.app,
      environment: target.environment,
      namespace: target.namespace,
      number,
      status: 'deployed',
      objects,
      digest: digestOf(objects),
      images: imagesOf(objects),
      deployedBy: run.who,
      message,
      deployedAt: run.now().toISOString(),
    },
    FIELD_MANAGER,
  );
  run.revisions.push({
    app: target.app,
    environment: target.environment,
    number,
    status: 'deployed',
    deployedBy: run.who,
    deployedAt: '',
    digest: '',
    message,
    images: [],
    hasManifests: true,
    keepsSecretValues: false,
  });
  return { to, revision: number, status: 'deployed' };
}

/**
 * Re-applies the manifests of an earlier revision (the previous deployed one by default) as a new
 * revision. Secrets come back from their live values when these still match the revision's
 * digests, else from `secrets`; otherwise the rollback is refused, naming what is missing.
 */
export async function rollback(
  client: KubeClient,
  target: AppTarget,
  options: ApplyOptions & { to?: number } = {},
): Promise<ApplyResult> {
  const revisions = await recordedRevisions(client, target.namespace, target.app, options.signal);
  if (revisions.length === 0) {
    throw new QuaiError(
      'NOT_FOUND',
      msg('deploy.noRevision', { app: target.app, namespace: target.namespace }),
      {
        hint: msg('deploy.deployFirstHint'),
      },
    );
  }
  const current = revisions.at(-1);
  const to =
    options.to ??
    [...revisions]
      .reverse()
      .find(
        (r) =>
          r.status !== 'failed' &&
          r.status !== 'rolled-back' &&
          r.status !== 'interrupted' &&
          r.hasManifests &&
          r.number !== current?.number,
      )?.number;
  if (to === undefined) {
    throw new QuaiError('NOT_FOUND', msg('deploy.noGoodRevision', { app: target.app }), {
      hint: msg('deploy.noGoodRevisionHint', { app: target.app }),
    });
  }
  const stored = await revisionManifests(client, target.namespace, target.app, to, options.signal);
  const manifests = await resolveSecrets(client, target.app, to, stored, {
    ...(options.secrets ? { given: options.secrets } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
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
  const shown = [...revisions].reverse().find((r) => r.hasManifests);
  const manifests =
    shown === undefined
      ? []
      : await revisionManifests(client, target.namespace, target.app, shown.number, signal);
  // A reading of now, not a wait: progressing objects show as progressing.
  const { states: objects } = await readinessNow(client, manifests, signal);
  return {
    target,
    revision,
    objects,
    healthy: revision.status === 'deployed' && objects.every((o) => o.readiness.state === 'ready'),
  };
}
