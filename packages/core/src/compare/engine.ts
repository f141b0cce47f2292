import { msg, type CompareData, type DeepReadonly, type Message } from '@quai/contracts';

/** Comparison data as the engine reads it (never changed). */
export type Data = DeepReadonly<CompareData>;
import { QuaiError } from '../errors/index.js';
import { compareText } from '../util/index.js';

/** Weights by criterion id. */
export type Weights = Readonly<Record<string, number>>;

export interface RankedOption {
  readonly id: string;
  /** The English name (formats show the name in their language). */
  readonly name: string;
  readonly rank: number;
  /** The weighted mean of the option's scores: 0 to 5. */
  readonly total: number;
  readonly scores: Readonly<Record<string, number>>;
}

export interface Ranking {
  readonly weights: Weights;
  /** Best first; options with the same total share a rank and are listed by name. */
  readonly options: readonly RankedOption[];
  /** Every option at the top rank (more than one means a tie). */
  readonly winners: readonly string[];
  /** Total of the winner minus total of the first option below it. */
  readonly margin: number;
}

/** Where one criterion's weight, the others unchanged, would change the winner. */
export interface WeightThreshold {
  /** The weight at which the rival ties the winner; past it, the rival wins. */
  readonly weight: number;
  readonly rival: string;
}

export interface CriterionSensitivity {
  readonly criterion: string;
  readonly weight: number;
  /** Lowering the weight below this changes the winner (undefined: no weight down to 0 does). */
  readonly below?: WeightThreshold | undefined;
  /** Raising the weight above this changes the winner (undefined: no weight up to the maximum does). */
  readonly above?: WeightThreshold | undefined;
}

export interface Sensitivity {
  readonly winner: string;
  readonly criteria: readonly CriterionSensitivity[];
  /** The single-weight change that changes the winner with the smallest step, if any. */
  readonly closest?:
    | {
        readonly criterion: string;
        readonly from: number;
        readonly to: number;
        readonly rival: string;
      }
    | undefined;
}

/** The largest weight a weights file may give (the schema's bound). */
export const MAX_WEIGHT = 100;

/** The default weights of the data, overridden by `overrides` (unknown ids are an error). */
export function resolveWeights(data: Data, overrides: Weights = {}): Weights {
  const known = new Set(data.criteria.map((c) => c.id));
  for (const id of Object.keys(overrides)) {
    if (!known.has(id)) {
      throw new QuaiError('INPUT_INVALID', msg('compare.unknownCriterion', { id }), {
        hint: msg('compare.unknownCriterionHint', { known: [...known].join(', ') }),
      });
    }
  }
  const weights: Record<string, number> = {};
  for (const c of data.criteria) weights[c.id] = overrides[c.id] ?? c.weight;
  if (Object.values(weights).every((w) => w === 0)) {
    throw new QuaiError('INPUT_INVALID', msg('compare.allZero'), { hint: msg('compare.allZeroHint') });
  }
  return weights;
}

function scoreOf(data: Data, option: string, criterion: string): number {
  const o = data.options.find((x) => x.id === option);
  return o?.scores[criterion]?.score ?? 0;
}

/** Σ weight × score over the criteria: the numerator every total shares its denominator with. */
function weightedSum(data: Data, option: string, weights: Weights, skip?: string): number {
  let sum = 0;
  for (const c of data.criteria) {
    if (c.id === skip) continue;
    sum += (weights[c.id] ?? 0) * scoreOf(data, option, c.id);
  }
  return sum;
}

/** Totals are compared after rounding to this many decimals, so float noise never breaks a tie. */
const round = (n: number): number => Math.round(n * 1e9) / 1e9;

/** Ranks the options by the weighted mean of their scores. */
export function rank(data: Data, weights: Weights): Ranking {
  const denominator = data.criteria.reduce((s, c) => s + (weights[c.id] ?? 0), 0);
  const rows = data.options.map((o) => {
    const scores: Record<string, number> = {};
    for (const c of data.criteria) scores[c.id] = o.scores[c.id]?.score ?? 0;
    return {
      id: o.id,
      name: o.name.en,
      total: round(weightedSum(data, o.id, weights) / denominator),
      scores,
    };
  });
  // Ties by name, letter case aside (Docker Swarm, then HashiCorp Nomad), then by id: the same
  // order on every machine, whatever its locale.
  rows.sort(
    (a, b) =>
      b.total - a.total || compareText(a.name.toLowerCase(), b.name.toLowerCase()) || compareText(a.id, b.id),
  );
  const options: RankedOption[] = [];
  rows.forEach((r, i) => {
    const previous = options[i - 1];
    const rankNo = previous !== undefined && previous.total === r.total ? previous.rank : i + 1;
    options.push({ ...r, rank: rankNo });
  });
  const top = options[0]?.total ?? 0;
  const winners = options.filter((o) => o.total === top).map((o) => o.id);
  const next = options.find((o) => o.total < top);
  return { weights, options, winners, margin: next === undefined ? 0 : round(top - next.total) };
}

