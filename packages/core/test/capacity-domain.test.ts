import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppSpec, PlatformConfig, t } from '@quai/contracts';
import { capacity, model, parseYaml, QuaiError, render, type KubeObject } from '../src/index.js';

const fixture = (name: string): string =>
  readFileSync(new URL(`./fixtures/capacity/${name}`, import.meta.url), 'utf8');

function node(name: string, cpu = '4', memory = '8Gi', labels: Record<string, string> = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      labels: { 'kubernetes.io/hostname': name, 'topology.kubernetes.io/zone': 'z1', ...labels },
    },
    spec: {},
    status: { allocatable: { cpu, memory, pods: '110' }, conditions: [{ type: 'Ready', status: 'True' }] },
  };
}

function pod(
  name: string,
  nodeName: string | undefined,
  cpu: string,
  memory: string,
  extra: Record<string, unknown> = {},
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'shop', labels: { app: 'web' }, ...((extra['metadata'] as object) ?? {}) },
    spec: {
      ...(nodeName === undefined ? {} : { nodeName }),
      containers: [{ name: 'web', image: 'web:1', resources: { requests: { cpu, memory } } }],
    },
    status: { phase: nodeName === undefined ? 'Pending' : 'Running' },
  };
}

describe('sizing from a VM inventory', () => {
  it('reads a French-style CSV (semicolons, decimal commas, oui/non, shares) and sizes the nodes', () => {
    const vms = capacity.parseInventory(fixture('inventory.csv'), 'inventory.csv');
    expect(vms).toHaveLength(15);
    const pastell = vms.find((v) => v.name === 'pastell');
    expect(pastell?.cpuUsed).toBe(1400); // 35% of 4 vCPU
    expect(pastell?.memoryUsed).toBe(Math.round(0.6 * 8 * 2 ** 30));
    const r = capacity.sizeNodes(vms, {
      shapes: [],
      failures: 1,
      surge: 1,
      targetUtilisation: 0.7,
      peakFactor: 1.5,
      memoryFactor: 1.2,
      reserved: { cpu: '500m', memory: '1Gi' },
      maxPodsPerNode: 110,
      podsPerVm: 1,
    });
    expect(r.inventory).toMatchObject({ vms: 15, containerisable: 11, excluded: 4 });
    // The runner has no measure: its allocation counts, and a warning says so.
    expect(r.warnings.map((w) => w.id)).toContain('capacity.size.unmeasured');
    expect(r.options).toHaveLength(3);
    for (const o of r.options) {
      expect(o.nodes).toBeGreaterThanOrEqual(o.forLoad);
      expect(o.nodes).toBeGreaterThanOrEqual(o.forFailures);
      expect(o.duringUpgrade).toBe(o.nodes + 1);
      // With one node lost, the load still fits on the rest at full allocatable.
      expect(o.utilisation.degraded.cpu ?? 0).toBeLessThanOrEqual(1);
      expect(o.utilisation.degraded.memory ?? 0).toBeLessThanOrEqual(1);
    }
    // iParapheur's app VM (16 GB, 11 GB used x 1.2) does not fit a 16 GiB node minus 1 GiB reserved.
    expect(r.options[0]?.tooBig).toContain('iparapheur-app');
    expect(r.options[r.recommended]?.tooBig).toEqual([]);
  });

  it('names the missing columns and the header it found', () => {
    try {
      capacity.parseInventory(fixture('missing-column.csv'), 'missing-column.csv');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(QuaiError);
      const err = e as QuaiError;
      expect(err.code).toBe('INPUT_INVALID');
      expect(err.messageIn('en')).toBe(
        'The inventory missing-column.csv lacks the column(s) memory (columns found: name, vcpu, cpu_used, containerisable).',
      );
      expect(err.location).toEqual({ file: 'missing-column.csv', line: 1, column: 1 });
    }
  });

  it('lists every absurd value with its line and column, in English and French', () => {
    try {
      capacity.parseInventory(fixture('absurd.csv'), 'absurd.csv');
      expect.unreachable();
    } catch (e) {
      const err = e as QuaiError;
      expect(err.code).toBe('INPUT_INVALID');
      const en = err.messageIn('en');
      expect(en).toContain('The inventory absurd.csv has 7 problems:');
      expect(en).toContain('line 3, column vcpu: "0" is not what a VM can have (more than 0, at most 1024)');
      expect(en).toContain(
        'line 4, column memory: "300 TB" is not what a VM can have (more than 0, at most 64Ti)',
      );
      expect(en).toContain('line 4, column containerisable: "maybe" is not yes or no');
      expect(en).toContain('line 4, column cpu_used: 9 used is more than the 4 allocated');
      expect(en).toContain('line 5, column cpu_used: "120%" is not a share between 0% and 100%');
      expect(en).toContain('line 5, column memory_used: 12Gi used is more than the 8Gi allocated');
      expect(en).toContain('line 6, column name: the VM "web" is already on line 2');
      expect(err.messageIn('fr')).toContain(
        'ligne 3, colonne vcpu : « 0 » n’est pas ce qu’une VM peut avoir (plus de 0, au plus 1024)',
      );
      expect(err.location).toEqual({ file: 'absurd.csv', line: 3, column: 2 });
    }
  });
});

