import type { KubeObject } from '../kube/index.js';

export interface FieldChange {
  readonly path: string;
  readonly before: unknown;
  readonly after: unknown;
}

const SERVER_FIELDS = [
  'managedFields',
  'resourceVersion',
  'uid',
  'generation',
  'creationTimestamp',
  'selfLink',
];

/** An object without what the server owns (status, managed fields, versions), for comparison. */
export function normalize(o: KubeObject): Record<string, unknown> {
  const { status: _status, metadata, ...rest } = o as KubeObject & { status?: unknown };
  const meta: Record<string, unknown> = { ...metadata };
  for (const k of SERVER_FIELDS) delete meta[k];
  const annotations = { ...(metadata.annotations ?? {}) };
  delete annotations['deployment.kubernetes.io/revision'];
  if (Object.keys(annotations).length > 0) meta['annotations'] = annotations;
  else delete meta['annotations'];
  return { ...rest, metadata: meta };
}

/** Hides Secret values: a change shows as changed, never the value. */
export function mask(o: Record<string, unknown>, kind: string): Record<string, unknown> {
  if (kind !== 'Secret') return o;
  const hide = (m: unknown): unknown =>
    m !== null && typeof m === 'object'
      ? Object.fromEntries(
          Object.entries(m as Record<string, string>).map(([k, v]) => [
            k,
            `(hidden, sha256 ${hash(String(v))})`,
          ]),
        )
      : m;
  return {
    ...o,
    ...(o['data'] ? { data: hide(o['data']) } : {}),
    ...(o['stringData'] ? { stringData: hide(o['stringData']) } : {}),
  };
}

function hash(v: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < v.length; i++) h = Math.imul(h ^ v.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}

function isObj(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Field-level differences between two values, as dotted paths. */
export function diffValues(before: unknown, after: unknown, path = ''): FieldChange[] {
  if (isObj(before) && isObj(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((k) => diffValues(before[k], after[k], path === '' ? k : `${path}.${k}`));
  }
  if (Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
    return before.flatMap((b, i) => diffValues(b, after[i], `${path}[${i}]`));
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [{ path, before, after }];
}
