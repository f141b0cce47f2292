import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildLayer,
  registryAvailable,
  RegistryPusher,
  sha256,
  startRegistry,
  type TestRegistry,
} from '../../../test/components/registry.js';
import { runQuai, type CliResult } from './run-cli.js';

// A real registry with Basic authentication; an image made of this machine's dpkg database and
// an old lodash; vulnerability data imported with quai vulndb import.
describe.skipIf(!registryAvailable())('quai scan image and quai sbom on registry images and archives', () => {
  let reg: TestRegistry;
  let work: string;
  let reference: string;
  let base: Buffer;
  const env = (): NodeJS.ProcessEnv => ({
    HOME: work,
    QUAI_CACHE_DIR: join(work, 'cache'),
    QUAI_REGISTRY_USERNAME: reg.credentials!.username,
    QUAI_REGISTRY_PASSWORD: reg.credentials!.password,
  });
  const quai = (...argv: string[]): Promise<CliResult> => runQuai(argv, env());

  beforeAll(async () => {
    reg = await startRegistry({ auth: true });
    work = await mkdtemp(join(tmpdir(), 'quai-scan-registry-cli-'));
    base = buildLayer({
      'var/lib/dpkg/status': await readFile('/var/lib/dpkg/status'),
      'etc/os-release': await readFile('/etc/os-release'),
      'app/node_modules/lodash/package.json': JSON.stringify({ name: 'lodash', version: '4.17.20' }),
    });
    reference = (await new RegistryPusher(reg).pushImage('team/web', '1.0', [base])).reference;
    const osv = join(work, 'osv');
    await mkdir(osv);
    await writeFile(
      join(osv, 'GHSA-35jh-r3h4-6jhm.json'),
      JSON.stringify({
        id: 'GHSA-35jh-r3h4-6jhm',
        modified: '2024-03-01T12:00:00Z',
        severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H' }],
        affected: [
          {
            package: { ecosystem: 'npm', name: 'lodash' },
            ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '4.17.21' }] }],
          },
        ],
      }),
    );
    expect((await quai('vulndb', 'import', osv)).code).toBe(0);
  });
  afterAll(async () => {
    await reg?.stop();
    if (work !== undefined) await rm(work, { recursive: true, force: true });
  });

  it('pulls and scans a registry image with credentials from the environment, failing at the threshold', async () => {
    const r = await quai('scan', 'image', reference, '-o', 'json');
    expect(r.err).toContain(`Reading registry image ${reference}`);
    expect(r.code).toBe(1);
    expect(r.out).toContain('GHSA-35jh-r3h4-6jhm');
  });

  it('says which credentials were refused, and when a tag is missing', async () => {
    const wrong = await runQuai(['scan', 'image', reference], { ...env(), QUAI_REGISTRY_PASSWORD: 'nope' });
    expect(wrong.code).toBe(5);
    expect(wrong.err).toMatch(/REGISTRY_UNAUTHORIZED.*refused the credentials of "quai"/);
    const missing = await quai('sbom', `${reg.host}/team/web:2.0`);
    expect(missing.code).toBe(5);
    expect(missing.err).toMatch(/IMAGE_NOT_FOUND/);
  });

  it('writes the SBOM of a registry image and of a docker save archive', async () => {
    const r = await quai('sbom', reference);
    expect(r.code).toBe(0);
    const bom = JSON.parse(r.out) as { components: { purl: string }[] };
    expect(bom.components.some((c) => c.purl === 'pkg:npm/lodash@4.17.20')).toBe(true);

    const dir = join(work, 'save');
    await mkdir(join(dir, 'l1'), { recursive: true });
    await writeFile(join(dir, 'l1', 'layer.tar'), base);
    const config = JSON.stringify({
      os: 'linux',
      architecture: 'amd64',
      rootfs: { type: 'layers', diff_ids: [sha256(base)] },
    });
    await writeFile(join(dir, 'config.json'), config);
    await writeFile(
      join(dir, 'manifest.json'),
      JSON.stringify([{ Config: 'config.json', RepoTags: ['team/web:1.0'], Layers: ['l1/layer.tar'] }]),
    );
    const archive = join(work, 'web.tar');
    execFileSync('tar', ['-C', dir, '-cf', archive, 'l1', 'config.json', 'manifest.json']);
    const a = await quai('sbom', archive, '--out', join(work, 'web.cdx.json'));
    expect(a.code).toBe(0);
    expect(a.err).toContain('Reading image archive');
    const fromArchive = JSON.parse(await readFile(join(work, 'web.cdx.json'), 'utf8')) as {
      components: unknown[];
    };
    expect(fromArchive.components.length).toBe(bom.components.length);
    const gone = await quai('sbom', './no-such.tar');
    expect(gone.code).toBe(2);
  });

  it('stops at the safety limits it is given', async () => {
    const r = await quai('sbom', reference, '--max-entries', '3');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/IMAGE_TOO_LARGE.*tar entries/);
  });
});
