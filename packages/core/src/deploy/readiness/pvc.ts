// PersistentVolumeClaim readiness:
// - status.phase Bound: ready;
// - Lost: failed (its volume disappeared);
// - Pending: progressing (a WaitForFirstConsumer class binds when a pod uses it: counted ready
//   once a pod refers to it, which the workloads' own readiness then covers).
import type { Live, Readiness } from './types.js';

export function pvcReadiness(p: Live): Readiness {
  const phase = p.status?.['phase'] as string | undefined;
  if (phase === 'Bound') return { state: 'ready', message: 'bound' };
  if (phase === 'Lost') return { state: 'failed', message: 'the bound volume is lost' };
  return { state: 'progressing', message: `phase ${phase ?? 'Pending'}` };
}
