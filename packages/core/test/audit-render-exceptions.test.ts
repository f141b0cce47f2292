/**
 * `quai audit` honours the security exceptions `quai render` declares (issue 11, defect 14): the
 * findings an exception causes are reported as accepted, with its justification and expiry, and
 * nothing else is: another capability, another host namespace or a missing `drop: ["ALL"]` next
 * to an excepted capability still fail.
 */
import { describe, expect, it } from 'vitest';
import { t, type AppSpec, type SecurityException } from '@quai/contracts';
import { audit, model, render, type KubeObject } from '../src/index.js';

const NOW = new Date('2026-11-26T12:00:00Z');
const platform = model.parsePlatform(
  `apiVersion: quai.dev/v1alpha1
kind: Platform
metadata: { name: test }
spec:
  domain: apps.example.org
  ingressClass: nginx
  tlsIssuer: internal-ca
  environments:
    prod: { minReplicas: 2 }
`,
  'quai.yaml',
).value;

function rendered(exceptions: SecurityException[]): readonly KubeObject[] {
  const app: AppSpec = {
    apiVersion: 'quai.dev/v1alpha1',
    kind: 'App',
    metadata: { name: 'vpn', team: 'net' },
    spec: {
      components: {
        gateway: {
          image: 'registry.example.org/vpn/gateway:2.1.0',
          ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
          securityExceptions: exceptions,
        },
      },
    },
  };
  return render.render({ app, platform, environment: 'prod' }).objects;
}

function gatewayFindings(objects: readonly KubeObject[]): audit.Finding[] {
  return audit
    .auditObjects(objects, { now: NOW, level: 'restricted' })
    .findings.filter((f) => f.object.kind === 'Deployment' && f.object.name === 'gateway');
}

describe('exceptions written by quai render', () => {
  it('are reported as accepted with their justification, and without an expiry when none is given', () => {
    const objects = rendered([
      { allow: 'runAsRoot', justification: 'The vendor image starts as root (ticket NET-7)' },
      {
        allow: 'capability:NET_ADMIN',
        justification: 'Routes VPN traffic (ticket NET-8)',
        expires: '2027-06-30',
      },
    ]);
    const f = gatewayFindings(objects);
    const accepted = f
      .filter((x) => x.suppressed !== undefined)
      .map((x) => `${x.checkId}: ${x.suppressed?.justification}`);
    expect(accepted).toEqual(
      expect.arrayContaining([
        'PSS-runAsNonRoot: The vendor image starts as root (ticket NET-7)',
        'PSS-runAsUser: The vendor image starts as root (ticket NET-7)',
        'QUAI-BP-020: The vendor image starts as root (ticket NET-7)',
        'PSS-capabilities_restricted: Routes VPN traffic (ticket NET-8)',
        'QUAI-BP-023: Routes VPN traffic (ticket NET-8)',
      ]),
    );
    const root = f.find((x) => x.checkId === 'PSS-runAsNonRoot');
    expect(root?.suppressed).toEqual({
      justification: 'The vendor image starts as root (ticket NET-7)',
      source: 'annotation quai.dev/exception.runAsRoot',
    });
    // Nothing the exceptions do not name is accepted, and the rendered app fails nothing else.
    expect(f.filter((x) => x.suppressed === undefined && ['high', 'critical'].includes(x.severity))).toEqual(
      [],
    );
    const text = audit.renderText(audit.auditObjects(objects, { now: NOW }));
    expect(text).toContain('[accepted with no expiry: The vendor image starts as root (ticket NET-7)]');
  });

  it('accept only the allowed field: another capability beside the excepted one still fails', () => {
    const objects = rendered([
      { allow: 'capability:NET_ADMIN', justification: 'Routes VPN traffic (ticket NET-8)' },
    ]);
    const deployment = objects.find((o) => o.kind === 'Deployment') as KubeObject & Record<string, any>;
    deployment.spec.template.spec.containers[0].securityContext.capabilities.add.push('SYS_ADMIN');
    const f = gatewayFindings(objects);
    const caps = f.filter((x) => x.checkId.includes('capabilities') || x.checkId === 'QUAI-BP-023');
    expect(
      caps.map((x) => `${x.checkId} ${x.suppressed === undefined ? 'fails' : 'accepted'} ${x.path ?? ''}`),
    ).toEqual([
      'QUAI-BP-023 accepted spec.template.spec.containers[0].securityContext.capabilities.add[0]',
      'QUAI-BP-023 fails spec.template.spec.containers[0].securityContext.capabilities.add[1]',
      'PSS-capabilities_restricted fails spec.template.spec.containers[0].securityContext.capabilities.add[0]',
    ]);
  });

  it('report an expired one, and a malformed one, instead of accepting silently', () => {
    const objects = rendered([
      { allow: 'hostNetwork', justification: 'Binds the VPN port on the node', expires: '2026-01-31' },
    ]);
    const deployment = objects.find((o) => o.kind === 'Deployment') as KubeObject & Record<string, any>;
    const annotations = deployment.spec.template.metadata.annotations as Record<string, string>;
    annotations['quai.dev/exception.hostNetwork'] =
      `2026-01-31; ${annotations['quai.dev/exception.hostNetwork'] ?? ''}`;
    annotations['quai.dev/exception.hostEverything'] = 'Please';
    const f = gatewayFindings(objects);
    const host = f.find((x) => x.checkId === 'PSS-hostNamespaces');
    expect(host?.suppressed).toBeUndefined();
    expect(f.map((x) => `${x.checkId} ${t('en', x.message)}`)).toEqual(
      expect.arrayContaining([
        'QUAI-EXC-001 The exception for PSS-hostNamespaces (annotation quai.dev/exception.hostNetwork) expired on 2026-01-31: "Binds the VPN port on the node".',
        'QUAI-EXC-002 The exception annotation "quai.dev/exception.hostEverything" is ignored: "hostEverything" is not an allowance render knows.',
      ]),
    );
  });
});
