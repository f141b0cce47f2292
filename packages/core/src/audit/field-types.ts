/**
 * The types Kubernetes expects for the fields the checks read. A field of the wrong type
 * (`privileged: "true"`) is refused by the API server's strict decoding, but a check reading it
 * would see "not true" and stay silent: such fields are reported instead of being ignored.
 */
import { msg, type Message } from '@quai/contracts';
import type { FieldPath } from './types.js';

type Shape =
  | 'boolean'
  | 'integer'
  | 'string'
  | {
      readonly object: Readonly<Record<string, Shape>>;
      readonly fields: readonly (readonly [string, Shape])[];
    }
  | { readonly list: Shape };

/** A mapping's fields are also kept as a list, walked for every pod without building it anew. */
const obj = (fields: Readonly<Record<string, Shape>>): Shape => ({
  object: fields,
  fields: Object.entries(fields),
});
const list = (item: Shape): Shape => ({ list: item });

const seccomp = obj({ type: 'string', localhostProfile: 'string' });
const seLinux = obj({ user: 'string', role: 'string', type: 'string', level: 'string' });
const windows = obj({ hostProcess: 'boolean' });
const common = {
  runAsNonRoot: 'boolean',
  runAsUser: 'integer',
  runAsGroup: 'integer',
  seccompProfile: seccomp,
  appArmorProfile: seccomp,
  seLinuxOptions: seLinux,
  windowsOptions: windows,
} as const;
const probe = obj({
  httpGet: obj({ host: 'string', path: 'string' }),
  tcpSocket: obj({ host: 'string' }),
});
const container = obj({
  name: 'string',
  image: 'string',
  imagePullPolicy: 'string',
  securityContext: obj({
    ...common,
    privileged: 'boolean',
    allowPrivilegeEscalation: 'boolean',
    readOnlyRootFilesystem: 'boolean',
    procMount: 'string',
    capabilities: obj({ add: list('string'), drop: list('string') }),
  }),
  ports: list(obj({ containerPort: 'integer', hostPort: 'integer' })),
  env: list(obj({ name: 'string', value: 'string' })),
  livenessProbe: probe,
  readinessProbe: probe,
  startupProbe: probe,
});

/** The pod spec fields Quai's checks read. */
export const POD_SPEC_SHAPE: Shape = obj({
  hostNetwork: 'boolean',
  hostPID: 'boolean',
  hostIPC: 'boolean',
  hostUsers: 'boolean',
  shareProcessNamespace: 'boolean',
  automountServiceAccountToken: 'boolean',
  serviceAccountName: 'string',
  serviceAccount: 'string',
  priorityClassName: 'string',
  securityContext: obj({
    ...common,
    fsGroup: 'integer',
    sysctls: list(obj({ name: 'string', value: 'string' })),
  }),
  volumes: list(obj({ name: 'string', hostPath: obj({ path: 'string' }) })),
  containers: list(container),
  initContainers: list(container),
  ephemeralContainers: list(container),
});

function describe(value: unknown): Message {
  if (typeof value === 'string')
    return msg('audit.finding.type.string', {
      value: JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value),
    });
  if (Array.isArray(value)) return msg('audit.finding.type.list');
  if (typeof value === 'object') return msg('audit.finding.type.mapping');
  if (typeof value === 'number')
    return Number.isInteger(value)
      ? msg('audit.finding.type.integer', { value })
      : msg('audit.finding.type.decimal', { value });
  if (typeof value === 'boolean') return msg('audit.finding.type.boolean', { value: String(value) });
  return msg('audit.finding.type.other', { type: typeof value, value: JSON.stringify(value) ?? '' });
}
function expected(shape: Shape): Message {
  if (typeof shape === 'string') return msg(`audit.finding.expected.${shape}`);
  return 'object' in shape ? msg('audit.finding.expected.mapping') : msg('audit.finding.expected.list');
}
function matches(shape: Shape, value: unknown): boolean {
  if (shape === 'boolean') return typeof value === 'boolean';
  if (shape === 'integer') return typeof value === 'number' && Number.isInteger(value);
  if (shape === 'string') return typeof value === 'string';
  if ('object' in shape) return typeof value === 'object' && !Array.isArray(value);
  return Array.isArray(value);
}

export interface WrongType {
  readonly path: FieldPath;
  /** What the field holds (`the string "true"`) and what Kubernetes expects (`a boolean`). */
  readonly actual: Message;
  readonly expected: Message;
}

/** Fields of `value` (at `at`) whose type is not the one Kubernetes expects; null counts as unset. */
export function wrongTypes(shape: Shape, value: unknown, at: FieldPath, out: WrongType[] = []): WrongType[] {
  walk(shape, value, [...at], out);
  return out;
}

/** `at` is one array, extended and shortened on the way: a path is copied only for a wrong field. */
function walk(shape: Shape, value: unknown, at: (string | number)[], out: WrongType[]): void {
  if (value === undefined || value === null) return;
  if (!matches(shape, value)) {
    out.push({ path: [...at], actual: describe(value), expected: expected(shape) });
    return;
  }
  if (typeof shape === 'string') return;
  if ('object' in shape) {
    const o = value as Record<string, unknown>;
    for (const [key, sub] of shape.fields) {
      const v = o[key];
      if (v === undefined || v === null) continue;
      at.push(key);
      walk(sub, v, at, out);
      at.pop();
    }
  } else {
    const items = value as unknown[];
    for (let i = 0; i < items.length; i++) {
      const v = items[i];
      if (v === undefined || v === null) continue;
      at.push(i);
      walk(shape.list, v, at, out);
      at.pop();
    }
  }
}
