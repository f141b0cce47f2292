/**
 * Correctness defects of issue 12, items 15 and 17: each case passed silently (or was refused
 * wrongly) before. Pod Security verdicts are checked against every upstream fixture in
 * audit-pss-upstream.test.ts and against the API server in test/integration/audit-pss.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { t } from '@quai/contracts';
import { audit, type KubeObject } from '../src/index.js';

/** A finding's message in English. */
const text = (f: audit.Finding | undefined): string | undefined =>
  f === undefined ? undefined : t('en', f.message);

const NOW = new Date('2026-11-26T12:00:00Z');
type Json = Record<string, unknown>;

function deployment(spec: Json, replicas = 3): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'apps', labels: { 'app.kubernetes.io/name': 'web' } },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec },
    },
  };
}
function findings(objects: KubeObject[]): readonly audit.Finding[] {
  return audit.auditObjects(objects, { now: NOW }).findings;
}
const on = (fs: readonly audit.Finding[], check: string): string[] =>
  fs.filter((f) => f.checkId === check).map((f) => `${f.path ?? ''}: ${t('en', f.message)}`);

describe('capability names, as container runtimes read them (case-insensitive, CAP_ optional)', () => {
  it('flags all, nEt_aDmIn and cap_sys_admin as dangerous, and accepts drop: [all]', () => {
    const fs = findings([
      deployment({
        containers: [
          {
            name: 'c',
            image: 'r.example/c:1',
            securityContext: {
              capabilities: { drop: ['all'], add: ['all', 'nEt_aDmIn', 'cap_sys_admin', 'chown'] },
            },
          },
        ],
      }),
    ]);
    expect(on(fs, 'QUAI-BP-023')).toEqual([
      'spec.template.spec.containers[0].securityContext.capabilities.add[0]: Container "c" adds the capability all.',
      'spec.template.spec.containers[0].securityContext.capabilities.add[1]: Container "c" adds the capability nEt_aDmIn.',
      'spec.template.spec.containers[0].securityContext.capabilities.add[2]: Container "c" adds the capability cap_sys_admin.',
    ]);
    expect(on(fs, 'QUAI-BP-022')).toEqual([]);
    // Pod Security compares names exactly, like upstream: these are not in the baseline set either.
    expect(text(fs.find((f) => f.checkId === 'PSS-capabilities_restricted'))).toContain(
      '"all", "cap_sys_admin", "chown", "nEt_aDmIn"',
    );
  });
});

