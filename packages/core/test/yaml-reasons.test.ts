import { describe, expect, it } from 'vitest';
import { MESSAGES } from '@quai/contracts';
import type { QuaiError } from '../src/index.js';
import { parseYaml } from '../src/index.js';

/*
 * A YAML syntax error reads in the reader's language from end to end: the parser's own text is
 * English only, so its error code picks a catalog message (a French reader sees no English).
 */

function errorOf(text: string): QuaiError {
  try {
    parseYaml(text, { file: 'compose.yaml' });
  } catch (e) {
    return e as QuaiError;
  }
  throw new Error('parsed');
}

describe('YAML syntax errors', () => {
  it('says where and what in French, with no English from the parser', () => {
    const e = errorOf('services:\n  web:\n    image: nginx\n    ports:\n      - "80:80\n');
    expect(e.location).toMatchObject({ file: 'compose.yaml', line: 6, column: 1 });
    expect(e.messageIn('fr')).toBe(
      'Impossible de lire le fichier YAML « compose.yaml » : ligne 6, colonne 1 : il manque un caractère fermant (guillemet, crochet ou accolade)',
    );
    expect(e.messageIn('en')).toContain('line 6, column 1: a closing character is missing');
  });

  it('has a message in both languages for every code of the parser', () => {
    const codes = [
      'ALIAS_PROPS',
      'BAD_ALIAS',
      'BAD_DIRECTIVE',
      'BAD_DQ_ESCAPE',
      'BAD_INDENT',
      'BAD_PROP_ORDER',
      'BAD_SCALAR_START',
      'BLOCK_AS_IMPLICIT_KEY',
      'BLOCK_IN_FLOW',
      'DUPLICATE_KEY',
      'IMPOSSIBLE',
      'KEY_OVER_1024_CHARS',
      'MISSING_CHAR',
      'MULTILINE_IMPLICIT_KEY',
      'MULTIPLE_ANCHORS',
      'MULTIPLE_DOCS',
      'MULTIPLE_TAGS',
      'NON_STRING_KEY',
      'RESOURCE_EXHAUSTION',
      'TAB_AS_INDENT',
      'TAG_RESOLVE_FAILED',
      'UNEXPECTED_TOKEN',
      'BAD_COLLECTION_TYPE',
    ];
    for (const code of codes) expect(Object.keys(MESSAGES), code).toContain(`yaml.reason.${code}`);
    const dup = errorOf('a: 1\na: 2\n');
    expect(dup.messageIn('fr')).toContain('la même clé apparaît deux fois');
  });
});
