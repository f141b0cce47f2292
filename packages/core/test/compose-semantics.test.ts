// The compose-semantics oracle: on every project of the corpus (test/corpus/), Quai's reading of
// the compose files (merge, interpolation, .env and env_file, variables without a value, ports,
// volumes, depends_on, networks, commands) is compared with compose-spec/compose-go's loader, the
// library `docker compose config` itself runs, built from the Go module proxy into the cache by
// test/components/compose-config/build.sh.
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { onboard } from '../src/index.js';

const CORPUS = resolve('test/corpus');

interface Source {
  import: { files: string[]; envFiles?: string[]; env?: Record<string, string> };
  expect?: { import?: 'refused'; composeRefuses?: string };
}

/** Where compose-go and Quai part on purpose, with the reason (anything else fails the test). */
const KNOWN: Readonly<Record<string, string>> = {
  // docker compose refuses the file (an undefined network); Quai imports it and says so.
  idelibre: 'refers to undefined network',
};

let oracle: string;
beforeAll(() => {
  oracle = execFileSync('bash', ['test/components/compose-config/build.sh'], { encoding: 'utf8' }).trim();
}, 600_000);

function source(project: string): Source {
  return parse(readFileSync(join(CORPUS, project, 'SOURCE.yaml'), 'utf8')) as Source;
}

type Json = Record<string, any>;

/** compose-go's project in the shape of onboard.normalizeProject. */
function normalizeComposeGo(project: Json): Record<string, onboard.NormalizedService> {
  const out: Record<string, onboard.NormalizedService> = {};
  for (const [name, s] of Object.entries<Json>(project['services'] ?? {})) {
    out[name] = {
      ...(s['image'] !== undefined ? { image: s['image'] } : {}),
      environment: s['environment'] ?? {},
      ports: (s['ports'] ?? [])
        .map(
          (p: Json) =>
            `${p['host_ip'] ?? ''}:${p['published'] ?? ''}:${p['target']}/${p['protocol'] ?? 'tcp'}`,
        )
        .sort(),
      volumes: (s['volumes'] ?? [])
        // compose-go keeps an absolute source as written: /data/x/ and /data/x are one folder.
        .map(
          (v: Json) =>
            `${v['type']}:${String(v['source'] ?? '').replace(/(.)\/+$/, '$1')}:${v['target']}${v['read_only'] ? ':ro' : ''}`,
        )
        .sort(),
      dependsOn: Object.fromEntries(
        Object.entries<Json>(s['depends_on'] ?? {}).map(([k, v]) => [k, v['condition']]),
      ),
      networks: s['network_mode'] !== undefined ? [] : Object.keys(s['networks'] ?? {}).sort(),
      ...(s['command'] ? { command: s['command'] } : {}),
      ...(s['entrypoint'] ? { entrypoint: s['entrypoint'] } : {}),
      ...(s['user'] !== undefined ? { user: s['user'] } : {}),
      ...(s['restart'] !== undefined ? { restart: s['restart'] } : {}),
      ...(s['container_name'] !== undefined ? { containerName: s['container_name'] } : {}),
    };
  }
  return out;
}

const projects = readdirSync(CORPUS).sort();

describe('compose semantics: Quai reads every corpus project as compose-go does', () => {
  it('has a corpus to compare', () => {
    expect(projects.length).toBeGreaterThanOrEqual(25);
  });

  it.each(projects)('%s', async (name) => {
    const src = source(name);
    const dir = join(CORPUS, name);
    const args = ['-w', dir];
    for (const f of src.import.files) args.push('-f', join(dir, f));
    for (const f of src.import.envFiles ?? []) args.push('--env-file', join(dir, f));
    for (const [k, v] of Object.entries(src.import.env ?? {})) args.push('-e', `${k}=${v}`);
    const go = spawnSync(oracle, args, {
      encoding: 'utf8',
      env: { PATH: process.env['PATH'], HOME: process.env['HOME'] },
    });
    const quai = await onboard
      .loadCompose({
        files: src.import.files.map((f) => join(dir, f)),
        ...(src.import.envFiles ? { envFiles: src.import.envFiles.map((f) => join(dir, f)) } : {}),
        env: src.import.env ?? {},
        ...(process.env['HOME'] !== undefined ? { home: process.env['HOME'] } : {}),
      })
      .then((p) => ({ ok: true as const, model: onboard.normalizeProject(p) }))
      .catch((error: unknown) => ({ ok: false as const, error: (error as Error).message }));
    if (src.expect?.import === 'refused') {
      // Both refuse: compose-go because the file is missing, Quai because it lies outside the project.
      expect(go.status, go.stderr).not.toBe(0);
      expect(quai.ok).toBe(false);
      return;
    }
    const known = KNOWN[name];
    if (known !== undefined) {
      expect(go.status).not.toBe(0);
      expect(go.stderr).toContain(known);
      expect(quai.ok).toBe(true);
      return;
    }
    expect(go.status, go.stderr).toBe(0);
    expect(quai.ok, quai.ok ? '' : quai.error).toBe(true);
    if (!quai.ok) return;
    expect(quai.model).toEqual(normalizeComposeGo(JSON.parse(go.stdout) as Json));
  });
});
