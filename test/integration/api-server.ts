import { inject } from 'vitest';
import { ServerConfig, startServer, type RunningServer } from '@quai/api';

const VERSION = '9.9.9';

/**
 * `quai serve` inside the test process, on the run's cluster (or on `kubeconfig`), with `config`
 * (what a server's configuration file holds) and the environment its secrets are read from.
 */
export function startTestServer(
  config: unknown,
  options: { readonly env?: Record<string, string>; readonly kubeconfig?: string } = {},
): Promise<RunningServer> {
  const context = inject('context');
  return startServer({
    config: ServerConfig.parse(config),
    base: {
      cluster: {
        kubeconfig: options.kubeconfig ?? inject('kubeconfig'),
        ...(context === '' ? {} : { context }),
        // As a real server sends it: Quai's name and version (the audit's report names its tool so).
        userAgent: `quai/${VERSION}`,
      },
      env: options.env ?? {},
    },
    version: VERSION,
  });
}
