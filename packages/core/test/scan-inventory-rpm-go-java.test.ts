import { spawnSync } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { chmod, copyFile, mkdir, mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textOf } from '@quai/contracts';
import { isQuaiError, scan } from '@quai/core';
import { readGoBuildInfo, goBuildInfoFromStream, parseGoBuildInfo } from '../src/scan/inventory/gobinary.js';
import { scanJavaArchive } from '../src/scan/inventory/java.js';
import { readRpmSqlite, rpmEcosystem } from '../src/scan/inventory/rpm.js';
import {
  buildGoBinaries,
  buildJars,
  buildRpmDb,
  goVersionM,
  ociLayoutFromDirs,
  rpmOracle,
} from './scan-fixtures.js';

const { inventory } = scan;

let dir: string;
let rpmDb: string;
let goBins: Map<string, string>;
let jars: ReturnType<typeof buildJars>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'quai-rpm-go-java-'));
  rpmDb = buildRpmDb(join(dir, 'rpm'), 200);
  // amd64 and arm64: little-endian ELF64; 386: ELF32; s390x: big-endian ELF64.
  goBins = buildGoBinaries(join(dir, 'go'), ['amd64', '386', 's390x']);
  await mkdir(join(dir, 'java'));
  jars = buildJars(join(dir, 'java'));
}, 240_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const field = (v: string | number | undefined): string => (v === undefined ? '(none)' : String(v));

describe('rpm databases (SQLite), against rpm itself', () => {
  it('uses the SQLite backend (rpm 4.18 default), and reads every field rpm -qa prints', async () => {
    const data = await readFile(join(rpmDb, 'rpmdb.sqlite'));
    expect(data.toString('latin1', 0, 15)).toBe('SQLite format 3');
    const { packages, warnings } = readRpmSqlite(data, 'rpmdb.sqlite');
    expect(warnings).toEqual([]);
    const mine = packages
      .map((p) =>
        [
          p.name,
          field(p.epoch),
          p.version,
          p.release,
          field(p.arch),
          field(p.sourceRpm),
          field(p.license),
          field(p.vendor),
          field(p.modularityLabel),
        ].join('|'),
      )
      .sort();
    const oracle = rpmOracle(rpmDb);
    expect(oracle).toHaveLength(200);
    expect(mine).toEqual(oracle);
  });

  it('walks a multi-level B-tree with overflow pages', async () => {
    const data = await readFile(join(rpmDb, 'rpmdb.sqlite'));
    const pageSize = data.readUInt16BE(16);
    const types = new Set<number>();
    for (let p = 1; p < data.length / pageSize; p++) types.add(data[p * pageSize]!);
    expect(types.has(5)).toBe(true); // table interior pages
    expect(types.has(0)).toBe(true); // overflow pages start with a (small) next-page number
  });

  it('maps distributions to OSV ecosystems and builds rpm package URLs', async () => {
    expect(rpmEcosystem({ id: 'rocky', versionId: '9.4' })).toBe('Rocky Linux:9');
    expect(rpmEcosystem({ id: 'almalinux', versionId: '8.10' })).toBe('AlmaLinux:8');
    expect(rpmEcosystem({ id: 'opensuse-leap', versionId: '15.5' })).toBe('openSUSE:Leap 15.5');
    expect(rpmEcosystem({ id: 'sles', versionId: '15.5' })).toBe('SUSE:Linux Enterprise Server 15 SP5');
    expect(rpmEcosystem({ id: 'rhel', versionId: '9.4' })).toBe('Red Hat');
    expect(rpmEcosystem({ id: 'fedora', versionId: '40' })).toBeUndefined();
    const root = join(dir, 'rootfs-rpm');
    await mkdir(join(root, 'usr/lib/sysimage/rpm'), { recursive: true });
    await mkdir(join(root, 'etc'));
    await copyFile(join(rpmDb, 'rpmdb.sqlite'), join(root, 'usr/lib/sysimage/rpm/rpmdb.sqlite'));
    await writeFile(join(root, 'etc/os-release'), 'ID="almalinux"\nVERSION_ID="9.4"\n');
    const inv = await inventory.inventoryFromRootFs(root);
    const rpms = inv.packages.filter((p) => p.kind === 'rpm');
    expect(rpms).toHaveLength(200);
    const withEpoch = rpms.find((p) => p.name === 'quai-pkg0003')!;
    expect(withEpoch.ecosystem).toBe('AlmaLinux:9');
    expect(withEpoch.version).toBe('3:3.0-1.el9');
    expect(withEpoch.purl).toBe(
      'pkg:rpm/almalinux/quai-pkg0003@3.0-1.el9?arch=x86_64&epoch=3&distro=almalinux-9.4',
    );
    expect(withEpoch.license).toBe('GPL-2.0-or-later AND (MIT OR Apache-2.0)');
  });

  it('refuses a damaged database with a clear error, and skips one damaged header with a warning', async () => {
    const data = await readFile(join(rpmDb, 'rpmdb.sqlite'));
    for (const bad of [
      data.subarray(0, 300),
      Buffer.from('not a database'.repeat(100)),
      Buffer.alloc(8192),
    ]) {
      let error: unknown;
      try {
        readRpmSqlite(bad, '/var/lib/rpm/rpmdb.sqlite');
      } catch (e) {
        error = e;
      }
      expect(isQuaiError(error) && error.code === 'INPUT_INVALID').toBe(true);
      expect((error as Error).message).toMatch(/Cannot read the rpm database \/var\/lib\/rpm\/rpmdb\.sqlite/);
    }
    // Cut after the schema: pages the B-tree points to are missing.
    expect(() => readRpmSqlite(data.subarray(0, 4096 * 8), 'cut')).toThrow(/out of the file|not a table/);
    // A real SQLite database without rpm's table.
    const other = join(dir, 'other.sqlite');
    spawnSync('sqlite3', [other, 'CREATE TABLE t(x); INSERT INTO t VALUES (1);']);
    const otherData = await readFile(other);
    expect(() => readRpmSqlite(otherData, 'other')).toThrow(/no Packages table/);
    // One header overwritten in place by sqlite3: that package is skipped, the others are read.
    const copy = join(dir, 'damaged.sqlite');
    await copyFile(join(rpmDb, 'rpmdb.sqlite'), copy);
    const r = spawnSync('sqlite3', [copy, "UPDATE Packages SET blob = x'0000000100000010' WHERE hnum = 2;"]);
    expect(r.status).toBe(0);
    const damaged = readRpmSqlite(await readFile(copy), 'damaged');
    expect(damaged.packages).toHaveLength(199);
    expect(damaged.warnings.map((w) => textOf('en', w)).join('\n')).toMatch(/row 2: .*skipped/);
  });
});

