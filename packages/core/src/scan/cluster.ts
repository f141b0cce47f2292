import { isQuaiError, type QuaiError } from '../errors/index.js';
import type { KubeClient } from '../kube/index.js';
import type { KubeObject } from '../kube/index.js';
import { mapLimit } from '../util/index.js';
import { scanInventory, type ScanReport } from './findings.js';
import {
  inventoryFromView,
  type ImageLimits,
  type Inventory,
  type InventoryPackage,
} from './inventory/index.js';
import type { SeverityLevel, VulnDb } from './osv/index.js';
import { formatReference, parseReference, viewRegistryImage, type RegistryClient } from './registry/index.js';

/*
 * `quai scan cluster`: every image running in the cluster, scanned once per digest. Pods are
 * listed (all namespaces or one); each container, init container and ephemeral container names
 * an image, resolved to a digest from the pod status (imageID) when the runtime reported one,
 * else by asking the registry for the tag's digest. Each digest is pulled and scanned once, with
 * bounded concurrency; findings are mapped back to the workloads (Deployment through its
 * ReplicaSet, CronJob through its Job, StatefulSet, DaemonSet, bare pods) and namespaces using
 * the image. An image that cannot be read is reported with its error; the others go on.
 */

export type ContainerType = 'container' | 'initContainer' | 'ephemeralContainer';

export interface WorkloadUse {
  readonly namespace: string;
  readonly kind: string;
  readonly name: string;
  readonly container: string;
  readonly containerType: ContainerType;
}

export interface ClusterImageResult {
  /** The digest scanned (the index digest for a multi-platform image). */
  readonly digest?: string;
  /** The reference pulled, `registry/repository@digest` (or the tag when no digest was found). */
  readonly reference: string;
  /** The image names as written in the pod specs. */
  readonly images: readonly string[];
  readonly workloads: readonly WorkloadUse[];
  readonly pods: number;
  /** The platform scanned: that of the nodes running the pods, else the one asked for. */
  readonly platform: string;
  readonly report?: ScanReport;
  readonly error?: ImageScanError;
}

/** Why an image could not be scanned: texts in English, and the catalog messages they come from. */
export interface ImageScanError {
  readonly code: string;
  readonly message: string;
  readonly hint?: string;
  /** The message and hint as catalog messages, for a reader in another language. */
  readonly i18n?: { readonly message: QuaiError['text']; readonly hint?: QuaiError['text'] };
}

export interface ClusterScanReport {
  readonly namespace?: string;
  readonly pods: number;
  readonly containers: number;
  readonly images: readonly ClusterImageResult[];
  /** Findings per severity over all images (one per image and vulnerability). */
  readonly summary: Readonly<Record<SeverityLevel, number>>;
  readonly failed: number;
}

export interface ClusterScanOptions extends ImageLimits {
  readonly namespace?: string;
  /** These namespaces, each listed on its own (for a user who may not list pods everywhere). */
  readonly namespaces?: readonly string[];
  readonly concurrency?: number;
  readonly platform?: string;
  readonly signal?: AbortSignal;
  /** Called when an image starts and when it ends. */
  readonly onProgress?: (event: {
    readonly done: number;
    readonly total: number;
    readonly image: string;
  }) => void;
}

interface OwnerRef {
  readonly kind: string;
  readonly name: string;
  readonly uid: string;
  readonly controller?: boolean;
}

interface ContainerSpec {
  readonly name: string;
  readonly image?: string;
}

interface ContainerStatus {
  readonly name: string;
  readonly image?: string;
  readonly imageID?: string;
}

interface PodObject extends KubeObject {
  readonly spec?: {
    readonly nodeName?: string;
    readonly containers?: readonly ContainerSpec[];
    readonly initContainers?: readonly ContainerSpec[];
    readonly ephemeralContainers?: readonly ContainerSpec[];
  };
  readonly status?: {
    readonly containerStatuses?: readonly ContainerStatus[];
    readonly initContainerStatuses?: readonly ContainerStatus[];
    readonly ephemeralContainerStatuses?: readonly ContainerStatus[];
  };
}

