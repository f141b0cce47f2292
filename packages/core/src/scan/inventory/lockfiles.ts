import { createRequire } from 'node:module';
import { msg } from '@quai/contracts';
import type * as Yaml from 'yaml';
import type { FoundPackage, ParseResult, ScanWarning } from './parsers.js';

/*
 * Lock files and package databases of the other language ecosystems OSV covers:
 * - RubyGems: Gemfile.lock (Bundler), every `specs:` entry of its GEM, GIT and PATH sections; the
 *   platform suffix (nokogiri (1.16.2-x86_64-linux)) is not part of the version.
 * - Packagist: composer.lock (`packages`, not `packages-dev`, as Trivy reads it: a production
 *   image installs no dev package) and vendor/composer/installed.json (what Composer installed:
 *   Composer 2's {"packages": [...]} and Composer 1's bare list).
 * - NuGet: *.deps.json (.NET's runtime dependency file, `libraries` of type package) and
 *   packages.lock.json (every target framework; project references are left out).
 * - Pub: pubspec.lock (hosted, git and path packages; SDK packages such as flutter are not on pub).
 * - CRAN and Bioconductor: renv.lock (`Repository` sources are CRAN or one of its mirrors,
 *   `Bioconductor` sources Bioconductor; local and GitHub installs have no advisories).
 * - Hackage: cabal.project.freeze (`any.name ==version` constraints) and GHC's package database
 *   (package.conf.d/*.conf, the installed packages of a Haskell image).
 * A malformed file gives a warning naming it, never a failure.
 */

// The YAML library, loaded when a YAML lockfile is met (pubspec.lock): a scan of an image without
// one does not load it.
const yaml = (): typeof Yaml => createRequire(import.meta.url)('yaml') as typeof Yaml;

const notJson = (location: string, error: unknown): ParseResult => ({
  packages: [],
  warnings: [msg('scan.inventory.notJson', { location, reason: (error as Error).message })],
});

function json(text: string, location: string): { value: unknown } | ParseResult {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (error) {
    return notJson(location, error);
  }
}

const isRecord = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);
const str = (x: unknown): string | undefined => (typeof x === 'string' && x !== '' ? x : undefined);

/** Gemfile.lock: `    name (version[-platform])` lines under `specs:`. */
export function parseGemfileLock(text: string, location: string): ParseResult {
  const packages: FoundPackage[] = [];
  let inSpecs = false;
  for (const line of text.split(/\r?\n/)) {
    if (/^\S/.test(line)) {
      inSpecs = false; // a new section: GEM, GIT, PATH, PLATFORMS, DEPENDENCIES, ...
      continue;
    }
    if (line === '  specs:') {
      inSpecs = true;
      continue;
    }
    if (!inSpecs) continue;
    // Bundler's NAME_VERSION: four spaces, a name, then (version) with an optional -platform.
    const m = /^ {4}(?! )(\S+) \(([^-)]+)(?:-[^)]*)?\)$/.exec(line);
    if (m !== null) packages.push({ kind: 'gem', name: m[1]!, version: m[2]!, location });
  }
  return { packages, warnings: [] };
}

function composerPackages(list: unknown, location: string): ParseResult {
  const packages: FoundPackage[] = [];
  const warnings: ScanWarning[] = [];
  if (!Array.isArray(list))
    return { packages, warnings: [msg('scan.inventory.noPackageList', { location })] };
  for (const p of list) {
    const name = isRecord(p) ? str(p['name']) : undefined;
    const version = isRecord(p) ? str(p['version']) : undefined;
    if (name === undefined || version === undefined) {
      warnings.push(msg('scan.inventory.packageWithoutNameOrVersion', { location }));
      continue;
    }
    const license = isRecord(p) ? p['license'] : undefined;
    const licenseText = Array.isArray(license)
      ? license.filter((l): l is string => typeof l === 'string').join(' OR ')
      : str(license);
    packages.push({
      kind: 'composer',
      name,
      version,
      ...(licenseText === undefined || licenseText === '' ? {} : { license: licenseText }),
      location,
    });
  }
  return { packages, warnings };
}

/** composer.lock: the production packages. */
export function parseComposerLock(text: string, location: string): ParseResult {
  const parsed = json(text, location);
  if (!('value' in parsed)) return parsed;
  const data = parsed.value;
  return composerPackages(isRecord(data) ? data['packages'] : undefined, location);
}

/** vendor/composer/installed.json: what Composer installed (Composer 2 object or Composer 1 list). */
export function parseComposerInstalled(text: string, location: string): ParseResult {
  const parsed = json(text, location);
  if (!('value' in parsed)) return parsed;
  const data = parsed.value;
  return composerPackages(
    Array.isArray(data) ? data : isRecord(data) ? data['packages'] : undefined,
    location,
  );
}

