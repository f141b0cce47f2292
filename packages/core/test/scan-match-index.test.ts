import { mkdtemp, readdir, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isQuaiError, scan } from '@quai/core';
import { t } from '@quai/contracts';
import { makeZip } from './scan-fixtures.js';

const { osv } = scan;

/*
 * The store's matching index (match/<Ecosystem>.idx and .details): a scan looks up exactly the
 * image's package names in it and reads details only for the records that match. Its findings
 * must be the ones the records themselves give: the oracle is the same store read without its
 * index (meta.json without matchIndex, as stores written before it), which matches record by
 * record.
 */

let work: string;
let db: string;
beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'quai-match-index-'));
  db = join(work, 'vulndb');
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

const range = (...events: Record<string, string>[]): Record<string, unknown> => ({
  type: 'ECOSYSTEM',
  events,
});

/** Records over three ecosystems: names that normalize, several releases, versions lists, odd ranges. */
function records(): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < 120; i++) {
    const pkg = `lib${i % 40}`;
    out.push({
      id: `DSA-${5000 + i}-1`,
      modified: '2024-01-10T10:00:00Z',
      published: '2023-10-24T00:00:00Z',
      aliases: [`CVE-2023-${1000 + i}`],
      summary: `${pkg} - security update`,
      ...(i % 2 === 0
        ? { severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }] }
        : {}),
      ...(i % 23 === 0 ? { withdrawn: '2024-02-01T00:00:00Z' } : {}),
      affected: [
        {
          package: { ecosystem: 'Debian:12', name: pkg },
          ranges: [range({ introduced: '0' }, { fixed: `1.${i % 5}-1` })],
          ecosystem_specific: { urgency: ['low', 'medium', 'high'][i % 3] },
        },
        ...(i % 3 === 0
          ? [
              {
                package: { ecosystem: 'Debian:11', name: pkg },
                ranges: [range({ introduced: '0' }, { fixed: `0.${i % 5}-1` })],
              },
            ]
          : []),
      ],
      references: [
        { type: 'ADVISORY', url: `https://www.debian.org/security/2023/dsa-${5000 + i}` },
        { type: 'REPORT', url: 'https://example.org/not-shown' },
      ],
    });
  }
  for (let i = 0; i < 60; i++) {
    out.push({
      id: `PYSEC-2024-${i}`,
      modified: '2024-03-01T00:00:00Z',
      affected: [
        {
          // Spelled three ways: PEP 503 folds them to one name.
          package: { ecosystem: 'PyPI', name: ['Zope.Interface', 'zope_interface', 'zope-interface'][i % 3] },
          ranges: [range({ introduced: `${i % 4}.0` }, { fixed: `${(i % 4) + 1}.0` })],
          versions: i % 5 === 0 ? ['2.5', '3.1'] : undefined,
        },
        // A version PEP 440 refuses: the warning must survive the index.
        ...(i % 7 === 0
          ? [
              {
                package: { ecosystem: 'PyPI', name: 'zope.interface' },
                ranges: [range({ introduced: '0' }, { fixed: 'not a version!' })],
              },
            ]
          : []),
      ],
    });
  }
  return out;
}

async function importRecords(): Promise<void> {
  const zip = join(work, 'all.zip');
  await writeFile(
    zip,
    makeZip(
      records().map((r) => ({ name: `${r['id'] as string}.json`, data: Buffer.from(JSON.stringify(r)) })),
    ),
  );
  const r = await osv.importOsv({ dir: db, sources: [zip] });
  expect(r.rejected).toEqual([]);
}

const generation = async (): Promise<string> =>
  join(db, (await readFile(join(db, 'CURRENT'), 'utf8')).trim());

/** Rewrites meta.json without matchIndex: the store as Quai wrote it before the index. */
async function dropMatchIndex(): Promise<void> {
  const path = join(await generation(), 'meta.json');
  const { matchIndex, ...meta } = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
  expect(matchIndex).toBe(1);
  await rm(path);
  await writeFile(path, `${JSON.stringify(meta, null, 2)}\n`);
}

const queries: scan.osv.PackageQuery[] = [
  ...Array.from({ length: 45 }, (_, i) => ({ ecosystem: 'Debian:12', name: `lib${i}`, version: '1.2-1' })),
  ...Array.from({ length: 45 }, (_, i) => ({ ecosystem: 'Debian:11', name: `lib${i}`, version: '0.1-1' })),
  { ecosystem: 'Debian:12', name: 'lib3', version: '0~really-weird' },
  { ecosystem: 'PyPI', name: 'ZOPE.interface', version: '2.5' },
  { ecosystem: 'PyPI', name: 'zope-interface', version: '3.1' },
  { ecosystem: 'PyPI', name: 'zope_interface', version: '0.5' },
  { ecosystem: 'PyPI', name: 'zope_interface', version: '7.5' },
  { ecosystem: 'PyPI', name: 'absent-package', version: '1.0' },
  { ecosystem: 'npm', name: 'left-pad', version: '1.0.0' },
  { ecosystem: 'Debian:10', name: 'lib1', version: '1.0-1' },
];

async function matchAll(): Promise<scan.osv.MatchResult[]> {
  const vdb = await osv.VulnDb.open(db);
  const out: scan.osv.MatchResult[] = [];
  for (const q of queries) out.push(await vdb.match(q));
  return out;
}

