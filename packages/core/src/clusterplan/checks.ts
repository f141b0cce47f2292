import type { ClusterInventory } from '@quai/contracts';
import { Cron } from 'croner';
import { contains, overlaps, parseAddress, parseNetwork, sizeOf, type Network } from './cidr.js';

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

export interface Finding {
  readonly severity: 'error' | 'warning';
  readonly rule: string;
  readonly message: string;
  readonly path: readonly (string | number)[];
  readonly hint?: string;
}

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

export function checkInventory(inv: ClusterInventory): Finding[] {
  const out: Finding[] = [];
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
        message: `node name "${n.name}" is already used by spec.nodes[${first}]`,
        path: ['spec', 'nodes', i, 'name'],
        hint: 'Every node needs its own name (Kubernetes registers nodes by name): rename one of them.',
      });
    } else names.set(n.name, i);
    const other = addresses.get(n.address);
    if (other !== undefined) {
      out.push({
        severity: 'error',
        rule: 'duplicate-address',
        message: `address ${n.address} is already used by ${other}`,
        path: ['spec', 'nodes', i, 'address'],
        hint: 'Give each machine its own address; the load balancer needs an address of its own too.',
      });
    } else addresses.set(n.address, `spec.nodes[${i}] (${n.name})`);
  });

  // Control plane: an odd number, three in production, behind a fixed address.
  const servers = nodes.filter((n) => n.role === 'control-plane');
  const workers = nodes.filter((n) => n.role === 'worker');
  if (servers.length === 0) {
    out.push({
      severity: 'error',
      rule: 'control-plane-count',
      message: 'no node has the role control-plane',
      path: ['spec', 'nodes'],
      hint: 'Give three nodes the role control-plane (they run etcd and the API server).',
    });
  } else if (servers.length % 2 === 0) {
    out.push({
      severity: 'error',
      rule: 'control-plane-count',
      message: `${servers.length} control-plane nodes: etcd needs an odd number (quorum is n/2+1, so ${servers.length} nodes survive no more failures than ${servers.length - 1})`,
      path: ['spec', 'nodes', nodes.indexOf(servers[servers.length - 1] ?? servers[0]!), 'role'],
      hint: `Use ${servers.length - 1} or ${servers.length + 1} control-plane nodes (three is the usual choice); turn the extra one into a worker.`,
    });
  } else if (servers.length === 1) {
    out.push({
      severity: prodOr('warning'),
      rule: 'control-plane-count',
      message: 'one control-plane node: losing it stops the cluster (no high availability)',
      path: ['spec', 'nodes', nodes.indexOf(servers[0]!), 'role'],
      hint: 'Use three control-plane nodes in production, or set spec.environment to test or staging.',
    });
  }
  if (servers.length > 1 && spec.loadBalancer === undefined) {
    out.push({
      severity: 'error',
      rule: 'load-balancer',
      message: `${servers.length} control-plane nodes but no load balancer: nodes need one fixed address to register and reach the API`,
      path: ['spec'],
      hint: 'Add spec.loadBalancer.address (a layer-4 load balancer or virtual IP forwarding TCP 6443 and 9345 to the control-plane nodes).',
    });
  }
  if (workers.length === 0 && prod && servers.length > 0) {
    out.push({
      severity: 'warning',
      rule: 'no-workers',
      message: 'no worker nodes: applications will run on the control-plane nodes',
      path: ['spec', 'nodes'],
      hint: 'Add worker nodes so that a busy application cannot starve etcd and the API server.',
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
        message: `${n.name} has ${n.cpus} CPU; ${spec.distribution} needs at least ${min.cpus}`,
        path: [...where, 'cpus'],
        hint: `Give the VM ${min.recommendedCpus} vCPUs.`,
      });
    } else if (n.cpus < min.recommendedCpus) {
      out.push({
        severity: 'warning',
        rule: 'recommended-size',
        message: `${n.name} has ${n.cpus} CPU; ${min.recommendedCpus} are recommended`,
        path: [...where, 'cpus'],
      });
    }
    if (n.memoryGiB < min.memoryGiB) {
      out.push({
        severity: 'error',
        rule: 'minimum-size',
        message: `${n.name} has ${n.memoryGiB} GiB of memory; ${spec.distribution} needs at least ${min.memoryGiB} GiB`,
        path: [...where, 'memoryGiB'],
        hint: `Give the VM ${min.recommendedMemoryGiB} GiB.`,
      });
    } else if (n.memoryGiB < min.recommendedMemoryGiB) {
      out.push({
        severity: 'warning',
        rule: 'recommended-size',
        message: `${n.name} has ${n.memoryGiB} GiB of memory; ${min.recommendedMemoryGiB} GiB are recommended`,
        path: [...where, 'memoryGiB'],
      });
    }
    if (n.diskGiB < MIN_DISK_GIB) {
      out.push({
        severity: 'warning',
        rule: 'disk-size',
        message: `${n.name} has a ${n.diskGiB} GiB disk; Quai's guideline is ${MIN_DISK_GIB} GiB or more for images, logs and etcd`,
        path: [...where, 'diskGiB'],
      });
    }
    if (n.role === 'control-plane' && n.diskType === 'hdd') {
      out.push({
        severity: 'warning',
        rule: 'etcd-disk',
        message: `${n.name} runs etcd on a spinning disk; etcd is write-intensive and an SSD is recommended`,
        path: [...where, 'diskType'],
        hint: 'Put /var/lib/rancher on an SSD-backed datastore.',
      });
    }
  });

  // Networks.
  const net = spec.network;
  const parsed: { what: string; path: (string | number)[]; net: Network & { exact: boolean } }[] = [
    { what: 'pod network', path: ['spec', 'network', 'podCidr'], net: parseNetwork(net.podCidr) },
    { what: 'service network', path: ['spec', 'network', 'serviceCidr'], net: parseNetwork(net.serviceCidr) },
  ];
  for (const p of parsed) {
    if (!p.net.exact) {
      out.push({
        severity: 'error',
        rule: 'cidr',
        message: `${p.net.text} is not the first address of its /${p.net.prefix} network`,
        path: p.path,
        hint: 'Write the network address, such as 10.42.0.0/16.',
      });
    }
  }
  const [pods, services] = parsed as [(typeof parsed)[0], (typeof parsed)[0]];
  if (overlaps(pods.net, services.net)) {
    out.push({
      severity: 'error',
      rule: 'cidr-overlap',
      message: `the pod network ${net.podCidr} overlaps the service network ${net.serviceCidr}`,
      path: services.path,
      hint: 'Choose two separate ranges, such as 10.42.0.0/16 for pods and 10.43.0.0/16 for services.',
    });
  }
  net.existing.forEach((e, i) => {
    const existing = parseNetwork(e.cidr);
    for (const p of parsed) {
      if (overlaps(p.net, existing)) {
        out.push({
          severity: 'error',
          rule: 'cidr-overlap',
          message: `the ${p.what} ${p.net.text} overlaps the existing network "${e.name}" (${e.cidr}): traffic to it would stay inside the cluster`,
          path: p.path,
          hint: `Choose a range no network of the organisation uses (check spec.network.existing[${i}]), then set it in the inventory before installing: it cannot change afterwards.`,
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
          message: `address ${address} lies inside the ${p.what} ${p.net.text}`,
          path,
          hint: `Move the ${p.what} to a range that does not contain the machines' addresses.`,
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
        message: `address ${address} is in none of the networks listed in spec.network.existing`,
        path,
        hint: 'Add the machines’ network to spec.network.existing, so overlaps with it are checked.',
      });
    }
  }
  const perNode = 24;
  if (pods.net.prefix > perNode) {
    out.push({
      severity: 'error',
      rule: 'pod-network-size',
      message: `the pod network /${pods.net.prefix} is smaller than the /${perNode} each node takes`,
      path: pods.path,
      hint: 'Use a /16 (room for 256 nodes).',
    });
  } else if (nodes.length > 2 ** (perNode - pods.net.prefix)) {
    out.push({
      severity: 'error',
      rule: 'pod-network-size',
      message: `the pod network /${pods.net.prefix} has room for ${2 ** (perNode - pods.net.prefix)} nodes (a /${perNode} each), the inventory lists ${nodes.length}`,
      path: pods.path,
      hint: 'Use a larger pod network (a /16 holds 256 nodes).',
    });
  }
  if (sizeOf(services.net) < 256) {
    out.push({
      severity: 'warning',
      rule: 'service-network-size',
      message: `the service network ${net.serviceCidr} holds only ${sizeOf(services.net)} addresses`,
      path: services.path,
      hint: 'Use a /16 or at least a /20.',
    });
  }
  if (net.clusterDns !== undefined && !contains(services.net, parseAddress(net.clusterDns))) {
    out.push({
      severity: 'error',
      rule: 'cluster-dns',
      message: `the cluster DNS address ${net.clusterDns} is outside the service network ${net.serviceCidr}`,
      path: ['spec', 'network', 'clusterDns'],
      hint: 'Pick an address inside the service network (by convention its tenth address, such as 10.43.0.10).',
    });
  }
  if (net.cni !== undefined && !(CNIS[spec.distribution] as readonly string[]).includes(net.cni)) {
    out.push({
      severity: 'error',
      rule: 'cni',
      message: `${spec.distribution} does not ship the ${net.cni} network plugin`,
      path: ['spec', 'network', 'cni'],
      hint: `Use one of: ${CNIS[spec.distribution].join(', ')}.`,
    });
  }
  if (spec.version !== undefined && !spec.version.includes(`+${spec.distribution}`)) {
    out.push({
      severity: 'error',
      rule: 'version',
      message: `version ${spec.version} is not a ${spec.distribution} release`,
      path: ['spec', 'version'],
      hint: `Write a ${spec.distribution} release such as ${spec.distribution === 'rke2' ? 'v1.34.2+rke2r1' : 'v1.34.2+k3s1'}, or change spec.distribution.`,
    });
  }

  // Time, etcd snapshots, storage, registry.
  if (spec.timeSync === undefined) {
    out.push({
      severity: prodOr('warning'),
      rule: 'time-sync',
      message: 'no time servers: etcd, certificates and logs need every node’s clock in step',
      path: ['spec'],
      hint: 'Add spec.timeSync.servers with the organisation’s NTP servers (chrony on every node).',
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
        message: `etcd snapshots "${spec.etcd.snapshotSchedule}" run less than once a day`,
        path: ['spec', 'etcd', 'snapshotSchedule'],
        hint: 'Snapshot at least twice a day (the default is "0 */12 * * *").',
      });
    }
  } catch (error) {
    out.push({
      severity: 'error',
      rule: 'etcd-snapshots',
      message: `"${spec.etcd.snapshotSchedule}" is not a cron schedule: ${(error as Error).message}`,
      path: ['spec', 'etcd', 'snapshotSchedule'],
      hint: 'Write five cron fields, such as "0 */6 * * *" (every six hours).',
    });
  }
  if (spec.etcd.offNodeCopy === undefined) {
    out.push({
      severity: prodOr('warning'),
      rule: 'etcd-off-node',
      message: 'etcd snapshots stay on the control-plane nodes: losing those VMs loses the backups too',
      path: ['spec', 'etcd'],
      hint: 'Add spec.etcd.offNodeCopy.s3 (an S3-compatible bucket outside the cluster).',
    });
  }
  if (spec.storage === undefined) {
    out.push({
      severity: 'warning',
      rule: 'storage',
      message: 'no storage: applications with volumes will wait for a StorageClass',
      path: ['spec'],
      hint: 'Add spec.storage (vsphere-csi on VMware, or nfs).',
    });
  } else if (spec.storage.kind === 'nfs' && spec.storage.nfs === undefined) {
    out.push({
      severity: 'error',
      rule: 'storage',
      message: 'storage kind nfs needs the NFS server and export path',
      path: ['spec', 'storage', 'kind'],
      hint: 'Add spec.storage.nfs: { server: nas.example.org, path: /export/k8s }.',
    });
  } else if (spec.storage.kind === 'vsphere-csi' && spec.storage.vsphere === undefined) {
    out.push({
      severity: 'error',
      rule: 'storage',
      message: 'storage kind vsphere-csi needs the vCenter and datacenter',
      path: ['spec', 'storage', 'kind'],
      hint: 'Add spec.storage.vsphere: { vcenter: vcenter.example.org, datacenter: DC1 }.',
    });
  }
  const reg = spec.registry;
  if (reg !== undefined) {
    if (reg.mirror.startsWith('http://')) {
      out.push({
        severity: 'warning',
        rule: 'registry-tls',
        message: `the registry mirror ${reg.mirror} is plain HTTP: image pulls can be tampered with on the way`,
        path: ['spec', 'registry', 'mirror'],
        hint: 'Serve the mirror over HTTPS with a certificate from the internal CA, and set spec.registry.caFile.',
      });
    }
    if (reg.airGapped && !reg.mirrors.includes('docker.io')) {
      out.push({
        severity: 'error',
        rule: 'air-gap',
        message: `air-gapped, but the mirror does not stand in for docker.io, where the ${spec.distribution} system images come from`,
        path: ['spec', 'registry', 'mirrors'],
        hint: 'Add docker.io to spec.registry.mirrors and push the release’s image archive to the mirror.',
      });
    }
  }
  return out;
}
