import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { memoryStreams } from '../src/io.js';
import { COMMANDS } from '../src/commands/index.js';
import { buildProgram, commandOf, durationText } from '../src/program.js';
import { runQuai, type CliResult } from './run-cli.js';

const quai = (...argv: string[]): Promise<CliResult> => runQuai(argv);

function allCommands(cmd: Command, out: Command[] = []): Command[] {
  out.push(cmd);
  for (const c of cmd.commands) allCommands(c, out);
  return out;
}

describe('quai CLI', () => {
  it('prints help with examples and the exit codes', async () => {
    const r = await quai('--help');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Usage: quai [options] [command]');
    expect(r.out).toContain('--kubeconfig <file>');
    expect(r.out).toContain('-n, --namespace <namespace>');
    expect(r.out).toContain('Examples:');
    expect(r.out).toContain('Exit codes:');
  });

  it('prints its version', async () => {
    const r = await quai('--version');
    expect(r.code).toBe(0);
    expect(r.out.trim()).toBe('9.9.9');
  });

  it('gives every runnable command a --help with an example', async () => {
    const io = memoryStreams();
    const program = await buildProgram({
      io,
      env: {},
      signal: new AbortController().signal,
      programName: 'quai',
      version: '0',
      lang: 'en',
      setExitCode: () => undefined,
    });
    const missing = allCommands(program)
      .filter((c) => c.commands.length === 0 && c.name() !== 'help')
      .filter((c) => {
        const help = c.helpInformation() + collectAfterHelp(c);
        return !/Examples?:/.test(help);
      })
      .map((c) => c.name());
    expect(missing).toEqual([]);
    // Every command module is imported (from source): slow on a loaded machine.
  }, 60_000);

  it('finds the command argv runs, past global flags and their values', () => {
    expect(commandOf(['--version'])).toBeUndefined();
    expect(commandOf(['-o', 'json', '--context', 'staging', 'apply', 'app.yaml'])).toBe('apply');
    expect(commandOf(['--lang=fr', '-n', 'default', 'import', 'compose'])).toBe('import');
    expect(commandOf(['help', 'scan'])).toBe('scan');
    expect(commandOf(['--', 'apply'])).toBeUndefined();
  });

  it('lists every command with its summary in both languages', async () => {
    const en = await quai('--help');
    const fr = await runQuai(['--lang', 'fr', '--help']);
    for (const c of COMMANDS) {
      expect(en.out).toMatch(new RegExp(`^  ${c.name} `, 'm'));
      expect(fr.out).toMatch(new RegExp(`^  ${c.name} `, 'm'));
    }
    expect(en.out).toContain('Deploy apps: server-side apply');
    expect(fr.out).toContain('Déployer des applications');
    // The help of one command builds that command in full: its flags and examples.
    const apply = await quai('apply', '--help');
    expect(apply.out).toContain('--timeout <duration>');
    expect(apply.out).toContain('Examples:');
  });

  it('shows the defaults of duration flags as durations', async () => {
    expect([300_000, 20_000, 1500, 7_200_000, 0].map(durationText)).toEqual([
      '5m',
      '20s',
      '1500ms',
      '2h',
      '0',
    ]);
    const up = await quai('dev', 'cluster', 'up', '--help');
    expect(up.out).toMatch(/--timeout <duration>[\s\S]*?\(default: 2m\)/);
    const drill = await quai('backup', 'drill', '--help');
    expect(drill.out).toMatch(/--timeout <duration>[\s\S]*?\(default: 5m\)/);
    expect(drill.out).not.toContain('300000');
  });

  it('prints the shell lines that point kubectl at the local cluster', async () => {
    const state = mkdtempSync(join(tmpdir(), 'quai-state-'));
    const cache = mkdtempSync(join(tmpdir(), "quai-cache-it's-"));
    const clusterDir = join(state, 'devcluster', 'quai');
    const kubeconfig = join(clusterDir, 'kubeconfig');
    mkdirSync(clusterDir, { recursive: true });
    writeFileSync(kubeconfig, 'apiVersion: v1\nkind: Config\n');
    writeFileSync(join(clusterDir, 'state.json'), JSON.stringify({ kubeconfig }));
    const r = await runQuai(['dev', 'cluster', 'env'], { QUAI_STATE_DIR: state, QUAI_CACHE_DIR: cache });
    expect(r.code).toBe(0);
    expect(r.err).toContain('kubectl is not built yet');
    // What a shell gets from eval "$(quai dev cluster env)", quotes and all.
    const seen = execFileSync('sh', ['-c', `${r.out}\nprintf '%s\\n' "$KUBECONFIG" "\${PATH%%:*}"`], {
      encoding: 'utf8',
    });
    expect(seen).toMatch(new RegExp(`^${kubeconfig}\\n${cache}/control-plane/bin/kubernetes-v[\\d.]+\\n$`));
  }, 30_000);

  it('rejects an unknown flag with the usage line and exit code 2', async () => {
    const r = await quai('dev', 'cluster', 'up', '--bogus');
    expect(r.code).toBe(2);
    expect(r.err).toContain("error: unknown option '--bogus'");
    expect(r.err).toContain('Usage: quai dev cluster up [options]');
  });

  it('rejects a bad flag value with exit code 2, naming the flag', async () => {
    const r = await quai('dev', 'cluster', 'up', '--nodes', 'many');
    expect(r.code).toBe(2);
    expect(r.err).toContain("option '--nodes <count>' argument 'many' is invalid");
    const o = await quai('-o', 'xml', 'version');
    expect(o.code).toBe(2);
    expect(o.err).toContain('Allowed choices are text, json, yaml');
  });

  it('suggests the closest command for a typo', async () => {
    const r = await quai('verison');
    expect(r.code).toBe(2);
    expect(r.err).toContain('(Did you mean version?)');
  });

  it('reports a missing kubeconfig with exit code 3, where it looked and how to fix it', async () => {
    const r = await quai('version', '--server', '--kubeconfig', '/nonexistent/config');
    expect(r.code).toBe(3);
    expect(r.err).toContain('[KUBECONFIG_NOT_FOUND]');
    expect(r.err).toContain('/nonexistent/config');
    expect(r.err).toContain('fix:');
  });

  it('prints errors as a JSON body on stdout with -o json', async () => {
    const r = await quai('-o', 'json', 'version', '--server', '--kubeconfig', '/nonexistent/config');
    expect(r.code).toBe(3);
    const body = JSON.parse(r.out) as { error: { code: string; hint: string } };
    expect(body.error.code).toBe('KUBECONFIG_NOT_FOUND');
    expect(body.error.hint).toBeTruthy();
  });

  it('prints version data as JSON and YAML', async () => {
    const j = await quai('version', '-o', 'json');
    expect(JSON.parse(j.out)).toMatchObject({ client: { quai: '9.9.9' } });
    const y = await quai('version', '-o', 'yaml');
    expect(y.out).toContain('quai: 9.9.9');
  });

  it('says the local cluster is not running, with exit code 7', async () => {
    const r = await quai('dev', 'cluster', 'kubeconfig');
    expect(r.code).toBe(7);
    expect(r.err).toContain('quai dev cluster up');
  });

  it('emits a bash completion that completes subcommands and flags', async () => {
    const r = await quai('completion', 'bash');
    expect(r.code).toBe(0);
    const file = join(mkdtempSync(join(tmpdir(), 'quai-comp-')), 'quai.bash');
    writeFileSync(file, r.out);
    const complete = (...words: string[]): string =>
      execFileSync(
        'bash',
        [
          '-c',
          `source ${file}; COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _quai_completion; echo "\${COMPREPLY[*]}"`,
        ],
        { encoding: 'utf8' },
      ).trim();
    expect(complete('quai', 'd')).toBe('demo docs dev');
    expect(complete('quai', 'dev', 'cluster', '')).toContain('kubeconfig');
    expect(complete('quai', 'dev', 'cluster', 'up', '--no')).toBe(
      '--nodes --node-cpu --node-memory --node-pods --no-real-node-taint',
    );
    expect(complete('quai', '-o', 'y')).toBe('yaml');
  });

  it('refuses an unknown shell for completion', async () => {
    const r = await quai('completion', 'powershell');
    expect(r.code).toBe(2);
    expect(r.err).toContain('Unknown shell "powershell"');
  });
});

function collectAfterHelp(cmd: Command): string {
  const io = memoryStreams();
  cmd.configureOutput({ writeOut: (s) => io.out.write(s), writeErr: (s) => io.err.write(s) });
  cmd.outputHelp();
  return io.outText();
}
