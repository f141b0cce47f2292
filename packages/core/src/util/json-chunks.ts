/*
 * JSON.stringify(value, null, 2) + '\n', in pieces of about `size` characters: a large report is
 * written as it is produced, never held as one string (nor encoded as one buffer). The text is
 * the same, character for character: the top levels are walked here with JSON.stringify's rules
 * (toJSON, undefined members left out, undefined array items as null), and each value below
 * `depth` is written by JSON.stringify itself, indented where it sits: it is stringified inside
 * as many one-item arrays as its level, and the text of those arrays cut off (cheaper than
 * indenting every line again).
 */

/** JSON.stringify(v, null, 2) as it reads at `level` (2 spaces each), for an object or array. */
function atLevel(v: object, level: number): string {
  if (level === 0) return JSON.stringify(v, null, 2);
  let wrapped: unknown = v;
  for (let i = 0; i < level; i++) wrapped = [wrapped];
  const text = JSON.stringify(wrapped, null, 2);
  // Each wrapper opens with "[\n" + its items' indent, and closes with "\n" + its indent + "]".
  return text.slice(2 * level + level * (level + 1), text.length - (2 * level + level * (level - 1)));
}

function* walk(value: unknown, key: string, indent: string, depth: number): Generator<string> {
  let v = value;
  if (typeof v === 'object' && v !== null && typeof (v as { toJSON?: unknown }).toJSON === 'function')
    v = (v as { toJSON: (k: string) => unknown }).toJSON(key);
  if (typeof v !== 'object' || v === null) {
    yield JSON.stringify(v) ?? 'null';
    return;
  }
  if (depth <= 0) {
    yield atLevel(v, indent.length / 2);
    return;
  }
  const inner = `${indent}  `;
  if (Array.isArray(v)) {
    if (v.length === 0) {
      yield '[]';
      return;
    }
    if (depth === 1) {
      // Items are leaves: 64 at a time, in one JSON.stringify of that slice ("[\n" + inner, the
      // items, "\n" + indent + "]"), cut to its items. (A toJSON of an item gets its index in the
      // slice as its key.)
      for (let i = 0; i < v.length; i += 64) {
        const text = atLevel(v.slice(i, i + 64), indent.length / 2);
        yield `${i === 0 ? '[' : ','}\n${inner}${text.slice(2 + inner.length, text.length - 2 - indent.length)}`;
      }
      yield `\n${indent}]`;
      return;
    }
    for (let i = 0; i < v.length; i++) {
      yield i === 0 ? `[\n${inner}` : `,\n${inner}`;
      const item: unknown = v[i];
      if (item === undefined || typeof item === 'function' || typeof item === 'symbol') yield 'null';
      else yield* walk(item, String(i), inner, depth - 1);
    }
    yield `\n${indent}]`;
    return;
  }
  let first = true;
  for (const k of Object.keys(v)) {
    const item = (v as Record<string, unknown>)[k];
    if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
    yield `${first ? '{\n' : ',\n'}${inner}${JSON.stringify(k)}: `;
    first = false;
    yield* walk(item, k, inner, depth - 1);
  }
  yield first ? '{}' : `\n${indent}}`;
}

/** The pieces of JSON.stringify(value, null, 2) + '\n', each about `size` characters or less. */
export function* jsonChunks(value: unknown, size = 1 << 16, depth = 4): Generator<string> {
  let batch: string[] = [];
  let length = 0;
  for (const piece of walk(value, '', '', depth)) {
    batch.push(piece);
    length += piece.length;
    if (length >= size) {
      yield batch.join('');
      batch = [];
      length = 0;
    }
  }
  batch.push('\n');
  yield batch.join('');
}
