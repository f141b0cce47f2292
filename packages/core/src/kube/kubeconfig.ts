import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { delimiter, dirname, isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { msg } from '@quai/contracts';
import { QuaiError } from '../errors/index.js';
import { parseYaml } from '../util/index.js';

/** Where the service account's credentials are mounted in a pod. */
export const IN_CLUSTER_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

const ExecConfig = z.object({
  command: z.string().min(1),
  args: z.array(z.string()).nullish(),
  env: z.array(z.object({ name: z.string(), value: z.string() })).nullish(),
  apiVersion: z.string().nullish(),
  interactiveMode: z.string().nullish(),
  provideClusterInfo: z.boolean().nullish(),
});

const KubeconfigFile = z.object({
  apiVersion: z.string().nullish(),
  kind: z.string().nullish(),
  'current-context': z.string().nullish(),
  clusters: z
    .array(
      z.object({
        name: z.string().min(1),
        cluster: z.object({
          server: z.string().min(1),
          'certificate-authority': z.string().nullish(),
          'certificate-authority-data': z.string().nullish(),
          'insecure-skip-tls-verify': z.boolean().nullish(),
          'tls-server-name': z.string().nullish(),
          'proxy-url': z.string().nullish(),
        }),
      }),
    )
    .nullish(),
  users: z
    .array(
      z.object({
        name: z.string().min(1),
        user: z
          .object({
            token: z.string().nullish(),
            tokenFile: z.string().nullish(),
            'client-certificate': z.string().nullish(),
            'client-certificate-data': z.string().nullish(),
            'client-key': z.string().nullish(),
            'client-key-data': z.string().nullish(),
            username: z.string().nullish(),
            password: z.string().nullish(),
            exec: ExecConfig.nullish(),
            'auth-provider': z.object({ name: z.string() }).loose().nullish(),
          })
          .nullish(),
      }),
    )
    .nullish(),
  contexts: z
    .array(
      z.object({
        name: z.string().min(1),
        context: z.object({
          cluster: z.string().min(1),
          user: z.string().nullish(),
          namespace: z.string().nullish(),
        }),
      }),
    )
    .nullish(),
});
type KubeconfigFile = z.infer<typeof KubeconfigFile>;

export type ExecCredentialConfig = Readonly<z.infer<typeof ExecConfig>>;

/** How to reach one cluster as one user: everything the client needs, files already read. */
export interface ClusterAccess {
  /** Where the settings came from: kubeconfig file path(s) or "in-cluster". */
  readonly source: string;
  readonly contextName: string;
  readonly server: string;
  readonly namespace: string;
  readonly ca?: Buffer;
  readonly insecureSkipTlsVerify: boolean;
  readonly tlsServerName?: string;
  readonly auth: ClusterAuth;
}

export type ClusterAuth =
  | { readonly kind: 'none' }
  | { readonly kind: 'token'; readonly token: string }
  | { readonly kind: 'tokenFile'; readonly path: string }
  | { readonly kind: 'basic'; readonly username: string; readonly password: string }
  | { readonly kind: 'clientCert'; readonly cert: Buffer; readonly key: Buffer }
  | {
      readonly kind: 'exec';
      readonly exec: ExecCredentialConfig;
      readonly baseDir: string;
      /** The environment the plugin runs with (the caller's, plus the plugin's own variables). */
      readonly env?: Readonly<Record<string, string | undefined>>;
    };

export interface LoadKubeconfigOptions {
  /** `--kubeconfig`: one explicit file; KUBECONFIG and ~/.kube/config are then ignored. */
  readonly kubeconfig?: string | undefined;
  /** `--context`: overrides current-context. */
  readonly context?: string | undefined;
  /** `-n`: overrides the context's namespace. */
  readonly namespace?: string | undefined;
  /**
   * The environment to read (KUBECONFIG, the in-cluster variables) and to give exec credential
   * plugins; the caller hands it in (the CLI passes its own): core never reads process.env.
   */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly home?: string;
  /** Folder of the in-cluster service account (tests point it elsewhere). */
  readonly inClusterDir?: string;
}

interface Named<T> {
  readonly value: T;
  /** The file that defined it: relative paths inside resolve against its folder. */
  readonly file: string;
}

interface Merged {
  readonly files: readonly string[];
  currentContext?: string;
  readonly clusters: Map<string, Named<NonNullable<KubeconfigFile['clusters']>[number]['cluster']>>;
  readonly users: Map<string, Named<NonNullable<NonNullable<KubeconfigFile['users']>[number]['user']>>>;
  readonly contexts: Map<string, Named<NonNullable<KubeconfigFile['contexts']>[number]['context']>>;
}

async function readKubeconfigFile(file: string): Promise<KubeconfigFile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new QuaiError('KUBECONFIG_NOT_FOUND', msg('kube.kubeconfigUnreadable', { file }), {
      location: { file },
      hint: msg('kube.kubeconfigUnreadableHint'),
      cause: error,
    });
  }
  const raw = parseYaml(text, { file, code: 'KUBECONFIG_INVALID', what: 'kubeconfig' });
  if (raw === null || raw === undefined) return {};
  const parsed = KubeconfigFile.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue === undefined ? '' : formatPath(issue.path);
    throw new QuaiError(
      'KUBECONFIG_INVALID',
      msg('kube.kubeconfigShape', { file, path, message: issue?.message ?? msg('kube.unexpectedShape') }),
      {
        location: { file, path },
        hint: msg('kube.kubeconfigShapeHint'),
      },
    );
  }
  return parsed.data;
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    out += typeof key === 'number' ? `[${key}]` : out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(root)' : out;
}

