import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import AjvDraft04 from 'ajv-draft-04';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textOf } from '@quai/contracts';
import { jsonChunks, QuaiError, scan } from '../src/index.js';

const here = dirname(new URL(import.meta.url).pathname);
const fixtures = join(here, 'fixtures/scan-interop');
const schemas = join(here, '../assets/schemas');
const readJson = (path: string): Record<string, unknown> =>
  JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
const NOW = new Date('2026-11-26T12:00:00Z');

/** Schema errors as readable lines; [] when valid. */
function errorsOf(validate: ValidateFunction, data: unknown): string[] {
  return validate(data) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}

const validators = {
  // The audit tests vendor SARIF 2.1.0 (draft-04); its language pattern needs unicodeRegExp: false.
  sarif: new AjvDraft04.default({ strict: false, allErrors: true, unicodeRegExp: false }).compile(
    readJson(join(here, 'fixtures/audit/vendor/sarif-schema-2.1.0.json')),
  ),
  gitlab: new Ajv({ strict: false, allErrors: true }).compile(
    readJson(join(schemas, 'gitlab-container-scanning-report-format-15.2.4.json')),
  ),
  openvex: new Ajv2020({ strict: false, allErrors: true, validateFormats: false }).compile(
    readJson(join(schemas, 'openvex-0.2.0.schema.json')),
  ),
  spdx: new Ajv2019({ strict: false, allErrors: true }).compile(
    readJson(join(schemas, 'spdx-2.3.schema.json')),
  ),
  cyclonedx: ((): ValidateFunction => {
    // CycloneDX 1.6 as the CycloneDX library ships it, with the two schemas it refers to.
    const dir = join(
      dirname(createRequire(import.meta.url).resolve('@cyclonedx/cyclonedx-library/package.json')),
      'res/schema',
    );
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
    for (const neighbour of ['spdx.SNAPSHOT.schema.json', 'jsf-0.82.SNAPSHOT.schema.json']) {
      const { $id: _ignored, ...rest } = readJson(join(dir, neighbour));
      ajv.addSchema(rest, `http://cyclonedx.org/schema/${neighbour}`);
    }
    return ajv.compile(readJson(join(dir, 'bom-1.6.SNAPSHOT.schema.json')));
  })(),
};

let work: string;
let native: scan.report.ScanTarget;

