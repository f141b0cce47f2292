#!/usr/bin/env node
// The `quai` and `kubectl-quai` commands: they run the built CLI, its bundle dist/bundle/main.js
// (one file per command, scripts/bundle-cli.ts: faster to start), or dist/main.js, module for
// module, when there is no bundle or it is older than the last compilation. This file is committed, not built, so that `npm ci` links it
// on the PATH of npm scripts and `npx` even before the first build (npm links a workspace's bin
// only if the file exists at install time).
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const mtime = (url) => {
  try {
    return statSync(fileURLToPath(url)).mtimeMs;
  } catch {
    return 0;
  }
};
const bundle = new URL('../dist/bundle/main.js', import.meta.url);
// In the repository, a `tsc -b` run after the last `npm run build` leaves the bundle behind the
// modules it was made from: the modules then run (the npm package has no build info files).
const compiled = Math.max(
  ...['cli', 'core', 'contracts', 'api', 'devcluster'].map((p) =>
    mtime(new URL(`../../${p}/tsconfig.tsbuildinfo`, import.meta.url)),
  ),
);
const main =
  existsSync(fileURLToPath(bundle)) && mtime(bundle) >= compiled
    ? bundle
    : new URL('../dist/main.js', import.meta.url);
if (!existsSync(fileURLToPath(main))) {
  const root = fileURLToPath(new URL('../../..', import.meta.url)).replace(/\/$/, '');
  process.stderr.write(
    `quai is not built yet (${fileURLToPath(main)} is missing).\n` +
      `  Fix: run \`npm run build\` (or \`npm run demo\`) in ${root}, then try again.\n`,
  );
  // 6: a missing prerequisite (docs/exit-codes.md).
  process.exit(6);
}
await import(main.href);
