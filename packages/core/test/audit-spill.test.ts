/**
 * Bounded memory for whole-cluster exports (issue 19, "Audit" memory): the objects that the
 * checks relating objects keep go, beyond a bound, to temporary files by partition of namespaces,
 * read back one partition at a time; the reports stay the same, and the files are removed when
 * the run is closed or interrupted.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SpillPartitions, Spool } from '../src/audit/spool.js';
import { audit, type KubeObject } from '../src/index.js';

const NOW = new Date('2026-11-26T12:00:00Z');

// Each test gets its own temporary directory, to see which files a run leaves behind.
let tmp = '';
let previous: string | undefined;
beforeEach(() => {
  previous = process.env['TMPDIR'];
  tmp = mkdtempSync(join(tmpdir(), 'quai-spill-test-'));
  process.env['TMPDIR'] = tmp;
});
afterEach(() => {
  if (previous === undefined) delete process.env['TMPDIR'];
  else process.env['TMPDIR'] = previous;
  rmSync(tmp, { recursive: true, force: true });
});

describe('a spool', () => {
  it('keeps items in memory up to its bound, then in a file, and reads them back in order', () => {
    const spool = new Spool<{ n: number; text: string }>(3);
    // Texts with characters of several bytes, cut by the small reads wherever they fall.
    const items = Array.from({ length: 500 }, (_, n) => ({ n, text: `é${'€'.repeat(n % 7)}𝄞 ${n}` }));
    for (const x of items.slice(0, 3)) spool.add(x);
    expect(readdirSync(tmp)).toEqual([]);
    for (const x of items.slice(3)) spool.add(x);
    expect(readdirSync(tmp)).toHaveLength(1);
    expect([...spool.read()]).toEqual(items);
    expect([...spool.read()]).toEqual(items);
    spool.close();
    expect(readdirSync(tmp)).toEqual([]);
  });

  it('reads lines longer than its reads', () => {
    const spool = new Spool<string>(0, undefined, undefined, 16);
    const items = ['a'.repeat(100), 'ü'.repeat(33), 'b'];
    for (const x of items) spool.add(x);
    expect([...spool.read()]).toEqual(items);
    spool.close();
  });
});

describe('partitions', () => {
  const codec = (): [(n: number) => string, (s: string) => number] => [String, Number];

  it('are one, in memory, up to the bound', () => {
    const p = new SpillPartitions<number>(10, ...codec());
    for (let i = 0; i < 10; i++) p.add(`ns-${i % 3}`, i);
    expect(p.spilled).toBe(false);
    expect(p.partitionOf('ns-1')).toBe(0);
    expect([...p.partitions()]).toEqual([[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]]);
    expect(readdirSync(tmp)).toEqual([]);
    p.close();
  });

  it('beyond it, put each key in one partition, in the order added, and are removed on close', () => {
    const p = new SpillPartitions<number>(10, ...codec(), 4);
    const keyOf = (i: number): string => `ns-${i % 7}`;
    for (let i = 0; i < 1000; i++) p.add(keyOf(i), i);
    expect(p.spilled).toBe(true);
    const parts = [...p.partitions()];
    expect(parts).toHaveLength(4);
    parts.forEach((items, index) => {
      expect(items).toEqual([...items].sort((a, b) => a - b));
      for (const i of items) expect(p.partitionOf(keyOf(i))).toBe(index);
    });
    expect(parts.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect(readdirSync(join(tmp, readdirSync(tmp)[0] ?? ''))).toHaveLength(4);
    p.close();
    expect(readdirSync(tmp)).toEqual([]);
  });
});

/** Objects whose checks relate them across namespaces: workloads, services, RBAC. */
function estate(apps: number): KubeObject[] {
  const out: KubeObject[] = [
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: 'reader' },
      rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list'] }],
    },
  ];
  for (let i = 0; i < apps; i++) {
    const ns = `team-${i % 5}`;
    const labels = { app: `a${i}` };
    out.push(
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: `a${i}`, namespace: ns },
        spec: {
          // YAML's .nan and .inf too (JSON has neither).
          replicas: i === 7 ? Number.NaN : i === 8 ? Number.POSITIVE_INFINITY : 2 + (i % 2),
          selector: { matchLabels: i % 4 === 0 ? { tier: 'web' } : labels },
          template: {
            metadata: { labels: { ...labels, tier: 'web' } },
            spec: { serviceAccountName: `sa${i % 3}`, containers: [{ name: 'c', image: 'x:1' }] },
          },
        },
      },
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: `a${i}`, namespace: ns },
        spec: { selector: i % 6 === 0 ? { app: 'none' } : labels },
      },
      {
        apiVersion: 'v1',
        kind: 'ServiceAccount',
        metadata: { name: `sa${i % 2}`, namespace: ns },
      },
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: i % 3 === 0 ? 'ClusterRoleBinding' : 'RoleBinding',
        metadata: { name: `b${i}`, ...(i % 3 === 0 ? {} : { namespace: ns }) },
        // Some bound across namespaces, or to a group: shared by every partition.
        subjects:
          i % 5 === 0
            ? [{ kind: 'Group', name: `system:serviceaccounts:team-${(i + 1) % 5}` }]
            : [{ kind: 'ServiceAccount', name: `sa${i % 3}`, namespace: `team-${(i + (i % 2)) % 5}` }],
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'reader' },
      },
    );
  }
  return out;
}

