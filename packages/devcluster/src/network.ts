import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { msg } from '@quai/contracts';
import { QuaiError } from '@quai/core';

const run = promisify(execFile);

/*
 * The network of a cluster's real nodes lives in a network namespace of its own: the kubelets,
 * containerd, kube-proxy and CoreDNS run inside it, the CNI bridge and the pods' namespaces hang
 * off it. The host reaches it through one veth pair (the API server talks to the kubelets, tests
 * reach pods and NodePorts); pods get no default route, so nothing they send can leave the
 * machine. Each cluster takes its own /24 and its own names, so several clusters (one per
 * developer on a shared machine) never touch each other's iptables, routes or cgroups.
 */

export const SERVICE_CIDR = '10.96.0.0/16';
export const DNS_SERVICE_IP = '10.96.0.10';
/** Real nodes take /24 blocks in 10.233.0.0/16, one per cluster. */
const BLOCK_PREFIX = '10.233';
export const MAX_REAL_NODES = 16;

export interface RealNetwork {
  /** Network namespace name (/run/netns/NAME). */
  readonly netns: string;
  /** Short id of the cluster (8 hex digits): names of the veth, cgroups and run folder. */
  readonly id: string;
  /** Third octet of the cluster's block 10.233.SLOT.0/24. */
  readonly slot: number;
  readonly hostInterface: string;
  readonly hostAddress: string;
  /** The whole block, routed from the host into the namespace. */
  readonly block: string;
  readonly bridge: string;
  readonly bridgeAddress: string;
  /** The pods' subnet on the bridge. */
  readonly podSubnet: string;
}

export function clusterId(clusterDir: string): string {
  return createHash('sha256').update(clusterDir).digest('hex').slice(0, 8);
}

/** The address of real node `index` (1-based): on the namespace's side of the veth. */
export function nodeAddress(net: RealNetwork, index: number): string {
  return `${BLOCK_PREFIX}.${net.slot}.${1 + index}`;
}

/** The pods' address range of real node `index` among `count`: slices of the bridge's /25. */
export function podRange(net: RealNetwork, index: number, count: number): { start: string; end: string } {
  const first = 130;
  const size = Math.floor((254 - first + 1) / count);
  const start = first + (index - 1) * size;
  const end = index === count ? 254 : start + size - 1;
  return { start: `${BLOCK_PREFIX}.${net.slot}.${start}`, end: `${BLOCK_PREFIX}.${net.slot}.${end}` };
}

function networkFor(id: string, slot: number): RealNetwork {
  const b = `${BLOCK_PREFIX}.${slot}`;
  return {
    netns: `quai-${id}`,
    id,
    slot,
    hostInterface: `qh${id}`,
    hostAddress: `${b}.1`,
    block: `${b}.0/24`,
    bridge: 'quai0',
    bridgeAddress: `${b}.129`,
    podSubnet: `${b}.128/25`,
  };
}

async function ip(args: readonly string[], netns?: string): Promise<string> {
  const [cmd, full] =
    netns === undefined ? ['ip', args] : ['nsenter', [`--net=/run/netns/${netns}`, '--', 'ip', ...args]];
  try {
    const { stdout } = await run(cmd, [...full]);
    return stdout;
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { stderr?: string };
    if (e.code === 'ENOENT') {
      throw new QuaiError('PREREQUISITE_MISSING', msg('devcluster.realNode.toolMissing', { tool: cmd }), {
        hint: msg('devcluster.installHint', { package: cmd === 'ip' ? 'iproute2' : 'util-linux' }),
      });
    }
    throw new QuaiError(
      'DEVCLUSTER_START_FAILED',
      msg('devcluster.realNode.commandFailed', {
        command: `${cmd} ${full.join(' ')}`,
        output: (e.stderr ?? e.message).trim(),
      }),
      { hint: msg('devcluster.realNode.commandFailedHint') },
    );
  }
}

