import { describe, expect, it } from 'vitest';
import type { AppSpec } from '@quai/contracts';
import { model, render, type KubeObject } from '../src/index.js';

const platform = model.parsePlatform(
  `apiVersion: quai.dev/v1alpha1
kind: Platform
metadata: { name: test }
spec:
  domain: apps.example.org
  ingressClass: nginx
  tlsIssuer: internal-ca
  registryMirror: mirror.example.org/hub
  environments:
    staging: { namespaceSuffix: -staging }
    prod: { minReplicas: 2 }
`,
  'quai.yaml',
).value;

const app: AppSpec = {
  apiVersion: 'quai.dev/v1alpha1',
  kind: 'App',
  metadata: { name: 'shop', team: 'swat' },
  spec: {
    components: {
      web: {
        image: 'shop/web:1.2.3',
        ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
        expose: [{ host: 'shop', path: '/', port: 'http', tls: true }],
        dependsOn: ['db', { component: 'migrate', condition: 'completed' }],
        secretEnv: { DB_PASSWORD: { secret: 'shop-db', key: 'password' } },
      },
      db: {
        image: 'postgres:16.4',
        ports: [{ name: 'pg', port: 5432, protocol: 'TCP' }],
        volumes: [
          { name: 'pgdata', mountPath: '/var/lib/postgresql/data', type: 'persistent', size: '20Gi' },
        ],
      },
    },
    jobs: { migrate: { image: 'shop/web:1.2.3', command: ['migrate'] } },
  },
};

function find(objects: readonly KubeObject[], kind: string, name?: string): KubeObject & Record<string, any> {
  const o = objects.find((x) => x.kind === kind && (name === undefined || x.metadata.name === name));
  if (o === undefined) throw new Error(`no ${kind} ${name ?? ''}`);
  return o as KubeObject & Record<string, any>;
}

function podSpecs(objects: readonly KubeObject[]): [string, Record<string, any>][] {
  return objects.flatMap((o): [string, Record<string, any>][] => {
    const spec = (o as any).spec;
    if (o.kind === 'Deployment' || o.kind === 'Job')
      return [[`${o.kind}/${o.metadata.name}`, spec.template.spec]];
    if (o.kind === 'CronJob') return [[`${o.kind}/${o.metadata.name}`, spec.jobTemplate.spec.template.spec]];
    return [];
  });
}

