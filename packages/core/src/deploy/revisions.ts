import { createHash, createHmac } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { msg } from '@quai/contracts';
import { QuaiError } from '../errors/index.js';
import { describeObject, type KubeClient, type KubeObject } from '../kube/index.js';
import { applyInProgress } from './lock.js';

/**
 * Revisions are Secrets in the app's namespace, so every operator's Quai sees the same history:
 * who deployed, when, the digest of the rendered set, its status, and the manifests (gzipped
 * JSON) for rollbacks. A revision is written once, when its apply ends, with its final status;
 * the apply in progress is on the app's Lease meanwhile (see lock.ts).
 *
 * Secret values are never kept: each value of each Secret is stored as a keyed digest
 * (HMAC-SHA256 keyed by the namespace, Secret name and key), so rotated passwords do not live on
 * in old revisions. A rollback takes the values from where they still are (the live Secret when
 * its digests match, or values the user gives) and refuses, naming the Secret and keys, otherwise.
 */
export type RevisionStatus = 'pending' | 'deployed' | 'failed' | 'rolled-back' | 'superseded' | 'interrupted';

export interface Revision {
  readonly app: string;
  readonly environment: string;
  readonly number: number;
  readonly status: RevisionStatus;
  readonly deployedBy: string;
  readonly deployedAt: string;
  readonly digest: string;
  readonly message: string;
  readonly images: readonly string[];
  /** Whether the revision keeps manifests to roll back to (an interrupted one may not). */
  readonly hasManifests: boolean;
  /** Secret values kept in clear by a Quai older than the digests: rewritten by the next apply. */
  readonly keepsSecretValues: boolean;
}

const LABEL_APP = 'quai.dev/app';
const LABEL_KIND = 'quai.dev/record';
const ANNOTATION_FORMAT = 'quai.dev/format';
/** 2: Secret values replaced by digests. Revisions without the annotation keep values in clear. */
const FORMAT = '2';
const MANIFESTS = 'manifests.json.gz';
const DIGEST_PREFIX = 'quai-digest:hmac-sha256:';
export const KEEP_REVISIONS = 10;

/** Secret values a user gives for a rollback: Secret name -> key -> value (as for apply's --secrets). */
export type SecretValues = Readonly<Record<string, Readonly<Record<string, string>>>>;

/** The digest of one Secret value: keyed by where it lives, so equal passwords elsewhere differ. */
export function secretValueDigest(namespace: string, secret: string, key: string, value: Buffer): string {
  return `${DIGEST_PREFIX}${createHmac('sha256', `quai/${namespace}/${secret}/${key}`).update(value).digest('hex')}`;
}

type SecretObject = KubeObject & {
  data?: Record<string, string>;
  stringData?: Record<string, string>;
};

/** The bytes of each key of a Secret object (data is base64, stringData is text; stringData wins). */
function secretBytes(s: SecretObject): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const [k, v] of Object.entries(s.data ?? {})) out.set(k, Buffer.from(v, 'base64'));
  for (const [k, v] of Object.entries(s.stringData ?? {})) out.set(k, Buffer.from(v, 'utf8'));
  return out;
}

/** A Secret with each value replaced by its digest (in `data`, not base64: never a value). */
function withDigests(s: SecretObject): KubeObject {
  const { data: _data, stringData: _stringData, ...rest } = s;
  const ns = s.metadata.namespace ?? '';
  const name = s.metadata.name ?? '';
  const digests: Record<string, string> = {};
  for (const [k, v] of secretBytes(s)) digests[k] = secretValueDigest(ns, name, k, v);
  return { ...rest, data: digests };
}

function isDigested(s: KubeObject): boolean {
  const data = (s as SecretObject).data ?? {};
  const values = Object.values(data);
  return values.length > 0 && values.every((v) => v.startsWith(DIGEST_PREFIX));
}

/** The objects as a revision keeps them: Secrets reduced to digests. */
export function storedForm(objects: readonly KubeObject[]): KubeObject[] {
  return objects.map((o) =>
    o.kind === 'Secret' && o.apiVersion === 'v1' ? withDigests(o as SecretObject) : o,
  );
}

/** The digest of a rendered set, computed on its stored form: equal sets give equal digests. */
export function digestOf(objects: readonly KubeObject[]): string {
  return `sha256:${createHash('sha256')
    .update(JSON.stringify(storedForm(objects)))
    .digest('hex')}`;
}

export function imagesOf(objects: readonly KubeObject[]): string[] {
  const images = new Set<string>();
  const visit = (v: unknown, key?: string): void => {
    if (Array.isArray(v)) v.forEach((x) => visit(x));
    else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) visit(x, k);
    else if (key === 'image' && typeof v === 'string') images.add(v);
  };
  for (const o of objects) if (o.kind !== 'Secret' && o.kind !== 'ConfigMap') visit(o);
  return [...images].sort();
}

