import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MESSAGES, t, textOf } from '@quai/contracts';
import { audit, QuaiError, type KubeObject } from '../src/index.js';

/** A finding's message in English. */
const text = (f: audit.Finding | undefined): string | undefined =>
  f === undefined ? undefined : t('en', f.message);

const fixtures = new URL('./fixtures/audit/', import.meta.url).pathname;
const NOW = new Date('2026-11-26T12:00:00Z');

type Json = Record<string, unknown>;

function pod(spec: Json, metadata: Json = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'apps', ...metadata }, spec };
}
const restrictedSpec = (): Json => ({
  securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
  containers: [
    {
      name: 'app',
      image: 'registry.example/app:1.0',
      securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
    },
  ],
});
function pss(spec: Json, level: audit.PssLevel, version: string, metadata: Json = {}): string[] {
  const v = audit.parsePssVersion(version);
  if (v === undefined) throw new Error(version);
  return audit.evaluatePodSecurity({ metadata, spec }, level, v).map((x) => x.check);
}
function ids(report: audit.AuditReport): string[] {
  return [...new Set(report.findings.filter((f) => f.suppressed === undefined).map((f) => f.checkId))].sort();
}

describe('Pod Security Standards versions', () => {
  it('parses latest and pinned versions, clamping to the newest known policy', () => {
    expect(audit.parsePssVersion('latest')?.minor).toBe(audit.PSS_MAX_MINOR);
    expect(audit.parsePssVersion('v1.30')?.minor).toBe(30);
    expect(audit.parsePssVersion('1.29')?.minor).toBe(29);
    expect(audit.parsePssVersion('v1.99')?.minor).toBe(audit.PSS_MAX_MINOR);
    expect(audit.parsePssVersion('v2.0')).toBeUndefined();
    expect(audit.parsePssVersion('newest')).toBeUndefined();
  });

  it('widens the safe sysctls at 1.27, 1.29, 1.32 and 1.37', () => {
    const with_ = (name: string): Json => ({
      ...restrictedSpec(),
      securityContext: { sysctls: [{ name, value: '1' }] },
    });
    expect(pss(with_('net.ipv4.ip_local_reserved_ports'), 'baseline', 'v1.26')).toEqual(['sysctls']);
    expect(pss(with_('net.ipv4.ip_local_reserved_ports'), 'baseline', 'v1.27')).toEqual([]);
    expect(pss(with_('net.ipv4.tcp_keepalive_time'), 'baseline', 'v1.28')).toEqual(['sysctls']);
    expect(pss(with_('net.ipv4.tcp_keepalive_time'), 'baseline', 'v1.29')).toEqual([]);
    expect(pss(with_('net.ipv4.tcp_rmem'), 'baseline', 'v1.31')).toEqual(['sysctls']);
    expect(pss(with_('net.ipv4.tcp_rmem'), 'baseline', 'v1.32')).toEqual([]);
    expect(pss(with_('net.ipv4.tcp_notsent_lowat'), 'baseline', 'v1.36')).toEqual(['sysctls']);
    expect(pss(with_('net.ipv4.tcp_notsent_lowat'), 'baseline', 'latest')).toEqual([]);
    expect(audit.allowedSysctls(37)).toHaveLength(14);
  });

  it('checks probe and lifecycle hosts from 1.34 only', () => {
    const spec = restrictedSpec();
    (spec['containers'] as Json[])[0] = {
      ...(spec['containers'] as Json[])[0],
      readinessProbe: { httpGet: { host: '10.0.0.1', port: 80 } },
    };
    expect(pss(spec, 'baseline', 'v1.33')).toEqual([]);
    expect(pss(spec, 'baseline', 'v1.34')).toEqual(['hostProbesAndHostLifecycle']);
  });

  it('allows the container_engine_t SELinux type from 1.31', () => {
    const spec = { ...restrictedSpec(), securityContext: { seLinuxOptions: { type: 'container_engine_t' } } };
    expect(pss(spec, 'baseline', 'v1.30')).toEqual(['seLinuxOptions']);
    expect(pss(spec, 'baseline', 'v1.31')).toEqual([]);
  });

  it('exempts Windows pods from three restricted checks from 1.25', () => {
    const spec = {
      os: { name: 'windows' },
      securityContext: { runAsNonRoot: true },
      containers: [{ name: 'w', image: 'r/w:1' }],
    };
    expect(pss(spec, 'restricted', 'v1.24').sort()).toEqual([
      'allowPrivilegeEscalation',
      'capabilities_restricted',
      'seccompProfile_restricted',
    ]);
    expect(pss(spec, 'restricted', 'v1.25')).toEqual([]);
  });

  it('relaxes runAsNonRoot, runAsUser and baseline procMount for user-namespace pods from 1.35', () => {
    const spec = restrictedSpec();
    spec['hostUsers'] = false;
    spec['securityContext'] = { runAsUser: 0, seccompProfile: { type: 'RuntimeDefault' } };
    ((spec['containers'] as Json[])[0]?.['securityContext'] as Json)['procMount'] = 'Unmasked';
    expect(pss(spec, 'restricted', 'v1.34').sort()).toEqual(['procMount', 'runAsNonRoot', 'runAsUser']);
    expect(pss(spec, 'restricted', 'v1.35')).toEqual(['procMount_restricted']);
    expect(pss(spec, 'baseline', 'v1.35')).toEqual([]);
    expect(pss(spec, 'baseline', 'v1.34')).toEqual(['procMount']);
  });

  it('reads seccomp annotations before 1.19 and fields after', () => {
    const annotations = { 'seccomp.security.alpha.kubernetes.io/pod': 'unconfined' };
    const spec = {
      containers: [
        { name: 'a', image: 'r/a:1', securityContext: { seccompProfile: { type: 'Unconfined' } } },
      ],
    };
    expect(pss(spec, 'baseline', 'v1.18', { annotations })).toEqual(['seccompProfile_baseline']);
    expect(
      audit.evaluatePodSecurity(
        { metadata: { annotations }, spec },
        'baseline',
        audit.parsePssVersion('v1.18') ?? { major: 1, minor: 18, label: '' },
      )[0]?.detail,
    ).toBe('forbidden annotation seccomp.security.alpha.kubernetes.io/pod="unconfined"');
    expect(
      audit.evaluatePodSecurity(
        { metadata: {}, spec },
        'baseline',
        audit.parsePssVersion('v1.19') ?? { major: 1, minor: 19, label: '' },
      )[0]?.detail,
    ).toBe('container "a" must not set securityContext.seccompProfile.type to "Unconfined"');
  });

  it('registers every upstream check once, with its level', () => {
    expect(audit.PSS_CHECKS.map((c) => `${c.level}:${c.id}`)).toHaveLength(19);
  });
});

