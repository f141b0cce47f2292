/*
 * JSON.stringify(value, null, 2) + '\n', in pieces of about `size` characters: a large report is
 * written as it is produced, never held as one string (nor encoded as one buffer). The text is
 * the same, character for character: the top levels are walked here with JSON.stringify's rules
 * (toJSON, undefined members left out, undefined array items as null), and each value below
 * `depth` is written by JSON.stringify itself, its lines indented where it sits (a JSON string
 * never holds a raw line break, so every '\n' of its text is a line of its layout).
 */

function* walk(value: unknown, key: string, indent: string, depth: number): Generator<string> {
  let v = value;
  if (typeof v === 'object' && v !== null && typeof (v as { toJSON?: unknown }).toJSON === 'function')
    v = (v as { toJSON: (k: string) => unknown }).toJSON(key);
  if (depth <= 0 || typeof v !== 'object' || v === null) {
    const text = JSON.stringify(v, null, 2) as string | undefined;
    yield text === undefined ? 'null' : indent === '' ? text : text.replaceAll('\n', `\n${indent}`);
    return;
  }
  const inner = `${indent}  `;
  if (Array.isArray(v)) {
    if (v.length === 0) {
      yield '[]';
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
export function* jsonChunks(value: unknown, size = 1 << 16, depth = 3): Generator<string> {
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
