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

/**
 * Every use case, by id (`domain.verb`): the HTTP API's routes and OpenAPI document and the
 * console are built from it; core/app implements each one (a test checks that). Importing it
 * builds every domain's schemas: a front end that runs one use case (the CLI) loads its domain
 * only, with loadUseCase() (load.ts).
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
