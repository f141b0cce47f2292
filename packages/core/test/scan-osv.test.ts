import { spawn, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isQuaiError, scan } from '@quai/core';
import { t } from '@quai/contracts';
import { makeZip } from './scan-fixtures.js';

/** A rejected record's reason, in English. */
function textOf(p: { readonly message: { readonly id: string } } | undefined): string | undefined {
  return p === undefined ? undefined : t('en', p.message);
}

const { osv, versions } = scan;

// ---------------------------------------------------------------------------------------------
// Builders: OSV records shaped like the real feeds.

const debianDsa = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  id: 'DSA-5532-1',
  modified: '2024-01-10T10:00:00Z',
  published: '2023-10-24T00:00:00Z',
  aliases: ['CVE-2023-5363'],
  summary: 'openssl - security update',
  affected: [
    {
      package: { ecosystem: 'Debian:12', name: 'openssl', purl: 'pkg:deb/debian/openssl?arch=source' },
      ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '3.0.11-1~deb12u2' }] }],
      ecosystem_specific: { urgency: 'high' },
    },
  ],
  references: [{ type: 'ADVISORY', url: 'https://www.debian.org/security/2023/dsa-5532' }],
  ...over,
});

const debianDla = {
  id: 'DLA-3449-1',
  modified: '2024-02-01T08:00:00Z',
  aliases: ['CVE-2023-2650'],
  affected: [
    {
      package: { ecosystem: 'Debian:11', name: 'openssl' },
      ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1.1.1n-0+deb11u5' }] }],
    },
  ],
};

const alpine = {
  id: 'ALPINE-CVE-2023-42366',
  modified: '2024-06-01T00:00:00Z',
  aliases: ['CVE-2023-42366'],
  affected: [
    {
      package: { ecosystem: 'Alpine:v3.20', name: 'busybox' },
      ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1.36.1-r29' }] }],
    },
  ],
};

const ghsa = {
  schema_version: '1.6.0',
  id: 'GHSA-35jh-r3h4-6jhm',
  modified: '2024-03-01T12:00:00Z',
  published: '2021-05-06T16:05:51Z',
  aliases: ['CVE-2021-23337'],
  summary: 'Command Injection in lodash',
  severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H' }],
  affected: [
    {
      package: { ecosystem: 'npm', name: 'lodash', purl: 'pkg:npm/lodash' },
      ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '4.17.21' }] }],
      database_specific: { source: 'https://github.com/github/advisory-database/...' },
    },
  ],
  database_specific: { severity: 'HIGH', cwe_ids: ['CWE-77', 'CWE-94'], github_reviewed: true },
};

const pysec = {
  id: 'PYSEC-2024-1',
  modified: '2024-01-15T00:00:00Z',
  aliases: ['CVE-2024-22195', 'GHSA-h5c8-rqwp-cp95'],
  details: 'Jinja is vulnerable to HTML attribute injection via the xmlattr filter.',
  affected: [
    {
      package: { ecosystem: 'PyPI', name: 'Jinja2' },
      ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '3.1.3' }] }],
      versions: ['3.1.0', '3.1.1', '3.1.2'],
    },
  ],
};

const goVuln = {
  id: 'GO-2023-2102',
  modified: '2024-05-20T00:00:00Z',
  aliases: ['CVE-2023-39325', 'GHSA-4374-p667-p6c8'],
  affected: [
    {
      package: { ecosystem: 'Go', name: 'golang.org/x/net' },
      ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '0.17.0' }] }],
    },
  ],
};

const mavenLastAffected = {
  id: 'GHSA-jfh8-c2jp-5v3q',
  modified: '2024-02-02T00:00:00Z',
  aliases: ['CVE-2021-44228'],
  severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H' }],
  affected: [
    {
      package: { ecosystem: 'Maven', name: 'org.apache.logging.log4j:log4j-core' },
      ranges: [
        { type: 'ECOSYSTEM', events: [{ introduced: '2.0-beta9' }, { fixed: '2.3.1' }] },
        { type: 'ECOSYSTEM', events: [{ introduced: '2.4' }, { fixed: '2.12.2' }] },
        { type: 'ECOSYSTEM', events: [{ introduced: '2.13.0' }, { last_affected: '2.14.1' }] },
      ],
    },
  ],
};

