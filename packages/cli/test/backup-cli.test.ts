import { mkdtempSync, readFileSync, statSync } from 'node:fs';
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
});
