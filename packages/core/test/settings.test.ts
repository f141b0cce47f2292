import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PlatformSettings, textOf } from '@quai/contracts';
import { settings, type QuaiError } from '@quai/core';

const dir = mkdtempSync(join(tmpdir(), 'quai-settings-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const failure = (f: () => unknown): QuaiError => {
  try {
    f();
  } catch (error) {
    return error as QuaiError;
  }
  throw new Error('no error');
};

describe('the settings document', () => {
  it('reads the documented example', () => {
    const s = settings.parseSettings(
      [
        'cluster:',
        '  displayName: Production CG49',
        '  environment: production',
        'targets:',
        '  - name: nas',
        '    location: /srv/backups',
        '  - name: ovh',
        '    location: s3://cg49-backups/quai',
        '    endpoint: https://s3.gra.io.cloud.ovh.net',
        '    region: gra',
        '    credentialsSecret: quai-s3-ovh',
        'gitlab:',
        '  url: https://gitlab.cg49.fr',
        '  tokenSecret: quai-gitlab',
        '  project: infra/platform',
        '',
      ].join('\n'),
    );
    expect(s.targets.map((t) => t.name)).toEqual(['nas', 'ovh']);
    expect(s.gitlab?.project).toBe('infra/platform');
    expect(settings.parseSettings('')).toEqual({ cluster: {}, targets: [] });
    // The example of the docs (examples/settings/settings.yaml, the same as docs/settings.md's).
    const example = readFileSync(
      new URL('../../../examples/settings/settings.yaml', import.meta.url),
      'utf8',
    );
    expect(settings.parseSettings(example).targets.map((t) => t.name)).toEqual(['nas', 'ovh', 'scaleway']);
  });

  it('says where a document is wrong, line and column, in both languages', () => {
    const e = failure(() =>
      settings.parseSettings(
        'targets:\n  - name: nas\n    location: /srv\n    region: gra\n  - name: nas\n    location: s3://bkt/p\n',
      ),
    );
    expect(e.code).toBe('INPUT_INVALID');
    const en = e.messageIn('en');
    expect(en).toContain('quai-system/quai-settings:settings.yaml:4:5');
    expect(en).toContain('only for an s3:// location');
    expect(en).toContain('quai-system/quai-settings:settings.yaml:5:5 at targets[1].name');
    expect(e.messageIn('fr')).toContain('document de paramètres');
    const syntax = failure(() => settings.parseSettings('targets:\n  - name: [\n'));
    expect(syntax.messageIn('en')).toMatch(/line \d+, column \d+/);
  });

  it('keeps secret values out: no credentials in an address, one source of credentials', () => {
    const parse = (t: Record<string, unknown>) =>
      PlatformSettings.safeParse({ targets: [{ name: 'x', ...t }] });
    expect(parse({ location: 's3://bkt/p', endpoint: 'https://id:secret@s3.example.fr' }).success).toBe(
      false,
    );
    expect(parse({ location: 's3://bkt/p', credentialsSecret: 'a', credentialsEnv: 'B' }).success).toBe(
      false,
    );
    expect(parse({ location: 'backups' }).success).toBe(false);
    expect(
      PlatformSettings.safeParse({ gitlab: { url: 'https://gitlab.example.fr', token: 'glpat-x' } }).success,
    ).toBe(false);
  });

  it('finds a target by name or exact location, and refuses any other naming the declared ones', () => {
    const s = settings.parseSettings('targets:\n  - name: nas\n    location: /srv/backups/\n');
    expect(settings.findTarget(s, 'nas')?.name).toBe('nas');
    expect(settings.findTarget(s, '/srv/backups')?.name).toBe('nas');
    expect(settings.findTarget(s, '/srv')).toBeUndefined();
    const e = failure(() => settings.requireTarget(s, '/tmp'));
    expect(e.code).toBe('FORBIDDEN');
    expect(e.messageIn('en')).toContain('(declared: nas)');
    expect(e.hintIn('fr')).toContain('Paramètres');
    const none = failure(() => settings.requireTarget(settings.parseSettings(''), 'nas'));
    expect(none.messageIn('en')).toContain('name none yet');
  });

  it('lists what changed', () => {
    const a = settings.parseSettings(
      'targets:\n  - name: nas\n    location: /srv/a\n  - name: old\n    location: /srv/o\n',
    );
    const b = settings.parseSettings(
      'cluster:\n  environment: production\ntargets:\n  - name: nas\n    location: /srv/b\n  - name: new\n    location: /srv/n\ngitlab:\n  url: https://gitlab.example.fr\n',
    );
    expect(settings.settingsChanges(a, b)).toEqual([
      'cluster.environment',
      'targets: ~ nas',
      'targets: + new',
      'targets: - old',
      'gitlab.url',
    ]);
    expect(settings.parseSettings(settings.settingsYaml(b))).toEqual(b);
  });
});

describe('the check of a folder target', () => {
  it('says reachable, writable, free space and backups, or what is wrong', async () => {
    const ok = join(dir, 'ok');
    mkdirSync(join(ok, 'b1'), { recursive: true });
    writeFileSync(join(ok, 'b1', 'index.json'), '{}');
    const c = await settings.checkTarget({ name: 'ok', location: ok }, undefined, {});
    expect(c).toMatchObject({ reachable: true, writable: true, backups: 1, credentials: 'none' });
    expect(c.freeBytes).toBeGreaterThan(0);
    const missing = await settings.checkTarget({ name: 'm', location: join(dir, 'nope') }, undefined, {});
    expect(missing.reachable).toBe(false);
    expect(textOf('fr', missing.problem!)).toContain('n’existe pas');
    const file = join(dir, 'file');
    writeFileSync(file, 'x');
    expect((await settings.checkTarget({ name: 'f', location: file }, undefined, {})).problem).toBeDefined();
    if (process.getuid?.() !== 0) {
      const ro = join(dir, 'ro');
      mkdirSync(ro);
      chmodSync(ro, 0o555);
      expect(await settings.checkTarget({ name: 'ro', location: ro }, undefined, {})).toMatchObject({
        reachable: true,
        writable: false,
      });
    }
  });

  it('names where S3 credentials come from, and a missing variable without reaching the bucket', async () => {
    const c = await settings.checkTarget(
      { name: 's3', location: 's3://bucket/p', endpoint: 'http://127.0.0.1:9', credentialsEnv: 'OVH' },
      undefined,
      {},
    );
    expect(c).toMatchObject({ kind: 's3', credentials: 'env', reachable: false });
    expect(textOf('en', c.problem!)).toContain('OVH_ACCESS_KEY_ID');
  });
});
