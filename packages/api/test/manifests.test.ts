import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ServerConfig, serverManifests } from '../src/index.js';

const configOf = (objects: ReturnType<typeof serverManifests>): unknown => {
  const map = objects.find((o) => o.kind === 'ConfigMap') as { data: Record<string, string> } | undefined;
  return parse(map?.data['serve.yaml'] ?? '');
};

describe('quai serve manifests', () => {
  // `quai serve manifests --config FILE` passes the parsed file: its durations are milliseconds
  // there, and the ConfigMap must hold a file the server can read back (it used to refuse it).
  it('writes a configuration the server reads back, durations included', () => {
    const parsed = ServerConfig.parse({
      auth: {
        tokens: [{ user: 'alice', sha256: 'a'.repeat(64) }],
        sessionTtl: '8h',
        idleTimeout: '90m',
      },
      limits: { drainTimeout: '1500ms' },
    });
    const objects = serverManifests({
      namespace: 'quai',
      image: 'registry.example/quai:0.1.0',
      storage: 'sqlite',
      replicas: 1,
      config: { auth: parsed.auth, limits: parsed.limits },
    });
    const file = configOf(objects) as { auth: Record<string, unknown>; limits: Record<string, unknown> };
    expect(file.auth['sessionTtl']).toBe('8h');
    expect(file.auth['idleTimeout']).toBe('90m');
    expect(file.limits['drainTimeout']).toBe('1500ms');
    const back = ServerConfig.parse(file);
    expect(back.auth).toEqual(parsed.auth);
    expect(back.limits).toEqual(parsed.limits);
    expect(back.storage).toEqual({ sqlite: '/var/lib/quai/quai.db' });
  });

  it("names the program: Quai's image has no entry point", () => {
    const objects = serverManifests({ namespace: 'quai', image: 'q', storage: 'postgres', replicas: 2 });
    const deployment = objects.find((o) => o.kind === 'Deployment') as
      | {
          spec: {
            replicas: number;
            template: { spec: { containers: { command?: string[]; args?: string[] }[] } };
          };
        }
      | undefined;
    expect(deployment?.spec.replicas).toBe(2);
    expect(deployment?.spec.template.spec.containers[0]?.command).toEqual(['quai']);
    expect(deployment?.spec.template.spec.containers[0]?.args?.[0]).toBe('serve');
  });
});