describe('Go binaries, against go version -m', () => {
  it('reads the build information by sections (file) and by segments (stream), for each architecture', async () => {
    for (const [arch, bin] of goBins) {
      const oracle = goVersionM(bin);
      const data = await readFile(bin);
      const read = (o: number, l: number): Promise<Buffer> => Promise.resolve(data.subarray(o, o + l));
      for (const info of [
        await readGoBuildInfo(read, true),
        await goBuildInfoFromStream(createReadStream(bin)),
      ]) {
        expect(info, arch).toBeDefined();
        expect(info!.goVersion).toBe(oracle.go);
        const pkgs = parseGoBuildInfo(info!, bin).packages;
        const deps = pkgs.filter((p) => p.name !== 'stdlib').map((p) => `${p.name}@${p.version}`);
        expect(deps.sort()).toEqual(oracle.deps);
        expect(pkgs.find((p) => p.name === 'stdlib')?.version).toBe(oracle.go.replace(/^go/, ''));
      }
    }
  });

  it('is not fooled by non-Go ELF files and reports damaged ones', async () => {
    const ls = await readFile('/bin/ls');
    const read = (o: number, l: number): Promise<Buffer> => Promise.resolve(ls.subarray(o, o + l));
    expect(await readGoBuildInfo(read, true)).toBeUndefined();
    const bin = await readFile(goBins.get('amd64')!);
    const cut = bin.subarray(0, 200);
    await expect(readGoBuildInfo((o, l) => Promise.resolve(cut.subarray(o, o + l)), true)).rejects.toThrow(
      /truncated|implausible/,
    );
  });
});

