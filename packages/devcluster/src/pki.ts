import { execFile } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { msg } from '@quai/contracts';
import { QuaiError } from '@quai/core';

const run = promisify(execFile);

/** A client identity: its certificate subject decides its user and groups in Kubernetes. */
interface ClientIdentity {
  readonly file: string;
  readonly commonName: string;
  readonly organization?: string;
}

export const CLIENTS = {
  admin: { file: 'admin', commonName: 'quai-admin', organization: 'system:masters' },
  controllerManager: { file: 'controller-manager', commonName: 'system:kube-controller-manager' },
  scheduler: { file: 'scheduler', commonName: 'system:kube-scheduler' },
  kwok: { file: 'kwok', commonName: 'kwok-controller', organization: 'system:masters' },
  // Real nodes: the API server's identity towards the kubelets (logs, exec, port-forward),
  // kube-proxy (bound to system:node-proxier by default), CoreDNS and the local-path
  // provisioner (each bound to a role of its own when real nodes start).
  kubeletClient: {
    file: 'apiserver-kubelet-client',
    commonName: 'kube-apiserver-kubelet-client',
    organization: 'system:masters',
  },
  kubeProxy: { file: 'kube-proxy', commonName: 'system:kube-proxy' },
  coredns: { file: 'coredns', commonName: 'quai:coredns' },
  provisioner: { file: 'local-path-provisioner', commonName: 'quai:local-path-provisioner' },
  /** The aggregation layer's client: the API server proxies to extension API servers (metrics-server) with it. */
  frontProxy: { file: 'front-proxy-client', commonName: 'front-proxy-client' },
} as const satisfies Record<string, ClientIdentity>;

export type ClientName = keyof typeof CLIENTS;

export interface Pki {
  readonly dir: string;
  readonly caCert: string;
  readonly caKey: string;
  readonly serverCert: string;
  readonly serverKey: string;
  readonly serviceAccountKey: string;
  readonly serviceAccountPub: string;
  cert(client: ClientName): { readonly cert: string; readonly key: string };
}

export function pkiAt(dir: string): Pki {
  return {
    dir,
    caCert: join(dir, 'ca.crt'),
    caKey: join(dir, 'ca.key'),
    serverCert: join(dir, 'apiserver.crt'),
    serverKey: join(dir, 'apiserver.key'),
    serviceAccountKey: join(dir, 'sa.key'),
    serviceAccountPub: join(dir, 'sa.pub'),
    cert: (client) => ({
      cert: join(dir, `${CLIENTS[client].file}.crt`),
      key: join(dir, `${CLIENTS[client].file}.key`),
    }),
  };
}

async function openssl(args: readonly string[], cwd: string): Promise<void> {
  try {
    await run('openssl', args, { cwd });
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { stderr?: string };
    if (e.code === 'ENOENT') {
      throw new QuaiError('PREREQUISITE_MISSING', msg('devcluster.pki.noOpenssl'), {
        hint: msg('devcluster.pki.noOpensslHint'),
      });
    }
    throw new QuaiError(
      'DEVCLUSTER_START_FAILED',
      msg('devcluster.pki.failed', { command: args[0] ?? '', output: e.stderr ?? e.message }),
    );
  }
}

const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

async function signed(dir: string, name: string, subject: string, extensions: string): Promise<void> {
  await openssl(
    ['req', '-new', ...EC, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', subject],
    dir,
  );
  await writeFile(join(dir, `${name}.ext`), extensions);
  await openssl(
    [
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      'ca.crt',
      '-CAkey',
      'ca.key',
      // A random serial (no shared serial file): certificates can be signed in parallel.
      '-set_serial',
      `0x${randomBytes(16).toString('hex')}`,
      '-days',
      '3650',
      '-out',
      `${name}.crt`,
      '-extfile',
      `${name}.ext`,
    ],
    dir,
  );
}

/** A client certificate signed by the cluster's CA (a real node's kubelet: system:node:NAME). */
export async function issueClientCert(
  dir: string,
  file: string,
  commonName: string,
  organization?: string,
): Promise<{ readonly cert: string; readonly key: string }> {
  const subject = `/CN=${commonName}${organization ? `/O=${organization}` : ''}`;
  await signed(dir, file, subject, 'extendedKeyUsage=clientAuth\nkeyUsage=critical,digitalSignature\n');
  return { cert: join(dir, `${file}.crt`), key: join(dir, `${file}.key`) };
}

/**
 * Makes a fresh certificate authority, the API server's serving certificate (loopback and the
 * in-cluster names), one client certificate per component, and the service-account key pair.
 */
export async function createPki(dir: string, serviceIp: string): Promise<Pki> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await openssl(
    [
      'req',
      '-x509',
      ...EC,
      '-keyout',
      'ca.key',
      '-out',
      'ca.crt',
      '-days',
      '3650',
      '-subj',
      '/CN=quai-dev-ca',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign,digitalSignature',
    ],
    dir,
  );
  const sans = [
    'IP:127.0.0.1',
    `IP:${serviceIp}`,
    'DNS:localhost',
    'DNS:kubernetes',
    'DNS:kubernetes.default',
    'DNS:kubernetes.default.svc',
    'DNS:kubernetes.default.svc.cluster.local',
  ].join(',');
  await signed(
    dir,
    'apiserver',
    '/CN=kube-apiserver',
    `subjectAltName=${sans}\nextendedKeyUsage=serverAuth\nkeyUsage=critical,digitalSignature,keyEncipherment\n`,
  );
  await Promise.all(
    (Object.values(CLIENTS) as ClientIdentity[]).map((client) =>
      signed(
        dir,
        client.file,
        `/CN=${client.commonName}${client.organization ? `/O=${client.organization}` : ''}`,
        'extendedKeyUsage=clientAuth\nkeyUsage=critical,digitalSignature\n',
      ),
    ),
  );
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pki = pkiAt(dir);
  await writeFile(pki.serviceAccountKey, privateKey.export({ type: 'pkcs8', format: 'pem' }), {
    mode: 0o600,
  });
  await writeFile(pki.serviceAccountPub, publicKey.export({ type: 'spki', format: 'pem' }));
  return pki;
}
