/**
 * Run-time helper of the bundled CLI (scripts/bundle-cli.ts): the URL a workspace module would
 * have unbundled, for the modules that locate files beside their own code.
 */
import { existsSync, realpathSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const roots = new Map<string, string>();

/** The folder of workspace package `name` as Node resolves it from the CLI's folder. */
function packageRoot(cliRoot: string, name: string): string {
  if (name === 'cli') return cliRoot;
  const known = roots.get(name);
  if (known !== undefined) return known;
  for (let dir = cliRoot; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', '@quai', name);
    if (existsSync(candidate)) {
      const root = realpathSync(candidate);
      roots.set(name, root);
      return root;
    }
    if (dirname(dir) === dir) {
      throw new Error(`the bundled CLI in ${cliRoot} cannot find its package @quai/${name}`);
    }
  }
}

/**
 * `chunkUrl`: the bundle file's own URL (<cli>/dist/bundle/...); `name`: the workspace package
 * (contracts, core, ...); `file`: the module's built file in it (dist/x/y.js).
 */
export function quaiModuleUrl(chunkUrl: string, name: string, file: string): string {
  // The chunk is <cli>/dist/bundle/main.js or <cli>/dist/bundle/chunks/*.js.
  let dir = dirname(fileURLToPath(chunkUrl));
  while (!(basename(dir) === 'bundle' && basename(dirname(dir)) === 'dist')) {
    if (dirname(dir) === dir) throw new Error(`${chunkUrl} is not in a dist/bundle folder`);
    dir = dirname(dir);
  }
  return pathToFileURL(join(packageRoot(dirname(dirname(dir)), name), file)).href;
}
