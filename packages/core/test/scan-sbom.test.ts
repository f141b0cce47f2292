import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Ajv } from 'ajv';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scan } from '@quai/core';

// The official CycloneDX schemas, as the CycloneDX JavaScript library ships them.
const require = createRequire(import.meta.url);
const schemaDir = join(
  dirname(require.resolve('@cyclonedx/cyclonedx-library/package.json')),
  'res',
  'schema',
);
const loadSchema = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(join(schemaDir, name), 'utf8')) as Record<string, unknown>;

let compiled: ((data: unknown) => string[]) | undefined;

/** Compiled once: the CycloneDX schema takes a second to compile. */
function validator(): (data: unknown) => string[] {
  compiled ??= compile();
  return compiled;
}

function compile(): (data: unknown) => string[] {
  // Formats (date-time, iri-reference) are not checked: ajv-formats is not a dependency.
  const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true });
  // bom-1.6 refers to its neighbours relative to its $id.
  for (const name of ['spdx.SNAPSHOT.schema.json', 'jsf-0.82.SNAPSHOT.schema.json']) {
    const { $id: _id, ...schema } = loadSchema(name);
    ajv.addSchema(schema, `http://cyclonedx.org/schema/${name}`);
  }
  const validate = ajv.compile(loadSchema('bom-1.6.SNAPSHOT.schema.json'));
  return (data) =>
    validate(data) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}

let work: string;
beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'quai-scan-sbom-'));
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

async function fixture(): Promise<{ root: string; db: string }> {
  const root = join(work, 'root');
  await mkdir(join(root, 'var/lib/dpkg'), { recursive: true });
  await mkdir(join(root, 'etc'), { recursive: true });
  await mkdir(join(root, 'app/node_modules/@scope/lib'), { recursive: true });
  await writeFile(
    join(root, 'etc/os-release'),
    'ID=debian\nVERSION_ID="12"\nPRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\n',
  );
  await writeFile(
    join(root, 'var/lib/dpkg/status'),
    'Package: libssl3\nStatus: install ok installed\nArchitecture: amd64\nSource: openssl\nVersion: 3.0.11-1~deb12u1\n\n' +
      'Package: libssl3\nStatus: install ok installed\nArchitecture: i386\nSource: openssl\nVersion: 3.0.11-1~deb12u1\n',
  );
  await writeFile(
    join(root, 'app/node_modules/@scope/lib/package.json'),
    JSON.stringify({ name: '@scope/lib', version: '1.0.0' }),
  );
  const records = join(work, 'osv');
  await mkdir(records);
  await writeFile(
    join(records, 'DSA-5532-1.json'),
    JSON.stringify({
      id: 'DSA-5532-1',
      modified: '2024-01-10T10:00:00Z',
      published: '2023-10-24T00:00:00Z',
      aliases: ['CVE-2023-5363'],
      summary: 'openssl - security update',
      severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N' }],
      affected: [
        {
          package: { ecosystem: 'Debian:12', name: 'openssl' },
          ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '3.0.11-1~deb12u2' }] }],
        },
      ],
      references: [{ type: 'ADVISORY', url: 'https://www.debian.org/security/2023/dsa-5532' }],
    }),
  );
  const db = join(work, 'vulndb');
  await scan.osv.importOsv({ dir: db, sources: [records] });
  return { root, db };
}

describe('CycloneDX 1.6 SBOMs', () => {
  it('lists every package with its purl and location, valid against the official schema', async () => {
    const { root } = await fixture();
    const inv = await scan.inventory.inventoryFromRootFs(root);
    const bom = scan.toCycloneDx(inv, {
      target: 'rootfs',
      toolVersion: '0.1.0',
      now: () => new Date('2026-01-01T00:00:00Z'),
      serialNumber: '3e671687-395b-41f5-a30f-a58921a69b79',
    });
    expect(validator()(bom)).toEqual([]);
    const components = bom['components'] as {
      type: string;
      name: string;
      purl?: string;
      'bom-ref': string;
    }[];
    expect(components.map((c) => [c.type, c.name, c.purl ?? ''])).toEqual([
      ['operating-system', 'debian', ''],
      ['library', 'libssl3', 'pkg:deb/debian/libssl3@3.0.11-1~deb12u1?arch=amd64&distro=debian-12'],
      ['library', 'libssl3', 'pkg:deb/debian/libssl3@3.0.11-1~deb12u1?arch=i386&distro=debian-12'],
      ['library', '@scope/lib', 'pkg:npm/%40scope/lib@1.0.0'],
    ]);
    expect(new Set(components.map((c) => c['bom-ref'])).size).toBe(components.length);
    expect(bom['vulnerabilities']).toBeUndefined();
  });

  it('carries the findings of a scan as vulnerabilities with ratings, fixes and aliases', async () => {
    const { root, db } = await fixture();
    const inv = await scan.inventory.inventoryFromRootFs(root);
    const report = await scan.scanInventory(await scan.osv.VulnDb.open(db), inv);
    const bom = scan.toCycloneDx(inv, { target: 'rootfs', toolVersion: '0.1.0' }, report);
    expect(validator()(bom)).toEqual([]);
    const vulns = bom['vulnerabilities'] as {
      id: string;
      ratings: { score: number; severity: string; method: string }[];
      recommendation: string;
      affects: { ref: string }[];
      references: { id: string }[];
    }[];
    expect(vulns).toHaveLength(2); // one per affected package (amd64 and i386)
    expect(vulns[0]).toMatchObject({
      id: 'DSA-5532-1',
      ratings: [{ score: 7.5, severity: 'high', method: 'CVSSv31' }],
      recommendation: 'Upgrade libssl3 to 3.0.11-1~deb12u2 or later.',
      references: [{ id: 'CVE-2023-5363' }],
    });
    expect(vulns.map((v) => v.affects[0]?.ref).sort()).toEqual([
      'pkg:deb/debian/libssl3@3.0.11-1~deb12u1?arch=amd64&distro=debian-12',
      'pkg:deb/debian/libssl3@3.0.11-1~deb12u1?arch=i386&distro=debian-12',
    ]);
  });

  it('is caught by the schema when a field is wrong (the validator is not a no-op)', () => {
    const bad = {
      bomFormat: 'CycloneDX',
      specVersion: '1.6',
      version: 1,
      components: [{ type: 'not-a-type', name: 'x' }],
    };
    expect(validator()(bad).length).toBeGreaterThan(0);
  });
});
