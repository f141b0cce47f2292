/**
 * The app the deploy benches apply (bench:deploy, bench:deploy-requests): a web component of two
 * replicas behind a Service and a worker that depends on it, 12 objects once rendered.
 */
import type { AppSpec } from '@quai/contracts';
import { model, render, type deploy, type KubeObject } from '@quai/core';

export function benchApp(i: number, prefix: string): AppSpec {
  return {
    apiVersion: 'quai.dev/v1alpha1',
    kind: 'App',
    metadata: { name: `app${i}` },
    spec: {
      namespace: `${prefix}-app${i}`,
      components: {
        web: {
          image: `registry.example/app${i}/web:1.0.0`,
          ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
          replicas: 2,
          env: { MODE: 'prod' },
        },
        worker: { image: `registry.example/app${i}/worker:1.0.0`, dependsOn: ['web'] },
      },
    },
  };
}

/** `count` bench apps rendered for the prod environment, with their targets. */
export function renderBenchApps(
  count: number,
  prefix: string,
): { target: deploy.AppTarget; objects: readonly KubeObject[] }[] {
  const platform = model.defaultPlatform();
  return Array.from({ length: count }, (_, i) => {
    const r = render.render({ app: benchApp(i, prefix), platform, environment: 'prod' });
    return { target: { app: `app${i}`, environment: 'prod', namespace: r.namespace }, objects: r.objects };
  });
}
