/**
 * Pod Security Standards on workloads, end to end: in a namespace that enforces restricted, the
 * controllers of the real control plane try to create the pods of each pod-bearing kind. The
 * checks named in their FailedCreate events must be those Quai finds in the pod template, and
 * compliant templates must get their pods.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit, waitFor, type KubeClient, type KubeObject } from '@quai/core';
import { createNamespace, deleteNamespace, testClient } from './helpers.js';
import { t } from '@quai/contracts';

type Json = Record<string, unknown>;

let client: KubeClient;
let ns: string;

beforeAll(async () => {
  client = await testClient({ qps: 0 });
  ns = await createNamespace(client, { 'pod-security.kubernetes.io/enforce': 'restricted' });
});

afterAll(async () => {
  await deleteNamespace(client, ns);
  client.close();
});

function template(name: string, compliant: boolean, restartPolicy?: string): Json {
  return {
    metadata: { labels: { app: name } },
    spec: {
      ...(restartPolicy === undefined ? {} : { restartPolicy }),
      securityContext: compliant
        ? { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } }
        : { runAsUser: 0 },
      containers: [
        {
          name: 'main',
          image: 'registry.example/app:1.0',
          securityContext: compliant
            ? { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } }
            : { capabilities: { add: ['NET_RAW'] } },
        },
      ],
    },
  };
}

function workload(kind: string, name: string, compliant: boolean): KubeObject {
  const selector = { matchLabels: { app: name } };
  const metadata = { name, namespace: ns };
  switch (kind) {
    case 'Deployment':
    case 'ReplicaSet':
      return {
        apiVersion: 'apps/v1',
        kind,
        metadata,
        spec: { replicas: 1, selector, template: template(name, compliant) },
      };
    case 'StatefulSet':
      return {
        apiVersion: 'apps/v1',
        kind,
        metadata,
        spec: { replicas: 1, serviceName: name, selector, template: template(name, compliant) },
      };
    case 'DaemonSet':
      return {
        apiVersion: 'apps/v1',
        kind,
        metadata,
        spec: { selector, template: template(name, compliant) },
      };
    case 'Job':
      return {
        apiVersion: 'batch/v1',
        kind,
        metadata,
        spec: { backoffLimit: 0, template: template(name, compliant, 'Never') },
      };
    case 'ReplicationController':
      return {
        apiVersion: 'v1',
        kind,
        metadata,
        spec: { replicas: 1, selector: { app: name }, template: template(name, compliant) },
      };
    default:
      throw new Error(kind);
  }
}

/** The forbidden reasons of an event message, as the API server words them. */
function reasons(message: string): string[] {
  const m = /violates PodSecurity "[^"]+": (.*)$/s.exec(message);
  const text = m?.[1] ?? '';
  const out: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    current += ch;
    if (depth === 0 && current.endsWith(', ')) {
      out.push(current.slice(0, -2));
      current = '';
    }
  }
  if (current !== '') out.push(current);
  return out.map((s) => s.slice(0, s.indexOf(' (')).trim()).sort();
}

const KINDS = ['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'ReplicationController'];

describe('Pod Security Standards on workloads, through the real controllers', () => {
  it('finds in each template the checks the API server names when the controller creates pods', async () => {
    const created: { kind: string; name: string; object: KubeObject; compliant: boolean }[] = [];
    for (const kind of KINDS) {
      for (const compliant of [false, true]) {
        const name = `${kind.toLowerCase()}-${compliant ? 'ok' : 'bad'}`;
        const object = workload(kind, name, compliant);
        await client.create(object);
        created.push({ kind, name, object, compliant });
      }
    }
    for (const c of created) {
      const report = audit.auditObjects([c.object], {
        pssVersion: 'v1.36',
        categories: ['pod-security'],
      });
      const quai = report.findings.map((f) => /^(.*?) \(/.exec(t('en', f.message))?.[1] ?? '').sort();
      if (c.compliant) {
        expect(quai, c.name).toEqual([]);
        const pod = await waitFor(
          async () => (await client.list('v1', 'Pod', { namespace: ns, labelSelector: `app=${c.name}` }))[0],
          { timeoutMs: 60_000, what: `a pod of ${c.kind} ${c.name}` },
        );
        expect(pod.metadata.name, c.name).toBeDefined();
      } else {
        const event = await waitFor(
          async () =>
            (await client.list('v1', 'Event', { namespace: ns })).find(
              (e) =>
                String((e as unknown as { message?: string }).message ?? '').includes(
                  'violates PodSecurity',
                ) &&
                String(
                  (e as unknown as { involvedObject?: { name?: string } }).involvedObject?.name ?? '',
                ).startsWith(c.name),
            ),
          { timeoutMs: 60_000, what: `the FailedCreate event of ${c.kind} ${c.name}` },
        );
        const message = String((event as unknown as { message: string }).message);
        expect(quai, `${c.kind}: ${message}`).toEqual(reasons(message));
        expect(quai.length).toBeGreaterThanOrEqual(4);
      }
    }
  });
});
