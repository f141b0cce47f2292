import { apkScheme } from './apk.js';
import { dpkgScheme } from './dpkg.js';
import { mavenScheme } from './maven.js';
import { nugetScheme } from './nuget.js';
import { cranScheme, hackageScheme } from './numeric.js';
import { packagistScheme } from './packagist.js';
import { pep440Scheme } from './pep440.js';
import { pubScheme } from './pub.js';
import { rpmScheme } from './rpm.js';
import { rubygemsScheme } from './rubygems.js';
import { goScheme, semverScheme } from './semver.js';
import type { VersionScheme, VersionSchemeId } from './types.js';

export const VERSION_SCHEMES: Readonly<Record<VersionSchemeId, VersionScheme>> = {
  dpkg: dpkgScheme,
  apk: apkScheme,
  rpm: rpmScheme,
  semver: semverScheme,
  go: goScheme,
  pep440: pep440Scheme,
  maven: mavenScheme,
  rubygems: rubygemsScheme,
  packagist: packagistScheme,
  nuget: nugetScheme,
  pub: pubScheme,
  cran: cranScheme,
  hackage: hackageScheme,
};

/** OSV ecosystem names (the part before any ":"), and the ordering their versions follow. */
const BY_ECOSYSTEM: Readonly<Record<string, VersionSchemeId>> = {
  Debian: 'dpkg',
  Ubuntu: 'dpkg',
  Alpine: 'apk',
  Wolfi: 'apk',
  Chainguard: 'apk',
  'Red Hat': 'rpm',
  'Rocky Linux': 'rpm',
  AlmaLinux: 'rpm',
  SUSE: 'rpm',
  openSUSE: 'rpm',
  Mageia: 'rpm',
  openEuler: 'rpm',
  npm: 'semver',
  'crates.io': 'semver',
  Hex: 'semver',
  Go: 'go',
  PyPI: 'pep440',
  Maven: 'maven',
  RubyGems: 'rubygems',
  Packagist: 'packagist',
  NuGet: 'nuget',
  Pub: 'pub',
  CRAN: 'cran',
  Bioconductor: 'cran',
  Hackage: 'hackage',
  GHC: 'hackage',
};

/** `Debian:12` -> `Debian`; `Alpine:v3.20` -> `Alpine`; `npm` -> `npm`. */
export function baseEcosystem(ecosystem: string): string {
  const colon = ecosystem.indexOf(':');
  return colon < 0 ? ecosystem : ecosystem.slice(0, colon);
}

/** The version ordering of an OSV ecosystem, or undefined when Quai does not know it. */
export function schemeForEcosystem(ecosystem: string): VersionScheme | undefined {
  const base = baseEcosystem(ecosystem);
  return Object.hasOwn(BY_ECOSYSTEM, base) ? VERSION_SCHEMES[BY_ECOSYSTEM[base]!] : undefined;
}

/** Ecosystems whose versions Quai can order, for help texts and docs. */
export function knownEcosystems(): readonly string[] {
  return Object.keys(BY_ECOSYSTEM);
}
