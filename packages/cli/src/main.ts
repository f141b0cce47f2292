#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { tr } from '@quai/contracts';
import { langOf } from './i18n.js';
import { processStreams } from './io.js';
import { run } from './program.js';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

const invokedAs = basename(process.argv[1] ?? 'quai');
const programName = invokedAs.startsWith('kubectl-') ? 'kubectl quai' : 'quai';

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
    process.stderr.write(
      `\n${tr(langOf(process.argv.slice(2), process.env), 'cli.interrupting', { signal })}\n`,
    );
    controller.abort(new Error(`interrupted by ${signal}`));
  } else {
    process.exit(130);
  }
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

let signalHandled = false;
const code = await run(process.argv.slice(2), {
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
