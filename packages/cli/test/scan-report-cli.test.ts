import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runQuai, type CliResult } from './run-cli.js';

const fixtures = new URL('../../core/test/fixtures/scan-interop/', import.meta.url).pathname;
let work: string;
beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'quai-scan-report-cli-'));
  await copyFile(join(fixtures, 'trivy-debian-buster-ignore-unfixed.json'), join(work, 'trivy.json'));
  await copyFile(join(fixtures, 'gitlab-container-scanning-1-vuln.json'), join(work, 'gl.json'));
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

const quai = (...argv: string[]): Promise<CliResult> =>
  runQuai(argv, { HOME: work, QUAI_CACHE_DIR: join(work, 'cache') });

const IGNORE = `apiVersion: quai.dev/v1alpha1
kind: ScanIgnore
rules:
  - id: CVE-2019-3462
    package: apt
    justification: apt never runs in the running container
    expires: "2099-12-31"
    by: DSI
`;

describe('quai scan import', () => {
  it('merges Trivy and GitLab reports into one view and fails on the threshold', async () => {
    const r = await quai('scan', 'import', join(work, 'trivy.json'), join(work, 'gl.json'));
    expect(r.code).toBe(1);
    expect(r.out).toMatch(
      /critical 9\.8\s+libidn2-0 2\.0\.5-1\s+CVE-2019-18224 DSA-4613-1\s+fixed in 2\.0\.5-1\+deb10u1/,
    );
    expect(r.out).toMatch(/high\s+apt 1\.4\.8\s+CVE-2019-3462\s+fixed in 1\.4\.9/);
    expect(r.out).toContain('2 finding(s): 1 critical, 1 high');
    expect(r.err).toContain('[SCAN_FINDINGS]');
  });

  it('writes every format; accepted findings stay in JSON and CycloneDX, GitLab counts them', async () => {
    await writeFile(join(work, 'ignore.yaml'), IGNORE);
    const gl = join(work, 'gl-container-scanning-report.json');
    const r = await quai(
      'scan',
      'import',
      join(work, 'trivy.json'),
      join(work, 'gl.json'),
      '--ignore-file',
      join(work, 'ignore.yaml'),
      '--severity-threshold',
      'critical',
      '--format',
      'json',
      '--report',
      `gitlab=${gl}`,
      '--report',
      `cyclonedx=${join(work, 'bom.json')}`,
      '--report',
      `sarif=${join(work, 'q.sarif')}`,
      '--report',
      `spdx=${join(work, 'spdx.json')}`,
      '--report',
      `openvex=${join(work, 'vex.json')}`,
    );
    expect(r.code).toBe(1); // the critical libidn2 finding is not accepted
    const view = JSON.parse(r.out) as { summary: { findings: number; suppressed: number } };
    expect(view.summary).toMatchObject({ findings: 2, suppressed: 1 });
    const report = JSON.parse(await readFile(gl, 'utf8')) as { version: string; vulnerabilities: unknown[] };
    expect(report.version).toBe('15.2.4');
    expect(report.vulnerabilities).toHaveLength(1);
    const bom = JSON.parse(await readFile(join(work, 'bom.json'), 'utf8')) as {
      vulnerabilities: { analysis?: unknown }[];
    };
    expect(bom.vulnerabilities.filter((v) => v.analysis !== undefined)).toHaveLength(1);
    expect(JSON.parse(await readFile(join(work, 'q.sarif'), 'utf8'))).toMatchObject({ version: '2.1.0' });
    expect(JSON.parse(await readFile(join(work, 'spdx.json'), 'utf8'))).toMatchObject({
      spdxVersion: 'SPDX-2.3',
    });

    // The OpenVEX it wrote, given back, accepts the apt finding without the ignore file.
    const again = await quai('scan', 'import', join(work, 'gl.json'), '--vex', join(work, 'vex.json'));
    expect(again.code).toBe(0);
    expect(again.out).toContain('accepted (OpenVEX');
  });

  it('reports expired rules and lets their findings fail the scan again', async () => {
    await writeFile(join(work, 'ignore.yaml'), IGNORE.replace('2099-12-31', '2020-01-31'));
    const r = await quai('scan', 'import', join(work, 'gl.json'), '--ignore-file', join(work, 'ignore.yaml'));
    expect(r.code).toBe(1);
    expect(r.err).toContain('expired on 2020-01-31; it no longer applies');
  });

  it('names the file and JSON path of a malformed report, and line and column of a bad rule', async () => {
    const bad = JSON.parse(await readFile(join(work, 'trivy.json'), 'utf8')) as {
      Results: { Vulnerabilities: { Severity?: unknown }[] }[];
    };
    const first = bad.Results[0]?.Vulnerabilities[0];
    if (first) first.Severity = 7;
    await writeFile(join(work, 'bad.json'), JSON.stringify(bad));
    const r = await quai('scan', 'import', join(work, 'bad.json'));
    expect(r.code).toBe(2);
    expect(r.err).toContain(join(work, 'bad.json'));
    expect(r.err).toContain('Results[0].Vulnerabilities[0].Severity');

    await writeFile(
      join(work, 'ignore.yaml'),
      IGNORE.replace('    justification: apt never runs in the running container\n', ''),
    );
    const r2 = await quai(
      'scan',
      'import',
      join(work, 'gl.json'),
      '--ignore-file',
      join(work, 'ignore.yaml'),
    );
    expect(r2.code).toBe(2);
    expect(r2.err).toContain(`${join(work, 'ignore.yaml')}:4:5: rules[0].justification: is required`);
  });
});

