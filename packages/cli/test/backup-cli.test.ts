import { chmodSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runQuai, type CliResult } from './run-cli.js';

const quai = (...argv: string[]): Promise<CliResult> => runQuai(argv);

describe('quai backup', () => {
  it('creates a private 256-bit key and never overwrites one', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'quai-key-')), 'backup.key');
    const r = await quai('backup', 'key', 'create', file);
    expect(r.code).toBe(0);
    expect(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64')).toHaveLength(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const again = await quai('backup', 'key', 'create', file);
    expect(again.code).toBe(5);
    expect(again.err).toContain('a key is never overwritten');
  });

  it('refuses to back up without a key unless asked to store in clear', async () => {
    const r = await quai(
      'backup',
      'create',
      'nightly',
      '-n',
      'grist',
      '--target',
      tmpdir(),
      '--kubeconfig',
      '/nonexistent',
    );
    expect(r.code).toBe(2);
    expect(r.err).toContain('Backups are encrypted: no key given.');
  });

  it('says which backup does not exist', async () => {
    const r = await quai(
      'backup',
      'describe',
      'nope',
      '--target',
      mkdtempSync(join(tmpdir(), 'quai-empty-')),
    );
    expect(r.code).toBe(5);
    expect(r.err).toContain('No backup named "nope"');
  });

  it('refuses a bad mapping and a bad --existing value', async () => {
    expect((await quai('restore', 'x', '--target', tmpdir(), '--namespace-mapping', 'oops')).code).toBe(2);
    const r = await quai('restore', 'x', '--target', tmpdir(), '--existing', 'merge');
    expect(r.code).toBe(2);
    expect(r.err).toContain('Allowed choices are skip, update');
  });

  it('names the path when a key cannot be written: a missing folder is an input error, not a bug', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quai-key-'));
    const r = await quai('backup', 'key', 'create', join(dir, 'missing', 'backup.key'));
    expect(r.code).toBe(2);
    expect(r.err).toContain('INPUT_INVALID');
    expect(r.err).toContain(
      `Cannot write the key file "${join(dir, 'missing', 'backup.key')}": no such file or folder`,
    );
    expect(r.err).toContain(`mkdir -p ${join(dir, 'missing')}`);
  });

  it('refuses a --target that is a regular file, for every command, naming it', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'quai-target-')), 'not-a-folder');
    writeFileSync(file, 'x');
    const key = join(mkdtempSync(join(tmpdir(), 'quai-key-')), 'k');
    await quai('backup', 'key', 'create', key);
    for (const argv of [
      ['backup', 'list', '--target', file],
      ['backup', 'describe', 'nightly', '--target', file],
      ['backup', 'prune', '--keep-last', '1', '--target', file],
    ]) {
      const r = await quai(...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err).toContain(`The backup target "${file}" is not a folder.`);
    }
  });

  it('warns about a key file others may read, as ssh does, and refuses it with --strict-key-permissions', async () => {
    const key = join(mkdtempSync(join(tmpdir(), 'quai-key-')), 'k');
    await quai('backup', 'key', 'create', key);
    const target = mkdtempSync(join(tmpdir(), 'quai-target-'));
    const quiet = await quai('backup', 'prune', '--keep-last', '1', '--target', target, '--key-file', key);
    expect(quiet.err).not.toContain('too open');
    chmodSync(key, 0o644);
    const warned = await quai('backup', 'prune', '--keep-last', '1', '--target', target, '--key-file', key);
    expect(warned.code).toBe(0);
    expect(warned.err).toContain(`warning: Permissions 0644 for the backup key file "${key}" are too open`);
    expect(warned.err).toContain(`chmod 600 ${key}`);
    const strict = await quai(
      'backup',
      'prune',
      '--keep-last',
      '1',
      '--target',
      target,
      '--key-file',
      key,
      '--strict-key-permissions',
    );
    expect(strict.code).toBe(2);
    expect(strict.err).toContain('are too open');
    const byEnv = await runQuai(
      ['backup', 'prune', '--keep-last', '1', '--target', target, '--key-file', key],
      {
        QUAI_STRICT_KEY_PERMISSIONS: '1',
      },
    );
    expect(byEnv.code).toBe(2);
  });

  it('names missing S3 credentials as such, without asking any metadata service', async () => {
    const home = mkdtempSync(join(tmpdir(), 'quai-home-'));
    const r = await runQuai(
      ['backup', 'list', '--target', 's3://backups/quai', '--s3-endpoint', 'http://127.0.0.1:9'],
      {
        HOME: home,
      },
    );
    expect(r.code).toBe(3);
    expect(r.err).toContain('STORAGE_CREDENTIALS_MISSING');
    expect(r.err).toContain('AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set');
    expect(r.err).not.toContain('CLUSTER_UNREACHABLE');
    const profile = await runQuai(
      ['backup', 'list', '--target', 's3://backups/quai', '--s3-profile', 'cd49'],
      {
        HOME: home,
      },
    );
    expect(profile.code).toBe(3);
    expect(profile.err).toContain('No S3 credentials from profile "cd49"');
  });

  it('reads S3 credentials from a profile, and names an unreachable endpoint as storage, not cluster', async () => {
    const home = mkdtempSync(join(tmpdir(), 'quai-home-'));
    const aws = join(home, '.aws');
    mkdirSync(aws);
    writeFileSync(
      join(aws, 'credentials'),
      '[cd49]\naws_access_key_id = AKIDCD49\naws_secret_access_key = s3cret\n',
    );
    const r = await runQuai(
      [
        'backup',
        'list',
        '--target',
        's3://backups/quai',
        '--s3-endpoint',
        'http://127.0.0.1:9',
        '--s3-profile',
        'cd49',
      ],
      { HOME: home },
    );
    expect(r.code).toBe(4);
    expect(r.err).toContain('STORAGE_UNREACHABLE');
    expect(r.err).toContain('--s3-endpoint');
  });

  it('refuses --mover job with a folder target at once, instead of failing each volume', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quai-target-'));
    const key = join(dir, 'k');
    await quai('backup', 'key', 'create', key);
    const r = await quai(
      'backup',
      'create',
      'nightly',
      '-n',
      'grist',
      '--target',
      join(dir, 'backups'),
      '--key-file',
      key,
      '--mover',
      'job',
      '--kubeconfig',
      '/nonexistent',
    );
    expect(r.code).toBe(2);
    expect(r.err).toContain('needs an S3 target');
    expect(r.err).not.toContain('or --mover job');
  });
});

