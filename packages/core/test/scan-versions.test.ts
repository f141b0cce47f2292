import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import semver from 'semver';
import { afterAll, describe, expect, it } from 'vitest';
import { isQuaiError, scan } from '@quai/core';

const v = scan.versions;
type Ord = -1 | 0 | 1;

/** Checks a < b (or = or >) both ways round, so antisymmetry is tested too. */
function expectOrder(
  compare: (a: string, b: string) => number,
  a: string,
  op: '<' | '=' | '>',
  b: string,
): void {
  const want = op === '<' ? -1 : op === '>' ? 1 : 0;
  expect([a, op, b, compare(a, b)]).toEqual([a, op, b, want]);
  expect([b, compare(b, a)]).toEqual([b, -want || 0]);
}

function table(lines: string): [string, '<' | '=' | '>', string][] {
  return lines
    .trim()
    .split('\n')
    .map((l) => l.trim().split(/\s+/) as [string, '<' | '=' | '>', string]);
}

/** A small seeded generator, so failures reproduce. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)]!;
}

/** Pairs from a pool of versions: random pairs plus near neighbours (which disagree most often). */
function pairsFrom(pool: readonly string[], count: number, seed: number): [string, string][] {
  const r = rng(seed);
  const out: [string, string][] = [];
  for (let i = 0; i < count; i++) out.push([pick(r, pool), pick(r, pool)]);
  return out;
}

