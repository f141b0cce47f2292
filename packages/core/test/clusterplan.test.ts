import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { t } from '@quai/contracts';
import { clusterplan, QuaiError } from '../src/index.js';

const EXAMPLE = new URL('../../../docs/examples/cluster-inventory.yaml', import.meta.url);
const example = readFileSync(EXAMPLE, 'utf8');

/**
 * Every flag of `rke2 server` and `rke2 agent`, from the RKE2 server configuration reference
 * (rancher/rke2-docs, docs/reference/server_config.md at commit 16dc62aa, Apache-2.0,
 * https://docs.rke2.io/reference/server_config, read 2026-12-05), plus
 * disable-default-registry-endpoint from its Agent/Containerd table.
 */
const RKE2_FLAGS = new Set(
  (
    'config debug data-dir bind-address advertise-address tls-san tls-san-security cluster-cidr service-cidr ' +
    'service-node-port-range cluster-dns cluster-domain egress-selector-mode servicelb-namespace cni ' +
    'write-kubeconfig write-kubeconfig-mode helm-job-image token token-file agent-token agent-token-file server ' +
    'cluster-reset cluster-reset-restore-path etcd-expose-metrics etcd-disable-snapshots etcd-snapshot-name ' +
    'etcd-snapshot-schedule-cron etcd-snapshot-retention etcd-snapshot-dir etcd-snapshot-compress etcd-s3 ' +
    'etcd-s3-endpoint etcd-s3-endpoint-ca etcd-s3-skip-ssl-verify etcd-s3-access-key etcd-s3-secret-key ' +
    'etcd-s3-session-token etcd-s3-bucket etcd-s3-bucket-lookup-type etcd-s3-region etcd-s3-folder etcd-s3-retention ' +
    'etcd-s3-proxy etcd-s3-config-secret etcd-s3-insecure etcd-s3-timeout kube-apiserver-arg etcd-arg ' +
    'kube-controller-manager-arg kube-scheduler-arg disable disable-scheduler disable-cloud-controller ' +
    'disable-kube-proxy enable-servicelb ingress-controller cloud-provider-name cloud-provider-config profile ' +
    'audit-policy-file pod-security-admission-config-file secrets-encryption-provider embedded-registry node-name ' +
    'with-node-id node-label node-taint protect-kernel-defaults selinux lb-server-port container-runtime-endpoint ' +
    'default-runtime snapshotter private-registry system-default-registry disable-default-registry-endpoint ' +
    'node-ip node-external-ip resolv-conf kubelet-arg kube-proxy-arg'
  ).split(' '),
);

function planOf(text: string, options: clusterplan.PlanOptions = {}): clusterplan.ClusterPlan {
  return clusterplan.planCluster(text, 'inventory.yaml', options);
}

function errorOf(text: string): QuaiError {
  try {
    planOf(text);
  } catch (error) {
    expect(error).toBeInstanceOf(QuaiError);
    return error as QuaiError;
  }
  throw new Error('expected the plan to fail');
}

/** The example inventory with `from` replaced by `to` (a fault injected on one line). */
const edit = (from: string, to: string): string => {
  expect(example).toContain(from);
  return example.replace(from, to);
};

