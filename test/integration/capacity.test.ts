/**
 * Capacity on the local control plane with real components: metrics-server v0.8.0 reading KWOK's
 * simulated kubelet resource metrics through the aggregation layer, the HPA controller scaling a
 * rendered app when that usage rises, Prometheus scraping the same endpoints and holding weeks of
 * backfilled history for right-sizing, and `quai scale` beside `quai apply`.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  AppSpec,
  PlatformConfig,
  type RequestInputOf,
  type ResultOf,
  type USE_CASES,
  type UseCaseId,
} from '@quai/contracts';
import {
  app,
  deploy,
  KubeApiError,
  KubeClient,
  loadClusterAccess,
  model,
  parseYaml,
  render,
  waitFor,
  type KubeObject,
} from '@quai/core';
import * as devcluster from '@quai/devcluster';
import {
  METRICS_NODE_LABEL,
  startMetricsServer,
  startMetricsStack,
  type MetricsServer,
  type MetricsStack,
} from '../components/capacity/metrics.js';
import { backfill, startPrometheus, type PrometheusServer } from '../components/capacity/prometheus.js';
import { hasRealNode, realImage, realNamespace, realNodeAddress } from '../components/real-node.js';
import { createNamespace, deleteNamespace, testClient, uniqueName } from './helpers.js';

const external = (process.env['QUAI_TEST_KUBECONFIG'] ?? '') !== '';

let client: KubeClient;
const namespaces: string[] = [];

beforeAll(async () => {
  client = await testClient({ qps: 100, burst: 200 });
});

afterAll(async () => {
  for (const ns of namespaces) await deleteNamespace(client, ns);
  client.close();
});

/** Runs a use case as the CLI does (same settings shape), on the test cluster. */
async function run<Id extends UseCaseId>(
  id: Id,
  request: RequestInputOf<(typeof USE_CASES)[Id]>,
  lang: 'en' | 'fr' = 'en',
) {
  const context = inject('context');
  const settings: app.Settings = {
    lang,
    cluster: {
      kubeconfig: inject('kubeconfig'),
      ...(context === '' ? {} : { context }),
      userAgent: 'quai-test',
      qps: 100,
      burst: 200,
    },
    env: process.env,
    files: { readText: (path, { what, maxBytes }) => model.readInput(path, what, maxBytes) },
    actor: 'capacity-test',
  };
  return app.withContext(settings, {}, (ctx) => app.run(id, request, ctx)) as Promise<{
    outcome: string;
    result: ResultOf<(typeof USE_CASES)[Id]>;
  }>;
}

