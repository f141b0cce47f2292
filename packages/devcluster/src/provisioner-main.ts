/**
 * Entry point of the local-path provisioner process that `quai dev cluster up --real-nodes N`
 * starts: node provisioner-main.js --kubeconfig=FILE --volumes=DIR --nodes=a,b
 */
import { KubeClient, loadClusterAccess } from '@quai/core';
import { runProvisioner } from './provisioner.js';

const args = new Map(
  process.argv.slice(2).map((a) => {
    const i = a.indexOf('=');
    return [a.slice(2, i), a.slice(i + 1)] as const;
  }),
);
const kubeconfig = args.get('kubeconfig');
const volumesDir = args.get('volumes');
const nodes = (args.get('nodes') ?? '').split(',').filter((n) => n !== '');
if (kubeconfig === undefined || volumesDir === undefined || nodes.length === 0) {
  process.stderr.write('usage: provisioner-main --kubeconfig=FILE --volumes=DIR --nodes=NODE[,NODE]\n');
  process.exit(2);
}
const client = new KubeClient(await loadClusterAccess({ kubeconfig }), { retries: 2, timeoutMs: 10_000 });
const controller = new AbortController();
for (const sig of ['SIGTERM', 'SIGINT'] as const) process.on(sig, () => controller.abort());
await runProvisioner({
  client,
  volumesDir,
  nodes,
  signal: controller.signal,
  log: (line) => process.stdout.write(`${new Date().toISOString()} ${line}\n`),
});
client.close();
