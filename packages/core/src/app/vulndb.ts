import { msg, type Outcome, type RequestOf, type ResultOf, type scanUseCases } from '@quai/contracts';
import { QuaiError } from '../errors/index.js';
import { osv } from '../scan/index.js';
import type { AppContext } from './context.js';

/*
 * The vulnerability store's use cases. The store folder comes from the request, else from the
 * environment the front end passes (QUAI_CACHE_DIR, XDG_CACHE_HOME, HOME): core reads no process
 * state of its own. Importing from paths needs a front end with file access (the CLI).
 */

type Req<K extends string> = RequestOf<(typeof scanUseCases)[`vulndb.${K}` & keyof typeof scanUseCases]>;
type Res<K extends string> = ResultOf<(typeof scanUseCases)[`vulndb.${K}` & keyof typeof scanUseCases]>;

function storeDir(ctx: AppContext, dir: string | undefined): string {
  return dir ?? osv.defaultVulnDbDir(ctx.settings.env);
}

function progressOf(ctx: AppContext): (p: osv.UpdateProgress) => void {
  return (p) => {
    if (p.phase === 'fetch')
      ctx.progress({
        kind: 'count',
        message: msg('vulndb.progress.fetching', { ecosystem: p.ecosystem }),
        done: p.bytes,
        ...(p.total === undefined ? {} : { total: p.total }),
        unit: 'bytes',
      });
    else
      ctx.progress({
        kind: 'count',
        message:
          p.phase === 'read'
            ? msg('vulndb.progress.reading', { source: p.source })
            : msg('vulndb.progress.writing', { ecosystem: p.source }),
        done: p.done,
        ...(p.total === undefined ? {} : { total: p.total }),
        unit: 'items',
      });
  };
}

export async function importData(req: Req<'import'>, ctx: AppContext): Promise<Outcome<Res<'import'>>> {
  if (ctx.settings.files === undefined) throw new QuaiError('USAGE', msg('vulndb.noFileAccess'));
  const dir = storeDir(ctx, req.dir);
  ctx.progress({
    kind: 'step',
    message: msg('vulndb.progress.importing', { count: req.sources.length, dir }),
  });
  const report = await osv.importOsv({
    dir,
    sources: req.sources.map((s) => s.file),
    signal: ctx.signal,
    onProgress: progressOf(ctx),
    ...(ctx.settings.now ? { now: ctx.settings.now } : {}),
  });
  return { outcome: report.rejected.length > 0 && !req.allowInvalid ? 'partial' : 'ok', result: report };
}

export async function update(req: Req<'update'>, ctx: AppContext): Promise<Outcome<Res<'update'>>> {
  const dir = storeDir(ctx, req.dir);
  if (!/^https?:\/\//i.test(req.from) && ctx.settings.files === undefined)
    throw new QuaiError('USAGE', msg('vulndb.noFileAccess'));
  ctx.progress({ kind: 'step', message: msg('vulndb.progress.updating', { dir, from: req.from }) });
  const report = await osv.updateFromMirror({
    dir,
    from: req.from,
    ecosystems: req.ecosystems,
    timeoutMs: req.timeoutMs,
    signal: ctx.signal,
    onProgress: progressOf(ctx),
    ...(ctx.settings.now ? { now: ctx.settings.now } : {}),
  });
  const rejected = report.import?.rejected.length ?? 0;
  return { outcome: rejected > 0 && !req.allowInvalid ? 'partial' : 'ok', result: report };
}

export async function status(req: Req<'status'>, ctx: AppContext): Promise<Outcome<Res<'status'>>> {
  return { outcome: 'ok', result: await osv.vulnDbStatus(storeDir(ctx, req.dir)) };
}

export async function query(req: Req<'query'>, ctx: AppContext): Promise<Outcome<Res<'query'>>> {
  const db = await osv.VulnDb.open(storeDir(ctx, req.dir));
  const result = await db.match({ ecosystem: req.ecosystem, name: req.name, version: req.version });
  return { outcome: result.matches.length > 0 ? 'findings' : 'ok', result };
}
