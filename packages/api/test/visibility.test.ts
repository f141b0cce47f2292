// Reading the trail page by page when the user may see only part of it.
import { describe, expect, it } from 'vitest';
import { visiblePage, type Scoped } from '../src/visibility.js';

interface Row extends Scoped {
  readonly id: string;
}

// Newest first, ids descending as the store gives them.
const rows: Row[] = Array.from({ length: 1000 }, (_, i) => ({
  id: String(999 - i).padStart(4, '0'),
  actor: 'someone',
  namespace: (999 - i) % 10 === 0 ? 'mine' : 'theirs',
}));
const read = (before: string | undefined, limit: number): Promise<Row[]> =>
  Promise.resolve(rows.filter((r) => before === undefined || r.id < before).slice(0, limit));
const mine = (e: Scoped): Promise<boolean> => Promise.resolve(e.namespace === 'mine');

describe('visiblePage', () => {
  it('fills a page with visible entries only, and gives the cursor to read on', async () => {
    const first = await visiblePage(read, mine, { limit: 20 });
    expect(first.items).toHaveLength(20);
    expect(first.items.every((r) => r.namespace === 'mine')).toBe(true);
    expect(first.next).toBe('0800');
    const second = await visiblePage(read, mine, {
      limit: 20,
      ...(first.next ? { before: first.next } : {}),
    });
    expect(second.items.map((r) => r.id)).toEqual(
      Array.from({ length: 20 }, (_, i) => String(790 - i * 10).padStart(4, '0')),
    );
    const last = await visiblePage(read, mine, { limit: 20, before: '0100' });
    expect(last.items).toHaveLength(10);
    expect(last.next).toBeUndefined();
  });

  it('stops after looking at maxScanned entries, with a cursor to go on from', async () => {
    const none = (): Promise<boolean> => Promise.resolve(false);
    const page = await visiblePage(read, none, { limit: 20, maxScanned: 300 });
    expect(page.items).toEqual([]);
    expect(page.next).toBe('0700');
    const rest = await visiblePage(read, none, { limit: 20, before: '0100' });
    expect(rest).toEqual({ items: [] });
  });

  it('reads one page when everything is visible', async () => {
    const page = await visiblePage(read, undefined, { limit: 5 });
    expect(page.items.map((r) => r.id)).toEqual(['0999', '0998', '0997', '0996', '0995']);
    expect(page.next).toBe('0995');
  });
});