describe('right-sizing', () => {
  const history = (cpuMilli: number[], memMi: number[]): capacity.ContainerHistory => ({
    cpu: cpuMilli,
    memory: memMi.map((m) => m * 2 ** 20),
    pods: new Set(['web-1', 'web-2']),
  });

  it('takes nearest-rank percentiles', () => {
    const samples = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(capacity.percentile(samples, 0.9)).toBe(90);
    expect(capacity.percentile(samples, 0.95)).toBe(95);
    expect(capacity.percentile([5], 0.5)).toBe(5);
    expect(capacity.percentile([], 0.5)).toBeUndefined();
  });

  it('follows KRR: CPU p95 and no CPU limit, memory max +15% as request and limit', () => {
    const cpu = Array.from({ length: 100 }, (_, i) => 100 + i); // p95 = 194m
    const mem = Array.from({ length: 100 }, (_, i) => 200 + i); // max = 299 Mi
    const r = capacity.recommendRightsize(
      'web',
      { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '2', memory: '2Gi' } },
      history(cpu, mem),
      'krr',
      0.1,
    );
    expect(r.recommended).toEqual({
      requests: { cpu: '200m', memory: '344Mi' },
      limits: { memory: '344Mi' },
    });
    expect(r.change).toBe('decrease');
    expect(r.observed.cpuP95).toBe(194);
  });

  it('follows VPA: p90 +15%, limits keep their ratio', () => {
    const cpu = Array.from({ length: 10 }, () => 400); // p90 400m -> 460m
    const mem = Array.from({ length: 10 }, () => 1000); // 1000 Mi -> 1150 Mi
    const r = capacity.recommendRightsize(
      'web',
      { requests: { cpu: '250m', memory: '512Mi' }, limits: { memory: '1Gi' } },
      history(cpu, mem),
      'vpa',
      0.1,
    );
    expect(r.recommended).toEqual({
      requests: { cpu: '460m', memory: '1150Mi' },
      limits: { memory: '2300Mi' },
    });
    expect(r.change).toBe('increase');
  });

  it('leaves small changes and components without data alone', () => {
    const r = capacity.recommendRightsize(
      'web',
      { requests: { cpu: '100m' }, limits: {} },
      history([95, 95], []),
      'krr',
      0.1,
    );
    expect(r.change).toBe('keep');
    const none = capacity.recommendRightsize(
      'db',
      { requests: { cpu: '1' }, limits: {} },
      undefined,
      'krr',
      0.1,
    );
    expect(none.change).toBe('no-data');
  });

  it('writes the change into the app spec, keeping its comments, and a patch that `patch` applies', () => {
    const spec = [
      'apiVersion: quai.dev/v1alpha1',
      'kind: App',
      'metadata:',
      '  name: shop # the shop',
      'spec:',
      '  components:',
      '    web:',
      '      image: web:1',
      '      # sized by hand in 2024',
      '      resources:',
      '        requests: { cpu: 1, memory: 1Gi }',
      '        limits: { cpu: 2, memory: 2Gi }',
      '    worker:',
      '      image: worker:1',
      '',
    ].join('\n');
    const after = capacity.applyToSpec(
      spec,
      [
        {
          component: 'web',
          resources: { requests: { cpu: '200m', memory: '344Mi' }, limits: { memory: '344Mi' } },
        },
      ],
      {},
    );
    expect(after).toContain('# sized by hand in 2024');
    expect(after).toContain('name: shop # the shop');
    const parsed = parseYaml(after, { file: 'x' }) as AppSpec;
    expect(parsed.spec.components['web']?.resources).toEqual({
      requests: { cpu: '200m', memory: '344Mi' },
      limits: { memory: '344Mi' },
    });
    const dir = mkdtempSync(join(tmpdir(), 'quai-rightsize-'));
    writeFileSync(join(dir, 'app.yaml'), spec);
    const diff = capacity.unifiedDiff(spec, after, 'a/app.yaml', 'b/app.yaml');
    writeFileSync(join(dir, 'rightsize.patch'), diff);
    execFileSync('patch', ['-p1', '-i', 'rightsize.patch'], { cwd: dir });
    expect(readFileSync(join(dir, 'app.yaml'), 'utf8')).toBe(after);
    // An environment's override is created where none was.
    const staging = capacity.applyToSpec(
      spec,
      [{ component: 'worker', resources: { requests: { cpu: '50m' }, limits: {} } }],
      {
        environment: 'staging',
      },
    );
    const s = parseYaml(staging, { file: 'x' }) as AppSpec;
    expect(s.spec.environments?.['staging']?.components?.['worker']?.resources).toEqual({
      requests: { cpu: '50m' },
    });
  });
});

