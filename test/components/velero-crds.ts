import { execFile } from 'node:child_process';
import { cp, mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parseYaml, waitFor, type KubeClient, type KubeObject } from '@quai/core';

/** The Velero release whose CRDs the tests install (the one bench/velero/build.sh builds). */
export const VELERO_VERSION = process.env['QUAI_VELERO_VERSION'] ?? 'v1.18.3';

function cacheDir(): string {
  const base =
    process.env['QUAI_CACHE_DIR'] ?? join(process.env['XDG_CACHE_HOME'] ?? join(homedir(), '.cache'), 'quai');
  return join(base, 'test-components', `velero-crds-${VELERO_VERSION}-v1-v2alpha1`);
}

/**
 * Velero's real CRDs (config/crd/v1/bases and v2alpha1/bases in the module), taken from the Go module proxy with
 * `go mod download` and cached outside the repository.
 */
export async function veleroCrdFiles(): Promise<string[]> {
  const dir = cacheDir();
  if (!(await stat(dir).catch(() => undefined))) {
    const { stdout } = await promisify(execFile)(
      'go',
      ['mod', 'download', '-json', `github.com/vmware-tanzu/velero@${VELERO_VERSION}`],
      { env: { ...process.env, GOFLAGS: '' }, maxBuffer: 16 * 1024 * 1024 },
    );
    const moduleDir = (JSON.parse(stdout) as { Dir?: string }).Dir;
    if (!moduleDir) throw new Error(`go mod download gave no directory for velero ${VELERO_VERSION}`);
    await mkdir(join(dir, '..'), { recursive: true });
    const tmp = `${dir}.tmp-${process.pid}`;
    await rm(tmp, { recursive: true, force: true });
    // velero.io/v1 (Backup, Restore, Schedule, BackupStorageLocation...) and velero.io/v2alpha1
    // (DataUpload, DataDownload): `velero server` refuses to start without both.
    for (const version of ['v1', 'v2alpha1'])
      await cp(join(moduleDir, 'config', 'crd', version, 'bases'), tmp, { recursive: true });
    await rename(tmp, dir).catch(async () => rm(tmp, { recursive: true, force: true }));
  }
  return (await readdir(dir))
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => join(dir, f));
}

/** Installs Velero's CRDs (server-side apply, idempotent) and waits until they are Established. */
export async function installVeleroCrds(client: KubeClient): Promise<string[]> {
  const names: string[] = [];
  for (const file of await veleroCrdFiles()) {
    const crd = parseYaml(await readFile(file, 'utf8'), { file }) as KubeObject;
    await client.apply(crd, { fieldManager: 'quai-tests', force: true });
    names.push(crd.metadata.name ?? '');
  }
  for (const name of names) {
    await waitFor(
      async () => {
        const crd = await client.get<
          KubeObject & { status?: { conditions?: { type: string; status: string }[] } }
        >({
          apiVersion: 'apiextensions.k8s.io/v1',
          kind: 'CustomResourceDefinition',
          name,
        });
        return crd.status?.conditions?.some((c) => c.type === 'Established' && c.status === 'True')
          ? true
          : undefined;
      },
      { timeoutMs: 60_000, what: `CRD ${name} established` },
    );
  }
  return names;
}
