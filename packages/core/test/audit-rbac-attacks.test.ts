/**
 * RBAC objects an attacker would write to hide behind names, labels and resourceNames (issue 12,
 * item 15), each of which passed the audit silently before; and the real bootstrap policy, which
 * must stay silent. The authorizer's verdicts on the same objects are checked against a real API
 * server in test/integration/audit-rbac.test.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { t } from '@quai/contracts';
import { audit, type KubeObject } from '../src/index.js';

/** A finding's message in English. */
const text = (f: audit.Finding | undefined): string | undefined =>
  f === undefined ? undefined : t('en', f.message);

const NOW = new Date('2026-11-26T12:00:00Z');
const RBAC = 'rbac.authorization.k8s.io/v1';
const bootstrapDir = new URL('./fixtures/audit/bootstrap-policy-v1.36.3/', import.meta.url);

type Rule = Record<string, string[]>;
const clusterRole = (name: string, rules: Rule[], labels?: Record<string, string>): KubeObject => ({
  apiVersion: RBAC,
  kind: 'ClusterRole',
  metadata: { name, ...(labels === undefined ? {} : { labels }) },
  rules,
});
const role = (name: string, namespace: string, rules: Rule[]): KubeObject => ({
  apiVersion: RBAC,
  kind: 'Role',
  metadata: { name, namespace },
  rules,
});
const binding = (
  kind: 'ClusterRoleBinding' | 'RoleBinding',
  name: string,
  roleRef: [string, string],
  subjects: Record<string, string>[],
  namespace?: string,
): KubeObject => ({
  apiVersion: RBAC,
  kind,
  metadata: { name, ...(namespace === undefined ? {} : { namespace }) },
  subjects: subjects.map((s) => ({
    ...(s['kind'] === 'ServiceAccount' ? {} : { apiGroup: 'rbac.authorization.k8s.io' }),
    ...s,
  })),
  roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: roleRef[0], name: roleRef[1] },
});
const everything: Rule[] = [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }];
const user = { kind: 'User', name: 'mallory@example.org' };

function findings(objects: KubeObject[]): readonly audit.Finding[] {
  return audit.auditObjects(objects, { now: NOW, categories: ['rbac'] }).findings;
}
function checksOf(objects: KubeObject[], name: string): string[] {
  return [
    ...new Set(
      findings(objects)
        .filter((f) => f.object.name === name)
        .map((f) => f.checkId),
    ),
  ].sort();
}

/** The bootstrap objects of one variant: every feature gate off (the default) or on. */
function bootstrapObjects(gates: 'default' | 'featuregates' = 'default'): KubeObject[] {
  const out: KubeObject[] = [];
  const roles = gates === 'default' ? 'cluster-roles.yaml' : 'cluster-roles-featuregates.yaml';
  for (const file of readdirSync(bootstrapDir)
    .filter((f) => f.endsWith('.yaml') && (!f.startsWith('cluster-roles') || f === roles))
    .sort()) {
    const { objects } = audit.loadManifestText(readFileSync(new URL(file, bootstrapDir), 'utf8'), file);
    out.push(...objects.map((o) => o.object));
  }
  return out;
}

