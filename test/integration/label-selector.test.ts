/**
 * The API's watch cache filters a wider cache with label selectors it parses itself
 * (packages/api/src/selector.ts). The oracle is the API server: for each selector, the objects
 * it lists are exactly those the parser matches; what the parser does not accept, the server
 * refuses too (or the parser leaves it to the server).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeClient } from '@quai/core';
import { parseLabelSelector } from '../../packages/api/src/selector.js';
import { deleteNamespace, testClient, uniqueName } from './helpers.js';

let client: KubeClient;
const ns = uniqueName('quai-test-selectors');

const LABELS: Record<string, Record<string, string>> = {
  a: { app: 'web', tier: 'front', version: '3' },
  b: { app: 'web', tier: 'back', version: '10' },
  c: { app: 'db', 'example.org/role': 'primary', version: 'x' },
  d: { app: 'db', legacy: '' },
  e: {},
  f: { 'app.kubernetes.io/name': 'grist', app: 'web-2' },
};

const SELECTORS = [
  '',
  'app=web',
  'app==web',
  'app!=web',
  'app in (web,db)',
  'app notin (web)',
  'app in (web, db), tier',
  '!tier',
  'tier,!legacy',
  'legacy',
  'legacy=',
  'legacy!=',
  'example.org/role=primary',
  'app.kubernetes.io/name=grist',
  'version>4',
  'version<4',
  'app=web,tier=front',
  'app in (),tier',
  ' app = web ',
  'app=web,',
  'app in (web',
  'app=we b',
  'version>x',
];

beforeAll(async () => {
  client = await testClient();
  await client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  for (const [name, labels] of Object.entries(LABELS))
    await client.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: ns, labels } });
});
afterAll(async () => {
  await deleteNamespace(client, ns);
  client.close();
});

describe('label selectors parsed for the watch cache', () => {
  it.each(SELECTORS)('matches what the API server lists for %j', async (selector) => {
    const server = await client
      .list('v1', 'ConfigMap', { namespace: ns, labelSelector: selector })
      .then((items) => items.map((o) => o.metadata.name ?? '').sort())
      .catch((e: unknown) => `refused: ${String(e)}`);
    const matcher = parseLabelSelector(selector);
    if (matcher === undefined) return; // Left to the API server, whatever it answers.
    expect(
      typeof server === 'string' ? server : 'listed',
      `the parser accepts ${JSON.stringify(selector)}`,
    ).toBe('listed');
    // The controller-manager adds kube-root-ca.crt, with no labels, to every namespace.
    const local = Object.entries({ ...LABELS, 'kube-root-ca.crt': {} })
      .filter(([, labels]) => matcher(labels))
      .map(([name]) => name)
      .sort();
    expect(local).toEqual(server);
  });
});
