/**
 * Compose variable interpolation (compose-spec 12-interpolation.md): $VAR, ${VAR},
 * ${VAR:-default}, ${VAR-default}, ${VAR:?error}, ${VAR?error}, ${VAR:+alt}, ${VAR+alt}, and $$
 * for a literal $. Defaults and alternatives may themselves contain variables.
 */

export interface InterpolationProblem {
  readonly kind: 'missing-required' | 'undefined' | 'syntax';
  readonly variable: string;
  readonly message: string;
}

export type Lookup = (name: string) => string | undefined;

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

/** Finds the `}` closing a `${`, skipping nested `${...}`. */
function closing(text: string, from: number): number {
  let depth = 1;
  for (let i = from; i < text.length; i++) {
    const ch = text[i];
    if (ch === '$' && text[i + 1] === '{') {
      depth++;
      i++;
    } else if (ch === '}') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

export function interpolate(text: string, lookup: Lookup, problems: InterpolationProblem[]): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch !== '$') {
      out += ch;
      i++;
      continue;
    }
    const next = text[i + 1];
    if (next === '$') {
      out += '$';
      i += 2;
      continue;
    }
    if (next === '{') {
      const end = closing(text, i + 2);
      if (end < 0) {
        problems.push({ kind: 'syntax', variable: '', message: `unclosed "\${" in "${text}"` });
        out += text.slice(i);
        break;
      }
      out += expand(text.slice(i + 2, end), lookup, problems);
      i = end + 1;
      continue;
    }
    const m = NAME.exec(text.slice(i + 1));
    if (m === null) {
      out += '$';
      i++;
      continue;
    }
    const value = lookup(m[0]);
    if (value === undefined) {
      problems.push({
        kind: 'undefined',
        variable: m[0],
        message: `variable ${m[0]} is not set: replaced by an empty string`,
      });
    }
    out += value ?? '';
    i += 1 + m[0].length;
  }
  return out;
}

function expand(body: string, lookup: Lookup, problems: InterpolationProblem[]): string {
  const m = NAME.exec(body);
  if (m === null) {
    problems.push({ kind: 'syntax', variable: body, message: `invalid variable name in "\${${body}}"` });
    return '';
  }
  const name = m[0];
  const rest = body.slice(name.length);
  const value = lookup(name);
  if (rest === '') {
    if (value === undefined) {
      problems.push({
        kind: 'undefined',
        variable: name,
        message: `variable ${name} is not set: replaced by an empty string`,
      });
    }
    return value ?? '';
  }
  const op = /^(:-|-|:\?|\?|:\+|\+)/.exec(rest)?.[0];
  if (op === undefined) {
    problems.push({ kind: 'syntax', variable: name, message: `invalid modifier in "\${${body}}"` });
    return value ?? '';
  }
  const arg = rest.slice(op.length);
  const unsetOrEmpty = value === undefined || value === '';
  switch (op) {
    case ':-':
      return unsetOrEmpty ? interpolate(arg, lookup, problems) : value;
    case '-':
      return value === undefined ? interpolate(arg, lookup, problems) : value;
    case ':?':
    case '?':
      if (op === ':?' ? unsetOrEmpty : value === undefined) {
        const reason = interpolate(arg, lookup, problems);
        problems.push({
          kind: 'missing-required',
          variable: name,
          message: `required variable ${name} is ${value === undefined ? 'not set' : 'empty'}${reason ? `: ${reason}` : ''}`,
        });
        return '';
      }
      return value ?? '';
    case ':+':
      return unsetOrEmpty ? '' : interpolate(arg, lookup, problems);
    case '+':
      return value === undefined ? '' : interpolate(arg, lookup, problems);
    default:
      return value ?? '';
  }
}

const DOTENV_KEY = /^[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*(=?)/;
const DOUBLE_QUOTE_ESCAPES: Readonly<Record<string, string>> = {
  n: '\n',
  r: '\r',
  t: '\t',
  '"': '"',
  '\\': '\\',
  // An escaped dollar stays literal: `$$` is interpolation's literal dollar.
  $: '$$',
};

/**
 * Parses a .env file as docker compose does (compose-go's dotenv): KEY=VALUE lines, comments,
 * `export`, `KEY` alone (ignored), single quotes (literal, may span lines), double quotes
 * (escapes \n \t \" \\ \$, may span lines), inline ` #` comments after unquoted values. Unquoted
 * and double-quoted values are interpolated: `${VAR}` takes `lookup` first (the shell, earlier
 * files, --env), then the lines above it in the same file.
 */
export function parseDotEnv(
  text: string,
  lookup: Lookup = () => undefined,
  problems: InterpolationProblem[] = [],
): Map<string, string> {
  const out = new Map<string, string>();
  const resolve: Lookup = (name) => lookup(name) ?? out.get(name);
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const m = DOTENV_KEY.exec(line);
    if (m === null || m[2] !== '=') continue;
    const key = m[1] ?? '';
    let rest = line.slice(m[0].length).replace(/^[ \t]+/, '');
    const quote = rest[0];
    if (quote === '"' || quote === "'") {
      // Find the closing quote, reading further lines if the value spans several.
      let body = '';
      rest = rest.slice(1);
      for (;;) {
        let closed = -1;
        for (let j = 0; j < rest.length; j++) {
          if (quote === '"' && rest[j] === '\\') {
            j++;
            continue;
          }
          if (rest[j] === quote) {
            closed = j;
            break;
          }
        }
        if (closed >= 0) {
          body += rest.slice(0, closed);
          break;
        }
        if (i + 1 >= lines.length) {
          body += rest; // unterminated: take the rest of the file, as compose does
          break;
        }
        body += `${rest}\n`;
        rest = lines[++i] ?? '';
      }
      if (quote === "'") {
        out.set(key, body);
      } else {
        const unescaped = body.replace(/\\([nrt"\\$])/g, (_, c: string) => DOUBLE_QUOTE_ESCAPES[c] ?? c);
        out.set(key, interpolate(unescaped, resolve, problems));
      }
      continue;
    }
    const value = rest.replace(/[ \t]+#.*$/, '').trim();
    out.set(key, interpolate(value, resolve, problems));
  }
  return out;
}
