import { z } from 'zod';
import { FirewallRule, InputLocation, PlannedFile } from '../cluster-inventory.js';
import { MessageSchema } from '../progress.js';
import { defineUseCase } from '../usecase.js';
import { DocumentSource } from './sources.js';

export const ClusterPlanRequest = z.object({
  inventory: DocumentSource,
  /** Overrides spec.distribution of the inventory. */
  distribution: z.enum(['rke2', 'k3s']).optional(),
});

export const ClusterPlanResult = z.object({
  cluster: z.string(),
  distribution: z.enum(['rke2', 'k3s']),
  nodes: z.number().int().nonnegative(),
  /** Every node's files, then `checklist.md`; a front end writes them (the CLI with --out). */
  files: z.array(PlannedFile),
  firewall: z.array(FirewallRule),
  /** The install checklist (Markdown) in the request's language. */
  checklist: z.string(),
  warnings: z.array(
    z.object({ location: InputLocation, message: MessageSchema, hint: MessageSchema.optional() }),
  ),
});

export const clusterUseCases = {
  'cluster.plan': defineUseCase({
    id: 'cluster.plan',
    summary: {
      en: 'Check an inventory of VMs and networks, and write the RKE2 (or K3s) configuration of every node and an install checklist',
      fr: "Vérifier un inventaire de VM et de réseaux, et écrire la configuration RKE2 (ou K3s) de chaque nœud et une liste de contrôle d'installation",
    },
    request: ClusterPlanRequest,
    result: ClusterPlanResult,
    effect: 'read',
    progress: true,
    path: '/cluster/plan',
  }),
} as const;
