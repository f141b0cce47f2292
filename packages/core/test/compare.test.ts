import type { CompareData } from '@quai/contracts';
import { describe, expect, it } from 'vitest';
import { compare, QuaiError } from '../src/index.js';

const study = compare.studyData();

/** A small comparison with round numbers, to check the arithmetic by hand. */
function tiny(): CompareData {
  const score = (n: number) => ({
    score: n,
    basis: 'judgement' as const,
    why: { en: 'x', fr: 'x' },
    sources: [],
  });
  const criterion = (id: string, weight: number) => ({
    id,
    name: { en: id, fr: id },
    description: { en: id, fr: id },
    weight,
  });
  const option = (id: string, a: number, b: number) => ({
    id,
    name: { en: id.toUpperCase(), fr: id.toUpperCase() },
    kind: 'orchestrator' as const,
    summary: { en: id, fr: id },
    scores: { a: score(a), b: score(b) },
  });
  return {
    apiVersion: 'quai.dev/v1alpha1',
    kind: 'Comparison',
    metadata: { name: 'tiny', reviewed: '2026-12-05' },
    conclusion: 'x',
    criteria: [criterion('a', 3), criterion('b', 1)],
    options: [option('x', 5, 1), option('y', 2, 5), option('z', 2, 5)],
    sources: [],
  };
}

function errorOf(fn: () => unknown): QuaiError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(QuaiError);
    return error as QuaiError;
  }
  throw new Error('expected an error');
}

