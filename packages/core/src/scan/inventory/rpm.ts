import { msg, type Param } from '@quai/contracts';
import { QuaiError } from '../../errors/index.js';
import type { OsRelease, ParseResult, ScanWarning } from './parsers.js';
import { SqliteFile, SqliteFormatError } from './rpm-sqlite.js';

/*
 * rpm databases. rpm 4.16+ keeps installed packages in SQLite (/usr/lib/sysimage/rpm/rpmdb.sqlite
 * on Fedora, RHEL 9+, Rocky and AlmaLinux 9+, openSUSE; /var/lib/rpm/rpmdb.sqlite on some): a
 * table `Packages(hnum INTEGER PRIMARY KEY, blob BLOB)` whose blobs are rpm header images. Both are
 * read here without rpm or a native SQLite module: rpm-sqlite.ts walks the file format, and the
 * header image (index entries + data store, https://rpm-software-management.github.io/rpm/manual/format_header.html)
 * is decoded for the few tags an inventory needs.
 */

export interface RpmPackage {
  readonly name: string;
  readonly epoch?: number;
  readonly version: string;
  readonly release: string;
  readonly arch?: string;
  readonly sourceRpm?: string;
  readonly license?: string;
  readonly vendor?: string;
  readonly modularityLabel?: string;
}

const TAG = {
  name: 1000,
  version: 1001,
  release: 1002,
  epoch: 1003,
  vendor: 1011,
  license: 1014,
  arch: 1022,
  sourceRpm: 1044,
  modularityLabel: 5096,
} as const;

const TYPE_INT32 = 4;
const TYPE_STRING = 6;
const TYPE_STRING_ARRAY = 8;
const TYPE_I18NSTRING = 9;

export class RpmHeaderError extends Error {}

/** Decodes the tags Quai needs from one header image (as stored in the database: no lead, no magic). */
export function parseRpmHeader(blob: Buffer): RpmPackage {
  if (blob.length < 8) throw new RpmHeaderError(`a ${blob.length}-byte header is too short`);
  const il = blob.readUInt32BE(0);
  const dl = blob.readUInt32BE(4);
  if (il < 1 || il > 0xffff) throw new RpmHeaderError(`a header with ${il} tags is not plausible`);
  const dataStart = 8 + 16 * il;
  if (dataStart + dl > blob.length)
    throw new RpmHeaderError(`the header claims ${dataStart + dl} bytes, the blob has ${blob.length}`);
  const store = blob.subarray(dataStart, dataStart + dl);
  const strings = new Map<number, string>();
  let epoch: number | undefined;
  const wanted = new Set<number>(Object.values(TAG));
  for (let i = 0; i < il; i++) {
    const at = 8 + 16 * i;
    const tag = blob.readUInt32BE(at);
    if (!wanted.has(tag)) continue;
    const type = blob.readUInt32BE(at + 4);
    const offset = blob.readInt32BE(at + 8);
    const count = blob.readUInt32BE(at + 12);
    if (offset < 0 || offset >= store.length)
      throw new RpmHeaderError(`tag ${tag} points outside the data store`);
    if (tag === TAG.epoch) {
      if (type !== TYPE_INT32 || count < 1 || offset + 4 > store.length)
        throw new RpmHeaderError('the epoch tag is not a 32-bit integer');
      epoch = store.readInt32BE(offset);
      continue;
    }
    if (type !== TYPE_STRING && type !== TYPE_I18NSTRING && type !== TYPE_STRING_ARRAY)
      throw new RpmHeaderError(`tag ${tag} has type ${type}, not a string`);
    const end = store.indexOf(0, offset);
    if (end < 0) throw new RpmHeaderError(`tag ${tag}: a string is not terminated`);
    // For I18N strings the first one is the C locale, which rpm -q prints.
    strings.set(tag, store.toString('utf8', offset, end));
  }
  const name = strings.get(TAG.name);
  const version = strings.get(TAG.version);
  const release = strings.get(TAG.release);
  if (name === undefined || version === undefined || release === undefined)
    throw new RpmHeaderError('a header without name, version or release');
  const opt = <K extends string>(key: K, tag: number): { [P in K]?: string } =>
    (strings.has(tag) ? { [key]: strings.get(tag)! } : {}) as { [P in K]?: string };
  return {
    name,
    ...(epoch === undefined ? {} : { epoch }),
    version,
    release,
    ...opt('arch', TAG.arch),
    ...opt('sourceRpm', TAG.sourceRpm),
    ...opt('license', TAG.license),
    ...opt('vendor', TAG.vendor),
    ...opt('modularityLabel', TAG.modularityLabel),
  };
}

