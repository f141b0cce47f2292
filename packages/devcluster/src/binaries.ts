import { spawn } from 'node:child_process';
import { access, constants, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { msg } from '@quai/contracts';
import { QuaiError } from '@quai/core';
import { BUILD_SCRIPT, VERSIONS_FILE, type DevClusterPaths, type Versions } from './paths.js';

export interface Binaries {
  readonly etcd: string;
  readonly kubeApiserver: string;
  readonly kubeControllerManager: string;
  readonly kubeScheduler: string;
  /** Built with the control plane, for users and for side-by-side benchmarks. */
  readonly kubectl: string;
  readonly kwok: string;
  /** KWOK's Stage objects shipped in its module (kustomize/stage), flattened. */
  readonly stagesDir: string;
}

/** What real nodes run besides containerd: built from the same module, and CoreDNS. */
export interface NodeBinaries {
  readonly kubelet: string;
  readonly kubeProxy: string;
  readonly coredns: string;
}

/**
 * Reads the pinned versions; QUAI_K8S_VERSION, QUAI_ETCD_VERSION, QUAI_KWOK_VERSION and
 * QUAI_COREDNS_VERSION override.
 */
export async function pinnedVersions(env: NodeJS.ProcessEnv = process.env): Promise<Versions> {
  const text = await readFile(VERSIONS_FILE, 'utf8');
  const get = (key: string): string => {
    const m = new RegExp(`^${key}=(\\S+)`, 'm').exec(text);
    if (m?.[1] === undefined)
      throw new QuaiError('INTERNAL', msg('devcluster.build.versionsLack', { file: VERSIONS_FILE, key }));
    return m[1];
  };
  return {
    kubernetes: env['QUAI_K8S_VERSION'] || get('K8S_VERSION'),
    etcd: env['QUAI_ETCD_VERSION'] || get('ETCD_VERSION'),
    kwok: env['QUAI_KWOK_VERSION'] || get('KWOK_VERSION'),
    coredns: env['QUAI_COREDNS_VERSION'] || get('COREDNS_VERSION'),
  };
}

export function binariesFor(paths: DevClusterPaths, versions: Versions): Binaries {
  const k = join(paths.binDir, `kubernetes-${versions.kubernetes}`);
  const w = join(paths.binDir, `kwok-${versions.kwok}`);
  return {
    etcd: join(paths.binDir, `etcd-${versions.etcd}`, 'etcd'),
    kubeApiserver: join(k, 'kube-apiserver'),
    kubeControllerManager: join(k, 'kube-controller-manager'),
    kubeScheduler: join(k, 'kube-scheduler'),
    kubectl: join(k, 'kubectl'),
    kwok: join(w, 'kwok'),
    stagesDir: join(w, 'stages'),
  };
}

export function nodeBinariesFor(paths: DevClusterPaths, versions: Versions): NodeBinaries {
  const n = join(paths.binDir, `node-${versions.kubernetes}`);
  return {
    kubelet: join(n, 'kubelet'),
    kubeProxy: join(n, 'kube-proxy'),
    coredns: join(paths.binDir, `coredns-${versions.coredns}`, 'coredns'),
  };
}

async function executable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

async function missingBinaries(binaries: Binaries | NodeBinaries): Promise<string[]> {
  const missing: string[] = [];
  for (const [name, path] of Object.entries(binaries) as [string, string][]) {
    if (name === 'stagesDir') continue;
    if (!(await executable(path))) missing.push(path);
  }
  return missing;
}

export interface BuildOptions {
  readonly paths: DevClusterPaths;
  readonly versions: Versions;
  /** Each line of the build's progress (the build prints live package counts). */
  readonly onLine?: (line: string) => void;
  readonly signal?: AbortSignal;
  readonly env?: NodeJS.ProcessEnv;
}

async function runBuild(options: BuildOptions, what: 'control-plane' | 'node'): Promise<void> {
  const env = {
    ...(options.env ?? process.env),
    QUAI_CACHE_DIR: options.paths.cacheDir,
    QUAI_K8S_VERSION: options.versions.kubernetes,
    QUAI_ETCD_VERSION: options.versions.etcd,
    QUAI_KWOK_VERSION: options.versions.kwok,
    QUAI_COREDNS_VERSION: options.versions.coredns,
  };
  const tail: string[] = [];
  const code = await new Promise<number>((resolve, reject) => {
    const child = spawn('bash', [BUILD_SCRIPT, what], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(options.signal ? { signal: options.signal } : {}),
      killSignal: 'SIGINT',
    });
    let buffer = '';
    const onData = (chunk: string): void => {
      buffer += chunk;
      const parts = buffer.split(/[\r\n]/);
      buffer = parts.pop() ?? '';
      for (const line of parts) {
        if (line.trim() === '') continue;
        tail.push(line);
        if (tail.length > 40) tail.shift();
        options.onLine?.(line);
      }
    };
    child.stdout.setEncoding('utf8').on('data', onData);
    child.stderr.setEncoding('utf8').on('data', onData);
    child.on('error', reject);
    child.on('close', (c) => resolve(c ?? 1));
  }).catch((error: unknown) => {
    if (options.signal?.aborted) {
      throw new QuaiError('INTERRUPTED', msg('devcluster.build.interrupted'));
    }
    throw error;
  });
  if (code !== 0) {
    const last = tail.filter((l) => l.includes('error:')).pop() ?? tail.at(-1) ?? '';
    const prerequisite = /Go is not installed|too old|MiB free/.test(last);
    throw new QuaiError(
      prerequisite ? 'PREREQUISITE_MISSING' : 'DEVCLUSTER_BUILD_FAILED',
      msg('devcluster.build.failed', { error: last.replace(/^\[control-plane\] error: /, '') }),
      {
        hint: prerequisite ? msg('devcluster.build.prerequisiteHint') : msg('devcluster.build.failedHint'),
        details: { script: BUILD_SCRIPT, output: tail.join('\n') },
      },
    );
  }
}

/**
 * Builds whatever binaries are missing with assets/control-plane/build.sh (Go module proxy,
 * cached by version); returns their paths. Cheap when everything is cached.
 */
export async function ensureBinaries(options: BuildOptions): Promise<Binaries> {
  const binaries = binariesFor(options.paths, options.versions);
  if ((await missingBinaries(binaries)).length === 0) return binaries;
  await runBuild(options, 'control-plane');
  const missing = await missingBinaries(binaries);
  if (missing.length > 0) {
    throw new QuaiError(
      'DEVCLUSTER_BUILD_FAILED',
      msg('devcluster.build.incomplete', { missing: missing.join(', ') }),
    );
  }
  return binaries;
}

/** Builds the kubelet, kube-proxy and CoreDNS when missing (build.sh node); returns their paths. */
export async function ensureNodeBinaries(options: BuildOptions): Promise<NodeBinaries> {
  const binaries = nodeBinariesFor(options.paths, options.versions);
  if ((await missingBinaries(binaries)).length === 0) return binaries;
  await runBuild(options, 'node');
  const missing = await missingBinaries(binaries);
  if (missing.length > 0) {
    throw new QuaiError(
      'DEVCLUSTER_BUILD_FAILED',
      msg('devcluster.build.incomplete', { missing: missing.join(', ') }),
    );
  }
  return binaries;
}