const lineOf = (text: string, needle: string): number =>
  text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('cluster plan: the documented example', () => {
  const plan = planOf(example);

  it('plans without warnings: three control-plane nodes, three workers', () => {
    expect(plan.warnings).toEqual([]);
    expect(plan.files.map((f) => f.path)).toContain('k8s-cp-1/etc/rancher/rke2/config.yaml');
    expect(plan.files.map((f) => f.path)).toContain('checklist.md');
  });

  it('writes RKE2 configs that use only documented flags', () => {
    const configs = plan.files.filter((f) => f.path.endsWith('/etc/rancher/rke2/config.yaml'));
    expect(configs).toHaveLength(6);
    for (const f of configs) {
      const cfg = parse(f.content) as Record<string, unknown>;
      for (const key of Object.keys(cfg)) expect(RKE2_FLAGS.has(key), `${f.path}: ${key}`).toBe(true);
    }
  });

  it('lets the first server start the cluster and joins the others through the load balancer', () => {
    const cfg = (path: string) =>
      parse(plan.files.find((f) => f.path === path)?.content ?? '') as Record<string, unknown>;
    const first = cfg('k8s-cp-1/etc/rancher/rke2/config.yaml');
    const second = cfg('k8s-cp-2/etc/rancher/rke2/config.yaml');
    const worker = cfg('k8s-worker-1/etc/rancher/rke2/config.yaml');
    expect(first['server']).toBeUndefined();
    expect(second['server']).toBe('https://k8s-api.prod.example.fr:9345');
    expect(worker['server']).toBe('https://k8s-api.prod.example.fr:9345');
    // The values RKE2 requires to be equal on every server are equal.
    for (const key of ['cluster-cidr', 'service-cidr', 'cluster-domain'])
      expect(second[key]).toEqual(first[key]);
    expect(first['tls-san']).toEqual(['k8s-api.prod.example.fr', '10.49.20.10', 'k8s-api.example.fr']);
    expect(first['node-taint']).toEqual(['CriticalAddonsOnly=true:NoExecute']);
    expect(first['etcd-s3']).toBe(true);
    expect(worker['etcd-s3']).toBeUndefined();
    // No secret in any generated file: the token is a file, S3 keys are left to fill in on the node.
    for (const f of plan.files) expect(f.content).not.toMatch(/^token:|secret-key|AWS_SECRET_ACCESS_KEY=\S/m);
  });

  it('puts the cluster’s own ranges and the nodes in NO_PROXY, and keeps filled-in env files', () => {
    const env = plan.files.find((f) => f.path === 'k8s-cp-1/etc/default/rke2-server');
    expect(env?.keepExisting).toBe(true);
    expect(env?.mode).toBe(0o600);
    const noProxy = /^NO_PROXY=(.*)$/m.exec(env?.content ?? '')?.[1]?.split(',') ?? [];
    expect(noProxy).toEqual(
      expect.arrayContaining(['10.42.0.0/16', '10.43.0.0/16', '.svc', '.cluster.local', '10.49.20.21']),
    );
    const script = plan.files.find((f) => f.path === 'k8s-cp-1/install-files.sh')?.content ?? '';
    expect(script).toContain('if [ -e "/etc/default/rke2-server" ]; then echo "kept');
    expect(script).toContain('install -D -o root -g root -m 0600 "$here/etc/rancher/rke2/config.yaml"');
  });

  it('lists the flows to open between named machines', () => {
    const etcd = plan.firewall.find((r) => r.ports === '2379-2381');
    expect(etcd).toMatchObject({ protocol: 'TCP', from: 'control-plane', to: 'control-plane' });
    expect(plan.checklist).toContain(
      '| TCP | 9345 | all nodes (10.49.20.21, 10.49.20.22, 10.49.20.23, 10.49.20.31, 10.49.20.32, 10.49.20.33) | control-plane nodes (10.49.20.21, 10.49.20.22, 10.49.20.23) |',
    );
    expect(plan.checklist).toContain('| UDP | 123 |');
  });

  it('writes the checklist in French on request', () => {
    const fr = planOf(example, { lang: 'fr' }).checklist;
    expect(fr).toContain("# Liste de contrôle d'installation : cluster prod (RKE2)");
    expect(fr).toContain('tous les nœuds (10.49.20.21');
  });

  it('plans K3s too: cluster-init on the first server, API port 6443 for joins, no canal', () => {
    const k3s = planOf(edit('    cni: canal\n', '').replace('  version: v1.34.2+rke2r1\n', ''), {
      distribution: 'k3s',
    });
    const cfg = (path: string) =>
      parse(k3s.files.find((f) => f.path === path)?.content ?? '') as Record<string, unknown>;
    expect(cfg('k8s-cp-1/etc/rancher/k3s/config.yaml')['cluster-init']).toBe(true);
    expect(cfg('k8s-cp-2/etc/rancher/k3s/config.yaml')['server']).toBe(
      'https://k8s-api.prod.example.fr:6443',
    );
    expect(cfg('k8s-cp-2/etc/rancher/k3s/config.yaml')['cni']).toBeUndefined();
    expect(k3s.files.map((f) => f.path)).toContain('k8s-cp-1/etc/systemd/system/k3s.service.env');
  });

  it('points an air-gapped RKE2 install at the mirror only', () => {
    const air = planOf(edit('airGapped: false', 'airGapped: true'));
    const cfg = parse(air.files[0]?.content ?? '') as Record<string, unknown>;
    expect(cfg['system-default-registry']).toBe('harbor.example.fr');
    expect(cfg['disable-default-registry-endpoint']).toBe(true);
    expect(air.checklist).toContain('rke2-images.linux-amd64.tar.zst');
    expect(air.checklist).toContain('INSTALL_RKE2_ARTIFACT_PATH');
  });
});

