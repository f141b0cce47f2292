// Defect 12 of issue 11: `service_healthy` on a service whose health check lives only in its
// image. The HEALTHCHECK is read from a real registry (Debian's docker-registry on loopback).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t } from '@quai/contracts';
import { onboard } from '../src/index.js';
import {
  buildLayer,
  registryAvailable,
  RegistryPusher,
  sha256,
  startRegistry,
  type TestRegistry,
} from '../../../test/components/registry.js';

let reg: TestRegistry;
let image: string;

beforeAll(async () => {
  reg = await startRegistry();
  const pusher = new RegistryPusher(reg);
  const layer = buildLayer({ 'etc/motd': 'hello\n' });
  const layerDigest = await pusher.pushBlob('vendor/db', layer);
  const config = Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      config: { Healthcheck: { Test: ['CMD-SHELL', 'pg_isready -U postgres'], Interval: 10_000_000_000 } },
      rootfs: { type: 'layers', diff_ids: [sha256(layer)] },
    }),
  );
  const configDigest = await pusher.pushBlob('vendor/db', config);
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: {
        mediaType: 'application/vnd.oci.image.config.v1+json',
        digest: configDigest,
        size: config.length,
      },
      layers: [
        { mediaType: 'application/vnd.oci.image.layer.v1.tar', digest: layerDigest, size: layer.length },
      ],
    }),
  );
  await pusher.pushManifest('vendor/db', '16', 'application/vnd.oci.image.manifest.v1+json', manifest);
  image = `${reg.host}/vendor/db:16`;
}, 120_000);

afterAll(async () => {
  await reg?.stop();
});

describe.skipIf(!registryAvailable())('health checks read from images', () => {
  it('reads the HEALTHCHECK of an image from its registry, and says which images it could not read', async () => {
    const r = await onboard.imageHealthchecks([image, `${reg.host}/vendor/missing:1`]);
    expect(r.checks.get(image)).toEqual(['CMD-SHELL', 'pg_isready -U postgres']);
    expect(r.errors.map((e) => e.image)).toEqual([`${reg.host}/vendor/missing:1`]);
  });

  it('turns it into the probes a service_healthy dependency waits on', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quai-health-'));
    writeFileSync(
      join(dir, 'compose.yaml'),
      `services:\n  app:\n    image: app:1\n    depends_on: { db: { condition: service_healthy } }\n  db:\n    image: ${image}\n`,
    );
    const project = await onboard.loadCompose({ files: [join(dir, 'compose.yaml')], projectName: 'demo' });
    const { checks } = await onboard.imageHealthchecks([image]);
    const r = onboard.convertCompose(project, { imageHealthchecks: checks });
    expect(r.spec.spec.components['db']?.probes?.readiness).toEqual({
      exec: { command: ['sh', '-c', 'pg_isready -U postgres'] },
    });
    expect(t('en', r.report.entries.find((e) => e.key === 'services.app.depends_on.db')!.detail)).toContain(
      'comes from its image',
    );
  });
});
