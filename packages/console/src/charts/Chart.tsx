import { useEffect, useRef } from 'preact/hooks';
import { useI18n } from '../i18n.js';
import type { draw } from './render.js';
import type { ChartSpec } from './spec.js';

interface Renderer {
  readonly draw: typeof draw;
}
let renderer: Promise<Renderer> | undefined;
/** Chart.js comes in its own chunk, asked for by the first chart a page shows. */
const loadRenderer = (): Promise<Renderer> => (renderer ??= import('./render.js'));

let ids = 0;

/**
 * A chart and its text alternative (WCAG 1.1.1, RGAA 1.x): the canvas is an image named by the
 * chart's title that points to the table; the table under it (a disclosure, keyboard reachable)
 * holds every value in the reader's format. Until Chart.js arrives, or where it cannot draw, the
 * table alone tells it all.
 */
export function Chart(props: {
  readonly title: string;
  /** What the x axis holds: the table's first column. */
  readonly xLabel: string;
  readonly spec: ChartSpec;
  /** A sentence that says what the chart shows, for those who do not see it. */
  readonly summary?: string | undefined;
  readonly height?: number;
  readonly testId?: string;
}) {
  const { t } = useI18n();
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawn = useRef<{ update(s: ChartSpec): void; destroy(): void } | null>(null);
  const id = useRef(`chart-${++ids}`);
  const { spec } = props;

  useEffect(() => {
    let gone = false;
    loadRenderer().then(
      (r) => {
        if (gone || canvas.current === null) return;
        try {
          if (drawn.current === null) drawn.current = r.draw(canvas.current, spec);
          else drawn.current.update(spec);
        } catch {
          // A browser without canvas: the table stays.
        }
      },
      () => undefined,
    );
    return () => {
      gone = true;
    };
  }, [spec]);
  useEffect(
    () => () => {
      drawn.current?.destroy();
      drawn.current = null;
    },
    [],
  );

  return (
    <figure class="chart" aria-labelledby={`${id.current}-t`} data-testid={props.testId}>
      <figcaption id={`${id.current}-t`}>{props.title}</figcaption>
      {props.summary === undefined ? null : <p class="muted">{props.summary}</p>}
      <div class="chart-canvas" style={{ height: `${props.height ?? 260}px` }}>
        <canvas ref={canvas} role="img" aria-label={t('console.chart.image', { title: props.title })}>
          {t('console.chart.fallback')}
        </canvas>
      </div>
      <details>
        <summary>{t('console.chart.table')}</summary>
        <div class="scroll">
          <table>
            <caption class="sr-only">{props.title}</caption>
            <thead>
              <tr>
                <th scope="col">{props.xLabel}</th>
                {spec.series.map((s) => (
                  <th scope="col" key={s.label}>
                    {s.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {spec.labels.map((label, i) => (
                <tr key={`${label}-${i}`}>
                  <th scope="row">{label}</th>
                  {spec.series.map((s) => {
                    const v = s.values[i];
                    return <td key={s.label}>{v === null || v === undefined ? '—' : spec.format(v)}</td>;
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
