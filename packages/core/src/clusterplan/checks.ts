import { msg, type ClusterInventory, type Message } from '@quai/contracts';
import { Cron } from 'croner';
import { contains, overlaps, parseAddress, parseNetwork, sizeOf, type Network } from './cidr.js';
import type { Problem } from './problems.js';

/**
 * The named rules an inventory must pass. Each finding carries the path of the inventory value it
 * is about, so the loader can give file, line and column, and a hint that says how to fix it.
 *
 * Sources of the numbers (read 2026-12-05):
 * - RKE2 requirements (docs.rke2.io/install/requirements): 2 CPU and 4 GB minimum per node,
 *   4 CPU and 8 GB recommended, SSD for etcd, node names unique.
 * - K3s requirements (docs.k3s.io/installation/requirements): server 2 cores and 2 GB, agent 1 core
 *   and 512 MB.
 * - RKE2 high availability (docs.rke2.io/install/ha): an odd number of servers (three recommended)
 *   for etcd quorum, and a fixed registration address in front of them.
 * - RKE2 etcd backup (docs.rke2.io/datastore/backup_restore): snapshots are kept on each etcd node
 *   unless copied to S3.
 * - Each node gets a /24 of the pod network by default, hence "modify cluster-cidr for more than
 *   255 nodes" in both requirement pages.
 */

export interface Minimums {
  readonly cpus: number;
  readonly memoryGiB: number;
  readonly recommendedCpus: number;
  readonly recommendedMemoryGiB: number;
}

export function minimumsFor(distribution: 'rke2' | 'k3s', role: 'control-plane' | 'worker'): Minimums {
  if (distribution === 'rke2') return { cpus: 2, memoryGiB: 4, recommendedCpus: 4, recommendedMemoryGiB: 8 };
  return role === 'control-plane'
    ? { cpus: 2, memoryGiB: 2, recommendedCpus: 2, recommendedMemoryGiB: 4 }
    : { cpus: 1, memoryGiB: 0.5, recommendedCpus: 2, recommendedMemoryGiB: 2 };
}

/** Quai's own guideline (no source gives a figure): room for images, logs and etcd. */
export const MIN_DISK_GIB = 40;

const CNIS = { rke2: ['canal', 'cilium', 'calico', 'flannel'], k3s: ['flannel'] } as const;

