import { tr, type Lang } from '@quai/contracts';

/**
 * The text after a command's help: "Examples:" in the CLI's language, the example lines (command
 * lines, not translated), then an optional note from the catalog.
 */
export function examplesText(lang: Lang, lines: readonly string[], note?: string): string {
  return `\n${tr(lang, 'cli.help.examples')}\n${lines.map((x) => `  ${x}`).join('\n')}${note === undefined ? '' : `\n\n${note}`}`;
}
