/**
 * Who owns a component's replica count, rendered so that `quai apply` never fights it:
 *
 * - `autoscaling`: an HorizontalPodAutoscaler (autoscaling/v2) on CPU, memory and custom
 *   metrics, with its scale-up and scale-down behaviour;
 * - `offHours`: the component goes to zero replicas in each window (nights, weekends) and back at
 *   its end. Two CronJobs per window run `kubectl scale` with a ServiceAccount that may only
 *   scale this app's Deployments; an HPA (the component's own, or one fixed at its replica count)
 *   brings it back to its count after an apply and stands aside while it is at zero.
 *
 * In both cases the Deployment is rendered without `spec.replicas`: under server-side apply the
 * field then belongs to the HPA controller and the scale Jobs, and an apply never resets it.
 */
import type { Component, PlatformConfig } from '@quai/contracts';
import type { KubeObject } from '../kube/index.js';

export interface ScalingInput {
  readonly app: string;
  readonly namespace: string;
  readonly component: string;
  readonly spec: Component;
  /** The replica count the component runs at (its `replicas`, raised to the environment's minimum). */
  readonly replicas: number;
  readonly platform: PlatformConfig;
  readonly metadata: (name: string, extra?: Record<string, string>) => KubeObject['metadata'];
  readonly podLabels: Readonly<Record<string, string>>;
  readonly image: (image: string) => string;
}

/** True when something other than `quai apply` owns the component's replicas. */
export function replicasOwnedElsewhere(c: Component, replicas: number): boolean {
  return c.autoscaling !== undefined || (c.offHours !== undefined && replicas > 0);
}

function cap(name: string, max: number): string {
  return name.length <= max ? name : name.slice(0, max).replace(/-+$/, '');
}

/** The HPA of a component: its autoscaling, else fixed at its count for its off-hours. */
function hpa(input: ScalingInput): KubeObject | undefined {
  const c = input.spec;
  const a = c.autoscaling;
  if (a === undefined && (c.offHours === undefined || input.replicas === 0)) return undefined;
  const metrics: Record<string, unknown>[] = [
    {
      type: 'Resource',
      resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: a?.cpuUtilization ?? 80 } },
    },
  ];
  if (a?.memoryUtilization !== undefined) {
    metrics.push({
      type: 'Resource',
      resource: { name: 'memory', target: { type: 'Utilization', averageUtilization: a.memoryUtilization } },
    });
  }
  for (const m of a?.metrics ?? []) {
    const metric = {
      name: m.name,
      ...(m.selector === undefined ? {} : { selector: { matchLabels: m.selector } }),
    };
    const target =
      m.value !== undefined
        ? { type: 'Value', value: m.value }
        : { type: 'AverageValue', averageValue: m.averageValue };
    if (m.type === 'Pods') metrics.push({ type: 'Pods', pods: { metric, target } });
    else if (m.type === 'Object') {
      metrics.push({ type: 'Object', object: { metric, describedObject: m.object, target } });
    } else metrics.push({ type: 'External', external: { metric, target } });
  }
  const behavior =
    a?.behavior === undefined
      ? undefined
      : {
          ...(a.behavior.scaleUp === undefined ? {} : { scaleUp: a.behavior.scaleUp }),
          ...(a.behavior.scaleDown === undefined ? {} : { scaleDown: a.behavior.scaleDown }),
        };
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: input.metadata(input.component),
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: input.component },
      minReplicas: a?.minReplicas ?? input.replicas,
      maxReplicas: a?.maxReplicas ?? input.replicas,
      metrics,
      ...(behavior === undefined ? {} : { behavior }),
    },
  };
}

const SCALER_LABEL = 'quai.dev/role';