export function checkInventory(inv: ClusterInventory): Problem[] {
  const out: Problem[] = [];
  const spec = inv.spec;
  const prod = spec.environment === 'prod';
  const prodOr = (severity: 'error' | 'warning'): 'error' | 'warning' => (prod ? 'error' : severity);
  const nodes = spec.nodes;

  // Names and addresses are unique.
  const names = new Map<string, number>();
  const addresses = new Map<string, string>();
  if (spec.loadBalancer) addresses.set(spec.loadBalancer.address, 'spec.loadBalancer.address');
  if (spec.ingress && spec.ingress.address !== spec.loadBalancer?.address) {
    addresses.set(spec.ingress.address, 'spec.ingress.address');
  }
  nodes.forEach((n, i) => {
    const first = names.get(n.name);
    if (first !== undefined) {
      out.push({
        severity: 'error',
        rule: 'duplicate-node-name',
        message: msg('clusterplan.duplicateName', { name: n.name, index: first }),
        path: ['spec', 'nodes', i, 'name'],
        hint: msg('clusterplan.duplicateNameHint'),
      });
    } else names.set(n.name, i);
    const other = addresses.get(n.address);
    if (other !== undefined) {
      out.push({
        severity: 'error',
        rule: 'duplicate-address',
        message: msg('clusterplan.duplicateAddress', { address: n.address, other }),
        path: ['spec', 'nodes', i, 'address'],
        hint: msg('clusterplan.duplicateAddressHint'),
      });
    } else addresses.set(n.address, `spec.nodes[${i}] (${n.name})`);
  });

  // Control plane: an odd number, three in production, behind a fixed address.
  const servers = nodes.filter((n) => n.role === 'control-plane');
  const serverIndexes = nodes.flatMap((n, i) => (n.role === 'control-plane' ? [i] : []));
  const workers = nodes.filter((n) => n.role === 'worker');
  if (servers.length === 0) {
    out.push({
      severity: 'error',
      rule: 'control-plane-count',
      message: msg('clusterplan.noControlPlane'),
      path: ['spec', 'nodes'],
      hint: msg('clusterplan.noControlPlaneHint'),
    });
  } else if (servers.length % 2 === 0) {
    out.push({
      severity: 'error',
      rule: 'control-plane-count',
      message: msg('clusterplan.evenControlPlane', { count: servers.length, fewer: servers.length - 1 }),
      path: ['spec', 'nodes', serverIndexes[serverIndexes.length - 1] ?? 0, 'role'],
      hint: msg('clusterplan.evenControlPlaneHint', { fewer: servers.length - 1, more: servers.length + 1 }),
    });
  } else if (servers.length === 1) {
    out.push({
      severity: prodOr('warning'),
      rule: 'control-plane-count',
      message: msg('clusterplan.singleControlPlane'),
      path: ['spec', 'nodes', serverIndexes[0] ?? 0, 'role'],
      hint: msg('clusterplan.singleControlPlaneHint'),
    });
  }
  if (servers.length > 1 && spec.loadBalancer === undefined) {
    out.push({
      severity: 'error',
      rule: 'load-balancer',
      message: msg('clusterplan.noLoadBalancer', { count: servers.length }),
      path: ['spec'],
      hint: msg('clusterplan.noLoadBalancerHint', {
        ports: spec.distribution === 'rke2' ? '6443, 9345' : '6443',
      }),
    });
  }
  if (workers.length === 0 && prod && servers.length > 0) {
    out.push({
      severity: 'warning',
      rule: 'no-workers',
      message: msg('clusterplan.noWorkers'),
      path: ['spec', 'nodes'],
      hint: msg('clusterplan.noWorkersHint'),
    });
  }

  // Sizes.
  nodes.forEach((n, i) => {
    const min = minimumsFor(spec.distribution, n.role);
    const where = ['spec', 'nodes', i] as const;
    if (n.cpus < min.cpus) {
      out.push({
        severity: 'error',
        rule: 'minimum-size',
        message: msg('clusterplan.cpuBelowMinimum', {
          node: n.name,
          cpus: n.cpus,
          distribution: spec.distribution,
          min: min.cpus,
        }),
        path: [...where, 'cpus'],
        hint: msg('clusterplan.cpuHint', { cpus: min.recommendedCpus }),
      });
    } else if (n.cpus < min.recommendedCpus) {
      out.push({
        severity: 'warning',
        rule: 'recommended-size',
        message: msg('clusterplan.cpuBelowRecommended', {
          node: n.name,
          cpus: n.cpus,
          recommended: min.recommendedCpus,
        }),
        path: [...where, 'cpus'],
      });
    }
    if (n.memoryGiB < min.memoryGiB) {
      out.push({
        severity: 'error',
        rule: 'minimum-size',
        message: msg('clusterplan.memoryBelowMinimum', {
          node: n.name,
          memory: n.memoryGiB,
          distribution: spec.distribution,
          min: min.memoryGiB,
        }),
        path: [...where, 'memoryGiB'],
        hint: msg('clusterplan.memoryHint', { memory: min.recommendedMemoryGiB }),
      });
    } else if (n.memoryGiB < min.recommendedMemoryGiB) {
      out.push({
        severity: 'warning',
        rule: 'recommended-size',
        message: msg('clusterplan.memoryBelowRecommended', {
          node: n.name,
          memory: n.memoryGiB,
          recommended: min.recommendedMemoryGiB,
        }),
        path: [...where, 'memoryGiB'],
      });
    }
    if (n.diskGiB < MIN_DISK_GIB) {
      out.push({
        severity: 'warning',
        rule: 'disk-size',
        message: msg('clusterplan.diskSmall', { node: n.name, disk: n.diskGiB, min: MIN_DISK_GIB }),
        path: [...where, 'diskGiB'],
      });
    }
    if (n.role === 'control-plane' && n.diskType === 'hdd') {
      out.push({
        severity: 'warning',
        rule: 'etcd-disk',
        message: msg('clusterplan.etcdOnHdd', { node: n.name }),
        path: [...where, 'diskType'],
        hint: msg('clusterplan.etcdOnHddHint'),
      });
    }
  });

  // Networks.
  const net = spec.network;
  const parsed: { what: Message; path: (string | number)[]; net: Network & { exact: boolean } }[] = [
    {
      what: msg('clusterplan.what.pods'),
      path: ['spec', 'network', 'podCidr'],
      net: parseNetwork(net.podCidr),
    },
    {
      what: msg('clusterplan.what.services'),
      path: ['spec', 'network', 'serviceCidr'],
      net: parseNetwork(net.serviceCidr),
    },
  ];
  for (const p of parsed) {
    if (!p.net.exact) {
      out.push({
        severity: 'error',
        rule: 'cidr',
        message: msg('clusterplan.cidrNotAligned', { cidr: p.net.text, prefix: p.net.prefix }),
        path: p.path,
        hint: msg('clusterplan.cidrNotAlignedHint'),
      });
    }
  }
  const [pods, services] = parsed as [(typeof parsed)[0], (typeof parsed)[0]];
  if (overlaps(pods.net, services.net)) {
    out.push({
      severity: 'error',
      rule: 'cidr-overlap',
      message: msg('clusterplan.podServiceOverlap', { pods: net.podCidr, services: net.serviceCidr }),
      path: services.path,
      hint: msg('clusterplan.podServiceOverlapHint'),
    });
  }
  net.existing.forEach((e, i) => {
    const existing = parseNetwork(e.cidr);
    for (const p of parsed) {
      if (overlaps(p.net, existing)) {
        out.push({
          severity: 'error',
          rule: 'cidr-overlap',
          message: msg('clusterplan.overlapExisting', {
            what: p.what,
            cidr: p.net.text,
            name: e.name,
            existing: e.cidr,
          }),
          path: p.path,
          hint: msg('clusterplan.overlapExistingHint', { index: i }),
        });
      }
    }
  });
  const machineAddresses: [string, (string | number)[]][] = nodes.map((n, i) => [
    n.address,
    ['spec', 'nodes', i, 'address'],
  ]);
  if (spec.loadBalancer)
    machineAddresses.push([spec.loadBalancer.address, ['spec', 'loadBalancer', 'address']]);
  for (const [address, path] of machineAddresses) {
    for (const p of parsed) {
      if (contains(p.net, parseAddress(address))) {
        out.push({
          severity: 'error',
          rule: 'cidr-overlap',
          message: msg('clusterplan.addressInRange', { address, what: p.what, cidr: p.net.text }),
          path,
          hint: msg('clusterplan.addressInRangeHint', { what: p.what }),
        });
      }
    }
    if (
      net.existing.length > 0 &&
      !net.existing.some((e) => contains(parseNetwork(e.cidr), parseAddress(address)))
    ) {
      out.push({
        severity: 'warning',
        rule: 'unknown-network',
        message: msg('clusterplan.unknownNetwork', { address }),
        path,
        hint: msg('clusterplan.unknownNetworkHint'),
      });
    }
  }
  const perNode = 24;
  if (pods.net.prefix > perNode) {
    out.push({
      severity: 'error',
      rule: 'pod-network-size',
      message: msg('clusterplan.podNetworkBelowNode', { prefix: pods.net.prefix, perNode }),
      path: pods.path,
      hint: msg('clusterplan.podNetworkHint'),
    });
  } else if (nodes.length > 2 ** (perNode - pods.net.prefix)) {
    out.push({
      severity: 'error',
      rule: 'pod-network-size',
      message: msg('clusterplan.podNetworkTooSmall', {
        prefix: pods.net.prefix,
        room: 2 ** (perNode - pods.net.prefix),
        perNode,
        count: nodes.length,
      }),
      path: pods.path,
      hint: msg('clusterplan.podNetworkHint'),
    });
  }
  if (sizeOf(services.net) < 256) {
    out.push({
      severity: 'warning',
      rule: 'service-network-size',
      message: msg('clusterplan.serviceNetworkSmall', { cidr: net.serviceCidr, size: sizeOf(services.net) }),
      path: services.path,
      hint: msg('clusterplan.serviceNetworkSmallHint'),
    });
  }
  if (net.clusterDns !== undefined && !contains(services.net, parseAddress(net.clusterDns))) {
    out.push({
      severity: 'error',
      rule: 'cluster-dns',
      message: msg('clusterplan.dnsOutside', { address: net.clusterDns, cidr: net.serviceCidr }),
      path: ['spec', 'network', 'clusterDns'],
      hint: msg('clusterplan.dnsOutsideHint'),
    });
  }
  if (net.cni !== undefined && !(CNIS[spec.distribution] as readonly string[]).includes(net.cni)) {
    out.push({
      severity: 'error',
      rule: 'cni',
      message: msg('clusterplan.cniUnsupported', { distribution: spec.distribution, cni: net.cni }),
      path: ['spec', 'network', 'cni'],
      hint: msg('clusterplan.cniUnsupportedHint', { known: CNIS[spec.distribution].join(', ') }),
    });
  }
  if (spec.version !== undefined && !spec.version.includes(`+${spec.distribution}`)) {
    out.push({
      severity: 'error',
      rule: 'version',
      message: msg('clusterplan.versionMismatch', { version: spec.version, distribution: spec.distribution }),
      path: ['spec', 'version'],
      hint: msg('clusterplan.versionMismatchHint', {
        distribution: spec.distribution,
        example: spec.distribution === 'rke2' ? 'v1.34.2+rke2r1' : 'v1.34.2+k3s1',
      }),
    });
  }

  // Time, etcd snapshots, storage, registry.
  if (spec.timeSync === undefined) {
    out.push({
      severity: prodOr('warning'),
      rule: 'time-sync',
      message: msg('clusterplan.noTimeSync'),
      path: ['spec'],
      hint: msg('clusterplan.noTimeSyncHint'),
    });
  }
  try {
    const cron = new Cron(spec.etcd.snapshotSchedule, { paused: true, timezone: 'UTC', mode: '5-part' });
    const runs = cron.nextRuns(3, new Date('2026-01-05T00:00:00Z'));
    const a = runs[1];
    const b = runs[0];
    if (a !== undefined && b !== undefined && a.getTime() - b.getTime() > 24 * 3600 * 1000) {
      out.push({
        severity: 'warning',
        rule: 'etcd-snapshots',
        message: msg('clusterplan.snapshotsRare', { schedule: spec.etcd.snapshotSchedule }),
        path: ['spec', 'etcd', 'snapshotSchedule'],
        hint: msg('clusterplan.snapshotsRareHint'),
      });
    }
  } catch (error) {
    out.push({
      severity: 'error',
      rule: 'etcd-snapshots',
      message: msg('clusterplan.badCron', {
        schedule: spec.etcd.snapshotSchedule,
        reason: (error as Error).message,
      }),
      path: ['spec', 'etcd', 'snapshotSchedule'],
      hint: msg('clusterplan.badCronHint'),
    });
  }
  if (spec.etcd.offNodeCopy === undefined) {
    out.push({
      severity: prodOr('warning'),
      rule: 'etcd-off-node',
      message: msg('clusterplan.noOffNodeCopy'),
      path: ['spec', 'etcd'],
      hint: msg('clusterplan.noOffNodeCopyHint'),
    });
  }
  if (spec.storage === undefined) {
    out.push({
      severity: 'warning',
      rule: 'storage',
      message: msg('clusterplan.noStorage'),
      path: ['spec'],
      hint: msg('clusterplan.noStorageHint'),
    });
  } else if (spec.storage.kind === 'nfs' && spec.storage.nfs === undefined) {
    out.push({
      severity: 'error',
      rule: 'storage',
      message: msg('clusterplan.nfsIncomplete'),
      path: ['spec', 'storage', 'kind'],
      hint: msg('clusterplan.nfsIncompleteHint'),
    });
  } else if (spec.storage.kind === 'vsphere-csi' && spec.storage.vsphere === undefined) {
    out.push({
      severity: 'error',
      rule: 'storage',
      message: msg('clusterplan.vsphereIncomplete'),
      path: ['spec', 'storage', 'kind'],
      hint: msg('clusterplan.vsphereIncompleteHint'),
    });
  }
  const reg = spec.registry;
  if (reg !== undefined) {
    if (reg.mirror.startsWith('http://')) {
      out.push({
        severity: 'warning',
        rule: 'registry-tls',
        message: msg('clusterplan.registryHttp', { mirror: reg.mirror }),
        path: ['spec', 'registry', 'mirror'],
        hint: msg('clusterplan.registryHttpHint'),
      });
    }
    if (reg.airGapped && !reg.mirrors.includes('docker.io')) {
      out.push({
        severity: 'error',
        rule: 'air-gap',
        message: msg('clusterplan.airGapNoDockerIo', { distribution: spec.distribution }),
        path: ['spec', 'registry', 'mirrors'],
        hint: msg('clusterplan.airGapNoDockerIoHint'),
      });
    }
  }
  return out;
}
