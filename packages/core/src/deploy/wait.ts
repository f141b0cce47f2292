import { QuaiError } from '../errors/index.js';
import { describeObject, type KubeClient, type KubeObject } from '../kube/index.js';
import { readinessOf, WAITED_KINDS, type Live, type Readiness } from './readiness/index.js';

/** Container states that never get better by waiting. */
const FATAL_WAITING = new Set([
  'ImagePullBackOff',
  'ErrImagePull',
  'InvalidImageName',
  'CrashLoopBackOff',
  'CreateContainerConfigError',
  'CreateContainerError',
  'RunContainerError',
]);

export interface ObjectReadiness {
  readonly object: string;
  readonly readiness: Readiness;
}

export interface WaitFailure {
  readonly object: string;
  readonly reason: string;
  /** The last events of the failing pod or object, newest last. */
  readonly events: readonly string[];
}

export interface WaitOptions {
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (states: readonly ObjectReadiness[]) => void;
  readonly intervalMs?: number;
}

async function lastEvents(client: KubeClient, namespace: string, name: string): Promise<string[]> {
  const events = await client
    .list<
      KubeObject & {
        reason?: string;
        message?: string;
        lastTimestamp?: string;
        eventTime?: string;
        type?: string;
      }
    >('v1', 'Event', {
      namespace,
      fieldSelector: `involvedObject.name=${name}`,
    })
    .catch(() => []);
  return events
    .sort((a, b) =>
      (a.lastTimestamp ?? a.eventTime ?? '').localeCompare(b.lastTimestamp ?? b.eventTime ?? ''),
    )
    .slice(-5)
    .map((e) => `${e.type ?? ''} ${e.reason ?? ''}: ${e.message ?? ''}`.trim());
}

/** A pod of the workload in a state that will not recover (bad image, crash loop). */
async function fatalPod(client: KubeClient, workload: Live): Promise<WaitFailure | undefined> {
  const ns = workload.metadata.namespace;
  const selector = (workload.spec?.['selector'] as { matchLabels?: Record<string, string> } | undefined)
    ?.matchLabels;
  if (ns === undefined || selector === undefined) return undefined;
  const labelSelector = Object.entries(selector)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  const pods = await client.list<Live>('v1', 'Pod', { namespace: ns, labelSelector });
  for (const pod of pods) {
    type ContainerStatus = { name: string; state?: { waiting?: { reason?: string; message?: string } } };
    const statuses = [
      ...((pod.status?.['initContainerStatuses'] ?? []) as ContainerStatus[]),
      ...((pod.status?.['containerStatuses'] ?? []) as ContainerStatus[]),
    ];
    for (const c of statuses) {
      const reason = c.state?.waiting?.reason;
      if (reason !== undefined && FATAL_WAITING.has(reason)) {
        return {
          object: describeObject(workload),
          reason: `pod ${pod.metadata.name ?? ''}: container ${c.name} is in ${reason}${c.state?.waiting?.message ? ` (${c.state.waiting.message})` : ''}`,
          events: await lastEvents(client, ns, pod.metadata.name ?? ''),
        };
      }
    }
  }
  return undefined;
}

async function readyEndpoints(client: KubeClient, svc: Live): Promise<number> {
  const slices = await client.list<KubeObject & { endpoints?: { conditions?: { ready?: boolean } }[] }>(
    'discovery.k8s.io/v1',
    'EndpointSlice',
    {
      namespace: svc.metadata.namespace ?? '',
      labelSelector: `kubernetes.io/service-name=${svc.metadata.name ?? ''}`,
    },
  );
  return slices.reduce(
    (n, s) => n + (s.endpoints ?? []).filter((e) => e.conditions?.ready !== false).length,
    0,
  );
}

/**
 * One reading of every waited object: its readiness by its kind's rule, with the objects that
 * will not get better marked failed (a rollout past its deadline, a failed Job, a pod in
 * ImagePullBackOff or CrashLoopBackOff) and, for those, the reason and the last events.
 */
export async function readinessNow(
  client: KubeClient,
  objects: readonly KubeObject[],
): Promise<{ readonly states: readonly ObjectReadiness[]; readonly failures: readonly WaitFailure[] }> {
  const states: ObjectReadiness[] = [];
  const failures: WaitFailure[] = [];
  for (const o of objects.filter((x) => (WAITED_KINDS as readonly string[]).includes(x.kind))) {
    const live = await client.tryGet<Live>({
      apiVersion: o.apiVersion,
      kind: o.kind,
      name: o.metadata.name ?? '',
      ...(o.metadata.namespace ? { namespace: o.metadata.namespace } : {}),
    });
    if (live === undefined) {
      states.push({
        object: describeObject(o),
        readiness: { state: 'progressing', message: 'not created yet' },
      });
      continue;
    }
    let readiness = readinessOf(live, o.kind === 'Service' ? await readyEndpoints(client, live) : undefined);
    if (readiness.state === 'failed') {
      failures.push({
        object: describeObject(o),
        reason: readiness.message,
        events: await lastEvents(client, o.metadata.namespace ?? 'default', o.metadata.name ?? ''),
      });
    } else if (
      readiness.state === 'progressing' &&
      (o.kind === 'Deployment' || o.kind === 'StatefulSet' || o.kind === 'DaemonSet')
    ) {
      const fatal = await fatalPod(client, live);
      if (fatal) {
        failures.push(fatal);
        readiness = { state: 'failed', message: fatal.reason };
      }
    }
    states.push({ object: describeObject(o), readiness });
  }
  return { states, failures };
}

/** Waits until every object is ready by its kind's rule, or fails fast (see `readinessNow`). */
export async function waitForReady(
  client: KubeClient,
  objects: readonly KubeObject[],
  options: WaitOptions,
): Promise<readonly ObjectReadiness[]> {
  const deadline = Date.now() + options.timeoutMs;
  const interval = options.intervalMs ?? 500;
  for (;;) {
    options.signal?.throwIfAborted();
    const { states, failures } = await readinessNow(client, objects);
    if (failures[0] !== undefined) throw new DeployWaitError(failures[0]);
    options.onProgress?.(states);
    if (states.every((s) => s.readiness.state === 'ready')) return states;
    if (Date.now() > deadline) {
      const pending = states.filter((s) => s.readiness.state !== 'ready');
      throw new DeployWaitError({
        object: pending.map((p) => p.object).join(', '),
        reason: `not ready after ${Math.round(options.timeoutMs / 1000)}s: ${pending.map((p) => `${p.object}: ${p.readiness.message}`).join('; ')}`,
        events: [],
      });
    }
    await new Promise((r) => setTimeout(r, interval));
  }
}

/** A rollout that failed: what, why, and the last events. */
export class DeployWaitError extends QuaiError {
  readonly failure: WaitFailure;
  constructor(failure: WaitFailure) {
    super('ROLLOUT_FAILED', `${failure.object}: ${failure.reason}`, {
      hint: 'Read the events below and the pod logs; fix the app spec, then apply again (or roll back).',
      details: { failure },
    });
    this.failure = failure;
  }
}
