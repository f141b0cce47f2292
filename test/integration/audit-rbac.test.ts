/**
 * `who-can` against the real authorizer: for a set of Roles, ClusterRoles and bindings (wildcards,
 * resourceNames, subresources, API groups), every answer of Quai's whoCan, read from the live RBAC
 * objects, must equal the API server's SubjectAccessReview for each test subject.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit, type KubeClient, type KubeObject } from '@quai/core';
import { createNamespace, deleteNamespace, testClient, uniqueName } from './helpers.js';

let client: KubeClient;
let ns: string;
let other: string;
const cleanup: KubeObject[] = [];
const prefix = uniqueName('quai-rbac');

const USERS = ['alice', 'bob', 'carol'].map((u) => `${prefix}-${u}`);
const GROUP = `${prefix}-devs`;

beforeAll(async () => {
  client = await testClient({ qps: 0 });
  ns = await createNamespace(client);
  other = await createNamespace(client);
  const [alice = '', bob = '', carol = ''] = USERS;
  const rbac = 'rbac.authorization.k8s.io/v1';
  const objects: KubeObject[] = [
    {
      apiVersion: rbac,
      kind: 'Role',
      metadata: { name: 'debug', namespace: ns },
      rules: [
        { apiGroups: [''], resources: ['pods/exec'], verbs: ['create'] },
        { apiGroups: [''], resources: ['secrets'], resourceNames: ['public'], verbs: ['get'] },
        { apiGroups: ['apps'], resources: ['*/scale'], verbs: ['update', 'patch'] },
      ],
    },
    {
      apiVersion: rbac,
      kind: 'ClusterRole',
      metadata: { name: `${prefix}-reader` },
      rules: [
        { apiGroups: ['', 'apps'], resources: ['*'], verbs: ['get', 'list'] },
        { apiGroups: ['batch'], resources: ['jobs'], verbs: ['*'] },
      ],
    },
    {
      apiVersion: rbac,
      kind: 'ClusterRole',
      metadata: { name: `${prefix}-everything` },
      rules: [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }],
    },
    {
      // Cluster-scoped resources in a namespaced Role grant nothing; `pods/*` matches no subresource.
      apiVersion: rbac,
      kind: 'Role',
      metadata: { name: 'looks-bad', namespace: ns },
      rules: [
        {
          apiGroups: [''],
          resources: ['nodes/proxy', 'persistentvolumes', 'nodes'],
          verbs: ['get', 'create'],
        },
        { apiGroups: ['rbac.authorization.k8s.io'], resources: ['clusterroles'], verbs: ['bind'] },
        { apiGroups: [''], resources: ['pods/*'], verbs: ['create', 'get'] },
        { apiGroups: [''], resources: ['groups'], resourceNames: ['system:masters'], verbs: ['impersonate'] },
      ],
    },
    {
      apiVersion: rbac,
      kind: 'ClusterRole',
      metadata: { name: `${prefix}-one-node` },
      rules: [{ apiGroups: [''], resources: ['nodes/proxy'], resourceNames: ['node-1'], verbs: ['get'] }],
    },
    {
      apiVersion: rbac,
      kind: 'RoleBinding',
      metadata: { name: 'looks-bad', namespace: ns },
      subjects: [{ kind: 'User', name: carol, apiGroup: 'rbac.authorization.k8s.io' }],
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'looks-bad' },
    },
    {
      apiVersion: rbac,
      kind: 'RoleBinding',
      metadata: { name: 'one-node', namespace: other },
      subjects: [{ kind: 'User', name: alice, apiGroup: 'rbac.authorization.k8s.io' }],
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: `${prefix}-one-node` },
    },
    {
      apiVersion: rbac,
      kind: 'ClusterRoleBinding',
      metadata: { name: `${prefix}-bob-one-node` },
      subjects: [{ kind: 'User', name: bob, apiGroup: 'rbac.authorization.k8s.io' }],
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: `${prefix}-one-node` },
    },
    {
      apiVersion: rbac,
      kind: 'RoleBinding',
      metadata: { name: 'debuggers', namespace: ns },
      subjects: [
        { kind: 'User', name: alice, apiGroup: 'rbac.authorization.k8s.io' },
        { kind: 'ServiceAccount', name: 'default', namespace: ns },
      ],
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'debug' },
    },
    {
      apiVersion: rbac,
      kind: 'RoleBinding',
      metadata: { name: 'readers', namespace: ns },
      subjects: [{ kind: 'Group', name: GROUP, apiGroup: 'rbac.authorization.k8s.io' }],
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: `${prefix}-reader` },
    },
    {
      apiVersion: rbac,
      kind: 'RoleBinding',
      metadata: { name: 'admins', namespace: other },
      subjects: [{ kind: 'User', name: bob, apiGroup: 'rbac.authorization.k8s.io' }],
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: `${prefix}-everything` },
    },
    {
      apiVersion: rbac,
      kind: 'ClusterRoleBinding',
      metadata: { name: `${prefix}-carol-reads` },
      subjects: [{ kind: 'User', name: carol, apiGroup: 'rbac.authorization.k8s.io' }],
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: `${prefix}-reader` },
    },
  ];
  for (const o of objects) {
    await client.create(o);
    if (o.metadata.namespace === undefined) cleanup.push(o);
  }
});