describe('RBAC names, labels and resourceNames prove nothing', () => {
  it('audits a system:-named ClusterRole like any other', () => {
    const bound = (name: string): KubeObject[] => [
      clusterRole(name, everything),
      binding('ClusterRoleBinding', `${name}-binding`, ['ClusterRole', name], [user]),
    ];
    const evil = checksOf(bound('evil'), 'evil');
    expect(evil.length).toBeGreaterThanOrEqual(13);
    expect(checksOf(bound('system:anything'), 'system:anything')).toEqual(evil);
  });

  it('reports a system:-named binding that gives cluster-admin to a user', () => {
    const objects = [
      binding('ClusterRoleBinding', 'system:backdoor', ['ClusterRole', 'cluster-admin'], [user]),
    ];
    const f = findings(objects);
    expect(f.map((x) => x.checkId)).toEqual(['QUAI-RBAC-020']);
    expect(text(f[0])).toBe('cluster-admin is bound to User "mallory@example.org".');
  });

  it('reports cluster-admin given to every service account of the cluster', () => {
    const objects = [
      binding(
        'ClusterRoleBinding',
        'ci',
        ['ClusterRole', 'cluster-admin'],
        [
          { kind: 'Group', name: 'system:serviceaccounts' },
          { kind: 'Group', name: 'system:serviceaccounts:ci' },
        ],
      ),
    ];
    const messages = findings(objects).map((f) => `${f.checkId} ${t('en', f.message)}`);
    expect(messages).toEqual([
      'QUAI-RBAC-020 cluster-admin is bound to Group "system:serviceaccounts" (every service account of the cluster).',
      'QUAI-RBAC-020 cluster-admin is bound to Group "system:serviceaccounts:ci" (every service account of namespace ci).',
      'QUAI-RBAC-022 ClusterRoleBinding "ci" grants ClusterRole "cluster-admin" to system:serviceaccounts (every service account of the cluster).',
    ]);
  });

  it('ignores the rbac-defaults label: anyone can set a label', () => {
    const labelled = clusterRole('helpers', everything, { 'kubernetes.io/bootstrapping': 'rbac-defaults' });
    expect(checksOf([labelled], 'helpers')).toEqual(
      checksOf([clusterRole('helpers', everything)], 'helpers'),
    );
    expect(checksOf([labelled], 'helpers')).toContain('QUAI-RBAC-001');
  });

  it('counts resourceNames in full for impersonation, proxy and token rights', () => {
    const objects = [
      clusterRole('become-admin', [
        { apiGroups: [''], resources: ['groups'], verbs: ['impersonate'], resourceNames: ['system:masters'] },
      ]),
      clusterRole('one-kubelet', [
        { apiGroups: [''], resources: ['nodes/proxy'], verbs: ['get', 'create'], resourceNames: ['node-1'] },
      ]),
      role('one-token', 'kube-system', [
        {
          apiGroups: [''],
          resources: ['serviceaccounts/token'],
          verbs: ['create'],
          resourceNames: ['replicaset-controller'],
        },
      ]),
      clusterRole('bind-admin', [
        {
          apiGroups: ['rbac.authorization.k8s.io'],
          resources: ['clusterroles'],
          verbs: ['bind'],
          resourceNames: ['cluster-admin'],
        },
      ]),
      clusterRole('approve-client-certs', [
        {
          apiGroups: ['certificates.k8s.io'],
          resources: ['signers'],
          verbs: ['approve'],
          resourceNames: ['kubernetes.io/kube-apiserver-client'],
        },
      ]),
    ];
    expect(checksOf(objects, 'become-admin')).toEqual(['QUAI-RBAC-006']);
    expect(checksOf(objects, 'one-kubelet')).toEqual(['QUAI-RBAC-008']);
    expect(checksOf(objects, 'one-token')).toEqual(['QUAI-RBAC-009']);
    expect(checksOf(objects, 'bind-admin')).toEqual(['QUAI-RBAC-005']);
    expect(checksOf(objects, 'approve-client-certs')).toEqual(['QUAI-RBAC-010']);
  });

  it('lets resourceNames narrow harmless rights: reading one named Secret', () => {
    const objects = [
      role('one-secret', 'apps', [
        { apiGroups: [''], resources: ['secrets'], verbs: ['get'], resourceNames: ['tls'] },
      ]),
      role('all-secrets', 'apps', [{ apiGroups: [''], resources: ['secrets'], verbs: ['get'] }]),
    ];
    expect(checksOf(objects, 'one-secret')).toEqual([]);
    expect(checksOf(objects, 'all-secrets')).toEqual(['QUAI-RBAC-003']);
  });
});