/** A real offline scan: a Debian 10 root filesystem with libidn2-0, and a DSA for its source package. */
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'quai-scan-report-'));
  const root = join(work, 'root');
  await mkdir(join(root, 'var/lib/dpkg'), { recursive: true });
  await mkdir(join(root, 'etc'), { recursive: true });
  await writeFile(
    join(root, 'etc/os-release'),
    'ID=debian\nVERSION_ID="10"\nPRETTY_NAME="Debian GNU/Linux 10 (buster)"\n',
  );
  await writeFile(
    join(root, 'var/lib/dpkg/status'),
    'Package: libidn2-0\nStatus: install ok installed\nArchitecture: amd64\nSource: libidn2\nVersion: 2.0.5-1\n\n' +
      'Package: zlib1g\nStatus: install ok installed\nArchitecture: amd64\nSource: zlib\nVersion: 1:1.2.11.dfsg-1\n',
  );
  const records = join(work, 'osv');
  await mkdir(records);
  await writeFile(
    join(records, 'DSA-4613-1.json'),
    JSON.stringify({
      id: 'DSA-4613-1',
      modified: '2020-02-01T00:00:00Z',
      published: '2020-01-31T00:00:00Z',
      aliases: ['CVE-2019-18224'],
      summary: 'libidn2 - security update',
      affected: [
        {
          package: { ecosystem: 'Debian:10', name: 'libidn2' },
          ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '2.0.5-1+deb10u1' }] }],
        },
      ],
      references: [{ type: 'ADVISORY', url: 'https://www.debian.org/security/2020/dsa-4613' }],
    }),
  );
  const db = join(work, 'vulndb');
  await scan.osv.importOsv({ dir: db, sources: [records] });
  const inv = await scan.inventory.inventoryFromRootFs(root);
  const report = await scan.scanInventory(await scan.osv.VulnDb.open(db), inv);
  native = scan.report.targetFromScan('debian-buster-rootfs', inv, report);
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe("ingesting other tools' reports", () => {
  it('reads a Trivy JSON report (SchemaVersion 2) into findings with status, CVSS and sources', async () => {
    const [t] = await scan.ingest.ingestFile(join(fixtures, 'trivy-debian-buster-ignore-unfixed.json'));
    expect(t).toMatchObject({
      name: 'testdata/fixtures/images/debian-buster.tar.gz',
      digest: 'sha256:c2c03a296d2329a4f3ab72a7bf38b78a8a80108204d326b0139d6af700e152d1',
      os: { id: 'debian', versionId: '10.1' },
    });
    expect(t?.findings).toHaveLength(1);
    expect(t?.findings[0]).toMatchObject({
      package: {
        name: 'libidn2-0',
        version: '2.0.5-1',
        ecosystem: 'Debian:10',
        purl: 'pkg:deb/debian/libidn2-0@2.0.5-1?distro=debian-10.1',
      },
      vulnerability: {
        id: 'CVE-2019-18224',
        aliases: ['DSA-4613-1'],
        fixedVersion: '2.0.5-1+deb10u1',
        severity: {
          level: 'critical',
          source: 'nvd',
          score: 9.8,
          vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
        },
      },
      status: 'fixed',
      dataSources: ['trivy (Debian Security Tracker)'],
      ratings: [{ source: 'redhat', score: 5.6, level: 'medium' }],
      layer: 'sha256:4a56a430b2bac33260d6449e162017e2b23076c6411a17b46db67f5b84dde2bd',
    });
  });

  it('reads a GitLab container scanning report, the fixed version from its solution', async () => {
    const [t] = await scan.ingest.ingestFile(join(fixtures, 'gitlab-container-scanning-1-vuln.json'));
    expect(t?.digest).toBe('sha256:bc09fe2e0721dfaeee79364115aeedf2174cce0947b9ae5fe7c33312ee019a4e');
    expect(t?.findings[0]).toMatchObject({
      package: { name: 'apt', version: '1.4.8', purl: 'pkg:deb/debian/apt@1.4.8?distro=debian-9.4' },
      vulnerability: { id: 'CVE-2019-3462', fixedVersion: '1.4.9', severity: { level: 'high' } },
      dataSources: ['gitlab (Trivy)'],
    });
  });

  it('names the file and the JSON path of a malformed report', async () => {
    const bad = readJson(join(fixtures, 'trivy-debian-buster-ignore-unfixed.json'));
    const results = bad['Results'] as { Vulnerabilities: Record<string, unknown>[] }[];
    delete results[0]?.Vulnerabilities[0]?.['PkgName'];
    const file = join(work, 'broken-trivy.json');
    await writeFile(file, JSON.stringify(bad));
    const error = await scan.ingest.ingestFile(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QuaiError);
    expect((error as QuaiError).code).toBe('INPUT_INVALID');
    expect((error as QuaiError).message).toContain(file);
    expect((error as QuaiError).message).toContain('Results[0].Vulnerabilities[0].PkgName');
    await writeFile(file, '{"hello": 1}');
    await expect(scan.ingest.ingestFile(file)).rejects.toThrow(/not a report Quai reads/);
  });

  it('deduplicates per image digest: the DSA Quai matched and the CVE Trivy reported are one finding', async () => {
    const [trivy] = await scan.ingest.ingestFile(join(fixtures, 'trivy-debian-buster-ignore-unfixed.json'));
    if (trivy === undefined) throw new Error('no target');
    // The same image scanned by Quai: same digest, its own inventory and findings.
    const same = { ...native, name: 'debian:buster', digest: trivy.digest ?? '' };
    const merged = scan.ingest.mergeTargets([same, trivy]);
    expect(merged).toHaveLength(1);
    const libidn = merged[0]?.findings.filter((f) => f.package.name === 'libidn2-0') ?? [];
    expect(libidn).toHaveLength(1);
    expect(libidn[0]?.dataSources).toEqual(['quai (OSV store)', 'trivy (Debian Security Tracker)']);
    // The most severe rating leads (Trivy's NVD 9.8); Quai's unrated DSA is kept as a rating.
    expect(libidn[0]?.vulnerability.severity).toMatchObject({ level: 'critical', score: 9.8 });
    expect(new Set([libidn[0]?.vulnerability.id, ...(libidn[0]?.vulnerability.aliases ?? [])])).toEqual(
      new Set(['CVE-2019-18224', 'DSA-4613-1']),
    );
    expect(merged[0]?.packages.map((p) => p.name)).toEqual(['libidn2-0', 'zlib1g']);
  });
});