describe('auditObjects on every pod-bearing kind', () => {
  const spec = { hostPID: true, containers: [{ name: 'c', image: 'r/c:1' }] };
  const template = { metadata: { labels: { app: 'x' } }, spec };
  const kinds: [string, string, Json, string][] = [
    ['v1', 'Pod', spec, 'spec.hostPID'],
    [
      'apps/v1',
      'Deployment',
      { selector: { matchLabels: { app: 'x' } }, template },
      'spec.template.spec.hostPID',
    ],
    [
      'apps/v1',
      'ReplicaSet',
      { selector: { matchLabels: { app: 'x' } }, template },
      'spec.template.spec.hostPID',
    ],
    [
      'apps/v1',
      'StatefulSet',
      { selector: { matchLabels: { app: 'x' } }, template },
      'spec.template.spec.hostPID',
    ],
    [
      'apps/v1',
      'DaemonSet',
      { selector: { matchLabels: { app: 'x' } }, template },
      'spec.template.spec.hostPID',
    ],
    ['batch/v1', 'Job', { template }, 'spec.template.spec.hostPID'],
    [
      'batch/v1',
      'CronJob',
      { schedule: '@daily', jobTemplate: { spec: { template } } },
      'spec.jobTemplate.spec.template.spec.hostPID',
    ],
    ['v1', 'ReplicationController', { selector: { app: 'x' }, template }, 'spec.template.spec.hostPID'],
  ];
  for (const [apiVersion, kind, body, path] of kinds) {
    it(`finds host namespaces in a ${kind} at ${path}`, () => {
      const object = {
        apiVersion,
        kind,
        metadata: { name: 'x', namespace: 'apps' },
        spec: body,
      } as KubeObject;
      const report = audit.auditObjects([object], { level: 'baseline', now: NOW });
      const f = report.findings.find((x) => x.checkId === 'PSS-hostNamespaces');
      expect(f?.path).toBe(path);
      expect(text(f)).toContain('host namespaces (hostPID=true) violates PodSecurity "baseline:latest"');
    });
  }
  it('finds them in a PodTemplate too', () => {
    const object = { apiVersion: 'v1', kind: 'PodTemplate', metadata: { name: 't' }, template } as KubeObject;
    const report = audit.auditObjects([object], { level: 'baseline', now: NOW });
    expect(report.findings.find((x) => x.checkId === 'PSS-hostNamespaces')?.path).toBe(
      'template.spec.hostPID',
    );
  });
  it('reports a restricted-compliant pod clean at restricted', () => {
    const report = audit.auditObjects([pod(restrictedSpec())], { now: NOW });
    expect(ids(report).filter((i) => i.startsWith('PSS-'))).toEqual([]);
  });
});

