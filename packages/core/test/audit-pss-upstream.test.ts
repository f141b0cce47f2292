/**
 * Every fixture of the upstream Pod Security Admission tests (k8s.io/pod-security-admission
 * v0.36.3, test/testdata: 4,241 pods over both levels and every policy version from v1.0 to
 * v1.35), evaluated at its level and version: pods under `pass/` must raise nothing, pods under
 * `fail/` must raise the check they are named after.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { audit } from '../src/index.js';

const dir = new URL('./fixtures/audit/pss-upstream-v0.36.3/', import.meta.url);
const index = JSON.parse(readFileSync(new URL('index.json', dir), 'utf8')) as Record<string, string[]>;

const OVERRIDDEN_BY: Readonly<Record<string, string>> = Object.fromEntries(
  audit.PSS_CHECKS.flatMap((c) => (c.overrides ?? []).map((o) => [o.toLowerCase(), c.id.toLowerCase()])),
);

describe('Pod Security Standards against the upstream fixtures', () => {
  it('passes every pass fixture and fails every fail fixture on its own check', { timeout: 60_000 }, () => {
    const wrong: string[] = [];
    let count = 0;
    for (const [hash, paths] of Object.entries(index)) {
      const pod = parse(readFileSync(new URL(`files/${hash}.yaml`, dir), 'utf8')) as {
        metadata: Record<string, unknown>;
        spec: Record<string, unknown>;
      };
      for (const path of paths) {
        const [level, version, outcome, file] = path.split('/') as [string, string, string, string];
        const v = audit.parsePssVersion(version);
        if (v === undefined || (level !== 'baseline' && level !== 'restricted')) throw new Error(path);
        const checks = audit.evaluatePodSecurity(pod, level, v).map((x) => x.check.toLowerCase());
        const named = file.replace(/\d*\.yaml$/, '');
        count++;
        if (outcome === 'pass' && checks.length > 0) wrong.push(`${path}: ${checks.join(', ')}`);
        // Under restricted, a baseline check may be replaced by the restricted check that overrides it.
        const overrider = OVERRIDDEN_BY[named];
        const raised =
          checks.includes(named) ||
          (level === 'restricted' && overrider !== undefined && checks.includes(overrider));
        if (outcome === 'fail' && !raised) wrong.push(`${path}: got ${checks.join(', ') || 'nothing'}`);
      }
    }
    expect(count).toBe(4241);
    expect(wrong, wrong.slice(0, 20).join('\n')).toEqual([]);
  });
});
