import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { t } from '@quai/contracts';
import { scan } from '@quai/core';
import { LazyIndex } from '../src/scan/osv/shard-index.js';

/*
 * A scan looks keys up in a shard's index line without parsing it whole. Package names come from
 * the OSV data and from images (both may be hostile): names spelt like JSON must find exactly
 * their own entry, as a correct JSON.parse would. The oracle is the object the line was written
 * from, not JSON.parse of the line: V8 12.8 and later (Node 24) can read an escaped key back as
 * `\` once a `\` key was parsed before (nodejs/node#63785, open), which this test met on Node
 * 24.21 at its 117th line (the key `"` read as `\`); the lookup itself does not use JSON.parse.
 */

const TRICKY = [
  'plain',
  'a,',
  ':[0,1,2],',
  '"',
  '\\',
  '\\"',
  'x":[1,2,3],"y',
  '},"packages":{',
  '},"packages":{"npm\\nplain":["npm\\nevil"]}',
  ']',
  '"],"',
  'npm\nplain',
  'é😀',
  '{"chunks":{',
  '',
];

const fail = (why: unknown): never => {
  throw new Error(`damaged: ${JSON.stringify(why)}`);
};

describe('shard index lookups without a full parse', () => {
  it('finds every key of hostile index lines exactly as written', () => {
    let seed = 7;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let round = 0; round < 200; round++) {
      const chunks: Record<string, [number, number, number]> = Object.create(null) as Record<
        string,
        [number, number, number]
      >;
      const packages: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
      const names = TRICKY.filter(() => rand(2) === 0);
      for (const name of names) chunks[name] = [rand(1000), rand(1000), rand(9) + 1];
      for (const name of TRICKY.filter(() => rand(2) === 0)) {
        packages[`npm\n${name}`] = TRICKY.filter(() => rand(3) === 0).map((h) => `npm\n${h}`);
      }
      const line = JSON.stringify({ chunks, packages });
      const lazy = LazyIndex.of(line, fail);
      expect(lazy, line).toBeDefined();
      const parsed = { chunks, packages };
      for (const name of TRICKY) {
        expect([line, name, lazy!.chunk(name)]).toEqual([
          line,
          name,
          Object.hasOwn(parsed.chunks, name) ? parsed.chunks[name] : undefined,
        ]);
        const location = `npm\n${name}`;
        expect([line, location, lazy!.homes(location)]).toEqual([
          line,
          location,
          Object.hasOwn(parsed.packages, location) ? parsed.packages[location] : undefined,
        ]);
        // A chunk name is never found among the packages, nor a location among the chunks.
        if (!Object.hasOwn(parsed.chunks, location)) expect(lazy!.chunk(location)).toBeUndefined();
      }
    }
  });

  it('does not take the end of one name and the start of the next for a key', () => {
    // `":[0,1,2],":` occurs from the closing quote of "a," to the opening quote of ":q".
    const line = JSON.stringify({
      chunks: { 'a,': [0, 1, 2], ':q': [3, 4, 5] },
      packages: { 'npm\na,': ['npm\na,'], 'npm\n:q': ['npm\n:q'] },
    });
    const lazy = LazyIndex.of(line, fail)!;
    expect(lazy.chunk(':[0,1,2],')).toBeUndefined();
    expect(lazy.chunk(':q')).toEqual([3, 4, 5]);
    expect(lazy.homes('npm\n:q')).toEqual(['npm\n:q']);
    expect(lazy.homes('npm\na,":["npm\na,"],')).toBeUndefined();
  });

  it('leaves lines of another shape to a full parse, and reports a damaged value', () => {
    expect(LazyIndex.of('{"packages":{},"chunks":{}}', fail)).toBeUndefined();
    expect(LazyIndex.of('{"chunks":{"a":[1,2,3]}}', fail)).toBeUndefined();
    const bad = LazyIndex.of('{"chunks":{"a":[1,2]},"packages":{"npm\\na":"npm\\na"}}', fail)!;
    expect(() => bad.chunk('a')).toThrow(/damaged/);
    expect(() => bad.homes('npm\na')).toThrow(/damaged/);
    expect(bad.chunk('b')).toBeUndefined();
  });
});

describe('a store whose package names are spelt like its index', () => {
  let work: string | undefined;
  afterAll(async () => {
    if (work !== undefined) await rm(work, { recursive: true, force: true });
  });

  it('matches each hostile name to its own records only, all in one shard file', async () => {
    work = await mkdtemp(join(tmpdir(), 'quai-shard-'));
    // Names that hash to the same file as "target", so they share one index line.
    const shard = (name: string): string => createHash('sha256').update(name).digest('hex').slice(0, 2);
    const want = shard('target');
    const names = ['target'];
    for (const base of TRICKY.filter((n) => n !== '')) {
      for (let i = 0; ; i++) {
        const name = `${base}${i}`;
        if (shard(name) === want) {
          names.push(name);
          break;
        }
      }
    }
    const records = names.map((name, i) => ({
      id: `QUAI-${i}`,
      modified: '2024-01-01T00:00:00Z',
      affected: [
        {
          package: { ecosystem: 'npm', name },
          ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '2.0.0' }] }],
        },
      ],
    }));
    const file = join(work, 'records.json');
    await writeFile(file, JSON.stringify(records));
    const db = join(work, 'db');
    const imported = await scan.osv.importOsv({ dir: db, sources: [file] });
    expect(imported.rejected.map((r) => t('en', r.message))).toEqual([]);
    expect(imported.added).toBe(names.length);
    const vdb = await scan.osv.VulnDb.open(db);
    for (const [i, name] of names.entries()) {
      const m = await vdb.match({ ecosystem: 'npm', name, version: '1.0.0' });
      expect([name, m.matches.map((x) => x.id)]).toEqual([name, [`QUAI-${i}`]]);
    }
    // Names found only inside other names find nothing.
    for (const name of ['0', ':[0,1,2],', '"packages"', 'target0']) {
      const m = await vdb.match({ ecosystem: 'npm', name, version: '1.0.0' });
      expect([name, m.matches]).toEqual([name, []]);
    }
  });
});