describe('an audit with its objects spilled to partition files', () => {
  it('gives the same report as in memory, and removes its files when closed', async () => {
    const objects = estate(60);
    const memory = await audit.auditStream(objects, { now: NOW });
    const inMemory = [...memory.findings()];
    memory.close();
    expect(readdirSync(tmp)).toEqual([]);
    for (const id of ['QUAI-RBAC-025', 'QUAI-BP-041', 'QUAI-BP-035', 'QUAI-BP-029'])
      expect(inMemory.some((f) => f.checkId === id)).toBe(true);
    expect(inMemory.some((f) => f.checkId === 'QUAI-BP-029' && f.object.name === 'a7')).toBe(true);
    const run = await audit.auditStream(objects, { now: NOW, objectsInMemory: 10, findingsInMemory: 20 });
    try {
      expect(readdirSync(tmp).length).toBeGreaterThan(0);
      expect([...run.findings()]).toEqual(inMemory);
      expect(run.header).toEqual(memory.header);
    } finally {
      run.close();
    }
    expect(readdirSync(tmp)).toEqual([]);
  });

  it('removes its files when interrupted', async () => {
    const controller = new AbortController();
    const objects = estate(200);
    async function* interrupted(): AsyncGenerator<audit.AuditObject> {
      for (const [i, o] of objects.entries()) {
        if (i === 700) {
          // By now the kept objects are in their files.
          expect(readdirSync(tmp).length).toBeGreaterThan(0);
          controller.abort(new Error('interrupted by SIGTERM'));
        }
        yield await Promise.resolve({ object: o });
      }
    }
    await expect(
      audit.auditStream(interrupted(), { now: NOW, objectsInMemory: 50, signal: controller.signal }),
    ).rejects.toThrow('interrupted by SIGTERM');
    expect(readdirSync(tmp)).toEqual([]);
  });

  it('removes its files when interrupted while it relates the objects', async () => {
    const controller = new AbortController();
    const objects = estate(200);
    async function* all(): AsyncGenerator<audit.AuditObject> {
      for (const o of objects) yield await Promise.resolve({ object: o });
      // Once every object is read: the interruption comes while the partitions are checked.
      setImmediate(() => controller.abort(new Error('interrupted by SIGTERM')));
    }
    await expect(
      audit.auditStream(all(), { now: NOW, objectsInMemory: 50, signal: controller.signal }),
    ).rejects.toThrow('interrupted by SIGTERM');
    expect(readdirSync(tmp)).toEqual([]);
  });
});
