import type { ProgressEvent } from '@quai/contracts';
import { formatBytes, t, type Lang } from '@quai/contracts/catalog';
import type { IOStreams } from './io.js';
import { paint } from './output.js';

/**
 * Live progress on stderr: each step is a line with the elapsed time; a repeated status line
 * (a build's package count) rewrites itself on a terminal and is printed at most every 30 s
 * elsewhere, so CI logs stay short.
 */
export class Progress {
  private readonly start = performance.now();
  private statusShown = false;
  private lastStatusAt = -Infinity;

  constructor(
    private readonly io: IOStreams,
    private readonly lang: Lang = 'en',
  ) {}

  /** Shows one of core's progress events: steps and warnings as lines, the rest as the live line. */
  event(e: ProgressEvent): void {
    const scope = e.scope === undefined ? '' : `[${e.scope}] `;
    const text = `${scope}${t(this.lang, e.message)}`;
    switch (e.kind) {
      case 'step':
        this.step(text);
        return;
      case 'warning':
        this.step(paint(this.io, 'yellow', text));
        return;
      case 'status':
        this.status(text);
        return;
      case 'count': {
        if (e.total === undefined || e.total === 0) {
          this.status(e.unit === 'bytes' ? `${text} ${formatBytes(this.lang, e.done)}` : text);
          return;
        }
        const width = 20;
        const filled = Math.min(width, Math.round((e.done / e.total) * width));
        const amount =
          e.unit === 'bytes' ? `${formatBytes(this.lang, e.done)}/${formatBytes(this.lang, e.total)}` : '';
        this.status(
          `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${text}${amount === '' ? '' : ` ${amount}`}`,
        );
        return;
      }
    }
  }

  private elapsed(): string {
    return `${((performance.now() - this.start) / 1000).toFixed(1)}s`.padStart(7);
  }

  step(message: string): void {
    this.endStatus();
    this.io.err.write(`${paint(this.io, 'dim', this.elapsed())}  ${message}\n`);
  }

  status(message: string): void {
    if (this.io.errIsTTY) {
      this.io.err.write(`\r\u001b[2K${paint(this.io, 'dim', this.elapsed())}  ${message}`);
      this.statusShown = true;
      return;
    }
    const now = performance.now();
    if (now - this.lastStatusAt >= 30_000) {
      this.lastStatusAt = now;
      this.io.err.write(`${this.elapsed()}  ${message}\n`);
    }
  }

  done(message: string): void {
    this.endStatus();
    this.io.err.write(`${paint(this.io, 'dim', this.elapsed())}  ${paint(this.io, 'green', message)}\n`);
  }

  private endStatus(): void {
    if (this.statusShown) {
      this.io.err.write('\n');
      this.statusShown = false;
    }
  }
}
