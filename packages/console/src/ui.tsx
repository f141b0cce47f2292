import type { ComponentChildren } from 'preact';
import { useI18n } from './i18n.js';

type Status = 'ready' | 'progressing' | 'failed' | 'unknown';

/** A status with its word, never a colour alone (WCAG 1.4.1). */
export function StatusBadge(props: { readonly status: Status }) {
  const { t } = useI18n();
  return <span class={`badge ${props.status}`}>{t(`console.status.${props.status}`)}</span>;
}

export function Section(props: { readonly title: string; readonly children: ComponentChildren }) {
  const id = `s-${props.title.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase()}`;
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{props.title}</h2>
      {props.children}
    </section>
  );
}

export function Empty(props: { readonly children: ComponentChildren }) {
  return <p class="empty">{props.children}</p>;
}

/** One figure of a `<dl class="figures">`: its label, then its value. */
export function Figure(props: {
  readonly label: string;
  readonly class?: string;
  readonly children: ComponentChildren;
}) {
  return (
    <div>
      <dt>{props.label}</dt>
      <dd class={props.class}>{props.children}</dd>
    </div>
  );
}
