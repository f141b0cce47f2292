import { describe, expect, it } from 'vitest';
import { onboard } from '../src/index.js';
import { interpolate, type InterpolationProblem } from '../src/onboard/interpolate.js';

const vars: Record<string, string> = { NAME: 'grist', EMPTY: '', PORT: '8484', HOST: 'db' };
const lookup = (n: string): string | undefined => vars[n];

function run(text: string): { out: string; problems: InterpolationProblem[] } {
  const problems: InterpolationProblem[] = [];
  return { out: interpolate(text, lookup, problems), problems };
}

describe('compose interpolation', () => {
  it.each([
    ['$NAME', 'grist'],
    ['${NAME}', 'grist'],
    ['pre-${NAME}-post', 'pre-grist-post'],
    ['${MISSING:-fallback}', 'fallback'],
    ['${EMPTY:-fallback}', 'fallback'],
    ['${EMPTY-fallback}', ''],
    ['${MISSING-fallback}', 'fallback'],
    ['${NAME:+set}', 'set'],
    ['${EMPTY:+set}', ''],
    ['${EMPTY+set}', 'set'],
    ['${MISSING+set}', ''],
    ['${MISSING:-${HOST}:${PORT}}', 'db:8484'],
    ['$$NAME', '$NAME'],
    ['cost: 5$', 'cost: 5$'],
    ['a $ b', 'a $ b'],
  ])('%s -> %s', (text, expected) => {
    const r = run(text);
    expect(r.out).toBe(expected);
    expect(r.problems.filter((p) => p.kind !== 'undefined')).toEqual([]);
  });

  it('reports required variables with their messages', () => {
    const r = run('${MISSING:?set a secret} ${EMPTY:?} ${EMPTY?}');
    expect(r.problems.map((p) => [p.kind, p.variable])).toEqual([
      ['missing-required', 'MISSING'],
      ['missing-required', 'EMPTY'],
    ]);
    expect(r.problems[0]?.message).toBe('required variable MISSING is not set: set a secret');
    expect(r.problems[1]?.message).toBe('required variable EMPTY is empty');
  });

  it('reports unset variables as undefined (replaced by empty strings) and bad syntax', () => {
    expect(run('${UNSET}').problems[0]?.kind).toBe('undefined');
    expect(run('${1BAD}').problems[0]?.kind).toBe('syntax');
    expect(run('${NAME').problems[0]?.kind).toBe('syntax');
  });
});

describe('.env files', () => {
  it('reads quotes, comments, export and inline comments', () => {
    const env = onboard.parseDotEnv(
      '# comment\nexport A=1\nB="two words"\nC=\'single $NOT\'\nD=plain # trailing\nE=\nF="line\\nbreak"\nNOVALUE\n',
    );
    expect(Object.fromEntries(env)).toEqual({
      A: '1',
      B: 'two words',
      C: 'single $NOT',
      D: 'plain',
      E: '',
      F: 'line\nbreak',
    });
  });
});