const controllerOf = (o: KubeObject): OwnerRef | undefined =>
  ((o.metadata as { ownerReferences?: OwnerRef[] }).ownerReferences ?? []).find((r) => r.controller === true);

/** The digest in a runtime's imageID (`docker-pullable://repo@sha256:...`, `repo@sha256:...`). */
export function digestFromImageId(imageId: string | undefined): string | undefined {
  const m = /@(sha256:[a-f0-9]{64})$/.exec(imageId ?? '');
  return m?.[1];
}

/** Each container's image, with the workload running it. */
export async function clusterImageUses(
  client: KubeClient,
  namespace?: string,
  signal?: AbortSignal,
): Promise<{
  pods: number;
  uses: { image: string; imageId?: string; workload: WorkloadUse; pod: string; node?: string }[];
}> {
  const opts = {
    ...(namespace === undefined ? {} : { namespace }),
    ...(signal === undefined ? {} : { signal }),
  };
  const [pods, replicaSets, jobs] = await Promise.all([
    client.list<PodObject>('v1', 'Pod', opts),
    client.list('apps/v1', 'ReplicaSet', opts),
    client.list('batch/v1', 'Job', opts),
  ]);
  const owners = new Map<string, OwnerRef | undefined>();
  for (const o of [...replicaSets, ...jobs])
    if (o.metadata.uid !== undefined) owners.set(o.metadata.uid, controllerOf(o));
  const uses: { image: string; imageId?: string; workload: WorkloadUse; pod: string; node?: string }[] = [];
  for (const pod of pods) {
    const ns = pod.metadata.namespace ?? '';
    let owner = controllerOf(pod);
    // ReplicaSet -> Deployment, Job -> CronJob: climb while the owner has a known controller.
    for (let hops = 0; owner !== undefined && hops < 4; hops++) {
      const up = owners.get(owner.uid);
      if (up === undefined) break;
      owner = up;
    }
    const kind = owner?.kind ?? 'Pod';
    const name = owner?.name ?? pod.metadata.name ?? '';
    const groups: [
      ContainerType,
      readonly ContainerSpec[] | undefined,
      readonly ContainerStatus[] | undefined,
    ][] = [
      ['container', pod.spec?.containers, pod.status?.containerStatuses],
      ['initContainer', pod.spec?.initContainers, pod.status?.initContainerStatuses],
      ['ephemeralContainer', pod.spec?.ephemeralContainers, pod.status?.ephemeralContainerStatuses],
    ];
    for (const [containerType, specs, statuses] of groups) {
      for (const c of specs ?? []) {
        if (c.image === undefined || c.image === '') continue;
        const imageId = statuses?.find((s) => s.name === c.name)?.imageID;
        uses.push({
          ...(pod.spec?.nodeName === undefined ? {} : { node: pod.spec.nodeName }),
          image: c.image,
          ...(imageId === undefined || imageId === '' ? {} : { imageId }),
          workload: { namespace: ns, kind, name, container: c.name, containerType },
          pod: `${ns}/${pod.metadata.name ?? ''}`,
        });
      }
    }
  }
  return { pods: pods.length, uses };
}

function errorOf(error: unknown): ImageScanError {
  if (isQuaiError(error))
    return {
      code: error.code,
      message: error.message,
      ...(error.hint === undefined ? {} : { hint: error.hint }),
      i18n: { message: error.text, ...(error.hintText === undefined ? {} : { hint: error.hintText }) },
    };
  return { code: 'INTERNAL', message: (error as Error).message };
}

