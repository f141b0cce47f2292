// The stream of a dump or a restore (producer | sha256 | consumer) with real processes: a consumer
// that stops reading early must not leave the producer blocked on a full pipe, and a stream that
// stalls fails with a clear error after its limit instead of hanging.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { backup, QuaiError } from '../src/index.js';

const sh = (script: string) => ({ binary: '/bin/sh', args: ['-c', script], env: {} });

describe('streaming a dump between two processes', () => {
  it('drains the producer when the consumer exits before the end of its input', async () => {
    // 8 MB: far more than a pipe and the stream buffers hold; the consumer reads 100 bytes.
    const run = await backup.databases.streamCommands(
      sh('head -c 8000000 /dev/zero'),
      sh('head -c 100 >/dev/null; echo read'),
      undefined,
      { timeoutMs: 60_000 },
    );
    expect(run.producer.code).toBe(0);
    expect(run.consumer.code).toBe(0);
    expect(run.stdout.trim()).toBe('read');
    expect(run.bytes).toBe(8_000_000);
    expect(run.sha256).toBe(createHash('sha256').update(Buffer.alloc(8_000_000)).digest('hex'));
  }, 60_000);

  it('stops a stream where no byte passes, with the limit and both sides in the error', async () => {
    const started = Date.now();
    const error = await backup.databases
      .streamCommands(sh('printf abc; exec sleep 60'), sh('exec cat >/dev/null'), undefined, {
        idleMs: 500,
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QuaiError);
    expect((error as QuaiError).code).toBe('TIMEOUT');
    expect((error as QuaiError).message).toMatch(/sh \| sh stalled: no byte passed for 1s \(3 bytes before/);
    expect(Date.now() - started).toBeLessThan(15_000);
  }, 30_000);

  it('stops a stream that outlasts its whole limit', async () => {
    const error = await backup.databases
      .streamCommands(sh('exec yes'), sh('exec sleep 60'), undefined, { timeoutMs: 800 })
      .catch((e: unknown) => e);
    expect((error as QuaiError).code).toBe('TIMEOUT');
    expect((error as QuaiError).message).toMatch(/did not finish within 1s/);
  }, 30_000);
});

describe('the identity of restored volume data', () => {
  const pod = (podSc: object, containerSc?: object) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'db-0', namespace: 'shop' },
    spec: {
      securityContext: podSc,
      volumes: [
        { name: 'tmp', emptyDir: {} },
        { name: 'data', persistentVolumeClaim: { claimName: 'pgdata' } },
      ],
      containers: [
        {
          name: 'sidecar',
          volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
          securityContext: { runAsUser: 7 },
        },
        {
          name: 'db',
          volumeMounts: [{ name: 'data', mountPath: '/data' }],
          ...(containerSc ? { securityContext: containerSc } : {}),
        },
      ],
    },
  });

  it("records the user and groups of the pod mounting the claim, the mounting container's first", () => {
    expect(
      backup.volumes.runAsOf(pod({ runAsUser: 10001, runAsGroup: 10001, fsGroup: 10001 }), 'pgdata'),
    ).toEqual({ runAsUser: 10001, runAsGroup: 10001, fsGroup: 10001 });
    expect(backup.volumes.runAsOf(pod({ runAsUser: 1, fsGroup: 3 }, { runAsUser: 999 }), 'pgdata')).toEqual({
      runAsUser: 999,
      fsGroup: 3,
    });
    expect(backup.volumes.runAsOf(pod({}), 'pgdata')).toBeUndefined();
    expect(backup.volumes.runAsOf(undefined, 'pgdata')).toBeUndefined();
  });

  it('the restore Job runs as the recorded user, and never as root under restricted', () => {
    const spec = (runAs?: object) =>
      (
        backup.volumes.moverJob({
          name: 'quai-restore-pgdata-abc123',
          namespace: 'shop',
          pvc: 'pgdata',
          image: 'restic',
          args: ['restore'],
          readOnly: false,
          ...(runAs ? { runAs } : {}),
        }) as unknown as { spec: { template: { spec: { securityContext: Record<string, unknown> } } } }
      ).spec.template.spec.securityContext;
    expect(spec({ runAsUser: 10001, runAsGroup: 10001, fsGroup: 10001 })).toMatchObject({
      runAsNonRoot: true,
      runAsUser: 10001,
      runAsGroup: 10001,
      fsGroup: 10001,
    });
    expect(spec({ runAsUser: 0 })).toMatchObject({ runAsNonRoot: true, runAsUser: 65532 });
    expect(spec()).toMatchObject({ runAsUser: 65532, runAsGroup: 65532 });
  });
});