describe('autoscaling in the app spec', () => {
  const platform = model.defaultPlatform();
  const withStaging = PlatformConfig.parse({
    apiVersion: 'quai.dev/v1alpha1',
    kind: 'Platform',
    metadata: { name: 'p' },
    spec: { domain: 'apps.local', environments: { prod: {}, staging: { namespaceSuffix: '-staging' } } },
  });
  const app = (component: Record<string, unknown>, environments?: Record<string, unknown>): AppSpec =>
    AppSpec.parse({
      apiVersion: 'quai.dev/v1alpha1',
      kind: 'App',
      metadata: { name: 'shop' },
      spec: {
        components: { web: { image: 'web:1', ports: [{ name: 'http', port: 8080 }], ...component } },
        ...(environments ? { environments } : {}),
      },
    });
  const objects = (a: AppSpec, environment = 'prod', p: PlatformConfig = platform): KubeObject[] => [
    ...render.render({ app: a, platform: p, environment }).objects,
  ];
  const spec = (o: KubeObject | undefined): Record<string, unknown> =>
    (o?.['spec'] ?? {}) as Record<string, unknown>;

  it('renders an HPA with custom metrics and behaviour, and leaves replicas to it', () => {
    const out = objects(
      app({
        autoscaling: {
          minReplicas: 2,
          maxReplicas: 10,
          memoryUtilization: 80,
          metrics: [
            { name: 'http_requests_per_second', averageValue: '50' },
            { type: 'External', name: 'queue_messages', selector: { queue: 'orders' }, value: '100' },
          ],
          behavior: {
            scaleUp: { policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] },
            scaleDown: {
              stabilizationWindowSeconds: 600,
              policies: [{ type: 'Pods', value: 1, periodSeconds: 60 }],
            },
          },
        },
      }),
    );
    expect(spec(out.find((o) => o.kind === 'Deployment'))['replicas']).toBeUndefined();
    expect(spec(out.find((o) => o.kind === 'HorizontalPodAutoscaler'))).toEqual({
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
      minReplicas: 2,
      maxReplicas: 10,
      metrics: [
        {
          type: 'Resource',
          resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } },
        },
        {
          type: 'Resource',
          resource: { name: 'memory', target: { type: 'Utilization', averageUtilization: 80 } },
        },
        {
          type: 'Pods',
          pods: {
            metric: { name: 'http_requests_per_second' },
            target: { type: 'AverageValue', averageValue: '50' },
          },
        },
        {
          type: 'External',
          external: {
            metric: { name: 'queue_messages', selector: { matchLabels: { queue: 'orders' } } },
            target: { type: 'Value', value: '100' },
          },
        },
      ],
      behavior: {
        scaleUp: { policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] },
        scaleDown: {
          stabilizationWindowSeconds: 600,
          policies: [{ type: 'Pods', value: 1, periodSeconds: 60 }],
        },
      },
    });
  });

  it('refuses a custom metric without a target', () => {
    expect(() => app({ autoscaling: { minReplicas: 1, maxReplicas: 2, metrics: [{ name: 'x' }] } })).toThrow(
      /exactly one of averageValue or value/,
    );
  });

  it('scales to zero in off-hours in staging only, with kubectl Jobs that may only scale this Deployment', () => {
    const a = app(
      { replicas: 2 },
      {
        staging: {
          components: {
            web: {
              offHours: {
                timeZone: 'Europe/Paris',
                windows: [
                  { from: '0 20 * * 1-5', to: '0 7 * * 1-5' },
                  { from: '0 20 * * 5', to: '0 7 * * 1' },
                ],
              },
            },
          },
        },
      },
    );
    const prod = objects(a, 'prod', withStaging);
    expect(spec(prod.find((o) => o.kind === 'Deployment'))['replicas']).toBe(2);
    expect(prod.filter((o) => o.kind === 'CronJob' || o.kind === 'HorizontalPodAutoscaler')).toEqual([]);

    const staging = objects(a, 'staging', withStaging);
    expect(spec(staging.find((o) => o.kind === 'Deployment'))['replicas']).toBeUndefined();
    expect(spec(staging.find((o) => o.kind === 'HorizontalPodAutoscaler'))).toMatchObject({
      minReplicas: 2,
      maxReplicas: 2,
    });
    const cron = staging.filter((o) => o.kind === 'CronJob');
    expect(cron.map((c) => [c.metadata.name, spec(c)['schedule'], spec(c)['timeZone']])).toEqual([
      ['web-off-1', '0 20 * * 1-5', 'Europe/Paris'],
      ['web-off-2', '0 20 * * 5', 'Europe/Paris'],
      ['web-on-1', '0 7 * * 1-5', 'Europe/Paris'],
      ['web-on-2', '0 7 * * 1', 'Europe/Paris'],
    ]);
    const job = (cron[0]?.['spec'] as any).jobTemplate.spec.template.spec;
    expect(job.containers[0].image).toBe('registry.k8s.io/kubectl:v1.36.3');
    expect(job.containers[0].args).toEqual(['scale', 'deployment/web', '--replicas=0']);
    expect((cron[2]?.['spec'] as any).jobTemplate.spec.template.spec.containers[0].args).toEqual([
      'scale',
      'deployment/web',
      '--replicas=2',
    ]);
    const role = staging.find((o) => o.kind === 'Role');
    expect(role?.['rules']).toEqual([
      { apiGroups: ['apps'], resources: ['deployments'], resourceNames: ['web'], verbs: ['get'] },
      {
        apiGroups: ['apps'],
        resources: ['deployments/scale'],
        resourceNames: ['web'],
        verbs: ['get', 'patch', 'update'],
      },
    ]);
    expect(
      staging.some((o) => o.kind === 'NetworkPolicy' && o.metadata.name === 'allow-web-scaler-to-api'),
    ).toBe(true);
  });
});

