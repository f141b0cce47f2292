/**
 * `quai gitlab runner`: its config.toml is checked against the real GitLab Runner's configuration
 * types, read from the runner's own source (the Go module the proxy serves, the version
 * test/components/gitlab-runner/build.sh pins): every key must be a field the runner's TOML decoder
 * knows, at its place. Running the runner itself (`gitlab-runner verify` with this file) is not
 * possible here: the Go module proxy refuses the zips of several of its gitlab.com dependencies
 * (labkit/v2, step-runner, fleeting, moa, runner_wrapper/api: "403 This module version is not
 * available"), so it cannot be built; see docs/gitlab.md. Its manifests are applied to the real
 * API server, and acting as the runner's service account, a job pod is created in the jobs namespace
 * under the restricted Pod Security level, and refused elsewhere.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { app, KubeClient, loadClusterAccess, type KubeObject } from '@quai/core';
import { deleteNamespace, testClient, uniqueName } from './helpers.js';

const root = resolve(import.meta.dirname, '../..');

interface Field {
  readonly tag: string;
  readonly type: string;
}
interface GoStruct {
  readonly fields: Field[];
  readonly embedded: string[];
}

/** Every struct of a Go module's sources, by `package.Name`, with its TOML field names and embedded structs. */
function goStructs(dir: string): Map<string, GoStruct> {
  const out = new Map<string, GoStruct>();
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) {
        if (!['vendor', 'testdata', '.git'].includes(e.name)) walk(join(d, e.name));
      } else if (e.name.endsWith('.go') && !e.name.endsWith('_test.go')) {
        const text = readFileSync(join(d, e.name), 'utf8');
        const pkg = /^package (\w+)/m.exec(text)?.[1];
        if (pkg === undefined) continue;
        for (const m of text.matchAll(/^type (\w+) struct \{\n([\s\S]*?)^\}/gm)) {
          const s: GoStruct = { fields: [], embedded: [] };
          for (const line of m[2]!.split('\n')) {
            const field = /^\s*\w+\s+(\S+)\s+`([^`]*)`/.exec(line);
            if (field !== null) {
              const tag = /toml:"([^",]*)/.exec(field[2]!)?.[1];
              if (tag !== undefined && tag !== '-' && tag !== '')
                s.fields.push({ tag, type: qualify(field[1]!, pkg) });
              continue;
            }
            const embedded = /^\s*(\*?[\w.]+)\s*$/.exec(line);
            if (embedded !== null) s.embedded.push(qualify(embedded[1]!, pkg));
          }
          out.set(`${pkg}.${m[1]!}`, s);
        }
      }
    }
  };
  walk(dir);
  return out;
}

function qualify(type: string, pkg: string): string {
  const bare = type.replace(/^(\[\])?\*?/, '');
  return bare.includes('.') ? bare : `${pkg}.${bare}`;
}

/** Where a TOML document's keys do not match the Go types: `runners[0].kubernetes.nope`. */
function unknownKeys(structs: Map<string, GoStruct>, type: string, value: unknown, path: string): string[] {
  const s = structs.get(type);
  if (s === undefined) return [];
  const fields = (t: string): Field[] => {
    const st = structs.get(t);
    return st === undefined ? [] : [...st.fields, ...st.embedded.flatMap(fields)];
  };
  const all = fields(type);
  const problems: string[] = [];
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    const f = all.find((x) => x.tag === key);
    if (f === undefined) {
      problems.push(`${path}${key}`);
      continue;
    }
    if (Array.isArray(v))
      v.forEach((item, i) => problems.push(...unknownKeys(structs, f.type, item, `${path}${key}[${i}].`)));
    else if (v !== null && typeof v === 'object')
      problems.push(...unknownKeys(structs, f.type, v, `${path}${key}.`));
  }
  return problems;
}

let structs: Map<string, GoStruct>;
let client: KubeClient;
const cleanup: KubeObject[] = [];

beforeAll(() => {
  const build = readFileSync(join(root, 'test/components/gitlab-runner/build.sh'), 'utf8');
  const version = /GITLAB_RUNNER_VERSION:-([^}]+)\}/.exec(build)![1]!;
  const info = JSON.parse(
    execFileSync('go', ['mod', 'download', '-json', `gitlab.com/gitlab-org/gitlab-runner@${version}`], {
      encoding: 'utf8',
      env: { ...process.env, GOFLAGS: '', GOTOOLCHAIN: 'local' },
      cwd: '/',
    }),
  ) as { Dir: string };
  structs = goStructs(info.Dir);
}, 300_000);

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
  client?.close();
});

async function generate(input: Record<string, unknown>) {
  const settings: app.Settings = { lang: 'en', cluster: { userAgent: 'quai-test' }, env: {} };
  const out = await app.withContext(settings, {}, (ctx) => app.run('gitlab.runner', input, ctx));
  return out.result as { files: { path: string; content: string }[]; objects: KubeObject[] };
}

describe('quai gitlab runner', () => {
  it("writes a config.toml whose every key is one the real runner's configuration types hold", async () => {
    expect(structs.get('common.KubernetesConfig')?.fields.length).toBeGreaterThan(100);
    const r = await generate({
      gitlabUrl: 'https://gitlab.example.fr',
      nodeSelector: { 'node-role.example.fr/ci': 'true' },
      tolerations: { 'ci=true': 'NoSchedule' },
      podLabels: { team: 'dlsi' },
      cache: { serverAddress: 'minio.example.fr:9000', bucket: 'runner-cache' },
    });
    const config = parseToml(r.files[0]!.content);
    expect(unknownKeys(structs, 'common.Config', config, '')).toEqual([]);
    const values = r.files[2]!.content;
    const runners = parseToml((parseYaml(values) as { runners: { config: string } }).runners.config);
    expect(unknownKeys(structs, 'common.Config', runners, '')).toEqual([]);
    // The check can fail: a key the runner does not know is reported with its place.
    expect(
      unknownKeys(structs, 'common.Config', { runners: [{ kubernetes: { privilegd: false } }] }, ''),
    ).toEqual(['runners[0].kubernetes.privilegd']);
    const k = (config['runners'] as Record<string, Record<string, unknown>>[])[0]!['kubernetes']!;
    expect(k).toMatchObject({
      privileged: false,
      allow_privilege_escalation: false,
      namespace: 'gitlab-runner-jobs',
    });
  });

  it('installs on the real API server; as the runner, a restricted job pod starts in the jobs namespace only', async () => {
    client = await testClient();
    const name = uniqueName('runner').slice(0, 20);
    const r = await generate({
      name,
      gitlabUrl: 'https://gitlab.example.fr',
      namespace: `${name}-mgr`,
      jobsNamespace: `${name}-jobs`,
    });
    for (const o of r.objects.filter((x) => x.kind === 'Namespace'))
      await client.apply(o, { fieldManager: 'quai-test', dryRun: true });
    for (const o of r.objects) {
      await client.apply(o, { fieldManager: 'quai-test' });
      cleanup.push(o);
    }
    const context = inject('context');
    const access = await loadClusterAccess({
      kubeconfig: inject('kubeconfig'),
      ...(context === '' ? {} : { context }),
    });
    const asRunner = new KubeClient(access, {
      userAgent: 'quai-test',
      impersonate: {
        user: `system:serviceaccount:${name}-mgr:${name}`,
        groups: ['system:serviceaccounts', `system:serviceaccounts:${name}-mgr`, 'system:authenticated'],
      },
    });
    try {
      // A job pod as the runner builds it from config.toml: its security contexts pass `restricted`.
      const pod = (namespace: string): KubeObject => ({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'runner-job', namespace },
        spec: {
          serviceAccountName: `${name}-job`,
          securityContext: {
            runAsNonRoot: true,
            runAsUser: 1000,
            runAsGroup: 1000,
            fsGroup: 1000,
            seccompProfile: { type: 'RuntimeDefault' },
          },
          containers: [
            {
              name: 'build',
              image: 'alpine:3.22',
              securityContext: {
                privileged: false,
                allowPrivilegeEscalation: false,
                runAsNonRoot: true,
                runAsUser: 1000,
                capabilities: { drop: ['ALL'] },
              },
            },
          ],
        },
      });
      await asRunner.create(pod(`${name}-jobs`));
      const refused = await asRunner.create(pod(`${name}-mgr`)).catch((e: unknown) => e);
      expect(String((refused as Error).message)).toMatch(/forbidden/i);
    } finally {
      asRunner.close();
    }
  }, 120_000);
});