const work = mkdtempSync(join(tmpdir(), 'quai-scan-versions-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs an oracle tool (the name comes from a variable: these are optional test tools, not dependencies). */
function runTool(tool: string, args: readonly string[], input?: string): string {
  return execFileSync(tool, args, {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    ...(input === undefined ? {} : { input }),
  });
}

function has(cmd: string, args: string[]): boolean {
  return spawnSync(cmd, args, { stdio: 'ignore' }).status === 0;
}

/** Every disagreement between Quai and the oracle, as readable lines. */
function disagreements(
  pairs: readonly [string, string][],
  ours: (a: string, b: string) => number,
  theirs: readonly Ord[],
): string[] {
  expect(theirs).toHaveLength(pairs.length);
  const bad: string[] = [];
  pairs.forEach(([a, b], i) => {
    const got = ours(a, b);
    if (got !== theirs[i]) bad.push(`${a} vs ${b}: quai ${got}, oracle ${theirs[i]}`);
  });
  return bad;
}

// ---------------------------------------------------------------------------------------------
// Debian (dpkg)

const DPKG_TRICKY = table(`
  1.0 < 1.0.1
  1.0~rc1 < 1.0
  1.0~rc1 < 1.0~rc2
  1.0~~ < 1.0~
  1.0~ < 1.0
  1.0 < 1.0+b1
  1.0 = 1.0-0
  1.0-0 < 1.0-0.1
  1:0.9 > 2.0
  0:1.0 = 1.0
  1.0a < 1.0+
  1.0a < 1.0.
  1.0-1 < 1.0-1+deb12u1
  2.36.1-8+deb12u1 > 2.36.1-8
  1.2.3-1~bpo12+1 < 1.2.3-1
  1.001 = 1.1
  1.0-1ubuntu0.1 > 1.0-1
  3.0.11-1~deb12u2 < 3.0.11-1
  7.88.1-10+deb12u5 < 7.88.1-10+deb12u12
  1.0.0 > 1.0
  a < b
  1.0Z < 1.0a
`);

function dpkgPool(seed: number): string[] {
  const r = rng(seed);
  const parts = [
    '0',
    '1',
    '2',
    '9',
    '10',
    '01',
    '001',
    'a',
    'b',
    'Z',
    'z',
    '~',
    '~~',
    '+',
    '.',
    'rc1',
    '~rc1',
    '+b1',
    'deb12u1',
    '+deb12u1',
    '~bpo12+1',
    'ubuntu0.1',
    'git20240101',
    '+dfsg',
  ];
  const out = new Set<string>();
  while (out.size < 400) {
    let up = String(Math.floor(r() * 4));
    const n = Math.floor(r() * 4);
    for (let i = 0; i < n; i++) up += pick(r, ['.', '.', '', '+', '~']) + pick(r, parts);
    if (r() < 0.3) up += pick(r, ['~rc1', '~beta', '+ds', '+dfsg1']);
    let ver = up.replace(/-/g, '');
    if (r() < 0.6)
      ver += `-${pick(r, ['1', '2', '0', '1+deb12u1', '1~bpo12+1', '1ubuntu1', '0.1', '10', '1+b2', 'a'])}`;
    if (r() < 0.15) ver = `${pick(r, ['0', '1', '2', '10'])}:${ver}`;
    out.add(ver);
  }
  return [...out];
}

describe('Debian versions (dpkg)', () => {
  it.each(DPKG_TRICKY)('%s %s %s', (a, op, b) => expectOrder(v.compareDpkg, a, op, b));

  it('refuses a version with a non-numeric epoch or an empty revision, naming it', () => {
    expect(() => v.compareDpkg('a:1.0', '1.0')).toThrow(/Invalid Debian version "a:1.0"/);
    expect(() => v.compareDpkg('1.0-', '1.0')).toThrow(/revision/);
  });

  it.skipIf(!has('dpkg', ['--version']))(
    'agrees with dpkg --compare-versions on 1,500 pairs',
    () => {
      const pairs = [
        ...DPKG_TRICKY.map(([a, , b]) => [a, b] as [string, string]),
        ...pairsFrom(dpkgPool(7), 1478, 11),
      ];
      const input = join(work, 'dpkg-pairs.txt');
      writeFileSync(input, pairs.map(([a, b]) => `${a} ${b}\n`).join(''));
      // One shell for every pair: dpkg itself takes one pair per call.
      const out = execFileSync(
        'bash',
        [
          '-c',
          'while read -r a b; do if dpkg --compare-versions "$a" lt "$b"; then echo -1; elif dpkg --compare-versions "$a" eq "$b"; then echo 0; else echo 1; fi; done < "$1"',
          'oracle',
          input,
        ],
        { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
      );
      const theirs = out.trim().split('\n').map(Number) as Ord[];
      expect(disagreements(pairs, v.compareDpkg, theirs)).toEqual([]);
    },
    60_000,
  );
});

// ---------------------------------------------------------------------------------------------
// Alpine (apk): no apk binary on Debian; vectors follow apk-tools' src/version.c behaviour.

const APK_TRICKY = table(`
  1.0 < 1.0.1
  1.2.3-r0 < 1.2.3-r1
  1.2.3-r9 < 1.2.3-r10
  1.2.3 < 1.2.3-r1
  1.2.3_rc1 < 1.2.3
  1.2.3_alpha < 1.2.3_beta
  1.2.3_beta2 < 1.2.3_pre1
  1.2.3_pre1 < 1.2.3_rc1
  1.2.3 < 1.2.3_p1
  1.2.3_p1 < 1.2.3_p2-r0
  1.2.3_cvs < 1.2.3_p
  1.2.3_alpha_pre2 < 1.2.3_alpha
  1.2.3a < 1.2.3b
  1.2.3 < 1.2.3a
  1.2.3a < 1.2.4
  1.01 < 1.1
  1.001 < 1.01
  1.0 < 1.0bc
  3.0.20060720 < 20060720
  006 > 1.0.0
  1.1.1w-r0 > 1.1.1t-r3
  3.3.1-r0 = 3.3.1-r0
  2.38.1-r1 > 2.38.1
  1.36.1-r15 < 1.36.1-r29
`);

describe('Alpine versions (apk)', () => {
  it.each(APK_TRICKY)('%s %s %s', (a, op, b) => expectOrder(v.compareApk, a, op, b));

  it('tells valid versions from invalid ones as apk version --check does', () => {
    expect(['1.2.3-r0', '1.2.3_rc1', '1.2.3a_p4-r2', '20240101'].map((x) => v.apkScheme.isValid(x))).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(['1.2.3-x', '1.2.3_foo', '', '1.2-rc'].map((x) => v.apkScheme.isValid(x))).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// RPM

const RPM_TRICKY = table(`
  1.0 < 1.0.1
  1.0~rc1 < 1.0
  1.0~rc1 < 1.0~rc2
  1.0 < 1.0^git1
  1.0^git1 < 1.0.1
  1.0^git1 < 1.0^git2
  1.0~rc1^git1 > 1.0~rc1
  1.0a < 1.0.1
  1.0 < 1.0a
  1.0.a < 1.0.1
  2.0 < 1:1.0
  0:1.0 = 1.0
  1.0-1 < 1.0-2
  1.0-1.el9 < 1.0-1.el9_2
  1.0 < 1.0-5
  1.001 = 1.1
  1.0_1 = 1.0.1
  5.14.0-362.8.1.el9_3 < 5.14.0-362.13.1.el9_3
  1.2.3-4.fc39 > 1.2.3-4
  abc < abd
  1.0 > 1.0~~
  1 < 1-
  1- < 1-0
  1 < 1-~
  1-~ < 1-
  1.0 < 1.0-
  0:1 < 1-
  1- = 1-
`);

function rpmPool(seed: number): string[] {
  const r = rng(seed);
  const parts = ['0', '1', '2', '10', '01', 'a', 'b', 'rc1', 'git1', 'el9', 'el9_3', 'fc39', 'Z'];
  const out = new Set<string>();
  while (out.size < 400) {
    let ver = String(Math.floor(r() * 4));
    const n = Math.floor(r() * 4);
    for (let i = 0; i < n; i++) ver += pick(r, ['.', '.', '', '~', '^', '_', '+']) + pick(r, parts);
    if (r() < 0.5)
      ver += `-${pick(r, ['1', '2', '1.el9', '1.el9_2', '3.fc39', '0.1~rc1', '1^post', '', '~', '0'])}`;
    if (r() < 0.15) ver = `${pick(r, ['0', '1', '2'])}:${ver}`;
    out.add(ver);
  }
  return [...out];
}

const RPM = 'rpm';
const hasRpm = has(RPM, ['--version']);

describe('RPM versions (rpmvercmp)', () => {
  it.each(RPM_TRICKY)('%s %s %s', (a, op, b) => expectOrder(v.compareRpm, a, op, b));

  it.skipIf(!hasRpm)(
    'agrees with rpm.vercmp (rpm --eval, lua) on 1,500 pairs',
    () => {
      const pairs = [
        ...RPM_TRICKY.map(([a, , b]) => [a, b] as [string, string]),
        ...pairsFrom(rpmPool(3), 1479, 5),
      ];
      const input = join(work, 'rpm-pairs.txt');
      writeFileSync(input, pairs.map(([a, b]) => `${a} ${b}\n`).join(''));
      const lua = `%{lua: for line in io.lines("${input}") do local a, b = line:match("^(%S+) (%S+)$"); print(rpm.vercmp(a, b) .. "\\n") end}`;
      const out = runTool(RPM, ['--eval', lua]);
      const theirs = out.trim().split('\n').map(Number) as Ord[];
      expect(disagreements(pairs, v.compareRpm, theirs)).toEqual([]);
    },
    60_000,
  );
});

// ---------------------------------------------------------------------------------------------
// npm (node-semver) and Go

const SEMVER_TRICKY = table(`
  1.0.0 < 1.0.1
  1.0.0-alpha < 1.0.0
  1.0.0-alpha < 1.0.0-alpha.1
  1.0.0-alpha.1 < 1.0.0-alpha.beta
  1.0.0-alpha.beta < 1.0.0-beta
  1.0.0-beta < 1.0.0-beta.2
  1.0.0-beta.2 < 1.0.0-beta.11
  1.0.0-beta.11 < 1.0.0-rc.1
  1.0.0-rc.1 < 1.0.0
  1.0.0+build.1 = 1.0.0+build.2
  1.0.0-1 < 1.0.0-a
  1.0.0-A < 1.0.0-a
  v1.2.3 = 1.2.3
  1.10.0 > 1.9.9
  1.0.0-0 < 1.0.0-00a
`);

function semverPool(seed: number): string[] {
  const r = rng(seed);
  const ids = ['alpha', 'beta', 'rc', '0', '1', '2', '10', '11', 'a', 'A', 'b-1', '0a', 'x-y', 'Z'];
  const out = new Set<string>();
  while (out.size < 400) {
    let ver = `${Math.floor(r() * 3)}.${Math.floor(r() * 3)}.${pick(r, ['0', '1', '2', '10'])}`;
    if (r() < 0.6) {
      const n = 1 + Math.floor(r() * 3);
      ver += `-${Array.from({ length: n }, () => pick(r, ids)).join('.')}`;
    }
    if (r() < 0.1) ver += '+build.5';
    out.add(ver);
  }
  return [...out];
}

describe('npm versions (Semantic Versioning)', () => {
  it.each(SEMVER_TRICKY)('%s %s %s', (a, op, b) =>
    expectOrder((x, y) => v.semverScheme.compare(x, y), a, op, b),
  );

  it('refuses what node-semver refuses, with a hint', () => {
    for (const bad of ['1.0', '01.0.0', '1.0.0-01', '1.0.0-', 'latest']) {
      expect(v.semverScheme.isValid(bad)).toBe(false);
      expect(semver.valid(bad)).toBeNull();
    }
    try {
      v.semverScheme.compare('1.0', '1.0.0');
      expect.unreachable();
    } catch (e) {
      expect(isQuaiError(e) && e.code === 'INPUT_INVALID' && e.hint !== undefined).toBe(true);
    }
  });

  it('agrees with node-semver compare on 2,000 pairs and on validity', () => {
    const pool = semverPool(9);
    const pairs = [
      ...SEMVER_TRICKY.map(([a, , b]) => [a, b] as [string, string]),
      ...pairsFrom(pool, 1985, 13),
    ];
    const theirs = pairs.map(([a, b]) => semver.compare(a, b));
    expect(disagreements(pairs, (a, b) => v.semverScheme.compare(a, b), theirs)).toEqual([]);
    const odd = [
      'v1.2.3',
      '=1.2.3',
      'vv1.2.3',
      ' 1.2.3 ',
      '1.2.3-01',
      '1.2.3-0a',
      '1.2.3+',
      '1.2.3+a..b',
      '01.2.3',
      '1.2',
      'v1',
    ];
    for (const x of [...pool, ...odd])
      expect([x, v.semverScheme.isValid(x)]).toEqual([x, semver.valid(x) !== null]);
  });
});

/** golang.org/x/mod as cached by the control-plane build, if any (never downloaded by the tests). */
const GO_MOD_VERSION = 'v0.32.0';
const hasGoMod = (() => {
  const r = spawnSync('go', ['env', 'GOMODCACHE'], { encoding: 'utf8' });
  return r.status === 0 && existsSync(join(r.stdout.trim(), 'golang.org', 'x', `mod@${GO_MOD_VERSION}`));
})();

function goPool(seed: number): string[] {
  const r = rng(seed);
  const out = new Set<string>();
  while (out.size < 400) {
    const n = pick(r, ['0', '1', '2', '10', '01']);
    let ver = `v${pick(r, ['0', '1', '2'])}`;
    const shape = r();
    if (shape < 0.1) {
      out.add(ver);
      continue;
    }
    ver += `.${n}`;
    if (shape < 0.2) {
      out.add(ver);
      continue;
    }
    ver += `.${pick(r, ['0', '1', '3', '10'])}`;
    if (r() < 0.3)
      ver += `-${pick(r, ['0.20191109021931-daa7c04131f5', '20200101000000-0123456789ab', 'rc.1', 'beta', 'pre.0.20240101000000-abcdefabcdef', '0'])}`;
    if (r() < 0.1) ver += '+incompatible';
    out.add(ver);
  }
  return [...out];
}

describe('ecosystems', () => {
  it('maps OSV ecosystems, with or without a release, to their ordering', () => {
    expect(v.schemeForEcosystem('Debian:12')?.id).toBe('dpkg');
    expect(v.schemeForEcosystem('Alpine:v3.20')?.id).toBe('apk');
    expect(v.schemeForEcosystem('Red Hat:enterprise_linux:9::appstream')?.id).toBe('rpm');
    expect(v.schemeForEcosystem('PyPI')?.id).toBe('pep440');
    expect(v.schemeForEcosystem('constructor')).toBeUndefined();
    expect(v.schemeForEcosystem('SwiftURL')).toBeUndefined();
  });
});

describe('Go module versions', () => {
  it.each(
    table(`
      v1.2.3 < v1.2.4
      v1.2.3-pre < v1.2.3
      v1 = v1.0.0
      v1.2 = v1.2.0
      v0.0.0-20191109021931-daa7c04131f5 < v0.0.1
      v0.0.0-20191109021931-daa7c04131f5 < v0.0.0-20200101000000-0123456789ab
      v1.2.4-0.20191109021931-daa7c04131f5 > v1.2.3
      v1.2.4-0.20191109021931-daa7c04131f5 < v1.2.4
      v2.0.0+incompatible = v2.0.0
      1.2.3 = v1.2.3
    `),
  )('%s %s %s', (a, op, b) => expectOrder((x, y) => v.goScheme.compare(x, y), a, op, b));

  it.skipIf(!hasGoMod)(
    'agrees with golang.org/x/mod/semver on validity and order of 1,500 pairs',
    () => {
      const pool = goPool(31);
      const pairs = pairsFrom(pool, 1500, 37);
      const dir = join(work, 'go-oracle');
      mkdirSync(dir, { recursive: true });
      writeFileSync(
        join(dir, 'go.mod'),
        `module quaioracle\n\ngo 1.22\n\nrequire golang.org/x/mod ${GO_MOD_VERSION}\n`,
      );
      writeFileSync(
        join(dir, 'main.go'),
        [
          'package main',
          'import ("bufio"; "fmt"; "os"; "strings"; "golang.org/x/mod/semver")',
          'func main() {',
          '  in := bufio.NewScanner(os.Stdin); out := bufio.NewWriter(os.Stdout); defer out.Flush()',
          '  for in.Scan() { f := strings.Fields(in.Text()); fmt.Fprintf(out, "%d %t %t\\n", semver.Compare(f[0], f[1]), semver.IsValid(f[0]), semver.IsValid(f[1])) }',
          '}',
        ].join('\n'),
      );
      // Offline: x/mod comes from the module cache the control-plane build filled.
      const out = execFileSync('go', ['run', '.'], {
        cwd: dir,
        input: pairs.map(([a, b]) => `${a} ${b}\n`).join(''),
        encoding: 'utf8',
        env: { ...process.env, GOFLAGS: '-mod=mod', GOPROXY: 'off', GOSUMDB: 'off' },
      });
      const rows = out
        .trim()
        .split('\n')
        .map((l) => l.split(' '));
      const bad: string[] = [];
      pairs.forEach(([a, b], i) => {
        const [cmp, va, vb] = rows[i]!;
        if (v.goScheme.isValid(a) !== (va === 'true') || v.goScheme.isValid(b) !== (vb === 'true'))
          bad.push(`validity of ${a} or ${b}`);
        else if (va === 'true' && vb === 'true' && v.goScheme.compare(a, b) !== Number(cmp))
          bad.push(`${a} vs ${b}: go ${cmp}`);
      });
      expect(bad).toEqual([]);
    },
    120_000,
  );

  it('recognises pseudo-versions', () => {
    expect(v.isGoPseudoVersion('v0.0.0-20191109021931-daa7c04131f5')).toBe(true);
    expect(v.isGoPseudoVersion('v1.2.4-0.20191109021931-daa7c04131f5')).toBe(true);
    expect(v.isGoPseudoVersion('v1.2.4-pre.0.20191109021931-daa7c04131f5')).toBe(true);
    expect(v.isGoPseudoVersion('v1.2.4-rc.1')).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------
// Python (PEP 440, packaging)

const PEP440_TRICKY = table(`
  1.0 = 1.0.0
  1.0.dev0 < 1.0a1
  1.0a1 < 1.0a2.dev1
  1.0a2.dev1 < 1.0a2
  1.0a2 < 1.0b1
  1.0b1 < 1.0rc1
  1.0rc1 < 1.0
  1.0 < 1.0.post1.dev0
  1.0.post1.dev0 < 1.0.post1
  1.0.post1 < 1.0.post1+local
  1.0+abc < 1.0+1
  1.0+1 < 1.0+1.1
  1.0+abc.2 < 1.0+abc.10
  1!0.1 > 2.0
  1.0alpha1 = 1.0a1
  1.0c1 = 1.0rc1
  1.0-1 = 1.0.post1
  1.0.r1 = 1.0post1
  V1.0 = 1.0
  1.0_RC_1 = 1.0rc1
  1.0.dev1 < 1.0.dev2
  1.0rc1.post1 > 1.0rc1
  1.0rc1.post1 < 1.0
`);

function pep440Pool(seed: number): string[] {
  const r = rng(seed);
  const out = new Set<string>();
  while (out.size < 500) {
    let ver = r() < 0.1 ? `${pick(r, ['1', '2'])}!` : '';
    ver += Array.from({ length: 1 + Math.floor(r() * 3) }, () => pick(r, ['0', '1', '2', '10', '00'])).join(
      '.',
    );
    if (r() < 0.4)
      ver +=
        pick(r, ['a', 'b', 'rc', 'c', 'alpha', 'beta', 'pre', 'preview', '.a', '-rc', '_b']) +
        pick(r, ['', '0', '1', '2', '10']);
    if (r() < 0.3) ver += pick(r, ['.post', 'post', '-', '.rev', 'r', '-post']) + pick(r, ['1', '2', '0']);
    if (r() < 0.3) ver += pick(r, ['.dev', 'dev', '-dev']) + pick(r, ['', '0', '1', '3']);
    if (r() < 0.2) ver += `+${pick(r, ['abc', '1', 'ubuntu.1', 'abc.2', 'abc.10', '1.a', 'A-b'])}`;
    if (r() < 0.05) ver += pick(r, ['..', '+', '-x']);
    out.add(ver);
  }
  return [...out];
}

const hasPackaging = has('python3', ['-c', 'import packaging.version']);

describe('Python versions (PEP 440)', () => {
  it.each(PEP440_TRICKY)('%s %s %s', (a, op, b) => expectOrder(v.comparePep440, a, op, b));

  it('normalises spellings as packaging does', () => {
    expect(v.normalizePep440('1.0-ALPHA.1')).toBe('1.0a1');
    expect(v.normalizePep440('0!01.02-r3.DEV')).toBe('1.2.post3.dev0');
    expect(v.normalizePep440('1.0+Ubuntu-1')).toBe('1.0+ubuntu.1');
  });

  it.skipIf(!hasPackaging)(
    'agrees with packaging.version on validity, normal form and order of 2,000 pairs',
    () => {
      const pool = [...new Set([...pep440Pool(17), ...PEP440_TRICKY.flatMap(([a, , b]) => [a, b])])];
      const pairs = pairsFrom(
        pool.filter((x) => v.pep440Scheme.isValid(x)),
        2000,
        19,
      );
      const script = `
import json, sys
from packaging.version import Version, InvalidVersion
data = json.load(sys.stdin)
def norm(s):
    try:
        return str(Version(s))
    except InvalidVersion:
        return None
def cmp(a, b):
    x, y = Version(a), Version(b)
    return -1 if x < y else (1 if x > y else 0)
json.dump({"norm": [norm(s) for s in data["pool"]], "cmp": [cmp(a, b) for a, b in data["pairs"]]}, sys.stdout)
`;
      const out = execFileSync('python3', ['-c', script], {
        input: JSON.stringify({ pool, pairs }),
        encoding: 'utf8',
      });
      const theirs = JSON.parse(out) as { norm: (string | null)[]; cmp: Ord[] };
      const normBad = pool.filter((x, i) => {
        const ours = v.pep440Scheme.isValid(x) ? v.normalizePep440(x) : null;
        return ours !== theirs.norm[i];
      });
      expect(normBad).toEqual([]);
      expect(disagreements(pairs, v.comparePep440, theirs.cmp)).toEqual([]);
    },
    60_000,
  );
});

// ---------------------------------------------------------------------------------------------
// Maven (ComparableVersion)

const MAVEN_TRICKY = table(`
  1 = 1.0
  1 = 1.0.0
  1 = 1-0
  1 = 1.ga
  1 = 1-final
  1-alpha1 = 1-a1
  1-beta1 = 1-b1
  1-milestone1 = 1-m1
  1-rc1 = 1-cr1
  1-alpha1 < 1-beta1
  1-beta1 < 1-milestone1
  1-milestone1 < 1-rc1
  1-rc1 < 1-SNAPSHOT
  1-SNAPSHOT < 1
  1 < 1-sp1
  1-sp1 < 1-abc
  1-abc < 1-1
  1-1 < 1.1
  1.0.0-RC1 < 1.0.0
  2.0.0.RELEASE = 2.0.0
  1.0.0.X1 < 1.0.0-X2
  1-0.jre > 1
  1.0-alpha-1 < 1.0-alpha-2
  1.0alpha1 = 1.0-alpha-1
  2.17.1 > 2.17.0
  2.9.10.8 > 2.9.10
  1.2.3-jre < 1.2.4-android
  31.1-jre > 31.1-android
`);

const MAVEN_JAR = [
  '/usr/share/maven/lib/maven-artifact-3.x.jar',
  '/usr/share/java/maven-artifact-3.x.jar',
].find((p) => existsSync(p));
const JAVA = 'java';
const hasJava = MAVEN_JAR !== undefined && has(JAVA, ['-version']);

function mavenPool(seed: number): string[] {
  const r = rng(seed);
  const parts = [
    '0',
    '1',
    '2',
    '10',
    '01',
    'alpha',
    'a',
    'beta',
    'b',
    'm',
    'milestone',
    'rc',
    'cr',
    'snapshot',
    'SNAPSHOT',
    'ga',
    'final',
    'sp',
    'RELEASE',
    'jre',
    'android',
    'abc',
    'x',
  ];
  const out = new Set<string>();
  while (out.size < 400) {
    let ver = String(Math.floor(r() * 3));
    const n = Math.floor(r() * 4);
    for (let i = 0; i < n; i++) ver += pick(r, ['.', '-', '', '.', '-']) + pick(r, parts);
    out.add(ver);
  }
  return [...out];
}

describe('Maven versions (ComparableVersion)', () => {
  it.each(MAVEN_TRICKY)('%s %s %s', (a, op, b) => expectOrder(v.compareMaven, a, op, b));

  it('prints the canonical form Maven prints', () => {
    expect(v.canonicalMaven('1.0.0-RC1')).toBe('1-rc-1');
    expect(v.canonicalMaven('1.0alpha1')).toBe('1-alpha-1');
    expect(v.canonicalMaven('2.0.0.Final')).toBe('2');
  });

  it.skipIf(!hasJava)(
    'agrees with Maven 3 ComparableVersion (maven-artifact jar) on 1,200 pairs',
    () => {
      const pairs = [
        ...MAVEN_TRICKY.map(([a, , b]) => [a, b] as [string, string]),
        ...pairsFrom(mavenPool(23), 1174, 29),
      ];
      // ComparableVersion's main compares each argument with the previous one: one JVM for all pairs.
      const out = runTool(JAVA, [
        '-cp',
        MAVEN_JAR!,
        'org.apache.maven.artifact.versioning.ComparableVersion',
        ...pairs.flat(),
      ]);
      const results = out
        .split('\n')
        .filter((l) => l.startsWith('   '))
        .map((l) => l.trim().split(/\s+/)[1]);
      const theirs = results
        .filter((_, i) => i % 2 === 0)
        .map((op) => (op === '<' ? -1 : op === '>' ? 1 : 0)) as Ord[];
      expect(disagreements(pairs, v.compareMaven, theirs)).toEqual([]);
    },
    60_000,
  );
});

// ---------------------------------------------------------------------------------------------
// RubyGems (Gem::Version), Packagist (PHP's version_compare), NuGet, Pub, CRAN, Hackage

/** Runs a script of an oracle language on JSON input, returning its JSON output. */
function oracle<T>(tool: string, args: readonly string[], input: unknown): T {
  return JSON.parse(runTool(tool, args, JSON.stringify(input))) as T;
}

const RUBYGEMS_TRICKY = table(`
  1.0 = 1
  1.0.0 = 1
  1.0.a = 1.a
  1.0.0.a = 1.a
  1.a < 1
  1.0.0.rc1 < 1.0.0
  1.0.0-rc1 < 1.0.0
  1.0.0-rc1 = 1.0.0.pre.rc1
  1.0.0.beta < 1.0.0.rc
  1.0.0.a10 > 1.0.0.a9
  1.0.0.a10 < 1.0.0.b
  1.9 < 1.10
  2.0.0.pre < 2.0.0
  1.2.3a < 1.2.3
  1.2.3.4 > 1.2.3
  0.0.1 > 0
  1.0.0.a.1 < 1.0.0.a.2
  1.0.0.a < 1.0.0.a.1
  5.2.4.1 > 5.2.4
  7.0.8.1 < 7.0.8.4
  1.0.A < 1.0.a
`);

function rubyPool(seed: number): string[] {
  const r = rng(seed);
  const out = new Set<string>();
  while (out.size < 400) {
    let ver = String(pick(r, ['0', '1', '2', '10', '01']));
    const n = Math.floor(r() * 4);
    for (let i = 0; i < n; i++)
      ver += `.${pick(r, ['0', '1', '2', '10', 'a', 'b', 'rc1', 'pre', 'A', 'beta2', '0a', '00'])}`;
    if (r() < 0.2) ver += `-${pick(r, ['1', 'rc1', 'a.1', 'beta-2', 'pre'])}`;
    if (r() < 0.05) ver = pick(r, ['', ' 1.0', '1..0', '1.0.', 'a', '1.0_1', '-1']);
    out.add(ver);
  }
  return [...out];
}

const hasRuby = has('ruby', ['--version']);

describe('RubyGems versions (Gem::Version)', () => {
  it.each(RUBYGEMS_TRICKY)('%s %s %s', (a, op, b) => expectOrder(v.compareRubyGems, a, op, b));

  it.skipIf(!hasRuby)(
    "agrees with ruby's Gem::Version on validity and order of 2,000 pairs",
    () => {
      const pool = [...new Set([...rubyPool(41), ...RUBYGEMS_TRICKY.flatMap(([a, , b]) => [a, b])])];
      const valid = pool.filter((x) => v.rubygemsScheme.isValid(x));
      const pairs = [
        ...RUBYGEMS_TRICKY.map(([a, , b]) => [a, b] as [string, string]),
        ...pairsFrom(valid, 2000, 43),
      ];
      const theirs = oracle<{ valid: boolean[]; cmp: Ord[] }>(
        'ruby',
        [
          '-rjson',
          '-e',
          'd = JSON.parse(STDIN.read); puts JSON.generate({valid: d["pool"].map { |s| Gem::Version.correct?(s) ? true : false }, cmp: d["pairs"].map { |a, b| Gem::Version.new(a) <=> Gem::Version.new(b) }})',
        ],
        { pool, pairs },
      );
      expect(pool.filter((x, i) => v.rubygemsScheme.isValid(x) !== theirs.valid[i])).toEqual([]);
      expect(disagreements(pairs, v.compareRubyGems, theirs.cmp)).toEqual([]);
    },
    60_000,
  );
});

const PACKAGIST_TRICKY = table(`
  1.0 < 1.0.0
  1.0.0 < 1.0.1
  1.0-dev < 1.0-alpha
  1.0-alpha = 1.0a
  1.0-alpha < 1.0-beta
  1.0-beta < 1.0-RC1
  1.0-RC1 = 1.0rc1
  1.0-RC1 < 1.0
  1.0 < 1.0-pl1
  1.0 < 1.0-patch1
  1.0-p1 = 1.0pl1
  v5.4.21 = 5.4.21
  v5.4.30 > 5.4.22
  V1.2 = 1.2
  1.0.0-beta.2 < 1.0.0-beta.11
  2.0.0-RC1 > 2.0.0-beta10
  1.2.3.4 > 1.2.3
  1.0+build1 = 1.0.build1
  1_0 = 1.0
  1..0 = 1.0
  7.4.0 < 7.10.0
  20231201 > 2023.12.01
`);

function phpPool(seed: number): string[] {
  const r = rng(seed);
  const out = new Set<string>();
  while (out.size < 500) {
    let ver = pick(r, ['', '', '', 'v', 'V']) + pick(r, ['0', '1', '2', '10', '01', '9']);
    const n = Math.floor(r() * 4);
    for (let i = 0; i < n; i++)
      ver +=
        pick(r, ['.', '.', '-', '_', '+', '', '..']) +
        pick(r, [
          '0',
          '1',
          '10',
          'dev',
          'alpha',
          'a',
          'beta',
          'b',
          'RC',
          'rc',
          'pl',
          'p',
          'patch',
          'x',
          '#',
          'Dev',
        ]) +
        pick(r, ['', '', '1', '2']);
    out.add(ver);
  }
  return [...out];
}

const hasPhp = has('php', ['--version']);

describe('Packagist versions (PHP version_compare)', () => {
  it.each(PACKAGIST_TRICKY)('%s %s %s', (a, op, b) => expectOrder(v.comparePackagist, a, op, b));

  it('refuses branches, which Composer does not order', () => {
    expect(() => v.comparePackagist('dev-main', '1.0.0')).toThrow(/Invalid Packagist version "dev-main"/);
    expect(v.packagistScheme.isValid('dev-master')).toBe(false);
  });

  it.skipIf(!hasPhp)(
    "agrees with php's version_compare on 2,500 pairs, raw and after Composer's leading v",
    () => {
      const pool = [...new Set([...phpPool(47), ...PACKAGIST_TRICKY.flatMap(([a, , b]) => [a, b])])];
      const pairs = [
        ...PACKAGIST_TRICKY.map(([a, , b]) => [a, b] as [string, string]),
        ...pairsFrom(pool, 2500, 53),
      ];
      const raw = [
        ...pairs,
        ...pairsFrom(['dev', 'alpha', '#', '#1', '1', '1.0', 'a', 'x', 'p', '1x', '', 'pl'], 200, 59),
      ];
      const theirs = oracle<{ raw: Ord[]; composer: Ord[] }>(
        'php',
        [
          '-r',
          '$d = json_decode(stream_get_contents(STDIN), true); $v = fn($s) => preg_replace("/^[vV](?=[0-9])/", "", $s); echo json_encode(["raw" => array_map(fn($p) => version_compare($p[0], $p[1]), $d["raw"]), "composer" => array_map(fn($p) => version_compare($v($p[0]), $v($p[1])), $d["pairs"])]);',
        ],
        { raw, pairs },
      );
      expect(disagreements(raw, v.phpVersionCompare, theirs.raw)).toEqual([]);
      expect(disagreements(pairs, v.comparePackagist, theirs.composer)).toEqual([]);
    },
    60_000,
  );
});

const CRAN_TRICKY = table(`
  1.0 < 1.0.1
  1.0 = 1.0.0
  1.2 = 1.2.0.0
  1.0-1 = 1.0.1
  1.02 = 1.2
  0.9-10 > 0.9-9
  1.10.0 > 1.9.99
  4.3.2 < 4.3.10
`);

function cranPool(seed: number): string[] {
  const r = rng(seed);
  const out = new Set<string>();
  while (out.size < 400) {
    let ver = pick(r, ['0', '1', '2', '10', '01']);
    const n = 1 + Math.floor(r() * 3);
    for (let i = 0; i < n; i++)
      ver += pick(r, ['.', '.', '-']) + pick(r, ['0', '1', '2', '9', '10', '00', '99']);
    if (r() < 0.05) ver = pick(r, ['1', '1.', '1.0a', 'a.b', '1..2', '-1.0']);
    out.add(ver);
  }
  return [...out];
}

const hasR = has('Rscript', ['--version']);

describe('CRAN versions (R package_version)', () => {
  it.each(CRAN_TRICKY)('%s %s %s', (a, op, b) => expectOrder(v.compareCran, a, op, b));

  it.skipIf(!hasR)(
    "agrees with R's package_version on validity and order of 1,500 pairs",
    () => {
      const pool = [...new Set([...cranPool(61), ...CRAN_TRICKY.flatMap(([a, , b]) => [a, b])])];
      const valid = pool.filter((x) => v.cranScheme.isValid(x));
      const pairs = pairsFrom(valid, 1500, 67);
      const input = join(work, 'cran.txt');
      writeFileSync(
        input,
        [`${pool.length}`, ...pool, ...pairs.map(([a, b]) => `${a} ${b}`)].join('\n') + '\n',
      );
      const script = `l <- readLines(commandArgs(TRUE)[1]); n <- as.integer(l[1]); pool <- l[2:(n + 1)];
        cat(!is.na(package_version(pool, strict = FALSE)), sep = "\\n"); cat("--\\n");
        p <- do.call(rbind, strsplit(l[(n + 2):length(l)], " ")); a <- package_version(p[, 1]); b <- package_version(p[, 2]);
        cat(ifelse(a < b, -1, ifelse(a > b, 1, 0)), sep = "\\n")`;
      const [validOut, cmpOut] = runTool('Rscript', ['-e', script, input]).split('--\n') as [string, string];
      const theirValid = validOut
        .trim()
        .split('\n')
        .map((x) => x === 'TRUE');
      expect(pool.filter((x, i) => v.cranScheme.isValid(x) !== theirValid[i])).toEqual([]);
      expect(disagreements(pairs, v.compareCran, cmpOut.trim().split('\n').map(Number) as Ord[])).toEqual([]);
    },
    60_000,
  );
});

// No NuGet, Dart or GHC runtime is packaged for Debian 12 with the current libraries (mono's nuget
// is NuGet 2.8, before NuGet.Versioning): these vectors follow NuGet.Versioning's VersionComparer,
// pub_semver's Version.compareTo and Cabal's Version, whose rules each file quotes.
const NUGET_TRICKY = table(`
  1.0 = 1.0.0
  1.0.0 = 1.0.0.0
  1.0.0.1 > 1.0.0
  1.0.0-alpha < 1.0.0
  1.0.0-alpha < 1.0.0-Alpha.1
  1.0.0-ALPHA = 1.0.0-alpha
  1.0.0-alpha.2 < 1.0.0-alpha.10
  1.0.0-2 < 1.0.0-a
  1.0.0-beta < 1.0.0-rc
  1.0.0+build1 = 1.0.0+build2
  1.0.0-rc.1+x = 1.0.0-rc.1
  01.2.3 = 1.2.3
  6.0.0-preview.7.21377.19 < 6.0.0-rc.1.21451.13
  13.0.1 > 12.0.3
  1.0.0-alpha.-1 < 1.0.0-alpha.0
`);

const PUB_TRICKY = table(`
  1.0.0 < 1.0.1
  1.0.0-dev < 1.0.0
  1.0.0-dev.1 < 1.0.0-dev.2
  1.0.0-dev.2 < 1.0.0-dev.10
  1.0.0-1 < 1.0.0-a
  1.0.0-a < 1.0.0-a.1
  1.0.0 < 1.0.0+1
  1.0.0+1 < 1.0.0+2
  1.0.0+1 < 1.0.0+a
  1.0.0-01 = 1.0.0-1
  1.0.0-rc < 1.0.0-rc+1
  0.10.0 > 0.9.9
`);

const HACKAGE_TRICKY = table(`
  1 < 1.0
  1.0 < 1.0.0
  1.2.3 < 1.10
  2.4.0.1 > 2.4
  0.1.0.0 < 0.1.0.1
`);

describe('NuGet, Pub and Hackage versions', () => {
  it.each(NUGET_TRICKY)('NuGet %s %s %s', (a, op, b) => expectOrder(v.compareNuGet, a, op, b));
  it.each(PUB_TRICKY)('Pub %s %s %s', (a, op, b) => expectOrder(v.comparePub, a, op, b));
  it.each(HACKAGE_TRICKY)('Hackage %s %s %s', (a, op, b) => expectOrder(v.compareHackage, a, op, b));

  it('refuses what each tool refuses', () => {
    for (const bad of ['1.2.3.4.5', '1.0.0-', 'a', '1.0.0-a..b', '99999999999.0'])
      expect([bad, v.nugetScheme.isValid(bad)]).toEqual([bad, false]);
    for (const bad of ['1.0', '01.0', 'v1.0.0', '1.0.0-', '1.0.0+'])
      expect([bad, v.pubScheme.isValid(bad)]).toEqual([bad, bad === '01.0' ? false : false]);
    for (const bad of ['01', '1.01', '1.0000000000', '1.', '-1'])
      expect([bad, v.hackageScheme.isValid(bad)]).toEqual([bad, false]);
    expect(v.pubScheme.isValid('01.2.3')).toBe(true); // int.parse accepts leading zeros
  });

  it('maps the new OSV ecosystems to their orderings', () => {
    expect(
      ['RubyGems', 'Packagist', 'NuGet', 'Pub', 'CRAN', 'Bioconductor', 'Hackage', 'GHC'].map(
        (e) => v.schemeForEcosystem(e)?.id,
      ),
    ).toEqual(['rubygems', 'packagist', 'nuget', 'pub', 'cran', 'cran', 'hackage', 'hackage']);
  });
});
