import { CompareData, CompareWeights, msg, type Lang } from '@quai/contracts';
import { parseChecked, type Problem } from '../clusterplan/index.js';
import { checkData } from './engine.js';

/**
 * Parses a weights file (`quai compare --weights`). Every problem is reported with the file,
 * line and column; an unknown criterion names the known ones.
 */
export function parseWeights(
  text: string,
  file: string,
  data: CompareData,
  lang: Lang = 'en',
): Record<string, number> {
  const known = data.criteria.map((c) => c.id);
  const { value } = parseChecked(CompareWeights, text, file, msg('compare.weightsFile'), lang, (parsed) => {
    const problems: Problem[] = Object.keys(parsed.weights)
      .filter((id) => !known.includes(id))
      .map((id) => ({
        severity: 'error',
        rule: 'unknown-criterion',
        message: msg('compare.unknownCriterion', { id }),
        hint: msg('compare.unknownCriterionHint', { known: known.join(', ') }),
        path: ['weights', id],
      }));
    const total = data.criteria.reduce((s, c) => s + (parsed.weights[c.id] ?? c.weight), 0);
    if (problems.length === 0 && total === 0) {
      problems.push({
        severity: 'error',
        rule: 'all-zero',
        message: msg('compare.allZero'),
        hint: msg('compare.allZeroHint'),
        path: ['weights'],
      });
    }
    return problems;
  });
  return value.weights;
}

/** Parses a comparison data file (the study's own, or one a reader wrote with other options). */
export function parseData(text: string, file: string, lang: Lang = 'en'): CompareData {
  return parseChecked(CompareData, text, file, msg('compare.dataFile'), lang, (data) =>
    checkData(data).map((message): Problem => ({
      severity: 'error',
      rule: 'consistency',
      message,
      hint: msg('compare.data.hint'),
      path: [],
    })),
  ).value;
}