describe('ignore rules and OpenVEX', () => {
  const ignoreYaml = `apiVersion: quai.dev/v1alpha1
kind: ScanIgnore
rules:
  - id: CVE-2019-3462
    package: apt
    justification: apt never runs in the running container.
    expires: "2027-01-31"
    by: J. Martin
  - id: CVE-2019-18224
    image: testdata/fixtures/*
    justification: accepted until the base image is rebuilt
    expires: "2026-01-31"
`;

  it('applies live rules, keeps the findings as accepted, and reports expired rules', async () => {
    const rules = scan.exceptions.parseIgnoreFile(ignoreYaml, '.quai-scan-ignore.yaml');
    expect(rules.map((r) => r.source)).toEqual(['.quai-scan-ignore.yaml:4', '.quai-scan-ignore.yaml:9']);
    const targets = [
      ...(await scan.ingest.ingestFile(join(fixtures, 'gitlab-container-scanning-1-vuln.json'))),
      ...(await scan.ingest.ingestFile(join(fixtures, 'trivy-debian-buster-ignore-unfixed.json'))),
    ];
    const applied = scan.exceptions.applyExceptions(targets, { rules, now: NOW });
    expect(applied.expiredRules).toEqual([
      expect.objectContaining({
        id: 'CVE-2019-18224',
        expires: '2026-01-31',
        source: '.quai-scan-ignore.yaml:9',
      }),
    ]);
    expect(applied.targets[0]?.findings[0]?.suppressed).toMatchObject({
      by: 'ignore-rule',
      expires: '2027-01-31',
      author: 'J. Martin',
    });
    expect(applied.targets[1]?.findings[0]?.suppressed).toBeUndefined();
    const results = scan.report.buildResults(applied.targets, {
      toolVersion: '1.0.0',
      now: () => NOW,
      expiredRules: applied.expiredRules,
    });
    expect(results.summary).toMatchObject({
      findings: 2,
      suppressed: 1,
      bySeverity: { critical: 1, high: 0 },
    });
    const text = scan.report.renderScanText(results);
    expect(text).toContain('accepted until 2027-01-31 (ignore rule .quai-scan-ignore.yaml:4)');
    expect(text).toContain('expired rule: CVE-2019-18224 (.quai-scan-ignore.yaml:9) expired on 2026-01-31');
  });

  it('names file, line and column of a bad rule', () => {
    const bad = ignoreYaml
      .replace('    justification: apt never runs in the running container.\n', '')
      .replace('by: J. Martin', 'owner: J. Martin');
    const error = (() => {
      try {
        scan.exceptions.parseIgnoreFile(bad, 'ignore.yaml');
        return undefined;
      } catch (e) {
        return e as QuaiError;
      }
    })();
    expect(error?.code).toBe('INPUT_INVALID');
    expect(error?.message).toContain('ignore.yaml:4:5: rules[0].justification: is required: explain why');
    expect(error?.message).toContain('ignore.yaml:7:5: rules[0]: unknown key owner');
    expect(() =>
      scan.exceptions.parseIgnoreFile(ignoreYaml.replace('"2027-01-31"', '"2027-02-31"'), 'i.yaml'),
    ).toThrow(/i\.yaml:7:5: rules\[0\]\.expires: must be a date/);
  });

  it('reads OpenVEX statements: not_affected suppresses the designated package only', async () => {
    const targets = await scan.ingest.ingestFile(join(fixtures, 'trivy-debian-buster-ignore-unfixed.json'));
    const doc = {
      '@context': 'https://openvex.dev/ns/v0.2.0',
      '@id': 'https://example.org/vex/1',
      author: 'Département security team',
      timestamp: '2026-11-01T00:00:00Z',
      version: 1,
      statements: [
        {
          vulnerability: { name: 'DSA-4613-1' },
          products: [{ '@id': 'pkg:deb/debian/libidn2-0' }],
          status: 'not_affected',
          justification: 'vulnerable_code_not_in_execute_path',
        },
        {
          vulnerability: { name: 'CVE-2019-18224' },
          products: [{ '@id': 'pkg:deb/debian/curl' }],
          status: 'not_affected',
          impact_statement: 'not this package',
        },
      ],
    };
    expect(errorsOf(validators.openvex, doc)).toEqual([]);
    const statements = scan.exceptions.parseOpenVex(doc, 'vex.json');
    const applied = scan.exceptions.applyExceptions(targets, { statements, now: NOW });
    expect(applied.targets[0]?.findings[0]?.suppressed).toMatchObject({
      by: 'openvex',
      vexStatus: 'not_affected',
      vexJustification: 'vulnerable_code_not_in_execute_path',
      source: 'vex.json#https://example.org/vex/1 statement 0',
    });
    expect(() =>
      scan.exceptions.parseOpenVex(
        { ...doc, statements: [{ ...doc.statements[1], impact_statement: undefined }] },
        'v.json',
      ),
    ).toThrow(/v\.json": statements\[0\]: a not_affected statement needs a justification/);
  });
});

describe('report writers, each valid against its official schema', () => {
  async function results(): Promise<scan.report.ScanResults> {
    const targets = [
      native,
      ...(await scan.ingest.ingestFile(join(fixtures, 'trivy-debian-buster-ignore-unfixed.json'))),
      ...(await scan.ingest.ingestFile(join(fixtures, 'gitlab-container-scanning-1-vuln.json'))),
    ];
    const rules = scan.exceptions.parseIgnoreFile(
      'apiVersion: quai.dev/v1alpha1\nkind: ScanIgnore\nrules:\n  - id: CVE-2019-3462\n    justification: apt is not used at run time\n    expires: "2027-01-31"\n',
      'ignore.yaml',
    );
    const applied = scan.exceptions.applyExceptions(scan.ingest.mergeTargets(targets), { rules, now: NOW });
    return scan.report.buildResults(applied.targets, { toolVersion: '1.0.0', now: () => NOW });
  }

  it('SARIF 2.1.0: one rule per vulnerability, results at the package database inside the image', async () => {
    const sarif = scan.report.renderScanSarif(await results()) as {
      runs: { tool: { driver: { rules: { id: string }[] } }; results: Record<string, unknown>[] }[];
    };
    expect(errorsOf(validators.sarif, sarif)).toEqual([]);
    const run = sarif.runs[0];
    expect(run?.tool.driver.rules.map((r) => r.id).sort()).toEqual([
      'CVE-2019-18224',
      'CVE-2019-3462',
      'DSA-4613-1',
    ]);
    const nativeResult = run?.results.find((r) => r['ruleId'] === 'DSA-4613-1');
    expect(nativeResult?.['locations']).toMatchObject([
      { physicalLocation: { artifactLocation: { uri: 'var/lib/dpkg/status', uriBaseId: 'IMAGE0' } } },
    ]);
    expect(run?.results.find((r) => r['ruleId'] === 'CVE-2019-3462')?.['suppressions']).toMatchObject([
      { kind: 'external', status: 'accepted' },
    ]);
  });

  it('CycloneDX 1.6: vulnerabilities with ratings, affects refs, and analysis for accepted ones', async () => {
    const r = await results();
    const bom = scan.report.renderScanCycloneDx(r);
    expect(errorsOf(validators.cyclonedx, bom)).toEqual([]);
    const vulns = bom['vulnerabilities'] as {
      id: string;
      ratings: unknown[];
      analysis?: unknown;
      affects: { ref: string }[];
    }[];
    expect(vulns.map((v) => v.id).sort()).toEqual(['CVE-2019-18224', 'CVE-2019-3462', 'DSA-4613-1']);
    expect(vulns.find((v) => v.id === 'CVE-2019-3462')?.analysis).toMatchObject({
      state: 'exploitable',
      response: ['will_not_fix'],
    });
    expect(vulns.find((v) => v.id === 'CVE-2019-18224')?.ratings).toHaveLength(2);
    const refs = new Set<string>();
    const walk = (cs: { 'bom-ref': string; components?: unknown[] }[]): void => {
      for (const c of cs) {
        refs.add(c['bom-ref']);
        walk((c.components ?? []) as { 'bom-ref': string }[]);
      }
    };
    walk(bom['components'] as { 'bom-ref': string }[]);
    for (const v of vulns) expect(refs.has(v.affects[0]?.ref ?? '')).toBe(true);
    // Round trip: Quai reads its own CycloneDX back, accepted findings still accepted.
    const back = scan.ingest.ingestValue(bom, 'bom.json');
    expect(back[0]?.findings.filter((f) => f.suppressed !== undefined)).toHaveLength(1);
  });

  it('SPDX 2.3: packages with purls, CONTAINS relationships', async () => {
    const doc = scan.report.renderScanSpdx(await results());
    expect(errorsOf(validators.spdx, doc)).toEqual([]);
    const pkgs = doc['packages'] as {
      name: string;
      externalRefs?: { referenceType: string; referenceLocator: string }[];
    }[];
    expect(pkgs.find((p) => p.name === 'zlib1g')?.externalRefs?.[0]).toMatchObject({
      referenceType: 'purl',
      referenceLocator: 'pkg:deb/debian/zlib1g@1%3A1.2.11.dfsg-1?arch=amd64&distro=debian-10',
    });
    expect(errorsOf(validators.spdx, { ...doc, spdxVersion: undefined })).not.toEqual([]);
  });

  it('GitLab container scanning 15.2.4: active findings, accepted ones counted in a message', async () => {
    const report = scan.report.renderScanGitlab(await results()) as {
      vulnerabilities: { identifiers: { value: string }[]; location: { image: string } }[];
      scan: { messages: { value: string }[] };
    };
    expect(errorsOf(validators.gitlab, report)).toEqual([]);
    expect(report.vulnerabilities.map((v) => v.identifiers[0]?.value).sort()).toEqual([
      'CVE-2019-18224',
      'CVE-2019-18224',
    ]);
    expect(report.scan.messages[0]?.value).toContain('1 finding(s) accepted');
    expect(errorsOf(validators.gitlab, { ...report, scan: { ...report.scan, type: 'sast' } })).not.toEqual(
      [],
    );
  });

  it('OpenVEX 0.2.0 out: accepted findings not_affected, others affected with the upgrade to make', async () => {
    const vex = scan.exceptions.renderOpenVex(await results(), { author: 'DSI 49' }) as {
      statements: { status: string; vulnerability: { name: string }; action_statement?: string }[];
    };
    expect(errorsOf(validators.openvex, vex)).toEqual([]);
    expect(vex.statements.map((s) => `${s.vulnerability.name} ${s.status}`).sort()).toEqual([
      'CVE-2019-18224 affected',
      'CVE-2019-3462 not_affected',
      'DSA-4613-1 affected',
    ]);
    // The exported document, read back, accepts the same finding.
    const statements = scan.exceptions.parseOpenVex(vex, 'out.vex.json');
    const again = scan.exceptions.applyExceptions(
      await scan.ingest.ingestFile(join(fixtures, 'gitlab-container-scanning-1-vuln.json')),
      { statements },
    );
    expect(again.targets[0]?.findings[0]?.suppressed?.by).toBe('openvex');
  });

  it('JSON and text carry the same view, accepted findings included', async () => {
    const r = await results();
    const json = JSON.parse(scan.report.renderScanReport(r, 'json')) as scan.report.ScanResults;
    expect(json.summary).toEqual(r.summary);
    expect(json.targets.flatMap((t) => t.findings).filter((f) => f.suppressed !== undefined)).toHaveLength(1);
    expect(scan.report.renderScanReport(r, 'text')).toMatch(/3 finding\(s\)|2 finding\(s\)/);
  });

  it('written in pieces, every format is the same text as rendered whole', async () => {
    const r = await results();
    for (const format of scan.report.SCAN_REPORT_FORMATS) {
      const pieces = [...scan.report.renderScanReportChunks(r, format)];
      expect([format, pieces.join('')]).toEqual([format, scan.report.renderScanReport(r, format)]);
    }
  });
});

describe('report detection', () => {
  it("recognizes each tool's report by its own markers", () => {
    expect(scan.ingest.detectReport({ kind: 'VulnerabilityReport', report: {} })).toBe('trivy-operator');
    expect(scan.ingest.detectReport({ kind: 'VulnerabilityReportList', items: [] })).toBe('trivy-operator');
    expect(scan.ingest.detectReport({ bomFormat: 'CycloneDX', specVersion: '1.6' })).toBe('cyclonedx');
  });
});

describe('jsonChunks', () => {
  it('writes JSON.stringify(value, null, 2) in pieces, with its rules for toJSON, undefined and empty values', () => {
    const tricky = {
      date: new Date('2026-12-06T10:00:00Z'),
      custom: { toJSON: (key: string) => ({ key, n: 1 }) },
      skipped: undefined,
      fn: () => 1,
      list: [1, undefined, () => 2, null, 'a\nb \u2028 "q"', [], {}, [[{ deep: [1, { deeper: true }] }]]],
      empty: {},
      emptyList: [],
      'key with "quotes" and \n': { nested: { more: { andMore: ['x', { y: undefined, z: 0 }] } } },
      unicode: 'é 日本 😀',
    };
    const many = { items: Array.from({ length: 3000 }, (_, i) => ({ i, text: `item ${i}`, tags: [i % 3] })) };
    for (const value of [tricky, many, [], {}, 'text', 42, null, [undefined]]) {
      for (const depth of [0, 1, 2, 3, 6]) {
        const pieces = [...jsonChunks(value, 1000, depth)];
        expect(pieces.join('')).toBe(`${JSON.stringify(value, null, 2)}\n`);
        // Items one level down are written 64 at a time: pieces of a few KB, not one string.
        if (value === many && depth > 1) {
          expect(pieces.length).toBeGreaterThan(40);
          expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(8000);
        }
      }
    }
  });
});

describe('quai scan cluster results as report targets', () => {
  it('keep each image once with its workloads, and images that failed as warnings', () => {
    const report = {
      pods: 3,
      containers: 3,
      failed: 1,
      summary: { critical: 0, high: 0, medium: 0, low: 0, none: 0, unknown: 1 },
      images: [
        {
          digest: 'sha256:' + 'a'.repeat(64),
          reference: `registry.example.fr/buster@sha256:${'a'.repeat(64)}`,
          images: ['registry.example.fr/buster:10'],
          pods: 2,
          workloads: [
            {
              namespace: 'grist',
              kind: 'Deployment',
              name: 'grist',
              container: 'web',
              containerType: 'container' as const,
            },
          ],
          report: {
            packages: native.packages.length,
            findings: native.findings.map((f) => ({ package: f.package, vulnerability: f.vulnerability })),
            summary: { critical: 0, high: 0, medium: 0, low: 0, none: 0, unknown: 1 },
            warnings: [],
          },
        },
        {
          reference: 'registry.example.fr/missing:1',
          images: ['registry.example.fr/missing:1'],
          pods: 1,
          workloads: [],
          error: { code: 'IMAGE_NOT_FOUND', message: 'manifest unknown' },
        },
      ],
    } as unknown as Parameters<typeof scan.report.targetsFromCluster>[0];
    const targets = scan.report.targetsFromCluster(report);
    expect(targets[0]).toMatchObject({
      name: 'registry.example.fr/buster:10',
      packageCount: 2,
      workloads: ['Deployment grist/grist container web'],
    });
    expect(targets[1]?.warnings.map((w) => textOf('en', w))).toEqual([
      'could not be scanned: [IMAGE_NOT_FOUND] manifest unknown',
    ]);
    expect(targets[1]?.warnings.map((w) => textOf('fr', w))).toEqual([
      'analyse impossible : [IMAGE_NOT_FOUND] manifest unknown',
    ]);
    const results = scan.report.buildResults(targets, { toolVersion: '1.0.0', now: () => NOW });
    expect(errorsOf(validators.gitlab, scan.report.renderScanGitlab(results))).toEqual([]);
    expect(scan.report.renderScanText(results)).toContain('used by Deployment grist/grist container web');
  });
});

describe('OpenVEX products', () => {
  it('designate an image by pkg:oci name, and only at its digest when the purl has one', async () => {
    const [gl] = await scan.ingest.ingestFile(join(fixtures, 'gitlab-container-scanning-1-vuln.json'));
    if (gl === undefined) throw new Error('no target');
    const statement = (product: string): scan.exceptions.VexStatement[] =>
      scan.exceptions.parseOpenVex(
        {
          '@context': 'https://openvex.dev/ns/v0.2.0',
          '@id': 'https://example.org/vex/2',
          author: 'DSI',
          timestamp: '2026-11-01T00:00:00Z',
          version: 1,
          statements: [
            {
              vulnerability: { name: 'CVE-2019-3462' },
              products: [{ '@id': product, subcomponents: [{ '@id': 'pkg:deb/debian/apt' }] }],
              status: 'fixed',
            },
          ],
        },
        'v.json',
      );
    const accepted = (product: string): boolean =>
      scan.exceptions.applyExceptions([gl], { statements: statement(product) }).targets[0]?.findings[0]
        ?.suppressed !== undefined;
    expect(accepted('pkg:oci/webgoat-8.0')).toBe(true);
    expect(accepted(`pkg:oci/webgoat-8.0@${encodeURIComponent(gl.digest ?? '')}`)).toBe(true);
    expect(accepted(`pkg:oci/webgoat-8.0@${encodeURIComponent(`sha256:${'0'.repeat(64)}`)}`)).toBe(false);
    expect(accepted('pkg:oci/other-image')).toBe(false);
  });
});

describe('a CycloneDX SBOM with vulnerabilities, as Trivy writes it', () => {
  it("gives the packages with their source packages and the findings with Trivy's choice of severity", async () => {
    const [t] = await scan.ingest.ingestFile(
      join(fixtures, 'trivy-fluentd-multiple-lockfiles-short.cdx.json'),
    );
    expect(t?.os).toEqual({ id: 'debian', versionId: '10.2' });
    expect(t?.packages.map((p) => [p.name, p.sourceName ?? '', p.ecosystem])).toEqual([
      ['bash', 'bash', 'Debian:10'],
      ['libidn2-0', 'libidn2', 'Debian:10'],
      ['activesupport', '', 'RubyGems'],
    ]);
    const byId = new Map(t?.findings.map((f) => [f.vulnerability.id, f]));
    expect(byId.get('CVE-2019-18224')).toMatchObject({
      package: { name: 'libidn2-0' },
      vulnerability: {
        fixedVersion: '2.0.5-1+deb10u1',
        severity: { level: 'critical', source: 'nvd', score: 9.8 },
      },
    });
    expect(byId.get('CVE-2019-18276')?.vulnerability.severity).toMatchObject({
      level: 'low',
      source: 'debian',
    });
    expect(byId.get('CVE-2020-8165')?.vulnerability).toMatchObject({
      fixedVersion: '6.0.3.1',
      severity: { level: 'high', source: 'ghsa' },
    });
    expect(byId.get('CVE-2019-18276')?.ratings).toHaveLength(7);
  });
});
