/**
 * One detector of secret-looking values, used two ways:
 * - `strict` (import, app spec rules): nothing that might be a secret may end up in clear, so a
 *   secret-sounding name is enough, whatever the value (a placeholder or a short PIN included);
 * - `lenient` (audit of existing manifests): findings must be worth reading, so placeholders,
 *   references, paths and numbers under a secret-sounding name are left alone.
 * Known secret formats (private keys, cloud and forge tokens, JWTs, URLs with a password) count
 * in both modes, whatever the name.
 */
const SECRET_NAME =
  /(pass(word|wd|phrase)?|pwd|secret|token|api[_-]?key|apikey|private[_-]?key|credential|auth[_-]?key|access[_-]?key|signing[_-]?key|(^|_)key$|(^|_)salt$|(^|_)dsn$)/i;

const SECRET_VALUE_PATTERNS: readonly (readonly [string, RegExp])[] = [
  ['a private key', /-----BEGIN [A-Z ]*PRIVATE KEY-----/],
  ['an AWS access key', /\bAKIA[0-9A-Z]{16}\b/],
  ['a GitLab token', /\bglpat-[A-Za-z0-9_-]{20,}/],
  ['a GitHub token', /\bgh[pousr]_[A-Za-z0-9]{36,}/],
  ['a JSON Web Token', /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/],
  ['a URL with a password', /[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:[^\s@/]{1,}@/i],
];

/** Names that talk about a secret without holding one: a file, a user name, a lifetime, a switch. */
const NOT_A_SECRET_NAME =
  /(_|-)(file|path|dir|name|user|username|enabled|disabled|length|size|ttl|timeout|expiry|expires|lifetime|host|port|url|endpoint|header|type|algorithm|policy|min|max|id)$/i;
/** Lenient mode: values that are clearly not secrets (placeholders, references, paths, numbers). */
const PLACEHOLDER = /^(\$\{.*\}|\$\(.*\)|<.*>|changeme|change-me|xxx+|\*+|todo|tbd|none|null|false|true|)$/i;
const NOT_A_SECRET_VALUE = /^(\/|\.\/|~\/|\d+(\.\d+)?(ms|s|m|h|d)?$|\$\w+$)/;

export type SecretMode = 'strict' | 'lenient';

/** Why a variable (name and value) looks like a secret, or undefined when it does not. */
export function secretReason(name: string, value: string, mode: SecretMode): string | undefined {
  for (const [what, re] of SECRET_VALUE_PATTERNS) if (re.test(value)) return `its value looks like ${what}`;
  const v = value.trim();
  if (!SECRET_NAME.test(name) || NOT_A_SECRET_NAME.test(name) || v === '') return undefined;
  if (mode === 'lenient' && (PLACEHOLDER.test(v) || NOT_A_SECRET_VALUE.test(v) || v.length < 4))
    return undefined;
  return `its name "${name}" suggests a secret and it holds a literal value`;
}

/** Strict mode, as a yes or no: what import and the app spec rules use. */
export function looksSecret(name: string, value: string): boolean {
  return secretReason(name, value, 'strict') !== undefined;
}
