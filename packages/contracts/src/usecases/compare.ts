import { z } from 'zod';
import { CompareData, CompareRanking, CompareSensitivity } from '../compare.js';
import { defineUseCase } from '../usecase.js';
import { DocumentSource } from './sources.js';

export const CompareRequest = z.object({
  /** Comparison data (criteria, options, scores, sources); default: the study's own. */
  data: DocumentSource.optional(),
  /** A weights file (`kind: CompareWeights`). */
  weights: DocumentSource.optional(),
  /** Weights by criterion id, given inline (applied after the file's). */
  overrides: z.record(z.string(), z.number().min(0).max(100)).optional(),
});

export const CompareResult = z.object({
  data: CompareData,
  ranking: CompareRanking,
  sensitivity: CompareSensitivity,
});

export const compareUseCases = {
  'compare.rank': defineUseCase({
    id: 'compare.rank',
    summary: {
      en: 'Rank the orchestrators of the study (docs/state-of-the-art.md) by weighted criteria, and show which weight changes would change the winner',
      fr: "Classer les orchestrateurs de l'étude (docs/fr/etat-de-l-art.md) selon des critères pondérés, et montrer quels changements de poids changeraient la solution retenue",
    },
    request: CompareRequest,
    result: CompareResult,
    effect: 'read',
    progress: false,
    path: '/compare',
  }),
} as const;
