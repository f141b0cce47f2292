import { render } from 'preact';
import { act } from 'preact/test-utils';
import type { ComponentChildren } from 'preact';
import { afterEach } from 'vitest';
import { I18nContext, i18nOf, type Lang } from '../src/i18n.js';

// What the component tests share: a node rendered in a language, removed after each test.

let root: HTMLElement | undefined;
afterEach(() => {
  if (root !== undefined) render(null, root);
  root?.remove();
});

export function show(node: ComponentChildren, lang: Lang = 'fr'): HTMLElement {
  root = document.createElement('div');
  document.body.append(root);
  void act(() => render(<I18nContext.Provider value={i18nOf(lang)}>{node}</I18nContext.Provider>, root!));
  return root;
}
