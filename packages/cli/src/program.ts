import { Command, CommanderError, Option } from 'commander';
import { EXIT_CODES, LANGS, OUTPUT_FORMATS, tr, type Lang } from '@quai/contracts/catalog';
import { formatLocation, toQuaiError, type QuaiError } from '@quai/core/errors';
import { COMMANDS, type CommandEntry, type CommandModule } from './commands/index.js';
import { duration, positiveInt, positiveNumber, setParserLang, type CommandContext } from './context.js';
import { langOf, localizeHelp, translateParseError } from './i18n.js';
import type { IOStreams } from './io.js';
import { paint } from './output.js';

export interface RunOptions {
  readonly io: IOStreams;
  readonly env: NodeJS.ProcessEnv;
  readonly signal: AbortSignal;
  readonly programName?: string;
  readonly version: string;
  /** Called when the command took the interruption as its normal end (see CommandContext). */
  readonly onSignalHandled?: () => void;
}

function fullName(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/** The global flags that take a value: the word after them is not a command. */
const GLOBAL_VALUE_FLAGS = new Set([
  '--kubeconfig',
  '--context',
  '-n',
  '--namespace',
  '-o',
  '--output',
  '--lang',
  '--qps',
  '--burst',
  '--request-timeout',
]);

/**
 * The top-level command argv runs (`quai -o json apply ...`: apply; `quai help apply`: apply),
 * read before the tree is built so that only its module is loaded.
 */
export function commandOf(argv: readonly string[]): string | undefined {
  const words: string[] = [];
  for (let i = 0; i < argv.length && words.length < 2; i++) {
    const a = argv[i] ?? '';
    if (a === '--') break;
    if (a.startsWith('-')) {
      if (GLOBAL_VALUE_FLAGS.has(a)) i++;
      continue;
    }
    words.push(a);
  }
  return words[0] === 'help' ? words[1] : words[0];
}

const isList = (m: CommandModule | readonly CommandModule[]): m is readonly CommandModule[] =>
  Array.isArray(m);

/**
 * The modules of the commands to build in full: the one argv runs (every one for a command that
 * reads the whole tree, or with no argv). The others are listed in help by name and summary only.
 */
async function loadCommands(argv: readonly string[] | undefined): Promise<Map<string, CommandModule>> {
  const target = argv === undefined ? undefined : commandOf(argv);
  const entry = COMMANDS.find((c) => c.name === target);
  const wanted: readonly CommandEntry[] =
    argv === undefined || entry?.needsAll === true ? COMMANDS : entry === undefined ? [] : [entry];
  const loaded = new Map<string, CommandModule>();
  await Promise.all(
    wanted.map(async (c) => {
      const modules = await c.load();
      const list: readonly CommandModule[] = isList(modules) ? modules : [modules];
      const module = list.find((m) => m.name === c.name);
      if (module === undefined) throw new Error(`commands/index.ts: no command "${c.name}" in its module`);
      loaded.set(c.name, module);
    }),
  );
  return loaded;
}

/**
 * Builds the command tree from COMMANDS, with the global flags kubectl users expect. With argv,
 * only the command it runs is built in full (its module imported); without, every command is.
 */
export async function buildProgram(ctx: CommandContext, argv?: readonly string[]): Promise<Command> {
  const modules = await loadCommands(argv);
  const l = ctx.lang;
  const program = new Command(ctx.programName)
    .description(tr(l, 'cli.description'))
    .version(ctx.version, '--version', tr(l, 'cli.flag.version'))
    .helpOption('-h, --help', tr(l, 'cli.flag.help'))
    .helpCommand('help [command]', tr(l, 'cli.flag.helpCommand'))
    .option('--kubeconfig <file>', tr(l, 'cli.flag.kubeconfig'))
    .option('--context <name>', tr(l, 'cli.flag.context'))
    .option('-n, --namespace <namespace>', tr(l, 'cli.flag.namespace'))
    .addOption(
      new Option('-o, --output <format>', tr(l, 'cli.flag.output')).choices(OUTPUT_FORMATS).default('text'),
    )
    .addOption(new Option('--lang <lang>', tr(l, 'cli.flag.lang')).choices(LANGS))
    .option('--qps <n>', tr(l, 'cli.flag.qps'), positiveNumber())
    .option('--burst <n>', tr(l, 'cli.flag.burst'), positiveInt(1, 100_000))
    .addOption(
      new Option('--request-timeout <duration>', tr(l, 'cli.flag.requestTimeout'))
        .argParser(duration())
        .default(30_000, '30s'),
    )
    .showSuggestionAfterError(true);
  program.addHelpText(
    'after',
    `
${tr(l, 'cli.help.examples')}
  ${ctx.programName} demo
  ${ctx.programName} dev cluster up --nodes 10
  ${ctx.programName} version --server --context staging -o json
  ${ctx.programName} --lang fr apply app.yaml --env staging

${tr(l, 'cli.help.exitCodes')}`,
  );
  for (const entry of COMMANDS) {
    const module = modules.get(entry.name);
    if (module === undefined) program.command(entry.name).description(tr(l, entry.summary));
    else module.register(program, ctx);
  }
  const configure = (cmd: Command): void => {
    cmd
      .exitOverride()
      .configureOutput({
        writeOut: (s) => ctx.io.out.write(s),
        writeErr: (s) => ctx.io.err.write(s),
        outputError: (s, write) => write(paint(ctx.io, 'red', translateParseError(l, s))),
      })
      .showHelpAfterError(tr(l, 'cli.help.seeHelp', { command: fullName(cmd), usage: cmd.usage() }));
    if (cmd !== program) cmd.helpOption('-h, --help', tr(l, 'cli.flag.help'));
    for (const option of cmd.options) showDurationDefault(option);
    localizeHelp(cmd, l);
    for (const sub of cmd.commands) configure(sub);
  };
  configure(program);
  return program;
}

/**
 * A duration flag's default in help as a duration the flag takes (`default: 5m`), not as the
 * milliseconds it is parsed into (`default: 300000`).
 */
function showDurationDefault(option: Option): void {
  if (!option.flags.includes('<duration>') || typeof option.defaultValue !== 'number') return;
  if (option.defaultValueDescription !== undefined) return;
  option.defaultValueDescription = durationText(option.defaultValue);
}

/** Milliseconds as the duration flags write them: 300000 is 5m, 1500 is 1500ms, 0 is 0. */
export function durationText(ms: number): string {
  if (ms === 0) return '0';
  for (const [unit, size] of [
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1000],
  ] as const) {
    if (ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${ms}ms`;
}

function printError(io: IOStreams, error: QuaiError, json: boolean, lang: Lang): void {
  if (json) io.out.write(`${JSON.stringify(error.toBody(lang), null, 2)}\n`);
  const where = formatLocation(error.location, lang);
  const message = error.messageIn(lang);
  const colon = lang === 'fr' ? ' :' : ':';
  const lines = [`${paint(io, 'red', tr(lang, 'cli.error'))} [${error.code}]${colon} ${message}`];
  if (where !== '' && !message.includes(where))
    lines.push(`  ${tr(lang, 'cli.error.where')}${colon} ${where}`);
  const hint = error.hintIn(lang);
  if (hint) lines.push(`  ${paint(io, 'bold', tr(lang, 'cli.error.fix'))}${colon} ${hint}`);
  const tail = error.details?.['logTail'];
  if (typeof tail === 'string' && tail !== '') {
    lines.push(`  ${tr(lang, 'cli.error.logTail')}`, ...tail.split('\n').map((l) => `    ${l}`));
  }
  io.err.write(`${lines.join('\n')}\n`);
}

/** Runs the CLI with argv (without node and the script); returns the exit code. */
export async function run(argv: readonly string[], options: RunOptions): Promise<number> {
  let exitCode: number = EXIT_CODES.ok;
  const lang = langOf(argv, options.env);
  setParserLang(lang);
  // With -o json, stdout holds exactly one JSON document: a result, or an error, never both.
  let wroteOut = false;
  const out = options.io.out;
  const io: IOStreams = {
    ...options.io,
    out: new Proxy(out, {
      get(target, prop, receiver) {
        if (prop === 'write') {
          return (...args: Parameters<NodeJS.WritableStream['write']>) => {
            wroteOut = true;
            return (target.write as (...a: unknown[]) => boolean)(...args);
          };
        }
        return Reflect.get(target, prop, receiver) as unknown;
      },
    }),
  };
  const ctx: CommandContext = {
    io,
    env: options.env,
    signal: options.signal,
    programName: options.programName ?? 'quai',
    version: options.version,
    lang,
    ...(options.onSignalHandled === undefined ? {} : { signalHandled: options.onSignalHandled }),
    setExitCode: (code) => {
      exitCode = code;
    },
  };
  let program: Command | undefined;
  try {
    program = await buildProgram(ctx, argv);
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(error.code)) {
        return EXIT_CODES.ok;
      }
      // "(outputHelp)" is commander's code when a command group is run without a subcommand.
      return error.code === '(outputHelp)' ? EXIT_CODES.ok : EXIT_CODES.usage;
    }
    const quaiError = toQuaiError(error);
    const json = program?.opts()['output'] === 'json' && !wroteOut;
    printError(ctx.io, quaiError, json, lang);
    return quaiError.exitCode;
  }
}