describe('warnings stored in backup indexes', () => {
  // A backup stored in clear: its index lists what was left out. Indexes written before messages
  // hold English strings; newer ones hold a message id and its parameters.
  function target(warning: unknown): string {
    const dir = mkdtempSync(join(tmpdir(), 'quai-index-'));
    mkdirSync(join(dir, 'nightly'));
    writeFileSync(
      join(dir, 'nightly', 'index.json'),
      JSON.stringify({
        format: 2,
        name: 'nightly',
        status: 'completed',
        startedAt: '2026-11-26T02:30:00.000Z',
        completedAt: '2026-11-26T02:31:00.000Z',
        createdBy: 'ops',
        cluster: 'https://127.0.0.1:6443',
        namespaces: ['grist'],
        clusterResources: false,
        encryption: 'none',
        files: [],
        counts: {},
        warnings: [warning],
        errors: [],
      }),
    );
    return dir;
  }

  it("shows a stored message in the reader's language", async () => {
    const dir = target({ id: 'backup.warning.secretLeftOut', params: { secret: 'grist/db' } });
    const fr = await runQuai(['--lang', 'fr', 'backup', 'describe', 'nightly', '--target', dir]);
    expect(fr.code).toBe(0);
    expect(fr.out).toContain(
      'avertissement : Secret grist/db laissé de côté : pas de clé de chiffrement, et les Secrets ne sont jamais stockés en clair',
    );
    expect(fr.out).toContain('Sauvegarde nightly (terminée), format 2');
    const en = await runQuai(['--lang', 'en', 'backup', 'describe', 'nightly', '--target', dir]);
    expect(en.out).toContain('warning: Secret grist/db left out: no encryption key');
    const json = await runQuai([
      '--lang',
      'fr',
      '-o',
      'json',
      'backup',
      'describe',
      'nightly',
      '--target',
      dir,
    ]);
    expect((JSON.parse(json.out) as { warnings: unknown[] }).warnings).toEqual([
      { id: 'backup.warning.secretLeftOut', params: { secret: 'grist/db' } },
    ]);
  });

  it('still reads an older index whose warnings are plain strings', async () => {
    const old = 'Secret grist/db left out: no encryption key, and Secrets are never stored in clear';
    const dir = target(old);
    const r = await runQuai(['--lang', 'fr', 'backup', 'describe', 'nightly', '--target', dir]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`avertissement : ${old}`);
    const list = await runQuai(['--lang', 'fr', 'backup', 'list', '--target', dir]);
    expect(list.code).toBe(0);
    expect(list.out).toMatch(/NOM\s+STATUT\s+TERMINÉE/);
  });
});
