import type { Message } from '@quai/contracts';
import type { KubeObject } from '../../kube/index.js';

/** What a readiness rule concludes about one live object (the message in the reader's language). */
export type Readiness =
  | { readonly state: 'ready'; readonly message: Message }
  | { readonly state: 'progressing'; readonly message: Message }
  | {
      readonly state: 'failed';
      readonly message: Message;
      /** A failure that may heal by itself (the controller retries): confirmed only if it lasts. */
      readonly transient?: boolean;
    };

// Live objects are read loosely: fields may be missing while controllers catch up.
export type Live = KubeObject & {
  readonly spec?: Record<string, unknown>;
  readonly status?: Record<string, unknown>;
};

export interface Condition {
  readonly type: string;
  readonly status: string;
  readonly reason?: string;
  readonly message?: string;
}

export function condition(obj: Live, type: string): Condition | undefined {
  return ((obj.status?.['conditions'] ?? []) as Condition[]).find((c) => c.type === type);
}

/** The controller has seen the latest spec (status.observedGeneration >= metadata.generation). */
export function observed(obj: Live): boolean {
  const gen = obj.metadata.generation ?? 0;
  return ((obj.status?.['observedGeneration'] as number | undefined) ?? 0) >= gen;
}
