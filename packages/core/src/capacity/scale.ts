/**
 * Scaling a component by hand: the replicas go through the workload's scale subresource (as
 * `kubectl scale` does) under the field manager `quai-scale`, and the workload is annotated with
 * who scaled it, when and why. A component an HorizontalPodAutoscaler drives is not scaled to a
 * non-zero count by hand (the autoscaler would undo it); scaling it to zero pauses it (the
 * autoscaler stands aside at zero replicas).
 */
import { msg } from '@quai/contracts';
import { QuaiError } from '../errors/index.js';
import type { KubeClient, KubeObject } from '../kube/index.js';

export const SCALE_FIELD_MANAGER = 'quai-scale';

export interface ScaleOptions {
  readonly namespace: string;
  readonly app: string;
  readonly component?: string;
  readonly replicas: number;
  readonly actor: string;
  readonly reason?: string;
  readonly now: Date;
  readonly signal?: AbortSignal;
}

export interface Scaled {
  readonly app: string;
  readonly namespace: string;
  readonly workload: string;
  readonly from: number;
  readonly to: number;
  readonly fieldManager: string;
}

export async function scaleWorkload(client: KubeClient, o: ScaleOptions): Promise<Scaled> {
  const opts = o.signal ? { signal: o.signal } : {};
  const labelSelector = `app.kubernetes.io/name=${o.app}`;
  const candidates: KubeObject[] = [
    ...(await client.list('apps/v1', 'Deployment', { namespace: o.namespace, labelSelector, ...opts })),
    ...(await client.list('apps/v1', 'StatefulSet', { namespace: o.namespace, labelSelector, ...opts })),
  ];
  const names = candidates.map((c) => c.metadata.name ?? '').sort();
  const chosen =
    o.component !== undefined
      ? candidates.find(
          (c) =>
            c.metadata.name === o.component ||
            c.metadata.labels?.['app.kubernetes.io/component'] === o.component,
        )
      : candidates.length === 1
        ? candidates[0]
        : undefined;
  if (chosen === undefined) {
    if (candidates.length === 0) {
      throw new QuaiError(
        'NOT_FOUND',
        msg('capacity.scale.noWorkload', { app: o.app, namespace: o.namespace }),
        {
          hint: msg('capacity.scale.noWorkloadHint'),
        },
      );
    }
    throw new QuaiError(
      'USAGE',
      o.component === undefined
        ? msg('capacity.scale.whichComponent', { app: o.app, components: names.join(', ') })
        : msg('capacity.scale.unknownComponent', {
            component: o.component,
            app: o.app,
            components: names.join(', '),
          }),
      { hint: msg('capacity.scale.componentHint') },
    );
  }
  const kind = chosen.kind;
  const name = chosen.metadata.name ?? '';
  const hpas = await client.list('autoscaling/v2', 'HorizontalPodAutoscaler', {
    namespace: o.namespace,
    ...opts,
  });
  const hpa = hpas.find((h) => {
    const ref = (h['spec'] as { scaleTargetRef?: { kind?: string; name?: string } } | undefined)
      ?.scaleTargetRef;
    return ref?.kind === kind && ref.name === name;
  });
  if (hpa !== undefined && o.replicas > 0) {
    throw new QuaiError(
      'CONFLICT',
      msg('capacity.scale.autoscaled', { workload: `${kind}/${name}`, hpa: hpa.metadata.name ?? '' }),
      { hint: msg('capacity.scale.autoscaledHint') },
    );
  }
  const from = (chosen['spec'] as { replicas?: number } | undefined)?.replicas ?? 1;
  const type = await client.resourceType('apps/v1', kind, o.signal);
  const path = client.pathFor(type, o.namespace, name);
  await client.request({
    method: 'PATCH',
    path: `${path}/scale`,
    body: { spec: { replicas: o.replicas } },
    contentType: 'application/merge-patch+json',
    query: { fieldManager: SCALE_FIELD_MANAGER },
    ...opts,
  });
  await client.request({
    method: 'PATCH',
    path,
    body: {
      metadata: {
        annotations: {
          'quai.dev/scaled-by': o.actor,
          'quai.dev/scaled-at': o.now.toISOString(),
          'quai.dev/scaled-to': String(o.replicas),
          'quai.dev/scale-reason': o.reason ?? null,
        },
      },
    },
    contentType: 'application/merge-patch+json',
    query: { fieldManager: SCALE_FIELD_MANAGER },
    ...opts,
  });
  return {
    app: o.app,
    namespace: o.namespace,
    workload: `${kind}/${name}`,
    from,
    to: o.replicas,
    fieldManager: SCALE_FIELD_MANAGER,
  };
}
