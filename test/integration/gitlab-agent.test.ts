/**
 * `quai gitlab agent`: the in-cluster identity it generates is accepted by the real API server
 * (server-side dry-run, then applied), and it is enough and no more for Quai's pipelines: acting
 * as the agent's service account (impersonation, as agentk's CI access does by default), `quai
 * apply` deploys into a namespace the agent was given and is refused anywhere else.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { app, audit, QuaiError, type KubeClient, type KubeObject } from '@quai/core';
import { parse } from 'yaml';
import { deleteNamespace, testClient, uniqueName } from './helpers.js';
import { t } from '@quai/contracts';

let client: KubeClient;
const cleanup: KubeObject[] = [];

beforeAll(async () => {
  client = await testClient();
});
afterAll(async () => {
  for (const o of cleanup.reverse()) {
    if (o.kind === 'Namespace') await deleteNamespace(client, o.metadata.name!);
    else
      await client
        .delete({
          apiVersion: o.apiVersion,
          kind: o.kind,
          name: o.metadata.name!,
          ...(o.metadata.namespace === undefined ? {} : { namespace: o.metadata.namespace }),
        })
        .catch(() => undefined);
  }
  client.close();
});

function settings(impersonate?: { user: string; groups: string[] }): app.Settings {
  const context = inject('context');
  return {
    lang: 'en',
    cluster: {
      kubeconfig: inject('kubeconfig'),
      ...(context === '' ? {} : { context }),
      userAgent: 'quai-test',
      ...(impersonate === undefined ? {} : { impersonate }),
    },
    env: {},
  };
}

function spec(name: string, namespace: string): string {
  return [
    'apiVersion: quai.dev/v1alpha1',
    'kind: App',
    `metadata: { name: ${name} }`,
    'spec:',
    `  namespace: ${namespace}`,
    '  components:',
    '    web: { image: "nginx:1.27", ports: [{ name: http, port: 8080 }] }',
  ].join('\n');
}

describe('quai gitlab agent', () => {
  it('generates RBAC the API server accepts, that lets Quai deploy in the app namespaces given and nowhere else', async () => {
    const name = uniqueName('agent').slice(0, 20);
    const agentNs = `${name}-ns`;
    const allowed = uniqueName('gl-allowed');
    const other = uniqueName('gl-other');
    const out = await app.withContext(settings(), {}, (ctx) =>
      app.run(
        'gitlab.agent',
        { name, namespace: agentNs, projects: ['apps/hello'], appNamespaces: [allowed], userAccess: true },
        ctx,
      ),
    );
    const result = out.result as {
      files: { path: string; content: string }[];
      objects: KubeObject[];
      clusterWide: boolean;
    };
    expect(result.clusterWide).toBe(false);
    const config = parse(result.files[0]!.content) as Record<string, unknown>;
    expect(result.files[0]!.path).toBe(`.gitlab/agents/${name}/config.yaml`);
    expect(config).toEqual({
      ci_access: { projects: [{ id: 'apps/hello' }] },
      user_access: { access_as: { agent: {} }, projects: [{ id: 'apps/hello' }] },
    });

    // Server-side dry-run of every object whose namespace exists already (cluster-scoped ones, the namespaces).
    for (const o of result.objects.filter((x) => x.metadata.namespace === undefined))
      await client.apply(o, { fieldManager: 'quai-test', dryRun: true });
    for (const o of result.objects) {
      await client.apply(o, { fieldManager: 'quai-test' });
      cleanup.push(o);
    }
    await client.apply(
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: other } },
      { fieldManager: 'quai-test' },
    );
    cleanup.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: other } });

    // No escalation path in what it grants: no wildcard, bind, escalate, impersonate, nodes or tokens.
    const rbac = audit.auditObjects(result.objects, { categories: ['rbac'] }).findings;
    const severe = rbac
      .filter((f) => f.severity === 'critical' || f.severity === 'high')
      .map((f) => `${f.checkId} ${t('en', f.message)}`);
    expect(severe.filter((s) => !/secret/i.test(s))).toEqual([]);

    const as = {
      user: `system:serviceaccount:${agentNs}:${name}`,
      groups: ['system:serviceaccounts', `system:serviceaccounts:${agentNs}`, 'system:authenticated'],
    };
    const apply = (namespace: string) =>
      app.withContext(settings(as), {}, (ctx) =>
        app.run(
          'deploy.apply',
          { apps: [{ yaml: spec('hello', namespace), name: 'app.yaml' }], environment: 'prod' },
          ctx,
        ),
      );
    const ok = await apply(allowed);
    expect(ok.outcome).toBe('ok');
    const refused = await apply(other).catch((e: unknown) => e);
    const text =
      refused instanceof QuaiError ? `${refused.code} ${refused.messageIn('en')}` : JSON.stringify(refused);
    expect(refused).toBeInstanceOf(QuaiError);
    expect(text).toContain('FORBIDDEN');
    expect(text).toContain(other);
  }, 300_000);
});
