/**
 * `spec.components.web.ports[0].name` from a path of keys and indexes (where a problem is in a
 * document). Here rather than in the model domain, so that the scanner's readers use it without
 * loading the model's rules and the app spec's schemas.
 */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(document)' : out;
}
