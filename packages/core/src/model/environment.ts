import type { AppSpec, Component, Job, PlatformConfig } from '@quai/contracts';
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
 * Applies an environment's overrides (the app's, then the platform's settings) to an app spec.
 * Pure: the same inputs always give the same result.
 */
export function resolveEnvironment(
  spec: AppSpec,
  platform: PlatformConfig,
  environment: string,
): ResolvedApp {
  const settings = platform.spec.environments[environment];
  if (settings === undefined) {
    throw new QuaiError('USAGE', `The platform defines no environment "${environment}".`, {
      hint: `Known environments: ${Object.keys(platform.spec.environments).join(', ')}.`,
    });
  }
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
  const base = spec.spec.namespace ?? spec.metadata.name;
  const namespace = `${base}${settings.namespaceSuffix}`;
  if (namespace.length > 63) {
    throw new QuaiError('INPUT_INVALID', `Namespace "${namespace}" is longer than 63 characters.`, {
      hint: 'Shorten the app name or set spec.namespace.',
    });
  }
  return {
    spec: { ...spec, spec: { ...spec.spec, components, jobs } },
    environment,
    namespace,
    domain: settings.domain ?? platform.spec.domain,
    minReplicas: settings.minReplicas ?? 1,
  };
}