describe('compare: the study data', () => {
  it('is consistent: every option scores every criterion, every cited source exists', () => {
    expect(compare.checkData(study)).toEqual([]);
    expect(study.options.length).toBeGreaterThanOrEqual(10);
  });

  it('reproduces the study’s conclusion with the default weights', () => {
    const ranking = compare.rank(study, compare.resolveWeights(study));
    expect(ranking.winners).toEqual([study.conclusion]);
    expect(ranking.winners).toEqual(['rke2']);
  });

  it('backs every score marked "source" with at least one cited, dated https source', () => {
    for (const o of study.options) {
      for (const [criterion, s] of Object.entries(o.scores)) {
        if (s.basis === 'source') expect(s.sources.length, `${o.id}/${criterion}`).toBeGreaterThan(0);
      }
    }
    for (const src of study.sources) {
      expect(src.url).toMatch(/^https:\/\//);
      expect(src.accessed).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    const cited = new Set(study.options.flatMap((o) => Object.values(o.scores).flatMap((s) => s.sources)));
    expect(study.sources.filter((s) => !cited.has(s.id)).map((s) => s.id)).toEqual([]);
  });
});

describe('compare: ranking', () => {
  it('computes the weighted mean and gives tied options the same rank', () => {
    const data = tiny();
    const ranking = compare.rank(data, compare.resolveWeights(data));
    // x: (3*5 + 1*1) / 4 = 4; y and z: (3*2 + 1*5) / 4 = 2.75
    expect(ranking.options.map((o) => [o.id, o.total, o.rank])).toEqual([
      ['x', 4, 1],
      ['y', 2.75, 2],
      ['z', 2.75, 2],
    ]);
    expect(ranking.winners).toEqual(['x']);
    expect(ranking.margin).toBe(1.25);
  });

  it('reports a tie at the top', () => {
    const data = tiny();
    const ranking = compare.rank(data, compare.resolveWeights(data, { a: 0, b: 1 }));
    expect(ranking.winners).toEqual(['y', 'z']);
    const text = compare.formatText(data, ranking, compare.sensitivity(data, ranking.weights), 'en');
    expect(text).toContain('Tie at the top: Y, Z.');
  });

  it('refuses unknown criteria and all-zero weights', () => {
    const data = tiny();
    expect(errorOf(() => compare.resolveWeights(data, { c: 1 })).hint).toContain('Use one of: a, b');
    expect(errorOf(() => compare.resolveWeights(data, { a: 0, b: 0 })).message).toContain('weight 0');
  });
});

describe('compare: sensitivity', () => {
  it('finds the weight at which a rival overtakes, by hand', () => {
    const data = tiny();
    const sens = compare.sensitivity(data, compare.resolveWeights(data));
    // x - y = 3*(5-2) + w_b*(1-5) = 9 - 4 w_b: y ties at w_b = 2.25; x - y with w_a: 3 w_a - 4: ties at 4/3.
    expect(sens.criteria).toEqual([
      { criterion: 'a', weight: 3, below: { weight: 1.333333333, rival: 'y' } },
      { criterion: 'b', weight: 1, above: { weight: 2.25, rival: 'y' } },
    ]);
    expect(sens.closest).toEqual({ criterion: 'b', from: 1, to: 2.25, rival: 'y' });
  });

  it('is right on the study data: past each threshold the named rival wins, before it the winner holds', () => {
    const base = compare.resolveWeights(study);
    const sens = compare.sensitivity(study, base);
    let changes = 0;
    for (const c of sens.criteria) {
      const at = (w: number) => compare.rank(study, { ...base, [c.criterion]: w }).winners;
      if (c.above) {
        changes++;
        expect(at(c.above.weight - 0.01)).toEqual([sens.winner]);
        expect(at(c.above.weight + 0.01)).toEqual([c.above.rival]);
      } else {
        expect(at(compare.MAX_WEIGHT)).toEqual([sens.winner]);
      }
      if (c.below) {
        changes++;
        expect(at(c.below.weight + 0.01)).toEqual([sens.winner]);
        expect(at(Math.max(0, c.below.weight - 0.01))).toEqual([c.below.rival]);
      } else {
        expect(at(0)).toEqual([sens.winner]);
      }
    }
    expect(changes).toBeGreaterThan(0);
    expect(sens.closest).toBeDefined();
  });
});

describe('compare: weights files', () => {
  it('reads partial weights', () => {
    const w = compare.parseWeights(
      'apiVersion: quai.dev/v1alpha1\nkind: CompareWeights\nweights:\n  security: 1\n',
      'w.yaml',
      study,
    );
    expect(w).toEqual({ security: 1 });
    expect(compare.resolveWeights(study, w)['security']).toBe(1);
  });

  it('names the file, line and column of an unknown criterion, and lists the known ones', () => {
    const e = errorOf(() =>
      compare.parseWeights(
        'apiVersion: quai.dev/v1alpha1\nkind: CompareWeights\nweights:\n  security: 1\n  securty: 4\n',
        'w.yaml',
        study,
      ),
    );
    expect(e.code).toBe('INPUT_INVALID');
    expect(e.message).toContain(
      'w.yaml:5:3 at weights.securty: error: unknown criterion "securty"; fix: Use one of: cost, longevity, skills, security',
    );
    expect(e.messageIn('fr')).toContain(
      'w.yaml:5:3 dans weights.securty : erreur : critère inconnu « securty »',
    );
  });

  it('refuses negative weights and wrong kinds with their position', () => {
    const e = errorOf(() =>
      compare.parseWeights(
        'apiVersion: quai.dev/v1alpha1\nkind: Weights\nweights:\n  cost: -1\n',
        'w.yaml',
        study,
      ),
    );
    expect(e.message).toContain('w.yaml:2:1 at kind');
    expect(e.message).toContain('w.yaml:4:3 at weights.cost');
  });

  it('refuses weights that leave nothing to compare', () => {
    const zero = study.criteria.map((c) => `  ${c.id}: 0`).join('\n');
    const e = errorOf(() =>
      compare.parseWeights(
        `apiVersion: quai.dev/v1alpha1\nkind: CompareWeights\nweights:\n${zero}\n`,
        'w.yaml',
        study,
      ),
    );
    expect(e.message).toContain('nothing to compare on');
  });

  it('reports inconsistent data files: a score citing an unknown source', () => {
    const data = tiny();
    const bad = JSON.stringify({
      ...data,
      options: data.options.map((o) => ({
        ...o,
        scores: { ...o.scores, a: { ...o.scores.a, sources: ['nowhere'] } },
      })),
    });
    expect(errorOf(() => compare.parseData(bad, 'd.json')).message).toContain('unknown source "nowhere"');
  });
});

describe('compare: formats', () => {
  const weights = compare.resolveWeights(study);
  const ranking = compare.rank(study, weights);
  const sens = compare.sensitivity(study, weights);

  it('writes French numbers with a decimal comma', () => {
    const fr = compare.formatText(study, ranking, sens, 'fr');
    expect(fr).toContain('Solution retenue : RKE2 (4,53 / 5), devant k3s de 0,16.');
    expect(fr).toContain("Sécurité (3) : en dessous de 1,5, k3s l'emporte");
  });

  it('writes a Markdown table with every option and, with details, every source', () => {
    const md = compare.formatMarkdown(study, ranking, sens, 'en', { details: true });
    expect(md.split('\n').filter((l) => /^\| \d+ \|/.test(l))).toHaveLength(study.options.length);
    for (const src of study.sources) expect(md).toContain(src.url);
  });

  it('writes an HTML page that escapes every text', () => {
    const data = tiny();
    const evil = {
      ...data,
      options: data.options.map((o) => ({ ...o, name: { en: '<b>x</b>', fr: '<b>x</b>' } })),
    };
    const w = compare.resolveWeights(evil);
    const html = compare.formatHtml(evil, compare.rank(evil, w), compare.sensitivity(evil, w), 'en');
    expect(html).toContain('&lt;b&gt;x&lt;/b&gt;');
    expect(html).not.toContain('<b>x</b>');
    expect(html.startsWith('<!doctype html>')).toBe(true);
  });
});
