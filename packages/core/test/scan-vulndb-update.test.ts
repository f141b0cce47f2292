import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, normalize, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { audit, isQuaiError, scan } from '@quai/core';
import { makeZip } from './scan-fixtures.js';

/*
 * `vulndb update --from`: a real HTTP server on loopback (Node's, serving a folder as a static
 * file server does: ETag, If-None-Match, 304) with osv.dev's layout, <Ecosystem>/all.zip, its
 * ecosystems.txt and a SHA256SUMS file.
 */

const { osv } = scan;

let work: string;
let mirror: string;
let server: Server;
let base: string;
const requests: string[] = [];
/** Paths the server cuts after half of the body (a dropped connection). */
const cut = new Set<string>();

beforeAll(async () => {
  server = createServer((req, res) => {
    void (async () => {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      requests.push(`${req.method ?? ''} ${path}${req.headers['if-none-match'] ? ' (conditional)' : ''}`);
      const file = normalize(join(mirror, path));
      if (!file.startsWith(mirror + sep)) {
        res.writeHead(403).end();
        return;
      }
      const info = await stat(file).catch(() => undefined);
      if (info === undefined || !info.isFile()) {
        res.writeHead(404).end();
        return;
      }
      const etag = `"${info.size}-${Math.round(info.mtimeMs)}"`;
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, { etag }).end();
        return;
      }
      res.writeHead(200, { 'content-length': info.size, etag, 'content-type': 'application/zip' });
      if (cut.has(path)) {
        const data = await readFile(file);
        res.write(data.subarray(0, data.length >> 1));
        res.socket?.destroy();
        return;
      }
      createReadStream(file).pipe(res);
    })();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/osv/`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
});

let db: string;
beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'quai-vulndb-update-'));
  mirror = join(work, 'www');
  db = join(work, 'vulndb');
  requests.length = 0;
  cut.clear();
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

const rec = (
  id: string,
  ecosystem: string,
  name: string,
  fixed: string,
  modified = '2024-01-01T00:00:00Z',
): Buffer =>
  Buffer.from(
    JSON.stringify({
      id,
      modified,
      affected: [
        {
          package: { ecosystem, name },
          ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed }] }],
        },
      ],
    }),
  );

const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

/** Writes the mirror: one all.zip per ecosystem, ecosystems.txt and SHA256SUMS. */
async function publish(
  dumps: Record<string, Buffer>,
  options: { sums?: boolean; listing?: string[] } = {},
): Promise<void> {
  const root = join(mirror, 'osv');
  const sums: string[] = [];
  for (const [ecosystem, zip] of Object.entries(dumps)) {
    await mkdir(join(root, ecosystem), { recursive: true });
    await writeFile(join(root, ecosystem, 'all.zip'), zip);
    sums.push(`${sha256(zip)}  ${ecosystem}/all.zip`);
  }
  await writeFile(join(root, 'ecosystems.txt'), `${(options.listing ?? Object.keys(dumps)).join('\n')}\n`);
  if (options.sums !== false) await writeFile(join(root, 'SHA256SUMS'), `${sums.join('\n')}\n`);
  else await rm(join(root, 'SHA256SUMS'), { force: true });
}

const debianZip = (fixed: string, modified?: string): Buffer =>
  makeZip([{ name: 'DSA-5532-1.json', data: rec('DSA-5532-1', 'Debian:12', 'openssl', fixed, modified) }]);
const npmZip = makeZip([
  { name: 'GHSA-35jh-r3h4-6jhm.json', data: rec('GHSA-35jh-r3h4-6jhm', 'npm', 'lodash', '4.17.21') },
]);
const pypiZip = makeZip([
  { name: 'PYSEC-2024-1.json', data: rec('PYSEC-2024-1', 'PyPI', 'jinja2', '3.1.3') },
]);

async function fixOf(ecosystem: string, name: string, version: string): Promise<string[]> {
  const vdb = await osv.VulnDb.open(db);
  return (await vdb.match({ ecosystem, name, version })).matches.map(
    (m) => `${m.id} ${m.fixedVersion ?? ''}`,
  );
}

describe('vulndb update from a mirror', () => {
  it('fetches only the ecosystems in use, checks them, then fetches nothing that did not change', async () => {
    await publish({ Debian: debianZip('3.0.11-1~deb12u2'), npm: npmZip, PyPI: pypiZip });
    const empty = await osv.updateFromMirror({ dir: db, from: base }).catch((e: unknown) => e);
    expect(isQuaiError(empty) && [empty.code, empty.hint]).toEqual([
      'USAGE',
      'For example: quai vulndb update --from https://mirror.example.fr/osv/ --ecosystem Debian --ecosystem npm',
    ]);

    const first = await osv.updateFromMirror({ dir: db, from: base, ecosystems: ['Debian', 'npm'] });
    expect(first.ecosystems.map((e) => [e.ecosystem, e.status, e.verified])).toEqual([
      ['Debian', 'downloaded', 'sha256sums'],
      ['npm', 'downloaded', 'sha256sums'],
    ]);
    expect(first.import).toMatchObject({ added: 2, rejected: [] });
    expect(requests).toEqual([
      'GET /osv/ecosystems.txt',
      'GET /osv/SHA256SUMS',
      'GET /osv/Debian/all.zip',
      'GET /osv/npm/all.zip',
    ]);
    expect(await fixOf('Debian:12', 'openssl', '3.0.11-1~deb12u1')).toEqual(['DSA-5532-1 3.0.11-1~deb12u2']);
    expect((await osv.vulnDbStatus(db)).imports.map((i) => i.source)).toEqual([
      'Debian/all.zip',
      'npm/all.zip',
    ]);

    // Nothing changed: conditional requests only, no import.
    requests.length = 0;
    const again = await osv.updateFromMirror({ dir: db, from: base });
    expect(again.ecosystems.map((e) => e.status)).toEqual(['not-modified', 'not-modified']);
    expect(again.import).toBeUndefined();
    expect(requests.filter((r) => r.endsWith('all.zip (conditional)'))).toHaveLength(2);

    // Debian's dump changes (a corrected fix, dated earlier): only it is fetched, and it replaces
    // what it owns.
    await new Promise((r) => setTimeout(r, 20));
    await publish({
      Debian: debianZip('3.0.11-1~deb12u3', '2023-12-01T00:00:00Z'),
      npm: npmZip,
      PyPI: pypiZip,
    });
    const changed = await osv.updateFromMirror({ dir: db, from: base });
    expect(changed.ecosystems.map((e) => [e.ecosystem, e.status])).toEqual([
      ['Debian', 'downloaded'],
      ['npm', 'downloaded'],
    ]);
    expect(await fixOf('Debian:12', 'openssl', '3.0.11-1~deb12u1')).toEqual(['DSA-5532-1 3.0.11-1~deb12u3']);
  });

  it('refuses a file that does not match the mirror checksum, and leaves the store as it was', async () => {
    await publish({ Debian: debianZip('3.0.11-1~deb12u2') });
    await osv.updateFromMirror({ dir: db, from: base, ecosystems: ['Debian'] });
    const before = await osv.vulnDbStatus(db);
    // The dump is replaced on the mirror, its checksum line is not (tampering, or a half copy).
    await writeFile(join(mirror, 'osv', 'Debian', 'all.zip'), debianZip('9.9.9-1'));
    const err = await osv.updateFromMirror({ dir: db, from: base }).catch((e: unknown) => e);
    expect(isQuaiError(err) && err.code).toBe('MIRROR_CHECKSUM_MISMATCH');
    expect(isQuaiError(err) && err.message).toMatch(
      /^Debian\/all\.zip from .* has sha256 [0-9a-f]{64}, the mirror's SHA256SUMS says [0-9a-f]{64}; nothing was imported\.$/,
    );
    expect(await osv.vulnDbStatus(db)).toEqual(before);
    expect(await fixOf('Debian:12', 'openssl', '3.0.11-1~deb12u1')).toEqual(['DSA-5532-1 3.0.11-1~deb12u2']);
  });

  it('refuses a cut transfer and an ecosystem the mirror does not list', async () => {
    await publish({ Debian: debianZip('3.0.11-1~deb12u2') }, { sums: false });
    cut.add('/osv/Debian/all.zip');
    const err = await osv
      .updateFromMirror({ dir: db, from: base, ecosystems: ['Debian'] })
      .catch((e: unknown) => e);
    expect(isQuaiError(err) && err.code).toBe('MIRROR_UNREACHABLE');
    expect((await osv.vulnDbStatus(db)).exists).toBe(false);
    cut.clear();
    const unlisted = await osv
      .updateFromMirror({ dir: db, from: base, ecosystems: ['Debian', 'Packagist'] })
      .catch((e: unknown) => e);
    expect(isQuaiError(unlisted) && unlisted.message).toMatch(/its ecosystems\.txt does not list Packagist/);
    const bad = await osv
      .updateFromMirror({ dir: db, from: base, ecosystems: ['../etc'] })
      .catch((e: unknown) => e);
    expect(isQuaiError(bad) && bad.message).toBe('"../etc" is not an OSV ecosystem.');
    // Without SHA256SUMS, the zip's own checksums are what is checked, and the report says so.
    const ok = await osv.updateFromMirror({ dir: db, from: base, ecosystems: ['Debian'] });
    expect(ok.ecosystems[0]).toMatchObject({ status: 'downloaded', verified: 'zip-crc' });
    expect(ok.checksums).toBe(false);
  });

  it('reads a folder or file:// mirror the same way', async () => {
    await publish({ Debian: debianZip('3.0.11-1~deb12u2'), npm: npmZip });
    const folder = join(mirror, 'osv');
    const r = await osv.updateFromMirror({ dir: db, from: folder, ecosystems: ['npm'] });
    expect(r.ecosystems).toEqual([
      expect.objectContaining({ ecosystem: 'npm', status: 'downloaded', verified: 'sha256sums' }),
    ]);
    const again = await osv.updateFromMirror({
      dir: db,
      from: pathToFileURL(folder).href,
      ecosystems: ['Debian'],
    });
    expect(again.ecosystems.map((e) => [e.ecosystem, e.status])).toEqual([
      ['Debian', 'downloaded'],
      ['npm', 'downloaded'], // another mirror address: its state starts afresh
    ]);
    expect(requests).toEqual([]);
  });

  it('writes the matching index of a store that lacks it, or has a damaged one, even when no dump changed', async () => {
    await publish({ npm: npmZip });
    const folder = join(mirror, 'osv');
    await osv.updateFromMirror({ dir: db, from: folder, ecosystems: ['npm'] });
    const gen = async (): Promise<string> => join(db, (await readFile(join(db, 'CURRENT'), 'utf8')).trim());
    const query = { ecosystem: 'npm', name: 'lodash', version: '4.17.20' };
    const before = await (await osv.VulnDb.open(db)).match(query);
    expect(before.matches.map((m) => m.id)).toEqual(['GHSA-35jh-r3h4-6jhm']);
    // Nothing changed, the index is sound: no import.
    expect((await osv.updateFromMirror({ dir: db, from: folder })).import).toBeUndefined();
    // A damaged index: the next update imports no source, and that rewrites it.
    await writeFile(join(await gen(), 'match', 'npm.idx'), 'damaged');
    const repaired = await osv.updateFromMirror({ dir: db, from: folder });
    expect(repaired.ecosystems.map((e) => e.status)).toEqual(['not-modified']);
    expect(repaired.import).toMatchObject({ added: 0, updated: 0, removed: 0 });
    expect(await (await osv.VulnDb.open(db)).match(query)).toEqual(before);
    // A store written before the index (meta.json without matchIndex): the same.
    const metaPath = join(await gen(), 'meta.json');
    const { matchIndex: _, ...older } = JSON.parse(await readFile(metaPath, 'utf8')) as Record<
      string,
      unknown
    >;
    await rm(metaPath);
    await writeFile(metaPath, JSON.stringify(older));
    expect((await osv.updateFromMirror({ dir: db, from: folder })).import).toBeDefined();
    expect(JSON.parse(await readFile(join(await gen(), 'meta.json'), 'utf8'))).toMatchObject({
      matchIndex: 1,
    });
    expect(await (await osv.VulnDb.open(db)).match(query)).toEqual(before);
  });
});

describe('vulndb update as a CronJob', () => {
  it('renders a CronJob and its claim that pass the restricted Pod Security Standard', () => {
    const objects = scan.vulnDbCronJobObjects({
      from: 'https://miroir.example.fr/osv/',
      ecosystems: ['Debian', 'Packagist'],
      image: 'quai/quai:0.1.0',
      namespace: 'quai-system',
      claim: 'quai-vulndb',
      claimSize: '2Gi',
      timeZone: 'Europe/Paris',
      caConfigMap: 'mirror-ca',
    });
    expect(objects.map((o) => o.kind)).toEqual(['PersistentVolumeClaim', 'CronJob']);
    const report = audit.auditObjects(objects, { level: 'restricted', categories: ['pod-security'] });
    expect(report.findings).toEqual([]);
    // The check bites: the same CronJob with privilege escalation allowed is reported.
    const loose = JSON.parse(
      JSON.stringify(objects).replace('"allowPrivilegeEscalation":false', '"allowPrivilegeEscalation":true'),
    ) as typeof objects;
    expect(
      audit.auditObjects(loose, { level: 'restricted', categories: ['pod-security'] }).findings.length,
    ).toBeGreaterThan(0);
    const container = (
      objects[1]!.spec as {
        jobTemplate: { spec: { template: { spec: { containers: { args: string[] }[] } } } };
      }
    ).jobTemplate.spec.template.spec.containers[0]!;
    expect(container.args).toEqual([
      'vulndb',
      'update',
      '--from',
      'https://miroir.example.fr/osv/',
      '--dir',
      '/var/lib/quai/vulndb',
      '--ecosystem',
      'Debian',
      '--ecosystem',
      'Packagist',
    ]);
  });
});
