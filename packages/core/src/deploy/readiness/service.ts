// Service readiness:
// - ExternalName and selector-less Services: ready at once (nothing to wait for);
// - type LoadBalancer: waits for status.loadBalancer.ingress;
// - otherwise ready once an EndpointSlice of the Service lists a ready endpoint (checked by the
//   waiter, which lists EndpointSlices labelled kubernetes.io/service-name).
import { msg } from '@quai/contracts';
import type { Live, Readiness } from './types.js';

export function serviceReadiness(s: Live, readyEndpoints: number | undefined): Readiness {
  if (s.spec?.['type'] === 'ExternalName' || s.spec?.['selector'] === undefined) {
    return { state: 'ready', message: msg('deploy.ready.noSelector') };
  }
  if (
    s.spec['type'] === 'LoadBalancer' &&
    ((s.status?.['loadBalancer'] as { ingress?: unknown[] } | undefined)?.ingress ?? []).length === 0
  ) {
    return { state: 'progressing', message: msg('deploy.ready.noLoadBalancer') };
  }
  if (readyEndpoints === undefined || readyEndpoints === 0)
    return { state: 'progressing', message: msg('deploy.ready.noEndpoint') };
  return { state: 'ready', message: msg('deploy.ready.endpoints', { count: readyEndpoints }) };
}
