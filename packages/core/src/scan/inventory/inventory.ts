import { distroEcosystem } from '../osv/index.js';
import {
  parseApkInstalled,
  parseDpkgStatus,
  parseNodePackageJson,
  parsePackageLock,
  parseOsRelease,
  parsePythonMetadata,
  type FoundPackage,
  type OsRelease,
  type PackageKind,
  type ParseResult,
  type ScanWarning,
} from './parsers.js';
import { viewOciLayout, viewRootFs, type FileView, type OciOptions } from './view.js';
import { decodeGoBuildInfo, GO_BUILDINFO_MAGIC, parseGoBuildInfo } from './gobinary.js';
import { isJavaSummary, parseJavaSummary } from './java.js';
import {
  parseCabalFreeze,
  parseComposerInstalled,
  parseComposerLock,
  parseDotnetDeps,
  parseGemfileLock,
  parseGhcPackageConf,
  parseNugetLock,
  parsePubspecLock,
  parseRenvLock,
} from './lockfiles.js';
import { parseRpmDatabase, rpmEcosystem } from './rpm.js';

/*
 * A package inventory: what is installed in a root filesystem or an image, with the OSV
 * ecosystem each package is matched in (Debian:12, Alpine:v3.20, npm, PyPI) and its package URL.
 * Distribution packages keep their source package and version, which is what Debian and Alpine
 * advisories name (libssl3 comes from the openssl source package).
 */

export interface InventoryPackage {
  readonly kind: PackageKind;
  /** OSV ecosystem; a bare `Debian` or `Alpine` when os-release gives no release. */
  readonly ecosystem: string;
  readonly name: string;
  readonly version: string;
  readonly sourceName?: string;
  readonly sourceVersion?: string;
  readonly arch?: string;
  readonly license?: string;
  readonly purl: string;
  /** The files the package was found in (a package found twice keeps both). */
  readonly locations: readonly string[];
}

export interface Inventory {
  readonly os?: OsRelease & { readonly ecosystem?: string };
  readonly packages: readonly InventoryPackage[];
  readonly warnings: readonly ScanWarning[];
  readonly image?: FileView['image'];
}

const enc = (s: string): string => encodeURIComponent(s);

/** A package while its members are set: purl and locations come last. */
type Mutable<T> = { -readonly [K in keyof T]?: T[K] };

function purlOf(p: FoundPackage, os: OsRelease | undefined): string {
  switch (p.kind) {
    case 'deb': {
      // The most common kind: the query string built without arrays.
      let qs = p.arch === undefined ? '' : `arch=${enc(p.arch)}`;
      if (os !== undefined) qs += `${qs === '' ? '' : '&'}distro=${enc(`${os.id}-${os.versionId}`)}`;
      return `pkg:deb/${enc(os?.id ?? 'debian')}/${enc(p.name)}@${enc(p.version)}${qs === '' ? '' : `?${qs}`}`;
    }
    case 'apk': {
      const q = [
        p.arch === undefined ? undefined : `arch=${enc(p.arch)}`,
        os === undefined ? undefined : `distro=${enc(os.versionId)}`,
      ];
      const qs = q.filter((x) => x !== undefined).join('&');
      return `pkg:apk/${enc(os?.id ?? 'alpine')}/${enc(p.name)}@${enc(p.version)}${qs === '' ? '' : `?${qs}`}`;
    }
    case 'npm': {
      const slash = p.name.startsWith('@') ? p.name.indexOf('/') : -1;
      return slash > 0
        ? `pkg:npm/${enc(p.name.slice(0, slash))}/${enc(p.name.slice(slash + 1))}@${enc(p.version)}`
        : `pkg:npm/${enc(p.name)}@${enc(p.version)}`;
    }
    case 'pypi':
      return `pkg:pypi/${enc(p.name.toLowerCase().replace(/[-_.]+/g, '-'))}@${enc(p.version)}`;
    case 'rpm': {
      // purl-spec: the version is version-release; the epoch is a qualifier.
      const evr = p.version.replace(/^\d+:/, '');
      const q = [
        p.arch === undefined ? undefined : `arch=${enc(p.arch)}`,
        p.epoch === undefined || p.epoch === 0 ? undefined : `epoch=${p.epoch}`,
        os === undefined ? undefined : `distro=${enc(`${os.id}-${os.versionId}`)}`,
      ];
      const qs = q.filter((x) => x !== undefined).join('&');
      return `pkg:rpm/${enc(os?.id ?? 'unknown')}/${enc(p.name)}@${enc(evr)}${qs === '' ? '' : `?${qs}`}`;
    }
    case 'golang':
      return `pkg:golang/${p.name.split('/').map(enc).join('/')}@${enc(p.version)}`;
    case 'maven': {
      const [group = '', artifact = ''] = p.name.split(':');
      return `pkg:maven/${enc(group)}/${enc(artifact)}@${enc(p.version)}`;
    }
    case 'composer': {
      const slash = p.name.indexOf('/');
      return slash > 0
        ? `pkg:composer/${enc(p.name.slice(0, slash))}/${enc(p.name.slice(slash + 1))}@${enc(p.version)}`
        : `pkg:composer/${enc(p.name)}@${enc(p.version)}`;
    }
    case 'gem':
    case 'nuget':
    case 'pub':
    case 'cran':
    case 'hackage':
      return `pkg:${p.kind}/${enc(p.name)}@${enc(p.version)}`;
  }
}

