/**
 * Reading and auditing inputs of any size with bounded memory (issue 12 items 10 and 16, issue
 * 19): documents cut wherever the chunks of a stream fall, limits on bytes, documents, objects
 * and document size, aborts acted on, reports written in chunks, and the secret scan linear.
 */
import { localize, t, textOf } from '@quai/contracts';
import { describe, expect, it } from 'vitest';
import { audit, QuaiError } from '../src/index.js';

const NOW = new Date('2026-11-26T12:00:00Z');

function manifests(n: number): string {
  const docs: string[] = [];
  for (let i = 0; i < n; i++) {
    docs.push(
      [
        i % 2 === 0 ? '---' : '--- # a comment on the marker line',
        'apiVersion: apps/v1',
        'kind: Deployment',
        `metadata: {name: web-${i}, namespace: apps}`,
        'spec:',
        '  template:',
        '    spec:',
        '      containers:',
        '        - name: app',
        `          image: "registry.example/app:${i}"`,
        '          command: |',
        '            echo "--- not a marker, indented"',
        ...(i % 3 === 0 ? ['...'] : []),
      ].join('\n'),
    );
  }
  return `${docs.join('\n')}\n`;
}

async function* chunked(text: string, sizes: number[]): AsyncGenerator<Buffer> {
  const bytes = Buffer.from(text);
  for (let at = 0, i = 0; at < bytes.length; i++) {
    const n = sizes[i % sizes.length] ?? 1;
    yield await Promise.resolve(bytes.subarray(at, at + n));
    at += n;
  }
}

async function read(
  text: string,
  sizes: number[],
  limits: Partial<audit.LoadLimits> = {},
): Promise<{ objects: audit.AuditObject[]; notes: audit.AuditNote[] }> {
  const objects: audit.AuditObject[] = [];
  const notes: audit.AuditNote[] = [];
  for await (const x of audit.readManifests(
    [{ kind: 'stream', name: 'in.yaml', stream: chunked(text, sizes) }],
    {
      limits,
    },
  )) {
    if ('object' in x) objects.push(x);
    else notes.push(x);
  }
  return { objects, notes };
}

describe('reading a stream document by document', () => {
  it('finds the same objects at the same lines wherever the chunks are cut (multi-byte characters too)', async () => {
    const text = manifests(40).replace('registry.example/app:7', 'registry.example/é€:7');
    const whole = audit.loadManifestText(text, 'in.yaml');
    const expected = whole.objects.map((o) => `${o.object.metadata.name}@${o.source?.line}`);
    expect(expected).toHaveLength(40);
    for (const sizes of [[1], [2, 3, 5, 7], [64], [1000], [1 << 20]]) {
      const r = await read(text, sizes);
      expect(r.notes).toEqual([]);
      expect(r.objects.map((o) => `${o.object.metadata.name}@${o.source?.line}`)).toEqual(expected);
      const image = r.objects.find((o) => o.object.metadata.name === 'web-7');
      expect(image?.source?.locate?.(['spec', 'template', 'spec', 'containers', 0, 'image'])).toEqual(
        whole.objects[7]?.source?.locate?.(['spec', 'template', 'spec', 'containers', 0, 'image']),
      );
    }
  });

  it('refuses a document over the size limit with its line, and reads the others', async () => {
    const big = `---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata:\n  blob: "${'x'.repeat(5000)}"\n`;
    const text = `${manifests(2)}${big}${manifests(1)}`;
    const r = await read(text, [100], { maxDocumentBytes: 2000 });
    expect(r.objects.map((o) => o.object.metadata.name)).toEqual(['web-0', 'web-1', 'web-0']);
    expect(r.notes.map((n) => `${n.line} ${textOf('en', n.message)}`)).toEqual([
      `${text.split('\n').indexOf('kind: ConfigMap') - 1} Cannot read document: it is larger than 2,000 bytes.`,
    ]);
  });

  it('stops at the limits on bytes, documents and objects with INPUT_TOO_LARGE', async () => {
    const text = manifests(10);
    for (const limits of [{ maxObjects: 5 }, { maxDocuments: 5 }, { maxBytes: 1000 }]) {
      const error = await read(text, [64], limits).catch((e: unknown) => e);
      expect(error, JSON.stringify(limits)).toBeInstanceOf(QuaiError);
      expect((error as QuaiError).code).toBe('INPUT_TOO_LARGE');
    }
  });

  it('refuses an alias bomb', () => {
    const lines = [
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata: {name: lol}',
      'a0: &a0 [x, x, x, x, x, x, x, x, x, x]',
    ];
    for (let i = 1; i < 9; i++)
      lines.push(
        `a${i}: &a${i} [${Array(10)
          .fill(`*a${i - 1}`)
          .join(', ')}]`,
      );
    const r = audit.loadManifestText(lines.join('\n'), 'lol.yaml');
    expect(r.objects).toEqual([]);
    expect(textOf('en', r.notes[0]?.message ?? '')).toBe(
      'Cannot read document: its aliases expand to more than 2,000,000 nodes.',
    );
  });
});