async function sysctl(netns: string, key: string, value: string): Promise<void> {
  await run('nsenter', [
    `--net=/run/netns/${netns}`,
    '--',
    'sh',
    '-c',
    `echo ${value} > /proc/sys/${key.replaceAll('.', '/')}`,
  ]);
}

/** Whether some address or route of the host already covers 10.233.SLOT.0/24. */
async function slotTaken(slot: number): Promise<boolean> {
  const prefix = `${BLOCK_PREFIX}.${slot}.`;
  const text = (await ip(['-4', '-o', 'addr', 'show'])) + (await ip(['-4', 'route', 'show']));
  return text.includes(prefix);
}

/**
 * Creates the cluster's network namespace, its veth pair and the route to its block; returns
 * the existing one unchanged when it is already there (a restart on the same addresses).
 */
export async function ensureNetwork(clusterDir: string, existing?: RealNetwork): Promise<RealNetwork> {
  if (existing !== undefined && existsSync(`/run/netns/${existing.netns}`)) {
    const links = await ip(['-o', 'link', 'show', existing.hostInterface]).catch(() => '');
    if (links.includes(existing.hostInterface)) return existing;
    await deleteNetwork(existing);
  }
  const id = clusterId(clusterDir);
  // A namespace left by a crash of this same cluster: start afresh.
  if (existsSync(`/run/netns/quai-${id}`)) {
    await deleteNetwork(networkFor(id, existing?.slot ?? 0));
  }
  let slot = existing?.slot ?? (parseInt(id.slice(0, 4), 16) % 250) + 1;
  for (let tries = 0; await slotTaken(slot); tries++) {
    if (tries >= 250) {
      throw new QuaiError(
        'DEVCLUSTER_START_FAILED',
        msg('devcluster.realNode.noFreeBlock', { range: `${BLOCK_PREFIX}.0.0/16` }),
        { hint: msg('devcluster.realNode.noFreeBlockHint') },
      );
    }
    slot = (slot % 250) + 1;
  }
  const net = networkFor(id, slot);
  const b = `${BLOCK_PREFIX}.${slot}`;
  try {
    await ip(['netns', 'add', net.netns]);
    await ip(['link', 'add', net.hostInterface, 'type', 'veth', 'peer', 'name', 'qn0', 'netns', net.netns]);
    await ip(['addr', 'add', `${net.hostAddress}/27`, 'dev', net.hostInterface]);
    await ip(['link', 'set', net.hostInterface, 'up']);
    await ip(['link', 'set', 'lo', 'up'], net.netns);
    for (let i = 1; i <= MAX_REAL_NODES; i++) {
      await ip(['addr', 'add', `${b}.${1 + i}/27`, 'dev', 'qn0'], net.netns);
    }
    await ip(['link', 'set', 'qn0', 'up'], net.netns);
    // The pods' subnet is reached through the namespace; nothing else of 10.233 leaves the host.
    await ip(['route', 'add', `${b}.128/25`, 'via', nodeAddress(net, 1), 'dev', net.hostInterface]);
    // Inside: routing between the veth and the bridge (Services, NodePorts), and bridged pod
    // traffic through iptables so that a pod reaching a Service backed by a pod on the same
    // bridge gets its answer back through the NAT.
    await sysctl(net.netns, 'net.ipv4.ip_forward', '1');
    await sysctl(net.netns, 'net.bridge.bridge-nf-call-iptables', '1').catch(() => undefined);
    return net;
  } catch (error) {
    await deleteNetwork(net).catch(() => undefined);
    throw error;
  }
}

/** Deletes the namespace (its veth end and bridge go with it, and the host's end and route too). */
export async function deleteNetwork(net: RealNetwork): Promise<void> {
  await ip(['link', 'delete', net.hostInterface]).catch(() => undefined);
  if (existsSync(`/run/netns/${net.netns}`)) await ip(['netns', 'delete', net.netns]).catch(() => undefined);
}