describe.skipIf(external)('usage from metrics-server and Prometheus, and an HPA, on KWOK', () => {
  let stack: MetricsStack;
  let ns: string;
  const nodes = ['quai-metrics-1', 'quai-metrics-2', 'quai-metrics-3'];
  const usageName = uniqueName('quai-test-usage');

  beforeAll(async () => {
    stack = await startMetricsStack(client, inject('kubeconfig'));
    await stack.createNodes(nodes, { cpu: '4', memory: '8Gi' });
    ns = await createNamespace(client);
    namespaces.push(ns);
    // KWOK's ClusterResourceUsage: every container of the namespace uses 50m CPU and 100 MiB.
    await client.apply(
      {
        apiVersion: 'kwok.x-k8s.io/v1alpha1',
        kind: 'ClusterResourceUsage',
        metadata: { name: usageName },
        spec: {
          selector: { matchNamespaces: [ns] },
          usages: [{ usage: { cpu: { value: '50m' }, memory: { value: '100Mi' } } }],
        },
      },
      { fieldManager: 'quai-test' },
    );
  }, 600_000);

  afterAll(async () => {
    await client
      .delete({ apiVersion: 'kwok.x-k8s.io/v1alpha1', kind: 'ClusterResourceUsage', name: usageName })
      .catch(() => undefined);
    await stack?.stop();
  });

  it('reports usage per node, namespace and pod from metrics.k8s.io, then an HPA rendered from the app spec scales when usage rises', async () => {
    // The app spec's autoscaling, rendered as quai render does; its pods go to the metrics nodes.
    const spec = AppSpec.parse({
      apiVersion: 'quai.dev/v1alpha1',
      kind: 'App',
      metadata: { name: 'shop' },
      spec: {
        namespace: ns,
        components: {
          web: {
            image: 'registry.example/shop/web:1.0.0',
            resources: { requests: { cpu: '100m', memory: '128Mi' } },
            autoscaling: {
              minReplicas: 2,
              maxReplicas: 6,
              cpuUtilization: 50,
              behavior: { scaleUp: { stabilizationWindowSeconds: 0 } },
            },
          },
        },
      },
    });
    const objects = render
      .render({ app: spec, platform: model.defaultPlatform(), environment: 'prod' })
      .objects.filter((o) => ['Deployment', 'HorizontalPodAutoscaler', 'ServiceAccount'].includes(o.kind))
      .map((o) => {
        if (o.kind !== 'Deployment') return o;
        const s = o['spec'] as { template: { spec: Record<string, unknown> } };
        return {
          ...o,
          spec: {
            ...s,
            replicas: 2,
            template: {
              ...s.template,
              spec: { ...s.template.spec, nodeSelector: { [METRICS_NODE_LABEL]: 'true' } },
            },
          },
        };
      });
    for (const o of objects) await client.apply(o, { fieldManager: 'quai-test' });

    // metrics-server has scraped the pods twice (CPU is a rate of KWOK's cumulative counter).
    const podMetrics = await waitFor(
      async () => {
        const r = await client
          .request<{
            items: { metadata: { name: string }; containers: { usage: Record<string, string> }[] }[];
          }>({
            path: `/apis/metrics.k8s.io/v1beta1/namespaces/${ns}/pods`,
          })
          .catch(() => undefined);
        return r !== undefined && r.items.length >= 2 ? r : undefined;
      },
      { timeoutMs: 180_000, what: 'pod metrics from metrics-server' },
    );
    expect(podMetrics.items.length).toBeGreaterThanOrEqual(2);

    const { outcome, result } = await run('capacity.report', { namespaces: [ns] });
    expect(['ok', 'findings']).toContain(outcome);
    expect(result.usageSource.kind).toBe('metrics-server');
    const mine = result.namespaces.find((n) => n.name === ns);
    expect(mine?.pods).toBe(2);
    expect(mine?.requests).toEqual({ cpu: 200, memory: 2 * 128 * 2 ** 20 });
    // 2 pods × 50m and 100 MiB, as KWOK simulates them (CPU as a rate: a few millicores either way).
    expect(mine?.usage?.cpu).toBeGreaterThan(80);
    expect(mine?.usage?.cpu).toBeLessThan(120);
    expect(mine?.usage?.memory).toBe(2 * 100 * 2 ** 20);
    // Nodes that run the pods report their usage too (metrics-server's NodeMetrics).
    const hosting = new Set(result.top.byUsage.map((c) => c.node));
    expect(hosting.size).toBeGreaterThan(0);
    for (const n of hosting) expect(result.nodes.find((x) => x.name === n)?.usage, n).toBeDefined();
    expect(result.top.byUsage.every((c) => c.namespace === ns)).toBe(true);
    // The workloads use half of what they request: not flagged (the threshold is 30%).
    expect(result.top.overRequested).toEqual([]);

    // Usage rises to 4× the request: the HPA (50% target) scales the Deployment up to its maximum.
    await client.apply(
      {
        apiVersion: 'kwok.x-k8s.io/v1alpha1',
        kind: 'ClusterResourceUsage',
        metadata: { name: usageName },
        spec: {
          selector: { matchNamespaces: [ns] },
          usages: [{ usage: { cpu: { value: '400m' }, memory: { value: '100Mi' } } }],
        },
      },
      { fieldManager: 'quai-test' },
    );
    const scaled = await waitFor(
      async () => {
        const d = await client.get<KubeObject & { spec: { replicas: number } }>({
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          namespace: ns,
          name: 'web',
        });
        return d.spec.replicas >= 6 ? d : undefined;
      },
      { timeoutMs: 240_000, what: 'the HPA to scale web to 6 replicas' },
    );
    expect(scaled.spec.replicas).toBe(6);
    const hpa = await client.get<
      KubeObject & { status: { currentReplicas?: number; desiredReplicas?: number } }
    >({
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      namespace: ns,
      name: 'web',
    });
    expect(hpa.status.desiredReplicas).toBe(6);
    // By hand, a count the HPA would undo is refused; zero (a pause) is not.
    await expect(
      run('capacity.scale', { app: { app: 'shop' }, namespace: ns, replicas: 3 }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
    });
  }, 600_000);

  it('reads the same usage from Prometheus scraping the kubelet resource endpoints', async () => {
    const jobs = nodes
      .map(
        (n) => `  - job_name: ${n}
    scrape_interval: 5s
    metrics_path: /metrics/nodes/${n}/metrics/resource
    static_configs:
      - targets: ['${stack.kwokAddress}']`,
      )
      .join('\n');
    const prometheus: PrometheusServer = await startPrometheus(
      `global:\n  scrape_interval: 5s\nscrape_configs:\n${jobs}\n`,
    );
    try {
      const report = await waitFor(
        async () => {
          const r = await run('capacity.report', {
            namespaces: [ns],
            usage: 'prometheus',
            prometheus: { url: prometheus.url },
          });
          const n = r.result.namespaces.find((x) => x.name === ns);
          // Every pod's series is scraped, and the CPU rate is measured over two samples.
          const perPod = (n?.usage?.cpu ?? 0) / (n?.pods ?? 1);
          return n?.usage !== undefined && n.pods === n.usage.memory / (100 * 2 ** 20) && perPod > 300
            ? r
            : undefined;
        },
        { timeoutMs: 120_000, what: 'usage from Prometheus' },
      );
      expect(report.result.usageSource.kind).toBe('prometheus');
      const n = report.result.namespaces.find((x) => x.name === ns);
      // Each pod uses 400m now (the usage raised above).
      expect((n?.usage?.cpu ?? 0) / (n?.pods ?? 1)).toBeGreaterThan(300);
      expect((n?.usage?.cpu ?? 0) / (n?.pods ?? 1)).toBeLessThan(500);
    } finally {
      await prometheus.stop();
    }
    // A Prometheus that is not there: a clear error, not a stack trace.
    await expect(
      run('capacity.report', { usage: 'prometheus', prometheus: { url: 'http://127.0.0.1:1' } }),
    ).rejects.toMatchObject({ code: 'METRICS_UNAVAILABLE' });
  }, 300_000);
});

