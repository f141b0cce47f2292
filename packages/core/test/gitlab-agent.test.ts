import type { ProgressEvent } from '@quai/contracts';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { app, QuaiError } from '../src/index.js';

const settings: app.Settings = { lang: 'fr', cluster: { userAgent: 'quai/0.1.0' }, env: {} };

async function agent(input: Record<string, unknown>, events: ProgressEvent[] = []) {
  const out = await app.withContext(settings, { progress: (e) => events.push(e) }, (ctx) =>
    app.run('gitlab.agent', input, ctx),
  );
  return out.result as {
    files: { path: string; content: string }[];
    objects: { kind: string }[];
    clusterWide: boolean;
  };
}

describe('quai gitlab agent', () => {
  it('allows groups from CI, without user access unless asked, and binds cluster-wide with a warning when no namespace is named', async () => {
    const events: ProgressEvent[] = [];
    const r = await agent({ name: 'prod', groups: ['apps', 'infra/tools'] }, events);
    expect(parse(r.files[0]!.content)).toEqual({
      ci_access: { groups: [{ id: 'apps' }, { id: 'infra/tools' }] },
    });
    expect(r.files[0]!.content.split('\n')[0]).toContain('Agent GitLab « prod »');
    expect(r.clusterWide).toBe(true);
    expect(r.objects.map((o) => o.kind)).toEqual([
      'Namespace',
      'ServiceAccount',
      'ClusterRole',
      'ClusterRole',
      'ClusterRoleBinding',
      'ClusterRoleBinding',
    ]);
    expect(events.some((e) => e.kind === 'warning')).toBe(true);
    const values = parse(r.files[2]!.content) as Record<string, unknown>;
    expect(values).toMatchObject({
      serviceAccount: { create: false, name: 'prod' },
      rbac: { create: false },
    });
  });

  it('grants no wildcard, no escalation verb, and never deletes namespaces', async () => {
    const r = await agent({ name: 'prod', projects: ['apps/grist'], appNamespaces: ['grist'] });
    const text = JSON.stringify(r.objects);
    expect(text).not.toContain('"*"');
    for (const verb of ['bind', 'escalate', 'impersonate']) expect(text).not.toContain(`"${verb}"`);
    const namespaces = (
      r.objects as unknown as { kind: string; rules?: { resources: string[]; verbs: string[] }[] }[]
    )
      .flatMap((o) => o.rules ?? [])
      .filter((rule) => rule.resources.includes('namespaces'));
    expect(namespaces.flatMap((rule) => rule.verbs)).not.toContain('delete');
    expect(r.objects.filter((o) => o.kind === 'RoleBinding')).toHaveLength(1);
  });

  it('refuses an agent no pipeline could use, and bad project paths', async () => {
    const e = await agent({ name: 'prod' }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(QuaiError);
    expect((e as QuaiError).messageIn('en')).toContain('would allow no project and no group');
    const bad = await agent({ name: 'prod', projects: ['apps/../x y'] }).catch((x: unknown) => x);
    expect((bad as QuaiError).code).toBe('INPUT_INVALID');
  });
});