/** `[epoch:]version-release`, as rpm and OSV's rpm ecosystems write it. */
export function rpmEvr(p: Pick<RpmPackage, 'epoch' | 'version' | 'release'>): string {
  return `${p.epoch === undefined || p.epoch === 0 ? '' : `${p.epoch}:`}${p.version}-${p.release}`;
}

function malformed(location: string, why: Param): QuaiError {
  return new QuaiError('INPUT_INVALID', msg('scan.rpm.unreadable', { location, why }), {
    hint: msg('scan.rpm.unreadableHint'),
    location: { file: location },
  });
}

/**
 * Every package of an rpmdb.sqlite file. A file that is not a readable rpm database raises a
 * QuaiError (INPUT_INVALID); one damaged header is skipped with a warning.
 */
export function readRpmSqlite(
  data: Buffer,
  location: string,
): { packages: RpmPackage[]; warnings: ScanWarning[] } {
  const packages: RpmPackage[] = [];
  const warnings: ScanWarning[] = [];
  try {
    const db = new SqliteFile(data);
    const root = db.tableRoot('Packages');
    if (root === undefined) throw malformed(location, msg('scan.rpm.noPackages'));
    for (const row of db.rows(root)) {
      const blob = row.values[1];
      if (!Buffer.isBuffer(blob)) {
        warnings.push(msg('scan.inventory.rpmNoHeader', { location, row: String(row.rowid) }));
        continue;
      }
      try {
        packages.push(parseRpmHeader(blob));
      } catch (error) {
        if (!(error instanceof RpmHeaderError)) throw error;
        warnings.push(
          msg('scan.inventory.rpmBadHeader', { location, row: String(row.rowid), reason: error.message }),
        );
      }
    }
  } catch (error) {
    if (error instanceof SqliteFormatError) throw malformed(location, error.message);
    throw error;
  }
  return { packages, warnings };
}

/** The inventory parser: rpm packages as found packages, the version being the EVR. */
export function parseRpmDatabase(data: Buffer, location: string): ParseResult {
  const { packages, warnings } = readRpmSqlite(data, location);
  return {
    packages: packages
      // gpg-pubkey entries are imported keys, not software.
      .filter((p) => p.name !== 'gpg-pubkey')
      .map((p) => ({
        kind: 'rpm' as const,
        name: p.name,
        version: rpmEvr(p),
        ...(p.arch === undefined ? {} : { arch: p.arch }),
        ...(p.epoch === undefined ? {} : { epoch: p.epoch }),
        ...(p.license === undefined ? {} : { license: p.license }),
        location,
      })),
    warnings,
  };
}

/**
 * The OSV ecosystem of an rpm-based distribution, from os-release; undefined when OSV has none
 * (Fedora, CentOS, Amazon Linux, Oracle Linux publish no OSV data). Red Hat's own records name
 * product streams (`Red Hat:enterprise_linux:9::appstream`), so RHEL maps to the bare `Red Hat`.
 */
export function rpmEcosystem(os: OsRelease | undefined): string | undefined {
  if (os === undefined) return undefined;
  const major = /^(\d+)/.exec(os.versionId)?.[1];
  const majorMinor = /^(\d+)\.(\d+)/.exec(os.versionId);
  switch (os.id) {
    case 'rhel':
      return 'Red Hat';
    case 'rocky':
      return major === undefined ? 'Rocky Linux' : `Rocky Linux:${major}`;
    case 'almalinux':
      return major === undefined ? 'AlmaLinux' : `AlmaLinux:${major}`;
    case 'opensuse-leap':
      return os.versionId === '' ? 'openSUSE' : `openSUSE:Leap ${os.versionId}`;
    case 'opensuse-tumbleweed':
      return 'openSUSE:Tumbleweed';
    case 'sles':
      return majorMinor === null
        ? 'SUSE'
        : `SUSE:Linux Enterprise Server ${majorMinor[1]}${majorMinor[2] === '0' ? '' : ` SP${majorMinor[2]}`}`;
    case 'mageia':
      return os.versionId === '' ? 'Mageia' : `Mageia:${os.versionId}`;
    case 'openEuler':
      return os.versionId === '' ? 'openEuler' : `openEuler:${os.versionId}`;
    default:
      return undefined;
  }
}
