/*
 * Parsers of package databases and manifests. Each takes the file's text and where it was found,
 * and returns packages; a malformed entry is skipped with a warning naming the file, never fatal.
 */
import { msg, type Message } from '@quai/contracts';

export type PackageKind =
  | 'deb'
  | 'apk'
  | 'rpm'
  | 'npm'
  | 'pypi'
  | 'golang'
  | 'maven'
  | 'gem'
  | 'composer'
  | 'nuget'
  | 'pub'
  | 'cran'
  | 'hackage';

export interface FoundPackage {
  readonly kind: PackageKind;
  readonly name: string;
  readonly version: string;
  /** The source package and its version (Debian, Alpine's origin): what OSV distro records name. */
  readonly sourceName?: string;
  readonly sourceVersion?: string;
  readonly arch?: string;
  /** rpm's epoch, for the package URL (the version already holds it as `epoch:`). */
  readonly epoch?: number;
  readonly license?: string;
  /** The OSV ecosystem when the kind alone does not say it (renv: CRAN or Bioconductor). */
  readonly ecosystem?: string;
  readonly location: string;
}

/**
 * A warning of an inventory: a catalog message (shown in the reader's language), or a plain text
 * from elsewhere (a Java archive summary cached by an older version).
 */
export type ScanWarning = string | Message;

/** The warnings without repeats (the same message with the same parameters counts once), in order. */
export function uniqueWarnings(warnings: Iterable<ScanWarning>): ScanWarning[] {
  const seen = new Map<string, ScanWarning>();
  for (const w of warnings) {
    const key = typeof w === 'string' ? `s${w}` : `m${JSON.stringify(w)}`;
    if (!seen.has(key)) seen.set(key, w);
  }
  return [...seen.values()];
}

export interface ParseResult {
  readonly packages: FoundPackage[];
  readonly warnings: ScanWarning[];
}

/** Splits RFC 822-style stanzas (dpkg status, METADATA headers) into field maps; continuation lines join. */
function stanzas(text: string): Map<string, string>[] {
  const out: Map<string, string>[] = [];
  let current = new Map<string, string>();
  let last: string | undefined;
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') {
      if (current.size > 0) out.push(current);
      current = new Map();
      last = undefined;
      continue;
    }
    if ((line.startsWith(' ') || line.startsWith('\t')) && last !== undefined) {
      current.set(last, `${current.get(last) ?? ''}\n${line.trim()}`);
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    last = line.slice(0, colon).trim();
    current.set(last, line.slice(colon + 1).trim());
  }
  if (current.size > 0) out.push(current);
  return out;
}

const DPKG_FIELDS = new Set(['Package', 'Version', 'Status', 'Source', 'Architecture']);

/**
 * dpkg's status file, or one file of distroless' status.d: installed packages with their source.
 * A status file is mostly descriptions and conffiles (continuation lines): only the five
 * single-line fields read here are kept, in one pass over the text, without building the rest.
 */
export function parseDpkgStatus(text: string, location: string): ParseResult {
  const packages: FoundPackage[] = [];
  const warnings: ScanWarning[] = [];
  let fields = new Map<string, string>();
  let any = false;
  const flush = (): void => {
    if (!any) return;
    const name = fields.get('Package');
    const version = fields.get('Version');
    const status = fields.get('Status');
    if (status !== undefined && !/\binstalled$/.test(status)) {
      // removed, config-files, half-installed
    } else if (name === undefined || version === undefined) {
      warnings.push(msg('scan.inventory.stanzaWithoutPackage', { location }));
    } else {
      // "Source: openssl (3.0.11-1)" when the source version differs from the binary's.
      const source = /^(\S+)(?:\s+\(([^)]+)\))?$/.exec(fields.get('Source') ?? '');
      const arch = fields.get('Architecture');
      packages.push({
        kind: 'deb',
        name,
        version,
        sourceName: source?.[1] ?? name,
        sourceVersion: source?.[2] ?? version,
        ...(arch === undefined ? {} : { arch }),
        location,
      });
    }
    fields = new Map();
    any = false;
  };
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const first = text.charCodeAt(start);
    const second = text.charCodeAt(start + 1);
    if (first === 32 || first === 9) {
      // a continuation line: part of a field not read here (or a blank line of spaces; one
      // whose second character is visible ASCII is not blank, and is not cut out to know it)
      if (!(start + 1 < end && second > 32 && second < 127) && text.slice(start, end).trim() === '') flush();
    } else if (
      ((first >= 65 && first <= 90) || (first >= 97 && first <= 122)) &&
      first !== 80 && // P(ackage)
      first !== 86 && // V(ersion)
      first !== 83 && // S(tatus, ource)
      first !== 65 // A(rchitecture)
    ) {
      // a field not read here (Description, Depends, Maintainer...): not blank, nothing kept
      any = true;
    } else {
      const line = text.slice(start, end).replace(/\r$/, '');
      if (line.trim() === '') flush();
      else {
        any = true;
        const colon = line.indexOf(':');
        if (colon > 0) {
          const key = line.slice(0, colon).trim();
          if (DPKG_FIELDS.has(key)) fields.set(key, line.slice(colon + 1).trim());
        }
      }
    }
    start = end + 1;
  }
  flush();
  return { packages, warnings };
}

