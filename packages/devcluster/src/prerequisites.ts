import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { msg } from '@quai/contracts';
import { QuaiError } from '@quai/core';

/** A program real nodes need, and the Debian package that brings it. */
interface Need {
  readonly what: string;
  readonly found: (env: NodeJS.ProcessEnv) => boolean;
  readonly pkg: string;
}

function onPath(name: string): (env: NodeJS.ProcessEnv) => boolean {
  return (env) =>
    (env['PATH'] ?? '/usr/sbin:/usr/bin:/sbin:/bin')
      .split(delimiter)
      .some((dir) => dir !== '' && existsSync(join(dir, name)));
}

const REAL_NODE_NEEDS: readonly Need[] = [
  { what: 'containerd', found: onPath('containerd'), pkg: 'containerd' },
  { what: 'runc', found: onPath('runc'), pkg: 'runc' },
  {
    what: 'CNI plugins (/usr/lib/cni/bridge)',
    found: () => existsSync('/usr/lib/cni/bridge'),
    pkg: 'containernetworking-plugins',
  },
  { what: 'iptables', found: onPath('iptables'), pkg: 'iptables' },
  { what: 'socat', found: onPath('socat'), pkg: 'socat' },
  { what: 'docker-registry', found: onPath('docker-registry'), pkg: 'docker-registry' },
  { what: 'nsenter', found: onPath('nsenter'), pkg: 'util-linux' },
  { what: 'ip', found: onPath('ip'), pkg: 'iproute2' },
  { what: 'gcc (builds the pause program)', found: onPath('gcc'), pkg: 'gcc' },
  {
    what: 'the static C library (libc.a)',
    found: () =>
      existsSync('/usr/lib/x86_64-linux-gnu/libc.a') || existsSync('/usr/lib/aarch64-linux-gnu/libc.a'),
    pkg: 'libc6-dev',
  },
];

/**
 * Checks what real nodes need before anything starts: root, and each program with the Debian
 * package to install. One error names everything missing at once.
 */
export function checkRealNodePrerequisites(env: NodeJS.ProcessEnv = process.env): void {
  if (process.platform !== 'linux') {
    throw new QuaiError('PREREQUISITE_MISSING', msg('devcluster.realNode.linuxOnly'), {
      hint: msg('devcluster.realNode.linuxOnlyHint'),
    });
  }
  if (process.getuid?.() !== 0) {
    throw new QuaiError('PREREQUISITE_MISSING', msg('devcluster.realNode.needsRoot'), {
      hint: msg('devcluster.realNode.needsRootHint'),
    });
  }
  const missing = REAL_NODE_NEEDS.filter((n) => !n.found(env));
  if (missing.length > 0) {
    const pkgs = [...new Set(missing.map((n) => n.pkg))];
    throw new QuaiError(
      'PREREQUISITE_MISSING',
      msg('devcluster.realNode.missing', {
        tools: missing.map((n) => n.what).join(', '),
        count: missing.length,
      }),
      {
        hint: msg('devcluster.realNode.missingHint', { count: pkgs.length, packages: pkgs.join(' ') }),
        details: { missing: missing.map((n) => ({ what: n.what, package: n.pkg })) },
      },
    );
  }
}
