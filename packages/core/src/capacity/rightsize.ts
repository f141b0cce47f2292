/**
 * Right-sizing: requests and limits per container from usage history, with the rules of the two
 * tools the team may already know, and the result written into the app spec for review:
 *
 * - VPA (Vertical Pod Autoscaler, recommender defaults): target = 90th percentile of the samples
 *   plus a 15% safety margin, for CPU and for memory; limits keep their ratio to requests.
 * - KRR (Robusta's Kubernetes Resource Recommender, "simple" strategy): CPU request = 95th
 *   percentile, no CPU limit; memory request = memory limit = the maximum plus 15%.
 *
 * Percentiles are nearest-rank over every sample of every pod of the component (VPA pools the
 * pods of a container the same way; it keeps decaying histograms where this reads raw samples).
 * CPU is rounded up to 10m (at least 10m), memory up to the MiB (at least 16 MiB).
 */
import type { Message, RightsizeResult } from '@quai/contracts';
import { msg } from '@quai/contracts';
import { isMap, parseDocument } from 'yaml';
import { formatMilli, intValue, milliValue } from './quantity.js';
import type { ContainerHistory } from './usage.js';

const MIB = 1024 * 1024;

/** Nearest-rank percentile (p in 0..1) of samples; undefined for no samples. */
export function percentile(samples: readonly number[], p: number): number | undefined {
  if (samples.length === 0) return undefined;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil(p * sorted.length));
  return sorted[rank - 1];
}

function maximum(samples: readonly number[]): number | undefined {
  return samples.length === 0 ? undefined : samples.reduce((a, b) => Math.max(a, b), samples[0] ?? 0);
}

export function cpuText(milli: number): string {
  return formatMilli(Math.max(10, Math.ceil(milli / 10) * 10));
}

export function memoryText(bytes: number): string {
  const mi = Math.max(16, Math.ceil(bytes / MIB));
  return mi % 1024 === 0 ? `${mi / 1024}Gi` : `${mi}Mi`;
}

export type Method = 'vpa' | 'krr';

export function ruleOf(method: Method): Message {
  return method === 'vpa' ? msg('capacity.rightsize.rule.vpa') : msg('capacity.rightsize.rule.krr');
}

export interface CurrentResources {
  readonly requests: Readonly<Record<string, string>>;
  readonly limits: Readonly<Record<string, string>>;
}

/** The recommendation for one component from its history. */
export function recommendRightsize(
  component: string,
  current: CurrentResources,
  history: ContainerHistory | undefined,
  method: Method,
  minChange: number,
): RightsizeResult['containers'][number] {
  const cpu = history?.cpu ?? [];
  const memory = history?.memory ?? [];
  const observed = {
    samples: Math.max(cpu.length, memory.length),
    ...(cpu.length > 0
      ? {
          cpuP50: percentile(cpu, 0.5) as number,
          cpuP90: percentile(cpu, 0.9) as number,
          cpuP95: percentile(cpu, 0.95) as number,
          cpuMax: maximum(cpu) as number,
        }
      : {}),
    ...(memory.length > 0
      ? { memoryP90: percentile(memory, 0.9) as number, memoryMax: maximum(memory) as number }
      : {}),
  };
  const base = { component, pods: history?.pods.size ?? 0, current, observed };
  if (cpu.length === 0 && memory.length === 0) {
    return { ...base, recommended: current, change: 'no-data', note: msg('capacity.rightsize.noData') };
  }
  const requests: Record<string, string> = { ...current.requests };
  const limits: Record<string, string> = { ...current.limits };
  const ratio = (resource: 'cpu' | 'memory'): number | undefined => {
    const r = current.requests[resource];
    const l = current.limits[resource];
    if (r === undefined || l === undefined) return undefined;
    const rv = resource === 'cpu' ? milliValue(r) : intValue(r);
    const lv = resource === 'cpu' ? milliValue(l) : intValue(l);
    return rv === undefined || lv === undefined || rv === 0 ? undefined : lv / rv;
  };
  if (method === 'vpa') {
    if (cpu.length > 0) {
      const target = (observed.cpuP90 ?? 0) * 1.15;
      requests['cpu'] = cpuText(target);
      const r = ratio('cpu');
      if (r !== undefined) limits['cpu'] = cpuText(target * r);
    }
    if (memory.length > 0) {
      const target = (observed.memoryP90 ?? 0) * 1.15;
      requests['memory'] = memoryText(target);
      const r = ratio('memory');
      if (r !== undefined) limits['memory'] = memoryText(target * r);
    }
  } else {
    if (cpu.length > 0) {
      requests['cpu'] = cpuText(observed.cpuP95 ?? 0);
      delete limits['cpu'];
    }
    if (memory.length > 0) {
      const target = memoryText((observed.memoryMax ?? 0) * 1.15);
      requests['memory'] = target;
      limits['memory'] = target;
    }
  }
  // Changes smaller than minChange are not worth a review.
  const value = (resource: string, text: string | undefined): number | undefined =>
    text === undefined ? undefined : resource === 'cpu' ? milliValue(text) : intValue(text);
  const significant = (resource: string, before: string | undefined, after: string | undefined): boolean => {
    const b = value(resource, before);
    const a = value(resource, after);
    if (a === b) return false;
    if (a === undefined || b === undefined || b === 0) return true;
    return Math.abs(a - b) / b >= minChange;
  };
  for (const resource of ['cpu', 'memory']) {
    if (!significant(resource, current.requests[resource], requests[resource])) {
      if (current.requests[resource] === undefined) delete requests[resource];
      else requests[resource] = current.requests[resource];
    }
    if (!significant(resource, current.limits[resource], limits[resource])) {
      if (current.limits[resource] === undefined) delete limits[resource];
      else limits[resource] = current.limits[resource];
    }
  }
  let up = 0;
  let down = 0;
  for (const [kind, before, after] of [
    ['cpu', current.requests['cpu'], requests['cpu']],
    ['memory', current.requests['memory'], requests['memory']],
  ] as const) {
    const b = value(kind, before);
    const a = value(kind, after);
    if (a === undefined || b === undefined || a === b) continue;
    if (a > b) up++;
    else down++;
  }
  const limitsChanged = JSON.stringify(limits) !== JSON.stringify(current.limits);
  const change =
    up > 0 && down > 0
      ? 'mixed'
      : up > 0
        ? 'increase'
        : down > 0
          ? 'decrease'
          : limitsChanged
            ? 'mixed'
            : 'keep';
  return { ...base, recommended: { requests, limits }, change };
}

