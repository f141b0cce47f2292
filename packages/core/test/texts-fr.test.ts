import { describe, expect, it } from 'vitest';
import { MESSAGES, msg, textOf, type Message } from '@quai/contracts';
import { backup } from '@quai/core';
import type { BackupIndex } from '@quai/contracts';

// Texts moved from plain English to the catalog: a French reader must read French.
describe('converted texts in French', () => {
  it('gives every scan inventory warning and restore note a French text of its own', () => {
    const ids = Object.keys(MESSAGES).filter(
      (id) =>
        id.startsWith('scan.inventory.') ||
        id.startsWith('backup.restoreNote.') ||
        id.startsWith('backup.leftover.') ||
        id === 'scan.report.notScanned',
    );
    expect(ids.length).toBeGreaterThanOrEqual(33);
    for (const id of ids) {
      const entry = MESSAGES[id as keyof typeof MESSAGES];
      // Only a message made of parameters alone may read the same in both languages.
      if (/[a-z]{3}/i.test(entry.en.replace(/\{[^}]*\}/g, ''))) expect(entry.fr, id).not.toBe(entry.en);
    }
  });

  it('names what prune cleaned in French, a nested message included', () => {
    const stale = msg('backup.leftover.staleLock', {
      name: 'nightly',
      holder: msg('backup.leftover.lockHolder', { pid: '41', host: 'ops-1' }),
    });
    expect(textOf('fr', stale)).toBe('verrou périmé de nightly (processus 41 sur ops-1)');
    expect(textOf('en', stale)).toBe('stale lock of nightly (process 41 on ops-1)');
    const objects = msg('backup.leftover.unfinishedObjects', { count: 3, name: 'nightly' });
    expect(textOf('fr', objects)).toBe('3 objets de la sauvegarde inachevée nightly');
    expect(textOf('en', objects)).toBe('3 object(s) of unfinished backup nightly');
  });

  it('notes in French that a backup stored in clear cannot be authenticated', () => {
    const index: BackupIndex = {
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
      warnings: [],
      errors: [],
    };
    const trust = backup.checkIndex(index, undefined);
    expect(trust.authenticated).toBe(false);
    const notes = trust.warnings.map((w: Message) => textOf('fr', w));
    expect(notes).toEqual([
      'la sauvegarde nightly n’est pas chiffrée : son index et ses fichiers ne sont pas authentifiés (sommes de contrôle seulement)',
    ]);
    expect(trust.warnings.map((w: Message) => textOf('en', w))).toEqual([
      'backup nightly is not encrypted: its index and files are not authenticated (checksums only)',
    ]);
  });
});