describe('what-if simulation', () => {
  const budget: KubeObject = {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: 'web', namespace: 'shop' },
    spec: { minAvailable: 2, selector: { matchLabels: { app: 'web' } } },
  };
  const rs: KubeObject = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'web-1', namespace: 'shop' },
    spec: { selector: { matchLabels: { app: 'web' } } },
  };
  const owned = (name: string, nodeName: string): KubeObject => {
    const p = pod(name, nodeName, '1', '1Gi');
    return {
      ...p,
      metadata: {
        ...p.metadata,
        ownerReferences: [
          { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-1', controller: true, uid: 'x' },
        ],
      },
    };
  };
  const snapshot = (objects: KubeObject[]) => capacity.snapshotOf(capacity.clusterObjectsOf(objects));
  const changes = (over: Partial<capacity.Changes> = {}): capacity.Changes => ({
    add: [],
    replicas: {},
    autoscaled: 'min',
    removeNodes: [],
    drainNodes: [],
    addNodes: [],
    ...over,
  });
  const options = { now: new Date('2026-12-05T12:00:00Z'), source: 'snapshot' as const };

  it('drains a node as far as the PodDisruptionBudget allows, and says which pod stays', () => {
    // Two web pods on a and one on b; a budget keeps 2 of the 3 running; b is full.
    const s = snapshot([
      node('a', '2', '4Gi'),
      node('b', '1', '4Gi'),
      rs,
      budget,
      owned('web-x', 'a'),
      owned('web-y', 'a'),
      owned('web-z', 'b'),
    ]);
    const r = capacity.simulateChanges(s, changes({ drainNodes: ['a'] }), options);
    expect(r.drains[0]).toMatchObject({
      node: 'a',
      evicted: 1,
      blocked: [{ pod: 'shop/web-y', budget: 'shop/web' }],
    });
    expect(r.verdict).toBe('pending');
    expect(r.warnings.map((w) => t('en', w))).toContain(
      'Draining a stops at 1 pod: their PodDisruptionBudget allows no more disruption.',
    );
  });

  it('moves the pods of a removed node and says how many nodes of a template make the rest fit', () => {
    const s = snapshot([
      node('a'),
      node('b'),
      rs,
      owned('web-x', 'a'),
      owned('web-y', 'a'),
      owned('web-z', 'b'),
    ]);
    const r = capacity.simulateChanges(
      s,
      changes({ removeNodes: ['a'], nodeTemplate: { cpu: '2', memory: '4Gi' } }),
      options,
    );
    const moved = r.pods.filter((p) => p.origin === 'moved');
    expect(moved).toHaveLength(2);
    expect(moved.filter((p) => p.status === 'placed')).toHaveLength(2);
    expect(r.verdict).toBe('fits');

    const tight = snapshot([
      node('a', '2'),
      node('b', '2'),
      rs,
      owned('web-x', 'a'),
      owned('web-y', 'a'),
      owned('web-z', 'b'),
    ]);
    const r2 = capacity.simulateChanges(
      tight,
      changes({ removeNodes: ['a'], nodeTemplate: { cpu: '1500m', memory: '4Gi' } }),
      options,
    );
    expect(r2.verdict).toBe('pending');
    expect(r2.after.pending).toBe(1);
    expect(r2.recommendation).toEqual({ template: '1500m CPU, 4Gi', nodes: 1, cannotFit: [] });
    expect(t('en', r2.pods.find((p) => p.status === 'pending')?.message ?? { id: 'x' })).toBe(
      '0/1 nodes are available: 1 Insufficient cpu.',
    );
  });

  it('refuses unknown nodes and replica overrides that name nothing, saying what exists', () => {
    const s = snapshot([node('a')]);
    expect(() => capacity.simulateChanges(s, changes({ drainNodes: ['zz'] }), options)).toThrow(
      'No node "zz" in the cluster.',
    );
    try {
      capacity.simulateChanges(s, changes({ replicas: { 'Deployment/nope': 3 } }), options);
      expect.unreachable();
    } catch (e) {
      expect((e as QuaiError).messageIn('en')).toBe(
        '--replicas names "Deployment/nope", which none of the added apps or manifests defines.',
      );
    }
  });
});