/** The scale Jobs of a component's off-hours, and what they need (identity, rights, network). */
function offHours(input: ScalingInput): KubeObject[] {
  const c = input.spec;
  const oh = c.offHours;
  if (oh === undefined || input.replicas === 0) return [];
  const on = c.autoscaling?.minReplicas ?? input.replicas;
  const scaler = cap(`${input.app}-scaler`, 63);
  const out: KubeObject[] = [
    {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: input.metadata(scaler, { [SCALER_LABEL]: 'scaler' }),
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: input.metadata(cap(`${scaler}-${input.component}`, 63), { [SCALER_LABEL]: 'scaler' }),
      rules: [
        { apiGroups: ['apps'], resources: ['deployments'], resourceNames: [input.component], verbs: ['get'] },
        {
          apiGroups: ['apps'],
          resources: ['deployments/scale'],
          resourceNames: [input.component],
          verbs: ['get', 'patch', 'update'],
        },
      ],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: input.metadata(cap(`${scaler}-${input.component}`, 63), { [SCALER_LABEL]: 'scaler' }),
      roleRef: {
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'Role',
        name: cap(`${scaler}-${input.component}`, 63),
      },
      subjects: [{ kind: 'ServiceAccount', name: scaler, namespace: input.namespace }],
    },
  ];
  oh.windows.forEach((w, i) => {
    for (const [edge, schedule, replicas] of [
      ['off', w.from, 0],
      ['on', w.to, on],
    ] as const) {
      // CronJob names are at most 52 characters (the Jobs they create add 11).
      const name = cap(`${input.component}-${edge}-${i + 1}`, 52);
      out.push({
        apiVersion: 'batch/v1',
        kind: 'CronJob',
        metadata: input.metadata(name, { [SCALER_LABEL]: 'scaler' }),
        spec: {
          schedule,
          ...(oh.timeZone === undefined ? {} : { timeZone: oh.timeZone }),
          concurrencyPolicy: 'Replace',
          startingDeadlineSeconds: 3600,
          successfulJobsHistoryLimit: 1,
          failedJobsHistoryLimit: 3,
          jobTemplate: {
            spec: {
              backoffLimit: 3,
              ttlSecondsAfterFinished: 86_400,
              template: {
                metadata: { labels: { ...input.podLabels, [SCALER_LABEL]: 'scaler' } },
                spec: {
                  serviceAccountName: scaler,
                  automountServiceAccountToken: true,
                  restartPolicy: 'OnFailure',
                  securityContext: {
                    runAsNonRoot: true,
                    runAsUser: 65532,
                    runAsGroup: 65532,
                    seccompProfile: { type: 'RuntimeDefault' },
                  },
                  containers: [
                    {
                      name: 'scale',
                      image: input.image(input.platform.spec.scalerImage),
                      args: ['scale', `deployment/${input.component}`, `--replicas=${replicas}`],
                      env: [{ name: 'HOME', value: '/tmp' }],
                      resources: { requests: { cpu: '10m', memory: '32Mi' }, limits: { memory: '128Mi' } },
                      securityContext: {
                        allowPrivilegeEscalation: false,
                        readOnlyRootFilesystem: true,
                        capabilities: { drop: ['ALL'] },
                      },
                      volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
                    },
                  ],
                  volumes: [{ name: 'tmp', emptyDir: { sizeLimit: '16Mi' } }],
                },
              },
            },
          },
        },
      });
    }
  });
  // The namespace denies egress by default: the scale Jobs may reach the API server.
  out.push({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: input.metadata(cap(`allow-${input.component}-scaler-to-api`, 63), { [SCALER_LABEL]: 'scaler' }),
    spec: {
      podSelector: { matchLabels: { ...input.podLabels, [SCALER_LABEL]: 'scaler' } },
      policyTypes: ['Egress'],
      egress: [
        {
          ports: [
            { protocol: 'TCP', port: 443 },
            { protocol: 'TCP', port: 6443 },
          ],
        },
      ],
    },
  });
  return out;
}

/** The objects that own a component's replicas: its HPA, and its off-hours scale Jobs. */
export function renderScaling(input: ScalingInput): KubeObject[] {
  const h = hpa(input);
  return [...(h === undefined ? [] : [h]), ...offHours(input)];
}
