import { msg, type compareUseCases, type Outcome, type RequestOf, type ResultOf } from '@quai/contracts';
import * as compare from '../compare/index.js';
import type { AppContext } from './context.js';
import { readDocument } from './inputs.js';

type Spec = (typeof compareUseCases)['compare.rank'];

/**
 * Ranks the options of the study (or of the data the request gives) with the request's weights,
 * and says which single weight changes would change the winner.
 */
export async function rank(req: RequestOf<Spec>, ctx: AppContext): Promise<Outcome<ResultOf<Spec>>> {
  const lang = ctx.settings.lang;
  let data = compare.studyData();
  if (req.data !== undefined) {
    const doc = await readDocument(ctx, req.data, msg('model.what.comparisonData'));
    data = compare.parseData(doc.text, doc.name, lang);
  }
  let overrides: Record<string, number> = {};
  if (req.weights !== undefined) {
    const doc = await readDocument(ctx, req.weights, msg('model.what.weightsFile'));
    overrides = compare.parseWeights(doc.text, doc.name, data, lang);
  }
  const weights = compare.resolveWeights(data, { ...overrides, ...req.overrides });
  return {
    outcome: 'ok',
    result: { data, ranking: compare.rank(data, weights), sensitivity: compare.sensitivity(data, weights) },
  };
}
