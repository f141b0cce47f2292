import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runQuai, type CliResult } from './run-cli.js';

let work: string;
beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'quai-vulndb-cli-'));
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

const quai = (...argv: string[]): Promise<CliResult> =>
  runQuai(argv, { HOME: work, QUAI_CACHE_DIR: join(work, 'cache') });

const dsa = {
  id: 'DSA-5532-1',
  modified: '2024-01-10T10:00:00Z',
  aliases: ['CVE-2023-5363'],
  summary: 'openssl - security update',
  affected: [
    {
      package: { ecosystem: 'Debian:12', name: 'openssl' },
      ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '3.0.11-1~deb12u2' }] }],
    },
  ],
};

const ghsa = {
  id: 'GHSA-35jh-r3h4-6jhm',
  modified: '2024-03-01T12:00:00Z',
  aliases: ['CVE-2021-23337'],
  summary: 'Command Injection in lodash',
  severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H' }],
  affected: [
    {
      package: { ecosystem: 'npm', name: 'lodash' },
      ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '4.17.21' }] }],
    },
  ],
};

async function records(...items: [string, unknown][]): Promise<string> {
  const dir = join(work, 'records');
  await mkdir(dir, { recursive: true });
  for (const [name, data] of items) await writeFile(join(dir, name), JSON.stringify(data));
  return dir;
}

describe('quai vulndb', () => {
  it('imports a folder of OSV records, shows the status, and answers queries offline', async () => {
    const dir = await records(['DSA-5532-1.json', dsa], ['GHSA-35jh-r3h4-6jhm.json', ghsa]);
    const imp = await quai('vulndb', 'import', dir);
    expect(imp.code).toBe(0);
    expect(imp.out).toContain('2 added, 0 updated, 0 unchanged');
    expect(imp.err).toContain('Importing one source into');

    const again = await quai('vulndb', 'import', dir, '-o', 'json');
    expect(again.code).toBe(0);
    expect(JSON.parse(again.out)).toMatchObject({ added: 0, updated: 0, unchanged: 2 });

    const status = await quai('vulndb', 'status');
    expect(status.code).toBe(0);
    expect(status.out).toContain(join(work, 'cache', 'vulndb'));
    expect(status.out).toMatch(/Debian:12\s+1\s+1\s+2024-01-10T10:00:00.000Z/);
    expect(status.out).toMatch(/npm\s+1\s+1/);

    const hit = await quai('vulndb', 'query', 'Debian:12', 'openssl', '3.0.11-1~deb12u1');
    expect(hit.code).toBe(1);
    expect(hit.out).toContain('DSA-5532-1 (CVE-2023-5363)  unknown  fixed in 3.0.11-1~deb12u2');

    const json = await quai('vulndb', 'query', 'npm', 'lodash', '4.17.20', '-o', 'json');
    expect(json.code).toBe(1);
    const body = JSON.parse(json.out) as {
      matches: { id: string; severity: { level: string; score: number } }[];
    };
    expect(body.matches.map((m) => [m.id, m.severity.level, m.severity.score])).toEqual([
      ['GHSA-35jh-r3h4-6jhm', 'high', 7.2],
    ]);

    const clean = await quai('vulndb', 'query', 'npm', 'lodash', '4.17.21');
    expect(clean.code).toBe(0);
    expect(clean.out).toContain('no known vulnerability');
  });

  it('lists rejected records and ends partial (exit 7), unless --allow-invalid', async () => {
    const dir = await records(['good.json', ghsa], ['bad.json', { id: 'X-1' }]);
    const r = await quai('vulndb', 'import', dir);
    expect(r.code).toBe(7);
    expect(r.err).toContain('rejected Invalid OSV record X-1 in bad.json: missing field "modified".');
    expect(r.err).toContain('One record was rejected');
    expect(r.err).toContain('--allow-invalid');
    const ok = await quai('vulndb', 'import', dir, '--allow-invalid');
    expect(ok.code).toBe(0);
  });

  it('says how to fill an empty store, with exit code 6', async () => {
    const r = await quai('vulndb', 'query', 'npm', 'lodash', '4.17.20');
    expect(r.code).toBe(6);
    expect(r.err).toContain('No vulnerability data in');
    expect(r.err).toContain('quai vulndb import');
    const s = await quai('vulndb', 'status');
    expect(s.code).toBe(0);
    expect(s.out).toContain('No vulnerability data');
  });

  it('exits 2 on a source that does not exist', async () => {
    const r = await quai('vulndb', 'import', join(work, 'nope.zip'));
    expect(r.code).toBe(2);
    expect(r.err).toContain('no such file or folder');
  });
});

describe('quai vulndb in French', () => {
  it('speaks French with --lang fr, and -o json stays one document', async () => {
    const dir = await records(['good.json', ghsa]);
    const r = await quai('--lang', 'fr', 'vulndb', 'import', dir);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Importé dans');
    expect(r.err).toContain("Import d'une source dans");
    const s = await quai('--lang', 'fr', 'vulndb', 'status', '-o', 'json');
    expect((JSON.parse(s.out) as { records: number }).records).toBe(1);
    const q = await quai('--lang', 'fr', 'vulndb', 'query', 'npm', 'lodash', '4.17.21');
    expect(q.out).toContain('aucune vulnérabilité connue');
  });
});
