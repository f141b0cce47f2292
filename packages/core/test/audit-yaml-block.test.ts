/**
 * The block reader (issue 19, audit speed) against js-yaml, its oracle: on every document of the
 * audit fixtures (vendor charts, PSS upstream cases, RBAC), test/corpus, examples and the
 * bench:audit corpus, and on corner cases, it either gives up or reads the same value, and the
 * offset of every key and item it reports is the one js-yaml's compose events give. It must never
 * accept a document js-yaml refuses.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import jsyaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { generate } from '../../../bench/audit-corpus.js';
import { framesOf, offsetOf } from '../src/audit/load.js';
import { BlockLocator, blockOffset, blockPositions, readBlock } from '../src/audit/yaml-block.js';

const root = resolve(import.meta.dirname, '../../..');

function files(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) files(p, out);
    else if (/\.(ya?ml|json)$/.test(e)) out.push(p);
  }
  return out;
}

/** Documents as the loader cuts them (at `---` and `...` lines). */
function documents(text: string): string[] {
  const docs: string[] = [];
  let cur: string[] = [];
  for (const line of text.replace(/^\uFEFF/, '').split('\n')) {
    if (/^(---|\.\.\.)([ \t\r]|$)/.test(line)) {
      docs.push(cur.join('\n'));
      cur = line.startsWith('---') ? [line] : [];
    } else cur.push(line);
  }
  docs.push(cur.join('\n'));
  return docs.filter((d) => /\S/.test(d.replace(/^(#.*|---|%.*)$/gm, '')));
}

/** Every field path of a value: keys of mappings, indexes of sequences. */
function paths(v: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []) {
  out.push(prefix);
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...prefix, i], out));
  else if (typeof v === 'object' && v !== null)
    for (const [k, x] of Object.entries(v)) paths(x, [...prefix, k], out);
  return out;
}

/** Checks one document; returns whether the block reader read it. */
function check(doc: string): boolean {
  let expected: unknown;
  let ok = true;
  try {
    expected = jsyaml.load(doc, { schema: jsyaml.CORE_SCHEMA });
  } catch {
    ok = false;
  }
  const got = readBlock(doc);
  if (!ok) {
    expect(got, doc).toBeUndefined();
    return false;
  }
  if (got === undefined) return false;
  expect(got.value, doc).toStrictEqual(expected);
  const block = blockPositions(doc);
  const frames = framesOf(doc);
  expect(block, doc).toBeDefined();
  expect(frames, doc).toBeDefined();
  if (block === undefined || frames === undefined) return false;
  // Paths that exist, and paths that go one step too far (the nearest ancestor is reported):
  // by the second, position-tracking pass, and by the locator of the first pass.
  const locator = new BlockLocator(got);
  for (const p of paths(expected))
    for (const q of [p, [...p, 'missing'], [...p, 99], [...p, 'toString']]) {
      const want = offsetOf(frames, q);
      const second = blockOffset(block.root, block.positions, q);
      if (second !== want) expect([doc, q, second]).toStrictEqual([doc, q, want]);
      const first = locator.offset(q);
      if (first !== want) expect([doc, q, 'locator', first]).toStrictEqual([doc, q, 'locator', want]);
    }
  return true;
}

describe('block reader', () => {
  it('reads the documents of the fixtures and corpora as js-yaml does, or gives up', () => {
    let read = 0;
    let total = 0;
    for (const dir of ['packages/core/test/fixtures/audit', 'test/corpus', 'examples'])
      for (const f of files(join(root, dir)))
        for (const doc of documents(readFileSync(f, 'utf8'))) {
          total++;
          if (check(doc)) read++;
        }
    // Most real documents are in the block subset: the fast path is the common one.
    expect(total).toBeGreaterThan(400);
    expect(read / total).toBeGreaterThan(0.6);
  }, 60_000);

  it('reads every document of the bench corpus', () => {
    const dir = mkdtempSync(join(tmpdir(), 'quai-block-'));
    try {
      generate(dir, 200);
      for (const f of files(dir))
        for (const doc of documents(readFileSync(f, 'utf8'))) expect(check(doc), doc).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  const corners: [string, boolean][] = [
    ['a: 1\nb: "x\\ny \\u00e9 \\"q\\""\nc: \'it\'\'s\'\n', true],
    [
      'a: ~\nb: null\nc: true\nd: False\ne: yes\nf: 0x1F\ng: 0o17\nh: 1_000\ni: .5\nj: -.inf\nk: +1\nl: 1e3\nm: .NaN\n',
      true,
    ],
    ['a:\nb: []\nc: {}\nd: [] # c\n', true],
    ['a:\n- x\n- y\nb: z\n', true],
    ['a:\n  - x\n  -   y   # c\n  - "q"\n', true],
    ['a:\n  - name: x\n    v: 1\n  -\n    name: y\n  - - nested\n', false],
    ['a:\n  -\n  - y\n', false],
    ['list:\n- ports:\n  - 1\n  name: x\n- b\n', true],
    ['# c\n---\n# c2\nk: v # c3\n  # odd comment\nz: http://x:80/a#b\n', true],
    ['a: b: c\n', false],
    ['a: x\n  continued\n', false],
    ['a: |\n  text\n', false],
    ['a: >-\n  text\n', false],
    ['a: [1, 2]\n', false],
    ['a: {b: c}\n', false],
    ['a: &x 1\nb: *x\n', false],
    ['a: !!str 1\n', false],
    ['"a": 1\n', false],
    ['1: a\n', false],
    ['true: a\n', false],
    ['a: 1\na: 2\n', false],
    ['a : 1\n', false],
    ['a:\tb\n', false],
    ['a: b\r\nc: d\r\n', false],
    ['a: "\\x41"\n', false],
    ['a: "open\n', false],
    ["a: 'open\n", false],
    ['a: -\n', false],
    ['a: - x\n', false],
    ['a: -1\nb: -x\nc: a#b\nd: "x" # c\n', true],
    ['a: "x" y\n', false],
    ['  a: 1\n', false],
    ['- a\n', false],
    ['a:\n  b:\n    c: d\n  e: f\ng: h\n', true],
    ['a:\n  b: 1\n c: 2\n', false],
    ['a:\n  - x\n  b: 1\n', false],
    ['<<: {a: 1}\n', false],
    ['__proto__: 1\n', false],
    ['a: `x`\n', false],
    ['a: @x\n', false],
    ['a: %x\n', false],
    ['a: ?x\n', false],
    ['a: :x\n', false],
    ['--- a: 1\n', false],
    ['---\na: 1\n', true],
    ['a: \u0001\n', false],
    ['a: "\ud800"\n', false],
  ];
  it.each(corners)('%j', (doc, accepted) => {
    expect(check(doc)).toBe(accepted);
  });
});
