import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { QuaiError } from '../errors/index.js';
import type { KubeClient, KubeObject } from '../kube/index.js';

/**
 * Revisions are Secrets in the app's namespace, so every operator's Quai sees the same history:
 * who deployed, when, the digest of the rendered set, its status, and the manifests themselves
 * (gzipped JSON) for rollbacks.
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
}

const LABEL_APP = 'quai.dev/app';
const LABEL_KIND = 'quai.dev/record';
export const KEEP_REVISIONS = 10;

export function digestOf(objects: readonly KubeObject[]): string {
  return `sha256:${createHash('sha256').update(JSON.stringify(objects)).digest('hex')}`;
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

type RevisionSecret = KubeObject & { data?: Record<string, string> };

function toRevision(s: RevisionSecret): Revision {
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
  };
}

export async function listRevisions(
  client: KubeClient,
  namespace: string,
  app: string,
  signal?: AbortSignal,
): Promise<Revision[]> {
  const secrets = await client.list<RevisionSecret>('v1', 'Secret', {
    namespace,
    labelSelector: `${LABEL_KIND}=revision,${LABEL_APP}=${app}`,
    ...(signal ? { signal } : {}),
  });
  return secrets.map(toRevision).sort((a, b) => a.number - b.number);
}

export async function revisionManifests(
  client: KubeClient,
  namespace: string,
  app: string,
  n: number,
): Promise<KubeObject[]> {
  const s = await client.tryGet<RevisionSecret>({
    apiVersion: 'v1',
    kind: 'Secret',
    namespace,
    name: secretName(app, n),
  });
  const data = s?.data?.['manifests.json.gz'];
  if (s === undefined || data === undefined) {
    throw new QuaiError('NOT_FOUND', `Revision ${n} of "${app}" does not exist in namespace ${namespace}.`, {
      hint: `List the revisions with \`quai history ${app}\`.`,
    });
  }
  return JSON.parse(gunzipSync(Buffer.from(data, 'base64')).toString('utf8')) as KubeObject[];
}

export interface NewRevision {
  readonly app: string;
  readonly environment: string;
  readonly namespace: string;
  readonly number: number;
  readonly objects: readonly KubeObject[];
  readonly deployedBy: string;
  readonly message: string;
  readonly now: Date;
}

export async function recordRevision(
  client: KubeClient,
  r: NewRevision,
  fieldManager: string,
): Promise<void> {
  const gz = gzipSync(Buffer.from(JSON.stringify(r.objects))).toString('base64');
  if (gz.length > 900_000) {
    throw new QuaiError(
      'INPUT_INVALID',
      `The rendered set of "${r.app}" is too large to keep as a revision (${Math.round(gz.length / 1024)} KiB compressed).`,
      {
        hint: 'Split the app in several apps.',
      },
    );
  }
  await client.apply(
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: {
        name: secretName(r.app, r.number),
        namespace: r.namespace,
        labels: { [LABEL_KIND]: 'revision', [LABEL_APP]: r.app, 'quai.dev/revision': String(r.number) },
        annotations: {
          'quai.dev/environment': r.environment,
          'quai.dev/status': 'pending',
          'quai.dev/deployed-by': r.deployedBy,
          'quai.dev/deployed-at': r.now.toISOString(),
          'quai.dev/digest': digestOf(r.objects),
          'quai.dev/message': r.message,
          'quai.dev/images': imagesOf(r.objects).join(','),
        },
      },
      type: 'quai.dev/revision',
      data: { 'manifests.json.gz': gz },
    },
    { fieldManager, force: true },
  );
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
          ...(message === undefined ? {} : { 'quai.dev/message': message }),
        },
      },
    },
    query: { fieldManager: `${fieldManager}-status` },
    idempotent: true,
  });
}

/** Deletes all but the newest revisions. */
export async function trimRevisions(client: KubeClient, namespace: string, app: string): Promise<void> {
  const all = await listRevisions(client, namespace, app);
  for (const r of all.slice(0, Math.max(0, all.length - KEEP_REVISIONS))) {
    await client
      .delete({ apiVersion: 'v1', kind: 'Secret', namespace, name: secretName(app, r.number) })
      .catch(() => undefined);
  }
}
