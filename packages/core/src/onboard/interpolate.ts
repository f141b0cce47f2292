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

/** Parses a .env file: KEY=VALUE lines, comments, `export`, single and double quotes. */
export function parseDotEnv(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(line);
    if (m === null) {
      // `KEY` alone: taken from the environment by compose; nothing to set here.
      continue;
    }
    const key = m[1] ?? '';
    let value = m[2] ?? '';
    if (value.startsWith('"') && value.lastIndexOf('"') > 0) {
      value = value.slice(1, value.lastIndexOf('"')).replace(/\\n/g, '\n').replace(/\\"/g, '"');
    } else if (value.startsWith("'") && value.lastIndexOf("'") > 0) {
      value = value.slice(1, value.lastIndexOf("'"));
    } else {
      value = value.replace(/\s+#.*$/, '').trim();
    }
    out.set(key, value);
  }
  return out;
}
