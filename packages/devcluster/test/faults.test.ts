// The local control plane's harness under faults: real processes, real files, a broken binary.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { QuaiError } from '@quai/core';
import * as devcluster from '../src/index.js';

function sandbox(): { env: NodeJS.ProcessEnv; cache: string; state: string } {
  const root = mkdtempSync(join(tmpdir(), 'quai-faults-'));
  const cache = join(root, 'cache');
  const state = join(root, 'state');
  return { env: { ...process.env, QUAI_CACHE_DIR: cache, QUAI_STATE_DIR: state, HOME: root }, cache, state };
}

function script(path: string, body: string): void {
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
}

/** Installs fake binaries at the pinned versions' paths; etcd prints an error and dies. */
async function brokenCache(cache: string): Promise<void> {
  const v = await devcluster.pinnedVersions({});
  const bin = join(cache, 'control-plane', 'bin');
  const k = join(bin, `kubernetes-${v.kubernetes}`);
  const e = join(bin, `etcd-${v.etcd}`);
  const w = join(bin, `kwok-${v.kwok}`);
  for (const d of [k, e, w, join(w, 'stages')]) mkdirSync(d, { recursive: true });
  for (const b of ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kubectl'])
    script(join(k, b), 'sleep 60');
  script(join(w, 'kwok'), 'sleep 60');
  script(join(e, 'etcd'), 'echo "etcdmain: cannot access data directory: disk on fire" >&2; exit 1');
}

/** Processes whose command line mentions `path`, this test runner excluded. */
function processesUnder(path: string): string[] {
  try {
    return execFileSync('pgrep', ['-f', path], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .filter((p) => p !== '');
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

async function failure(p: Promise<unknown>): Promise<QuaiError> {
  const e = await p.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(e).toBeInstanceOf(QuaiError);
  return e as QuaiError;
}

describe('local control plane faults', () => {
  it('names the component that died at start and its log, shows the log, and leaves nothing running', async () => {
    const { env, cache, state } = sandbox();
    await brokenCache(cache);
    const e = await failure(devcluster.up({ name: 'faulty', env, startTimeoutMs: 20_000 }));
    expect(e.code).toBe('DEVCLUSTER_START_FAILED');
    expect(e.message).toMatch(/^etcd exited \(exit code 1\) while starting\. Log: .*etcd\.log$/);
    expect(String(e.details?.['logTail'])).toContain('disk on fire');
    const s = await devcluster.status({ name: 'faulty', env });
    expect(s.state).toBe('stopped');
    expect(s.components).toEqual([]);
    expect(existsSync(join(state, 'devcluster', 'faulty', 'state.json'))).toBe(false);
    expect(processesUnder(cache)).toEqual([]);
  }, 30_000);

  it('says to install Go when Go is missing and nothing is built yet', async () => {
    const { env } = sandbox();
    const e = await failure(devcluster.up({ name: 'nogo', env: { ...env, PATH: '/usr/bin:/bin' } }));
    expect(e.code).toBe('PREREQUISITE_MISSING');
    expect(e.message).toContain('Go is not installed');
    expect(e.message).toContain('QUAI_TEST_KUBECONFIG');
  });

  it('refuses a bad cluster name and a bad node count as usage errors', async () => {
    const { env } = sandbox();
    expect((await failure(devcluster.up({ name: 'Bad_Name', env }))).code).toBe('USAGE');
    expect((await failure(devcluster.up({ name: 'ok', nodes: -1, env }))).code).toBe('USAGE');
  });

  it('reports a stopped cluster and a missing kubeconfig clearly', async () => {
    const { env } = sandbox();
    expect((await devcluster.status({ env })).state).toBe('stopped');
    const e = await failure(devcluster.kubeconfigPath({ env }));
    expect(e.code).toBe('DEVCLUSTER_NOT_RUNNING');
    expect(e.hint).toContain('quai dev cluster up');
  });

  it('stops an interrupted start and removes its state', async () => {
    const { env, cache, state } = sandbox();
    await brokenCache(cache);
    // etcd that never becomes healthy: the start waits, then is interrupted.
    const v = await devcluster.pinnedVersions({});
    script(join(cache, 'control-plane', 'bin', `etcd-${v.etcd}`, 'etcd'), 'sleep 60');
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('Ctrl-C')), 1500);
    const e = await failure(devcluster.up({ name: 'interrupted', env, signal: controller.signal }));
    expect(e.code).toBe('INTERRUPTED');
    expect(existsSync(join(state, 'devcluster', 'interrupted', 'state.json'))).toBe(false);
    expect((await devcluster.status({ name: 'interrupted', env })).components).toEqual([]);
    expect(processesUnder(cache)).toEqual([]);
  }, 30_000);
});