describe('spreading replicas', () => {
  it('does not count an empty topologySpreadConstraints list or an empty anti-affinity', () => {
    const base = { containers: [{ name: 'c', image: 'r.example/c:1' }] };
    expect(
      on(findings([deployment({ ...base, topologySpreadConstraints: [] })]), 'QUAI-BP-031'),
    ).toHaveLength(1);
    expect(
      on(findings([deployment({ ...base, affinity: { podAntiAffinity: {} } })]), 'QUAI-BP-031'),
    ).toHaveLength(1);
    const spread = {
      ...base,
      topologySpreadConstraints: [
        { maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway' },
      ],
    };
    expect(on(findings([deployment(spread)]), 'QUAI-BP-031')).toEqual([]);
  });
});

describe('volumes', () => {
  it('takes a volume with no source for the emptyDir the API server makes of it', () => {
    const fs = findings([
      deployment({ volumes: [{ name: 'scratch' }], containers: [{ name: 'c', image: 'r.example/c:1' }] }),
    ]);
    expect(fs.filter((f) => f.checkId === 'PSS-restrictedVolumes')).toEqual([]);
  });

  it('names the docker and containerd socket folders, and any folder holding them, as runtime sockets', () => {
    const paths = [
      '/var/run/docker',
      '/run/containerd',
      '/run/containerd/',
      '/var/run',
      '/',
      '/var//run/./docker.sock',
      '/var/log',
    ];
    const fs = findings([
      deployment({
        volumes: paths.map((path, i) => ({ name: `v${i}`, hostPath: { path } })),
        containers: [{ name: 'c', image: 'r.example/c:1' }],
      }),
    ]);
    expect(on(fs, 'QUAI-BP-012').map((m) => m.replace(/^[^:]*: /, ''))).toEqual([
      'Volume "v0" mounts the container runtime socket or its folder (/var/run/docker).',
      'Volume "v1" mounts the container runtime socket or its folder (/run/containerd).',
      'Volume "v2" mounts the container runtime socket or its folder (/run/containerd).',
      'Volume "v3" mounts the container runtime socket or its folder (/var/run).',
      'Volume "v4" mounts the container runtime socket or its folder (/).',
      'Volume "v5" mounts the container runtime socket or its folder (/var/run/docker.sock).',
    ]);
    expect(on(fs, 'QUAI-BP-011')).toEqual([
      'spec.template.spec.volumes[6].hostPath: Volume "v6" mounts the host path /var/log.',
    ]);
  });
});

describe('host ports', () => {
  it('lists them sorted and once, as the API server does', () => {
    const spec = {
      containers: [
        {
          name: 'a',
          image: 'r.example/a:1',
          ports: [
            { containerPort: 1, hostPort: 8080 },
            { containerPort: 2, hostPort: 10000 },
          ],
        },
        {
          name: 'b',
          image: 'r.example/b:1',
          ports: [
            { containerPort: 3, hostPort: 8080 },
            { containerPort: 4, hostPort: 9 },
          ],
        },
      ],
    };
    const v = audit.evaluatePodSecurity({ metadata: {}, spec }, 'baseline', audit.parsePssVersion('latest')!);
    expect(v.find((x) => x.check === 'hostPorts')?.detail).toBe(
      'containers "a", "b" use hostPorts 10000, 8080, 9',
    );
  });
});

describe('fields of the wrong type', () => {
  it('are reported, not read as false', () => {
    const fs = findings([
      deployment({
        hostNetwork: 'true',
        containers: [
          {
            name: 'c',
            image: 'r.example/c:1',
            securityContext: { privileged: 'true', runAsUser: '0', capabilities: { add: 'SYS_ADMIN' } },
            ports: [{ containerPort: '8080' }],
          },
        ],
      }),
    ]);
    expect(on(fs, 'QUAI-BP-056').sort()).toEqual(
      [
        'spec.template.spec.hostNetwork: spec.template.spec.hostNetwork is the string "true", not a boolean: the API server refuses this object, and its risk cannot be judged.',
        'spec.template.spec.containers[0].securityContext.runAsUser: spec.template.spec.containers[0].securityContext.runAsUser is the string "0", not an integer: the API server refuses this object, and its risk cannot be judged.',
        'spec.template.spec.containers[0].securityContext.privileged: spec.template.spec.containers[0].securityContext.privileged is the string "true", not a boolean: the API server refuses this object, and its risk cannot be judged.',
        'spec.template.spec.containers[0].securityContext.capabilities.add: spec.template.spec.containers[0].securityContext.capabilities.add is the string "SYS_ADMIN", not a list: the API server refuses this object, and its risk cannot be judged.',
        'spec.template.spec.containers[0].ports[0].containerPort: spec.template.spec.containers[0].ports[0].containerPort is the string "8080", not an integer: the API server refuses this object, and its risk cannot be judged.',
      ].sort(),
    );
  });
});

describe('live pods', () => {
  it('audit ephemeral containers for what they run as, not for resources or probes they cannot have', () => {
    const live: KubeObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: 'web-1',
        namespace: 'apps',
        ownerReferences: [{ kind: 'ReplicaSet', name: 'web', uid: 'u', controller: true }],
      },
      spec: {
        securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
        containers: [],
        ephemeralContainers: [{ name: 'debugger', image: 'busybox', securityContext: { privileged: true } }],
      },
    };
    const fs = audit
      .auditObjects([live], { now: NOW, source: 'cluster' })
      .findings.filter((f) => f.path?.startsWith('spec.ephemeralContainers'));
    const checks = [...new Set(fs.map((f) => f.checkId))].sort();
    expect(checks).toEqual(
      expect.arrayContaining(['QUAI-BP-001', 'QUAI-BP-017', 'QUAI-BP-018', 'QUAI-BP-019']),
    );
    expect(checks).not.toContain('QUAI-BP-004');
    expect(checks).not.toContain('QUAI-BP-008');
  });
});
