import { msg, type AppSpec, type Component, type Job, type PlatformConfig } from '@quai/contracts';
import { QuaiError } from '../errors/index.js';

/** An app spec with one environment's overrides applied, and where it goes. */
export interface ResolvedApp {
  readonly spec: AppSpec;
  readonly environment: string;
  readonly namespace: string;
  readonly domain: string;
  readonly minReplicas: number;
}

/**
 * The namespace of an app in an environment: the one rule every front end and use case follows
 * (render, deploy, status, backup, restore): the spec's `namespace` (else the app's name) plus the
 * environment's suffix from the platform.
 */
export function appNamespace(
  app: { readonly name: string; readonly namespace?: string | undefined },
  platform: PlatformConfig,
  environment: string,
): string {
  const settings = platform.spec.environments[environment];
  if (settings === undefined) {
    throw new QuaiError('USAGE', msg('model.noEnvironment', { environment }), {
      hint: msg('model.knownEnvironments', { names: Object.keys(platform.spec.environments).join(', ') }),
    });
  }
  const namespace = `${app.namespace ?? app.name}${settings.namespaceSuffix}`;
  if (namespace.length > 63) {
    throw new QuaiError('INPUT_INVALID', msg('model.namespaceTooLong', { namespace }), {
      hint: msg('model.namespaceTooLongHint'),
    });
  }
  return namespace;
}

/**
 * Applies an environment's overrides (the app's, then the platform's settings) to an app spec.
 * Pure: the same inputs always give the same result.
 */
export function resolveEnvironment(
  spec: AppSpec,
  platform: PlatformConfig,
  environment: string,
): ResolvedApp {
  const namespace = appNamespace(
    { name: spec.metadata.name, namespace: spec.spec.namespace },
    platform,
    environment,
  );
  const settings = platform.spec.environments[environment]!;
  const override = spec.spec.environments?.[environment];
  const components: Record<string, Component> = {};
  for (const [name, c] of Object.entries(spec.spec.components)) {
    const o = override?.components?.[name];
    components[name] =
      o === undefined
        ? c
        : {
            ...c,
            ...(o.image === undefined ? {} : { image: o.image }),
            ...(o.env === undefined ? {} : { env: { ...c.env, ...o.env } }),
            ...(o.resources === undefined ? {} : { resources: { ...c.resources, ...o.resources } }),
            ...(o.replicas === undefined ? {} : { replicas: o.replicas }),
            ...(o.autoscaling === undefined ? {} : { autoscaling: o.autoscaling }),
            ...(o.offHours === undefined ? {} : { offHours: o.offHours }),
            ...(o.expose === undefined ? {} : { expose: o.expose }),
          };
  }
  const jobs: Record<string, Job> = {};
  for (const [name, j] of Object.entries(spec.spec.jobs ?? {})) {
    const o = override?.jobs?.[name];
    jobs[name] =
      o === undefined
        ? j
        : { ...j, ...(o.image ? { image: o.image } : {}), ...(o.schedule ? { schedule: o.schedule } : {}) };
  }
  return {
    spec: { ...spec, spec: { ...spec.spec, components, jobs } },
    environment,
    namespace,
    domain: settings.domain ?? platform.spec.domain,
    minReplicas: settings.minReplicas ?? 1,
  };
}
