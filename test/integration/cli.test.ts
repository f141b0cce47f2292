import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import * as devcluster from '@quai/devcluster';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const main = join(root, 'packages/cli/dist/main.js');
const run = promisify(execFile);
const external = (process.env['QUAI_TEST_KUBECONFIG'] ?? '') !== '';

async function quai(
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number; out: string; err: string }> {
  try {
    const r = await run('node', [main, ...args], { env: { ...process.env, ...env }, encoding: 'utf8' });
    return { code: 0, out: r.stdout, err: r.stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout, err: e.stderr };
  }
}

beforeAll(() => {
  if (!existsSync(main)) throw new Error(`${main} is missing: run \`npm run build\` first (npm test does).`);
});

describe('the quai command on a real cluster', () => {
  it('reads the server version through --kubeconfig', async () => {
    const r = await quai(['version', '--server', '-o', 'json', '--kubeconfig', inject('kubeconfig')]);
    expect(r.code).toBe(0);
    const data = JSON.parse(r.out) as { server: { kubernetes: string } };
    expect(data.server.kubernetes).toMatch(/^v1\.\d+\.\d+/);
  });

  it('runs the demo on the configured cluster and lists Ready nodes', async () => {
    const r = await quai(['demo', '-o', 'json'], { KUBECONFIG: inject('kubeconfig') });
    expect(r.code).toBe(0);
    const data = JSON.parse(r.out) as { nodes: { name: string; ready: boolean }[] };
    expect(data.nodes.length).toBeGreaterThan(0);
    expect(data.nodes.every((n) => n.ready)).toBe(true);
  });

  it.skipIf(external)('reports the local control plane as running with every component', async () => {
    const r = await quai(['dev', 'cluster', 'status', '-o', 'json']);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.out) as devcluster.DevClusterStatus;
    expect(s.state).toBe('running');
    // The control plane, and with real nodes their containerd, kubelet, kube-proxy, CoreDNS...
    expect(s.components.map((c) => c.component)).toEqual(
      expect.arrayContaining(['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kwok']),
    );
    expect(s.nodes?.ready).toBe(s.nodes?.total);
    const text = await quai(['dev', 'cluster', 'kubeconfig']);
    expect(text.out.trim()).toBe(inject('kubeconfig'));
  });

  it.skipIf(external)('reuses the running local cluster instead of starting another', async () => {
    const before = await devcluster.status();
    const r = await quai(['dev', 'cluster', 'up', '-o', 'json']);
    expect(r.code).toBe(0);
    const data = JSON.parse(r.out) as { reused: boolean; server: string };
    expect(data.reused).toBe(true);
    expect(data.server).toBe(before.server);
  });

  it.skipIf(external)('works as a kubectl plugin (kubectl quai)', async () => {
    const v = await devcluster.pinnedVersions();
    const kubectl = join(devcluster.devClusterPaths('quai').binDir, `kubernetes-${v.kubernetes}`, 'kubectl');
    if (!existsSync(kubectl))
      throw new Error(`${kubectl} is missing: run packages/devcluster/assets/control-plane/build.sh`);
    const bin = mkdtempSync(join(tmpdir(), 'quai-plugin-'));
    symlinkSync(main, join(bin, 'kubectl-quai'));
    // Only our plugin folder and node's: kubectl plugin list fails on shadowed plugins
    // (npm puts node_modules/.bin on PATH) and on PATH folders that do not exist.
    const path = [bin, dirname(process.execPath), '/usr/bin', '/bin'].join(':');
    const env = { ...process.env, PATH: path, KUBECONFIG: inject('kubeconfig') };
    const list = await run(kubectl, ['plugin', 'list'], { env, encoding: 'utf8' });
    expect(list.stdout).toContain(join(bin, 'kubectl-quai'));
    const help = await run(kubectl, ['quai', '--help'], { env, encoding: 'utf8' });
    expect(help.stdout).toContain('Usage: kubectl quai [options] [command]');
    const version = await run(kubectl, ['quai', 'version', '--server'], { env, encoding: 'utf8' });
    expect(version.stdout).toMatch(/Server: Kubernetes v1\.\d+/);
  });
});
