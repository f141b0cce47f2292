/**
 * OSV data shaped like Debian's real feed, for the scan benches: records (DSA, DLA and
 * DEBIAN-CVE ids; affected entries for Debian 11, 12 and 13; ECOSYSTEM ranges with several
 * introduced/fixed events; CVE aliases; CVSS v3 vectors on part of them; urgency in
 * ecosystem_specific) and a zip writer shaped like OSV's all.zip; and the smallest root file
 * system such a record affects, for the tests that scan one.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';

export const RELEASES = ['11', '12', '13'] as const;

const VECTORS = [
  'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
  'CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:L/A:N',
  'CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N',
  'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H',
];

/** One record shaped like Debian's OSV data; packages of the image get versions around theirs. */
export function record(i: number, names: readonly string[], installed: ReadonlyMap<string, string>): unknown {
  const pkg = names[i % names.length]!;
  const have = installed.get(pkg);
  const kind = i % 10 < 2 ? 'DSA' : i % 10 < 4 ? 'DLA' : 'DEBIAN-CVE';
  const cve = `CVE-${2015 + (i % 10)}-${10000 + i}`;
  const releases = kind === 'DEBIAN-CVE' ? RELEASES : [RELEASES[i % 3]!];
  const fixedFor = (release: string): string | undefined => {
    if (i % 9 === 0) return undefined; // not fixed yet
    // For the image's packages: a third fixed later than installed (a finding), the rest earlier.
    if (have !== undefined) return i % 3 === 0 ? `${have}+deb${release}u${1 + (i % 4)}` : `0.${i % 50}-1`;
    return `${1 + (i % 4)}.${i % 10}.${i % 13}-${1 + (i % 3)}+deb${release}u${1 + (i % 5)}`;
  };
  return {
    schema_version: '1.6.0',
    id: kind === 'DEBIAN-CVE' ? `DEBIAN-${cve}` : `${kind}-${3000 + Math.floor(i / 10)}-${1 + (i % 3)}`,
    modified: new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString(),
    published: new Date(Date.UTC(2015 + (i % 10), i % 12, 1 + (i % 28))).toISOString(),
    aliases: [cve],
    ...(kind === 'DEBIAN-CVE' ? {} : { related: [cve] }),
    summary: `${pkg} - security update`,
    details:
      `Several vulnerabilities were discovered in ${pkg}, which may result in denial of service or the execution of arbitrary code. `.repeat(
        1 + (i % 4),
      ),
    ...(i % 2 === 0 ? { severity: [{ type: 'CVSS_V3', score: VECTORS[i % VECTORS.length]! }] } : {}),
    affected: releases.map((release) => {
      const fixed = fixedFor(release);
      const events: Record<string, string>[] = [{ introduced: '0' }];
      if (i % 17 === 0 && fixed !== undefined) {
        // A regression: fixed, reintroduced later, fixed again.
        events.push({ fixed: `0.${i % 7}-1` }, { introduced: `0.${i % 7}-2` });
      }
      if (fixed !== undefined) events.push({ fixed });
      return {
        package: { ecosystem: `Debian:${release}`, name: pkg, purl: `pkg:deb/debian/${pkg}?arch=source` },
        ranges: [{ type: 'ECOSYSTEM', events }],
        ecosystem_specific: { urgency: ['low', 'medium', 'high', 'not yet assigned', 'unimportant'][i % 5] },
        database_specific: {
          source: `https://storage.googleapis.com/osv-vulnerabilities/Debian/${cve}.json`,
        },
      };
    }),
    references: [
      { type: 'ADVISORY', url: `https://security-tracker.debian.org/tracker/${cve}` },
      { type: 'WEB', url: `https://www.debian.org/security/${2015 + (i % 10)}/dsa-${3000 + i}` },
    ],
  };
}

/** A zip as OSV's all.zip: deflated entries, one JSON record each. */
export function zip(entries: readonly [string, Buffer][]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [n, data] of entries) {
    const name = Buffer.from(n);
    const body = deflateRawSync(data);
    const l = Buffer.alloc(30);
    l.writeUInt32LE(0x04034b50, 0);
    l.writeUInt16LE(20, 4);
    l.writeUInt16LE(8, 8);
    l.writeUInt32LE(crc32(data), 14);
    l.writeUInt32LE(body.length, 18);
    l.writeUInt32LE(data.length, 22);
    l.writeUInt16LE(name.length, 26);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(8, 10);
    c.writeUInt32LE(crc32(data), 16);
    c.writeUInt32LE(body.length, 20);
    c.writeUInt32LE(data.length, 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt32LE(offset, 42);
    locals.push(l, name, body);
    centrals.push(c, name);
    offset += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/** A Debian 11 root file system with openssl 3.0.1-1 (what record(0, ['openssl'], ...) affects). */
export const DEBIAN_OPENSSL: Readonly<Record<string, string>> = {
  'etc/os-release': 'ID=debian\nVERSION_ID="11"\n',
  'var/lib/dpkg/status':
    'Package: openssl\nStatus: install ok installed\nVersion: 3.0.1-1\nArchitecture: amd64\n\n',
};

/** Writes files (path in the root -> text) under `root`, making their folders. */
export function writeRootFs(root: string, files: Readonly<Record<string, string>>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}
