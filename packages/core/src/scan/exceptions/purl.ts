/** The parts of a package URL that identify a package: type, namespace, name and version. */
export interface PurlParts {
  readonly type: string;
  readonly namespace: string;
  readonly name: string;
  readonly version?: string;
}

export function parsePurl(purl: string): PurlParts | undefined {
  const m = /^pkg:([A-Za-z.+-][A-Za-z0-9.+-]*)\/([^?#]+)/.exec(purl.trim());
  if (m === null) return undefined;
  const type = (m[1] ?? '').toLowerCase();
  let path = m[2] ?? '';
  let version: string | undefined;
  const at = path.lastIndexOf('@');
  if (at > 0) {
    version = decodeURIComponent(path.slice(at + 1));
    path = path.slice(0, at);
  }
  const segments = path.split('/').map((s) => decodeURIComponent(s));
  const name = segments.pop() ?? '';
  return { type, namespace: segments.join('/'), name, ...(version === undefined ? {} : { version }) };
}

/**
 * Does `pattern` designate the package `purl`? Qualifiers (arch, distro) are ignored; a pattern
 * without a version designates every version.
 */
export function purlMatches(pattern: string, purl: string): boolean {
  const a = parsePurl(pattern);
  const b = parsePurl(purl);
  if (a === undefined || b === undefined) return false;
  const fold = (p: PurlParts, s: string): string =>
    p.type === 'pypi' || p.type === 'npm' ? s.toLowerCase() : s;
  return (
    a.type === b.type &&
    fold(a, a.namespace) === fold(b, b.namespace) &&
    fold(a, a.name) === fold(b, b.name) &&
    (a.version === undefined || a.version === b.version)
  );
}