/** apk's installed database (lib/apk/db/installed): P: name, V: version, o: origin, A: arch. */
export function parseApkInstalled(text: string, location: string): ParseResult {
  const packages: FoundPackage[] = [];
  const warnings: ScanWarning[] = [];
  for (const block of text.split(/\n\s*\n/)) {
    const fields = new Map<string, string>();
    for (const line of block.split('\n')) {
      if (line.length > 2 && line[1] === ':' && !fields.has(line[0]!)) fields.set(line[0]!, line.slice(2));
    }
    if (fields.size === 0) continue;
    const name = fields.get('P');
    const version = fields.get('V');
    if (name === undefined || version === undefined) {
      warnings.push(msg('scan.inventory.apkEntryWithoutPackage', { location }));
      continue;
    }
    const origin = fields.get('o');
    const arch = fields.get('A');
    packages.push({
      kind: 'apk',
      name,
      version,
      sourceName: origin ?? name,
      sourceVersion: version,
      ...(arch === undefined ? {} : { arch }),
      location,
    });
  }
  return { packages, warnings };
}

/** A node_modules/<name>/package.json. */
export function parseNodePackageJson(text: string, location: string): ParseResult {
  try {
    const data = JSON.parse(text) as { name?: unknown; version?: unknown };
    if (typeof data.name !== 'string' || typeof data.version !== 'string') {
      return { packages: [], warnings: [msg('scan.inventory.noNameOrVersion', { location })] };
    }
    return { packages: [{ kind: 'npm', name: data.name, version: data.version, location }], warnings: [] };
  } catch (error) {
    return {
      packages: [],
      warnings: [msg('scan.inventory.notJson', { location, reason: (error as Error).message })],
    };
  }
}

interface LockV1Dep {
  version?: string;
  dependencies?: Record<string, LockV1Dep>;
}

/** package-lock.json (lockfile versions 1, 2 and 3); links and the root project are left out. */
export function parsePackageLock(text: string, location: string): ParseResult {
  let data: {
    lockfileVersion?: number;
    packages?: Record<string, { version?: string; name?: string; link?: boolean }>;
    dependencies?: Record<string, LockV1Dep>;
  };
  try {
    data = JSON.parse(text) as typeof data;
  } catch (error) {
    return {
      packages: [],
      warnings: [msg('scan.inventory.notJson', { location, reason: (error as Error).message })],
    };
  }
  const packages: FoundPackage[] = [];
  if (data.packages !== undefined) {
    for (const [path, p] of Object.entries(data.packages)) {
      if (path === '' || p.link === true || typeof p.version !== 'string') continue;
      const name = p.name ?? path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
      packages.push({ kind: 'npm', name, version: p.version, location });
    }
  } else if (data.dependencies !== undefined) {
    const walk = (deps: Record<string, LockV1Dep>): void => {
      for (const [name, d] of Object.entries(deps)) {
        if (typeof d.version === 'string' && !d.version.startsWith('file:'))
          packages.push({ kind: 'npm', name, version: d.version, location });
        if (d.dependencies !== undefined) walk(d.dependencies);
      }
    };
    walk(data.dependencies);
  }
  return { packages, warnings: [] };
}

/** A Python distribution's METADATA or PKG-INFO (core metadata headers). */
export function parsePythonMetadata(text: string, location: string): ParseResult {
  const headers = stanzas(text.split(/\r?\n\r?\n/, 1)[0] ?? '')[0];
  const name = headers?.get('Name');
  const version = headers?.get('Version');
  if (name === undefined || version === undefined) {
    return { packages: [], warnings: [msg('scan.inventory.noNameOrVersionHeader', { location })] };
  }
  return { packages: [{ kind: 'pypi', name, version, location }], warnings: [] };
}

export interface OsRelease {
  readonly id: string;
  readonly versionId: string;
  /** VERSION, such as "22.04.4 LTS (Jammy Jellyfish)". */
  readonly version?: string;
  readonly prettyName?: string;
}

/** os-release (KEY=value, values optionally quoted). */
export function parseOsRelease(text: string): OsRelease | undefined {
  const fields = new Map<string, string>();
  for (const line of text.split('\n')) {
    const m = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (m === null) continue;
    let v = m[2]!;
    if ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'"))) v = v.slice(1, -1);
    fields.set(m[1]!, v.replace(/\\(.)/g, '$1'));
  }
  const id = fields.get('ID');
  if (id === undefined) return undefined;
  const pretty = fields.get('PRETTY_NAME');
  const version = fields.get('VERSION');
  return {
    id,
    versionId: fields.get('VERSION_ID') ?? '',
    ...(version === undefined ? {} : { version }),
    ...(pretty === undefined ? {} : { prettyName: pretty }),
  };
}
