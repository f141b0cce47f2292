import { z } from 'zod';

/*
 * Custom error messages in these schemas are ids of the message catalog (compare.schema.*): the
 * loader shows them in the reader's language.
 */

/**
 * The data behind `quai compare`: criteria, options, scores with their reasons and sources.
 * Every score says whether it rests on a cited source or on the study's judgement, so a reader
 * can tell fact from opinion.
 */

const Id = z.string().regex(/^[a-z][a-z0-9-]*$/, 'compare.schema.id');

/** A text in English and French (the two languages of Quai's documentation). */
export const BilingualText = z.strictObject({ en: z.string().min(1), fr: z.string().min(1) });

/** A calendar date (2026-12-05) or a month (2023-08). */
const SourceDate = z.string().regex(/^\d{4}-\d{2}(-\d{2})?$/, 'compare.schema.date');

export const CompareSource = z.strictObject({
  id: Id,
  title: z.string().min(1),
  url: z.string().regex(/^https?:\/\//, 'compare.schema.url'),
  /** When the source was published or last changed, as far as the source says. */
  published: SourceDate.optional(),
  /** When the study read it. */
  accessed: SourceDate,
});
export type CompareSource = z.infer<typeof CompareSource>;

export const CompareCriterion = z.strictObject({
  id: Id,
  name: BilingualText,
  description: BilingualText,
  /** The default weight: 0 ignores the criterion. */
  weight: z.number().min(0).max(100),
});
export type CompareCriterion = z.infer<typeof CompareCriterion>;

export const CompareScore = z.strictObject({
  /** 0 (fails the need) to 5 (best available). */
  score: z.number().int().min(0).max(5),
  /** `source`: the reason rests on the cited sources; `judgement`: the study's own assessment. */
  basis: z.enum(['source', 'judgement']),
  why: BilingualText,
  sources: z.array(Id).default([]),
});
export type CompareScore = z.infer<typeof CompareScore>;

export const CompareOption = z.strictObject({
  id: Id,
  name: BilingualText,
  kind: z.enum(['kubernetes-distribution', 'orchestrator', 'single-host', 'managed-service']),
  summary: BilingualText,
  scores: z.record(Id, CompareScore),
});
export type CompareOption = z.infer<typeof CompareOption>;

export const CompareData = z.strictObject({
  apiVersion: z.literal('quai.dev/v1alpha1'),
  kind: z.literal('Comparison'),
  metadata: z.strictObject({
    name: Id,
    /** When the scores were last reviewed. */
    reviewed: SourceDate,
  }),
  /** The option the study recommends with the default weights (a test keeps them in step). */
  conclusion: Id,
  criteria: z.array(CompareCriterion).min(1),
  options: z.array(CompareOption).min(2),
  sources: z.array(CompareSource),
});
export type CompareData = z.infer<typeof CompareData>;

/** A weights file for `quai compare --weights`: criteria left out keep their default weight. */
export const CompareWeights = z.strictObject({
  apiVersion: z.literal('quai.dev/v1alpha1'),
  kind: z.literal('CompareWeights'),
  weights: z.record(z.string(), z.number().min(0).max(100)),
});
export type CompareWeights = z.infer<typeof CompareWeights>;

/** The ranking `quai compare` computes: totals are weighted means of the scores, 0 to 5. */
export const CompareRanking = z.object({
  weights: z.record(z.string(), z.number()),
  options: z.array(
    z.object({
      id: z.string(),
      /** The English name (reports show the name in their language). */
      name: z.string(),
      rank: z.number().int().positive(),
      total: z.number(),
      scores: z.record(z.string(), z.number()),
    }),
  ),
  /** Every option at the top rank (more than one means a tie). */
  winners: z.array(z.string()),
  /** The winner's total minus the total of the first option below it. */
  margin: z.number(),
});
export type CompareRanking = z.infer<typeof CompareRanking>;

const WeightThreshold = z.object({ weight: z.number(), rival: z.string() });

/** Where one weight, the others unchanged, would change the winner. */
export const CompareSensitivity = z.object({
  winner: z.string(),
  criteria: z.array(
    z.object({
      criterion: z.string(),
      weight: z.number(),
      below: WeightThreshold.optional(),
      above: WeightThreshold.optional(),
    }),
  ),
  closest: z
    .object({ criterion: z.string(), from: z.number(), to: z.number(), rival: z.string() })
    .optional(),
});
export type CompareSensitivity = z.infer<typeof CompareSensitivity>;
