import { describe, expect, it } from 'vitest';
import { model, QuaiError } from '../src/index.js';

const header = 'apiVersion: quai.dev/v1alpha1\nkind: App\nmetadata:\n  name: shop\nspec:\n  components:\n';

async function errorOf(text: string): Promise<QuaiError> {
  const e = await model.parseAppSpec(text, 'app.yaml', { today: '2026-11-26' }).then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(e).toBeInstanceOf(QuaiError);
  return e as QuaiError;
}

describe('app spec validation', () => {
  it('locates schema errors with file, line, column and path, all at once', async () => {
    const e = await errorOf(`${header}    web:
      image: shop:1
      replicas: -2
      imagePullSecret: regcred
      ports:
        - { name: Web_Port, port: 80 }
`);
    expect(e.code).toBe('INPUT_INVALID');
    expect(e.message).toContain('3 errors');
    expect(e.message).toContain('app.yaml:9:7 at spec.components.web.replicas: error: Too small');
    expect(e.message).toContain(
      'app.yaml:10:7 at spec.components.web.imagePullSecret: error: unknown key "imagePullSecret"',
    );
    expect(e.message).toContain('spec.components.web.ports[0].name');
    expect(e.location).toMatchObject({ file: 'app.yaml', line: 12, column: 13 });
  });

  it('refuses a port exposure or probe on an undeclared port', async () => {
    const e = await errorOf(`${header}    web:
      image: shop:1
      ports: [{ name: http, port: 8080 }]
      expose: [{ host: shop, port: https }]
      probes: { readiness: { http: { path: /, port: admin } } }
`);
    expect(e.message).toContain('exposes port "https", which it does not declare');
    expect(e.message).toContain('the readiness probe of "web" uses port "admin"');
  });

  it('finds dependency cycles and dangling dependencies', async () => {
    const e = await errorOf(`${header}    a: { image: "a:1", dependsOn: [b] }
    b: { image: "b:1", dependsOn: [a, ghost] }
`);
    expect(e.message).toContain('dependency cycle: a -> b -> a');
    expect(e.message).toContain('"b" depends on "ghost", which is neither a component nor a job');
  });

  it('refuses secrets written in clear and says where they go', async () => {
    const e = await errorOf(`${header}    web: { image: "shop:1", env: { DB_PASSWORD: hunter2 } }
`);
    expect(e.message).toContain('"DB_PASSWORD" of "web" looks like a secret');
    expect(e.hint).toContain('secretEnv');
  });

  it('refuses several replicas on a single-writer volume', async () => {
    const e = await errorOf(`${header}    db:
      image: postgres:16
      replicas: 2
      volumes: [{ name: data, mountPath: /var/lib/postgresql/data }]
`);
    expect(e.message).toContain('runs several replicas on a ReadWriteOnce volume');
  });

  it('warns about mutable images and expired exceptions without failing', async () => {
    const loaded = await model.parseAppSpec(
      `${header}    web:
      image: shop:latest
      securityExceptions:
        - { allow: writableRootFilesystem, justification: "The vendor image writes its cache under /var/lib/app", expires: "2026-01-31" }
`,
      'app.yaml',
      { today: '2026-11-26' },
    );
    expect(loaded.warnings.map((w) => w.rule).sort()).toEqual(['expired-exception', 'mutable-image']);
    expect(loaded.warnings.find((w) => w.rule === 'mutable-image')?.location).toMatchObject({
      line: 8,
      column: 7,
    });
  });
});
