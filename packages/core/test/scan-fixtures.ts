/**
 * Real package content for scan tests and benches, built by the real tools installed here:
 * rpm databases (rpmbuild + rpm --justdb), Go binaries (go build, modules from the local module
 * cache only), Java archives (jar), and OCI image layouts made from folders with GNU tar.
 */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateRawSync, gzipSync } from 'node:zlib';

export function run(cmd: string, args: readonly string[], options: SpawnSyncOptions = {}): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, ...options });
  if (r.status !== 0)
    throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${String(r.stderr).slice(-2000)}`);
  return String(r.stdout);
}

/** The query format that prints every field Quai reads, one package a line. */
export const RPM_QF =
  '%{NAME}|%{EPOCH}|%{VERSION}|%{RELEASE}|%{ARCH}|%{SOURCERPM}|%{LICENSE}|%{VENDOR}|%{MODULARITYLABEL}\\n';

/**
 * Builds `count` real rpm packages from one spec (sub-packages, some with an epoch, descriptions
 * long enough to spill into SQLite overflow pages, a modularity label) and installs them into a
 * new rpm database under `dir`/db. Returns the database folder.
 */
export function buildRpmDb(dir: string, count: number): string {
  const top = join(dir, 'rpmbuild');
  mkdirSync(join(top, 'SPECS'), { recursive: true });
  const lines = [
    'Name: quai-base',
    'Version: 3.0',
    'Release: 1.el9',
    'Summary: Quai test package',
    'License: GPL-2.0-or-later AND (MIT OR Apache-2.0)',
    'Vendor: Quai tests',
    'ModularityLabel: nodejs:20:9040020240807145403:rhel9',
    '%description',
    'x'.repeat(6000),
  ];
  for (let i = 0; i < count - 1; i++) {
    const n = `quai-pkg${String(i).padStart(4, '0')}`;
    lines.push(
      `%package -n ${n}`,
      `Summary: package ${i}`,
      i % 3 === 0 ? `Epoch: ${i}` : `Version: 1.${i}.${i % 7}`,
      i % 4 === 0 ? `Release: ${i}.fc40~rc1` : '',
      `%description -n ${n}`,
      `description ${i} `.repeat(1 + ((i * 37) % 400)),
      `%files -n ${n}`,
      `/usr/share/quai/${i}`,
    );
  }
  lines.push(
    '%install',
    'mkdir -p %{buildroot}/usr/share/quai',
    `for i in $(seq 0 ${count - 2}); do echo $i > %{buildroot}/usr/share/quai/$i; done`,
    '%files',
    '%dir /usr/share/quai',
  );
  writeFileSync(join(top, 'SPECS', 'quai.spec'), `${lines.filter((l) => l !== '').join('\n')}\n`);
  run('rpmbuild', ['--define', `_topdir ${top}`, '-bb', join(top, 'SPECS', 'quai.spec')]);
  const rpms: string[] = [];
  for (const arch of readdirSync(join(top, 'RPMS')))
    for (const f of readdirSync(join(top, 'RPMS', arch))) rpms.push(join(top, 'RPMS', arch, f));
  const db = join(dir, 'db');
  mkdirSync(db, { recursive: true });
  run('rpm', ['--dbpath', db, '--initdb']);
  run('rpm', ['--dbpath', db, '-i', '--justdb', '--nodeps', '--ignorearch', ...rpms]);
  return db;
}

/** Every field of every package of an rpm database, as rpm prints them (sorted lines). */
export function rpmOracle(db: string): string[] {
  return run('rpm', ['--dbpath', db, '-qa', '--qf', RPM_QF])
    .split('\n')
    .filter((l) => l !== '')
    .sort();
}

/**
 * Builds a small Go program depending on github.com/google/go-cmp (from the module cache, no
 * network) and on a local module through a replace directive, for each GOARCH given.
 */
export function buildGoBinaries(dir: string, arches: readonly string[] = ['amd64']): Map<string, string> {
  const src = join(dir, 'gosrc');
  mkdirSync(join(src, 'local'), { recursive: true });
  writeFileSync(
    join(src, 'go.mod'),
    'module example.com/quaihello\n\ngo 1.22\n\nrequire (\n\tgithub.com/google/go-cmp v0.7.0\n\texample.com/local v0.0.0\n)\n\nreplace example.com/local => ./local\n',
  );
  writeFileSync(
    join(src, 'go.sum'),
    'github.com/google/go-cmp v0.7.0 h1:wk8382ETsv4JYUZwIsn6YpYiWiBsYLSJiTsyBybVuN8=\ngithub.com/google/go-cmp v0.7.0/go.mod h1:pXiqmnSA92OHEEa9HXL2W4E7lf9JzCmGVUdgjX3N/iU=\n',
  );
  writeFileSync(join(src, 'local', 'go.mod'), 'module example.com/local\n\ngo 1.22\n');
  writeFileSync(join(src, 'local', 'l.go'), 'package local\n\nfunc Hi() string { return "hi" }\n');
  writeFileSync(
    join(src, 'main.go'),
    'package main\n\nimport (\n\t"fmt"\n\n\t"example.com/local"\n\t"github.com/google/go-cmp/cmp"\n)\n\nfunc main() { fmt.Println(cmp.Diff(1, 2), local.Hi()) }\n',
  );
  const out = new Map<string, string>();
  for (const arch of arches) {
    const bin = join(dir, `quaihello-${arch}`);
    run('go', ['build', '-o', bin, '.'], {
      cwd: src,
      env: {
        ...process.env,
        GOARCH: arch,
        GOOS: 'linux',
        GOPROXY: 'off',
        GOFLAGS: '-mod=mod',
        CGO_ENABLED: '0',
      },
    });
    out.set(arch, bin);
  }
  return out;
}

/** `go version -m`: the Go version and the dep lines (module, version, after replacement). */
export function goVersionM(bin: string): { go: string; deps: string[] } {
  const text = run('go', ['version', '-m', bin]);
  const go = /: (go\S+)/.exec(text)?.[1] ?? '';
  const deps: string[] = [];
  let last: string[] | undefined;
  const flush = (): void => {
    if (last !== undefined && last[1] !== '(devel)') deps.push(`${last[0]}@${last[1]}`);
    last = undefined;
  };
  for (const line of text.split('\n')) {
    const f = line.trim().split('\t');
    if (f[0] === 'dep' || f[0] === 'mod') {
      flush();
      last = [f[1]!, f[2]!];
    } else if (f[0] === '=>') last = [f[1]!, f[2]!];
  }
  flush();
  return { go, deps: deps.sort() };
}

/**
 * Java archives made by the JDK's jar tool: alpha (pom.properties), beta (MANIFEST.MF only), a
 * war holding both (deflated, sizes in data descriptors) and a stored "fat" jar holding both.
 */
export function buildJars(dir: string): { alpha: string; beta: string; war: string; fat: string } {
  const a = join(dir, 'alpha');
  mkdirSync(join(a, 'META-INF', 'maven', 'org.example', 'alpha'), { recursive: true });
  writeFileSync(join(dir, 'A.java'), 'class A {}\n');
  run('javac', ['-d', a, join(dir, 'A.java')]);
  writeFileSync(
    join(a, 'META-INF', 'maven', 'org.example', 'alpha', 'pom.properties'),
    '#Generated by Maven\ngroupId=org.example\nartifactId=alpha\nversion=1.4.2\n',
  );
  const alpha = join(dir, 'alpha-1.4.2.jar');
  run('jar', ['--create', '--file', alpha, '-C', a, '.']);
  const b = join(dir, 'beta');
  mkdirSync(b, { recursive: true });
  copyFileSync(join(dir, 'A.java'), join(b, 'A.java'));
  writeFileSync(
    join(dir, 'manifest.txt'),
    'Implementation-Title: beta\nImplementation-Version: 2.0.1\nImplementation-Vendor-Id: org.beta\n',
  );
  const beta = join(dir, 'beta.jar');
  run('jar', ['--create', '--file', beta, '--manifest', join(dir, 'manifest.txt'), '-C', b, '.']);
  const w = join(dir, 'war');
  mkdirSync(join(w, 'WEB-INF', 'lib'), { recursive: true });
  copyFileSync(alpha, join(w, 'WEB-INF', 'lib', 'alpha-1.4.2.jar'));
  copyFileSync(beta, join(w, 'WEB-INF', 'lib', 'beta.jar'));
  const war = join(dir, 'app.war');
  run('jar', ['--create', '--file', war, '-C', w, '.']);
  const fat = join(dir, 'fat.jar');
  run('jar', ['--create', '--no-compress', '--file', fat, '-C', w, '.']);
  return { alpha, beta, war, fat };
}

const sha = (b: Buffer): string => `sha256:${createHash('sha256').update(b).digest('hex')}`;

function writeBlob(layout: string, data: Buffer): { digest: string; size: number } {
  const digest = sha(data);
  mkdirSync(join(layout, 'blobs', 'sha256'), { recursive: true });
  writeFileSync(join(layout, 'blobs', 'sha256', digest.slice(7)), data);
  return { digest, size: data.length };
}

/**
 * An OCI image layout whose layers are these folders, in order, each archived by GNU tar (file
 * modes kept; `.wh.<name>` files are whiteouts) and gzipped.
 */
export function ociLayoutFromDirs(layout: string, layerDirs: readonly string[]): void {
  mkdirSync(layout, { recursive: true });
  writeFileSync(join(layout, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
  const diffIds: string[] = [];
  const layers = layerDirs.map((d) => {
    const tar = spawnSync('tar', ['-C', d, '--numeric-owner', '-cf', '-', '.'], { maxBuffer: 1 << 30 });
    if (tar.status !== 0) throw new Error(`tar failed: ${String(tar.stderr)}`);
    diffIds.push(sha(tar.stdout));
    return {
      mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
      ...writeBlob(layout, gzipSync(tar.stdout)),
    };
  });
  const config = writeBlob(
    layout,
    Buffer.from(
      JSON.stringify({
        architecture: 'amd64',
        os: 'linux',
        config: {},
        rootfs: { type: 'layers', diff_ids: diffIds },
        history: layerDirs.map(() => ({ created_by: 'quai test' })),
      }),
    ),
  );
  const manifest = writeBlob(
    layout,
    Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...config },
        layers,
      }),
    ),
  );
  writeFileSync(
    join(layout, 'index.json'),
    JSON.stringify({
      schemaVersion: 2,
      manifests: [
        {
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          ...manifest,
          annotations: { 'org.opencontainers.image.ref.name': 'latest' },
        },
      ],
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// A tiny zip writer (stored and deflated entries), so the tests need no zip tool.

export function makeZip(entries: readonly { name: string; data: Buffer; store?: boolean }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const body = e.store === true ? e.data : deflateRawSync(e.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(e.store === true ? 0 : 8, 8);
    local.writeUInt32LE(crc32(e.data), 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(e.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(e.store === true ? 0 : 8, 10);
    central.writeUInt32LE(crc32(e.data), 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(e.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}
