// Golden files for import and render: examples/<app>/golden/. They change only on purpose:
// review the diff, then run `npx vitest run -u packages/core/test/golden.test.ts`.
import { existsSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { model, onboard, render } from '../src/index.js';

const examples = readdirSync('examples')
  .filter((d) => existsSync(`examples/${d}/docker-compose.yml`))
  .sort();

describe.each(examples)('example %s', (name) => {
  it('imports to the golden app spec and report', async () => {
    const project = await onboard.loadCompose({ files: [`examples/${name}/docker-compose.yml`] });
    const result = onboard.convertCompose(project, { team: 'dlsi' });
    await expect(onboard.appSpecYaml(result.spec)).toMatchFileSnapshot(
      `../../../examples/${name}/golden/app.yaml`,
    );
    await expect(onboard.formatReport(result.report)).toMatchFileSnapshot(
      `../../../examples/${name}/golden/report.txt`,
    );
  });

  it('renders to the golden manifests for prod', async () => {
    const project = await onboard.loadCompose({ files: [`examples/${name}/docker-compose.yml`] });
    const { spec } = onboard.convertCompose(project, { team: 'dlsi' });
    const platform = (await model.loadPlatform('examples/platform/quai.yaml')).value;
    const result = render.render({ app: spec, platform, environment: 'prod' });
    await expect(render.toYamlStream(result.objects)).toMatchFileSnapshot(
      `../../../examples/${name}/golden/manifests.prod.yaml`,
    );
  });
});

describe('example annuaire (a hand-written app spec)', () => {
  it('renders to the golden manifests for dev and prod', async () => {
    const app = (await model.loadAppSpec('examples/annuaire/app.yaml', { today: '2026-11-26' })).value;
    const platform = (await model.loadPlatform('examples/platform/quai.yaml')).value;
    for (const environment of ['dev', 'prod']) {
      const result = render.render({ app, platform, environment });
      await expect(render.toYamlStream(result.objects)).toMatchFileSnapshot(
        `../../../examples/annuaire/golden/manifests.${environment}.yaml`,
      );
    }
  });
});
