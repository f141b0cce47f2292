import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { runQuai, type CliResult } from './run-cli.js';

const quai = (...argv: string[]): Promise<CliResult> => runQuai(argv);

describe('quai import compose', () => {
  it('writes the app spec, the report and private secret files with --out', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'quai-import-')), 'joplin');
    const r = await quai('import', 'compose', '-f', 'examples/joplin/docker-compose.yml', '--out', out);
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['app.yaml', 'conversion-report.json', 'secrets']);
    expect(readFileSync(join(out, 'app.yaml'), 'utf8')).toContain('kind: App');
    expect(readFileSync(join(out, 'app.yaml'), 'utf8')).not.toContain('demo-joplin-password');
    const secret = join(out, 'secrets', 'joplin-app-env.env');
    expect(readFileSync(secret, 'utf8')).toContain('POSTGRES_PASSWORD=demo-joplin-password');
    expect(statSync(secret).mode & 0o777).toBe(0o600);
    expect(statSync(join(out, 'secrets')).mode & 0o777).toBe(0o700);
    expect(r.out).toContain('Conversion of examples/joplin/docker-compose.yml');
  });

  it('prints spec and report as JSON for scripts', async () => {
    const r = await quai('import', 'compose', '-f', 'examples/grist/docker-compose.yml', '-o', 'json');
    expect(r.code).toBe(0);
    const data = JSON.parse(r.out) as {
      spec: { metadata: { name: string } };
      report: { summary: Record<string, number> };
    };
    expect(data.spec.metadata.name).toBe('grist');
    expect(data.report.summary['mapped']).toBeGreaterThan(5);
  });

  it('writes nothing and exits 2 when a required variable is missing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quai-import-bad-'));
    writeFileSync(join(dir, 'docker-compose.yml'), 'services:\n  app:\n    image: app:${TAG:?set TAG}\n');
    const out = join(dir, 'out');
    const r = await quai('import', 'compose', '-f', join(dir, 'docker-compose.yml'), '--out', out);
    expect(r.code).toBe(2);
    expect(r.err).toContain('required variable TAG is not set: set TAG');
    expect(r.err).toContain('fix: Set TAG in the .env file or with --env NAME=VALUE.');
    expect(existsSync(out)).toBe(false);
  });

  it('takes variables from --env', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quai-import-env-'));
    writeFileSync(join(dir, 'docker-compose.yml'), 'services:\n  app:\n    image: app:${TAG:?set TAG}\n');
    const r = await quai('import', 'compose', '-f', join(dir, 'docker-compose.yml'), '--env', 'TAG=2.1');
    expect(r.code).toBe(0);
    expect(r.out).toContain('image: app:2.1');
  });
});

describe('quai render', () => {
  it('prints a deterministic YAML stream for an environment', async () => {
    const a = await quai(
      'render',
      'examples/annuaire/app.yaml',
      '--platform',
      'examples/platform/quai.yaml',
      '--env',
      'dev',
      '--secrets',
      'examples/annuaire/secrets',
    );
    const b = await quai(
      'render',
      'examples/annuaire/app.yaml',
      '--platform',
      'examples/platform/quai.yaml',
      '--env',
      'dev',
      '--secrets',
      'examples/annuaire/secrets',
    );
    expect(a.code).toBe(0);
    expect(a.out).toBe(b.out);
    const kinds = parseAllDocuments(a.out).map((d) => (d.toJS() as { kind: string }).kind);
    expect(kinds[0]).toBe('Namespace');
    expect(kinds).toContain('Secret');
    expect(kinds).toContain('CronJob');
  });

  it('writes one file per object and a kustomization with --out', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'quai-render-')), 'manifests');
    const r = await quai('render', 'examples/annuaire/app.yaml', '--out', out);
    expect(r.code).toBe(0);
    const files = readdirSync(out).sort();
    expect(files[0]).toBe('001-namespace-annuaire.yaml');
    expect(files).toContain('kustomization.yaml');
    expect(readFileSync(join(out, 'kustomization.yaml'), 'utf8')).toContain('001-namespace-annuaire.yaml');
    expect(r.err).toContain('note: annuaire: Secret "annuaire-ldap"');
  });

  it('reports an invalid app spec with file, line and column, exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quai-render-bad-'));
    writeFileSync(
      join(dir, 'app.yaml'),
      'apiVersion: quai.dev/v1alpha1\nkind: App\nmetadata:\n  name: Bad_Name\nspec:\n  components: {}\n',
    );
    const r = await quai('render', join(dir, 'app.yaml'));
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${join(dir, 'app.yaml')}:4:3 at metadata.name`);
    expect(r.err).toContain('an app needs at least one component');
  });

  it('names the known environments when --env is wrong', async () => {
    const r = await quai(
      'render',
      'examples/annuaire/app.yaml',
      '--platform',
      'examples/platform/quai.yaml',
      '--env',
      'preprod',
    );
    expect(r.code).toBe(2);
    expect(r.err).toContain('Known environments: dev, staging, prod.');
  });
});
