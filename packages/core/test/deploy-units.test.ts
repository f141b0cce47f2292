import { describe, expect, it } from 'vitest';
import { t } from '@quai/contracts';
import { deploy, type KubeObject } from '../src/index.js';

/** A readiness with its message in English (rules give catalog messages). */
function readiness(o: KubeObject, endpoints?: number): { state: string; message: string } {
  const r = deploy.readinessOf(o, endpoints);
  return { state: r.state, message: t('en', r.message) };
}

function obj(
  kind: string,
  spec: Record<string, unknown>,
  status: Record<string, unknown>,
  generation = 2,
): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind,
    metadata: { name: 'x', namespace: 'n', generation },
    spec,
    status,
  };
}

describe('readiness rules', () => {
  it('Deployment: needs the new spec observed, every replica updated and available, no old pod', () => {
    const spec = { replicas: 3 };
    expect(readiness(obj('Deployment', spec, { observedGeneration: 1 })).state).toBe('progressing');
    expect(
      readiness(
        obj('Deployment', spec, {
          observedGeneration: 2,
          updatedReplicas: 2,
          replicas: 3,
          availableReplicas: 3,
        }),
      ).message,
    ).toBe('2/3 replicas updated');
    expect(
      readiness(
        obj('Deployment', spec, {
          observedGeneration: 2,
          updatedReplicas: 3,
          replicas: 4,
          availableReplicas: 3,
        }),
      ).message,
    ).toContain('old replica');
    expect(
      readiness(
        obj('Deployment', spec, {
          observedGeneration: 2,
          updatedReplicas: 3,
          replicas: 3,
          availableReplicas: 3,
        }),
      ).state,
    ).toBe('ready');
    const stuck = readiness(
      obj('Deployment', spec, {
        observedGeneration: 2,
        conditions: [
          {
            type: 'Progressing',
            status: 'False',
            reason: 'ProgressDeadlineExceeded',
            message: 'ReplicaSet "x-1" has timed out progressing.',
          },
        ],
      }),
    );
    expect(stuck).toEqual({
      state: 'failed',
      message: 'rollout exceeded its progress deadline: ReplicaSet "x-1" has timed out progressing.',
    });
  });

  it('StatefulSet: ready replicas and the update revision reached', () => {
    expect(
      readiness(
        obj(
          'StatefulSet',
          { replicas: 2 },
          { observedGeneration: 2, readyReplicas: 2, currentRevision: 'a', updateRevision: 'b' },
        ),
      ).state,
    ).toBe('progressing');
    expect(
      readiness(
        obj(
          'StatefulSet',
          { replicas: 2 },
          { observedGeneration: 2, readyReplicas: 2, currentRevision: 'b', updateRevision: 'b' },
        ),
      ).state,
    ).toBe('ready');
    expect(
      readiness(
        obj(
          'StatefulSet',
          { replicas: 2, updateStrategy: { type: 'OnDelete' } },
          { observedGeneration: 2, readyReplicas: 2, currentRevision: 'a', updateRevision: 'b' },
        ),
      ).state,
    ).toBe('ready');
  });

  it('DaemonSet, Job, PVC and Service', () => {
    expect(
      readiness(
        obj(
          'DaemonSet',
          {},
          { observedGeneration: 2, desiredNumberScheduled: 3, updatedNumberScheduled: 3, numberAvailable: 2 },
        ),
      ).state,
    ).toBe('progressing');
    expect(readiness(obj('Job', {}, { conditions: [{ type: 'Complete', status: 'True' }] })).state).toBe(
      'ready',
    );
    expect(
      readiness(
        obj(
          'Job',
          {},
          {
            conditions: [
              {
                type: 'Failed',
                status: 'True',
                reason: 'BackoffLimitExceeded',
                message: 'Job has reached the specified backoff limit',
              },
            ],
          },
        ),
      ),
    ).toEqual({
      state: 'failed',
      message: 'job failed: BackoffLimitExceeded Job has reached the specified backoff limit',
    });
    expect(readiness(obj('PersistentVolumeClaim', {}, { phase: 'Pending' })).state).toBe('progressing');
    expect(readiness(obj('PersistentVolumeClaim', {}, { phase: 'Lost' })).state).toBe('failed');
    expect(readiness(obj('Service', { selector: { a: 'b' } }, {}), 0).state).toBe('progressing');
    expect(readiness(obj('Service', { selector: { a: 'b' } }, {}), 2).state).toBe('ready');
    expect(readiness(obj('Service', { type: 'ExternalName' }, {})).state).toBe('ready');
    expect(readiness(obj('ConfigMap', {}, {})).state).toBe('ready');
    expect(readiness(obj('Ingress', {}, { loadBalancer: { ingress: [{ ip: '10.0.0.7' }] } })).message).toBe(
      'address 10.0.0.7',
    );
    // The same rule in French.
    expect(
      t(
        'fr',
        deploy.readinessOf(obj('Deployment', { replicas: 3 }, { observedGeneration: 2, updatedReplicas: 2 }))
          .message,
      ),
    ).toBe('2/3 réplicas mis à jour');
    expect(
      readiness(
        obj(
          'Deployment',
          { replicas: 3 },
          {
            observedGeneration: 2,
            conditions: [
              {
                type: 'ReplicaFailure',
                status: 'True',
                reason: 'FailedCreate',
                message: 'pods "web-1" is forbidden: exceeded quota: pods',
              },
            ],
          },
        ),
      ),
    ).toEqual({
      state: 'failed',
      message: 'pods cannot be created: pods "web-1" is forbidden: exceeded quota: pods',
    });
  });
});

