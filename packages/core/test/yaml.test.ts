import { describe, expect, it } from 'vitest';
import { parseYaml, parseYamlStream, QuaiError } from '../src/index.js';

describe('parseYaml', () => {
  it('rejects duplicate keys with file, line and column and a fix', () => {
    const error = (() => {
      try {
        parseYaml('services:\n  web:\n    image: a\n    ports: []\n    ports: []\n', {
          file: 'docker-compose.yml',
          what: 'compose file',
        });
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(QuaiError);
    const q = error as QuaiError;
    expect(q.message).toMatch(/^Cannot read compose file "docker-compose.yml": line 5, column 5: /);
    expect(q.location).toEqual({ file: 'docker-compose.yml', line: 5, column: 5 });
    expect(q.hint).toMatch(/duplicate/);
  });

  it('parses every document of a stream and drops empty ones', () => {
    expect(parseYamlStream('a: 1\n---\n---\nb: 2\n', { file: 'x' })).toEqual([{ a: 1 }, { b: 2 }]);
  });

  it('reports a syntax error in the second document at its real line', () => {
    expect(() => parseYamlStream('a: 1\n---\nb: [1, 2\n', { file: 'm.yaml' })).toThrow(
      /m.yaml": line \d+, column \d+/,
    );
  });
});
