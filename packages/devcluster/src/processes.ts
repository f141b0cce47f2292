import { spawn } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { createServer } from 'node:net';

/** A process Quai started and recorded, so any later command can find and stop it. */
export interface ProcessRecord {
  readonly component: string;
  readonly pid: number;
  readonly binary: string;
  /** The arguments it was started with, so it can be restarted alike. */
  readonly args?: readonly string[];
  readonly log: string;
  /** The network namespace it runs in (a real node's), when not the host's. */
  readonly netns?: string;
}

/**
 * A free port on loopback, chosen below the kernel's ephemeral range: a component stopped and
 * started again (a restart, a test killing the API server) finds its port still free, since no
 * outgoing connection of any process can take it meanwhile as its source port.
 */
export async function freePort(): Promise<number> {
  const low = await ephemeralLow();
  const first = 20_000;
  if (low - first >= 1000) {
    for (let attempt = 0; attempt < 50; attempt++) {
      const port = first + Math.floor(Math.random() * (low - first));
      if (given.has(port)) continue;
      given.add(port);
      if (await canListen(port)) return port;
    }
  }
  return listenOn(0);
}

/** Ports this process gave already: two callers at once never get the same one. */
const given = new Set<number>();

async function ephemeralLow(): Promise<number> {
  try {
    const [low] = (await readFile('/proc/sys/net/ipv4/ip_local_port_range', 'utf8')).trim().split(/\s+/);
    const n = Number(low);
    return Number.isInteger(n) && n > 0 ? n : 32_768;
  } catch {
    return 32_768;
  }
}

function canListen(port: number): Promise<boolean> {
  return listenOn(port).then(
    () => true,
    () => false,
  );
}

function listenOn(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => {
      const address = server.address();
      const chosen = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(chosen));
    });
  });
}

/** Whether `pid` is alive and still runs `binary` (a recycled pid is not ours). */
export async function isOurs(record: ProcessRecord): Promise<boolean> {
  try {
    process.kill(record.pid, 0);
  } catch {
    return false;
  }
  try {
    const argv = (await readFile(`/proc/${record.pid}/cmdline`, 'utf8')).split('\0');
    // argv[0] for a binary; argv[1] when an interpreter runs a script (#!/bin/sh).
    // A process started in a network namespace is nsenter for a moment, then the binary.
    if (argv[0] !== record.binary && argv[1] !== record.binary) {
      if (!(record.netns !== undefined && argv[0] === 'nsenter' && argv.includes(record.binary)))
        return false;
    }
    const stat = await readFile(`/proc/${record.pid}/stat`, 'utf8');
    // state field after "(comm)": Z is a zombie, already dead.
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z';
  } catch {
    // No /proc (not Linux): trust the signal test.
    return process.platform !== 'linux';
  }
}

/** PF_EXITING in /proc/<pid>/stat's flags: the process has begun to exit. */
const PF_EXITING = 0x4;

/** A /proc/<pid>/stat line's state (R, S, Z...) and flags. */
export function statOf(line: string): { state: string; flags: number } {
  // After "(comm)", which may hold spaces: state is field 3, flags field 9.
  const fields = line.slice(line.lastIndexOf(')') + 2).split(' ');
  return { state: fields[0] ?? '', flags: Number(fields[6] ?? 0) };
}

/**
 * Whether a process killed a moment ago is still exiting: its first thread has gone (its command
 * line reads empty, so isOurs says it is not ours any more), but other threads still hold its open
 * files, a listening port among them, until the last one exits. Started again at once, the
 * component would find its own port taken (seen with kube-apiserver, a Go program, killed by pid).
 */
export async function isExiting(pid: number): Promise<boolean> {
  try {
    if ((statOf(await readFile(`/proc/${pid}/stat`, 'utf8')).flags & PF_EXITING) === 0) return false;
    for (const task of await readdir(`/proc/${pid}/task`)) {
      const { state } = statOf(await readFile(`/proc/${pid}/task/${task}/stat`, 'utf8').catch(() => ''));
      if (state !== '' && state !== 'Z' && state !== 'X') return true;
    }
    return false;
  } catch {
    return false;
  }
}

/** Waits (at most `timeoutMs`) until a process that is exiting has gone with all its threads. */
export async function waitExited(pid: number, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end && (await isExiting(pid))) await new Promise((r) => setTimeout(r, 50));
}

/**
 * Starts a component detached, in its own process group, output appended to its log file.
 * It outlives this process on purpose: the cluster stays up between commands.
 */
export function startProcess(
  component: string,
  binary: string,
  args: readonly string[],
  log: string,
  onExit: (code: number | null, signal: NodeJS.Signals | null) => void,
  netns?: string,
): ProcessRecord {
  const fd = openSync(log, 'a');
  try {
    // nsenter enters the network namespace only (not the mount namespace, unlike `ip netns
    // exec`, which would hide the cgroup mounts), then executes the binary in its place: the
    // recorded pid runs the binary itself.
    const child =
      netns === undefined
        ? spawn(binary, args, { detached: true, stdio: ['ignore', fd, fd] })
        : spawn('nsenter', [`--net=/run/netns/${netns}`, '--', binary, ...args], {
            detached: true,
            stdio: ['ignore', fd, fd],
          });
    if (child.pid === undefined) throw new Error(`could not start ${binary}`);
    child.on('exit', onExit);
    child.unref();
    return { component, pid: child.pid, binary, args: [...args], log, ...(netns ? { netns } : {}) };
  } finally {
    closeSync(fd);
  }
}

/** Stops recorded processes: SIGTERM to each process group, then SIGKILL after `graceMs`. */
export async function stopProcesses(records: readonly ProcessRecord[], graceMs = 10_000): Promise<void> {
  const alive: ProcessRecord[] = [];
  for (const r of records) if (await isOurs(r)) alive.push(r);
  for (const r of alive) signal(r.pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  let remaining = alive;
  while (remaining.length > 0 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    const still: ProcessRecord[] = [];
    for (const r of remaining) if (await isOurs(r)) still.push(r);
    remaining = still;
  }
  for (const r of remaining) signal(r.pid, 'SIGKILL');
  const killDeadline = Date.now() + 5_000;
  while (remaining.length > 0 && Date.now() < killDeadline) {
    await new Promise((r) => setTimeout(r, 50));
    const still: ProcessRecord[] = [];
    for (const r of remaining) if (await isOurs(r)) still.push(r);
    remaining = still;
  }
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(-pid, sig); // the whole group: the component and anything it started
  } catch {
    try {
      process.kill(pid, sig);
    } catch {
      // already gone
    }
  }
}

/** The last lines of a log file, for error messages. */
export async function logTail(path: string, lines = 15): Promise<string> {
  try {
    const text = await readFile(path, 'utf8');
    return text.trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}
