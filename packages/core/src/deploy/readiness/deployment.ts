// Deployment readiness, as `kubectl rollout status` decides it:
// - status.observedGeneration >= metadata.generation (the controller saw this spec);
// - the ReplicaFailure condition is not True (pods refused: quota exceeded, Pod Security
//   admission, missing service account): else failed at once, with the server's reason;
// - the Progressing condition is not False with reason ProgressDeadlineExceeded (else: failed);
// - status.updatedReplicas == spec.replicas (every pod runs the new template);
// - status.replicas == status.updatedReplicas (no old pod left);
// - status.availableReplicas == status.updatedReplicas (every new pod is available).
import { condition, observed, type Live, type Readiness } from './types.js';

export function deploymentReadiness(d: Live): Readiness {
  if (!observed(d))
    return { state: 'progressing', message: 'waiting for the controller to see the new spec' };
  const replicaFailure = condition(d, 'ReplicaFailure');
  if (replicaFailure?.status === 'True') {
    return {
      state: 'failed',
      message: `pods cannot be created: ${replicaFailure.message ?? replicaFailure.reason ?? ''}`,
    };
  }
  const progressing = condition(d, 'Progressing');
  if (progressing?.status === 'False' && progressing.reason === 'ProgressDeadlineExceeded') {
    return {
      state: 'failed',
      message: `rollout exceeded its progress deadline: ${progressing.message ?? ''}`,
    };
  }
  const want = (d.spec?.['replicas'] as number | undefined) ?? 1;
  const updated = (d.status?.['updatedReplicas'] as number | undefined) ?? 0;
  const total = (d.status?.['replicas'] as number | undefined) ?? 0;
  const available = (d.status?.['availableReplicas'] as number | undefined) ?? 0;
  if (updated < want) return { state: 'progressing', message: `${updated}/${want} replicas updated` };
  if (total > updated)
    return { state: 'progressing', message: `${total - updated} old replica(s) terminating` };
  if (available < updated)
    return { state: 'progressing', message: `${available}/${want} replicas available` };
  return { state: 'ready', message: `${available}/${want} replicas available` };
}
