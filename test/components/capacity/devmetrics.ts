import { KubeClient, loadClusterAccess } from '@quai/core';
import { startMetricsStack } from './metrics.js';
const kubeconfig = '/work/state/capacity/devcluster/quai/kubeconfig';
const client = new KubeClient(await loadClusterAccess({ kubeconfig }), { qps: 100, burst: 200 });
const stack = await startMetricsStack(client, kubeconfig);
console.log('stack up', stack.kwokAddress);
await stack.createNodes(['quai-metrics-1', 'quai-metrics-2'], { cpu: '4', memory: '8Gi' });
console.log('nodes up');
for (let i = 0; i < 12; i++) {
  await new Promise((r) => setTimeout(r, 5000));
  try {
    const r = await client.request({ path: '/apis/metrics.k8s.io/v1beta1/nodes' });
    console.log(JSON.stringify(r).slice(0, 600));
    break;
  } catch (e) {
    console.log('err', String(e).slice(0, 300));
  }
}
const raw = await fetch(`http://${stack.kwokAddress}/metrics/nodes/quai-metrics-1/metrics/resource`).then(
  (r) => r.text(),
);
console.log(raw.slice(0, 500));
await stack.stop();
client.close();