const withdrawn = {
  id: 'GHSA-xxxx-withdrawn',
  modified: '2024-01-01T00:00:00Z',
  withdrawn: '2024-01-02T00:00:00Z',
  affected: [
    {
      package: { ecosystem: 'npm', name: 'lodash' },
      ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }] }],
    },
  ],
};

const json = (x: unknown): Buffer => Buffer.from(JSON.stringify(x, null, 2));

let work: string;
let db: string;
beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'quai-scan-osv-'));
  db = join(work, 'cache', 'vulndb');
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

async function writeFixtures(): Promise<{ zip: string; folder: string; single: string }> {
  const zip = join(work, 'Debian-all.zip');
  await writeFile(
    zip,
    makeZip([
      { name: 'DSA-5532-1.json', data: json(debianDsa()) },
      { name: 'DLA-3449-1.json', data: json(debianDla), store: true },
    ]),
  );
  const folder = join(work, 'records');
  await mkdir(join(folder, 'npm'), { recursive: true });
  await writeFile(join(folder, 'npm', 'GHSA-35jh-r3h4-6jhm.json'), json(ghsa));
  await writeFile(join(folder, 'npm', 'GHSA-xxxx-withdrawn.json'), json(withdrawn));
  await writeFile(join(folder, 'PYSEC-2024-1.json'), json(pysec));
  await writeFile(join(folder, 'alpine.json'), json([alpine]));
  const single = join(work, 'osv-api-answer.json');
  await writeFile(single, json({ vulns: [goVuln, mavenLastAffected] }));
  return { zip, folder, single };
}