async function storeAndRootfs(): Promise<string> {
  // A real (tiny) store and root filesystem.
  await mkdir(join(work, 'osv'));
  await writeFile(
    join(work, 'osv', 'DEBIAN-CVE-2019-18224.json'),
    JSON.stringify({
      id: 'DEBIAN-CVE-2019-18224',
      modified: '2024-01-10T10:00:00Z',
      affected: [{ package: { ecosystem: 'Debian:10', name: 'libidn2' }, versions: ['2.0.5-1'] }],
    }),
  );
  expect((await quai('vulndb', 'import', join(work, 'osv'))).code).toBe(0);
  const root = join(work, 'rootfs');
  await mkdir(join(root, 'etc'), { recursive: true });
  await mkdir(join(root, 'var/lib/dpkg'), { recursive: true });
  await writeFile(join(root, 'etc/os-release'), 'ID=debian\nVERSION_ID="10"\n');
  await writeFile(
    join(root, 'var/lib/dpkg/status'),
    'Package: libidn2-0\nStatus: install ok installed\nArchitecture: amd64\nSource: libidn2\nVersion: 2.0.5-1\n',
  );
  return root;
}

describe('quai scan import --match', () => {
  it('scans an SBOM offline: its components matched under their source package', async () => {
    const root = await storeAndRootfs();
    const sbom = join(work, 'sbom.cdx.json');
    expect((await quai('sbom', root, '--out', sbom)).code).toBe(0);
    const r = await quai('scan', 'import', sbom, '--match');
    expect(r.err).not.toContain('error');
    expect(r.out).toMatch(/unknown\s+libidn2-0 2\.0\.5-1 \(source libidn2\)\s+DEBIAN-CVE-2019-18224/);
    expect(r.out).toContain('1 finding(s)');
  });
});

describe('quai scan image --trivy', () => {
  it('says clearly when the trivy binary is not there', async () => {
    // Quai's own scan runs first, then Trivy is asked for.
    const root = await storeAndRootfs();
    const r = await quai('scan', 'image', root, '--trivy', '--trivy-bin', join(work, 'no-such-trivy'));
    expect(r.code).not.toBe(0);
    expect(r.err).toContain('[PREREQUISITE_MISSING]');
    expect(r.err).toContain('no-such-trivy');
    expect(r.err).toContain('--trivy-bin or QUAI_TRIVY');
  });
});

// Trivy built from the Go module proxy by bench/trivy/build.sh, when it is there (never downloaded
// by the tests). Offline and without its database in its cache, Trivy cannot scan: the error must
// say so and name the remedy.
const builtTrivy = join(homedir(), '.cache/quai/tools/trivy-v0.74.0/trivy');
describe.skipIf(!existsSync(builtTrivy))('quai scan image --trivy with the real trivy binary', () => {
  it('runs it on the same root filesystem and reports its failure clearly when its database is missing', async () => {
    const root = await storeAndRootfs();
    const r = await runQuai(['scan', 'image', root, '--trivy', '--trivy-bin', builtTrivy], {
      HOME: work,
      QUAI_CACHE_DIR: join(work, 'cache'),
      TRIVY_CACHE_DIR: join(work, 'trivy-cache'),
      TRIVY_SKIP_DB_UPDATE: 'true',
    });
    if (r.code === 0 || r.code === 1) {
      expect(r.out).toContain('libidn2-0 2.0.5-1');
    } else {
      expect(r.err).toContain('[PREREQUISITE_MISSING]');
      expect(r.err).toContain(`Trivy failed on ${root}`);
      expect(r.err).toContain('--skip-db-update');
    }
  }, 120_000);

  it('reads the CycloneDX SBOM trivy writes offline and matches it under the source packages', async () => {
    const root = await storeAndRootfs();
    await writeFile(join(root, 'etc/debian_version'), '10.2\n');
    const sbom = join(work, 'trivy.cdx.json');
    const run = spawnSync(
      builtTrivy,
      ['rootfs', '--format', 'cyclonedx', '--output', sbom, '--quiet', root],
      {
        env: { ...process.env, TRIVY_CACHE_DIR: join(work, 'trivy-cache') },
        encoding: 'utf8',
        timeout: 120_000,
      },
    );
    expect(run.status, run.stderr).toBe(0);
    const r = await quai('scan', 'import', sbom, '--match');
    expect(r.err).not.toContain('error');
    expect(r.out).toMatch(/unknown\s+libidn2-0 2\.0\.5-1 \(source libidn2\)\s+DEBIAN-CVE-2019-18224/);
  }, 120_000);
});
