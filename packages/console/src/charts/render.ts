import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import { PALETTE, type ChartSpec } from './spec.js';

/*
 * The drawing half of the console's charts, loaded lazily (its own chunk: Chart.js, tree-shaken
 * to the bar and line charts the pages use), so the first render of a page does not pay for it.
 */
Chart.register(
  BarController,
  BarElement,
  LineController,
  LineElement,
  PointElement,
  CategoryScale,
  LinearScale,
  Legend,
  Tooltip,
);

/** Dashes that tell the lines apart without their colour (WCAG 1.4.1). */
const DASHES: readonly number[][] = [[], [6, 4], [2, 3], [10, 3, 2, 3], [1, 1]];

export interface Drawn {
  update(spec: ChartSpec): void;
  destroy(): void;
}

function config(spec: ChartSpec): ConstructorParameters<typeof Chart>[1] {
  const reduced = typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
  return {
    type: spec.type,
    data: {
      labels: [...spec.labels],
      datasets: spec.series.map((s, i) => {
        const color = PALETTE[i % PALETTE.length] ?? '#000';
        return {
          label: s.label,
          data: [...s.values],
          backgroundColor: color,
          borderColor: color,
          borderWidth: spec.type === 'line' ? 2 : 0,
          borderDash: spec.type === 'line' ? [...(DASHES[i % DASHES.length] ?? [])] : [],
          pointRadius: spec.type === 'line' ? 3 : 0,
          pointStyle: (['circle', 'rect', 'triangle', 'rectRot', 'crossRot'] as const)[i % 5],
          spanGaps: true,
          ...(spec.stacked === true ? { stack: 's' } : {}),
        };
      }),
    },
    options: {
      locale: spec.locale,
      animation: reduced ? false : { duration: 200 },
      responsive: true,
      maintainAspectRatio: false,
      interaction: { mode: 'index', intersect: false },
      scales: {
        x: { stacked: spec.stacked === true, ticks: { autoSkip: true, maxRotation: 45 } },
        y: {
          stacked: spec.stacked === true,
          beginAtZero: true,
          ticks: { callback: (v) => spec.format(Number(v)) },
        },
      },
      plugins: {
        legend: { position: 'bottom', labels: { usePointStyle: spec.type === 'line' } },
        tooltip: {
          callbacks: {
            label: (c) =>
              `${c.dataset.label ?? ''}${spec.locale.startsWith('fr') ? ' : ' : ': '}${spec.format(Number(c.parsed.y))}`,
          },
        },
      },
    },
  };
}

/** Draws a chart on a canvas; null when the browser gives no 2D context (the table still tells it all). */
export function draw(canvas: HTMLCanvasElement, spec: ChartSpec): Drawn | null {
  if (canvas.getContext('2d') === null) return null;
  let chart = new Chart(canvas, config(spec));
  return {
    update(next) {
      chart.destroy();
      chart = new Chart(canvas, config(next));
    },
    destroy() {
      chart.destroy();
    },
  };
}
