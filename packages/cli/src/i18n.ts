import { langFromEnvironment, LANGS, tr, type Lang } from '@quai/contracts/catalog';
import { Help, type Command } from 'commander';

/**
 * The CLI's language: `--lang` wins, then LC_ALL, LC_MESSAGES and LANG as Unix tools read them.
 * It is read before the command tree is built, because help texts are built in it.
 */
export function langOf(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): Lang {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a === '--') break;
    const value =
      a === '--lang' ? argv[i + 1] : a.startsWith('--lang=') ? a.slice('--lang='.length) : undefined;
    if (value !== undefined && (LANGS as readonly string[]).includes(value)) return value as Lang;
  }
  return langFromEnvironment(env);
}

type TitleId =
  | 'cli.help.usage'
  | 'cli.help.options'
  | 'cli.help.globalOptions'
  | 'cli.help.commands'
  | 'cli.help.arguments';

const TITLES: Readonly<Record<string, TitleId>> = {
  'Usage:': 'cli.help.usage',
  'Options:': 'cli.help.options',
  'Global Options:': 'cli.help.globalOptions',
  'Commands:': 'cli.help.commands',
  'Arguments:': 'cli.help.arguments',
};

/** Help in the CLI's language: headings, and the "(default: ...)" and "(choices: ...)" notes. */
export function localizeHelp(cmd: Command, lang: Lang): void {
  if (lang === 'en') return;
  cmd.configureHelp({
    styleTitle: (title: string) => {
      const id = TITLES[title];
      return id === undefined ? title : tr(lang, id);
    },
    optionDescription(this: Help, option) {
      return notes(lang, Help.prototype.optionDescription.call(this, option));
    },
    argumentDescription(this: Help, argument) {
      return notes(lang, Help.prototype.argumentDescription.call(this, argument));
    },
  });
}

function notes(lang: Lang, text: string): string {
  return text
    .replace(/([(,] ?)choices: /, `$1${tr(lang, 'cli.help.choices')} : `)
    .replace(/([(,] ?)default: /, `$1${tr(lang, 'cli.help.default')} : `);
}

/**
 * Commander's parse errors in the CLI's language. Commander writes them in English; each known
 * form is recognised and said again from the catalog, anything else is kept as it is.
 */
export function translateParseError(lang: Lang, text: string): string {
  if (lang === 'en') return text;
  let body = text.replace(/^error: /, '').replace(/\n$/, '');
  let suggestion = '';
  const similar = /\n\(Did you mean (?:one of )?(.+)\?\)$/.exec(body);
  if (similar !== null) {
    suggestion = `\n${tr(lang, 'cli.parse.didYouMean', { suggestion: similar[1] ?? '' })}`;
    body = body.slice(0, similar.index);
  }
  const rules: [RegExp, (m: RegExpExecArray) => string][] = [
    [/^unknown option '(.+)'$/, (m) => tr(lang, 'cli.parse.unknownOption', { option: m[1] ?? '' })],
    [/^unknown command '(.+)'$/, (m) => tr(lang, 'cli.parse.unknownCommand', { command: m[1] ?? '' })],
    [
      /^missing required argument '(.+)'$/,
      (m) => tr(lang, 'cli.parse.missingArgument', { argument: m[1] ?? '' }),
    ],
    [
      /^option '(.+)' argument missing$/,
      (m) => tr(lang, 'cli.parse.missingOptionValue', { option: m[1] ?? '' }),
    ],
    [
      /^required option '(.+)' not specified$/,
      (m) => tr(lang, 'cli.parse.requiredOption', { option: m[1] ?? '' }),
    ],
    [
      /^too many arguments(?: for '(.+)')?\. Expected (\d+) arguments? but got (\d+)\.$/,
      (m) =>
        tr(lang, 'cli.parse.tooManyArguments', {
          forCommand: m[1] === undefined ? '' : tr(lang, 'cli.parse.forCommand', { command: m[1] }),
          expected: m[2] ?? '',
          got: m[3] ?? '',
        }),
    ],
    [
      /^option '(.+)' argument '(.*)' is invalid\. ?([\s\S]*)$/,
      (m) =>
        tr(lang, 'cli.parse.invalidValue', {
          option: m[1] ?? '',
          value: m[2] ?? '',
          reason: choices(lang, m[3] ?? ''),
        }),
    ],
    [
      /^command-argument value '(.*)' is invalid for argument '(.+)'\. ?([\s\S]*)$/,
      (m) =>
        tr(lang, 'cli.parse.invalidArgument', {
          value: m[1] ?? '',
          argument: m[2] ?? '',
          reason: choices(lang, m[3] ?? ''),
        }),
    ],
    [
      /^option '(.+)' cannot be used with option '(.+)'$/,
      (m) => tr(lang, 'cli.parse.conflictingOption', { option: m[1] ?? '', other: m[2] ?? '' }),
    ],
  ];
  for (const [re, say] of rules) {
    const m = re.exec(body);
    if (m !== null) return `${tr(lang, 'cli.error')} : ${say(m)}${suggestion}\n`;
  }
  return text;
}

function choices(lang: Lang, reason: string): string {
  const m = /^Allowed choices are (.+)\.$/.exec(reason);
  return m === null ? reason : tr(lang, 'cli.parse.choices', { choices: m[1] ?? '' });
}
