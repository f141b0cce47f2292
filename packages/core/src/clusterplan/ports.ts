import type { ClusterInventory } from '@quai/contracts';

/** Who talks to whom: groups of machines resolved to addresses when the plan is written. */
export type Party =
  | 'all-nodes'
  | 'control-plane'
  | 'workers'
  | 'load-balancer'
  | 'administrators'
  | 'users'
  | 'ingress-nodes'
  | 'time-servers'
  | 'registry'
  | 's3'
  | 'proxy';

export interface FirewallRule {
  readonly protocol: 'TCP' | 'UDP' | 'ICMP';
  readonly ports: string;
  readonly from: Party;
  readonly to: Party;
  readonly purpose: string;
}

/**
 * Inbound rules from the distributions' requirement pages (read 2026-12-05):
 * RKE2: docs.rke2.io/install/requirements (inbound network rules and CNI-specific rules);
 * K3s: docs.k3s.io/installation/requirements (inbound rules for K3s nodes).
 * Outbound rules (time, registry, S3, proxy) follow from the inventory.
 */
export function firewallRules(inv: ClusterInventory): FirewallRule[] {
  const spec = inv.spec;
  const rules: FirewallRule[] = [];
  const add = (
    protocol: FirewallRule['protocol'],
    ports: string,
    from: Party,
    to: Party,
    purpose: string,
  ): void => {
    rules.push({ protocol, ports, from, to, purpose });
  };
  const lb = spec.loadBalancer !== undefined;
  if (spec.distribution === 'rke2') {
    add('TCP', '6443', 'all-nodes', 'control-plane', 'Kubernetes API');
    add('TCP', '9345', 'all-nodes', 'control-plane', 'RKE2 supervisor API (node registration)');
    add('TCP', '10250', 'all-nodes', 'all-nodes', 'kubelet API and metrics');
    add('TCP', '2379-2381', 'control-plane', 'control-plane', 'etcd client, peer and metrics ports');
    add('TCP', '30000-32767', 'all-nodes', 'all-nodes', 'NodePort range');
    switch (spec.network.cni ?? 'canal') {
      case 'canal':
        add('UDP', '8472', 'all-nodes', 'all-nodes', 'Canal VXLAN (never open it to other networks)');
        add('TCP', '9099', 'all-nodes', 'all-nodes', 'Canal health checks');
        break;
      case 'cilium':
        add('ICMP', '8/0', 'all-nodes', 'all-nodes', 'Cilium health checks');
        add('TCP', '4240', 'all-nodes', 'all-nodes', 'Cilium health checks');
        add('UDP', '8472', 'all-nodes', 'all-nodes', 'Cilium VXLAN (never open it to other networks)');
        break;
      case 'calico':
        add('TCP', '179', 'all-nodes', 'all-nodes', 'Calico BGP');
        add('UDP', '4789', 'all-nodes', 'all-nodes', 'Calico VXLAN');
        add('TCP', '5473', 'all-nodes', 'all-nodes', 'Calico Typha');
        add('TCP', '9098-9099', 'all-nodes', 'all-nodes', 'Calico and Typha health checks');
        break;
      case 'flannel':
        add('UDP', '4789', 'all-nodes', 'all-nodes', 'Flannel VXLAN');
        break;
    }
  } else {
    add('TCP', '6443', 'all-nodes', 'control-plane', 'K3s supervisor and Kubernetes API');
    add('TCP', '2379-2380', 'control-plane', 'control-plane', 'etcd (high availability with embedded etcd)');
    add('UDP', '8472', 'all-nodes', 'all-nodes', 'Flannel VXLAN (never open it to other networks)');
    add('TCP', '10250', 'all-nodes', 'all-nodes', 'kubelet API and metrics');
  }
  if (lb) {
    add('TCP', '6443', 'administrators', 'load-balancer', 'kubectl, quai and CI jobs reach the API');
    add(
      'TCP',
      spec.distribution === 'rke2' ? '6443,9345' : '6443',
      'all-nodes',
      'load-balancer',
      'nodes register through the fixed address',
    );
    add(
      'TCP',
      spec.distribution === 'rke2' ? '6443,9345' : '6443',
      'load-balancer',
      'control-plane',
      'the load balancer forwards to the control plane',
    );
  } else {
    add('TCP', '6443', 'administrators', 'control-plane', 'kubectl, quai and CI jobs reach the API');
  }
  add('TCP', '80,443', 'users', 'ingress-nodes', 'applications, through the ingress controller');
  if (spec.timeSync) add('UDP', '123', 'all-nodes', 'time-servers', 'NTP (chrony)');
  if (spec.registry) add('TCP', '443', 'all-nodes', 'registry', 'image pulls from the registry mirror');
  if (spec.etcd.offNodeCopy) add('TCP', '443', 'control-plane', 's3', 'etcd snapshot copies');
  if (spec.proxy)
    add('TCP', portOf(spec.proxy.http), 'all-nodes', 'proxy', 'outbound HTTP(S) through the proxy');
  return rules;
}

function portOf(url: string): string {
  const m = /^https?:\/\/[^/:]+:(\d+)/.exec(url);
  if (m?.[1] !== undefined) return m[1];
  return url.startsWith('https') ? '443' : '80';
}
