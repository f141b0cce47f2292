import type { Command } from 'commander';
import { msg } from '@quai/contracts';
import { QuaiError } from '@quai/core/errors';
import type { CommandModule } from './types.js';

interface Node {
  readonly path: readonly string[];
  readonly subcommands: readonly string[];
  readonly flags: readonly string[];
}

function walk(cmd: Command, path: readonly string[], globalFlags: readonly string[], out: Node[]): void {
  const flags = [...globalFlags];
  for (const o of cmd.options) {
    if (o.long) flags.push(o.long);
    if (o.short) flags.push(o.short);
  }
  const subs = cmd.commands
    .filter((c) => !(c as Command & { _hidden?: boolean })._hidden)
    .map((c) => c.name());
  out.push({ path, subcommands: subs, flags: [...new Set([...flags, '--help'])] });
  for (const c of cmd.commands) walk(c, [...path, c.name()], path.length === 0 ? flags : globalFlags, out);
}

function bash(name: string, nodes: readonly Node[]): string {
  const fn = `_${name.replace(/[^a-zA-Z0-9]/g, '_')}_completion`;
  const known = nodes.map((n) => n.path.join(' ')).join('|');
  const cases = nodes
    .map((n) => `    "${n.path.join(' ')}") words_="${[...n.subcommands, ...n.flags].join(' ')}" ;;`)
    .join('\n');
  return `# bash completion for ${name}; load with: source <(${name} completion bash)
${fn}() {
  local cur prev path_ words_ i w candidate
  local known="|${known}|"
  cur="\${COMP_WORDS[COMP_CWORD]}"
  prev="\${COMP_WORDS[COMP_CWORD-1]}"
  path_=""
  for ((i = 1; i < COMP_CWORD; i++)); do
    w="\${COMP_WORDS[i]}"
    [[ "$w" == -* ]] && continue
    candidate="\${path_:+$path_ }$w"
    [[ "$known" == *"|$candidate|"* ]] && path_="$candidate"
  done
  if [[ "$prev" == "-o" || "$prev" == "--output" ]]; then
    COMPREPLY=($(compgen -W "text json yaml" -- "$cur")); return
  fi
  case "$path_" in
${cases}
    *) words_="" ;;
  esac
  COMPREPLY=($(compgen -W "$words_" -- "$cur"))
}
complete -o default -F ${fn} ${name}
complete -o default -F ${fn} kubectl-${name}
`;
}

function zsh(name: string, nodes: readonly Node[]): string {
  return `#compdef ${name}
# zsh completion for ${name}; load with: source <(${name} completion zsh)
autoload -U +X bashcompinit && bashcompinit
${bash(name, nodes)}`;
}

function fish(name: string, nodes: readonly Node[]): string {
  const lines = [`# fish completion for ${name}; load with: ${name} completion fish | source`];
  for (const n of nodes) {
    const cond =
      n.path.length === 0
        ? '__fish_use_subcommand'
        : `__fish_seen_subcommand_from ${n.path[n.path.length - 1] ?? ''}`;
    for (const s of n.subcommands) lines.push(`complete -c ${name} -f -n '${cond}' -a ${s}`);
    for (const f of n.flags.filter((x) => x.startsWith('--'))) {
      lines.push(`complete -c ${name} -n '${cond}' -l ${f.slice(2)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

export const completionCommand: CommandModule = {
  name: 'completion',
  register(parent, ctx) {
    const cmd = parent
      .command('completion')
      .description('Print a shell completion script (bash, zsh or fish)')
      .argument('<shell>', 'bash, zsh or fish');
    cmd.addHelpText(
      'after',
      `\nExamples:\n  source <(quai completion bash)            # this shell only\n  quai completion bash > /etc/bash_completion.d/quai\n  quai completion fish | source`,
    );
    cmd.action((shell: string) => {
      const nodes: Node[] = [];
      let root: Command = cmd;
      while (root.parent) root = root.parent;
      walk(root, [], [], nodes);
      const name = 'quai';
      switch (shell) {
        case 'bash':
          ctx.io.out.write(bash(name, nodes));
          return;
        case 'zsh':
          ctx.io.out.write(zsh(name, nodes));
          return;
        case 'fish':
          ctx.io.out.write(fish(name, nodes));
          return;
        default:
          throw new QuaiError('USAGE', msg('cli.completion.unknownShell', { shell }), {
            hint: msg('cli.completion.unknownShellHint'),
          });
      }
    });
  },
};