describe('loading manifests', () => {
  it('keeps auditing after a malformed document and gives its file, line and column', () => {
    const text = [
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata: {name: first}',
      '---',
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata:',
      '  name: broken',
      '  name: again',
      '---',
      'apiVersion: v1',
      'kind: Pod',
      'metadata: {name: after}',
      'spec:',
      '  containers:',
      '    - name: app',
      '      image: busybox',
      '---',
      'kind: ConfigMap',
      'metadata: {name: nope}',
      '---',
      '- just',
      '- a list',
    ].join('\n');
    const r = audit.loadManifestText(text, 'app.yaml');
    expect(r.objects.map((o) => o.object.metadata.name)).toEqual(['first', 'after']);
    expect(r.notes.map((n) => `${n.file}:${n.line}:${n.column} ${textOf('en', n.message)}`)).toEqual([
      'app.yaml:9:3 Cannot read document: duplicate key "name"',
      'app.yaml:19:1 This document has no apiVersion.',
      'app.yaml:22:1 This document is not a Kubernetes object (a mapping with apiVersion and kind).',
    ]);
    const report = audit.auditObjects(r.objects, { notes: r.notes, now: NOW });
    const tag = report.findings.find((f) => f.checkId === 'QUAI-BP-001');
    expect(tag).toMatchObject({ file: 'app.yaml', line: 17, column: 7, path: 'spec.containers[0].image' });
    expect(report.notes.filter((n) => n.kind === 'input-error')).toHaveLength(3);
  });

  it('expands List documents, reads JSON and folders recursively', () => {
    const dir = mkdtempSync(join(tmpdir(), 'quai-audit-'));
    writeFileSync(
      join(dir, 'list.json'),
      JSON.stringify(
        {
          apiVersion: 'v1',
          kind: 'List',
          items: [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { type: 'NodePort' } }],
        },
        null,
        2,
      ),
    );
    writeFileSync(join(dir, 'notes.txt'), 'not a manifest');
    return audit.loadManifestPaths([dir, join(dir, 'missing.yaml')]).then((r) => {
      expect(r.objects.map((o) => `${o.object.kind}/${o.object.metadata.name}@${o.source?.line}`)).toEqual([
        'Service/s@5',
      ]);
      expect(r.notes).toHaveLength(1);
      expect(textOf('en', r.notes[0]?.message ?? '')).toContain('no such file or folder');
      const report = audit.auditObjects(r.objects, { now: NOW });
      expect(report.findings.find((f) => f.checkId === 'QUAI-BP-032')).toMatchObject({
        line: 12,
        path: 'spec.type',
      });
    });
  });

  it('notes unknown kinds once per kind', async () => {
    const r = await audit.loadManifestPaths([join(fixtures, 'insecure.yaml')]);
    const report = audit.auditObjects(r.objects, { now: NOW });
    // Notes are catalog messages (English and French): their English text.
    expect(report.notes.map((n) => ({ ...n, message: textOf('en', n.message) }))).toEqual([
      {
        kind: 'skipped',
        message: '1 object of kind example.org/v1 Widget not audited (no check reads this kind).',
      },
    ]);
  });
});

