import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scan } from '@quai/core';
import { t } from '@quai/contracts';
import { makeZip } from './scan-fixtures.js';

/*
 * The vulnerability store under faults and hostile input (issue 12, items 11 to 14): each test
 * builds the attack or the fault itself, and failed before the store was fixed.
 */

const { osv } = scan;
const json = (x: unknown): Buffer => Buffer.from(JSON.stringify(x));
const repoRoot = join(import.meta.dirname, '..', '..', '..');

let work: string;
let db: string;
beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'quai-vulndb-safety-'));
  db = join(work, 'vulndb');
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

const npmRecord = (id: string, name: string, fixed: string, modified = '2024-01-01T00:00:00Z'): unknown => ({
  id,
  modified,
  summary: `${name} issue`,
  affected: [
    {
      package: { ecosystem: 'npm', name },
      ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed }] }],
    },
  ],
});

/** Every answer the store gives for these packages, as comparable data. */
async function answers(names: readonly string[]): Promise<unknown> {
  const vdb = await osv.VulnDb.open(db);
  const out: Record<string, unknown> = {};
  for (const name of names) {
    const r = await vdb.match({ ecosystem: 'npm', name, version: '1.0.0' });
    out[name] = r.matches.map((m) => [m.id, m.fixedVersion, m.summary]);
  }
  return out;
}

/** Hex digests of every file under a folder, by relative path. */
async function snapshot(dir: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const item of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (item.isFile()) {
      const p = join(item.parentPath, item.name);
      out[p.slice(dir.length + 1)] = (await stat(p)).size;
    }
  }
  return out;
}

describe('vulndb import is atomic (item 11)', () => {
  it('a SIGKILL in the middle of an import leaves the previous store answering exactly as before', async () => {
    // The first store: 3,000 npm packages with one advisory each.
    const names = Array.from({ length: 3000 }, (_, i) => `pkg-${i}`);
    const first = join(work, 'first.zip');
    await writeFile(
      first,
      makeZip(
        names.map((n, i) => ({ name: `GHSA-a-${i}.json`, data: json(npmRecord(`GHSA-a-${i}`, n, '2.0.0')) })),
      ),
    );
    await osv.importOsv({ dir: db, sources: [first] });
    const probe = names.filter((_, i) => i % 97 === 0);
    const before = await answers(probe);
    const statusBefore = await osv.vulnDbStatus(db);
    const current = await readFile(join(db, 'CURRENT'), 'utf8');

    // The second import changes every record (a new fix) and adds one per package.
    const second = join(work, 'second.zip');
    await writeFile(
      second,
      makeZip(
        names.flatMap((n, i) => [
          {
            name: `GHSA-a-${i}.json`,
            data: json(npmRecord(`GHSA-a-${i}`, n, '3.0.0', '2024-02-01T00:00:00Z')),
          },
          { name: `GHSA-b-${i}.json`, data: json(npmRecord(`GHSA-b-${i}`, n, '4.0.0')) },
        ]),
      ),
    );
    const child = spawn(
      process.execPath,
      [
        '--conditions=@quai/source',
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        `import { scan } from '@quai/core';
         await scan.osv.importOsv({ dir: process.argv[1], sources: [process.argv[2]],
           onProgress: (p) => { if (p.phase === 'write') process.stdout.write('write ' + p.done + '\\n'); } });
         process.stdout.write('finished\\n');`,
        db,
        second,
      ],
      { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const killedAt = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (b: Buffer) => {
        out += b.toString();
        const written = [...out.matchAll(/write (\d+)\n/g)].map((m) => Number(m[1]));
        if (written.length > 0 && child.signalCode === null) {
          // Some files of the new generation are written, the switch has not happened.
          child.kill('SIGKILL');
          resolve(`write ${Math.max(...written)}`);
        }
        if (out.includes('finished')) reject(new Error('the import finished before it could be killed'));
      });
      child.on('exit', () => resolve('exited'));
    });
    await new Promise((r) => child.once('close', r));
    expect(killedAt).toMatch(/^write \d+$/);
    expect(child.signalCode).toBe('SIGKILL');

    // The store answers exactly as before the import began.
    expect(await readFile(join(db, 'CURRENT'), 'utf8')).toBe(current);
    expect(await answers(probe)).toEqual(before);
    expect(await osv.vulnDbStatus(db)).toEqual(statusBefore);
    // The killed import left its half-written generation and its lock behind...
    const leftovers = (await readdir(db)).filter((n) => n.startsWith('g-') || n.startsWith('.staging-'));
    expect(leftovers.length).toBeGreaterThan(1);

    // ...which the next import takes over and removes.
    const r = await osv.importOsv({ dir: db, sources: [second] });
    expect(r).toMatchObject({ added: 3000, updated: 3000 });
    expect((await readdir(db)).filter((n) => n.startsWith('.staging-') || n === 'import.lock')).toEqual([]);
    expect((await readdir(db)).filter((n) => n.startsWith('g-'))).toHaveLength(2);
    const after = (await answers(['pkg-0'])) as Record<string, unknown>;
    expect(after['pkg-0']).toEqual([
      ['GHSA-a-0', '3.0.0', 'pkg-0 issue'],
      ['GHSA-b-0', '4.0.0', 'pkg-0 issue'],
    ]);
  }, 120_000);
});

