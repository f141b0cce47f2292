/** What a chart shows, independent of how it is drawn: the same data feeds its table. */
export interface ChartSeries {
  readonly label: string;
  /** One value per label; null where there is none. */
  readonly values: readonly (number | null)[];
}

export interface ChartSpec {
  readonly type: 'bar' | 'line';
  /** The x axis: categories (nodes, namespaces) or dates already written in the reader's format. */
  readonly labels: readonly string[];
  readonly series: readonly ChartSeries[];
  /** Writes a value in the reader's format (fr-FR: `1,5 CPU`, `2,3 Gio`). */
  readonly format: (value: number) => string;
  /** The BCP 47 locale of the axes (fr-FR, en-GB). */
  readonly locale: string;
  readonly stacked?: boolean;
}

/**
 * Okabe and Ito's colours (told apart with the common colour blindnesses) that keep a contrast of
 * at least 3:1 on white (WCAG 1.4.11), then a darker purple and black; lines also differ by their
 * dashes and points, bars by their place, and the legend and the table name every series.
 */
export const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#6A3D9A', '#000000'] as const;