/**
 * The pod of the real-node HPA test: a Python HTTP server (the "visits" image's interpreter) whose
 * /work answers after hashing for a while, so each request costs real CPU on the real kubelet.
 */
const BUSY_SERVER = `import hashlib, http.server
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path.startswith('/work'):
            d = b'quai'
            for _ in range(20000):
                d = hashlib.sha256(d).digest()
        self.send_response(200)
        self.send_header('Content-Length', '2')
        self.end_headers()
        self.wfile.write(b'ok')
    def log_message(self, *args):
        pass
http.server.ThreadingHTTPServer(('', 8080), H).serve_forever()
`;

describe.skipIf(external || !hasRealNode())('an HPA on a real node under a real load', () => {
  let metricsServer: MetricsServer;
  let ns: string;
  const dir = mkdtempSync(join(tmpdir(), 'quai-real-metrics-'));

  beforeAll(async () => {
    ns = await realNamespace(client, 'quai-real-hpa');
    namespaces.push(ns);
    // metrics-server scrapes the real kubelet (HTTPS, port 10250, the cluster's client certificate).
    metricsServer = await startMetricsServer(client, inject('kubeconfig'), dir, {
      nodeSelector: `${devcluster.REAL_NODE_LABEL}=real`,
      kubelet: ['--kubelet-use-node-status-port', '--kubelet-insecure-tls'],
    });
  }, 600_000);

  afterAll(async () => {
    await metricsServer?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a load generator on loopback makes the pods busy: the real kubelet measures it, quai capacity reports it and the rendered HPA scales the Deployment', async () => {
    const spec = AppSpec.parse({
      apiVersion: 'quai.dev/v1alpha1',
      kind: 'App',
      metadata: { name: 'busy' },
      spec: {
        namespace: ns,
        components: {
          web: {
            image: await realImage('visits'),
            command: ['python3', '-c', BUSY_SERVER],
            ports: [{ name: 'http', port: 8080 }],
            probes: { readiness: { http: { path: '/', port: 'http' }, periodSeconds: 2 } },
            resources: { requests: { cpu: '100m', memory: '64Mi' } },
            autoscaling: {
              minReplicas: 1,
              maxReplicas: 3,
              cpuUtilization: 50,
              behavior: { scaleUp: { stabilizationWindowSeconds: 0 } },
            },
          },
        },
      },
    });
    const objects = render
      .render({ app: spec, platform: model.defaultPlatform(), environment: 'prod' })
      .objects.filter((o) =>
        ['Deployment', 'HorizontalPodAutoscaler', 'ServiceAccount', 'Service'].includes(o.kind),
      );
    for (const o of objects) await client.apply(o, { fieldManager: 'quai-test' });
    // The load reaches the pods through a NodePort on the real node, as a client outside would.
    const service = await client.create<KubeObject & { spec: { ports: { nodePort: number }[] } }>({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web-load', namespace: ns },
      spec: {
        type: 'NodePort',
        selector: { 'app.kubernetes.io/name': 'busy', 'app.kubernetes.io/component': 'web' },
        ports: [{ port: 8080, targetPort: 8080 }],
      },
    });
    const url = `http://${await realNodeAddress()}:${service.spec.ports[0]?.nodePort ?? 0}`;
    await waitFor(
      async () => ((await fetch(`${url}/`).catch(() => undefined))?.ok === true ? true : undefined),
      { timeoutMs: 180_000, what: `the busy app to answer on ${url}` },
    );
    const replicas = async (): Promise<number> =>
      (
        await client.get<KubeObject & { spec: { replicas: number } }>({
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          namespace: ns,
          name: 'web',
        })
      ).spec.replicas;
    expect(await replicas()).toBe(1);

    // The load: 4 concurrent clients on loopback, at most 5 minutes and 50,000 requests, until the
    // HPA has scaled up.
    let sent = 0;
    let failed = 0;
    let stop = false;
    const deadline = Date.now() + 300_000;
    const worker = async (): Promise<void> => {
      while (!stop && Date.now() < deadline && sent < 50_000) {
        sent++;
        const r = await fetch(`${url}/work`, { signal: AbortSignal.timeout(10_000) }).catch(() => undefined);
        if (r?.ok !== true) failed++;
        else await r.arrayBuffer();
      }
    };
    const load = Promise.all([worker(), worker(), worker(), worker()]);
    try {
      // The real kubelet's usage, read back through metrics-server by quai capacity.
      const busy = await waitFor(
        async () => {
          const r = await run('capacity.report', { namespaces: [ns] });
          const n = r.result.namespaces.find((x) => x.name === ns);
          return (n?.usage?.cpu ?? 0) > 100 ? r : undefined;
        },
        { timeoutMs: 180_000, what: 'quai capacity to report the load (over 100m CPU)' },
      );
      expect(busy.result.usageSource.kind).toBe('metrics-server');
      const realNode = busy.result.nodes.find((n) => n.name === devcluster.realNodeName(1));
      expect(realNode?.usage?.cpu ?? 0).toBeGreaterThan(100);
      const scaled = await waitFor(async () => ((await replicas()) > 1 ? replicas() : undefined), {
        timeoutMs: 240_000,
        what: 'the HPA to scale web up under the load',
      });
      expect(scaled).toBeGreaterThan(1);
      expect(scaled).toBeLessThanOrEqual(3);
      const cpu = busy.result.namespaces.find((x) => x.name === ns)?.usage?.cpu ?? 0;
      process.stdout.write(
        `[capacity] real node: ${sent} requests so far, ${cpu.toFixed(0)}m CPU measured by the kubelet, HPA scaled web from 1 to ${scaled}\n`,
      );
    } finally {
      stop = true;
      await load;
    }
    expect(sent).toBeGreaterThan(0);
    expect(failed).toBeLessThan(sent);
    const hpa = await client.get<KubeObject & { status: { currentMetrics?: unknown[] } }>({
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      namespace: ns,
      name: 'web',
    });
    expect(hpa.status.currentMetrics?.length ?? 0).toBeGreaterThan(0);
  }, 900_000);
});

