// DaemonSet readiness:
// - status.observedGeneration >= metadata.generation;
// - status.updatedNumberScheduled == status.desiredNumberScheduled;
// - status.numberAvailable == status.desiredNumberScheduled.
import { observed, type Live, type Readiness } from './types.js';

export function daemonSetReadiness(d: Live): Readiness {
  if (!observed(d))
    return { state: 'progressing', message: 'waiting for the controller to see the new spec' };
  const desired = (d.status?.['desiredNumberScheduled'] as number | undefined) ?? 0;
  const updated = (d.status?.['updatedNumberScheduled'] as number | undefined) ?? 0;
  const available = (d.status?.['numberAvailable'] as number | undefined) ?? 0;
  if (updated < desired) return { state: 'progressing', message: `${updated}/${desired} nodes updated` };
  if (available < desired)
    return { state: 'progressing', message: `${available}/${desired} nodes available` };
  return { state: 'ready', message: `${available}/${desired} nodes available` };
}
