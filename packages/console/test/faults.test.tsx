import { describe, expect, it } from 'vitest';
import { ApiError } from '../src/api.js';
import { OnboardError, TooLarge } from '../src/pages/Onboard.js';
import { show } from './render.js';

// The onboarding's faults as a reader sees them, in French (the default) and in English: an
// input too large to send, the server's own 413, a malformed file with its place.

const text = (el: Element | null | undefined): string =>
  (el?.textContent ?? '').replace(/\u00a0|\u202f/g, ' ');

const tooLarge413 = new ApiError(
  413,
  'PAYLOAD_TOO_LARGE',
  'Le corps de la requête dépasse 5242880 octets.',
  undefined,
  {
    message: { id: 'api.tooLarge', params: { bytes: 5 * 1024 * 1024 } },
  },
);
const malformed = new ApiError(
  400,
  'INPUT_INVALID',
  'Impossible de lire le fichier compose',
  undefined,
  {
    message: {
      id: 'yaml.syntax',
      params: {
        what: { id: 'onboard.what.composeFile' },
        file: 'docker-compose.yml',
        line: 8,
        column: 1,
        reason: { id: 'yaml.reason.MISSING_CHAR' },
      },
    },
    hint: { id: 'yaml.syntaxHint' },
  },
  { file: 'docker-compose.yml', line: 8, column: 1 },
);

describe('onboarding faults', () => {
  it('says an input is too large before sending it, with its size and the limit', () => {
    const el = show(<TooLarge size={4.4 * 1024 * 1024} limit={4 * 1024 * 1024} />);
    expect(el.querySelector('[role="alert"]')).not.toBeNull();
    expect(text(el)).toContain(
      'Le fichier compose est trop volumineux : 4,4 Mio, pour au plus 4 Mio envoyés.',
    );
    expect(text(show(<TooLarge size={9 * 1024 * 1024} limit={4 * 1024 * 1024} />, 'en'))).toContain(
      'The compose file is too large: 9 MiB, and at most 4 MiB can be sent. Nothing was sent',
    );
  });

  it("says the server's limit when it refuses a body (413), in the reader's language", () => {
    expect(text(show(<OnboardError error={tooLarge413} />))).toContain(
      'Le serveur a refusé la requête : elle dépasse les 5 Mio qu’il accepte. Rien n’a été modifié.',
    );
    expect(text(show(<OnboardError error={tooLarge413} />, 'en'))).toContain('larger than the 5 MiB');
  });

  it('shows where a malformed file is wrong and that nothing changed, in French and in English', () => {
    const fr = show(<OnboardError error={malformed} />);
    expect(text(fr.querySelector('[role="alert"]'))).toContain(
      'ligne 8, colonne 1 : il manque un caractère fermant (guillemet, crochet ou accolade)',
    );
    expect(text(fr.querySelector('[data-testid="error-location"]'))).toBe(
      'Emplacement : docker-compose.yml:8:1',
    );
    expect(text(fr)).toContain('Rien n’a été créé ni modifié.');
    const en = show(<OnboardError error={malformed} />, 'en');
    expect(text(en)).toContain('line 8, column 1: a closing character is missing');
    expect(text(en)).toContain('Where: docker-compose.yml:8:1');
  });
});