describe('the capacity report', () => {
  it('adds up nodes and namespaces, and finds shapes that fit nowhere though the free capacity adds up', () => {
    const s = capacity.snapshotOf(
      capacity.clusterObjectsOf([
        node('a', '2', '4Gi'),
        node('b', '2', '4Gi'),
        pod('p1', 'a', '1500m', '1Gi'),
        pod('p2', 'b', '1500m', '1Gi'),
        pod('big', undefined, '1', '1Gi', { metadata: { labels: { app: 'big' } } }),
      ]),
    );
    const r = capacity.capacityReport(s, {
      top: 5,
      now: new Date('2026-12-05T12:00:00Z'),
      usage: { pods: new Map([['shop/p1', { cpu: 100, memory: 2 ** 29 }]]), nodes: new Map() },
      usageSource: { kind: 'metrics-server' },
    });
    expect(r.cluster).toMatchObject({
      nodes: 2,
      pods: 2,
      pendingPods: 1,
      requests: { cpu: 3000, memory: 2 * 2 ** 30 },
    });
    expect(r.fragmentation.totalFree.cpu).toBe(1000);
    expect(r.fragmentation.largestFree.cpu).toBe(500);
    const big = r.fragmentation.shapes.find((x) => x.workload === 'Pod/big');
    expect(big).toMatchObject({ status: 'fragmented', fitsOn: 0, reasons: { cpu: 2 } });
    expect(t('en', r.pending[0]?.message ?? { id: 'x' })).toBe(
      '0/2 nodes are available: 2 Insufficient cpu.',
    );
    expect(t('fr', r.pending[0]?.message ?? { id: 'x' })).toBe('0/2 nœuds disponibles : 2 CPU insuffisant.');
    expect(r.top.overRequested[0]).toMatchObject({ workload: 'Pod/p1', ratio: { cpu: 100 / 1500 } });
  });
});