function secretName(app: string, n: number): string {
  return `quai-rev-${app}-v${n}`.slice(0, 253);
}

function toRevision(s: KubeObject): Revision {
  const a = s.metadata.annotations ?? {};
  return {
    app: s.metadata.labels?.[LABEL_APP] ?? '',
    environment: a['quai.dev/environment'] ?? '',
    number: Number(s.metadata.labels?.['quai.dev/revision'] ?? 0),
    status: (a['quai.dev/status'] ?? 'pending') as RevisionStatus,
    deployedBy: a['quai.dev/deployed-by'] ?? '',
    deployedAt: a['quai.dev/deployed-at'] ?? '',
    digest: a['quai.dev/digest'] ?? '',
    message: a['quai.dev/message'] ?? '',
    images: (a['quai.dev/images'] ?? '').split(',').filter((x) => x !== ''),
    hasManifests: a['quai.dev/manifests'] !== 'none',
    keepsSecretValues: a[ANNOTATION_FORMAT] === undefined,
  };
}

/** The recorded revisions of an app, oldest first (one list of their metadata: values never read). */
export async function recordedRevisions(
  client: KubeClient,
  namespace: string,
  app: string,
  signal?: AbortSignal,
): Promise<Revision[]> {
  const secrets = await client.listMetadata('v1', 'Secret', {
    namespace,
    labelSelector: `${LABEL_KIND}=revision,${LABEL_APP}=${app}`,
    ...(signal ? { signal } : {}),
  });
  return revisionsOf(secrets, app);
}

/** The revisions of an app among the Secrets of its namespace (metadata suffices), oldest first. */
export function revisionsOf(secrets: readonly KubeObject[], app: string): Revision[] {
  return superseding(
    secrets
      .filter((s) => s.metadata.labels?.[LABEL_KIND] === 'revision' && s.metadata.labels[LABEL_APP] === app)
      .map(toRevision)
      .sort((a, b) => a.number - b.number),
  );
}

/**
 * An app's revisions (oldest first) as they read: a `deployed` revision followed by a later
 * deployed one is `superseded`. That status is read, not written: an apply records its own
 * revision and leaves the previous one as it is (one write less per apply); revisions an older
 * Quai marked `superseded` read the same.
 */
export function superseding<R extends { readonly status: RevisionStatus }>(revisions: readonly R[]): R[] {
  const last = revisions.findLastIndex((r) => r.status === 'deployed');
  return revisions.map((r, i) => (r.status === 'deployed' && i < last ? { ...r, status: 'superseded' } : r));
}

/**
 * An app's history, oldest first: the recorded revisions, then the apply on the app's lock if
 * there is one: `pending` while it runs, `interrupted` when it stopped midway (the next apply
 * records it so).
 */
export async function listRevisions(
  client: KubeClient,
  namespace: string,
  app: string,
  signal?: AbortSignal,
): Promise<Revision[]> {
  const [recorded, running] = await Promise.all([
    recordedRevisions(client, namespace, app, signal),
    applyInProgress(client, namespace, app, signal),
  ]);
  if (running === undefined) return recorded;
  if (recorded.some((r) => r.deployedAt === running.startedAt && r.deployedBy === running.user))
    return recorded;
  return [
    ...recorded,
    {
      app,
      environment: running.environment,
      number: (recorded.at(-1)?.number ?? 0) + 1,
      status: running.running ? 'pending' : 'interrupted',
      deployedBy: running.user,
      deployedAt: running.startedAt,
      digest: running.digest,
      message: running.running
        ? running.message || `being applied by ${running.holder}`
        : `interrupted: ${running.holder} stopped before the end`,
      images: running.images,
      hasManifests: false,
      keepsSecretValues: false,
    },
  ];
}

/** The manifests of a revision as stored (Secrets as digests, or with values for old revisions). */
export async function revisionManifests(
  client: KubeClient,
  namespace: string,
  app: string,
  n: number,
  signal?: AbortSignal,
): Promise<KubeObject[]> {
  const s = await client.tryGet<SecretObject>(
    { apiVersion: 'v1', kind: 'Secret', namespace, name: secretName(app, n) },
    signal,
  );
  const data = s?.data?.[MANIFESTS];
  if (s === undefined) {
    throw new QuaiError('NOT_FOUND', msg('deploy.noSuchRevision', { revision: n, app, namespace }), {
      hint: msg('deploy.noSuchRevisionHint', { app }),
    });
  }
  if (data === undefined) {
    throw new QuaiError('NOT_FOUND', msg('deploy.noManifests', { revision: n, app }), {
      hint: msg('deploy.noManifestsHint', { app }),
    });
  }
  return JSON.parse(gunzipSync(Buffer.from(data, 'base64')).toString('utf8')) as KubeObject[];
}

