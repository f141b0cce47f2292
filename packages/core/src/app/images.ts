import { msg, type Outcome, type RequestOf, type ResultOf, type scanUseCases } from '@quai/contracts';
import { isQuaiError, QuaiError } from '../errors/index.js';
import type { KubeObject } from '../kube/index.js';
import * as scan from '../scan/index.js';
import type { AppContext } from './context.js';
import { can } from './view.js';

/*
 * `scan.cluster`: the images running in the cluster, scanned with the vulnerability database of
 * the machine that runs Quai (the server's, for the HTTP API), each digest once. The result is
 * compact (counts, and the top vulnerabilities per image) so the server keeps it in its history;
 * the console's Security page reads the last ones. Without a namespace, every namespace the user
 * may list pods in: the whole cluster in one list when RBAC allows it, else namespace by namespace.
 */

type Req = RequestOf<(typeof scanUseCases)['scan.cluster']>;
type Res = ResultOf<(typeof scanUseCases)['scan.cluster']>;

/** The namespaces to read, as the API server lets the user list pods. */
async function scopeOf(req: Req, ctx: AppContext): Promise<{ scope: Res['scope']; namespaces: string[] }> {
  if (req.namespace !== undefined) return { scope: 'namespace', namespaces: [req.namespace] };
  if (await can(ctx, { verb: 'list', resource: 'pods' })) return { scope: 'cluster', namespaces: [] };
  const client = await ctx.kube();
  let all: KubeObject[];
  try {
    all = await client.list('v1', 'Namespace', { signal: ctx.signal });
  } catch (error) {
    if (isQuaiError(error) && error.code === 'FORBIDDEN')
      throw new QuaiError('FORBIDDEN', msg('images.noNamespaces'), { hint: msg('images.noNamespacesHint') });
    throw error;
  }
  const names = all.map((n) => n.metadata.name ?? '').filter((n) => n !== '');
  const allowed = await Promise.all(
    names.map((namespace) => can(ctx, { verb: 'list', resource: 'pods', namespace })),
  );
  const namespaces = names.filter((_, i) => allowed[i]).sort();
  if (namespaces.length === 0)
    throw new QuaiError('FORBIDDEN', msg('images.noNamespaces'), { hint: msg('images.noNamespacesHint') });
  return { scope: 'namespaces', namespaces };
}

export async function scanCluster(req: Req, ctx: AppContext): Promise<Outcome<Res>> {
  const env = ctx.settings.env;
  const dir = scan.osv.defaultVulnDbDir(env);
  const { scope, namespaces } = await scopeOf(req, ctx);
  // No database: the images are still read (their packages counted), and each says why it was
  // not checked; a scan that would report no vulnerability at all must not look clean.
  let db: Pick<scan.osv.VulnDb, 'match'>;
  let missing = false;
  try {
    db = await scan.osv.VulnDb.open(dir);
  } catch (error) {
    if (!isQuaiError(error) || error.code !== 'PREREQUISITE_MISSING') throw error;
    missing = true;
    db = { match: () => Promise.resolve({ matches: [], warnings: [] }) };
  }
  const status = missing ? undefined : await scan.osv.vulnDbStatus(dir);
  const username = env['QUAI_REGISTRY_USERNAME'];
  const registry = new scan.registry.RegistryClient({
    ...(username === undefined || username === ''
      ? {}
      : { credentials: { username, password: env['QUAI_REGISTRY_PASSWORD'] ?? '' } }),
    env,
    signal: ctx.signal,
    userAgent: ctx.settings.cluster.userAgent,
  });
  ctx.progress({
    kind: 'step',
    message:
      scope === 'cluster'
        ? msg('images.progress.listing')
        : msg('images.progress.listingIn', { namespaces: namespaces.join(', ') }),
  });
  let report: scan.ClusterScanReport;
  try {
    report = await scan.scanCluster(await ctx.kube(), db, registry, {
      ...(scope === 'cluster' ? {} : { namespaces }),
      concurrency: req.concurrency,
      platform: req.platform,
      signal: ctx.signal,
      onProgress: ({ done, total, image }) =>
        ctx.progress({
          kind: 'count',
          message: msg('images.progress.image', { image, done, total }),
          done,
          total,
          unit: 'items',
        }),
    });
  } finally {
    registry.close();
  }
  const compact = scan.compactClusterScan(report, {
    top: req.top,
    scannedAt: (ctx.settings.now?.() ?? new Date()).toISOString(),
    scope,
    namespaces,
    ...(status === undefined
      ? {}
      : {
          database: {
            records: status.records,
            ...(status.updatedAt === undefined ? {} : { updatedAt: status.updatedAt }),
          },
        }),
  });
  const result: Res = missing
    ? {
        ...compact,
        summary: { ...compact.summary, failed: compact.images.length },
        images: compact.images.map((img) => {
          if (img.error !== undefined) return img;
          const { bySeverity: _b, fixable: _f, total: _t, top: _top, ...rest } = img;
          return {
            ...rest,
            error: {
              code: 'PREREQUISITE_MISSING',
              message: msg('images.noDatabase', { dir, packages: img.packages ?? 0 }),
              hint: msg('images.noDatabaseHint'),
            },
          };
        }),
      }
    : compact;
  ctx.progress({
    kind: 'step',
    message: msg('images.progress.done', {
      images: result.summary.images,
      vulnerabilities: result.summary.vulnerabilities,
      failed: result.summary.failed,
    }),
  });
  const outcome =
    result.summary.vulnerabilities > 0 ? 'findings' : result.summary.failed > 0 ? 'partial' : 'ok';
  return { outcome, result };
}
