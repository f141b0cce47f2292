import type { Command } from 'commander';
import { memoryStreams } from '../src/io.js';
import { buildProgram } from '../src/program.js';

/** The whole command tree, in English, for tests that check command lines Quai writes. */
export function englishProgram(): Promise<Command> {
  return buildProgram({
    io: memoryStreams(),
    env: {},
    signal: new AbortController().signal,
    programName: 'quai',
    version: '0',
    lang: 'en',
    setExitCode: () => undefined,
  });
}

/**
 * What is wrong with a command line (`quai` left out, split in words): an unknown command, or
 * flags the command and its parents do not have.
 */
export function commandLineProblems(program: Command, args: readonly string[]): string[] {
  let cmd: Command = program;
  let i = 0;
  while (i < args.length && !args[i]!.startsWith('-')) {
    const next = cmd.commands.find((c) => c.name() === args[i]);
    if (next === undefined) break;
    cmd = next;
    i++;
  }
  if (cmd === program) return [`unknown command: quai ${args.join(' ')}`];
  const known = new Set<string>();
  for (let c: Command | null = cmd; c !== null; c = c.parent)
    for (const o of c.options) for (const f of [o.long, o.short]) if (f !== undefined) known.add(f);
  return args
    .slice(i)
    .filter((a) => /^--?[a-z]/.test(a))
    .map((a) => a.split('=')[0]!)
    .filter((f) => !known.has(f))
    .map((f) => `quai ${args.slice(0, i).join(' ')}: unknown flag ${f}`);
}
