// Ingress readiness:
// - an Ingress is routed by a controller outside the app; once admitted by the API server it is
//   ready as far as the app goes;
// - when a controller publishes an address (status.loadBalancer.ingress), it is reported, so
//   `quai status` shows where the app answers.
import { msg } from '@quai/contracts';
import type { Live, Readiness } from './types.js';

export function ingressReadiness(i: Live): Readiness {
  const entries = (
    (i.status?.['loadBalancer'] as { ingress?: { ip?: string; hostname?: string }[] } | undefined)?.ingress ??
    []
  )
    .map((e) => e.ip ?? e.hostname ?? '')
    .filter((e) => e !== '');
  return {
    state: 'ready',
    message:
      entries.length > 0
        ? msg('deploy.ready.address', { addresses: entries.join(', ') })
        : msg('deploy.ready.admitted'),
  };
}
