import type { TestProject } from 'vitest/node';
import * as devcluster from '@quai/devcluster';
import { t } from '@quai/contracts';

declare module 'vitest' {
  export interface ProvidedContext {
    kubeconfig: string;
    context: string;
    /** The local cluster has a real node (containerd, kubelet) for tests that run containers. */
    realNode: boolean;
  }
}

/**
 * One cluster for the integration run: the one QUAI_TEST_KUBECONFIG points at (kind, k3s, a
 * staging cluster), else the running local control plane, else a new one that is stopped again
 * at the end (unless QUAI_KEEP_CLUSTER=1). The local one gets a real node next to its fake ones
 * (tests that run containers use it) when the machine allows (root, Debian's containerd...); in
 * CI it must. QUAI_TEST_REAL_NODES=0 leaves it out.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const external = process.env['QUAI_TEST_KUBECONFIG'];
  let startedHere = false;
  let kubeconfig: string;
  let realNode = false;
  if (external !== undefined && external !== '') {
    kubeconfig = external;
    process.stderr.write(`[integration] using the cluster of QUAI_TEST_KUBECONFIG=${external}\n`);
  } else {
    const current = await devcluster.status();
    let realNodes = process.env['QUAI_TEST_REAL_NODES'] === '0' ? 0 : 1;
    if (realNodes > 0) {
      try {
        devcluster.checkRealNodePrerequisites();
      } catch (error) {
        if (process.env['CI'] === 'true') throw error;
        process.stderr.write(
          `[integration] no real node, tests that run containers are skipped: ${(error as Error).message}\n`,
        );
        realNodes = 0;
      }
    }
    const onProgress = (e: devcluster.ProgressEvent): void => {
      if (e.kind !== 'build' || !e.line.includes('packages compiled')) {
        process.stderr.write(`[integration] ${e.kind === 'build' ? e.line : t('en', e.message)}\n`);
      }
    };
    if (current.state !== 'running') {
      process.stderr.write('[integration] starting the local control plane\n');
      await devcluster.up({ nodes: 3, ...(realNodes > 0 ? { realNodes } : {}), onProgress });
      startedHere = true;
    } else {
      process.stderr.write(`[integration] reusing the running local control plane ${current.server ?? ''}\n`);
      if (realNodes > 0 && current.realNodes === undefined)
        await devcluster.up({ nodes: 3, realNodes, onProgress });
    }
    realNode = realNodes > 0;
    kubeconfig = await devcluster.kubeconfigPath();
  }
  project.provide('kubeconfig', kubeconfig);
  project.provide('context', process.env['QUAI_TEST_CONTEXT'] ?? '');
  project.provide('realNode', realNode);
  return async () => {
    if (startedHere && process.env['QUAI_KEEP_CLUSTER'] !== '1') await devcluster.down();
  };
}