describe('containers waiting', () => {
  it('fail the rollout at once for what waiting will not mend, later for a container runtime lost', () => {
    const v = deploy.waitingVerdict;
    // The kubelet's messages as they read on the real node.
    expect(v('ContainerCreating', undefined)).toBeUndefined();
    expect(v(undefined, undefined)).toBeUndefined();
    expect(v('ImagePullBackOff', 'Back-off pulling image "127.0.0.1:5000/quai/nope:1"')).toBe('fatal');
    expect(v('CrashLoopBackOff', 'back-off 10s restarting failed container=web pod=web-1_ns(uid)')).toBe(
      'fatal',
    );
    expect(v('CreateContainerConfigError', 'secret "db" not found')).toBe('fatal');
    expect(
      v(
        'RunContainerError',
        'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "nope": executable file not found in $PATH: unknown',
      ),
    ).toBe('fatal');
    expect(v('RunContainerError', undefined)).toBe('fatal');
    // containerd killed in the middle of a rollout (test/integration/real-faults.test.ts).
    expect(v('RunContainerError', 'error reading from server: EOF')).toBe('heals');
    expect(
      v(
        'CreateContainerError',
        'rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: dial unix /run/containerd/containerd.sock: connect: connection refused"',
      ),
    ).toBe('heals');
    expect(v('CreateContainerError', 'context deadline exceeded')).toBe('heals');
    // A crash loop stays fatal whatever its message says.
    expect(v('CrashLoopBackOff', 'error reading from server: EOF')).toBe('fatal');
  });
});

describe('ApplySet identity', () => {
  it('computes the same id as kubectl 1.36 for a Secret parent', () => {
    // kubectl apply --applyset=secret/myset -n astest labelled its parent with this id.
    expect(deploy.applySetId({ name: 'myset', namespace: 'astest' })).toBe(
      'applyset-JPspbwtvIi_C4iJinc917IU0p74d6hU-jGxzfbwnFeE-v1',
    );
  });

  it('names group-kinds as kubectl does', () => {
    expect(deploy.groupKind({ apiVersion: 'apps/v1', kind: 'Deployment' })).toBe('Deployment.apps');
    expect(deploy.groupKind({ apiVersion: 'v1', kind: 'ConfigMap' })).toBe('ConfigMap');
  });
});

describe('revision statuses as they read', () => {
  const rev = (number: number, status: deploy.RevisionStatus) => ({ number, status });
  it('reads every deployed revision but the last deployed one as superseded (not written by apply)', () => {
    expect(
      deploy
        .superseding([
          rev(1, 'deployed'),
          rev(2, 'deployed'),
          rev(3, 'failed'),
          rev(4, 'rolled-back'),
          rev(5, 'deployed'),
          rev(6, 'interrupted'),
        ])
        .map((r) => r.status),
    ).toEqual(['superseded', 'superseded', 'failed', 'rolled-back', 'deployed', 'interrupted']);
  });
  it('leaves the last deployed revision deployed after a failed apply, and reads old superseded ones as written', () => {
    expect(
      deploy.superseding([rev(1, 'superseded'), rev(2, 'deployed'), rev(3, 'failed')]).map((r) => r.status),
    ).toEqual(['superseded', 'deployed', 'failed']);
    expect(deploy.superseding([])).toEqual([]);
  });
});
