import { describe, expect, it } from 'vitest';
import {
  CATALOG_PARTS,
  ERROR_CODES,
  formatBytes,
  formatDecimal,
  formatDuration,
  formatNumber,
  langFromAcceptLanguage,
  langFromEnvironment,
  localize,
  MESSAGES,
  msg,
  OUTCOMES,
  t,
  tr,
} from '../src/index.js';
import { formatTemplate } from '../src/i18n.js';

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{([A-Za-z_][\w.]*)(?:\|[^|{}]*\|[^|{}]*)?\}/g)].map((m) => m[1]!).sort();
}

describe('the message catalog', () => {
  it('has the same placeholders in English and French for every message', () => {
    const wrong = Object.entries(MESSAGES)
      .filter(([, m]) => placeholders(m.en).join(',') !== placeholders(m.fr).join(','))
      .map(([id]) => id);
    expect(wrong).toEqual([]);
  });

  it('has a French text that is not empty for every message', () => {
    expect(Object.entries(MESSAGES).filter(([, m]) => m.fr.trim() === '' || m.en.trim() === '')).toEqual([]);
  });

  it('keeps each domain file to its own prefix, with no id twice', () => {
    const seen = new Set<string>();
    for (const [domain, part] of Object.entries(CATALOG_PARTS)) {
      for (const id of Object.keys(part)) {
        expect(id.startsWith(`${domain}.`), `${id} in ${domain}`).toBe(true);
        expect(seen.has(id), id).toBe(false);
        seen.add(id);
      }
    }
  });

  it('says every error code and outcome in both languages', () => {
    for (const info of [...Object.values(ERROR_CODES), ...Object.values(OUTCOMES)]) {
      expect(info.summary.en).not.toBe('');
      expect(info.summary.fr).not.toBe(info.summary.en);
    }
  });
});

describe('formatting', () => {
  it('fills placeholders, nested messages included', () => {
    const m = msg('deploy.failedLine', { reason: msg('deploy.state.failed') });
    expect(t('en', m)).toBe('failed: failed');
    expect(t('fr', m)).toBe('échec : en échec');
  });

  it('writes a revision line in one language: status word and decimal comma translated', () => {
    const line = (lang: 'en' | 'fr') =>
      tr(lang, 'devcluster.demo.revision', {
        app: 'grist',
        revision: 1,
        status: msg('deploy.status.deployed'),
        seconds: formatDecimal(lang, 0.4),
      });
    expect(line('en')).toBe('grist revision 1 deployed in 0.4s');
    expect(line('fr')).toBe('grist révision 1 déployée en 0,4 s');
    expect(formatDecimal('en', 12)).toBe('12.0');
  });

  it('chooses plural forms by each language rule (0 is singular in French)', () => {
    expect(tr('en', 'common.objects', { count: 0 })).toBe('0 objects');
    expect(tr('fr', 'common.objects', { count: 0 })).toBe('0 objet');
    expect(tr('fr', 'common.objects', { count: 2 })).toBe('2 objets');
    expect(tr('en', 'common.objects', { count: 1 })).toBe('1 object');
    // @ts-expect-error: the English text names {count}, so a missing parameter does not compile
    msg('common.objects');
    // @ts-expect-error: an unknown id does not compile
    msg('common.nope');
  });

  it('formats a template the same every time it is used (templates are cut once and kept)', () => {
    const none = (): undefined => undefined;
    const template = 'at {file}:{line}, {n|# item|# items} {missing} {not a placeholder} {}';
    for (let i = 0; i < 3; i++) {
      expect(formatTemplate('en', template, { file: 'a.yaml', line: 3, n: 1 }, none)).toBe(
        'at a.yaml:3, 1 item {missing} {not a placeholder} {}',
      );
      expect(formatTemplate('en', template, { file: 'b.yaml', line: 4, n: 2 }, none)).toBe(
        'at b.yaml:4, 2 items {missing} {not a placeholder} {}',
      );
    }
    expect(formatTemplate('en', 'no placeholder', undefined, none)).toBe('no placeholder');
    expect(formatTemplate('en', '', undefined, none)).toBe('');
    expect(formatTemplate('en', '{x}', { x: 'only' }, none)).toBe('only');
  });

  it('turns messages inside a result into text, and leaves other objects alone', () => {
    const result = { a: msg('deploy.state.ready'), vuln: { id: 'CVE-2024-1' }, list: [msg('common.yes')] };
    expect(localize(result, 'fr')).toEqual({ a: 'prêt', vuln: { id: 'CVE-2024-1' }, list: ['oui'] });
  });

  it('formats sizes and durations the French way', () => {
    expect(formatBytes('fr', 1536 * 1024 * 1024)).toBe('1,5\u00a0Gio');
    expect(formatBytes('en', 1536 * 1024 * 1024)).toBe('1.5 GiB');
    expect(formatDuration('fr', 1500)).toBe('1,5\u00a0s');
    expect(formatDuration('en', 125_000)).toBe('2 min 5 s');
  });

  it('writes numbers as Intl.NumberFormat does, in both languages (numbers below 1000 are written without it)', () => {
    // Halves round away from zero on the shortest spelling (1.15 -> 1.2, where toFixed gives 1.1),
    // trailing zeros go, 999.95 becomes 1,000 (grouped), negatives and large numbers too.
    const values = [
      0,
      -0,
      0.04,
      0.05,
      0.5,
      0.95,
      1.05,
      1.15,
      1.45,
      2.25,
      12,
      99.99999,
      999.94999,
      999.95,
      1023.96,
      12_345.6,
      -1.5,
      5e-7,
      1e-7,
      Number.NaN,
      Number.POSITIVE_INFINITY,
    ];
    for (let i = 0; i < 3000; i++) values.push(i / 7, (i * 1.37) % 1100, i / 3);
    for (const lang of ['en', 'fr'] as const) {
      const locale = lang === 'fr' ? 'fr-FR' : 'en-GB';
      for (const digits of [0, 1, 2, 3]) {
        const upTo = new Intl.NumberFormat(locale, { maximumFractionDigits: digits });
        const exactly = new Intl.NumberFormat(locale, {
          minimumFractionDigits: digits,
          maximumFractionDigits: digits,
        });
        const wrong = values.filter(
          (v) =>
            formatNumber(lang, v, digits) !== upTo.format(v) ||
            formatDecimal(lang, v, digits) !== exactly.format(v),
        );
        expect(wrong, `${lang}, ${digits} digits`).toEqual([]);
      }
    }
    expect(formatNumber('fr', 1.15)).toBe('1,2');
    expect(formatNumber('en', 999.95)).toBe('1,000');
  });
});

describe('choosing the language', () => {
  it('follows LC_ALL, then LC_MESSAGES, then LANG, as Unix tools do', () => {
    expect(langFromEnvironment({ LANG: 'fr_FR.UTF-8' })).toBe('fr');
    expect(langFromEnvironment({ LANG: 'fr_FR.UTF-8', LC_ALL: 'C' })).toBe('en');
    expect(langFromEnvironment({ LANG: 'en_US.UTF-8', LC_MESSAGES: 'fr_BE' })).toBe('fr');
    expect(langFromEnvironment({})).toBe('en');
  });

  it('reads Accept-Language with its weights', () => {
    expect(langFromAcceptLanguage('en;q=0.5, fr-FR;q=0.9')).toBe('fr');
    expect(langFromAcceptLanguage('de, en;q=0.1')).toBe('en');
    expect(langFromAcceptLanguage('de')).toBeUndefined();
  });
});
