import type { Outcome, RequestOf, ResultOf, UseCaseId, USE_CASES } from '@quai/contracts';
import type { AppContext } from './context.js';

/** A use case's implementation: a checked request in, an outcome out. */
export type Handler<Id extends UseCaseId> = (
  request: RequestOf<(typeof USE_CASES)[Id]>,
  ctx: AppContext,
) => Promise<Outcome<ResultOf<(typeof USE_CASES)[Id]>>>;

/**
 * An implementation loaded on first use: its domain's modules are imported only when one of its
 * use cases runs, so a command that runs one use case does not load every domain (`quai import
 * compose` does not load backup, scan or deploy).
 */
export interface LazyHandler<Id extends UseCaseId> {
  readonly load: () => Promise<Handler<Id>>;
}

/** `lazy(() => import('./x.js'), 'name')`: the handler `name` of module x, loaded when first run. */
function lazy<M, K extends keyof M>(load: () => Promise<M>, name: K): { readonly load: () => Promise<M[K]> } {
  return { load: async () => (await load())[name] };
}

const backup = () => import('./backup.js');
const cluster = () => import('./cluster.js');
const compare = () => import('./compare.js');
const deploy = () => import('./deploy.js');
const vulndb = () => import('./vulndb.js');
const images = () => import('./images.js');
const onboard = () => import('./onboard.js');
const auditApp = () => import('./audit.js');
const view = () => import('./view.js');
const viewBackups = () => import('./view-backups.js');
const capacity = () => import('./capacity.js');
const gitlab = () => import('./gitlab.js');
const docs = () => import('./docs.js');
const settingsApp = () => import('./settings.js');

/**
 * Every use case's implementation, by id: front ends look them up here (through run()). The type
 * makes the table complete: a use case declared in contracts without an implementation does not
 * compile. An entry is a handler, or `lazy(module, name)` to import its domain on first use.
 */
export const HANDLERS: { readonly [Id in UseCaseId]: Handler<Id> | LazyHandler<Id> } = {
  'deploy.plan': lazy(deploy, 'plan'),
  'deploy.apply': lazy(deploy, 'apply'),
  'deploy.rollback': lazy(deploy, 'rollback'),
  'deploy.status': lazy(deploy, 'status'),
  'deploy.history': lazy(deploy, 'history'),
  'compare.rank': lazy(compare, 'rank'),
  'cluster.plan': lazy(cluster, 'plan'),
  'backup.create': lazy(backup, 'create'),
  'backup.restore': lazy(backup, 'restore'),
  'backup.drill': lazy(backup, 'drill'),
  'backup.scheduleRun': lazy(backup, 'scheduleRun'),
  'backup.scheduleCreate': lazy(backup, 'scheduleCreate'),
  'backup.scheduleSuspend': lazy(backup, 'scheduleSuspend'),
  'backup.scheduleDelete': lazy(backup, 'scheduleDelete'),
  'vulndb.import': lazy(vulndb, 'importData'),
  'vulndb.update': lazy(vulndb, 'update'),
  'vulndb.status': lazy(vulndb, 'status'),
  'vulndb.query': lazy(vulndb, 'query'),
  'scan.cluster': lazy(images, 'scanCluster'),
  'onboard.import': lazy(onboard, 'importCompose'),
  'onboard.render': lazy(onboard, 'renderApps'),
  'audit.manifests': lazy(auditApp, 'manifests'),
  'audit.cluster': lazy(auditApp, 'cluster'),
  'audit.whoCan': lazy(auditApp, 'whoCan'),
  'audit.grantException': lazy(auditApp, 'grantException'),
  'audit.revokeException': lazy(auditApp, 'revokeException'),
  'audit.exceptionAccess': lazy(auditApp, 'exceptionAccess'),
  'view.access': lazy(view, 'access'),
  'view.overview': lazy(view, 'overview'),
  'view.apps': lazy(view, 'apps'),
  'view.app': lazy(view, 'app'),
  'view.diff': lazy(view, 'diff'),
  'view.logs': lazy(view, 'logs'),
  'view.targetBackups': lazy(viewBackups, 'targetBackups'),
  'view.schedules': lazy(viewBackups, 'schedules'),
  'capacity.report': lazy(capacity, 'report'),
  'capacity.simulate': lazy(capacity, 'simulate'),
  'capacity.size': lazy(capacity, 'size'),
  'capacity.rightsize': lazy(capacity, 'rightsize'),
  'capacity.scale': lazy(capacity, 'scale'),
  'gitlab.ci': lazy(gitlab, 'ci'),
  'gitlab.pinImage': lazy(gitlab, 'pinImage'),
  'gitlab.agent': lazy(gitlab, 'agent'),
  'gitlab.runner': lazy(gitlab, 'runner'),
  'docs.app': lazy(docs, 'app'),
  'settings.view': lazy(settingsApp, 'view'),
  'settings.update': lazy(settingsApp, 'update'),
  'gitlab.sync': lazy(gitlab, 'sync'),
  'gitlab.rollbackMr': lazy(gitlab, 'rollbackMr'),
};

/** The implementation of a use case, its domain imported if it was not yet. */
export async function handlerOf<Id extends UseCaseId>(id: Id): Promise<Handler<Id>> {
  const entry: Handler<Id> | LazyHandler<Id> = HANDLERS[id];
  return typeof entry === 'function' ? entry : entry.load();
}
