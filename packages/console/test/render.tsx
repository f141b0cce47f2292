import { render } from 'preact';
import { act } from 'preact/test-utils';
import type { ComponentChildren } from 'preact';
import { afterEach } from 'vitest';
import { ApiError } from '../src/api.js';
import { I18nContext, i18nOf, loadTexts, type Lang } from '../src/i18n.js';

// What the component tests share: a view rendered in a language (French by default), removed
// after each test. Both languages' texts are loaded first (the console loads the one it shows).
await Promise.all([loadTexts('fr'), loadTexts('en')]);

let root: HTMLElement | undefined;
afterEach(() => {
  if (root !== undefined) render(null, root);
  root?.remove();
  root = undefined;
});

export function show(node: ComponentChildren, lang: Lang = 'fr'): HTMLElement {
  root = document.createElement('div');
  document.body.append(root);
  void act(() => render(<I18nContext.Provider value={i18nOf(lang)}>{node}</I18nContext.Provider>, root!));
  return root;
}

/** The states every view's tests go through besides its data: loading, refused, cluster away. */
export const loading = { state: 'loading' } as const;
/** A 403 with the API server's own words. */
export const forbiddenBy = (message: string) =>
  ({ state: 'error', error: new ApiError(403, 'FORBIDDEN', message) }) as const;
export const failed = {
  state: 'error',
  error: new ApiError(
    503,
    'CLUSTER_UNREACHABLE',
    'connect ECONNREFUSED 127.0.0.1:6443',
    'Is the cluster up?',
  ),
} as const;
