#!/usr/bin/env node
// Start-up matters: scripts and CI jobs call the CLI many times. This file imports only Node's
// own modules before it knows what to run: `quai --version` answers from package.json, and the
// command tree (program.js) loads only the module of the command being run.
import { readFileSync } from 'node:fs';
import module from 'node:module';
import { homedir } from 'node:os';
import { basename, isAbsolute, join } from 'node:path';

// Node 22.1+ keeps the compiled code of the modules in a cache on disk (what TypeScript's own
// CLI does): the next calls skip compiling them. Absent on Node 20 (feature-detected). The cache
// goes in the user's cache folder, not the shared temporary one; NODE_COMPILE_CACHE=DIR puts it
// elsewhere and NODE_DISABLE_COMPILE_CACHE=1 turns it off (both read by Node itself).
const enableCompileCache = (module as { enableCompileCache?: (dir?: string) => unknown }).enableCompileCache;
if (enableCompileCache !== undefined) {
  try {
    enableCompileCache(process.env['NODE_COMPILE_CACHE'] === undefined ? compileCacheDir() : undefined);
  } catch {
    // A cache that cannot be written (read-only home) only makes start-up slower.
  }
}

/** `quai/node-compile-cache` in the user's cache folder, as each system names it. */
function compileCacheDir(): string {
  const env = process.env;
  const xdg = env['XDG_CACHE_HOME'];
  const base =
    xdg !== undefined && isAbsolute(xdg)
      ? xdg
      : process.platform === 'win32'
        ? (env['LOCALAPPDATA'] ?? join(homedir(), 'AppData', 'Local'))
        : process.platform === 'darwin'
          ? join(homedir(), 'Library', 'Caches')
          : join(homedir(), '.cache');
  return join(base, 'quai', 'node-compile-cache');
}

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};
const argv = process.argv.slice(2);

if (argv.length === 1 && argv[0] === '--version') {
  process.stdout.write(`${pkg.version}\n`);
} else {
  await main();
}

async function main(): Promise<void> {
  const { tr, langOf, processStreams, run } = await import('./start.js');
  // The name hints and help show: what the user types. From a clone without a global install,
  // that is `npx quai` (run by npx, or by an npm script of the repository such as `npm run demo`).
  const invokedAs = basename(process.argv[1] ?? 'quai');
  const viaNpx =
    process.env['npm_command'] === 'exec' ||
    (process.env['npm_lifecycle_script'] ?? '').includes('packages/cli/dist/main.js');
  const programName = invokedAs.startsWith('kubectl-') ? 'kubectl quai' : viaNpx ? 'npx quai' : 'quai';

  // `quai ... | head` closes the pipe early: that is not an error.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw error;
    });
  }

  const controller = new AbortController();
  let interrupts = 0;
  const onSignal = (signal: NodeJS.Signals): void => {
    interrupts++;
    if (interrupts === 1) {
      process.stderr.write(`\n${tr(langOf(argv, process.env), 'cli.interrupting', { signal })}\n`);
      // An AbortError: what stops on the signal throws it (throwIfAborted), and it ends as
      // INTERRUPTED, exit 130 (a plain Error would be reported as an internal error, exit 70).
      controller.abort(new DOMException(`interrupted by ${signal}`, 'AbortError'));
    } else {
      process.exit(130);
    }
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  let signalHandled = false;
  const code = await run(argv, {
    io: processStreams(),
    env: process.env,
    signal: controller.signal,
    programName,
    version: pkg.version,
    onSignalHandled: () => {
      signalHandled = true;
    },
  });
  process.exitCode = interrupts > 0 && code === 0 && !signalHandled ? 130 : code;
}