describe('a namespaced Role grants nothing on cluster-scoped resources', () => {
  const clusterScoped: Rule[] = [
    { apiGroups: [''], resources: ['nodes/proxy'], verbs: ['get', 'create'] },
    {
      apiGroups: ['certificates.k8s.io'],
      resources: ['certificatesigningrequests/approval'],
      verbs: ['update'],
    },
    { apiGroups: ['certificates.k8s.io'], resources: ['signers'], verbs: ['approve'] },
    {
      apiGroups: ['admissionregistration.k8s.io'],
      resources: ['validatingwebhookconfigurations'],
      verbs: ['create'],
    },
    { apiGroups: [''], resources: ['persistentvolumes'], verbs: ['create'] },
    { apiGroups: [''], resources: ['users', 'groups'], verbs: ['impersonate'] },
    {
      apiGroups: ['rbac.authorization.k8s.io'],
      resources: ['clusterrolebindings', 'clusterroles'],
      verbs: ['create'],
    },
  ];

  it('is not reported as granting them (the same rules in a ClusterRole are)', () => {
    expect(checksOf([role('looks-bad', 'apps', clusterScoped)], 'looks-bad')).toEqual([]);
    expect(checksOf([clusterRole('is-bad', clusterScoped)], 'is-bad')).toEqual([
      'QUAI-RBAC-006',
      'QUAI-RBAC-008',
      'QUAI-RBAC-010',
      'QUAI-RBAC-011',
      'QUAI-RBAC-012',
      'QUAI-RBAC-013',
    ]);
  });

  it('is still reported for bind on clusterroles, which the API server checks in the namespace', () => {
    const r = role('binder', 'apps', [
      { apiGroups: ['rbac.authorization.k8s.io'], resources: ['clusterroles'], verbs: ['bind'] },
    ]);
    expect(findings([r]).map((f) => t('en', f.message))).toEqual([
      'Role "binder" can bind clusterroles in namespace apps.',
    ]);
  });

  it('leaves RoleBinding subjects out of who-can for cluster-scoped resources', () => {
    const objects = [
      clusterRole('node-proxy', [
        { apiGroups: [''], resources: ['nodes/proxy', 'persistentvolumes'], verbs: ['get'] },
      ]),
      binding(
        'RoleBinding',
        'ns-proxy',
        ['ClusterRole', 'node-proxy'],
        [{ kind: 'User', name: 'ns-user' }],
        'apps',
      ),
      binding(
        'ClusterRoleBinding',
        'cluster-proxy',
        ['ClusterRole', 'node-proxy'],
        [{ kind: 'User', name: 'cl-user' }],
      ),
    ].map((object) => ({ object }));
    const who = (resource: string, subresource?: string, namespace?: string): string[] =>
      audit
        .whoCan(objects, {
          verb: 'get',
          group: '',
          resource,
          ...(subresource === undefined ? {} : { subresource }),
          ...(namespace === undefined ? {} : { namespace }),
        })
        .map((e) => e.subject.name);
    expect(who('nodes', 'proxy')).toEqual(['cl-user']);
    expect(who('nodes', 'proxy', 'apps')).toEqual(['cl-user']);
    expect(who('persistentvolumes')).toEqual(['cl-user']);
  });
});

describe("Kubernetes' own matching", () => {
  it('matches pods/* to no subresource but itself, and */exec to exec of any resource', () => {
    const objects = [
      role('glob', 'apps', [{ apiGroups: [''], resources: ['pods/*'], verbs: ['create', 'get'] }]),
      role('any-exec', 'apps', [{ apiGroups: [''], resources: ['*/exec'], verbs: ['create'] }]),
      binding('RoleBinding', 'g', ['Role', 'glob'], [{ kind: 'User', name: 'glob-user' }], 'apps'),
      binding('RoleBinding', 'e', ['Role', 'any-exec'], [{ kind: 'User', name: 'exec-user' }], 'apps'),
    ];
    expect(checksOf(objects, 'glob')).toEqual([]);
    expect(checksOf(objects, 'any-exec')).toEqual(['QUAI-RBAC-004']);
    const who = (subresource: string): string[] =>
      audit
        .whoCan(
          objects.map((object) => ({ object })),
          { verb: 'create', group: '', resource: 'pods', subresource, namespace: 'apps' },
        )
        .map((e) => e.subject.name);
    expect(who('exec')).toEqual(['exec-user']);
    expect(who('*')).toEqual(['glob-user']);
  });
});

describe('the real bootstrap policy', () => {
  it('is carried as generated from the upstream golden files (npm run audit:bootstrap-policy)', () => {
    const texts = readdirSync(bootstrapDir)
      .filter((f) => f.endsWith('.yaml'))
      .sort()
      .map((f) => readFileSync(new URL(f, bootstrapDir), 'utf8'));
    expect(audit.carriedBootstrapPolicy()).toEqual(audit.bootstrapPolicyFrom(texts));
  });

  it('raises no RBAC finding, exactly as the API server writes it, with or without feature gates', () => {
    for (const gates of ['default', 'featuregates'] as const) {
      const objects = bootstrapObjects(gates);
      expect(objects.length).toBeGreaterThan(130);
      expect(findings(objects).map((f) => `${f.checkId} ${f.object.name}: ${t('en', f.message)}`)).toEqual(
        [],
      );
    }
  });

  it('reports what someone adds to a bootstrap role or binding, and only that', () => {
    const objects = bootstrapObjects().map((o): KubeObject => {
      if (o.kind === 'ClusterRole' && o.metadata.name === 'system:node')
        return {
          ...o,
          rules: [...(o['rules'] as Rule[]), { apiGroups: [''], resources: ['secrets'], verbs: ['list'] }],
        };
      if (o.kind === 'ClusterRoleBinding' && o.metadata.name === 'cluster-admin')
        return {
          ...o,
          subjects: [...(o['subjects'] as Rule[]), { kind: 'User', name: 'mallory@example.org' }],
        };
      return o;
    });
    expect(findings(objects).map((f) => `${f.checkId} ${f.object.name}: ${t('en', f.message)}`)).toEqual([
      'QUAI-RBAC-003 system:node: ClusterRole "system:node" can list Secrets in every namespace it is bound for.',
      'QUAI-RBAC-020 cluster-admin: cluster-admin is bound to User "mallory@example.org".',
    ]);
  });
});

