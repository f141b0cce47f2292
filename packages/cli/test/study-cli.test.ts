import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runQuai } from './run-cli.js';

const EXAMPLE = new URL('../../../docs/examples/cluster-inventory.yaml', import.meta.url).pathname;

describe('quai compare', () => {
  it('ranks the options and names the winner and the weight changes that would change it', async () => {
    const r = await runQuai(['compare']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^rank {2}option/);
    expect(r.out).toContain('Winner: RKE2');
    expect(r.out).toContain('Smallest single change that changes the winner:');
  });

  it('takes a weights file, and prints JSON with -o json', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quai-compare-'));
    const file = join(dir, 'w.yaml');
    writeFileSync(
      file,
      'apiVersion: quai.dev/v1alpha1\nkind: CompareWeights\nweights:\n  security: 0\n  operability: 10\n',
    );
    const r = await runQuai(['compare', '--weights', file, '-o', 'json']);
    expect(r.code).toBe(0);
    const body = JSON.parse(r.out) as { ranking: { winners: string[] } };
    expect(body.ranking.winners).toEqual(['k3s']);
  });

  it('refuses a bad weights file with exit code 2, the position and the known criteria', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quai-compare-'));
    const file = join(dir, 'w.yaml');
    writeFileSync(file, 'apiVersion: quai.dev/v1alpha1\nkind: CompareWeights\nweights:\n  price: 3\n');
    const r = await runQuai(['compare', '--weights', file]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${file}:4:3 at weights.price: error: unknown criterion "price"`);
    expect(r.err).toContain('Use one of: cost, longevity');
  });

  it('writes Markdown and HTML, in French on request', async () => {
    const md = await runQuai(['compare', '--format', 'markdown', '--lang', 'fr', '--details']);
    expect(md.out).toContain('| 1 | RKE2 | 4,53 |');
    expect(md.out).toContain('### Sources');
    const html = await runQuai(['compare', '--format', 'html']);
    expect(html.out).toContain('<html lang="en">');
  });

  it('prints its data, which --data reads back unchanged', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quai-compare-'));
    const data = await runQuai(['compare', '--print-data']);
    writeFileSync(join(dir, 'data.yaml'), data.out);
    const a = await runQuai(['compare']);
    const b = await runQuai(['compare', '--data', join(dir, 'data.yaml')]);
    expect(b.code).toBe(0);
    expect(b.out).toBe(a.out);
  });
});

describe('quai cluster plan', () => {
  it('prints the checklist of the documented example', async () => {
    const r = await runQuai(['cluster', 'plan', EXAMPLE]);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toContain('# Install checklist: cluster prod (RKE2)');
  });

  it('writes one folder per node with private configuration files', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'quai-plan-')), 'plan');
    const r = await runQuai(['cluster', 'plan', EXAMPLE, '--out', out, '--lang', 'fr']);
    expect(r.code).toBe(0);
    expect(readFileSync(join(out, 'checklist.md'), 'utf8')).toContain("Liste de contrôle d'installation");
    const config = join(out, 'k8s-cp-1/etc/rancher/rke2/config.yaml');
    expect(statSync(config).mode & 0o777).toBe(0o600);
    expect(statSync(join(out, 'k8s-cp-1/install-files.sh')).mode & 0o777).toBe(0o755);
  });

  it('writes nothing and exits 2 on a bad inventory, naming the line and the fix', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quai-plan-'));
    const file = join(dir, 'inventory.yaml');
    writeFileSync(
      file,
      readFileSync(EXAMPLE, 'utf8').replace(
        'name: k8s-cp-3, role: control-plane',
        'name: k8s-cp-3, role: worker',
      ),
    );
    const out = join(dir, 'plan');
    const r = await runQuai(['cluster', 'plan', file, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(
      new RegExp(`${file}:\\d+:\\d+ at spec\\.nodes\\[1\\]\\.role: error: 2 control-plane nodes`),
    );
    expect(r.err).toContain('fix: Use 1 or 3 control-plane nodes');
    expect(existsSync(out)).toBe(false);
  });
});

describe('quai compare and quai cluster plan in French', () => {
  it('explains a bad inventory in French, with each fix', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quai-plan-'));
    const file = join(dir, 'inventaire.yaml');
    writeFileSync(
      file,
      readFileSync(EXAMPLE, 'utf8').replace('podCidr: 10.42.0.0/16', 'podCidr: 10.49.0.0/16'),
    );
    const r = await runQuai(['cluster', 'plan', file, '--lang', 'fr']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('inventaire de cluster');
    expect(r.err).toContain('chevauche le réseau existant « serveurs » (10.49.0.0/16)');
    expect(r.err).toContain('correction : Choisissez une plage');
  });

  it('ranks in French and prints JSON with French texts where the result carries messages', async () => {
    const r = await runQuai(['compare', '--lang', 'fr']);
    expect(r.out).toContain('Solution retenue : RKE2 (4,53 / 5)');
    const plan = await runQuai(['cluster', 'plan', EXAMPLE, '--lang', 'fr', '-o', 'json']);
    const body = JSON.parse(plan.out) as { firewall: { purpose: string }[]; checklist: string };
    expect(body.firewall[0]?.purpose).toBe('API Kubernetes');
    expect(body.checklist).toContain("Liste de contrôle d'installation");
  });
});
