// Deployment readiness, as `kubectl rollout status` decides it:
// - status.observedGeneration >= metadata.generation (the controller saw this spec);
// - the ReplicaFailure condition is not True (pods refused: quota exceeded, Pod Security
//   admission, missing service account): else failed, with the server's reason; marked
//   transient, since the controller retries and some refusals heal (a control plane restarting:
//   "failed to get token for kube-system/replicaset-controller"), so waits confirm it lasts;
// - the Progressing condition is not False with reason ProgressDeadlineExceeded (else: failed);
// - status.updatedReplicas == spec.replicas (every pod runs the new template);
// - status.replicas == status.updatedReplicas (no old pod left);
// - status.availableReplicas == status.updatedReplicas (every new pod is available).
import { msg } from '@quai/contracts';
import { condition, observed, type Live, type Readiness } from './types.js';

export function deploymentReadiness(d: Live): Readiness {
  if (!observed(d)) return { state: 'progressing', message: msg('deploy.ready.notObserved') };
  const replicaFailure = condition(d, 'ReplicaFailure');
  if (replicaFailure?.status === 'True') {
    return {
      state: 'failed',
      transient: true,
      message: msg('deploy.ready.podsRefused', {
        reason: replicaFailure.message ?? replicaFailure.reason ?? '',
      }),
    };
  }
  const progressing = condition(d, 'Progressing');
  if (progressing?.status === 'False' && progressing.reason === 'ProgressDeadlineExceeded') {
    return {
      state: 'failed',
      message: msg('deploy.ready.deadline', { reason: progressing.message ?? '' }),
    };
  }
  const want = (d.spec?.['replicas'] as number | undefined) ?? 1;
  const updated = (d.status?.['updatedReplicas'] as number | undefined) ?? 0;
  const total = (d.status?.['replicas'] as number | undefined) ?? 0;
  const available = (d.status?.['availableReplicas'] as number | undefined) ?? 0;
  if (updated < want)
    return { state: 'progressing', message: msg('deploy.ready.replicasUpdated', { updated, want }) };
  if (total > updated)
    return { state: 'progressing', message: msg('deploy.ready.oldTerminating', { count: total - updated }) };
  if (available < updated)
    return { state: 'progressing', message: msg('deploy.ready.replicasAvailable', { available, want }) };
  return { state: 'ready', message: msg('deploy.ready.replicasAvailable', { available, want }) };
}