/** The kubeconfig files in use, in kubectl's order of precedence. */
export function kubeconfigPaths(options: LoadKubeconfigOptions = {}): string[] {
  const env = options.env ?? {};
  if (options.kubeconfig !== undefined && options.kubeconfig !== '') return [options.kubeconfig];
  const list = env['KUBECONFIG'];
  if (list !== undefined && list !== '') {
    return list.split(delimiter).filter((p) => p !== '');
  }
  return [resolve(options.home ?? homedir(), '.kube', 'config')];
}

async function mergeFiles(files: readonly string[], explicit: boolean): Promise<Merged> {
  const merged: Merged = {
    files,
    clusters: new Map(),
    users: new Map(),
    contexts: new Map(),
  };
  for (const file of files) {
    // kubectl ignores missing files listed in KUBECONFIG, but not an explicit --kubeconfig.
    if (!explicit && !existsSync(file)) continue;
    const config = await readKubeconfigFile(file);
    // First file to set a value wins, like kubectl's merge.
    if (merged.currentContext === undefined && config['current-context']) {
      merged.currentContext = config['current-context'];
    }
    for (const c of config.clusters ?? []) {
      if (!merged.clusters.has(c.name)) merged.clusters.set(c.name, { value: c.cluster, file });
    }
    for (const u of config.users ?? []) {
      if (!merged.users.has(u.name)) merged.users.set(u.name, { value: u.user ?? {}, file });
    }
    for (const c of config.contexts ?? []) {
      if (!merged.contexts.has(c.name)) merged.contexts.set(c.name, { value: c.context, file });
    }
  }
  return merged;
}

async function readRef(
  data: string | null | undefined,
  path: string | null | undefined,
  file: string,
  what: 'certificateAuthority' | 'clientCertificate' | 'clientKey',
): Promise<Buffer | undefined> {
  if (data) return Buffer.from(data, 'base64');
  if (!path) return undefined;
  const full = isAbsolute(path) ? path : resolve(dirname(file), path);
  try {
    return await readFile(full);
  } catch (error) {
    throw new QuaiError(
      'KUBECONFIG_INVALID',
      msg('kube.refUnreadable', { what: msg(`kube.what.${what}`), path: full }),
      {
        location: { file },
        hint: msg('kube.refUnreadableHint', { file }),
        cause: error,
      },
    );
  }
}

async function inClusterAccess(
  dir: string,
  env: Readonly<Record<string, string | undefined>>,
  namespace: string | undefined,
): Promise<ClusterAccess | undefined> {
  const host = env['KUBERNETES_SERVICE_HOST'];
  const port = env['KUBERNETES_SERVICE_PORT'];
  const tokenPath = resolve(dir, 'token');
  if (!host || !port || !existsSync(tokenPath)) return undefined;
  const ns = existsSync(resolve(dir, 'namespace'))
    ? (await readFile(resolve(dir, 'namespace'), 'utf8')).trim()
    : 'default';
  const caPath = resolve(dir, 'ca.crt');
  const ca = existsSync(caPath) ? await readFile(caPath) : undefined;
  const hostPart = host.includes(':') ? `[${host}]` : host;
  return {
    source: 'in-cluster',
    contextName: 'in-cluster',
    server: `https://${hostPart}:${port}`,
    namespace: namespace ?? ns,
    ...(ca === undefined ? {} : { ca }),
    insecureSkipTlsVerify: false,
    // The token is re-read on each use: kubelet rotates projected tokens.
    auth: { kind: 'tokenFile', path: tokenPath },
  };
}

/**
 * Loads cluster access the way kubectl does: --kubeconfig, else KUBECONFIG (merged, first file
 * wins), else ~/.kube/config, else the in-cluster service account.
 */
