import { msg } from '@quai/contracts';
import { QuaiError } from '../errors/index.js';

/** One line of a backup's log (`log.jsonl` beside its index): JSON, one object a line. */
export interface LogLine {
  readonly time: string;
  readonly level: 'info' | 'warning' | 'error';
  readonly message: string;
  /** Objects per kind, on the closing line. */
  readonly counts?: Readonly<Record<string, number>>;
}

/** Files a target keeps beside a backup's index: its log and its drill reports. */
export const EXTRA_PATH = /^(log\.jsonl|drills\/[0-9A-Za-z.-]+\.json)$/;

export function checkExtraPath(path: string): void {
  if (!EXTRA_PATH.test(path)) {
    throw new QuaiError('INPUT_INVALID', msg('backup.log.notExtra', { path }), {
      hint: msg('backup.log.notExtraHint'),
    });
  }
}

/** Collects a backup's log lines in memory; written once, atomically, when the backup ends. */
export class BackupLog {
  readonly lines: LogLine[] = [];
  constructor(
    private readonly now: () => Date = () => new Date(),
    private readonly echo?: (line: LogLine) => void,
  ) {}

  add(level: LogLine['level'], message: string, counts?: Readonly<Record<string, number>>): void {
    const line: LogLine = {
      time: this.now().toISOString(),
      level,
      message,
      ...(counts ? { counts } : {}),
    };
    this.lines.push(line);
    this.echo?.(line);
  }

  info(message: string, counts?: Readonly<Record<string, number>>): void {
    this.add('info', message, counts);
  }

  toBuffer(): Buffer {
    return Buffer.from(this.lines.map((l) => `${JSON.stringify(l)}\n`).join(''));
  }
}

/** Reads a log back; a line that is not a log line is reported, not skipped silently. */
export function parseLog(text: string, where: string): LogLine[] {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l, i) => {
      try {
        const o = JSON.parse(l) as Partial<LogLine>;
        if (typeof o.time === 'string' && typeof o.message === 'string' && typeof o.level === 'string')
          return o as LogLine;
      } catch {
        // reported below
      }
      throw new QuaiError('INPUT_INVALID', msg('backup.log.badLine', { line: i + 1, file: where }), {
        location: { file: where, line: i + 1 },
        hint: msg('backup.log.badLineHint'),
      });
    });
}