describe.skipIf(external)('right-sizing from 14 days of history in a real Prometheus', () => {
  it('recommends KRR and VPA requests from the samples, as a new app spec and a patch; the spec itself is not touched', async () => {
    // Two pods of "web" over 14 days, one sample a minute: 50m at night, 400m in the day, one
    // hour at 900m a day; memory between 300 and 600 MiB. CPU is a counter, as cAdvisor's.
    const ns = 'shop';
    const end = Math.floor(Date.now() / 1000 / 60) * 60 - 3600;
    const start = end - 14 * 86_400;
    const lines = [
      '# HELP container_cpu_usage_seconds_total cpu',
      '# TYPE container_cpu_usage_seconds_total counter',
    ];
    const mem = [
      '# HELP container_memory_working_set_bytes memory',
      '# TYPE container_memory_working_set_bytes gauge',
    ];
    for (const pod of ['web-7f9c-1', 'web-7f9c-2']) {
      let counter = 0;
      for (let ts = start; ts <= end; ts += 60) {
        const hour = new Date(ts * 1000).getUTCHours();
        const cores = hour === 14 ? 0.9 : hour >= 8 && hour < 18 ? 0.4 : 0.05;
        counter += cores * 60;
        const labels = `{namespace="${ns}",pod="${pod}",container="web"}`;
        lines.push(`container_cpu_usage_seconds_total${labels} ${counter.toFixed(3)} ${ts}`);
        const mib = 300 + 300 * (hour / 23);
        mem.push(`container_memory_working_set_bytes${labels} ${Math.round(mib * 2 ** 20)} ${ts}`);
      }
    }
    const data = backfill(`${lines.join('\n')}\n${mem.join('\n')}\n# EOF\n`);
    const prometheus = await startPrometheus('global:\n  scrape_interval: 1m\nscrape_configs: []\n', data);
    const dir = mkdtempSync(join(tmpdir(), 'quai-rightsize-'));
    const specFile = join(dir, 'app.yaml');
    const specText = [
      'apiVersion: quai.dev/v1alpha1',
      'kind: App',
      'metadata:',
      '  name: shop',
      'spec:',
      '  components:',
      '    web:',
      '      image: registry.example/shop/web:1.0.0',
      '      # requests guessed at onboarding',
      '      resources:',
      '        requests: { cpu: "1", memory: 1Gi }',
      '        limits: { memory: 2Gi }',
      '',
    ].join('\n');
    writeFileSync(specFile, specText);
    try {
      const krr = await run('capacity.rightsize', {
        app: { file: specFile },
        environment: 'prod',
        prometheus: { url: prometheus.url },
        window: '14d',
        method: 'krr',
      });
      expect(krr.outcome).toBe('changes');
      const web = krr.result.containers[0];
      expect(web?.component).toBe('web');
      expect(web?.pods).toBe(2);
      // The day level (400m) is the 95th percentile: the 900m hour is 1/24 of the time.
      expect(web?.observed.cpuP95).toBeGreaterThan(390);
      expect(web?.observed.cpuP95).toBeLessThan(410);
      expect(web?.recommended.requests['cpu']).toBe('400m');
      // Memory: 600 MiB at most, + 15%.
      expect(web?.recommended.requests['memory']).toBe('690Mi');
      expect(web?.recommended.limits).toEqual({ memory: '690Mi' });
      expect(krr.result.spec).toContain('# requests guessed at onboarding');
      expect(krr.result.patch).toContain('-        requests: { cpu: "1", memory: 1Gi }');
      const vpa = await run('capacity.rightsize', {
        app: { file: specFile },
        environment: 'prod',
        prometheus: { url: prometheus.url },
        method: 'vpa',
      });
      // p90 of the day level + 15%: 460m; memory p90 + 15%, limit keeps the 2:1 ratio.
      expect(vpa.result.containers[0]?.recommended.requests['cpu']).toBe('460m');
      const m = vpa.result.containers[0]?.recommended;
      const mi = (q: string | undefined) => Number(q?.replace('Mi', '') ?? 0);
      expect(mi(m?.limits['memory'])).toBeGreaterThanOrEqual(2 * mi(m?.requests['memory']) - 1);
    } finally {
      await prometheus.stop();
    }
    // The proposal is data: the app spec on disk is unchanged.
    expect(readFileSync(specFile, 'utf8')).toBe(specText);
  }, 300_000);
});

