/**
 * The audit's secret scan of values (environment variables, ConfigMap data), linear in the
 * length of the value and bounded: the known formats of model/secrets.ts (private keys, cloud
 * and forge tokens, JWTs, URLs with a password) are found by scanning for their fixed prefixes
 * and reading forward a bounded or single-pass distance, never by a regular expression that
 * retries from every position (the URL pattern took 15 s on 128 KB and minutes on 1 MiB). Names
 * and short values are judged by model's detector itself, so both give the same verdict.
 */
import { msg, type Message } from '@quai/contracts';
import { secretReason } from '../model/index.js';

/** Bytes of a value that are scanned: a Kubernetes object is at most 1.5 MiB. */
const SCAN_LIMIT = 2 * 1024 * 1024;
/** Values up to this length are judged by model's detector as they are. */
const SHORT = 256;

const TOKEN = /[A-Za-z0-9_-]/;
const UPPER = /[0-9A-Z]/;

function isWordChar(c: string | undefined): boolean {
  return c !== undefined && /\w/.test(c);
}

/** Length of the run of `re` characters starting at `i` (at most `max`). */
function run(value: string, i: number, re: RegExp, max = Infinity): number {
  let n = 0;
  while (i + n < value.length && n < max && re.test(value[i + n] ?? '')) n++;
  return n;
}

/** Every index of `needle` in `value`, in one pass. */
function* occurrences(value: string, needle: string): Generator<number> {
  for (let i = value.indexOf(needle); i >= 0; i = value.indexOf(needle, i + needle.length)) yield i;
}

function privateKey(v: string): boolean {
  for (const i of occurrences(v, '-----BEGIN ')) {
    // "[A-Z ]*PRIVATE KEY-----": the words before PRIVATE KEY are short; read at most 64.
    const rest = v.slice(i + 11, i + 11 + 64 + 16);
    if (/^[A-Z ]*PRIVATE KEY-----/.test(rest)) return true;
  }
  return false;
}

function awsKey(v: string): boolean {
  for (const i of occurrences(v, 'AKIA')) {
    if (isWordChar(v[i - 1])) continue;
    if (run(v, i + 4, UPPER, 17) === 16 && !isWordChar(v[i + 20])) return true;
  }
  return false;
}

function prefixedToken(v: string, prefixes: readonly string[], min: number, chars: RegExp): boolean {
  for (const p of prefixes) {
    for (const i of occurrences(v, p)) {
      if (isWordChar(v[i - 1])) continue;
      if (run(v, i + p.length, chars, min) >= min) return true;
    }
  }
  return false;
}

/** eyJ<10+>.eyJ<10+>.<10+>: each segment is read once, from each `eyJ` that starts a token. */
function jwt(v: string): boolean {
  for (let i = v.indexOf('eyJ'); i >= 0;) {
    if (isWordChar(v[i - 1])) {
      i = v.indexOf('eyJ', i + 3);
      continue;
    }
    const a = run(v, i + 3, TOKEN);
    let j = i + 3 + a;
    if (a >= 10 && v[j] === '.' && v.startsWith('eyJ', j + 1)) {
      const b = run(v, j + 4, TOKEN);
      j += 4 + b;
      if (b >= 10 && v[j] === '.' && run(v, j + 1, TOKEN, 10) >= 10) return true;
    }
    // The token just read holds no other start: continue after it.
    i = v.indexOf('eyJ', Math.max(i + 3, j));
  }
  return false;
}

/** scheme://user:password@ : from each `://`, the scheme backwards and the user info forwards. */
function urlWithPassword(v: string): boolean {
  for (const i of occurrences(v, '://')) {
    let s = i;
    while (s > 0 && /[a-z0-9+.-]/i.test(v[s - 1] ?? '')) s--;
    if (s === i || !/[a-z]/i.test(v[s] ?? '')) continue;
    let j = i + 3;
    const user = run(v, j, /[^\s:/@]/);
    if (user === 0) continue;
    j += user;
    if (v[j] !== ':') continue;
    const pass = run(v, j + 1, /[^\s@/]/);
    if (pass >= 1 && v[j + 1 + pass] === '@') return true;
  }
  return false;
}

const FORMATS: readonly (readonly [Message, (v: string) => boolean])[] = [
  [msg('audit.finding.secret.privateKey'), privateKey],
  [msg('audit.finding.secret.awsKey'), awsKey],
  [msg('audit.finding.secret.gitlabToken'), (v) => prefixedToken(v, ['glpat-'], 20, TOKEN)],
  [
    msg('audit.finding.secret.githubToken'),
    (v) => prefixedToken(v, ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'], 36, /[A-Za-z0-9]/),
  ],
  [msg('audit.finding.secret.jwt'), jwt],
  [msg('audit.finding.secret.urlPassword'), urlWithPassword],
];

/**
 * Why a name and value look like a secret in a manifest (lenient: placeholders and references
 * pass), as a message. Short values are judged by model's detector; the reason is then named by
 * the scanners above (the same formats), or by the name when no format matched.
 */
export function secretLooking(name: string, value: string): Message | undefined {
  if (value.length <= SHORT) {
    const n = name.slice(0, SHORT);
    if (secretReason(n, value, 'lenient') === undefined) return undefined;
    // With no name, only a known format of the value can make a reason.
    if (secretReason('', value, 'lenient') === undefined)
      return msg('audit.finding.secret.name', { name: n });
    return FORMATS.find(([, found]) => found(value))?.[0] ?? msg('audit.finding.secret.knownFormat');
  }
  const v = value.length > SCAN_LIMIT ? value.slice(0, SCAN_LIMIT) : value;
  for (const [what, found] of FORMATS) if (found(v)) return what;
  // Otherwise the name decides, with the value's start standing for it (placeholders and paths
  // are recognised by how they start; model's rules on names are linear).
  const start = v.trimStart().slice(0, 64);
  if (start === '') return undefined;
  return secretReason(name.slice(0, SHORT), start, 'lenient') === undefined
    ? undefined
    : msg('audit.finding.secret.name', { name });
}
