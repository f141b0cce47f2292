// restic runs as the front end's settings say (app.Settings.env: QUAI_RESTIC, PATH, HOME), never
// as this process's own environment says: a server acting for a user passes that user's settings.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { t } from '@quai/contracts';
import { backup, isQuaiError } from '../src/index.js';

const key = backup.keyFrom(backup.newKey());
const saved = process.env['QUAI_RESTIC'];
afterEach(() => {
  if (saved === undefined) delete process.env['QUAI_RESTIC'];
  else process.env['QUAI_RESTIC'] = saved;
});

describe('the restic runner', () => {
  it('takes QUAI_RESTIC, PATH and HOME from the settings it is given', () => {
    const runner = backup.volumes.resticRunner({
      QUAI_RESTIC: '/opt/restic/restic',
      PATH: '/opt/bin',
      HOME: '/home/ops',
      RESTIC_CACHE_DIR: '/var/cache/restic',
      AWS_SECRET_ACCESS_KEY: 'not for restic through here',
    });
    expect(runner).toEqual({
      binary: '/opt/restic/restic',
      env: { PATH: '/opt/bin', HOME: '/home/ops', RESTIC_CACHE_DIR: '/var/cache/restic' },
    });
    expect(backup.volumes.resticRunner({}).binary).toBe('restic');
  });

  it('runs the binary the settings name, and ignores the process environment', async () => {
    const root = mkdtempSync(join(tmpdir(), 'quai-runner-'));
    const place = await backup.resolvePlace(root, undefined, {
      QUAI_RESTIC: '/nonexistent/from-settings/restic',
      PATH: process.env['PATH'],
    });
    process.env['QUAI_RESTIC'] = '/nonexistent/from-process/restic';
    const error = await backup.volumes
      .runRestic(['version'], { repository: backup.volumes.resticRepository(place, key) })
      .catch((e: unknown) => e);
    expect(isQuaiError(error)).toBe(true);
    const text = isQuaiError(error) ? t('en', error.text) : '';
    expect(text).toContain('/nonexistent/from-settings/restic');
    expect(text).not.toContain('from-process');
  });
});
