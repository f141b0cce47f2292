import type { Outcome, RequestOf, ResultOf, UseCaseId, USE_CASES } from '@quai/contracts';
import type { AppContext } from './context.js';
import * as auditApp from './audit.js';
import * as backup from './backup.js';
import * as cluster from './cluster.js';
import * as compare from './compare.js';
import * as deploy from './deploy.js';
import * as vulndb from './vulndb.js';
import * as onboard from './onboard.js';
import * as gitlab from './gitlab.js';

/** A use case's implementation: a checked request in, an outcome out. */
export type Handler<Id extends UseCaseId> = (
  request: RequestOf<(typeof USE_CASES)[Id]>,
  ctx: AppContext,
) => Promise<Outcome<ResultOf<(typeof USE_CASES)[Id]>>>;

/**
 * Every use case's implementation, by id: front ends look them up here. The type makes the
 * table complete: a use case declared in contracts without an implementation does not compile.
 */
export const HANDLERS: { readonly [Id in UseCaseId]: Handler<Id> } = {
  'deploy.plan': deploy.plan,
  'deploy.apply': deploy.apply,
  'deploy.rollback': deploy.rollback,
  'deploy.status': deploy.status,
  'deploy.history': deploy.history,
  'compare.rank': compare.rank,
  'cluster.plan': cluster.plan,
  'backup.create': backup.create,
  'backup.restore': backup.restore,
  'backup.drill': backup.drill,
  'backup.scheduleRun': backup.scheduleRun,
  'vulndb.import': vulndb.importData,
  'vulndb.update': vulndb.update,
  'vulndb.status': vulndb.status,
  'vulndb.query': vulndb.query,
  'onboard.import': onboard.importCompose,
  'onboard.render': onboard.renderApps,
  'audit.manifests': auditApp.manifests,
  'audit.cluster': auditApp.cluster,
  'audit.whoCan': auditApp.whoCan,
  'gitlab.ci': gitlab.ci,
  'gitlab.pinImage': gitlab.pinImage,
  'gitlab.agent': gitlab.agent,
  'gitlab.runner': gitlab.runner,
};
