import type { TestProject } from 'vitest/node';
import * as devcluster from '@quai/devcluster';

declare module 'vitest' {
  export interface ProvidedContext {
    kubeconfig: string;
    context: string;
  }
}

/**
 * One cluster for the integration run: the one QUAI_TEST_KUBECONFIG points at (kind, k3s, a
 * staging cluster), else the running local control plane, else a new one that is stopped again
 * at the end (unless QUAI_KEEP_CLUSTER=1).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const external = process.env['QUAI_TEST_KUBECONFIG'];
  let startedHere = false;
  let kubeconfig: string;
  if (external !== undefined && external !== '') {
    kubeconfig = external;
    process.stderr.write(`[integration] using the cluster of QUAI_TEST_KUBECONFIG=${external}\n`);
  } else {
    const current = await devcluster.status();
    if (current.state !== 'running') {
      process.stderr.write('[integration] starting the local control plane\n');
      await devcluster.up({
        nodes: 3,
        onProgress: (e) => {
          if (e.kind !== 'build' || !e.line.includes('packages compiled')) {
            process.stderr.write(`[integration] ${e.kind === 'build' ? e.line : e.message}\n`);
          }
        },
      });
      startedHere = true;
    } else {
      process.stderr.write(`[integration] reusing the running local control plane ${current.server ?? ''}\n`);
    }
    kubeconfig = await devcluster.kubeconfigPath();
  }
  project.provide('kubeconfig', kubeconfig);
  project.provide('context', process.env['QUAI_TEST_CONTEXT'] ?? '');
  return async () => {
    if (startedHere && process.env['QUAI_KEEP_CLUSTER'] !== '1') await devcluster.down();
  };
}