describe('best practices', () => {
  it('finds the expected problems in a vendor manifest', async () => {
    const r = await audit.loadManifestPaths([join(fixtures, 'insecure.yaml')]);
    const report = audit.auditObjects(r.objects, { level: 'baseline', now: NOW });
    expect(ids(report)).toEqual(
      expect.arrayContaining([
        'PSS-hostNamespaces',
        'PSS-privileged',
        'PSS-hostPorts',
        'PSS-hostPathVolumes',
        'QUAI-BP-001',
        'QUAI-BP-003',
        'QUAI-BP-004',
        'QUAI-BP-005',
        'QUAI-BP-006',
        'QUAI-BP-008',
        'QUAI-BP-009',
        'QUAI-BP-012',
        'QUAI-BP-013',
        'QUAI-BP-016',
        'QUAI-BP-017',
        'QUAI-BP-025',
        'QUAI-BP-026',
        'QUAI-BP-027',
        'QUAI-BP-028',
        'QUAI-BP-030',
        'QUAI-BP-032',
        'QUAI-BP-035',
        'QUAI-BP-036',
        'QUAI-BP-037',
        'QUAI-BP-038',
        'QUAI-BP-039',
        'QUAI-BP-043',
      ]),
    );
    const secret = report.findings.find((f) => f.checkId === 'QUAI-BP-038');
    expect(secret).toMatchObject({ line: 26, path: 'spec.template.spec.containers[0].env[0].value' });
  });

  it('leaves a hardened application with no finding above info', async () => {
    const r = await audit.loadManifestPaths([join(fixtures, 'hardened.yaml')]);
    const report = audit.auditObjects(r.objects, { now: NOW, severityThreshold: 'low' });
    expect(
      report.findings.filter((f) => f.severity !== 'info').map((f) => `${f.checkId} ${t('en', f.message)}`),
    ).toEqual([]);
    expect(report.summary.failing).toBe(0);
  });

  it('flags overlapping selectors, blocking PDBs and deprecated APIs for the target version', () => {
    const dep = (name: string, labels: Json): KubeObject => ({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, namespace: 'a' },
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: 'web' } },
        template: { metadata: { labels }, spec: { containers: [{ name: 'c', image: 'r/c:1' }] } },
      },
    });
    const pdb: KubeObject = {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name: 'p', namespace: 'a' },
      spec: { minAvailable: 3, selector: { matchLabels: { app: 'web' } } },
    };
    const endpoints: KubeObject = {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: 'e', namespace: 'a' },
    };
    const hpa: KubeObject = {
      apiVersion: 'autoscaling/v2beta2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'h', namespace: 'a' },
    };
    const report = audit.auditObjects(
      [dep('one', { app: 'web' }), dep('two', { app: 'web', tier: 'x' }), pdb, endpoints, hpa],
      { now: NOW, kubernetesVersion: '1.25' },
    );
    expect(ids(report)).toEqual(expect.arrayContaining(['QUAI-BP-041', 'QUAI-BP-042', 'QUAI-BP-044']));
    expect(ids(report)).not.toContain('QUAI-BP-043');
    const at136 = audit.auditObjects([hpa, endpoints], { now: NOW, kubernetesVersion: '1.36' });
    expect(at136.findings.map((f) => f.checkId).sort()).toEqual(['QUAI-BP-043', 'QUAI-BP-044']);
  });

  it('has at least 40 best-practice checks, each documented', () => {
    const bp = audit.AUDIT_CHECKS.filter((c) => c.category === 'best-practice');
    expect(bp.length).toBeGreaterThanOrEqual(40);
    for (const c of audit.AUDIT_CHECKS) {
      expect(t('en', c.title).length, c.id).toBeGreaterThan(5);
      expect(t('en', c.rationale).length, c.id).toBeGreaterThan(20);
      expect(t('en', c.remediation).length, c.id).toBeGreaterThan(10);
    }
    expect(new Set(audit.AUDIT_CHECKS.map((c) => c.id)).size).toBe(audit.AUDIT_CHECKS.length);
  });
});