describe('auditing a stream', () => {
  it('gives the same findings as the in-memory audit, in report order', async () => {
    const text = manifests(30);
    const memory = audit.auditObjects(audit.loadManifestText(text, 'in.yaml').objects, { now: NOW });
    const run = await audit.auditStream(
      audit.readManifests([{ kind: 'stream', name: 'in.yaml', stream: chunked(text, [97]) }]),
      { now: NOW, findingsInMemory: 10 },
    );
    try {
      const streamed = [...run.findings()];
      expect(streamed).toEqual(memory.findings);
      expect(run.header.summary).toEqual(memory.summary);
      const json = JSON.parse(
        [...audit.jsonChunks(run.header, run.findings())].join(''),
      ) as audit.AuditReport;
      // The JSON report holds texts (English by default), not catalog ids.
      expect(json).toEqual(localize(memory, 'en'));
      const sarif = JSON.parse([...audit.sarifChunks(run.header, run.findings())].join('')) as unknown;
      expect(sarif).toEqual(audit.renderSarif(memory));
    } finally {
      run.close();
    }
  });

  it('stops when its signal is aborted', async () => {
    const controller = new AbortController();
    async function* endless(): AsyncGenerator<audit.AuditObject> {
      for (let i = 0; ; i++) {
        if (i === 1000) controller.abort(new Error('interrupted by SIGTERM'));
        yield await Promise.resolve({
          object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `c${i}` } },
        });
      }
    }
    await expect(audit.auditStream(endless(), { signal: controller.signal })).rejects.toThrow(
      'interrupted by SIGTERM',
    );
  });
});

describe('the secret scan', () => {
  const patterns: [string, RegExp][] = [
    ['a private key', /-----BEGIN [A-Z ]*PRIVATE KEY-----/],
    ['an AWS access key', /\bAKIA[0-9A-Z]{16}\b/],
    ['a GitLab token', /\bglpat-[A-Za-z0-9_-]{20,}/],
    ['a GitHub token', /\bgh[pousr]_[A-Za-z0-9]{36,}/],
    ['a JSON Web Token', /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/],
    ['a URL with a password', /[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:[^\s@/]{1,}@/i],
  ];
  const pieces = [
    'x',
    'A',
    ' ',
    '\n',
    '/',
    ':',
    '@',
    '.',
    '-',
    '_',
    '://',
    'eyJ',
    'AKIA',
    'glpat-',
    'ghp_',
    '-----BEGIN ',
    'PRIVATE KEY-----',
    'RSA ',
    'abcdefghij',
    'ABCDEFGHIJKLMNOP',
    '0123456789',
    'user',
    'pass',
    'https',
    // Whole secrets, cut into by their neighbours more often than not.
    'AKIAABCDEFGHIJKLMNOP',
    'glpat-abcdefghij0123456789',
    'ghp_abcdefghijABCDEFGHIJ0123456789abcdef',
    'eyJabcdefghij.eyJabcdefghij.abcdefghij',
    'https://user:pass@',
    '-----BEGIN RSA PRIVATE KEY-----',
  ];

  it('finds exactly what the patterns find, on long generated values', () => {
    let seed = 42;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    let found = 0;
    for (let k = 0; k < 3000; k++) {
      let v = '';
      while (v.length < 300 + random(400)) v += pieces[random(pieces.length)];
      const expected = patterns.find(([, re]) => re.test(v))?.[0];
      const reason = audit.secretLooking('NOTE', v);
      const got = /^its value looks like (.*)$/.exec(reason === undefined ? '' : t('en', reason))?.[1];
      if (expected !== undefined) found++;
      expect(got, JSON.stringify(v)).toBe(expected);
    }
    expect(found).toBeGreaterThan(1000);
  });

  it('is linear in the value: 1 MiB of the worst inputs for the old patterns in well under a second each', () => {
    const worst = [
      'a'.repeat(1 << 20),
      'eyJ'.repeat(350_000),
      'a://'.repeat(260_000),
      `a://${'b'.repeat(1 << 20)}`,
      `-----BEGIN ${'A'.repeat(1 << 20)}`,
    ];
    for (const v of worst) {
      const started = performance.now();
      audit.secretLooking('DATA', v);
      expect(performance.now() - started, v.slice(0, 12)).toBeLessThan(1000);
    }
  });
});