describe('vulndb dates and ownership (item 12)', () => {
  it('refuses a modified date far in the future, so it cannot shadow the real record', async () => {
    const now = (): Date => new Date('2025-06-01T00:00:00Z');
    const bogus = join(work, 'bogus.json');
    await writeFile(bogus, json(npmRecord('GHSA-fut-1', 'lodash', '99.0.0', '2999-01-01T00:00:00Z')));
    const r = await osv.importOsv({ dir: db, sources: [bogus], now });
    expect(r.added).toBe(0);
    expect(r.rejected.map((p) => t('en', p.message))).toEqual([
      "Invalid OSV record GHSA-fut-1 in bogus.json: modified: 2999-01-01T00:00:00Z is in the future (this machine's clock says 2025-06-01T00:00:00.000Z).",
    ]);
    // The reason is kept as a message: a French reader reads it in French.
    expect(r.rejected.map((p) => t('fr', p.message))).toEqual([
      expect.stringMatching(
        /^Enregistrement OSV GHSA-fut-1 invalide dans bogus\.json : modified : 2999-01-01T00:00:00Z .*futur/,
      ),
    ]);
    // The real record goes in, and stays the one that answers.
    const real = join(work, 'real.json');
    await writeFile(real, json(npmRecord('GHSA-fut-1', 'lodash', '4.17.21', '2025-05-01T00:00:00Z')));
    expect(await osv.importOsv({ dir: db, sources: [real], now })).toMatchObject({ added: 1 });
    expect(await osv.importOsv({ dir: db, sources: [bogus], now })).toMatchObject({ added: 0, updated: 0 });
    expect(await answers(['lodash'])).toEqual({ lodash: [['GHSA-fut-1', '4.17.21', 'lodash issue']] });
  });

  it('lets a source re-import replace what it owns, even with an older date, and drop what it no longer holds', async () => {
    const now = (): Date => new Date('2025-06-01T00:00:00Z');
    const npmDir = join(work, 'mirror', 'npm');
    await mkdir(npmDir, { recursive: true });
    const dump = join(npmDir, 'all.zip');
    // The dump carries a record dated a few hours ahead (within the clock skew) with a wrong fix...
    await writeFile(
      dump,
      makeZip([
        {
          name: 'GHSA-own-1.json',
          data: json(npmRecord('GHSA-own-1', 'left-pad', '9.9.9', '2025-06-01T20:00:00Z')),
        },
        { name: 'GHSA-own-2.json', data: json(npmRecord('GHSA-own-2', 'left-pad', '1.5.0')) },
      ]),
    );
    const r1 = await osv.importOsv({ dir: db, sources: [dump], now });
    expect(r1).toMatchObject({ added: 2, rejected: [] });
    expect((await osv.vulnDbStatus(db)).imports.at(-1)?.source).toBe('npm/all.zip');
    // ...another source cannot replace it with an older copy...
    const other = join(work, 'GHSA-own-1.json');
    await writeFile(other, json(npmRecord('GHSA-own-1', 'left-pad', '1.0.1', '2025-05-30T00:00:00Z')));
    expect(await osv.importOsv({ dir: db, sources: [other], now })).toMatchObject({
      updated: 0,
      unchanged: 1,
    });
    // ...but the dump's next edition, corrected and dated earlier, replaces what the dump owns, and
    // the record it dropped goes too.
    await writeFile(
      dump,
      makeZip([
        {
          name: 'GHSA-own-1.json',
          data: json(npmRecord('GHSA-own-1', 'left-pad', '1.3.0', '2025-05-31T00:00:00Z')),
        },
      ]),
    );
    const r2 = await osv.importOsv({ dir: db, sources: [dump], now });
    expect(r2).toMatchObject({ updated: 1, removed: 1 });
    expect(await answers(['left-pad'])).toEqual({ 'left-pad': [['GHSA-own-1', '1.3.0', 'left-pad issue']] });
    // A dump read with problems removes nothing (a damaged entry is not a deletion).
    await writeFile(dump, makeZip([{ name: 'broken.json', data: Buffer.from('{"id": ') }]));
    const r3 = await osv.importOsv({ dir: db, sources: [dump], now });
    expect(r3).toMatchObject({ removed: 0 });
    expect(r3.rejected).toHaveLength(1);
    expect((await osv.vulnDbStatus(db)).records).toBe(1);
  });
});

