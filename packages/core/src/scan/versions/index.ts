export type { Ordering, VersionScheme, VersionSchemeId } from './types.js';
export { compareDpkg, dpkgScheme, parseDpkgVersion } from './dpkg.js';
export { compareApk, apkScheme } from './apk.js';
export { compareRpm, rpmScheme, rpmvercmp } from './rpm.js';
export { goScheme, isGoPseudoVersion, semverScheme } from './semver.js';
export { comparePep440, normalizePep440, pep440Scheme } from './pep440.js';
export { canonicalMaven, compareMaven, mavenScheme } from './maven.js';
export { compareRubyGems, rubygemsScheme } from './rubygems.js';
export { comparePackagist, packagistScheme, phpVersionCompare } from './packagist.js';
export { compareNuGet, nugetScheme } from './nuget.js';
export { comparePub, pubScheme } from './pub.js';
export { compareCran, compareHackage, cranScheme, hackageScheme } from './numeric.js';
export { baseEcosystem, knownEcosystems, schemeForEcosystem, VERSION_SCHEMES } from './ecosystems.js';
export {
  evaluateRange,
  evaluateRangeSorted,
  schemeForRange,
  type AffectedInterval,
  type Range,
  type RangeEvent,
  type RangeVerdict,
} from './ranges.js';
