import { describe, expect, it } from 'vitest';
import { MESSAGES, textOf, type Message } from '@quai/contracts';
import { backup } from '@quai/core';
import type { BackupIndex } from '@quai/contracts';

// Texts moved from plain English to the catalog: a French reader must read French.
describe('converted texts in French', () => {
  it('gives every scan inventory warning and restore note a French text of its own', () => {
    const ids = Object.keys(MESSAGES).filter(
      (id) =>
        id.startsWith('scan.inventory.') ||
        id.startsWith('backup.restoreNote.') ||
        id === 'scan.report.notScanned',
    );
    expect(ids.length).toBeGreaterThanOrEqual(28);
    for (const id of ids) {
      const entry = MESSAGES[id as keyof typeof MESSAGES];
      // Only a message made of parameters alone may read the same in both languages.
      if (/[a-z]{3}/i.test(entry.en.replace(/\{[^}]*\}/g, ''))) expect(entry.fr, id).not.toBe(entry.en);
    }
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
