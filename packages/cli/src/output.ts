import { createRequire } from 'node:module';
import type { OutputFormat } from '@quai/contracts';
import type * as Yaml from 'yaml';
import type { IOStreams } from './io.js';

// The YAML library is loaded only to print YAML (it is 70 modules: `quai --help` does without).
const require = createRequire(import.meta.url);
const yaml = (): typeof Yaml => require('yaml') as typeof Yaml;

/** `data` as a YAML document (the library is loaded on first use). */
export function yamlText(data: unknown): string {
  return yaml().stringify(data);
}

/** Prints `data` as JSON or YAML, or calls `text` for the human form. */
export function print(io: IOStreams, format: OutputFormat, data: unknown, text: () => string): void {
  switch (format) {
    case 'json':
      io.out.write(`${JSON.stringify(data, null, 2)}\n`);
      return;
    case 'yaml':
      io.out.write(yamlText(data));
      return;
    case 'text': {
      const t = text();
      io.out.write(t.endsWith('\n') || t === '' ? t : `${t}\n`);
      return;
    }
  }
}

/** A plain aligned table, like kubectl's. */
export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join('   ')
      .trimEnd();
  return [line(headers), ...rows.map(line)].join('\n');
}

export function paint(
  io: IOStreams,
  code: 'red' | 'green' | 'yellow' | 'dim' | 'bold',
  text: string,
): string {
  if (!io.color) return text;
  const codes = { red: 31, green: 32, yellow: 33, dim: 2, bold: 1 } as const;
  return `\u001b[${codes[code]}m${text}\u001b[0m`;
}