describe('render', () => {
  const result = render.render({ app, platform, environment: 'prod' });

  it('hardens every pod and container by default', () => {
    for (const [where, pod] of podSpecs(result.objects)) {
      expect(pod.automountServiceAccountToken, where).toBe(false);
      expect(pod.securityContext, where).toMatchObject({
        runAsNonRoot: true,
        seccompProfile: { type: 'RuntimeDefault' },
      });
      for (const c of [...(pod.initContainers ?? []), ...pod.containers]) {
        expect(c.securityContext, `${where} ${c.name}`).toMatchObject({
          allowPrivilegeEscalation: false,
          capabilities: { drop: ['ALL'] },
          readOnlyRootFilesystem: true,
          runAsNonRoot: true,
        });
        expect(c.securityContext.runAsUser, where).toBeGreaterThan(0);
        expect(c.resources?.requests, `${where} ${c.name}`).toBeDefined();
        expect(c.resources?.limits?.memory, `${where} ${c.name}`).toBeDefined();
      }
      expect(
        pod.volumes.some((v: any) => v.name === 'quai-tmp' && v.emptyDir),
        where,
      ).toBe(true);
    }
    expect(find(result.objects, 'Namespace').metadata.labels?.['pod-security.kubernetes.io/enforce']).toBe(
      'restricted',
    );
    expect(result.policyLevel).toBe('restricted');
  });

  it('is deterministic and in apply order', () => {
    const again = render.render({ app, platform, environment: 'prod' });
    expect(render.toYamlStream(again.objects)).toBe(render.toYamlStream(result.objects));
    const ranks = result.objects.map((o) => (render.KIND_ORDER as readonly string[]).indexOf(o.kind));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });

  it('renders default-deny networking plus the declared dependencies and the ingress path', () => {
    const names = result.objects.filter((o) => o.kind === 'NetworkPolicy').map((o) => o.metadata.name);
    expect(names).toEqual([
      'allow-dns',
      'allow-ingress-to-web',
      'allow-web-from-db',
      'allow-web-to-db',
      'default-deny',
    ]);
    expect(find(result.objects, 'NetworkPolicy', 'allow-web-to-db').spec.ingress[0].ports).toEqual([
      { protocol: 'TCP', port: 5432 },
    ]);
  });

  it('renders an Ingress with TLS on the platform domain, through the mirror, with replicas and PDB in prod', () => {
    const ingress = find(result.objects, 'Ingress', 'web');
    expect(ingress.spec.rules[0].host).toBe('shop.apps.example.org');
    expect(ingress.spec.tls).toEqual([{ hosts: ['shop.apps.example.org'], secretName: 'web-tls' }]);
    expect(ingress.metadata.annotations).toEqual({ 'cert-manager.io/cluster-issuer': 'internal-ca' });
    const web = find(result.objects, 'Deployment', 'web');
    expect(web.spec.replicas).toBe(2);
    expect(web.spec.template.spec.containers[0].image).toBe('mirror.example.org/hub/shop/web:1.2.3');
    expect(find(result.objects, 'Deployment', 'db').spec.template.spec.containers[0].image).toBe(
      'mirror.example.org/hub/library/postgres:16.4',
    );
    expect(find(result.objects, 'PodDisruptionBudget', 'web').spec.maxUnavailable).toBe(1);
  });

  it('keeps a database with a single-writer volume at one replica, with Recreate', () => {
    const db = find(result.objects, 'Deployment', 'db');
    expect(db.spec.replicas).toBe(1);
    expect(db.spec.strategy).toEqual({ type: 'Recreate' });
    expect(find(result.objects, 'PersistentVolumeClaim', 'shop-pgdata').spec.resources.requests.storage).toBe(
      '20Gi',
    );
  });

  it('waits for dependencies with init containers and names setup jobs by content', () => {
    const web = find(result.objects, 'Deployment', 'web');
    expect(web.spec.template.spec.initContainers.map((c: any) => c.name)).toEqual(['wait-for-db']);
    const job = result.objects.find((o) => o.kind === 'Job');
    expect(job?.metadata.name).toMatch(/^migrate-[0-9a-f]{8}$/);
    expect(result.notes.map((n) => n.kind).sort()).toEqual(['job-ordering', 'secret-required']);
  });

  it('renders Secrets only from given values, and weakens only what an exception names', () => {
    const withSecrets = render.render({
      app,
      platform,
      environment: 'staging',
      secrets: { 'shop-db': { password: 'x' } },
    });
    expect(find(withSecrets.objects, 'Secret', 'shop-db').stringData).toEqual({ password: 'x' });
    expect(withSecrets.namespace).toBe('shop-staging');
    const exceptional: AppSpec = {
      ...app,
      spec: {
        ...app.spec,
        components: {
          ...app.spec.components,
          web: {
            ...app.spec.components['web']!,
            securityExceptions: [
              { allow: 'runAsRoot', justification: 'The vendor image must start as root to bind its port' },
            ],
          },
        },
      },
    };
    const r = render.render({ app: exceptional, platform, environment: 'prod' });
    expect(r.policyLevel).toBe('baseline');
    const web = find(r.objects, 'Deployment', 'web');
    expect(web.spec.template.metadata.annotations).toEqual({
      'quai.dev/exception.runAsRoot': 'The vendor image must start as root to bind its port',
    });
    expect(web.spec.template.spec.containers[0].securityContext).toMatchObject({
      runAsNonRoot: false,
      runAsUser: 0,
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
    });
    expect(
      find(r.objects, 'Deployment', 'db').spec.template.spec.containers[0].securityContext.runAsNonRoot,
    ).toBe(true);
  });
});
