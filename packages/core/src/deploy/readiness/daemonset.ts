// DaemonSet readiness:
// - status.observedGeneration >= metadata.generation;
// - status.updatedNumberScheduled == status.desiredNumberScheduled;
// - status.numberAvailable == status.desiredNumberScheduled.
import { msg } from '@quai/contracts';
import { observed, type Live, type Readiness } from './types.js';

export function daemonSetReadiness(d: Live): Readiness {
  if (!observed(d)) return { state: 'progressing', message: msg('deploy.ready.notObserved') };
  const desired = (d.status?.['desiredNumberScheduled'] as number | undefined) ?? 0;
  const updated = (d.status?.['updatedNumberScheduled'] as number | undefined) ?? 0;
  const available = (d.status?.['numberAvailable'] as number | undefined) ?? 0;
  if (updated < desired)
    return { state: 'progressing', message: msg('deploy.ready.nodesUpdated', { updated, desired }) };
  if (available < desired)
    return { state: 'progressing', message: msg('deploy.ready.nodesAvailable', { available, desired }) };
  return { state: 'ready', message: msg('deploy.ready.nodesAvailable', { available, desired }) };
}
