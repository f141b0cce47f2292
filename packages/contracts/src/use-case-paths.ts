import type { UseCaseId } from './usecases/index.js';

/**
 * The route of every use case under /api/v1, without its schemas: what browser code needs to call
 * them (the console), so that it does not ship zod and every request and result schema. A test
 * checks it against USE_CASES: a new use case adds its line here too.
 */
export const USE_CASE_PATHS = {
  'deploy.plan': '/deploy/plan',
  'deploy.apply': '/deploy/apply',
  'deploy.rollback': '/deploy/rollback',
  'deploy.status': '/deploy/status',
  'deploy.history': '/deploy/history',
  'compare.rank': '/compare',
  'cluster.plan': '/cluster/plan',
  'backup.create': '/backup/create',
  'backup.restore': '/backup/restore',
  'backup.drill': '/backup/drill',
  'backup.scheduleRun': '/backup/schedule/run',
  'vulndb.import': '/vulndb/import',
  'vulndb.update': '/vulndb/update',
  'vulndb.status': '/vulndb/status',
  'vulndb.query': '/vulndb/query',
  'onboard.import': '/onboard/import',
  'onboard.render': '/onboard/render',
  'audit.manifests': '/audit/manifests',
  'audit.cluster': '/audit/cluster',
  'audit.whoCan': '/audit/who-can',
  'view.access': '/view/access',
  'view.overview': '/view/overview',
  'view.apps': '/view/apps',
  'view.app': '/view/app',
  'view.diff': '/view/diff',
  'view.logs': '/view/logs',
  'view.targetBackups': '/view/target-backups',
  'view.schedules': '/view/schedules',
  'capacity.report': '/capacity/report',
  'capacity.simulate': '/capacity/simulate',
  'capacity.size': '/capacity/size',
  'capacity.rightsize': '/capacity/rightsize',
  'capacity.scale': '/capacity/scale',
  'gitlab.ci': '/gitlab/ci',
  'gitlab.pinImage': '/gitlab/pin-image',
  'gitlab.agent': '/gitlab/agent',
  'gitlab.runner': '/gitlab/runner',
  'gitlab.sync': '/gitlab/sync',
  'gitlab.rollbackMr': '/gitlab/rollback-merge-request',
  'docs.app': '/docs/app',
} as const satisfies Readonly<Record<UseCaseId, string>>;