/** Scans every image running in the cluster (or a namespace), each digest once. */
export async function scanCluster(
  client: KubeClient,
  db: Pick<VulnDb, 'match'>,
  registry: RegistryClient,
  options: ClusterScanOptions = {},
): Promise<ClusterScanReport> {
  let pods = 0;
  const uses: Awaited<ReturnType<typeof clusterImageUses>>['uses'] = [];
  for (const ns of options.namespaces ?? [options.namespace]) {
    const found = await clusterImageUses(client, ns, options.signal);
    pods += found.pods;
    uses.push(...found.uses);
  }

  // 1. Resolve each image name to a digest: the runtime's imageID, a digest in the name, else the registry.
  const byName = new Map<string, { imageIds: Set<string> }>();
  for (const u of uses) {
    const entry = byName.get(u.image) ?? { imageIds: new Set<string>() };
    const d = digestFromImageId(u.imageId);
    if (d !== undefined) entry.imageIds.add(d);
    byName.set(u.image, entry);
  }
  const resolved = new Map<string, { key: string; reference: string; digest?: string; error?: unknown }>();
  await mapLimit([...byName.keys()], Math.max(1, options.concurrency ?? 4), async (image) => {
    options.signal?.throwIfAborted();
    try {
      const ref = parseReference(image);
      const fromStatus = [...byName.get(image)!.imageIds][0];
      const digest = ref.digest ?? fromStatus ?? (await registry.resolveDigest(ref));
      const reference = formatReference({ registry: ref.registry, repository: ref.repository, digest });
      resolved.set(image, { key: digest, reference, digest });
    } catch (error) {
      if (options.signal?.aborted === true) throw error;
      resolved.set(image, { key: `error:${image}`, reference: image, error });
    }
  });

  // 2. Group the uses per digest.
  // Pods run the image of their node's platform (a multi-platform index has one per platform).
  const nodePlatforms = new Map<string, string>();
  const nodes = await client
    .list<KubeObject & { status?: { nodeInfo?: { operatingSystem?: string; architecture?: string } } }>(
      'v1',
      'Node',
      options.signal === undefined ? {} : { signal: options.signal },
    )
    .catch(() => []); // nodes not readable: --platform for every pod
  for (const n of nodes) {
    const info = n.status?.nodeInfo;
    if (n.metadata.name !== undefined && info?.architecture !== undefined)
      nodePlatforms.set(n.metadata.name, `${info.operatingSystem ?? 'linux'}/${info.architecture}`);
  }
  const defaultPlatform = options.platform ?? 'linux/amd64';
  const groups = new Map<
    string,
    {
      platform: string;
      reference: string;
      digest?: string;
      images: Set<string>;
      workloads: Map<string, WorkloadUse>;
      pods: Set<string>;
      error?: unknown;
    }
  >();
  for (const u of uses) {
    const r = resolved.get(u.image)!;
    const platform = (u.node === undefined ? undefined : nodePlatforms.get(u.node)) ?? defaultPlatform;
    const key = `${r.key} ${platform}`;
    const g = groups.get(key) ?? {
      platform,
      reference: r.reference,
      ...(r.digest === undefined ? {} : { digest: r.digest }),
      images: new Set<string>(),
      workloads: new Map<string, WorkloadUse>(),
      pods: new Set<string>(),
      ...(r.error === undefined ? {} : { error: r.error }),
    };
    g.images.add(u.image);
    const w = u.workload;
    g.workloads.set(`${w.namespace}/${w.kind}/${w.name}/${w.containerType}/${w.container}`, w);
    g.pods.add(u.pod);
    groups.set(key, g);
  }

  // 3. Scan each digest once. Images share most packages (one base, many apps): each package
  // version is looked up once, and equal packages are one object, so memory grows with the
  // distinct packages, not with images x packages.
  const matches = new Map<string, ReturnType<VulnDb['match']>>();
  const cachedDb: Pick<VulnDb, 'match'> = {
    match: (query) => {
      const key = `${query.ecosystem}\n${query.name}\n${query.version}`;
      let m = matches.get(key);
      if (m === undefined) {
        m = db.match(query);
        matches.set(key, m);
      }
      return m;
    },
  };
  const interned = new Map<string, InventoryPackage>();
  const intern = (inv: Inventory): Inventory => ({
    ...inv,
    packages: inv.packages.map((p) => {
      const key = JSON.stringify(p);
      const known = interned.get(key);
      if (known !== undefined) return known;
      interned.set(key, p);
      return p;
    }),
  });
  const list = [...groups.values()];
  let done = 0;
  const results = await mapLimit(
    list,
    Math.max(1, options.concurrency ?? 4),
    async (g): Promise<ClusterImageResult> => {
      options.signal?.throwIfAborted();
      options.onProgress?.({ done, total: list.length, image: g.reference });
      const base = {
        ...(g.digest === undefined ? {} : { digest: g.digest }),
        reference: g.reference,
        images: [...g.images].sort(),
        workloads: [...g.workloads.values()].sort((a, b) =>
          `${a.namespace}/${a.kind}/${a.name}/${a.container}` <
          `${b.namespace}/${b.kind}/${b.name}/${b.container}`
            ? -1
            : 1,
        ),
        pods: g.pods.size,
        platform: g.platform,
      };
      if (g.error !== undefined) {
        done++;
        options.onProgress?.({ done, total: list.length, image: g.reference });
        return { ...base, error: errorOf(g.error) };
      }
      try {
        const view = await viewRegistryImage(registry, parseReference(g.reference), {
          ...options,
          platform: g.platform,
        });
        const inventory = intern(inventoryFromView(view));
        const report = await scanInventory(cachedDb, inventory);
        return { ...base, report };
      } catch (error) {
        if (options.signal?.aborted === true) throw error;
        return { ...base, error: errorOf(error) };
      } finally {
        done++;
        options.onProgress?.({ done, total: list.length, image: g.reference });
      }
    },
  );

  const summary = { critical: 0, high: 0, medium: 0, low: 0, none: 0, unknown: 0 };
  for (const r of results)
    for (const f of r.report?.findings ?? []) summary[f.vulnerability.severity.level]++;
  results.sort((a, b) => (a.reference < b.reference ? -1 : a.reference > b.reference ? 1 : 0));
  return {
    ...(options.namespace === undefined ? {} : { namespace: options.namespace }),
    pods,
    containers: uses.length,
    images: results,
    summary,
    failed: results.filter((r) => r.error !== undefined).length,
  };
}