describe('Java archives built by jar', () => {
  it('reads pom.properties, MANIFEST.MF, and nested archives deflated with data descriptors or stored', async () => {
    const coords = async (file: string): Promise<string[]> =>
      (await scanJavaArchive(createReadStream(file), file)).artifacts.map(
        (a) => `${a.groupId}:${a.artifactId}@${a.version} ${a.from} ${a.location.replace(file, '')}`,
      );
    expect(await coords(jars.alpha)).toEqual(['org.example:alpha@1.4.2 pom.properties ']);
    expect(await coords(jars.beta)).toEqual(['org.beta:beta@2.0.1 MANIFEST.MF ']);
    const nested = [
      'org.example:alpha@1.4.2 pom.properties !/WEB-INF/lib/alpha-1.4.2.jar',
      'org.beta:beta@2.0.1 MANIFEST.MF !/WEB-INF/lib/beta.jar',
    ];
    expect(await coords(jars.war)).toEqual(nested);
    expect(await coords(jars.fat)).toEqual(nested);
  });

  it('reports a truncated archive as a warning, keeping what was read', async () => {
    const cut = join(dir, 'cut.war');
    await copyFile(jars.fat, cut);
    const size = (await readFile(jars.fat)).length;
    await truncate(cut, size - 700);
    const r = await scanJavaArchive(createReadStream(cut), cut);
    expect(r.artifacts.map((a) => a.artifactId)).toEqual(['alpha']);
    expect(r.warnings.map((w) => textOf('en', w)).join('\n')).toMatch(/truncated/);
  });
});

describe('an OCI layout made by GNU tar: rpm, Go and Java together, streamed, with whiteouts', () => {
  it('finds every inventory in the layers, and a whiteout removes a war', async () => {
    const l1 = join(dir, 'layer1');
    const l2 = join(dir, 'layer2');
    await mkdir(join(l1, 'usr/lib/sysimage/rpm'), { recursive: true });
    await mkdir(join(l1, 'etc'), { recursive: true });
    await mkdir(join(l1, 'usr/local/bin'), { recursive: true });
    await mkdir(join(l1, 'opt/app'), { recursive: true });
    await mkdir(join(l2, 'opt/app'), { recursive: true });
    await copyFile(join(rpmDb, 'rpmdb.sqlite'), join(l1, 'usr/lib/sysimage/rpm/rpmdb.sqlite'));
    await writeFile(join(l1, 'etc/os-release'), 'ID="rocky"\nVERSION_ID="9.4"\n');
    await copyFile(goBins.get('amd64')!, join(l1, 'usr/local/bin/hello'));
    await chmod(join(l1, 'usr/local/bin/hello'), 0o755);
    // The same binary without the executable bit is data, not a program.
    await copyFile(goBins.get('386')!, join(l1, 'opt/app/hello.data'));
    await chmod(join(l1, 'opt/app/hello.data'), 0o644);
    await copyFile(jars.war, join(l1, 'opt/app/app.war'));
    await copyFile(jars.fat, join(l1, 'opt/app/fat.jar'));
    await writeFile(join(l2, 'opt/app/.wh.app.war'), '');
    const layout = join(dir, 'layout');
    ociLayoutFromDirs(layout, [l1, l2]);
    const inv = await inventory.inventoryFromOciLayout(layout);
    expect(inv.warnings).toEqual([]);
    const byKind = (k: string): string[] =>
      inv.packages.filter((p) => p.kind === k).map((p) => `${p.name}@${p.version} ${p.locations.join(',')}`);
    expect(byKind('rpm')).toHaveLength(200);
    expect(byKind('golang')).toEqual([
      'github.com/google/go-cmp@v0.7.0 /usr/local/bin/hello',
      `stdlib@${goVersionM(goBins.get('amd64')!).go.slice(2)} /usr/local/bin/hello`,
    ]);
    expect(byKind('maven')).toEqual([
      'org.beta:beta@2.0.1 /opt/app/fat.jar!/WEB-INF/lib/beta.jar',
      'org.example:alpha@1.4.2 /opt/app/fat.jar!/WEB-INF/lib/alpha-1.4.2.jar',
    ]);
    const go = inv.packages.find((p) => p.name === 'github.com/google/go-cmp')!;
    expect(go.ecosystem).toBe('Go');
    expect(go.purl).toBe('pkg:golang/github.com/google/go-cmp@v0.7.0');
    const mvn = inv.packages.find((p) => p.kind === 'maven' && p.name.endsWith(':alpha'))!;
    expect(mvn.purl).toBe('pkg:maven/org.example/alpha@1.4.2');
    expect(mvn.ecosystem).toBe('Maven');
  });
});