describe('cluster plan: bad inventories name the line and the fix', () => {
  it('refuses an even number of control-plane nodes', () => {
    const text = edit('name: k8s-worker-1, role: worker', 'name: k8s-worker-1, role: control-plane');
    const e = errorOf(text);
    expect(e.code).toBe('INPUT_INVALID');
    expect(e.message).toContain(`inventory.yaml:${lineOf(text, 'k8s-worker-1')}:`);
    expect(e.message).toContain('4 control-plane nodes: etcd needs an odd number');
    expect(e.message).toContain('fix: Use 3 or 5 control-plane nodes');
  });

  it('refuses duplicate addresses and names, pointing at the second one', () => {
    const text = edit(
      'name: k8s-cp-2, role: control-plane, address: 10.49.20.22',
      'name: k8s-cp-1, role: control-plane, address: 10.49.20.21',
    );
    const e = errorOf(text);
    const lines = text.split('\n');
    const second = lines.findIndex((l, i) => i >= lineOf(text, 'k8s-cp-1') && l.includes('k8s-cp-1')) + 1;
    expect(second).toBeGreaterThan(lineOf(text, 'k8s-cp-1'));
    expect(e.message).toContain(`inventory.yaml:${second}:`);
    expect(e.message).toContain('node name "k8s-cp-1" is already used by spec.nodes[0]');
    expect(e.message).toContain('address 10.49.20.21 is already used by spec.nodes[0] (k8s-cp-1)');
  });

  it('refuses a pod network that overlaps an existing network', () => {
    const text = edit('podCidr: 10.42.0.0/16', 'podCidr: 10.60.0.0/16');
    const e = errorOf(text);
    expect(e.message).toContain(`inventory.yaml:${lineOf(text, 'podCidr')}:5 at spec.network.podCidr`);
    expect(e.message).toContain('overlaps the existing network "postes-agents" (10.60.0.0/14)');
  });

  it('refuses pod and service networks that overlap each other, or that hold the nodes', () => {
    expect(errorOf(edit('serviceCidr: 10.43.0.0/16', 'serviceCidr: 10.42.128.0/17')).message).toContain(
      'overlaps the service network',
    );
    const e = errorOf(edit('podCidr: 10.42.0.0/16', 'podCidr: 10.49.20.0/24'));
    expect(e.message).toContain('address 10.49.20.21 lies inside the pod network 10.49.20.0/24');
  });

  it('refuses a pod network too small for the nodes, and a DNS address outside the services', () => {
    const e = errorOf(edit('podCidr: 10.42.0.0/16', 'podCidr: 10.42.0.0/23'));
    expect(e.message).toContain('room for 2 nodes (a /24 each), the inventory lists 6');
    expect(
      errorOf(edit('serviceCidr: 10.43.0.0/16', 'serviceCidr: 10.43.0.0/16\n    clusterDns: 10.44.0.10'))
        .message,
    ).toContain('outside the service network');
  });

  it('refuses VMs below the minimum sizes and warns below the recommended ones', () => {
    const e = errorOf(
      edit('address: 10.49.20.31, cpus: 8, memoryGiB: 32', 'address: 10.49.20.31, cpus: 8, memoryGiB: 2'),
    );
    expect(e.message).toContain('k8s-worker-1 has 2 GiB of memory; rke2 needs at least 4 GiB');
    const warn = planOf(
      edit('address: 10.49.20.31, cpus: 8, memoryGiB: 32', 'address: 10.49.20.31, cpus: 2, memoryGiB: 32'),
    );
    expect(warn.warnings.map((w) => t('en', w.message))).toEqual([
      'k8s-worker-1 has 2 CPU; 4 are recommended',
    ]);
    expect(warn.warnings.map((w) => t('fr', w.message))).toEqual([
      'k8s-worker-1 a 2 CPU ; 4 sont recommandés',
    ]);
    expect(warn.checklist).toContain('k8s-worker-1 has 2 CPU; 4 are recommended');
  });

  it('requires time sync, an off-node etcd copy and a load balancer in production', () => {
    const noTime = edit('  timeSync:\n    servers: [ntp1.example.fr, ntp2.example.fr]\n', '');
    expect(errorOf(noTime).message).toContain('no time servers');
    const noCopy = example.replace(/ {4}offNodeCopy:\n( {6}.*\n)+/, '');
    expect(errorOf(noCopy).message).toContain('etcd snapshots stay on the control-plane nodes');
    const noLb = edit(
      '  loadBalancer:\n    address: 10.49.20.10\n    hostname: k8s-api.prod.example.fr\n',
      '',
    );
    expect(errorOf(noLb).message).toContain('3 control-plane nodes but no load balancer');
    // Outside production the same gaps are warnings.
    const test = planOf(noCopy.replace('environment: prod', 'environment: test'));
    expect(test.warnings.map((w) => w.rule)).toContain('etcd-off-node');
  });

  it('checks the etcd snapshot schedule', () => {
    const bad = edit('snapshotSchedule: "0 */6 * * *"', 'snapshotSchedule: "every day"');
    expect(errorOf(bad).message).toContain('"every day" is not a cron schedule');
    const weekly = planOf(edit('snapshotSchedule: "0 */6 * * *"', 'snapshotSchedule: "0 3 * * 0"'));
    expect(weekly.warnings.map((w) => w.rule)).toEqual(['etcd-snapshots']);
  });

  it('requires docker.io among the mirrors of an air-gapped install', () => {
    const text = edit('airGapped: false', 'airGapped: true\n    mirrors: [quay.io]');
    expect(errorOf(text).message).toContain('does not stand in for docker.io');
  });

  it('reports schema errors with their position, all at once', () => {
    const text = edit(
      'cpus: 4, memoryGiB: 8, diskGiB: 100 }',
      'cpus: four, memoryGiB: 8, diskGiB: 100, gpu: 1 }',
    );
    const e = errorOf(text);
    expect(e.message).toContain('2 errors');
    expect(e.message).toContain(`inventory.yaml:${lineOf(text, 'k8s-cp-1')}:`);
    expect(e.message).toContain('unknown key "gpu"');
  });

  it('refuses a CNI the distribution does not ship', () => {
    const e = errorOf(
      edit('distribution: rke2', 'distribution: k3s').replace('  version: v1.34.2+rke2r1\n', ''),
    );
    expect(e.message).toContain('k3s does not ship the canal network plugin');
  });
});

describe('cluster plan: networks', () => {
  it('computes overlaps and containment', () => {
    const a = clusterplan.parseNetwork('10.42.0.0/16');
    expect(clusterplan.overlaps(a, clusterplan.parseNetwork('10.42.255.0/24'))).toBe(true);
    expect(clusterplan.overlaps(a, clusterplan.parseNetwork('10.43.0.0/16'))).toBe(false);
    expect(clusterplan.overlaps(clusterplan.parseNetwork('0.0.0.0/0'), a)).toBe(true);
    expect(clusterplan.parseNetwork('10.42.1.0/16').exact).toBe(false);
  });
});
