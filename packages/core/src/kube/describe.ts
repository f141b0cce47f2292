import type { KubeObject } from './types.js';

/** `Deployment shop/web`, `Namespace shop`: how Quai names an object in messages and reports. */
export function describeObject(o: Pick<KubeObject, 'kind' | 'metadata'>): string {
  return `${o.kind} ${o.metadata.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata.name ?? ''}`;
}
