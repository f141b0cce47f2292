import type { RevisionDiff } from '@quai/contracts';
import type { Obj } from './snapshot.js';

/** What stands for a Secret's value in a diff: never the value, only whether it changed. */
export const HIDDEN = '••••••';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function keyOf(o: Obj): string {
  return `${o.kind}/${o.metadata.name ?? ''}`;
}

/** A Secret's values replaced by a marker that still differs when the value differs. */
function redact(o: Obj): Json {
  const copy = JSON.parse(JSON.stringify(o)) as Record<string, Json>;
  if (o.kind !== 'Secret') return copy;
  for (const field of ['data', 'stringData']) {
    const values = copy[field];
    if (values === null || typeof values !== 'object' || Array.isArray(values)) continue;
    for (const k of Object.keys(values)) {
      // A short fingerprint tells a change without telling the value.
      let h = 0;
      for (const ch of JSON.stringify(values[k])) h = (Math.imul(h, 31) + ch.charCodeAt(0)) | 0;
      values[k] = `${HIDDEN} #${(h >>> 0).toString(16).slice(0, 4)}`;
    }
  }
  return copy;
}

function walk(
  path: string,
  a: Json | undefined,
  b: Json | undefined,
  out: RevisionDiff['objects'][number]['fields'],
): void {
  if (JSON.stringify(a) === JSON.stringify(b)) return;
  const isObj = (v: Json | undefined): v is { [k: string]: Json } =>
    v !== null && typeof v === 'object' && !Array.isArray(v);
  if (isObj(a) && isObj(b)) {
    for (const k of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort())
      walk(path === '' ? k : `${path}.${k}`, a[k], b[k], out);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    a.forEach((x, i) => walk(`${path}[${i}]`, x, b[i], out));
    return;
  }
  out.push({ path, before: a, after: b });
}

/** Object by object, field by field: what changed from one revision's manifests to another's. */
export function diffRevisions(
  from: number,
  to: number,
  before: readonly Obj[],
  after: readonly Obj[],
): RevisionDiff {
  const a = new Map(before.map((o) => [keyOf(o), o]));
  const b = new Map(after.map((o) => [keyOf(o), o]));
  const objects: RevisionDiff['objects'] = [];
  let unchanged = 0;
  for (const key of [...new Set([...a.keys(), ...b.keys()])].sort()) {
    const x = a.get(key);
    const y = b.get(key);
    const fields: RevisionDiff['objects'][number]['fields'] = [];
    walk('', x === undefined ? undefined : redact(x), y === undefined ? undefined : redact(y), fields);
    if (x === undefined) objects.push({ object: key, change: 'create', fields: [] });
    else if (y === undefined) objects.push({ object: key, change: 'delete', fields: [] });
    else if (fields.length > 0) objects.push({ object: key, change: 'update', fields });
    else unchanged++;
  }
  return { from, to, objects, unchanged };
}