describe('RBAC risks', () => {
  it('finds wildcards, secrets, exec, escalation, impersonation and dangerous bindings', async () => {
    const r = await audit.loadManifestPaths([join(fixtures, 'rbac.yaml')]);
    const report = audit.auditObjects(r.objects, { now: NOW });
    const byObject = (name: string): string[] =>
      [...new Set(report.findings.filter((f) => f.object.name === name).map((f) => f.checkId))].sort();
    expect(byObject('ops-everything')).toEqual(
      expect.arrayContaining([
        'QUAI-RBAC-001',
        'QUAI-RBAC-002',
        'QUAI-RBAC-003',
        'QUAI-RBAC-005',
        'QUAI-RBAC-006',
        'QUAI-RBAC-007',
        'QUAI-RBAC-008',
        'QUAI-RBAC-011',
        'QUAI-RBAC-012',
      ]),
    );
    // A Role's impersonation of users and groups grants nothing (they are cluster-scoped); bind
    // on clusterroles does (RoleBindings in its namespace).
    expect(byObject('debugger')).toEqual(['QUAI-RBAC-003', 'QUAI-RBAC-004', 'QUAI-RBAC-005']);
    expect(byObject('config-reader')).toEqual([]);
    expect(byObject('alice-admin')).toEqual(['QUAI-RBAC-020', 'QUAI-RBAC-021']);
    expect(byObject('everyone-reads')).toEqual(['QUAI-RBAC-015', 'QUAI-RBAC-022']);
    expect(byObject('debuggers')).toEqual(['QUAI-RBAC-023']);
  });

  it('answers who-can from roles and bindings', async () => {
    const r = await audit.loadManifestPaths([join(fixtures, 'rbac.yaml')]);
    const who = (verb: string, resource: string, namespace?: string, name?: string): string[] => {
      const p = audit.parseResource(resource);
      return audit
        .whoCan(r.objects, {
          verb,
          group: p.group,
          resource: p.resource,
          ...(p.subresource === undefined ? {} : { subresource: p.subresource }),
          ...(namespace === undefined ? {} : { namespace }),
          ...(name === undefined ? {} : { name }),
        })
        .map(
          (e) =>
            `${e.subject.kind}:${e.subject.namespace === undefined ? '' : `${e.subject.namespace}/`}${e.subject.name}@${e.scope}`,
        );
    };
    // alice-admin binds the built-in cluster-admin, absent from the file: the bootstrap policy's rules count.
    expect(who('create', 'pods/exec', 'grist')).toEqual([
      'Group:system:authenticated@cluster',
      'Group:system:masters@cluster',
      'ServiceAccount:grist/default@grist',
      'User:alice@cd49.fr@cluster',
      'User:bob@cd49.fr@grist',
    ]);
    expect(who('get', 'secrets', 'grist', 'grist-public')).toContain('ServiceAccount:grist/grist@grist');
    expect(who('get', 'secrets', 'grist', 'other')).not.toContain('ServiceAccount:grist/grist@grist');
    expect(who('delete', 'deployments.apps', 'other')).toEqual([
      'Group:system:authenticated@cluster',
      'Group:system:masters@cluster',
      'User:alice@cd49.fr@cluster',
    ]);
    expect(audit.parseResource('deployments.apps/scale')).toEqual({
      resource: 'deployments',
      group: 'apps',
      subresource: 'scale',
    });
  });
});

