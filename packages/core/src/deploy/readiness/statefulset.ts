// StatefulSet readiness (RollingUpdate strategy):
// - status.observedGeneration >= metadata.generation;
// - status.readyReplicas == spec.replicas;
// - status.currentRevision == status.updateRevision (every pod runs the new revision);
// - with the OnDelete strategy, only readyReplicas counts (pods change when deleted by hand).
import { msg } from '@quai/contracts';
import { observed, type Live, type Readiness } from './types.js';

export function statefulSetReadiness(s: Live): Readiness {
  if (!observed(s)) return { state: 'progressing', message: msg('deploy.ready.notObserved') };
  const want = (s.spec?.['replicas'] as number | undefined) ?? 1;
  const ready = (s.status?.['readyReplicas'] as number | undefined) ?? 0;
  if (ready < want)
    return { state: 'progressing', message: msg('deploy.ready.replicasReady', { ready, want }) };
  const onDelete = (s.spec?.['updateStrategy'] as { type?: string } | undefined)?.type === 'OnDelete';
  if (!onDelete && s.status?.['currentRevision'] !== s.status?.['updateRevision']) {
    return {
      state: 'progressing',
      message: msg('deploy.ready.rollingTo', { revision: String(s.status?.['updateRevision']) }),
    };
  }
  return { state: 'ready', message: msg('deploy.ready.replicasReady', { ready, want }) };
}
