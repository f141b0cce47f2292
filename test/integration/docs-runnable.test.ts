import { execFile } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import * as devcluster from '@quai/devcluster';

/**
 * The guides cannot rot: every shell block marked runnable in the docs (a fenced block whose info
 * string is `sh runnable`) and every training exercise (docs/training/exercises/*.sh) runs here
 * against the test cluster, with `quai` (this build) and `kubectl` on the PATH.
 *
 * The blocks of one page run in order, in one scratch folder that holds links to the repository's
 * docs/ and examples/ (so `docs/examples/cluster-inventory.yaml` reads as in the guides), with
 * bash -euo pipefail: a failing command fails the page.
 */

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const main = join(root, 'packages/cli/dist/main.js');
const RUNNABLE = /^```sh runnable[ \t]*\n([\s\S]*?)^```[ \t]*$/gm;

function markdownFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...markdownFiles(p));
    else if (e.name.endsWith('.md')) out.push(p);
  }
  return out.sort();
}

const pages = [...markdownFiles(join(root, 'docs')), join(root, 'README.md'), join(root, 'README.fr.md')]
  .filter((f) => existsSync(f))
  .map((file) => ({
    file: relative(root, file),
    blocks: [...readFileSync(file, 'utf8').matchAll(RUNNABLE)].map((m) => m[1] ?? ''),
  }))
  .filter((p) => p.blocks.length > 0);

const exercisesDir = join(root, 'docs/training/exercises');
const exercises = readdirSync(exercisesDir)
  .filter((f) => f.endsWith('.sh'))
  .sort();

let bin = '';

beforeAll(async () => {
  if (!existsSync(main)) throw new Error(`${main} is missing: run \`npm run build\` first (npm test does).`);
  bin = mkdtempSync(join(tmpdir(), 'quai-docs-bin-'));
  writeFileSync(join(bin, 'quai'), `#!/bin/sh\nexec node ${JSON.stringify(main)} "$@"\n`);
  chmodSync(join(bin, 'quai'), 0o755);
  // kubectl built with the local control plane, when there is one; else the one on the PATH.
  const versions = await devcluster.pinnedVersions();
  const kubectl = join(
    devcluster.devClusterPaths(devcluster.DEFAULT_CLUSTER_NAME).binDir,
    `kubernetes-${versions.kubernetes}`,
    'kubectl',
  );
  if (existsSync(kubectl)) symlinkSync(kubectl, join(bin, 'kubectl'));
});

function run(script: string, cwd: string): Promise<{ code: number; out: string }> {
  return new Promise((resolveRun) => {
    execFile(
      'bash',
      ['-euo', 'pipefail', '-c', script],
      {
        cwd,
        env: {
          ...process.env,
          KUBECONFIG: inject('kubeconfig'),
          PATH: `${bin}:${process.env['PATH'] ?? ''}`,
          NO_COLOR: '1',
          // The guides show English output unless a block asks for French (--lang fr).
          LC_ALL: 'C.UTF-8',
        },
        timeout: 300_000,
        maxBuffer: 32 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
        resolveRun({ code, out: `${stdout}${stderr}` });
      },
    );
  });
}

describe('runnable shell blocks of the docs', () => {
  it('finds the blocks and exercises the guides promise', () => {
    expect(pages.length).toBeGreaterThan(3);
    expect(exercises.length).toBeGreaterThanOrEqual(7);
    // Every exercise is listed in the training page of each language, and nothing else is.
    for (const page of ['docs/training.md', 'docs/fr/formation.md']) {
      const text = readFileSync(join(root, page), 'utf8');
      const listed = [...text.matchAll(/exercises\/(\d\d-[a-z0-9-]+\.sh)/g)].map((m) => m[1]);
      expect([...new Set(listed)].sort(), page).toEqual(exercises);
    }
  });

  for (const page of pages) {
    it(`${page.file}: ${page.blocks.length} block(s)`, { timeout: 600_000 }, async () => {
      const cwd = mkdtempSync(join(tmpdir(), 'quai-docs-'));
      symlinkSync(join(root, 'docs'), join(cwd, 'docs'));
      symlinkSync(join(root, 'examples'), join(cwd, 'examples'));
      for (const [i, block] of page.blocks.entries()) {
        const r = await run(block, cwd);
        expect(r.code, `${page.file}, block ${i + 1}:\n${block}\n--- output:\n${r.out}`).toBe(0);
      }
    });
  }

  for (const exercise of exercises) {
    it(`training exercise ${exercise}`, { timeout: 600_000 }, async () => {
      const cwd = mkdtempSync(join(tmpdir(), 'quai-exercise-'));
      const r = await run(`bash ${JSON.stringify(join(exercisesDir, exercise))}`, cwd);
      expect(r.code, `${exercise}:\n${r.out}`).toBe(0);
      expect(r.out).toMatch(/OK: exercise \d done/);
    });
  }
});