describe('exceptions', () => {
  const risky = (annotations: Record<string, string>): KubeObject =>
    pod({ hostNetwork: true, containers: [{ name: 'c', image: 'r/c:1' }] }, { annotations });

  it('suppresses a finding until its expiry date, then reports the expired exception', () => {
    const valid = audit.auditObjects(
      [
        risky({
          'quai.dev/audit-exception.PSS-hostNamespaces': '2026-12-31; the VPN gateway needs the host network',
        }),
      ],
      { level: 'baseline', now: NOW },
    );
    const f = valid.findings.find((x) => x.checkId === 'PSS-hostNamespaces');
    expect(f?.suppressed).toEqual({
      justification: 'the VPN gateway needs the host network',
      expires: '2026-12-31',
      source: 'annotation quai.dev/audit-exception.PSS-hostNamespaces',
    });
    expect(valid.summary.suppressed).toBe(1);
    const expired = audit.auditObjects(
      [risky({ 'quai.dev/audit-exception.PSS-hostNamespaces': '2026-11-25; temporary' })],
      { level: 'baseline', now: NOW },
    );
    expect(expired.findings.find((x) => x.checkId === 'PSS-hostNamespaces')?.suppressed).toBeUndefined();
    expect(text(expired.findings.find((x) => x.checkId === 'QUAI-EXC-001'))).toContain(
      'expired on 2026-11-25',
    );
    const lastDay = audit.auditObjects(
      [risky({ 'quai.dev/audit-exception.PSS-hostNamespaces': '2026-11-26; last day' })],
      { level: 'baseline', now: NOW },
    );
    expect(lastDay.findings.find((x) => x.checkId === 'PSS-hostNamespaces')?.suppressed).toBeDefined();
  });

  it('reports malformed annotations and ignores them', () => {
    const report = audit.auditObjects(
      [
        risky({
          'quai.dev/audit-exception.PSS-hostNamespaces': 'soon; because',
          'quai.dev/audit-exception.QUAI-BP-013': '2027-01-01',
        }),
      ],
      { level: 'baseline', now: NOW },
    );
    const bad = report.findings.filter((x) => x.checkId === 'QUAI-EXC-002').map((x) => t('en', x.message));
    expect(bad).toEqual(
      expect.arrayContaining([
        expect.stringContaining('its expiry "soon" is not a date'),
        expect.stringContaining('has no justification'),
      ]),
    );
    expect(report.findings.find((x) => x.checkId === 'PSS-hostNamespaces')?.suppressed).toBeUndefined();
  });

  it('reads a central file, matches by kind, namespace and name prefix, and notes unused entries', () => {
    const text = [
      'apiVersion: quai.dev/v1alpha1',
      'kind: AuditExceptions',
      'exceptions:',
      '  - check: QUAI-BP-013',
      '    kind: Pod',
      '    namespace: apps',
      '    name: p*',
      '    expires: "2027-06-30"',
      '    justification: Network probe needs the host network',
      '  - check: QUAI-BP-001',
      '    expires: 2027-06-30',
      '    justification: nothing uses latest',
    ].join('\n');
    const rules = audit.parseExceptionsFile(text, 'exceptions.yaml');
    expect(rules.map((r) => r.source)).toEqual(['exceptions.yaml:4', 'exceptions.yaml:10']);
    const report = audit.auditObjects([risky({})], { level: 'baseline', now: NOW, exceptions: rules });
    expect(report.findings.find((x) => x.checkId === 'QUAI-BP-013')?.suppressed?.source).toBe(
      'exceptions.yaml:4',
    );
    expect(report.notes.map((n) => textOf('en', n.message))).toEqual([
      'The exception for QUAI-BP-001 at exceptions.yaml:10 matched no finding; remove it if the risk is gone.',
    ]);
  });

  it('rejects a malformed exceptions file with its position', () => {
    const text = [
      'apiVersion: quai.dev/v1alpha1',
      'kind: AuditExceptions',
      'exceptions:',
      '  - check: QUAI-BP-001',
      '    expires: next year',
      '    justification: x',
    ].join('\n');
    let error: unknown;
    try {
      audit.parseExceptionsFile(text, 'exc.yaml');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(QuaiError);
    expect((error as QuaiError).message).toBe(
      'Invalid exceptions file "exc.yaml": line 5, column 14: exceptions[0].expires: must be a date written YYYY-MM-DD (quote it in YAML)',
    );
    expect(() => audit.parseExceptionsFile('kind: [', 'e.yaml')).toThrow(/line 1, column/);
  });
});

describe('the texts of the checks', () => {
  const parts = ['title', 'rationale', 'remediation'] as const;
  it('has a title, a rationale and a fix in English and in French for every check, none copied', () => {
    for (const c of audit.AUDIT_CHECKS) {
      for (const part of parts) {
        const id = `audit.check.${c.id}.${part}`;
        expect(c[part].id, c.id).toBe(id);
        const entry = (MESSAGES as Readonly<Record<string, { en: string; fr: string }>>)[id];
        expect(entry, id).toBeDefined();
        expect(entry?.en.trim(), id).not.toBe('');
        expect(entry?.fr.trim(), id).not.toBe('');
        expect(entry?.fr, id).not.toBe(entry?.en);
      }
    }
  });

  it('has no text for a check that does not exist', () => {
    const ids = new Set(audit.AUDIT_CHECKS.flatMap((c) => parts.map((p) => `audit.check.${c.id}.${p}`)));
    expect(Object.keys(MESSAGES).filter((k) => k.startsWith('audit.check.') && !ids.has(k))).toEqual([]);
  });

  it('says every finding of a report in French when asked, with no English left', () => {
    const text = audit.renderText(
      audit.auditObjects(
        [
          {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            metadata: { name: 'web', namespace: 'default' },
            spec: {
              replicas: 1,
              template: {
                metadata: { labels: { app: 'web' } },
                spec: {
                  hostNetwork: true,
                  containers: [
                    {
                      name: 'web',
                      image: 'nginx',
                      env: [{ name: 'DB_PASSWORD', value: 'hunter2-secret' }],
                      securityContext: { privileged: 'true' },
                    },
                  ],
                },
              },
            },
          },
        ],
        { now: NOW, severityThreshold: 'info' },
      ),
      undefined,
      'fr',
    );
    expect(text).toContain('Le conteneur « web » utilise l’image « nginx » sans tag.');
    expect(text).toContain('son nom « DB_PASSWORD » évoque un secret');
    expect(text).toContain('est la chaîne "true" et non un booléen');
    expect(text).not.toMatch(/Container "|The pod |\bis not\b|\bhas no\b/);
  });
});

describe('the audit documentation', () => {
  const docs = ['../../../docs/audit.md', '../../../docs/fr/audit.md'].map((p) =>
    readFileSync(new URL(p, import.meta.url), 'utf8'),
  );
  it('lists every check, in English and in French', () => {
    for (const c of audit.AUDIT_CHECKS) {
      expect(docs[0], c.id).toContain(`#### ${c.id}: ${t('en', c.title)}`);
      expect(docs[1], c.id).toContain(`#### ${c.id} : ${t('fr', c.title)}`);
      expect(docs[1], c.id).toContain(`- **Pourquoi** : ${t('fr', c.rationale)}`);
      expect(docs[1], c.id).toContain(`- **Correction** : ${t('fr', c.remediation)}`);
    }
  });
});

describe('cross-object refinements', () => {
  it('takes automountServiceAccountToken from the pod, else from its service account', () => {
    const sa: KubeObject = {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: 'app', namespace: 'apps' },
      automountServiceAccountToken: false,
    };
    const withSa = pod({ serviceAccountName: 'app', containers: [{ name: 'c', image: 'r/c:1' }] });
    expect(ids(audit.auditObjects([sa, withSa], { now: NOW }))).not.toContain('QUAI-BP-025');
    expect(ids(audit.auditObjects([withSa], { now: NOW }))).toContain('QUAI-BP-025');
    const forced = pod({
      serviceAccountName: 'app',
      automountServiceAccountToken: true,
      containers: [{ name: 'c', image: 'r/c:1' }],
    });
    expect(ids(audit.auditObjects([sa, forced], { now: NOW }))).toContain('QUAI-BP-025');
  });

  it('reports bindings that let someone create workloads in kube-system', () => {
    const binding = (name: string, roleKind: string, roleName: string): KubeObject => ({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name, namespace: 'kube-system' },
      subjects: [{ kind: 'User', name: 'carol' }],
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: roleKind, name: roleName },
    });
    const viewer: KubeObject = {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name: 'viewer', namespace: 'kube-system' },
      rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }],
    };
    const report = audit.auditObjects(
      [binding('edit-ks', 'ClusterRole', 'edit'), binding('view-ks', 'Role', 'viewer'), viewer],
      { now: NOW },
    );
    const rbac7 = report.findings.filter((f) => f.checkId === 'QUAI-RBAC-007');
    expect(rbac7.map((f) => f.object.name)).toEqual(['edit-ks']);
    expect(text(rbac7[0])).toBe(
      'RoleBinding "edit-ks" lets User "carol" create workloads in kube-system through ClusterRole "edit".',
    );
  });
});

