import { msg, type ClusterInventory, type Message } from '@quai/contracts';

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
  readonly purpose: Message;
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
    purpose: Message,
  ): void => {
    rules.push({ protocol, ports, from, to, purpose });
  };
  const lb = spec.loadBalancer !== undefined;
  if (spec.distribution === 'rke2') {
    add('TCP', '6443', 'all-nodes', 'control-plane', msg('clusterplan.purpose.api'));
    add('TCP', '9345', 'all-nodes', 'control-plane', msg('clusterplan.purpose.supervisor'));
    add('TCP', '10250', 'all-nodes', 'all-nodes', msg('clusterplan.purpose.kubelet'));
    add('TCP', '2379-2381', 'control-plane', 'control-plane', msg('clusterplan.purpose.etcd'));
    add('TCP', '30000-32767', 'all-nodes', 'all-nodes', msg('clusterplan.purpose.nodePorts'));
    switch (spec.network.cni ?? 'canal') {
      case 'canal':
        add('UDP', '8472', 'all-nodes', 'all-nodes', msg('clusterplan.purpose.vxlan', { cni: 'Canal' }));
        add('TCP', '9099', 'all-nodes', 'all-nodes', msg('clusterplan.purpose.health', { cni: 'Canal' }));
        break;
      case 'cilium':
        add('ICMP', '8/0', 'all-nodes', 'all-nodes', msg('clusterplan.purpose.health', { cni: 'Cilium' }));
        add('TCP', '4240', 'all-nodes', 'all-nodes', msg('clusterplan.purpose.health', { cni: 'Cilium' }));
        add('UDP', '8472', 'all-nodes', 'all-nodes', msg('clusterplan.purpose.vxlan', { cni: 'Cilium' }));
        break;
      case 'calico':
        add('TCP', '179', 'all-nodes', 'all-nodes', msg('clusterplan.purpose.bgp'));
        add('UDP', '4789', 'all-nodes', 'all-nodes', msg('clusterplan.purpose.vxlan', { cni: 'Calico' }));
        add('TCP', '5473', 'all-nodes', 'all-nodes', msg('clusterplan.purpose.typha'));
        add(
          'TCP',
          '9098-9099',
          'all-nodes',
          'all-nodes',
          msg('clusterplan.purpose.health', { cni: 'Calico' }),
        );
        break;
      case 'flannel':
        add('UDP', '4789', 'all-nodes', 'all-nodes', msg('clusterplan.purpose.vxlan', { cni: 'Flannel' }));
        break;
    }
  } else {
    add('TCP', '6443', 'all-nodes', 'control-plane', msg('clusterplan.purpose.k3sApi'));
    add('TCP', '2379-2380', 'control-plane', 'control-plane', msg('clusterplan.purpose.k3sEtcd'));
    add('UDP', '8472', 'all-nodes', 'all-nodes', msg('clusterplan.purpose.vxlan', { cni: 'Flannel' }));
    add('TCP', '10250', 'all-nodes', 'all-nodes', msg('clusterplan.purpose.kubelet'));
  }
  if (lb) {
    add('TCP', '6443', 'administrators', 'load-balancer', msg('clusterplan.purpose.adminApi'));
    add(
      'TCP',
      spec.distribution === 'rke2' ? '6443,9345' : '6443',
      'all-nodes',
      'load-balancer',
      msg('clusterplan.purpose.register'),
    );
    add(
      'TCP',
      spec.distribution === 'rke2' ? '6443,9345' : '6443',
      'load-balancer',
      'control-plane',
      msg('clusterplan.purpose.forward'),
    );
  } else {
    add('TCP', '6443', 'administrators', 'control-plane', msg('clusterplan.purpose.adminApi'));
  }
  add('TCP', '80,443', 'users', 'ingress-nodes', msg('clusterplan.purpose.ingress'));
  if (spec.timeSync) add('UDP', '123', 'all-nodes', 'time-servers', msg('clusterplan.purpose.ntp'));
  if (spec.registry) add('TCP', '443', 'all-nodes', 'registry', msg('clusterplan.purpose.registry'));
  if (spec.etcd.offNodeCopy) add('TCP', '443', 'control-plane', 's3', msg('clusterplan.purpose.s3'));
  if (spec.proxy) add('TCP', portOf(spec.proxy.http), 'all-nodes', 'proxy', msg('clusterplan.purpose.proxy'));
  return rules;
}

function portOf(url: string): string {
  const m = /^https?:\/\/[^/:]+:(\d+)/.exec(url);
  if (m?.[1] !== undefined) return m[1];
  return url.startsWith('https') ? '443' : '80';
}