/** Secret data read before an apply changed it: what an automatic rollback may put back. */
export type SecretSnapshot = ReadonlyMap<string, SecretObject>;

/** The live Secrets of a namespace that a set names, with their data (read before writing them). */
export async function snapshotSecrets(
  client: KubeClient,
  namespace: string,
  names: readonly string[],
  signal?: AbortSignal,
): Promise<SecretSnapshot> {
  if (names.length === 0) return new Map();
  const wanted = new Set(names);
  const live = await client.list<SecretObject>('v1', 'Secret', { namespace, ...(signal ? { signal } : {}) });
  return new Map(
    live.filter((s) => wanted.has(s.metadata.name ?? '')).map((s) => [s.metadata.name ?? '', s]),
  );
}

/**
 * The objects of a stored revision ready to apply again: each Secret kept as digests gets its
 * values back from the values given, else from the snapshot taken before the failed apply, else
 * from the live Secret, whichever matches every digest. Refuses, naming each Secret and key that
 * no source matches, and how to give the values.
 */
export async function resolveSecrets(
  client: KubeClient,
  app: string,
  revision: number,
  stored: readonly KubeObject[],
  sources: { given?: SecretValues; snapshot?: SecretSnapshot; signal?: AbortSignal },
): Promise<KubeObject[]> {
  const digested = stored.filter((o) => o.kind === 'Secret' && isDigested(o));
  if (digested.length === 0) return [...stored];
  const namespace = digested[0]?.metadata.namespace ?? '';
  let live: SecretSnapshot | undefined;
  const resolved = new Map<KubeObject, KubeObject>();
  const missing: string[] = [];
  for (const s of digested) {
    const name = s.metadata.name ?? '';
    const digests = (s as SecretObject).data ?? {};
    const matches = (candidate: Map<string, Buffer> | undefined): Map<string, Buffer> | undefined => {
      if (candidate === undefined) return undefined;
      for (const [k, d] of Object.entries(digests)) {
        const v = candidate.get(k);
        if (v === undefined || secretValueDigest(namespace, name, k, v) !== d) return undefined;
      }
      return candidate;
    };
    const given = sources.given?.[name];
    const fromGiven =
      given === undefined
        ? undefined
        : new Map(Object.entries(given).map(([k, v]) => [k, Buffer.from(v, 'utf8')] as const));
    if (fromGiven !== undefined && matches(fromGiven) === undefined) {
      const wrong = Object.keys(digests).filter((k) => {
        const v = fromGiven.get(k);
        return v === undefined || secretValueDigest(namespace, name, k, v) !== digests[k];
      });
      throw new QuaiError(
        'INPUT_INVALID',
        msg('deploy.wrongSecretValues', {
          secret: `${namespace}/${name}`,
          revision,
          app,
          count: wrong.length,
          keys: wrong.join(', '),
        }),
        { hint: msg('deploy.wrongSecretValuesHint', { revision }) },
      );
    }
    const snap = sources.snapshot?.get(name);
    let found = matches(fromGiven) ?? matches(snap === undefined ? undefined : secretBytes(snap));
    if (found === undefined) {
      live ??= await snapshotSecrets(
        client,
        namespace,
        digested.map((d) => d.metadata.name ?? ''),
        sources.signal,
      );
      const current = live.get(name);
      found = matches(current === undefined ? undefined : secretBytes(current));
    }
    if (found === undefined) {
      missing.push(`${describeObject(s)} (${Object.keys(digests).join(', ')})`);
      continue;
    }
    const { data: _digests, ...rest } = s as SecretObject;
    resolved.set(s, {
      ...rest,
      data: Object.fromEntries(
        [...found].filter(([k]) => k in digests).map(([k, v]) => [k, v.toString('base64')]),
      ),
    });
  }
  if (missing.length > 0) {
    throw new QuaiError(
      'INPUT_INVALID',
      msg('deploy.secretsChanged', { app, revision, missing: missing.join('; ') }),
      { hint: msg('deploy.secretsChangedHint', { revision }), details: { missing } },
    );
  }
  return stored.map((o) => resolved.get(o) ?? o);
}

export interface NewRevision {
  readonly app: string;
  readonly environment: string;
  readonly namespace: string;
  readonly number: number;
  readonly status: RevisionStatus;
  /** The rendered set; undefined for an interrupted apply found on a Lease (nothing to keep). */
  readonly objects: readonly KubeObject[] | undefined;
  readonly digest: string;
  readonly images: readonly string[];
  readonly deployedBy: string;
  readonly message: string;
  readonly deployedAt: string;
}