describe('rights a small team needs to see', () => {
  it('reports port-forward, kube-system ConfigMap writes and deletes', () => {
    const objects = [
      role('tunnel', 'apps', [{ apiGroups: [''], resources: ['pods/portforward'], verbs: ['create'] }]),
      role('dns-hijack', 'kube-system', [
        {
          apiGroups: [''],
          resources: ['configmaps'],
          verbs: ['update', 'patch'],
          resourceNames: ['coredns'],
        },
      ]),
      clusterRole('cm-writer', [{ apiGroups: [''], resources: ['configmaps'], verbs: ['update'] }]),
      binding('RoleBinding', 'ks-cm', ['ClusterRole', 'cm-writer'], [user], 'kube-system'),
      binding('RoleBinding', 'apps-cm', ['ClusterRole', 'cm-writer'], [user], 'apps'),
      role('cleaner', 'apps', [
        { apiGroups: ['apps'], resources: ['deployments'], verbs: ['delete'] },
        { apiGroups: [''], resources: ['secrets'], verbs: ['deletecollection'] },
      ]),
    ];
    expect(checksOf(objects, 'tunnel')).toEqual(['QUAI-RBAC-014']);
    expect(checksOf(objects, 'dns-hijack')).toEqual(['QUAI-RBAC-015']);
    expect(checksOf(objects, 'cm-writer')).toEqual([]);
    expect(checksOf(objects, 'ks-cm')).toEqual(['QUAI-RBAC-015']);
    expect(checksOf(objects, 'apps-cm')).toEqual([]);
    expect(text(findings(objects).find((f) => f.object.name === 'cleaner'))).toBe(
      'Role "cleaner" can delete deployments in namespace apps.',
    );
    expect(checksOf(objects, 'cleaner')).toEqual(['QUAI-RBAC-016']);
  });

  it('links each workload to the rights of its service account, and reports a missing one', () => {
    const deployment = (name: string, serviceAccountName: string): KubeObject => ({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, namespace: 'apps' },
      spec: {
        selector: { matchLabels: { app: name } },
        template: {
          metadata: { labels: { app: name } },
          spec: { serviceAccountName, containers: [{ name: 'c', image: 'r/c:1' }] },
        },
      },
    });
    const sa = (name: string): KubeObject => ({
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name, namespace: 'apps' },
    });
    const objects = [
      sa('web'),
      sa('ops'),
      deployment('web', 'web'),
      deployment('ops-tool', 'ops'),
      deployment('typo', 'wbe'),
      role('reader', 'apps', [{ apiGroups: [''], resources: ['secrets'], verbs: ['list'] }]),
      binding(
        'RoleBinding',
        'ops-reads',
        ['Role', 'reader'],
        [{ kind: 'ServiceAccount', name: 'ops' }],
        'apps',
      ),
      binding(
        'ClusterRoleBinding',
        'ops-edit',
        ['ClusterRole', 'edit'],
        [{ kind: 'ServiceAccount', name: 'ops', namespace: 'apps' }],
      ),
    ];
    const f = findings(objects);
    const on = (name: string): string[] =>
      f.filter((x) => x.object.name === name).map((x) => `${x.checkId} ${t('en', x.message)}`);
    expect(on('web')).toEqual([]);
    expect(on('typo')).toEqual([
      'QUAI-RBAC-024 The pods run as ServiceAccount apps/wbe, which is not among the ServiceAccounts of namespace "apps".',
    ]);
    const ops = on('ops-tool');
    expect(ops).toHaveLength(1);
    expect(ops[0]).toMatch(/^QUAI-RBAC-025 The pods run as ServiceAccount apps\/ops, which can /);
    expect(ops[0]).toContain('list Secrets in apps (RoleBinding apps/ops-reads)');
    expect(ops[0]).toContain('exec and attach into pods cluster-wide (ClusterRoleBinding ops-edit)');
    expect(f.find((x) => x.checkId === 'QUAI-RBAC-025')?.path).toBe('spec.template.spec.serviceAccountName');
  });
});
