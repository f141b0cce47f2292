import type { KubeObject } from '../kube/index.js';
import type { FieldPath } from './types.js';

type Json = Record<string, unknown>;

/** The kinds that carry a pod spec, and where their pod template is. */
const TEMPLATE_PATHS: Readonly<Record<string, FieldPath>> = {
  Pod: [],
  Deployment: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  Job: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
  PodTemplate: ['template'],
};

export const POD_BEARING_KINDS: readonly string[] = Object.keys(TEMPLATE_PATHS);

export interface PodTemplate {
  /** Where the pod (its `metadata` and `spec`) sits in the object. */
  readonly base: FieldPath;
  readonly metadata: Json;
  readonly spec: Json;
}

export function asJson(v: unknown): Json | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : undefined;
}

export function getPath(root: unknown, path: FieldPath): unknown {
  let cur: unknown = root;
  for (const key of path) {
    if (typeof key === 'number') cur = Array.isArray(cur) ? (cur as unknown[])[key] : undefined;
    else cur = asJson(cur)?.[key];
    if (cur === undefined) return undefined;
  }
  return cur;
}

/** The pod template of a pod-bearing object, or undefined for other kinds. */
export function podTemplateOf(object: KubeObject): PodTemplate | undefined {
  const base = TEMPLATE_PATHS[object.kind];
  if (base === undefined) return undefined;
  const template = asJson(getPath(object, base));
  if (template === undefined) return undefined;
  return {
    base,
    metadata: asJson(template['metadata']) ?? {},
    spec: asJson(template['spec']) ?? {},
  };
}

/** Formatted paths by their keys, as a tree: findings name the same few hundred fields. */
interface PathNode {
  text: string;
  readonly next: Map<string | number, PathNode>;
}
const PATHS: PathNode = { text: '', next: new Map() };
/** A bound on the tree, as keys can be anything (a ConfigMap's): beyond it, paths are formatted each time. */
const MAX_PATH_NODES = 20_000;
let pathNodes = 0;

/**
 * `spec.template.spec.containers[0].image` from a path. The text of a path seen before is the
 * same string (no new one per finding).
 */
export function formatPath(path: FieldPath): string {
  let node = PATHS;
  for (const key of path) {
    let next = node.next.get(key);
    if (next === undefined) {
      if (pathNodes >= MAX_PATH_NODES) return formatPathText(path);
      pathNodes++;
      // A copy of a long key: the one a document gave may be a slice that keeps its text alive.
      const own = typeof key === 'string' && key.length >= 13 ? ` ${key}`.slice(1) : key;
      next = { text: withKey(node.text, own), next: new Map() };
      node.next.set(own, next);
    }
    node = next;
  }
  return node.text;
}

function formatPathText(path: FieldPath): string {
  let out = '';
  for (const key of path) out = withKey(out, key);
  return out;
}

function withKey(out: string, key: string | number): string {
  if (typeof key === 'number') return `${out}[${key}]`;
  if (/^[A-Za-z_][\w-]*$/.test(key)) return out === '' ? key : `${out}.${key}`;
  return `${out}[${JSON.stringify(key)}]`;
}

export interface ContainerAt {
  readonly container: Json;
  readonly name: string;
  readonly path: FieldPath;
  readonly init: boolean;
  /** An ephemeral (debug) container of a live Pod: no resources, probes or ports of its own. */
  readonly ephemeral: boolean;
}

const CONTAINER_FIELDS = ['initContainers', 'containers', 'ephemeralContainers'] as const;

/** Init, regular and ephemeral containers of a pod template, with their paths in the object. */
export function templateContainers(t: PodTemplate): ContainerAt[] {
  const out: ContainerAt[] = [];
  for (const field of CONTAINER_FIELDS) {
    const list = t.spec[field];
    if (!Array.isArray(list)) continue;
    list.forEach((c: unknown, i) => {
      const o = asJson(c);
      if (o === undefined) return;
      out.push({
        container: o,
        name: typeof o['name'] === 'string' ? o['name'] : `#${i}`,
        path: [...t.base, 'spec', field, i],
        init: field === 'initContainers',
        ephemeral: field === 'ephemeralContainers',
      });
    });
  }
  return out;
}

/** Does a label selector (matchLabels and matchExpressions) select these labels? */
export function selectorMatches(selector: unknown, labels: Readonly<Record<string, unknown>>): boolean {
  const sel = asJson(selector);
  if (sel === undefined) return false;
  const matchLabels = asJson(sel['matchLabels']);
  const exprs = Array.isArray(sel['matchExpressions']) ? (sel['matchExpressions'] as unknown[]) : [];
  if (matchLabels === undefined && exprs.length === 0) return true;
  for (const [k, v] of Object.entries(matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const e of exprs) {
    const ex = asJson(e) ?? {};
    const key = String(ex['key']);
    const values = Array.isArray(ex['values']) ? (ex['values'] as unknown[]).map(String) : [];
    const has = Object.hasOwn(labels, key);
    const value = has ? String(labels[key]) : undefined;
    switch (ex['operator']) {
      case 'In':
        if (value === undefined || !values.includes(value)) return false;
        break;
      case 'NotIn':
        if (value !== undefined && values.includes(value)) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/** A plain map selector (Service, ReplicationController) matches when every pair is present. */
export function mapSelectorMatches(
  selector: Readonly<Record<string, unknown>>,
  labels: Readonly<Record<string, unknown>>,
): boolean {
  const entries = Object.entries(selector);
  return entries.length > 0 && entries.every(([k, v]) => labels[k] === v);
}
