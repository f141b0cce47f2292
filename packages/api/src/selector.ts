/**
 * Label selectors in their string form (`app=web,tier!=db,env in (a,b),!legacy,version>2`), as
 * the API server parses them (k8s.io/apimachinery/pkg/labels): the watch cache filters a wider
 * cache with them. Anything this parser does not accept is left to the API server (the caller
 * then watches the narrow scope and the server gives its own error).
 */
type Requirement =
  | { readonly op: 'exists' | 'notExists'; readonly key: string }
  | { readonly op: 'in' | 'notIn'; readonly key: string; readonly values: ReadonlySet<string> }
  | { readonly op: 'gt' | 'lt'; readonly key: string; readonly value: number };

export type LabelMatcher = (labels: Readonly<Record<string, string>> | undefined) => boolean;

// A qualified name with an optional DNS prefix (kubernetes.io/name), and a label value.
const KEY = /^([a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/;

function splitTop(text: string): string[] | undefined {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '(') depth++;
    else if (ch === ')') {
      depth--;
      if (depth < 0) return undefined;
    } else if (ch === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  if (depth !== 0) return undefined;
  parts.push(text.slice(start));
  return parts;
}

function requirement(raw: string): Requirement | undefined {
  const text = raw.trim();
  let m = /^!\s*(\S+)$/.exec(text);
  if (m) return KEY.test(m[1] ?? '') ? { op: 'notExists', key: m[1] ?? '' } : undefined;
  m = /^(\S+?)\s+(in|notin)\s*\(([^()]*)\)$/.exec(text);
  if (m) {
    const key = m[1] ?? '';
    const values = (m[3] ?? '').split(',').map((v) => v.trim());
    if (!KEY.test(key) || values.some((v) => !VALUE.test(v))) return undefined;
    return { op: m[2] === 'in' ? 'in' : 'notIn', key, values: new Set(values) };
  }
  m = /^([^=!<>\s]+)\s*(==|=|!=|>|<)\s*([^=!<>\s]*)$/.exec(text);
  if (m) {
    const key = m[1] ?? '';
    const value = m[3] ?? '';
    if (!KEY.test(key)) return undefined;
    if (m[2] === '>' || m[2] === '<') {
      if (!/^-?[0-9]+$/.test(value)) return undefined;
      return { op: m[2] === '>' ? 'gt' : 'lt', key, value: Number(value) };
    }
    if (!VALUE.test(value)) return undefined;
    return { op: m[2] === '!=' ? 'notIn' : 'in', key, values: new Set([value]) };
  }
  return KEY.test(text) ? { op: 'exists', key: text } : undefined;
}

function holds(r: Requirement, labels: Readonly<Record<string, string>>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, r.key);
  const value = has ? labels[r.key] : undefined;
  switch (r.op) {
    case 'exists':
      return has;
    case 'notExists':
      return !has;
    case 'in':
      return value !== undefined && r.values.has(value);
    case 'notIn':
      return value === undefined || !r.values.has(value);
    case 'gt':
    case 'lt': {
      if (value === undefined || !/^-?[0-9]+$/.test(value)) return false;
      return r.op === 'gt' ? Number(value) > r.value : Number(value) < r.value;
    }
  }
}

/** A matcher for `selector`, or undefined when it is not a selector this parser is sure of. */
export function parseLabelSelector(selector: string): LabelMatcher | undefined {
  if (selector.trim() === '') return () => true;
  const parts = splitTop(selector);
  if (parts === undefined) return undefined;
  const requirements: Requirement[] = [];
  for (const part of parts) {
    const r = requirement(part);
    if (r === undefined) return undefined;
    requirements.push(r);
  }
  return (labels) => requirements.every((r) => holds(r, labels ?? {}));
}
