// PersistentVolumeClaim readiness:
// - status.phase Bound: ready;
// - Lost: failed (its volume disappeared);
// - Pending: progressing (a WaitForFirstConsumer class binds when a pod uses it: counted ready
//   once a pod refers to it, which the workloads' own readiness then covers).
import { msg } from '@quai/contracts';
import type { Live, Readiness } from './types.js';

export function pvcReadiness(p: Live): Readiness {
  const phase = p.status?.['phase'] as string | undefined;
  if (phase === 'Bound') return { state: 'ready', message: msg('deploy.ready.bound') };
  if (phase === 'Lost') return { state: 'failed', message: msg('deploy.ready.volumeLost') };
  return { state: 'progressing', message: msg('deploy.ready.phase', { phase: phase ?? 'Pending' }) };
}