export async function loadClusterAccess(options: LoadKubeconfigOptions = {}): Promise<ClusterAccess> {
  const env = options.env ?? {};
  const explicit = options.kubeconfig !== undefined && options.kubeconfig !== '';
  const files = kubeconfigPaths(options);
  const anyExists = files.some((f) => existsSync(f));
  if (!explicit && !anyExists) {
    const inCluster = await inClusterAccess(options.inClusterDir ?? IN_CLUSTER_DIR, env, options.namespace);
    if (inCluster !== undefined) return inCluster;
    throw new QuaiError('KUBECONFIG_NOT_FOUND', msg('kube.noKubeconfig', { files: files.join(', ') }), {
      hint: msg('kube.noKubeconfigHint'),
    });
  }
  const merged = await mergeFiles(files, explicit);
  const source = merged.files.join(delimiter);
  const contextName = options.context ?? merged.currentContext;
  if (contextName === undefined || contextName === '') {
    throw new QuaiError('KUBECONFIG_INVALID', msg('kube.noCurrentContext', { source }), {
      hint: msg('kube.noCurrentContextHint'),
    });
  }
  const context = merged.contexts.get(contextName);
  if (context === undefined) {
    const known = [...merged.contexts.keys()];
    throw new QuaiError('KUBECONFIG_INVALID', msg('kube.unknownContext', { context: contextName, source }), {
      hint:
        known.length > 0 ? msg('kube.knownContexts', { contexts: known.join(', ') }) : msg('kube.noContexts'),
    });
  }
  const cluster = merged.clusters.get(context.value.cluster);
  if (cluster === undefined) {
    throw new QuaiError(
      'KUBECONFIG_INVALID',
      msg('kube.unknownCluster', { context: contextName, cluster: context.value.cluster }),
      { location: { file: context.file }, hint: msg('kube.unknownClusterHint') },
    );
  }
  const userName = context.value.user ?? '';
  const user = userName === '' ? undefined : merged.users.get(userName);
  if (userName !== '' && user === undefined) {
    throw new QuaiError(
      'KUBECONFIG_INVALID',
      msg('kube.unknownUser', { context: contextName, user: userName }),
      { location: { file: context.file }, hint: msg('kube.unknownUserHint') },
    );
  }
  let server: URL;
  try {
    server = new URL(cluster.value.server);
  } catch {
    throw new QuaiError(
      'KUBECONFIG_INVALID',
      msg('kube.badServer', { cluster: context.value.cluster, server: cluster.value.server }),
      { location: { file: cluster.file }, hint: msg('kube.badServerHint') },
    );
  }
  const ca = await readRef(
    cluster.value['certificate-authority-data'],
    cluster.value['certificate-authority'],
    cluster.file,
    'certificateAuthority',
  );
  const auth = user === undefined ? ({ kind: 'none' } as const) : await resolveAuth(user, userName, env);
  return {
    source,
    contextName,
    server: server.toString().replace(/\/$/, ''),
    namespace: options.namespace ?? (context.value.namespace || 'default'),
    ...(ca === undefined ? {} : { ca }),
    insecureSkipTlsVerify: cluster.value['insecure-skip-tls-verify'] === true,
    ...(cluster.value['tls-server-name'] ? { tlsServerName: cluster.value['tls-server-name'] } : {}),
    auth,
  };
}

async function resolveAuth(
  user: Named<NonNullable<NonNullable<KubeconfigFile['users']>[number]['user']>>,
  name: string,
  env: Readonly<Record<string, string | undefined>>,
): Promise<ClusterAuth> {
  const u = user.value;
  const cert = await readRef(
    u['client-certificate-data'],
    u['client-certificate'],
    user.file,
    'clientCertificate',
  );
  const key = await readRef(u['client-key-data'], u['client-key'], user.file, 'clientKey');
  if (cert !== undefined && key !== undefined) return { kind: 'clientCert', cert, key };
  if ((cert === undefined) !== (key === undefined)) {
    throw new QuaiError('KUBECONFIG_INVALID', msg('kube.halfCertificate', { user: name }), {
      location: { file: user.file },
      hint: msg('kube.halfCertificateHint'),
    });
  }
  if (u.token) return { kind: 'token', token: u.token };
  if (u.tokenFile) {
    const path = isAbsolute(u.tokenFile) ? u.tokenFile : resolve(dirname(user.file), u.tokenFile);
    return { kind: 'tokenFile', path };
  }
  if (u.exec) return { kind: 'exec', exec: u.exec, baseDir: dirname(user.file), env };
  if (u.username && u.password) return { kind: 'basic', username: u.username, password: u.password };
  if (u['auth-provider']) {
    throw new QuaiError(
      'KUBECONFIG_INVALID',
      msg('kube.authProvider', { user: name, provider: u['auth-provider'].name }),
      {
        location: { file: user.file },
        hint: msg('kube.authProviderHint'),
      },
    );
  }
  return { kind: 'none' };
}