describe('secret-looking literals', () => {
  it('flags credentials and leaves look-alikes alone', () => {
    const flagged: [string, string][] = [
      ['DB_PASSWORD', 'S3cr3t-Passw0rd'],
      ['API_KEY', 'a1b2c3d4e5'],
      ['GITLAB', 'glpat-abcdefghij0123456789'],
      ['DATABASE_URL', 'postgres://app:hunter22@db:5432/app'],
      ['TLS', '-----BEGIN RSA PRIVATE KEY-----\nMII...'],
      ['AWS', 'AKIAABCDEFGHIJKLMNOP'],
    ];
    for (const [n, v] of flagged) expect(audit.secretLooking(n, v), n).toBeDefined();
    const clean: [string, string][] = [
      ['PASSWORD_FILE', '/run/secrets/db'],
      ['DB_PASSWORD', '${DB_PASSWORD}'],
      ['TOKEN_TTL', '3600'],
      ['SESSION_SECRET_LENGTH', '64'],
      ['SECRET_KEY', 'changeme'],
      ['TOKEN_TIMEOUT', '30s'],
      ['API_KEY_HEADER', 'X-Api-Key'],
      ['DATABASE_URL', 'postgres://db:5432/app'],
      ['PASSWORD', '$OTHER_VAR'],
    ];
    for (const [n, v] of clean) expect(audit.secretLooking(n, v), n).toBeUndefined();
  });
});