function revisionObject(r: NewRevision, gz: string | undefined): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name: secretName(r.app, r.number),
      namespace: r.namespace,
      labels: { [LABEL_KIND]: 'revision', [LABEL_APP]: r.app, 'quai.dev/revision': String(r.number) },
      annotations: {
        [ANNOTATION_FORMAT]: FORMAT,
        'quai.dev/environment': r.environment,
        'quai.dev/status': r.status,
        'quai.dev/deployed-by': r.deployedBy,
        'quai.dev/deployed-at': r.deployedAt,
        'quai.dev/digest': r.digest,
        'quai.dev/message': r.message.slice(0, 1000),
        'quai.dev/images': r.images.join(','),
        ...(gz === undefined ? { 'quai.dev/manifests': 'none' } : {}),
      },
    },
    type: 'quai.dev/revision',
    ...(gz === undefined ? {} : { data: { [MANIFESTS]: gz } }),
  };
}

/** The compressed stored form of a set, refused when too large to keep in a Secret. */
export function packManifests(app: string, objects: readonly KubeObject[]): string {
  const gz = gzipSync(Buffer.from(JSON.stringify(storedForm(objects)))).toString('base64');
  if (gz.length > 900_000) {
    throw new QuaiError(
      'INPUT_INVALID',
      msg('deploy.tooLarge', { app, size: Math.round(gz.length / 1024) }),
      {
        hint: msg('deploy.tooLargeHint'),
      },
    );
  }
  return gz;
}

/** Writes a revision, once, with its final status. */
export async function recordRevision(
  client: KubeClient,
  r: NewRevision,
  fieldManager: string,
  signal?: AbortSignal,
): Promise<void> {
  const gz = r.objects === undefined ? undefined : packManifests(r.app, r.objects);
  await client.apply(revisionObject(r, gz), {
    fieldManager,
    force: true,
    metadataOnly: true,
    ...(signal ? { signal } : {}),
  });
}

export async function setRevisionStatus(
  client: KubeClient,
  namespace: string,
  app: string,
  n: number,
  status: RevisionStatus,
  fieldManager: string,
  message?: string,
): Promise<void> {
  await client.request({
    method: 'PATCH',
    path: `/api/v1/namespaces/${encodeURIComponent(namespace)}/secrets/${encodeURIComponent(secretName(app, n))}`,
    contentType: 'application/merge-patch+json',
    body: {
      metadata: {
        annotations: {
          'quai.dev/status': status,
          ...(message === undefined ? {} : { 'quai.dev/message': message.slice(0, 1000) }),
        },
      },
    },
    query: { fieldManager: `${fieldManager}-status` },
    idempotent: true,
  });
}

/**
 * Housekeeping after an apply: deletes all but the newest revisions, and rewrites the revisions a
 * Quai older than the digests wrote with Secret values in clear, so old passwords do not live on.
 */
export async function tidyRevisions(
  client: KubeClient,
  namespace: string,
  app: string,
  revisions: readonly Revision[],
): Promise<void> {
  const drop = revisions.slice(0, Math.max(0, revisions.length - KEEP_REVISIONS));
  for (const r of drop) {
    await client
      .delete({ apiVersion: 'v1', kind: 'Secret', namespace, name: secretName(app, r.number) })
      .catch(() => undefined);
  }
  for (const r of revisions.slice(drop.length).filter((x) => x.keepsSecretValues)) {
    const s = await client.tryGet<SecretObject>({
      apiVersion: 'v1',
      kind: 'Secret',
      namespace,
      name: secretName(app, r.number),
    });
    const data = s?.data?.[MANIFESTS];
    if (s === undefined || data === undefined) continue;
    const objects = JSON.parse(gunzipSync(Buffer.from(data, 'base64')).toString('utf8')) as KubeObject[];
    const gz = gzipSync(Buffer.from(JSON.stringify(storedForm(objects)))).toString('base64');
    // A replace (not an apply): the old value must be gone, whoever wrote it.
    await client.request({
      method: 'PUT',
      path: `/api/v1/namespaces/${encodeURIComponent(namespace)}/secrets/${encodeURIComponent(secretName(app, r.number))}`,
      body: {
        ...s,
        metadata: {
          ...s.metadata,
          annotations: { ...s.metadata.annotations, [ANNOTATION_FORMAT]: FORMAT },
          managedFields: undefined,
        },
        data: { [MANIFESTS]: gz },
      },
      idempotent: true,
    });
  }
}