describe('scaling by hand beside quai apply', () => {
  const platform = PlatformConfig.parse({
    apiVersion: 'quai.dev/v1alpha1',
    kind: 'Platform',
    metadata: { name: 'p' },
    spec: { domain: 'apps.local', environments: { prod: {}, staging: { namespaceSuffix: '-staging' } } },
  });

  it('records who scaled, then apply reports the conflict on replicas instead of resetting them', async () => {
    const ns = uniqueName('quai-test-scale');
    namespaces.push(ns);
    const specFile = join(mkdtempSync(join(tmpdir(), 'quai-scale-')), 'app.yaml');
    writeFileSync(
      specFile,
      `apiVersion: quai.dev/v1alpha1\nkind: App\nmetadata:\n  name: shop\nspec:\n  namespace: ${ns}\n  components:\n    web:\n      image: registry.example/shop/web:1.0.0\n      replicas: 2\n`,
    );
    const spec = AppSpec.parse(parseYaml(readFileSync(specFile, 'utf8'), { file: specFile }));
    const r = render.render({ app: spec, platform, environment: 'prod' });
    const target = { app: 'shop', environment: 'prod', namespace: r.namespace };
    const applied = await deploy.apply(client, target, r.objects, { timeoutMs: 120_000 });
    expect(applied.status).toBe('deployed');
    const scaled = await run('capacity.scale', { app: { file: specFile }, replicas: 5, reason: 'load test' });
    expect(scaled.result).toMatchObject({
      workload: 'Deployment/web',
      from: 2,
      to: 5,
      fieldManager: 'quai-scale',
    });
    const d = await client.get<KubeObject & { spec: { replicas: number } }>({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      namespace: ns,
      name: 'web',
    });
    expect(d.spec.replicas).toBe(5);
    expect(d.metadata.annotations).toMatchObject({
      'quai.dev/scaled-by': 'capacity-test',
      'quai.dev/scaled-to': '5',
      'quai.dev/scale-reason': 'load test',
    });
    const plan = await deploy.plan(client, target, r.objects);
    const change = plan.changes.find((c) => c.object === `Deployment ${ns}/web`);
    expect(change?.kind).toBe('conflict');
    expect(change?.conflicts?.join(' ')).toContain('quai-scale');
    // An app that is not there: a clear error.
    await expect(run('capacity.scale', { app: { app: 'nope' }, replicas: 1 })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  }, 300_000);

  it('off-hours: apply leaves replicas to the scale Jobs and the HPA, whose identity may only scale this Deployment', async () => {
    const name = 'office';
    const ns = uniqueName('quai-test-off');
    namespaces.push(`${ns}-staging`);
    const spec = AppSpec.parse({
      apiVersion: 'quai.dev/v1alpha1',
      kind: 'App',
      metadata: { name },
      spec: {
        namespace: ns,
        components: {
          web: { image: 'registry.example/office/web:1.0.0', replicas: 2 },
          api: { image: 'registry.example/office/api:1.0.0', replicas: 1 },
        },
        environments: {
          staging: {
            components: {
              web: {
                offHours: {
                  timeZone: 'Europe/Paris',
                  windows: [{ from: '0 20 * * 1-5', to: '0 7 * * 1-5' }],
                },
              },
            },
          },
        },
      },
    });
    const r = render.render({ app: spec, platform, environment: 'staging' });
    const target = { app: name, environment: 'staging', namespace: r.namespace };
    expect((await deploy.apply(client, target, r.objects, { timeoutMs: 120_000 })).status).toBe('deployed');
    const get = () =>
      client.get<KubeObject & { spec: { replicas: number } }>({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        namespace: r.namespace,
        name: 'web',
      });
    // The HPA fixed at 2 brings the Deployment (created without replicas) to its count.
    await waitFor(async () => ((await get()).spec.replicas === 2 ? true : undefined), {
      timeoutMs: 120_000,
      what: 'web at 2 replicas',
    });
    // The scaler's identity, as the "off" Job runs: it may scale web, and nothing else.
    const access = await loadClusterAccess({ kubeconfig: inject('kubeconfig') });
    const scaler = new KubeClient(access, {
      impersonate: {
        user: `system:serviceaccount:${r.namespace}:${name}-scaler`,
        groups: ['system:serviceaccounts'],
      },
    });
    try {
      const patchScale = (deployment: string, replicas: number) =>
        scaler.request({
          method: 'PATCH',
          path: `/apis/apps/v1/namespaces/${r.namespace}/deployments/${deployment}/scale`,
          body: { spec: { replicas } },
          contentType: 'application/merge-patch+json',
        });
      await patchScale('web', 0);
      await expect(patchScale('api', 0)).rejects.toBeInstanceOf(KubeApiError);
    } finally {
      scaler.close();
    }
    expect((await get()).spec.replicas).toBe(0);
    // An apply in the off-hours does not bring it back, and the HPA stands aside at zero. It waits
    // as usual, and does not wait for endpoints of the sleeping web's Service: it has none on purpose.
    const again = await deploy.apply(client, target, r.objects, { timeoutMs: 120_000 });
    expect(again.status).toBe('deployed');
    await new Promise((res) => setTimeout(res, 20_000));
    expect((await get()).spec.replicas).toBe(0);
  }, 300_000);
});