/**
 * Writes recommended resources into the app spec text, keeping its comments and layout: under
 * the component itself, or under the environment's override of it.
 */
export function applyToSpec(
  text: string,
  changes: readonly { component: string; resources: CurrentResources }[],
  target: { readonly environment?: string },
): string {
  const doc = parseDocument(text);
  for (const c of changes) {
    const base =
      target.environment === undefined
        ? ['spec', 'components', c.component, 'resources']
        : ['spec', 'environments', target.environment, 'components', c.component, 'resources'];
    for (const kind of ['requests', 'limits'] as const) {
      const values = c.resources[kind];
      const path = [...base, kind];
      const existing = doc.getIn(path);
      for (const resource of ['cpu', 'memory']) {
        const v = values[resource];
        if (v !== undefined) doc.setIn([...path, resource], v);
        else if (isMap(existing) && existing.has(resource)) doc.deleteIn([...path, resource]);
      }
      const after = doc.getIn(path);
      if (isMap(after) && after.items.length === 0) doc.deleteIn(path);
    }
  }
  return doc.toString({ lineWidth: 0 });
}

/** A unified diff (3 lines of context) between two texts, as `diff -u` writes it. */
export function unifiedDiff(before: string, after: string, oldName: string, newName: string): string {
  if (before === after) return '';
  const a = before.split('\n');
  const b = after.split('\n');
  // Longest common subsequence table (app specs are small).
  const n = a.length;
  const m = b.length;
  const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      const row = lcs[i] as Uint32Array;
      row[j] =
        a[i] === b[j]
          ? (lcs[i + 1] as Uint32Array)[j + 1]! + 1
          : Math.max((lcs[i + 1] as Uint32Array)[j]!, row[j + 1]!);
    }
  }
  type Op = {
    readonly kind: ' ' | '-' | '+';
    readonly line: string;
    readonly ai: number;
    readonly bi: number;
  };
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) ops.push({ kind: ' ', line: a[i++] ?? '', ai: i, bi: ++j });
    else if (j < m && (i === n || (lcs[i] as Uint32Array)[j + 1]! >= (lcs[i + 1] as Uint32Array)[j]!)) {
      ops.push({ kind: '+', line: b[j++] ?? '', ai: i, bi: j });
    } else ops.push({ kind: '-', line: a[i++] ?? '', ai: i, bi: j });
  }
  const out = [`--- ${oldName}`, `+++ ${newName}`];
  const context = 3;
  let k = 0;
  while (k < ops.length) {
    if (ops[k]?.kind === ' ') {
      k++;
      continue;
    }
    const start = Math.max(0, k - context);
    let end = k;
    let lastChange = k;
    while (end < ops.length && (ops[end]?.kind !== ' ' || end - lastChange <= context * 2)) {
      if (ops[end]?.kind !== ' ') lastChange = end;
      end++;
    }
    end = Math.min(ops.length, lastChange + context + 1);
    const hunk = ops.slice(start, end);
    const aStart = hunk.findIndex((o) => o.kind !== '+');
    const bStart = hunk.findIndex((o) => o.kind !== '-');
    const aLines = hunk.filter((o) => o.kind !== '+').length;
    const bLines = hunk.filter((o) => o.kind !== '-').length;
    const aFrom = aStart < 0 ? (hunk[0]?.ai ?? 0) : (hunk[aStart]?.ai ?? 1);
    const bFrom = bStart < 0 ? (hunk[0]?.bi ?? 0) : (hunk[bStart]?.bi ?? 1);
    out.push(`@@ -${aLines === 0 ? aFrom : aFrom},${aLines} +${bLines === 0 ? bFrom : bFrom},${bLines} @@`);
    for (const o of hunk) out.push(`${o.kind}${o.line}`);
    k = end;
  }
  return `${out.join('\n')}\n`;
}