describe('auditObjects options', () => {
  it('rejects malformed versions with a usage error', () => {
    expect(() => audit.auditObjects([], { pssVersion: 'v2' })).toThrow(QuaiError);
    expect(() => audit.auditObjects([], { kubernetesVersion: 'latest' })).toThrow(
      'Invalid Kubernetes version "latest".',
    );
  });
});

describe('who-can with aggregated ClusterRoles', () => {
  it('gives an aggregated role the rules of the roles it selects', () => {
    const rbac = 'rbac.authorization.k8s.io/v1';
    const objects = [
      {
        apiVersion: rbac,
        kind: 'ClusterRole',
        metadata: { name: 'monitoring' },
        aggregationRule: {
          clusterRoleSelectors: [{ matchLabels: { 'rbac.cd49.fr/aggregate-to-monitoring': 'true' } }],
        },
        rules: [],
      },
      {
        apiVersion: rbac,
        kind: 'ClusterRole',
        metadata: { name: 'read-pods', labels: { 'rbac.cd49.fr/aggregate-to-monitoring': 'true' } },
        rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['list'] }],
      },
      {
        apiVersion: rbac,
        kind: 'ClusterRoleBinding',
        metadata: { name: 'prom' },
        subjects: [{ kind: 'ServiceAccount', name: 'prometheus', namespace: 'monitoring' }],
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'monitoring' },
      },
    ] as KubeObject[];
    const who = audit.whoCan(
      objects.map((object) => ({ object })),
      { verb: 'list', group: '', resource: 'pods', namespace: 'apps' },
    );
    expect(who.map((e) => `${e.subject.namespace ?? ''}/${e.subject.name} via ${e.role.name}`)).toEqual([
      'monitoring/prometheus via monitoring',
    ]);
  });
});
