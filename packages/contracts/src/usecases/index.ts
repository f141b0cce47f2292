import { auditUseCases } from './audit.js';
import { backupUseCases } from './backup.js';
import { clusterUseCases } from './cluster.js';
import { compareUseCases } from './compare.js';
import { capacityUseCases } from './capacity.js';
import { deployUseCases } from './deploy.js';
import { scanUseCases } from './scan.js';
import { onboardUseCases } from './onboard.js';
import { viewUseCases } from './view.js';
import { gitlabUseCases } from './gitlab.js';
import { docsUseCases } from './docs.js';
import { settingsUseCases } from './settings.js';

export * from './audit.js';
export * from './backup.js';
export * from './cluster.js';
export * from './compare.js';
export * from './capacity.js';
export * from './deploy.js';
export * from './scan.js';
export * from './onboard.js';
export * from './gitlab.js';
export * from './docs.js';
export * from './settings.js';
export * from './sources.js';
export * from './view.js';

/**
 * Every use case, by id (`domain.verb`): the CLI, the HTTP API's routes and OpenAPI document,
 * and the console are built from it. core/app implements each one (a test checks that).
 */
export const USE_CASES = {
  ...deployUseCases,
  ...compareUseCases,
  ...clusterUseCases,
  ...backupUseCases,
  ...scanUseCases,
  ...onboardUseCases,
  ...auditUseCases,
  ...viewUseCases,
  ...capacityUseCases,
  ...gitlabUseCases,
  ...docsUseCases,
  ...settingsUseCases,
} as const;

export type UseCaseId = keyof typeof USE_CASES;