describe('vulndb stores each record once (item 13)', () => {
  it('a record naming 3,000 packages is written once and indexed, not copied into every file', async () => {
    const base = join(work, 'base.zip');
    await writeFile(
      base,
      makeZip(
        Array.from({ length: 500 }, (_, i) => ({
          name: `GHSA-base-${i}.json`,
          data: json(npmRecord(`GHSA-base-${i}`, `lib-${i}`, '2.0.0')),
        })),
      ),
    );
    await osv.importOsv({ dir: db, sources: [base] });
    const before = (await osv.vulnDbStatus(db)).bytes;
    const detailsBefore = (
      await stat(join(db, (await readFile(join(db, 'CURRENT'), 'utf8')).trim(), 'match', 'npm.details'))
    ).size;
    const names = Array.from({ length: 3000 }, (_, i) => `widespread-${i}`);
    const huge = {
      id: 'GHSA-huge-1',
      modified: '2024-03-01T00:00:00Z',
      details: 'A flaw shared by many packages. '.repeat(200),
      affected: names.map((name) => ({
        package: { ecosystem: 'npm', name },
        ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1.2.3' }] }],
        versions: ['1.0.0', '1.1.0', '1.2.0'],
      })),
    };
    const hugeFile = join(work, 'huge.json');
    const text = JSON.stringify(huge);
    await writeFile(hugeFile, text);
    const r = await osv.importOsv({ dir: db, sources: [hugeFile] });
    expect(r).toMatchObject({ added: 1, bytesBefore: before });
    const gzipped = gzipSync(text).length;
    console.log(
      `store ${before} bytes -> ${r.bytesAfter} bytes after a ${text.length}-byte record naming ${names.length} packages (${gzipped} bytes gzipped)`,
    );
    // Growth: the record once (compressed), one index line per package, and per package its
    // matching entry (id, versions and ranges, left uncompressed so a scan reads them without
    // inflating anything: about 130 bytes here); far from 256 copies of the record.
    expect(r.bytesAfter - before).toBeLessThan(gzipped + names.length * (60 + 150));
    // The details a finding shows (match/npm.details) hold the record once: they grew by far
    // less than one copy per package.
    const details = async (): Promise<number> =>
      (await stat(join(db, (await readFile(join(db, 'CURRENT'), 'utf8')).trim(), 'match', 'npm.details')))
        .size;
    expect(await details()).toBeLessThan(detailsBefore + 3000);
    // Every package finds it.
    const vdb = await osv.VulnDb.open(db);
    for (const name of [names[0]!, names[1234]!, names[2999]!]) {
      const m = await vdb.match({ ecosystem: 'npm', name, version: '1.1.0' });
      expect([name, m.matches.map((x) => x.id)]).toEqual([name, ['GHSA-huge-1']]);
    }
    // It is stored in exactly one chunk of one file.
    const gen = join(db, (await readFile(join(db, 'CURRENT'), 'utf8')).trim());
    let copies = 0;
    for (const item of await readdir(join(gen, 'data', 'npm'))) {
      if (!item.endsWith('.shard')) continue;
      const raw = await readFile(join(gen, 'data', 'npm', item));
      const index = JSON.parse(raw.subarray(0, raw.indexOf(10)).toString()) as {
        chunks: Record<string, [number, number, number]>;
      };
      if (Object.keys(index.chunks).some((c) => c.startsWith('widespread-'))) copies++;
    }
    expect(copies).toBe(1);
  }, 60_000);
});