describe('the matching index', () => {
  it('is written by the import, one pair of files per ecosystem, and gives exactly the findings of the records', async () => {
    await importRecords();
    const gen = await generation();
    expect((await readdir(join(gen, 'match'))).sort()).toEqual([
      'Debian%3A11.details',
      'Debian%3A11.idx',
      'Debian%3A12.details',
      'Debian%3A12.idx',
      'PyPI.details',
      'PyPI.idx',
    ]);
    const indexed = await matchAll();
    const found = indexed.reduce((n, r) => n + r.matches.length, 0);
    expect(found).toBeGreaterThan(100);
    expect(indexed.some((r) => r.warnings.some((w) => w.includes('could not be evaluated')))).toBe(true);
    // Withdrawn records are not findings.
    expect(indexed.flatMap((r) => r.matches.map((m) => m.id))).not.toContain('DSA-5023-1');
    await dropMatchIndex();
    // The same store read record by record (how a store without the index is read).
    expect(await matchAll()).toEqual(indexed);
  });

  it('looks up present names, and answers nothing for absent names and absent ecosystems', async () => {
    await importRecords();
    const gen = await generation();
    const index = osv.MatchIndex.read(join(gen, 'match', 'PyPI.idx'), join(gen, 'match', 'PyPI.details'))!;
    const entries = index.lookup('zope-interface')!;
    expect(entries.map((e) => e[0])).toEqual(Array.from({ length: 60 }, (_, i) => `PYSEC-2024-${i}`).sort());
    // The name as each record spells it is kept (warnings name it).
    expect(new Set(entries.map((e) => e[1][0]![1]))).toEqual(
      new Set([0, 'Zope.Interface', 'zope_interface']),
    );
    expect(index.lookup('zope')).toBeUndefined();
    expect(index.lookup('zope-interfacf')).toBeUndefined();
    expect(index.lookup('')).toBeUndefined();
    expect(index.details(entries.slice(0, 2)).map((d) => d.modified)).toEqual([
      '2024-03-01T00:00:00Z',
      '2024-03-01T00:00:00Z',
    ]);
    expect(osv.MatchIndex.read(join(gen, 'match', 'npm.idx'), join(gen, 'match', 'npm.details'))).toBe(
      undefined,
    );
    const vdb = await osv.VulnDb.open(db);
    expect(await vdb.match({ ecosystem: 'npm', name: 'left-pad', version: '1.0.0' })).toEqual({
      matches: [],
      warnings: [],
    });
    expect(await vdb.match({ ecosystem: 'PyPI', name: 'absent', version: '1.0' })).toEqual({
      matches: [],
      warnings: [],
    });
  });

  it('refuses a damaged index or details file, naming the file and the command that repairs it', async () => {
    await importRecords();
    const gen = await generation();
    const idx = join(gen, 'match', 'Debian%3A12.idx');
    const raw = await readFile(idx);
    const at = Math.floor(raw.length / 2);
    raw[at] = raw[at]! ^ 0x20;
    await rm(idx);
    await writeFile(idx, raw);
    const vdb = await osv.VulnDb.open(db);
    const error = await vdb
      .match({ ecosystem: 'Debian:12', name: 'lib1', version: '1.0-1' })
      .catch((e: unknown) => e);
    expect(isQuaiError(error)).toBe(true);
    if (!isQuaiError(error)) return;
    expect(error.message).toContain(idx);
    expect(error.message).toContain('checksum');
    expect(t('en', error.hintText!)).toContain('quai vulndb update');
    // Truncated details: the index still reads, the details are refused when a record matches.
    const details = join(gen, 'match', 'PyPI.details');
    await truncate(details, (await stat(details)).size - 10);
    const again = await osv.VulnDb.open(db);
    const e2 = await again
      .match({ ecosystem: 'PyPI', name: 'zope-interface', version: '2.5' })
      .catch((e: unknown) => e);
    expect(isQuaiError(e2) && e2.message.includes(details)).toBe(true);
    // An index that is not one at all.
    await rm(idx);
    await writeFile(idx, 'not an index');
    const e3 = await (
      await osv.VulnDb.open(db)
    )
      .match({ ecosystem: 'Debian:12', name: 'lib1', version: '1.0-1' })
      .catch((e: unknown) => e);
    expect(isQuaiError(e3) && e3.message.includes(idx) && e3.message.includes('expected form')).toBe(true);
    // A missing index, while meta.json says the store has one.
    await rm(idx);
    const e4 = await (
      await osv.VulnDb.open(db)
    )
      .match({ ecosystem: 'Debian:12', name: 'lib1', version: '1.0-1' })
      .catch((e: unknown) => e);
    expect(isQuaiError(e4) && e4.message.includes(idx)).toBe(true);
  });

  it('is rewritten by the next import when damaged or missing (an older store), even with no new record', async () => {
    await importRecords();
    const expected = await matchAll();
    const gen = await generation();
    await truncate(join(gen, 'match', 'PyPI.idx'), 100);
    await osv.importOsv({ dir: db, sources: [] });
    expect(await matchAll()).toEqual(expected);
    // A store written before the index: still read (record by record), and the import writes it.
    await dropMatchIndex();
    await rm(join(await generation(), 'match'), { recursive: true });
    expect(await matchAll()).toEqual(expected);
    await osv.importOsv({ dir: db, sources: [] });
    const meta = JSON.parse(await readFile(join(await generation(), 'meta.json'), 'utf8')) as {
      matchIndex?: number;
    };
    expect(meta.matchIndex).toBe(1);
    expect((await readdir(join(await generation(), 'match'))).length).toBe(6);
    expect(await matchAll()).toEqual(expected);
  });
});
