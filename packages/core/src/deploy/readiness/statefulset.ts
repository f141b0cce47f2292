// StatefulSet readiness (RollingUpdate strategy):
// - status.observedGeneration >= metadata.generation;
// - status.readyReplicas == spec.replicas;
// - status.currentRevision == status.updateRevision (every pod runs the new revision);
// - with the OnDelete strategy, only readyReplicas counts (pods change when deleted by hand).
import { observed, type Live, type Readiness } from './types.js';

export function statefulSetReadiness(s: Live): Readiness {
  if (!observed(s))
    return { state: 'progressing', message: 'waiting for the controller to see the new spec' };
  const want = (s.spec?.['replicas'] as number | undefined) ?? 1;
  const ready = (s.status?.['readyReplicas'] as number | undefined) ?? 0;
  if (ready < want) return { state: 'progressing', message: `${ready}/${want} replicas ready` };
  const onDelete = (s.spec?.['updateStrategy'] as { type?: string } | undefined)?.type === 'OnDelete';
  if (!onDelete && s.status?.['currentRevision'] !== s.status?.['updateRevision']) {
    return { state: 'progressing', message: `rolling to revision ${String(s.status?.['updateRevision'])}` };
  }
  return { state: 'ready', message: `${ready}/${want} replicas ready` };
}