describe('vulndb refuses hostile records and names (item 14)', () => {
  it('rejects an event holding both introduced and fixed, with the field and the fix named', async () => {
    const file = join(work, 'GHSA-two.json');
    await writeFile(
      file,
      json({
        id: 'GHSA-two-1',
        modified: '2024-01-01T00:00:00Z',
        affected: [
          {
            package: { ecosystem: 'npm', name: 'left-pad' },
            ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0', fixed: '1.2.0' }] }],
          },
        ],
      }),
    );
    const r = await osv.importOsv({ dir: db, sources: [file] });
    expect(r.added).toBe(0);
    expect(
      r.rejected.map((p) => ({ ...p, message: t('en', p.message), hint: p.hint && t('en', p.hint) })),
    ).toEqual([
      {
        source: 'GHSA-two.json',
        message:
          'Invalid OSV record GHSA-two-1 in GHSA-two.json: affected[0].ranges[0].events[0]: an event holds exactly one of introduced, fixed, last_affected or limit; this one holds introduced and fixed.',
        hint: 'Write each bound as its own event: [{"introduced": "0"}, {"fixed": "1.2.0"}].',
      },
    ]);
  });

  it('never lets an ecosystem name reach the filesystem as a path', async () => {
    const hostile = [
      '..',
      '../..',
      '../../outside',
      'Debian/../../x',
      '/etc',
      'npm\u0000',
      '.',
      'Debian:12/../..',
    ];
    const file = join(work, 'paths.json');
    await writeFile(
      file,
      json(
        hostile.map((ecosystem, i) => ({
          id: `GHSA-path-${i}`,
          modified: '2024-01-01T00:00:00Z',
          affected: [
            {
              package: { ecosystem, name: 'x' },
              ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }] }],
            },
          ],
        })),
      ),
    );
    const outside = await snapshot(work);
    const r = await osv.importOsv({ dir: db, sources: [file] });
    // Every one is refused except 'Debian:12/../..', a legal suffix of a legal ecosystem: it is
    // stored, under Debian's folder, and nothing leaves the store.
    expect(r.rejected.map((p) => t('en', p.message).replace(/^.*: /, ''))).toEqual(
      hostile.slice(0, -1).map((e) => `"${osv.printable(e)}" is not an OSV ecosystem.`),
    );
    expect(r.added).toBe(1);
    const files = Object.keys(await snapshot(work)).filter((f) => !(f in outside));
    expect(files.every((f) => f.startsWith('vulndb/'))).toBe(true);
    const gen = (await readFile(join(db, 'CURRENT'), 'utf8')).trim();
    expect(await readdir(join(db, gen, 'data'))).toEqual(['Debian']);
    expect(osv.ecosystemFolder('..')).toBe('%2E%2E');
    expect(osv.ecosystemFolder('crates.io')).toBe('crates%2Eio');
    expect(osv.ecosystemFolder('Red Hat')).toBe('Red%20Hat');
  });

  it('writes control characters of zip entry names, file names and ids escaped, never raw', async () => {
    const evil = 'GHSA-\u001b[2J\u001b]0;pwned\u0007\u009b31m\u202e.json';
    const zip = join(work, 'evil\u001b[31m.zip');
    await writeFile(
      zip,
      makeZip([
        { name: evil, data: json({ id: 'GHSA-\u001b[1mbold', modified: 'yesterday' }) },
        { name: 'ok\u0008\u0008.json', data: Buffer.from('{ not json') },
      ]),
    );
    const r = await osv.importOsv({ dir: db, sources: [zip] });
    expect(r.rejected).toHaveLength(2);
    const text = JSON.stringify(r.rejected.map((p) => [p.source, p.message, p.hint]));
    // eslint-disable-next-line no-control-regex
    expect(JSON.parse(text).flat().join('\n')).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/);
    expect(r.rejected[0]?.source).toBe(
      'evil\\x1b[31m.zip:GHSA-\\x1b[2J\\x1b]0;pwned\\x07\\x9b31m\\u{202e}.json',
    );
    expect(r.rejected[1]?.source).toBe('evil\\x1b[31m.zip:ok\\x08\\x08.json');
  });
});

describe("vulndb import problems in the reader's language", () => {
  it('says a schema mismatch in French too, with the field it is about', async () => {
    const file = join(work, 'GHSA-typ.json');
    await writeFile(file, json({ ...(npmRecord('GHSA-typ-1', 'lodash', '4.17.21') as object), summary: 5 }));
    const r = await osv.importOsv({ dir: db, sources: [file] });
    expect(r.rejected.map((p) => t('en', p.message))).toEqual([
      'Invalid OSV record GHSA-typ-1 in GHSA-typ.json: summary: must be string.',
    ]);
    expect(r.rejected.map((p) => t('fr', p.message))).toEqual([
      'Enregistrement OSV GHSA-typ-1 invalide dans GHSA-typ.json : summary : doit être de type string.',
    ]);
  });
});
