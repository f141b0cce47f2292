// Ports of the local control plane: chosen where no outgoing connection can take them.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { freePort, isExiting, statOf, waitExited } from '../src/processes.js';

describe('freePort', () => {
  it('gives distinct free loopback ports below the ephemeral range', async () => {
    const low = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
    const ports = await Promise.all(Array.from({ length: 20 }, () => freePort()));
    for (const port of ports) {
      expect(port).toBeGreaterThanOrEqual(20_000);
      expect(port).toBeLessThan(low);
    }
    // Each one can really be listened on.
    for (const port of ports.slice(0, 5)) {
      await new Promise<void>((resolve, reject) => {
        const server = createServer();
        server.on('error', reject);
        server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
      });
    }
  });
});

describe('a component killed and started again', () => {
  it('reads state and flags from a stat line whose command name has spaces and parentheses', () => {
    const line = '4242 (kube (api) server) S 1 4242 4242 0 -1 4194628 120 0 0 0';
    expect(statOf(line)).toEqual({ state: 'S', flags: 4194628 });
    expect(statOf(readFileSync('/proc/self/stat', 'utf8')).state).toMatch(/^[RS]$/);
  });

  it('finds its port free once waitExited returns: the killed process and all its threads are gone', async () => {
    const port = await freePort();
    // A server with threads (Node's), as a Go component has: killed, its threads close the port last.
    const child = spawn(
      process.execPath,
      ['-e', `require('node:net').createServer().listen(${port}, '127.0.0.1', () => console.log('up'))`],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    const pid = child.pid ?? 0;
    expect(await isExiting(pid)).toBe(false);
    child.kill('SIGKILL');
    await waitExited(pid);
    expect(await isExiting(pid)).toBe(false);
    await new Promise<void>((resolve, reject) => {
      const server = createServer();
      server.on('error', reject);
      server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
    });
  });
});