describe('OSV import and matching', () => {
  it('imports zip dumps, folders and API answers, and matches each ecosystem with its own ordering', async () => {
    const { zip, folder, single } = await writeFixtures();
    const progress: string[] = [];
    const report = await osv.importOsv({
      dir: db,
      sources: [zip, folder, single],
      onProgress: (p) => progress.push(p.phase),
    });
    expect(report).toMatchObject({ added: 8, updated: 0, unchanged: 0, rejected: [] });
    expect(report.ecosystems).toEqual([
      'Alpine:v3.20',
      'Debian:11',
      'Debian:12',
      'Go',
      'Maven',
      'PyPI',
      'npm',
    ]);
    expect(progress).toContain('read');
    expect(progress).toContain('write');

    const status = await osv.vulnDbStatus(db);
    expect(status.records).toBe(8);
    expect(status.ecosystems.find((e) => e.ecosystem === 'Debian:12')).toMatchObject({
      records: 1,
      packages: 1,
      lastModified: '2024-01-10T10:00:00.000Z',
    });

    const vdb = await osv.VulnDb.open(db);
    const ids = async (ecosystem: string, name: string, version: string): Promise<string[]> =>
      (await vdb.match({ ecosystem, name, version })).matches.map((m) => m.id);

    // Debian: the fix is a backport; ~ sorts before the release it precedes.
    const deb = await vdb.match({ ecosystem: 'Debian:12', name: 'openssl', version: '3.0.11-1~deb12u1' });
    expect(deb.matches).toHaveLength(1);
    expect(deb.matches[0]).toMatchObject({
      id: 'DSA-5532-1',
      aliases: ['CVE-2023-5363'],
      fixedVersion: '3.0.11-1~deb12u2',
      affectedBy: { kind: 'range', type: 'ECOSYSTEM', introduced: '0', fixed: '3.0.11-1~deb12u2' },
      severity: { level: 'high', source: 'ecosystem_specific.urgency' },
      references: ['https://www.debian.org/security/2023/dsa-5532'],
    });
    expect(await ids('Debian:12', 'openssl', '3.0.11-1~deb12u2')).toEqual([]);
    expect(await ids('Debian:12', 'openssl', '3.0.15-1~deb12u1')).toEqual([]);
    // Another release of the distribution is another ecosystem.
    expect(await ids('Debian:11', 'openssl', '1.1.1n-0+deb11u4')).toEqual(['DLA-3449-1']);
    expect(await ids('Debian:11', 'openssl', '3.0.11-1~deb12u1')).toEqual([]);

    expect(await ids('Alpine:v3.20', 'busybox', '1.36.1-r28')).toEqual(['ALPINE-CVE-2023-42366']);
    expect(await ids('Alpine:v3.20', 'busybox', '1.36.1-r29')).toEqual([]);
    expect(await ids('Alpine:v3.19', 'busybox', '1.36.1-r28')).toEqual([]);

    // npm: the withdrawn advisory never matches; CVSS gives the severity.
    const npm = await vdb.match({ ecosystem: 'npm', name: 'lodash', version: '4.17.20' });
    expect(npm.matches.map((m) => m.id)).toEqual(['GHSA-35jh-r3h4-6jhm']);
    expect(npm.matches[0]?.severity).toEqual({
      level: 'high',
      source: 'CVSS_V3',
      score: 7.2,
      vector: 'CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H',
    });
    expect(await ids('npm', 'lodash', '4.17.21')).toEqual([]);

    // PyPI: names are compared normalised (PEP 503), versions in PEP 440 order.
    expect(await ids('PyPI', 'jinja2', '3.1.2')).toEqual(['PYSEC-2024-1']);
    expect(await ids('PyPI', 'Jinja2', '3.1.3rc1')).toEqual(['PYSEC-2024-1']);
    expect(await ids('PyPI', 'JINJA2', '3.1.3')).toEqual([]);
    expect(await ids('PyPI', 'jinja2', '3.1.3.post1')).toEqual([]);

    // Go: SEMVER ranges, versions with or without the v.
    expect(await ids('Go', 'golang.org/x/net', 'v0.16.0')).toEqual(['GO-2023-2102']);
    expect(await ids('Go', 'golang.org/x/net', 'v0.0.0-20230101000000-0123456789ab')).toEqual([
      'GO-2023-2102',
    ]);
    expect(await ids('Go', 'golang.org/x/net', 'v0.17.0')).toEqual([]);

    // Maven: several ranges, one open at last_affected; Maven's qualifier order.
    const log4j = 'org.apache.logging.log4j:log4j-core';
    expect(await ids('Maven', log4j, '2.14.1')).toEqual(['GHSA-jfh8-c2jp-5v3q']);
    expect(await ids('Maven', log4j, '2.0-beta9')).toEqual(['GHSA-jfh8-c2jp-5v3q']);
    expect(await ids('Maven', log4j, '2.0-alpha1')).toEqual([]);
    expect(await ids('Maven', log4j, '2.3.1')).toEqual([]);
    expect(await ids('Maven', log4j, '2.12.2')).toEqual([]);
    expect(await ids('Maven', log4j, '2.15.0')).toEqual([]);
    const l = await vdb.match({ ecosystem: 'Maven', name: log4j, version: '2.14.0' });
    expect(l.matches[0]?.affectedBy).toEqual({
      kind: 'range',
      type: 'ECOSYSTEM',
      introduced: '2.13.0',
      lastAffected: '2.14.1',
    });
    expect(l.matches[0]?.fixedVersion).toBeUndefined();
    expect(l.matches[0]?.severity).toMatchObject({ level: 'critical', score: 10 });
  });

  it('updates incrementally by modified date: same data changes nothing, newer records replace older ones', async () => {
    const { zip, folder, single } = await writeFixtures();
    await osv.importOsv({ dir: db, sources: [zip, folder, single] });
    const before = await osv.vulnDbStatus(db);
    const again = await osv.importOsv({ dir: db, sources: [zip, folder, single] });
    expect(again).toMatchObject({ added: 0, updated: 0, unchanged: 8, ecosystems: [] });

    // A newer DSA moves the fix and renames the package; an older copy of the GHSA is ignored.
    const newer = debianDsa({
      modified: '2024-06-01T00:00:00Z',
      affected: [
        {
          package: { ecosystem: 'Debian:12', name: 'openssl3' },
          ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '3.0.13-1~deb12u1' }] }],
        },
      ],
    });
    const older = { ...ghsa, modified: '2020-01-01T00:00:00Z', summary: 'stale' };
    const update = join(work, 'update');
    await mkdir(update);
    await writeFile(join(update, 'DSA-5532-1.json'), json(newer));
    await writeFile(join(update, 'GHSA-35jh-r3h4-6jhm.json'), json(older));
    const r = await osv.importOsv({ dir: db, sources: [update] });
    expect(r).toMatchObject({ added: 0, updated: 1, unchanged: 1, ecosystems: ['Debian:12'] });

    const vdb = await osv.VulnDb.open(db);
    expect(
      (await vdb.match({ ecosystem: 'Debian:12', name: 'openssl', version: '3.0.11-1~deb12u1' })).matches,
    ).toEqual([]);
    const moved = await vdb.match({ ecosystem: 'Debian:12', name: 'openssl3', version: '3.0.11-1~deb12u2' });
    expect(moved.matches.map((m) => [m.id, m.fixedVersion])).toEqual([['DSA-5532-1', '3.0.13-1~deb12u1']]);
    const lodash = await vdb.match({ ecosystem: 'npm', name: 'lodash', version: '4.17.0' });
    expect(lodash.matches[0]?.summary).toBe('Command Injection in lodash');

    const status = await osv.vulnDbStatus(db);
    expect(status.records).toBe(8);
    expect(status.ecosystems.find((e) => e.ecosystem === 'Debian:12')).toMatchObject({
      records: 1,
      lastModified: '2024-06-01T00:00:00.000Z',
    });
    expect(status.imports.map((i) => [i.added, i.updated, i.unchanged])).toEqual([
      [2, 0, 0],
      [4, 0, 0],
      [2, 0, 0],
      [0, 0, 2],
      [0, 0, 4],
      [0, 0, 2],
      [0, 1, 1],
    ]);
    expect(before.bytes).toBeGreaterThan(0);
    expect((await readdir(db)).filter((n) => n.startsWith('.staging-') || n === 'import.lock')).toEqual([]);
    // The live generation and the previous one (a scan may still read it); older ones are gone.
    expect((await readdir(db)).filter((n) => n.startsWith('g-'))).toHaveLength(2);
  });

  it('rejects invalid records with the file and field named, and imports the others', async () => {
    const folder = join(work, 'mixed');
    await mkdir(folder);
    await writeFile(join(folder, 'good.json'), json(ghsa));
    await writeFile(join(folder, 'no-modified.json'), json({ id: 'GHSA-bad-1', affected: [] }));
    await writeFile(
      join(folder, 'bad-event.json'),
      json({
        ...pysec,
        id: 'PYSEC-bad',
        affected: [
          { package: { ecosystem: 'PyPI', name: 'x' }, ranges: [{ type: 'ECOSYSTEM', events: [] }] },
        ],
      }),
    );
    await writeFile(join(folder, 'truncated.json'), '{"id": "GHSA-trunc", "modified": ');
    const zip = join(work, 'broken.zip');
    const good = makeZip([{ name: 'DSA-5532-1.json', data: json(debianDsa()) }]);
    await writeFile(zip, good.subarray(0, good.length - 30));
    const r = await osv.importOsv({ dir: db, sources: [folder] });
    expect(r.added).toBe(1);
    expect(r.rejected.map((p) => p.source).sort()).toEqual([
      'bad-event.json',
      'no-modified.json',
      'truncated.json',
    ]);
    expect(textOf(r.rejected.find((p) => p.source === 'no-modified.json'))).toMatch(
      /^Invalid OSV record GHSA-bad-1 in no-modified.json: missing field "modified"/,
    );
    expect(textOf(r.rejected.find((p) => p.source === 'bad-event.json'))).toContain(
      'affected[0].ranges[0].events',
    );
    expect(textOf(r.rejected.find((p) => p.source === 'truncated.json'))).toMatch(
      /^Cannot parse truncated.json as JSON/,
    );

    // A broken archive given by name fails the import; inside a folder it is one rejected source.
    await mkdir(join(work, 'dumps'));
    await writeFile(join(work, 'dumps', 'broken.zip'), good.subarray(0, good.length - 30));
    const inFolder = await osv.importOsv({ dir: db, sources: [join(work, 'dumps')] });
    expect(inFolder.rejected.map((p) => p.source)).toEqual(['broken.zip']);
    await expect(osv.importOsv({ dir: db, sources: [zip] })).rejects.toThrow(
      /Cannot read zip archive ".*broken.zip": no end of central directory/,
    );
  });

  it('checks every zip entry: a flipped byte fails its CRC-32 and only that entry is rejected', async () => {
    const zip = join(work, 'crc.zip');
    const data = makeZip([
      { name: 'a.json', data: json(ghsa), store: true },
      { name: 'b.json', data: json(pysec), store: true },
    ]);
    data[40] = data[40]! ^ 0x01; // inside a.json's stored bytes
    await writeFile(zip, data);
    const r = await osv.importOsv({ dir: db, sources: [zip] });
    expect(r.added).toBe(1);
    expect(r.rejected).toHaveLength(1);
    expect(r.rejected[0]?.source).toBe('crc.zip:a.json');
    expect(textOf(r.rejected[0])).toContain('fails its CRC-32 check');
  });

  it.skipIf(spawnSync('python3', ['--version']).status !== 0)(
    'reads zip64 archives (more than 65,535 entries) written by Python zipfile',
    async () => {
      const zip = join(work, 'big.zip');
      const script = `import zipfile, sys
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    for i in range(70000):
        z.writestr("r/%06d.json" % i, '{"n": %d}' % i)`;
      expect(spawnSync('python3', ['-c', script, zip]).status).toBe(0);
      const reader = await osv.ZipReader.open(zip);
      try {
        expect(reader.entries).toHaveLength(70000);
        const last = reader.entries[69999]!;
        expect(last.name).toBe('r/069999.json');
        expect(JSON.parse((await reader.read(last)).toString())).toEqual({ n: 69999 });
      } finally {
        await reader.close();
      }
    },
    30_000,
  );

  it('refuses a second import while one runs, and takes over a lock left by a dead process', async () => {
    await mkdir(db, { recursive: true });
    const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], { stdio: 'ignore' });
    try {
      await writeFile(join(db, 'import.lock'), String(sleeper.pid));
      const err = await osv.importOsv({ dir: db, sources: [] }).catch((e: unknown) => e);
      expect(isQuaiError(err) && err.code).toBe('VULNDB_LOCKED');
      expect((err as Error).message).toContain(`process ${sleeper.pid}`);
    } finally {
      sleeper.kill();
    }
    await new Promise((resolve) => sleeper.once('exit', resolve));
    const r = await osv.importOsv({ dir: db, sources: [] });
    expect(r.added).toBe(0);
  });

  it('treats record ids such as __proto__ as plain keys, and refuses an ecosystem named __proto__', async () => {
    const folder = join(work, 'odd-ids');
    await mkdir(folder);
    const odd = (id: string, ecosystem: string): Record<string, unknown> => ({
      id,
      modified: '2024-01-01T00:00:00Z',
      affected: [
        { package: { ecosystem, name: 'x' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }] }] },
      ],
    });
    await writeFile(
      join(folder, 'a.json'),
      json([odd('__proto__', 'npm'), odd('constructor', '__proto__'), odd('toString', 'npm')]),
    );
    const first = await osv.importOsv({ dir: db, sources: [folder] });
    expect(first.added).toBe(2);
    expect(first.rejected.map(textOf)).toEqual([
      'Invalid OSV record constructor in a.json[1]: affected[0].package.ecosystem: "__proto__" is not an OSV ecosystem.',
    ]);
    expect(await osv.importOsv({ dir: db, sources: [folder] })).toMatchObject({ added: 0, unchanged: 2 });
    const status = await osv.vulnDbStatus(db);
    expect(status.records).toBe(2);
    expect(status.ecosystems.map((e) => e.ecosystem)).toEqual(['npm']);
    const vdb = await osv.VulnDb.open(db);
    expect(
      (await vdb.match({ ecosystem: 'npm', name: 'x', version: '1.0.0' })).matches.map((m) => m.id),
    ).toEqual(['__proto__', 'toString']);
  });

  it('refuses to match against a missing store, saying how to fill it', async () => {
    const err = await osv.VulnDb.open(db).catch((e: unknown) => e);
    expect(isQuaiError(err) && err.code).toBe('PREREQUISITE_MISSING');
    expect(isQuaiError(err) && err.hint).toMatch(/quai vulndb import/);
    expect(await osv.vulnDbStatus(db)).toMatchObject({ exists: false, records: 0 });
  });

  it('reports a range it cannot evaluate instead of dropping it silently', async () => {
    const record = {
      id: 'GHSA-odd',
      modified: '2024-01-01T00:00:00Z',
      affected: [
        {
          package: { ecosystem: 'npm', name: 'left-pad' },
          ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: 'not-a-version' }] }],
        },
      ],
    };
    const warnings: string[] = [];
    const m = osv.matchRecord(
      (await osv.osvRecordParser())(record, 'odd.json'),
      { ecosystem: 'npm', name: 'left-pad', version: '1.0.0' },
      (w) => warnings.push(w),
    );
    expect(m).toBeUndefined();
    expect(warnings).toEqual([
      expect.stringContaining('GHSA-odd: a ECOSYSTEM range of left-pad could not be evaluated for 1.0.0'),
    ]);
  });

  it('maps os-release to distribution ecosystems', () => {
    expect(osv.distroEcosystem('debian', '12')).toBe('Debian:12');
    expect(osv.distroEcosystem('alpine', '3.20.3')).toBe('Alpine:v3.20');
    expect(osv.distroEcosystem('ubuntu', '22.04', '22.04.4 LTS (Jammy Jellyfish)')).toBe('Ubuntu:22.04:LTS');
    expect(osv.distroEcosystem('ubuntu', '24.10', '24.10 (Oracular Oriole)')).toBe('Ubuntu:24.10');
    expect(osv.distroEcosystem('plan9', '4')).toBeUndefined();
  });
});

