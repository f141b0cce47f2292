import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Versions {
  readonly kubernetes: string;
  readonly etcd: string;
  readonly kwok: string;
  readonly coredns: string;
}

/** The package's assets: the control plane's build script and versions, the pause program. */
export const ASSETS_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../assets');
/** The versions pinned in assets/control-plane/versions.env (read by build.sh too). */
export const ASSETS_DIR = join(ASSETS_ROOT, 'control-plane');
export const BUILD_SCRIPT = join(ASSETS_DIR, 'build.sh');
export const VERSIONS_FILE = join(ASSETS_DIR, 'versions.env');

export interface DevClusterPaths {
  /** Root of the binary cache: $QUAI_CACHE_DIR, else $XDG_CACHE_HOME/quai, else ~/.cache/quai. */
  readonly cacheDir: string;
  readonly binDir: string;
  /** This cluster's folder: state, kubeconfig, credentials, data and logs. */
  readonly clusterDir: string;
  readonly stateFile: string;
  readonly lockDir: string;
  readonly kubeconfig: string;
  readonly pkiDir: string;
  readonly logsDir: string;
  readonly dataDir: string;
}

export function devClusterPaths(name: string, env: NodeJS.ProcessEnv = process.env): DevClusterPaths {
  const home = env['HOME'] ?? homedir();
  const cacheDir = env['QUAI_CACHE_DIR'] || join(env['XDG_CACHE_HOME'] || join(home, '.cache'), 'quai');
  const stateRoot =
    env['QUAI_STATE_DIR'] || join(env['XDG_STATE_HOME'] || join(home, '.local', 'state'), 'quai');
  const clusterDir = join(stateRoot, 'devcluster', name);
  return {
    cacheDir,
    binDir: join(cacheDir, 'control-plane', 'bin'),
    clusterDir,
    stateFile: join(clusterDir, 'state.json'),
    lockDir: join(clusterDir, '.lock'),
    kubeconfig: join(clusterDir, 'kubeconfig'),
    pkiDir: join(clusterDir, 'pki'),
    logsDir: join(clusterDir, 'logs'),
    dataDir: join(clusterDir, 'data'),
  };
}