function ecosystemOf(kind: PackageKind, os: (OsRelease & { ecosystem?: string }) | undefined): string {
  switch (kind) {
    case 'gem':
      return 'RubyGems';
    case 'composer':
      return 'Packagist';
    case 'nuget':
      return 'NuGet';
    case 'pub':
      return 'Pub';
    case 'cran':
      return 'CRAN';
    case 'hackage':
      return 'Hackage';
    case 'deb':
      if (os?.id === 'ubuntu') return os.ecosystem ?? 'Ubuntu';
      return os?.id === 'debian' && os.ecosystem !== undefined ? os.ecosystem : 'Debian';
    case 'apk':
      return os?.id === 'alpine' && os.ecosystem !== undefined ? os.ecosystem : 'Alpine';
    case 'npm':
      return 'npm';
    case 'pypi':
      return 'PyPI';
    case 'rpm':
      return rpmEcosystem(os) ?? (os === undefined ? 'rpm' : os.id);
    case 'golang':
      return 'Go';
    case 'maven':
      return 'Maven';
  }
}

/** Builds the inventory from a merged file view. */
export function inventoryFromView(view: FileView): Inventory {
  const warnings = [...view.warnings];
  const osText = view.files.get('etc/os-release') ?? view.files.get('usr/lib/os-release');
  const release = osText === undefined ? undefined : parseOsRelease(osText.toString('utf8'));
  const ecosystem =
    release === undefined ? undefined : distroEcosystem(release.id, release.versionId, release.version);
  const os =
    release === undefined ? undefined : { ...release, ...(ecosystem === undefined ? {} : { ecosystem }) };
  const found: FoundPackage[] = [];
  const lockPackages: FoundPackage[] = [];
  const take = (r: ParseResult, into: FoundPackage[]): void => {
    into.push(...r.packages);
    warnings.push(...r.warnings);
  };
  for (const [path, data] of [...view.files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (data.subarray(0, GO_BUILDINFO_MAGIC.length).equals(GO_BUILDINFO_MAGIC)) {
      const info = decodeGoBuildInfo(data);
      if (info !== undefined) take(parseGoBuildInfo(info, `/${path}`), found);
      continue;
    }
    if (isJavaSummary(data)) {
      take(parseJavaSummary(data, `/${path}`), found);
      continue;
    }
    if (path.endsWith('/rpmdb.sqlite')) {
      take(parseRpmDatabase(data, `/${path}`), found);
      continue;
    }
    const text = data.toString('utf8');
    const location = `/${path}`;
    if (path === 'var/lib/dpkg/status' || path.startsWith('var/lib/dpkg/status.d/'))
      take(parseDpkgStatus(text, location), found);
    else if (path === 'lib/apk/db/installed') take(parseApkInstalled(text, location), found);
    else if (path.endsWith('/package.json')) take(parseNodePackageJson(text, location), found);
    else if (path.endsWith('package-lock.json')) take(parsePackageLock(text, location), lockPackages);
    else if (path.endsWith('/METADATA') || path.endsWith('/PKG-INFO'))
      take(parsePythonMetadata(text, location), found);
    else if (/(^|\/)Gemfile\.lock$/.test(path)) take(parseGemfileLock(text, location), found);
    else if (/(^|\/)composer\.lock$/.test(path)) take(parseComposerLock(text, location), found);
    else if (path.endsWith('vendor/composer/installed.json'))
      take(parseComposerInstalled(text, location), found);
    else if (path.endsWith('.deps.json')) take(parseDotnetDeps(text, location), found);
    else if (/(^|\/)packages\.lock\.json$/.test(path)) take(parseNugetLock(text, location), found);
    else if (/(^|\/)pubspec\.lock$/.test(path)) take(parsePubspecLock(text, location), found);
    else if (/(^|\/)renv\.lock$/.test(path)) take(parseRenvLock(text, location), found);
    else if (/(^|\/)cabal\.project\.freeze$/.test(path)) take(parseCabalFreeze(text, location), found);
    else if (/(^|\/)package\.(conf\.d|db)\/[^/]+\.conf$/.test(path))
      take(parseGhcPackageConf(text, location), found);
  }
  // Installed node_modules are the truth; a lockfile adds only what is not installed.
  const installed = new Set(found.filter((p) => p.kind === 'npm').map((p) => `${p.name}@${p.version}`));
  found.push(...lockPackages.filter((p) => !installed.has(`${p.name}@${p.version}`)));

  const byKey = new Map<string, InventoryPackage>();
  for (const p of found) {
    const eco = p.ecosystem ?? ecosystemOf(p.kind, os);
    const key = `${p.kind}\n${eco}\n${p.name}\n${p.version}\n${p.arch ?? ''}`;
    const existing = byKey.get(key);
    if (existing !== undefined) {
      if (!existing.locations.includes(p.location))
        byKey.set(key, { ...existing, locations: [...existing.locations, p.location] });
      continue;
    }
    // Members set in the order reports show them (no spread of a throw-away object per field).
    const pkg: Mutable<InventoryPackage> = { kind: p.kind, ecosystem: eco, name: p.name, version: p.version };
    if (p.sourceName !== undefined) pkg.sourceName = p.sourceName;
    if (p.sourceVersion !== undefined) pkg.sourceVersion = p.sourceVersion;
    if (p.arch !== undefined) pkg.arch = p.arch;
    if (p.license !== undefined) pkg.license = p.license;
    pkg.purl = purlOf(p, release);
    pkg.locations = [p.location];
    byKey.set(key, pkg as InventoryPackage);
  }
  const packages = [...byKey.values()].sort((a, b) =>
    a.kind !== b.kind
      ? a.kind < b.kind
        ? -1
        : 1
      : a.name < b.name
        ? -1
        : a.name > b.name
          ? 1
          : a.version < b.version
            ? -1
            : 1,
  );
  return {
    ...(os === undefined ? {} : { os }),
    packages,
    warnings,
    ...(view.image === undefined ? {} : { image: view.image }),
  };
}

/** The inventory of an unpacked root filesystem. */
export async function inventoryFromRootFs(root: string): Promise<Inventory> {
  return inventoryFromView(await viewRootFs(root));
}

/** The inventory of an image in an OCI layout folder (layers streamed, whiteouts applied). */
export async function inventoryFromOciLayout(layout: string, options: OciOptions = {}): Promise<Inventory> {
  return inventoryFromView(await viewOciLayout(layout, options));
}
