import { msg } from '@quai/contracts';
import { daemonSetReadiness } from './daemonset.js';
import { deploymentReadiness } from './deployment.js';
import { ingressReadiness } from './ingress.js';
import { jobReadiness } from './job.js';
import { pvcReadiness } from './pvc.js';
import { serviceReadiness } from './service.js';
import { statefulSetReadiness } from './statefulset.js';
import type { Live, Readiness } from './types.js';

export type { Live, Readiness } from './types.js';

/** Kinds whose readiness Quai waits for; every other kind is ready once applied. */
export const WAITED_KINDS = [
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'Job',
  'PersistentVolumeClaim',
  'Service',
  'Ingress',
] as const;

/** The readiness of a live object; `endpoints` is the count of ready endpoints of a Service. */
export function readinessOf(obj: Live, endpoints?: number): Readiness {
  switch (obj.kind) {
    case 'Deployment':
      return deploymentReadiness(obj);
    case 'StatefulSet':
      return statefulSetReadiness(obj);
    case 'DaemonSet':
      return daemonSetReadiness(obj);
    case 'Job':
      return jobReadiness(obj);
    case 'PersistentVolumeClaim':
      return pvcReadiness(obj);
    case 'Service':
      return serviceReadiness(obj, endpoints);
    case 'Ingress':
      return ingressReadiness(obj);
    default:
      return { state: 'ready', message: msg('deploy.ready.applied') };
  }
}