/**
 * For each criterion, the weight (others unchanged) at which another option would overtake the
 * winner. Totals share one denominator, so comparing two options means comparing their weighted
 * sums: linear in the weight being moved, with one crossing point per rival.
 */
export function sensitivity(data: Data, weights: Weights): Sensitivity {
  const ranking = rank(data, weights);
  const winner = ranking.winners[0];
  if (winner === undefined) throw new QuaiError('INPUT_INVALID', msg('compare.noOption'));
  const criteria: CriterionSensitivity[] = [];
  for (const c of data.criteria) {
    const w = weights[c.id] ?? 0;
    const base = (option: string): number => weightedSum(data, option, weights, c.id);
    const sWinner = scoreOf(data, winner, c.id);
    let below: WeightThreshold | undefined;
    let above: WeightThreshold | undefined;
    for (const o of data.options) {
      if (o.id === winner) continue;
      const slope = sWinner - scoreOf(data, o.id, c.id);
      if (slope === 0) continue;
      // Winner minus rival at weight x: base(winner) - base(rival) + x * slope; zero at:
      const crossing = round((base(o.id) - base(winner)) / slope);
      if (slope > 0 && crossing >= 0 && crossing < w) {
        if (below === undefined || crossing > below.weight) below = { weight: crossing, rival: o.id };
      } else if (slope < 0 && crossing > w && crossing <= MAX_WEIGHT) {
        if (above === undefined || crossing < above.weight) above = { weight: crossing, rival: o.id };
      }
    }
    criteria.push({
      criterion: c.id,
      weight: w,
      ...(below === undefined ? {} : { below }),
      ...(above === undefined ? {} : { above }),
    });
  }
  let closest: Sensitivity['closest'];
  for (const c of criteria) {
    for (const t of [c.below, c.above]) {
      if (t === undefined) continue;
      const step = Math.abs(t.weight - c.weight);
      if (closest === undefined || step < Math.abs(closest.to - closest.from)) {
        closest = { criterion: c.criterion, from: c.weight, to: t.weight, rival: t.rival };
      }
    }
  }
  return { winner, criteria, ...(closest === undefined ? {} : { closest }) };
}

/** Checks the data beyond its schema: ids unique, every score present, sources known. */
export function checkData(data: Data): Message[] {
  const problems: Message[] = [];
  const dup = (ids: readonly string[], what: string): void => {
    const seen = new Set<string>();
    for (const id of ids) {
      if (seen.has(id)) problems.push(msg('compare.data.duplicate', { what, id }));
      seen.add(id);
    }
  };
  dup(
    data.criteria.map((c) => c.id),
    'criterion',
  );
  dup(
    data.options.map((o) => o.id),
    'option',
  );
  dup(
    data.sources.map((s) => s.id),
    'source',
  );
  const sources = new Set(data.sources.map((s) => s.id));
  const criteria = new Set(data.criteria.map((c) => c.id));
  for (const o of data.options) {
    for (const c of data.criteria) {
      if (o.scores[c.id] === undefined)
        problems.push(msg('compare.data.noScore', { option: o.id, criterion: c.id }));
    }
    for (const [cid, s] of Object.entries(o.scores)) {
      if (!criteria.has(cid)) {
        problems.push(msg('compare.data.unknownCriterion', { option: o.id, criterion: cid }));
      }
      for (const src of s.sources) {
        if (!sources.has(src)) {
          problems.push(msg('compare.data.unknownSource', { option: o.id, criterion: cid, source: src }));
        }
      }
      if (s.basis === 'source' && s.sources.length === 0) {
        problems.push(msg('compare.data.sourceless', { option: o.id, criterion: cid }));
      }
    }
  }
  if (!data.options.some((o) => o.id === data.conclusion)) {
    problems.push(msg('compare.data.badConclusion', { id: data.conclusion }));
  }
  return problems;
}
