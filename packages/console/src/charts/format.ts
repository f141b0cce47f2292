import { formatBytes, formatDuration, formatNumber, localeOf, type Lang } from '@quai/contracts/catalog';

/** The formats the capacity, security and backup pages write amounts in (fr-FR by default). */
export interface Formats {
  readonly locale: string;
  /** Millicores as CPUs: `1,5 CPU`. */
  readonly cpu: (millicores: number) => string;
  /** CPUs (a chart's axis, already divided): `1,5 CPU`. */
  readonly cores: (cores: number) => string;
  readonly bytes: (n: number) => string;
  /** A share 0..1 as a percentage: `42 %` in French, `42%` in English; a dash when unknown. */
  readonly pct: (share: number | undefined) => string;
  readonly num: (n: number) => string;
  readonly duration: (ms: number) => string;
  /** A day: `05/03/2026`. */
  readonly day: (iso: string) => string;
}

export function formatsOf(lang: Lang): Formats {
  const locale = localeOf(lang);
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  const dayFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'short' });
  const cores = (c: number): string => `${formatNumber(lang, c, 2)}${lang === 'fr' ? '\u00a0' : ' '}CPU`;
  return {
    locale,
    cpu: (m) => cores(m / 1000),
    cores,
    bytes: (n) => formatBytes(lang, n),
    pct: (s) => (s === undefined || !Number.isFinite(s) ? '—' : percent.format(s)),
    num: (n) => formatNumber(lang, n),
    duration: (ms) => formatDuration(lang, ms),
    day: (iso) => {
      const d = new Date(iso);
      return Number.isNaN(d.getTime()) ? iso : dayFormat.format(d);
    },
  };
}
