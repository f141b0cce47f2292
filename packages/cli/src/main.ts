#!/usr/bin/env node
// Start-up matters: scripts and CI jobs call the CLI many times. This file imports only Node's
// own modules before it knows what to run: `quai --version` answers from package.json, and the
// command tree (program.js) loads only the module of the command being run.
import { readFileSync } from 'node:fs';
import module from 'node:module';
import { basename } from 'node:path';

// Node 22.1+ keeps the compiled code of the modules in a cache on disk (what TypeScript's own
// CLI does): the next calls skip compiling them. NODE_DISABLE_COMPILE_CACHE=1 turns it off.
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();

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
  const [{ tr }, { langOf }, { processStreams }, { run }] = await Promise.all([
    import('@quai/contracts/catalog'),
    import('./i18n.js'),
    import('./io.js'),
    import('./program.js'),
  ]);
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
      controller.abort(new Error(`interrupted by ${signal}`));
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