/** <app>.deps.json: the NuGet packages a .NET application runs with. */
export function parseDotnetDeps(text: string, location: string): ParseResult {
  const parsed = json(text, location);
  if (!('value' in parsed)) return parsed;
  const libraries = isRecord(parsed.value) ? parsed.value['libraries'] : undefined;
  const packages: FoundPackage[] = [];
  if (!isRecord(libraries)) return { packages, warnings: [msg('scan.inventory.noLibraries', { location })] };
  for (const [key, lib] of Object.entries(libraries)) {
    if (!isRecord(lib) || lib['type'] !== 'package') continue;
    const slash = key.lastIndexOf('/');
    if (slash <= 0) continue;
    packages.push({ kind: 'nuget', name: key.slice(0, slash), version: key.slice(slash + 1), location });
  }
  return { packages, warnings: [] };
}

/** packages.lock.json: resolved packages of every target framework (projects left out). */
export function parseNugetLock(text: string, location: string): ParseResult {
  const parsed = json(text, location);
  if (!('value' in parsed)) return parsed;
  const frameworks = isRecord(parsed.value) ? parsed.value['dependencies'] : undefined;
  const packages: FoundPackage[] = [];
  if (!isRecord(frameworks))
    return { packages, warnings: [msg('scan.inventory.noDependencies', { location })] };
  const seen = new Set<string>();
  for (const deps of Object.values(frameworks)) {
    if (!isRecord(deps)) continue;
    for (const [name, d] of Object.entries(deps)) {
      const version = isRecord(d) ? str(d['resolved']) : undefined;
      if (version === undefined || (isRecord(d) && d['type'] === 'Project')) continue;
      if (seen.has(`${name}@${version}`)) continue;
      seen.add(`${name}@${version}`);
      packages.push({ kind: 'nuget', name, version, location });
    }
  }
  return { packages, warnings: [] };
}

/** pubspec.lock (YAML): every package but the SDK ones. */
export function parsePubspecLock(text: string, location: string): ParseResult {
  const doc = yaml().parseDocument(text, { uniqueKeys: false });
  if (doc.errors.length > 0) {
    return {
      packages: [],
      warnings: [msg('scan.inventory.notYaml', { location, reason: doc.errors[0]!.message })],
    };
  }
  const data: unknown = doc.toJS();
  const list = isRecord(data) ? data['packages'] : undefined;
  const packages: FoundPackage[] = [];
  if (!isRecord(list)) return { packages, warnings: [] };
  for (const [name, p] of Object.entries(list)) {
    if (!isRecord(p) || p['source'] === 'sdk') continue;
    const version = str(p['version']);
    if (version !== undefined) packages.push({ kind: 'pub', name, version, location });
  }
  return { packages, warnings: [] };
}

/** renv.lock: CRAN (a `Repository` source) and Bioconductor packages. */
export function parseRenvLock(text: string, location: string): ParseResult {
  const parsed = json(text, location);
  if (!('value' in parsed)) return parsed;
  const list = isRecord(parsed.value) ? parsed.value['Packages'] : undefined;
  const packages: FoundPackage[] = [];
  if (!isRecord(list)) return { packages, warnings: [msg('scan.inventory.noPackages', { location })] };
  for (const p of Object.values(list)) {
    if (!isRecord(p)) continue;
    const name = str(p['Package']);
    const version = str(p['Version']);
    const source = p['Source'];
    if (name === undefined || version === undefined) continue;
    if (source === 'Repository') packages.push({ kind: 'cran', name, version, ecosystem: 'CRAN', location });
    else if (source === 'Bioconductor')
      packages.push({ kind: 'cran', name, version, ecosystem: 'Bioconductor', location });
  }
  return { packages, warnings: [] };
}

/** cabal.project.freeze: `constraints: any.name ==version, ...` (flags and other bounds skipped). */
export function parseCabalFreeze(text: string, location: string): ParseResult {
  const packages: FoundPackage[] = [];
  let inConstraints = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/--.*$/, '');
    if (/^constraints:/.test(line)) inConstraints = true;
    else if (/^\S/.test(line)) inConstraints = false;
    if (!inConstraints) continue;
    const body = line.replace(/^constraints:/, '');
    for (const part of body.split(',')) {
      const m = /^\s*(?:any\.)?([A-Za-z0-9][A-Za-z0-9-]*)\s*==\s*([0-9]+(?:\.[0-9]+)*)\s*$/.exec(part);
      if (m !== null) packages.push({ kind: 'hackage', name: m[1]!, version: m[2]!, location });
    }
  }
  return { packages, warnings: [] };
}

/** A GHC package database entry (package.conf.d/<id>.conf): its `name:` and `version:` fields. */
export function parseGhcPackageConf(text: string, location: string): ParseResult {
  const name = /^name:\s*(\S+)\s*$/m.exec(text)?.[1];
  const version = /^version:\s*(\S+)\s*$/m.exec(text)?.[1];
  if (name === undefined || version === undefined) {
    return { packages: [], warnings: [msg('scan.inventory.noNameOrVersionField', { location })] };
  }
  return { packages: [{ kind: 'hackage', name, version, location }], warnings: [] };
}
