import { Command, CommanderError, Option } from 'commander';
import { EXIT_CODES, OUTPUT_FORMATS } from '@quai/contracts';
import { formatLocation, toQuaiError, type QuaiError } from '@quai/core';
import { COMMANDS } from './commands/index.js';
import { duration, positiveInt, positiveNumber, type CommandContext } from './context.js';
import type { IOStreams } from './io.js';
import { paint } from './output.js';

export interface RunOptions {
  readonly io: IOStreams;
  readonly env: NodeJS.ProcessEnv;
  readonly signal: AbortSignal;
  readonly programName?: string;
  readonly version: string;
}

function fullName(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/** Builds the whole command tree from COMMANDS, with the global flags kubectl users expect. */
export function buildProgram(ctx: CommandContext): Command {
  const program = new Command(ctx.programName)
    .description('Quai: run container applications on Kubernetes, from compose file to production')
    .version(ctx.version, '--version', 'print the version and exit')
    .option('--kubeconfig <file>', 'kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
    .option('--context <name>', 'kubeconfig context to use')
    .option('-n, --namespace <namespace>', 'namespace to work in')
    .addOption(new Option('-o, --output <format>', 'output format').choices(OUTPUT_FORMATS).default('text'))
    .option('--qps <n>', 'client-side limit of API requests a second (0: none)', positiveNumber(), 50)
    .option('--burst <n>', 'API requests allowed at once above --qps', positiveInt(1, 100_000), 100)
    .addOption(
      new Option('--request-timeout <duration>', 'time limit of one API request')
        .argParser(duration())
        .default(30_000, '30s'),
    )
    .showSuggestionAfterError(true);
  program.addHelpText(
    'after',
    `
Examples:
  ${ctx.programName} demo                      # local control plane and its nodes
  ${ctx.programName} dev cluster up --nodes 10
  ${ctx.programName} version --server --context staging -o json

Exit codes: 0 ok, 1 findings or changes, 2 usage or input error, 3 configuration,
4 cluster unreachable or timeout, 5 refused by the API server, 6 missing prerequisite,
7 operation failed, 130 interrupted (docs/exit-codes.md).`,
  );
  for (const module of COMMANDS) module.register(program, ctx);
  const configure = (cmd: Command): void => {
    cmd
      .exitOverride()
      .configureOutput({
        writeOut: (s) => ctx.io.out.write(s),
        writeErr: (s) => ctx.io.err.write(s),
        outputError: (s, write) => write(paint(ctx.io, 'red', s)),
      })
      .showHelpAfterError(
        `Usage: ${fullName(cmd)} ${cmd.usage()}\nRun "${fullName(cmd)} --help" for details and examples.`,
      );
    for (const sub of cmd.commands) configure(sub);
  };
  configure(program);
  return program;
}

function printError(io: IOStreams, error: QuaiError, json: boolean): void {
  if (json) io.out.write(`${JSON.stringify(error.toBody(), null, 2)}\n`);
  const where = formatLocation(error.location);
  const lines = [`${paint(io, 'red', 'error')} [${error.code}]: ${error.message}`];
  if (where !== '' && !error.message.includes(where)) lines.push(`  where: ${where}`);
  if (error.hint) lines.push(`  ${paint(io, 'bold', 'fix')}: ${error.hint}`);
  const tail = error.details?.['logTail'];
  if (typeof tail === 'string' && tail !== '') {
    lines.push('  last lines of the log:', ...tail.split('\n').map((l) => `    ${l}`));
  }
  io.err.write(`${lines.join('\n')}\n`);
}

/** Runs the CLI with argv (without node and the script); returns the exit code. */
export async function run(argv: readonly string[], options: RunOptions): Promise<number> {
  let exitCode: number = EXIT_CODES.ok;
  const ctx: CommandContext = {
    io: options.io,
    env: options.env,
    signal: options.signal,
    programName: options.programName ?? 'quai',
    version: options.version,
    setExitCode: (code) => {
      exitCode = code;
    },
  };
  const program = buildProgram(ctx);
  try {
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
    const json = program.opts()['output'] === 'json';
    printError(ctx.io, quaiError, json);
    return quaiError.exitCode;
  }
}
