import type { UseCaseSpec } from '../usecase.js';
import type { UseCaseId, USE_CASES } from './all.js';

/**
 * The use-case tables loaded one domain at a time. USE_CASES (index.ts) holds every domain's
 * table, so whoever imports it builds every request and result schema (zod) at start-up: right
 * for the HTTP API and its OpenAPI document, which serve them all, and a waste for a CLI call,
 * which runs one use case (`quai import compose` would build the schemas of backup, scan,
 * gitlab...). loadUseCase() imports only the file of the use case's domain, once.
 *
 * This module imports no table itself (types only): keep it so, or every domain is loaded again.
 */

/** The domain of a use case id: the word before its first dot (`onboard.import`: `onboard`). */
export type UseCaseDomain = DomainOf<UseCaseId>;
type DomainOf<Id> = Id extends `${infer D}.${string}` ? D : never;

type Table = Readonly<Record<string, UseCaseSpec>>;

/**
 * Where each domain's table lives. Complete by its type: a use case whose domain is missing here
 * does not compile. vulndb.* and scan.* share usecases/scan.ts.
 */
const TABLES: { readonly [D in UseCaseDomain]: () => Promise<Table> } = {
  audit: async () => (await import('./audit.js')).auditUseCases,
  backup: async () => (await import('./backup.js')).backupUseCases,
  capacity: async () => (await import('./capacity.js')).capacityUseCases,
  cluster: async () => (await import('./cluster.js')).clusterUseCases,
  compare: async () => (await import('./compare.js')).compareUseCases,
  deploy: async () => (await import('./deploy.js')).deployUseCases,
  docs: async () => (await import('./docs.js')).docsUseCases,
  gitlab: async () => (await import('./gitlab.js')).gitlabUseCases,
  onboard: async () => (await import('./onboard.js')).onboardUseCases,
  scan: async () => (await import('./scan.js')).scanUseCases,
  vulndb: async () => (await import('./scan.js')).scanUseCases,
  settings: async () => (await import('./settings.js')).settingsUseCases,
  view: async () => (await import('./view.js')).viewUseCases,
};

/** The domains, for the tests that check this table against USE_CASES. */
export const USE_CASE_DOMAINS = Object.keys(TABLES) as readonly UseCaseDomain[];

/** The domain of a use case id (`vulndb.query`: `vulndb`). */
export function useCaseDomain(id: UseCaseId): UseCaseDomain {
  return id.slice(0, id.indexOf('.')) as UseCaseDomain;
}

/** The table of one domain's use cases, its file imported on first use. */
export async function loadUseCaseDomain(domain: UseCaseDomain): Promise<Table> {
  return TABLES[domain]();
}

/**
 * A use case's spec (schemas, summary, effect, path), importing only its domain's table: the same
 * object as USE_CASES[id].
 */
export async function loadUseCase<Id extends UseCaseId>(id: Id): Promise<(typeof USE_CASES)[Id]> {
  const spec = (await loadUseCaseDomain(useCaseDomain(id)))[id];
  // Only an id that is not a UseCaseId (a cast) gets here: a programming error, not a user's.
  if (spec === undefined) throw new Error(`no use case "${id}" in the ${useCaseDomain(id)} table`);
  return spec as (typeof USE_CASES)[Id];
}