afterAll(async () => {
  for (const o of cleanup)
    await client
      .delete({ apiVersion: o.apiVersion, kind: o.kind, name: o.metadata.name ?? '' })
      .catch(() => undefined);
  await deleteNamespace(client, ns);
  await deleteNamespace(client, other);
  client.close();
});

interface Query {
  readonly verb: string;
  readonly resource: string;
  readonly namespace: string;
  readonly name?: string;
}

async function sarAllowed(subject: { user: string; groups?: string[] }, q: Query): Promise<boolean> {
  const p = audit.parseResource(q.resource);
  const review = await client.create<KubeObject & { status?: { allowed?: boolean } }>({
    apiVersion: 'authorization.k8s.io/v1',
    kind: 'SubjectAccessReview',
    metadata: {},
    spec: {
      user: subject.user,
      ...(subject.groups === undefined ? {} : { groups: subject.groups }),
      resourceAttributes: {
        namespace: q.namespace,
        verb: q.verb,
        group: p.group ?? '',
        resource: p.resource,
        ...(p.subresource === undefined ? {} : { subresource: p.subresource }),
        ...(q.name === undefined ? {} : { name: q.name }),
      },
    },
  });
  return review.status?.allowed === true;
}

describe('who-can agrees with the API server authorizer', () => {
  it('for every test subject and query', async () => {
    const loaded = await audit.loadClusterObjects(client, { kinds: audit.RBAC_KINDS });
    const queries: Query[] = [];
    for (const namespace of [ns, other]) {
      for (const [verb, resource, name] of [
        ['create', 'pods/exec'],
        ['get', 'pods/exec'],
        ['get', 'secrets', 'public'],
        ['get', 'secrets', 'private'],
        ['list', 'secrets'],
        ['get', 'pods'],
        ['list', 'deployments.apps'],
        ['update', 'deployments.apps/scale'],
        ['patch', 'statefulsets.apps/scale'],
        ['update', 'deployments.apps'],
        ['delete', 'jobs.batch'],
        ['create', 'cronjobs.batch'],
        ['get', 'ingresses.networking.k8s.io'],
        // Checked by the API server in the namespace of the RoleBinding being written.
        ['bind', 'clusterroles.rbac.authorization.k8s.io', 'admin'],
        ['create', 'pods/exec'],
        ['create', 'pods/*'],
        ['get', 'pods/log'],
      ] as const) {
        queries.push({ verb, resource, namespace, ...(name === undefined ? {} : { name }) });
      }
    }
    // Cluster-scoped resources: real requests carry no namespace, so RoleBindings never count
    // (a namespaced SubjectAccessReview for them asks about a request that cannot happen).
    for (const [verb, resource, name] of [
      ['impersonate', 'users'],
      ['escalate', 'clusterroles.rbac.authorization.k8s.io'],
      ['get', 'nodes/proxy', 'node-1'],
      ['get', 'nodes/proxy', 'node-2'],
      ['create', 'nodes/proxy', 'node-1'],
      ['get', 'persistentvolumes'],
      ['get', 'nodes'],
      ['impersonate', 'groups', 'system:masters'],
    ] as const) {
      queries.push({ verb, resource, namespace: '', ...(name === undefined ? {} : { name }) });
    }
    const subjects = [
      ...USERS.map((user) => ({ label: `User:${user}`, sar: { user } })),
      { label: `Group:${GROUP}`, sar: { user: `${prefix}-someone`, groups: [GROUP] } },
      { label: `ServiceAccount:${ns}/default`, sar: { user: `system:serviceaccount:${ns}:default` } },
    ];
    const disagreements: string[] = [];
    let allowed = 0;
    for (const q of queries) {
      const p = audit.parseResource(q.resource);
      const entries = audit.whoCan(loaded.objects, {
        verb: q.verb,
        group: p.group,
        resource: p.resource,
        ...(p.subresource === undefined ? {} : { subresource: p.subresource }),
        ...(q.name === undefined ? {} : { name: q.name }),
        ...(q.namespace === '' ? {} : { namespace: q.namespace }),
      });
      const quai = new Set(
        entries.map(
          (e) =>
            `${e.subject.kind}:${e.subject.kind === 'ServiceAccount' ? `${e.subject.namespace ?? ''}/` : ''}${e.subject.name}`,
        ),
      );
      for (const s of subjects) {
        const server = await sarAllowed(s.sar, q);
        if (server) allowed++;
        if (server !== quai.has(s.label)) {
          disagreements.push(
            `${q.verb} ${q.resource}${q.name === undefined ? '' : `/${q.name}`} in ${q.namespace} for ${s.label}: server ${server}, quai ${quai.has(s.label)}`,
          );
        }
      }
    }
    expect(disagreements, disagreements.join('\n')).toEqual([]);
    expect(allowed).toBeGreaterThan(20);
  });
});
