/**
 * Interop and report writers at cluster size: 200 images' Trivy JSON reports (100 findings each,
 * 20,000 in all, real Trivy field shapes) and the GitLab container scanning reports of the same
 * images (half of the findings again, under the same CVE ids), ingested, merged and deduplicated
 * per digest, 50 ignore rules applied, then every format written. Measures wall time per step
 * and peak RSS.
 *
 *   npm run bench:scan-report
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scan, writeFileAtomic } from '@quai/core';

const IMAGES = 200;
const PER_IMAGE = 100;

let peak = 0;
const sample = (): void => {
  peak = Math.max(peak, process.memoryUsage().rss);
};
const timer = setInterval(sample, 20);

function digest(i: number): string {
  return `sha256:${i.toString(16).padStart(64, '0')}`;
}

function trivyReport(img: number): unknown {
  return {
    SchemaVersion: 2,
    ArtifactName: `registry.example.fr/app${img}:1.0`,
    ArtifactType: 'container_image',
    Metadata: {
      OS: { Family: 'debian', Name: '12.5' },
      ImageID: `sha256:${(img + 1_000_000).toString(16).padStart(64, '0')}`,
      RepoDigests: [`registry.example.fr/app${img}@${digest(img)}`],
    },
    Results: [
      {
        Target: `registry.example.fr/app${img}:1.0 (debian 12.5)`,
        Class: 'os-pkgs',
        Type: 'debian',
        Vulnerabilities: Array.from({ length: PER_IMAGE }, (_, k) => ({
          VulnerabilityID: `CVE-2024-${10000 + ((img * 7 + k) % 5000)}`,
          PkgID: `pkg${k}@1.${k}-1`,
          PkgName: `pkg${k}`,
          PkgIdentifier: { PURL: `pkg:deb/debian/pkg${k}@1.${k}-1?arch=amd64&distro=debian-12.5` },
          InstalledVersion: `1.${k}-1`,
          ...(k % 3 === 0 ? { Status: 'affected' } : { FixedVersion: `1.${k}-1+deb12u1`, Status: 'fixed' }),
          SeveritySource: 'nvd',
          PrimaryURL: `https://avd.aquasec.com/nvd/cve-2024-${10000 + k}`,
          DataSource: { ID: 'debian', Name: 'Debian Security Tracker' },
          Title: `pkg${k}: a flaw`,
          Severity: ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'][k % 4],
          CVSS: { nvd: { V3Vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N', V3Score: 7.5 } },
          References: [`https://security-tracker.debian.org/tracker/CVE-2024-${10000 + k}`],
          PublishedDate: '2024-01-01T00:00:00Z',
          LastModifiedDate: '2024-02-01T00:00:00Z',
        })),
      },
    ],
  };
}

function gitlabReport(img: number): unknown {
  return {
    version: '15.2.4',
    scan: { type: 'container_scanning', scanner: { id: 'trivy', name: 'Trivy' } },
    vulnerabilities: Array.from({ length: PER_IMAGE / 2 }, (_, k) => ({
      id: `${img}-${k}`,
      severity: 'High',
      solution: `Upgrade pkg${k} from 1.${k}-1 to 1.${k}-1+deb12u1`,
      identifiers: [
        {
          type: 'cve',
          name: `CVE-2024-${10000 + ((img * 7 + k) % 5000)}`,
          value: `CVE-2024-${10000 + ((img * 7 + k) % 5000)}`,
        },
      ],
      location: {
        dependency: { package: { name: `pkg${k}` }, version: `1.${k}-1` },
        operating_system: 'debian:12.5',
        image: `registry.example.fr/app${img}@${digest(img)}`,
      },
    })),
  };
}

const work = mkdtempSync(join(tmpdir(), 'quai-bench-scan-report-'));
try {
  const files: string[] = [];
  for (let i = 0; i < IMAGES; i++) {
    const t = join(work, `trivy-${i}.json`);
    const g = join(work, `gl-${i}.json`);
    writeFileSync(t, JSON.stringify(trivyReport(i)));
    writeFileSync(g, JSON.stringify(gitlabReport(i)));
    files.push(t, g);
  }
  const steps: Record<string, number> = {};
  const step = async <T>(name: string, fn: () => Promise<T> | T): Promise<T> => {
    const start = performance.now();
    const out = await fn();
    steps[name] = Math.round(performance.now() - start) / 1000;
    sample();
    return out;
  };
  const targets = await step('ingestSeconds', async () => {
    const all: scan.report.ScanTarget[] = [];
    for (const f of files) all.push(...(await scan.ingest.ingestFile(f)));
    return all;
  });
  const merged = await step('mergeSeconds', () => scan.ingest.mergeTargets(targets));
  const rules = scan.exceptions.parseIgnoreFile(
    `apiVersion: quai.dev/v1alpha1\nkind: ScanIgnore\nrules:\n${Array.from(
      { length: 50 },
      (_, i) =>
        `  - id: CVE-2024-${10000 + i * 13}\n    justification: accepted for the bench\n    expires: "2099-01-01"\n`,
    ).join('')}`,
    'bench-ignore.yaml',
  );
  const applied = await step('exceptionsSeconds', () => scan.exceptions.applyExceptions(merged, { rules }));
  const results = scan.report.buildResults(applied.targets, { toolVersion: 'bench' });
  const sizes: Record<string, number> = {};
  for (const format of scan.report.SCAN_REPORT_FORMATS) {
    const text = await step(`${format}Seconds`, () => scan.report.renderScanReport(results, format));
    sizes[`${format}MiB`] = Math.round((Buffer.byteLength(text) / 2 ** 20) * 10) / 10;
  }
  clearInterval(timer);
  const result = {
    date: new Date().toISOString(),
    node: process.version,
    images: IMAGES,
    inputFindings: targets.reduce((n, t) => n + t.findings.length, 0),
    mergedImages: merged.length,
    mergedFindings: results.summary.findings,
    suppressed: results.summary.suppressed,
    ...steps,
    ...sizes,
    peakRssMiB: Math.round(peak / 2 ** 20),
  };
  await writeFileAtomic(
    join(import.meta.dirname, 'results/scan-report.json'),
    `${JSON.stringify(result, null, 2)}\n`,
  );
  console.log(JSON.stringify(result, null, 2));
} finally {
  clearInterval(timer);
  rmSync(work, { recursive: true, force: true });
}