/**
 * The report as JSON, normalised for many images: each vulnerability's details once in
 * `vulnerabilities`, and per image its findings as package, vulnerability id, severity and fix.
 */
export function clusterReportJson(report: ClusterScanReport): unknown {
  const vulnerabilities: Record<string, unknown> = {};
  const images = report.images.map((img) => {
    const { report: r, ...rest } = img;
    if (r === undefined) return rest;
    return {
      ...rest,
      ...(r.os === undefined ? {} : { os: r.os }),
      packages: r.packages,
      summary: r.summary,
      findings: r.findings.map((f) => {
        const v = f.vulnerability;
        vulnerabilities[v.id] ??= {
          aliases: v.aliases,
          ...(v.summary === undefined ? {} : { summary: v.summary }),
          modified: v.modified,
          ...(v.published === undefined ? {} : { published: v.published }),
          severity: v.severity,
          references: v.references,
        };
        return {
          id: v.id,
          severity: v.severity.level,
          package: f.package.name,
          version: f.package.version,
          ecosystem: f.package.ecosystem,
          purl: f.package.purl,
          ...(v.fixedVersion === undefined ? {} : { fixedVersion: v.fixedVersion }),
        };
      }),
      warnings: r.warnings,
    };
  });
  return {
    ...(report.namespace === undefined ? {} : { namespace: report.namespace }),
    pods: report.pods,
    containers: report.containers,
    summary: report.summary,
    failed: report.failed,
    images,
    vulnerabilities,
  };
}
