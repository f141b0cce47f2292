import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppSpec, PlatformConfig } from '@quai/contracts';
import { model, onboard, render, waitFor, type KubeClient, type KubeObject } from '@quai/core';
import { deleteNamespace, testClient, uniqueName } from './helpers.js';

let client: KubeClient;
let platform: PlatformConfig;
const namespaces: string[] = [];

beforeAll(async () => {
  client = await testClient({ qps: 100, burst: 200 });
  const p = (await model.loadPlatform('examples/platform/quai.yaml')).value;
  // The cluster's default storage class, whatever cluster the tests run on.
  platform = { ...p, spec: { ...p.spec, storageClasses: {} } };
});

afterAll(async () => {
  for (const ns of namespaces) await deleteNamespace(client, ns);
  client.close();
});

async function load(
  name: string,
): Promise<{ app: AppSpec; secrets: Record<string, Record<string, string>> }> {
  if (name === 'annuaire') {
    return {
      app: (await model.loadAppSpec('examples/annuaire/app.yaml')).value,
      secrets: await onboard.readSecretsDir('examples/annuaire/secrets'),
    };
  }
  const result = onboard.convertCompose(
    await onboard.loadCompose({ files: [`examples/${name}/docker-compose.yml`] }),
  );
  return { app: result.spec, secrets: result.secretValues };
}

type Status = KubeObject & { spec?: { replicas?: number }; status?: Record<string, any> };

describe.each(['grist', 'joplin', 'parapheur', 'registre', 'annuaire'])(
  'example %s on a real cluster',
  (name) => {
    it('renders manifests the API server accepts under the restricted Pod Security level, and they become Ready', async () => {
      const { app, secrets } = await load(name);
      const ns = uniqueName(`quai-test-${name}`).slice(0, 63);
      namespaces.push(ns);
      const result = render.render({
        app: { ...app, spec: { ...app.spec, namespace: ns } },
        platform,
        environment: 'prod',
        secrets,
      });
      expect(result.policyLevel).toBe('restricted');
      expect(result.notes.filter((n) => n.kind === 'secret-required')).toEqual([]);
      // Server-side dry-run first for the namespace, then a real apply in order.
      await client.apply(result.objects[0]!, { fieldManager: 'quai-test', dryRun: true });
      for (const object of result.objects) await client.apply(object, { fieldManager: 'quai-test' });
      const nsObject = await client.get({ apiVersion: 'v1', kind: 'Namespace', name: ns });
      expect(nsObject.metadata.labels?.['pod-security.kubernetes.io/enforce']).toBe('restricted');

      const deployments = result.objects.filter((o) => o.kind === 'Deployment');
      const jobs = result.objects.filter((o) => o.kind === 'Job');
      let last = '';
      await waitFor(
        async () => {
          const states: string[] = [];
          for (const d of deployments) {
            const live = await client.get<Status>({
              apiVersion: 'apps/v1',
              kind: 'Deployment',
              namespace: ns,
              name: d.metadata.name!,
            });
            const want = live.spec?.replicas ?? 1;
            if ((live.status?.['readyReplicas'] ?? 0) < want)
              states.push(`${d.metadata.name} ${live.status?.['readyReplicas'] ?? 0}/${want}`);
          }
          for (const j of jobs) {
            const live = await client.get<Status>({
              apiVersion: 'batch/v1',
              kind: 'Job',
              namespace: ns,
              name: j.metadata.name!,
            });
            if (
              !(live.status?.['conditions'] ?? []).some(
                (c: any) => c.type === 'Complete' && c.status === 'True',
              )
            )
              states.push(`job ${j.metadata.name} running`);
          }
          last = states.join(', ');
          return states.length === 0 ? true : undefined;
        },
        { timeoutMs: 120_000, intervalMs: 500, what: `every workload of ${name} to be Ready` },
        () => last,
      );
      const pvcs = await client.list<Status>('v1', 'PersistentVolumeClaim', { namespace: ns });
      expect(pvcs.every((p) => p.status?.['phase'] === 'Bound')).toBe(true);
    });
  },
);