describe('OSV range evaluation', () => {
  const dpkg = versions.dpkgScheme;
  const ev = (version: string, events: scan.versions.RangeEvent[]): boolean =>
    versions.evaluateRange(version, { type: 'ECOSYSTEM', events }, dpkg).affected;

  it('opens at introduced, closes at fixed, whatever the order the events are listed in', () => {
    const events = [{ fixed: '1.5' }, { introduced: '1.0' }, { fixed: '2.5' }, { introduced: '2.0' }];
    expect(['0.9', '1.0', '1.4', '1.5', '1.9', '2.0', '2.4', '2.5', '3.0'].map((v) => ev(v, events))).toEqual(
      [false, true, true, false, false, true, true, false, false],
    );
  });

  it('treats introduced "0" as the start of time and last_affected as inclusive', () => {
    const events = [{ introduced: '0' }, { last_affected: '1.2-3' }];
    expect(['0~beta', '1.2-3', '1.2-3+b1', '1.2-4'].map((v) => ev(v, events))).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });

  it('caps a range at its limits', () => {
    const events = [{ introduced: '0' }, { limit: '2.0' }];
    expect(['1.9', '2.0', '2.1'].map((v) => ev(v, events))).toEqual([true, false, false]);
    expect(ev('9.0', [{ introduced: '0' }, { limit: '*' }])).toBe(true);
  });

  it('evaluates SEMVER ranges with Semantic Versioning, and Go ones with the v prefix', () => {
    const semverRange = {
      type: 'SEMVER' as const,
      events: [{ introduced: '1.0.0-rc.1' }, { fixed: '1.0.1' }],
    };
    const s = versions.schemeForRange('npm', 'SEMVER');
    expect(
      ['1.0.0-beta', '1.0.0-rc.1', '1.0.0', '1.0.1'].map(
        (v) => versions.evaluateRange(v, semverRange, s).affected,
      ),
    ).toEqual([false, true, true, false]);
    const g = versions.schemeForRange('Go', 'SEMVER');
    expect(versions.evaluateRange('v1.0.0', semverRange, g).affected).toBe(true);
    expect(() => versions.schemeForRange('SwiftURL', 'ECOSYSTEM')).toThrow(/Cannot order versions/);
  });

  it('gives the verdict and interval of the sorted walk, or its error, on 20,000 random ranges', () => {
    // A small deterministic generator: ranges of 1 to 5 events of every kind, versions that
    // compare equal under other spellings (1.0 = 1.0-0 = 0:1.0), and invalid ones.
    let seed = 42;
    const r = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
    const pools = {
      dpkg: [
        '0',
        '0~',
        '1.0',
        '1.0-0',
        '0:1.0',
        '1.0-1',
        '1.0-1+deb12u1',
        '1.1',
        '1.1~rc1',
        '2.0',
        '2.0-1',
        '3',
        '1:0.5',
        'a:1',
        '1.0-',
      ],
      semver: [
        '0',
        '0.0.1',
        '1.0.0',
        '1.0.0-rc.1',
        '1.0.1',
        '1.1.0',
        '2.0.0',
        '2.0.0-alpha',
        '10.0.0',
        'x.y',
      ],
    };
    const kinds = ['introduced', 'introduced', 'fixed', 'last_affected', 'limit'] as const;
    const outcome = (f: () => scan.versions.RangeVerdict): unknown => {
      try {
        return f();
      } catch (error) {
        return { error: (error as Error).message };
      }
    };
    let affected = 0;
    for (const [id, pool] of Object.entries(pools)) {
      const scheme = id === 'dpkg' ? versions.dpkgScheme : versions.semverScheme;
      for (let n = 0; n < 10_000; n++) {
        const events = Array.from({ length: 1 + Math.floor(r() * 5) }, () => {
          const kind = pick(kinds);
          return { [kind]: kind === 'limit' && r() < 0.2 ? '*' : pick(pool) } as scan.versions.RangeEvent;
        });
        const range = { type: 'ECOSYSTEM' as const, events };
        const version = pick(pool);
        const fast = outcome(() => versions.evaluateRange(version, range, scheme));
        expect([version, events, fast]).toEqual([
          version,
          events,
          outcome(() => versions.evaluateRangeSorted(version, range, scheme)),
        ]);
        if ((fast as { affected?: boolean }).affected === true) affected++;
      }
    }
    expect(affected).toBeGreaterThan(2000); // the comparison saw affected versions, not only refusals
  });
});

describe('CVSS v3 base scores', () => {
  it.each([
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 9.8, 'critical'],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N', 6.1, 'medium'],
    ['CVSS:3.0/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N', 5.5, 'medium'],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H', 10, 'critical'],
    ['CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N', 1.6, 'low'],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N', 0, 'none'],
  ])('%s scores %s', (vector, score, level) => {
    expect(osv.cvss3BaseScore(vector)).toBe(score);
    expect(osv.levelOfScore(score)).toBe(level);
  });

  it('gives undefined for vectors that are not CVSS v3', () => {
    expect(
      osv.cvss3BaseScore('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N'),
    ).toBeUndefined();
    expect(osv.cvss3BaseScore('CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')).toBeUndefined();
  });
});
