import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { msg, type Message } from '@quai/contracts';
import { QuaiError, type ClusterAccess } from '@quai/core';
import type { DevClusterPaths } from './paths.js';
import type { ClientName, Pki } from './pki.js';
import { logTail, startProcess, type ProcessRecord } from './processes.js';

/* What starting the cluster's components needs, shared by the control plane and real nodes. */

/** Access for one identity of the dev cluster, built in memory from its files. */
export async function accessFor(pki: Pki, server: string, client: ClientName): Promise<ClusterAccess> {
  const files = pki.cert(client);
  return {
    source: 'quai dev cluster',
    contextName: 'quai-dev',
    server,
    namespace: 'default',
    ca: await readFile(pki.caCert),
    insecureSkipTlsVerify: false,
    auth: { kind: 'clientCert', cert: await readFile(files.cert), key: await readFile(files.key) },
  };
}

export function kubeconfigYaml(
  server: string,
  ca: Buffer,
  user: string,
  cred: { cert: Buffer; key: Buffer } | { certFile: string; keyFile: string; caFile: string },
): string {
  const embedded = 'cert' in cred;
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name: 'quai-dev',
        cluster: embedded
          ? { server, 'certificate-authority-data': ca.toString('base64') }
          : { server, 'certificate-authority': cred.caFile },
      },
    ],
    users: [
      {
        name: user,
        user: embedded
          ? {
              'client-certificate-data': cred.cert.toString('base64'),
              'client-key-data': cred.key.toString('base64'),
            }
          : { 'client-certificate': cred.certFile, 'client-key': cred.keyFile },
      },
    ],
    contexts: [{ name: 'quai-dev', context: { cluster: 'quai-dev', user, namespace: 'default' } }],
    'current-context': 'quai-dev',
  });
}

export interface Starter {
  readonly records: ProcessRecord[];
  readonly exited: Map<string, string>;
}

export function launch(
  starter: Starter,
  paths: DevClusterPaths,
  component: string,
  binary: string,
  args: readonly string[],
  netns?: string,
): ProcessRecord {
  const log = join(paths.logsDir, `${component}.log`);
  const record = startProcess(
    component,
    binary,
    args,
    log,
    (code, sig) => {
      starter.exited.set(component, sig === null ? `exit code ${String(code)}` : `signal ${sig}`);
    },
    netns,
  );
  starter.records.push(record);
  return record;
}

/** The state a component is waited for, as the error names it. */
const READY_STATES = {
  serving: msg('devcluster.component.serving'),
  healthy: msg('devcluster.component.healthy'),
  ready: msg('devcluster.component.ready'),
  listening: msg('devcluster.component.listening'),
  'creating service accounts': msg('devcluster.component.creatingServiceAccounts'),
} as const;

/** Waits until `probe` succeeds, failing fast if the component exits. */
export async function waitReady(
  starter: Starter,
  record: ProcessRecord,
  what: keyof typeof READY_STATES,
  probe: () => Promise<boolean>,
  timeoutMs: number,
  signal: AbortSignal | undefined,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    signal?.throwIfAborted();
    const exit = starter.exited.get(record.component);
    if (exit !== undefined)
      throw await componentFailed(record, msg('devcluster.component.exitedStarting', { exit }));
    if (await probe().catch(() => false)) return;
    if (Date.now() > deadline) {
      throw await componentFailed(
        record,
        msg('devcluster.component.notState', {
          state: READY_STATES[what],
          seconds: Math.round(timeoutMs / 1000),
        }),
      );
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

export async function componentFailed(record: ProcessRecord, what: Message): Promise<QuaiError> {
  const tail = await logTail(record.log);
  const busy = /address already in use|bind: .*in use/i.test(tail);
  return new QuaiError(
    busy ? 'PORT_IN_USE' : 'DEVCLUSTER_START_FAILED',
    busy
      ? msg('devcluster.componentPortTaken', { component: record.component, what, log: record.log })
      : msg('devcluster.componentFailed', { component: record.component, what, log: record.log }),
    {
      hint: busy
        ? msg('devcluster.componentPortTakenHint')
        : msg('devcluster.componentFailedHint', { log: record.log }),
      details: { component: record.component, log: record.log, logTail: tail },
    },
  );
}

export function httpOk(url: string): Promise<boolean> {
  return fetch(url, { signal: AbortSignal.timeout(2000) }).then(
    (r) => r.ok,
    () => false,
  );
}
