import { chmod, mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { KubeApiError, type KubeClient, type KubeObject } from '@quai/core';
import { LOCAL_PROVISIONER, LOCAL_STORAGE_CLASS } from './realnodes.js';

/*
 * The local-path provisioner of the real nodes (the idea of rancher/local-path-provisioner,
 * written small): a claim of the quai-local class, once the scheduler has picked a real node
 * for its first pod (WaitForFirstConsumer), gets a `local` volume, a folder on that node (the
 * host), with node affinity to it. A released volume of the Delete policy loses its folder and
 * goes. It runs on the host beside the real nodes, as a process of the cluster.
 */

const SELECTED_NODE = 'volume.kubernetes.io/selected-node';
const PROVISIONED_BY = 'pv.kubernetes.io/provisioned-by';

interface Claim extends KubeObject {
  readonly spec?: {
    readonly storageClassName?: string;
    readonly volumeName?: string;
    readonly accessModes?: string[];
    readonly volumeMode?: string;
    readonly resources?: { readonly requests?: { readonly storage?: string } };
  };
  readonly status?: { readonly phase?: string };
}

interface Volume extends KubeObject {
  readonly spec?: {
    readonly local?: { readonly path?: string };
    readonly persistentVolumeReclaimPolicy?: string;
  };
  readonly status?: { readonly phase?: string };
}

export interface ProvisionerOptions {
  readonly client: KubeClient;
  /** Where volume folders are made on the host. */
  readonly volumesDir: string;
  /** The real nodes this provisioner serves. */
  readonly nodes: readonly string[];
  readonly log?: (line: string) => void;
}

function volumeName(claim: Claim): string {
  return `pvc-${claim.metadata.uid ?? ''}`;
}

/** One pass: volumes for waiting claims, folders and volumes removed for released ones. */
export async function provisionOnce(o: ProvisionerOptions): Promise<{ created: number; deleted: number }> {
  const log = o.log ?? (() => undefined);
  let created = 0;
  let deleted = 0;
  const claims = await o.client.list<Claim>('v1', 'PersistentVolumeClaim');
  for (const claim of claims) {
    const node = claim.metadata.annotations?.[SELECTED_NODE];
    if (
      claim.spec?.storageClassName !== LOCAL_STORAGE_CLASS ||
      claim.status?.phase !== 'Pending' ||
      (claim.spec.volumeName ?? '') !== '' ||
      node === undefined ||
      !o.nodes.includes(node)
    ) {
      continue;
    }
    const name = volumeName(claim);
    const path = join(
      o.volumesDir,
      `${claim.metadata.namespace ?? 'default'}_${claim.metadata.name ?? ''}_${name}`,
    );
    // Mode 0777: the pod's user (any non-root uid) writes there, as with the upstream provisioner.
    await mkdir(path, { recursive: true });
    await chmod(path, 0o777); // not left to the umask

    const volume: KubeObject = {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name, annotations: { [PROVISIONED_BY]: LOCAL_PROVISIONER } },
      spec: {
        capacity: { storage: claim.spec.resources?.requests?.storage ?? '1Gi' },
        accessModes: claim.spec.accessModes ?? ['ReadWriteOnce'],
        volumeMode: claim.spec.volumeMode ?? 'Filesystem',
        persistentVolumeReclaimPolicy: 'Delete',
        storageClassName: LOCAL_STORAGE_CLASS,
        claimRef: {
          apiVersion: 'v1',
          kind: 'PersistentVolumeClaim',
          namespace: claim.metadata.namespace,
          name: claim.metadata.name,
          uid: claim.metadata.uid,
        },
        local: { path },
        nodeAffinity: {
          required: {
            nodeSelectorTerms: [
              { matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [node] }] },
            ],
          },
        },
      },
    };
    try {
      await o.client.create(volume);
      created++;
      log(`provisioned ${name} for ${claim.metadata.namespace}/${claim.metadata.name} on ${node}: ${path}`);
    } catch (error) {
      if (!(error instanceof KubeApiError && error.code === 'ALREADY_EXISTS')) throw error;
    }
  }
  const volumes = await o.client.list<Volume>('v1', 'PersistentVolume');
  for (const volume of volumes) {
    if (
      volume.metadata.annotations?.[PROVISIONED_BY] !== LOCAL_PROVISIONER ||
      volume.status?.phase !== 'Released' ||
      volume.spec?.persistentVolumeReclaimPolicy !== 'Delete'
    ) {
      continue;
    }
    const path = volume.spec.local?.path;
    // Only folders this provisioner made: never anything outside its folder.
    if (path !== undefined && path.startsWith(`${o.volumesDir}/`))
      await rm(path, { recursive: true, force: true });
    await o.client
      .delete({ apiVersion: 'v1', kind: 'PersistentVolume', name: volume.metadata.name ?? '' })
      .catch((error: unknown) => {
        if (!(error instanceof KubeApiError && error.code === 'NOT_FOUND')) throw error;
      });
    deleted++;
    log(`deleted ${volume.metadata.name ?? ''} and its folder ${path ?? ''}`);
  }
  return { created, deleted };
}

/** Runs passes every `intervalMs` until the signal aborts; a failed pass is logged and retried. */
export async function runProvisioner(
  o: ProvisionerOptions & { readonly intervalMs?: number; readonly signal: AbortSignal },
): Promise<void> {
  const log = o.log ?? (() => undefined);
  log(`local-path provisioner: nodes ${o.nodes.join(', ')}, folders under ${o.volumesDir}`);
  while (!o.signal.aborted) {
    try {
      await provisionOnce(o);
    } catch (error) {
      log(`pass failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    await new Promise((r) => setTimeout(r, o.intervalMs ?? 1000));
  }
}
