import { describe, expect, it } from 'vitest';
import {
  loadUseCase,
  loadUseCaseDomain,
  OUTCOMES,
  USE_CASE_DOMAINS,
  USE_CASES,
  useCaseDomain,
  type UseCaseId,
} from '../src/index.js';

describe('the use case table', () => {
  it('keys each use case by its own id, domain.verb', () => {
    for (const [key, spec] of Object.entries(USE_CASES)) {
      expect(spec.id).toBe(key);
      expect(key).toMatch(/^[a-z]+(\.[a-z][a-zA-Z]*)+$/);
    }
  });

  it('says what each use case does in English and French, and serves each at its own path', () => {
    const paths = new Set<string>();
    for (const spec of Object.values(USE_CASES)) {
      expect(spec.summary.en).not.toBe('');
      expect(spec.summary.fr).not.toBe(spec.summary.en);
      expect(spec.path).toMatch(/^\/[a-z][a-z0-9/-]*$/);
      expect(paths.has(spec.path), spec.path).toBe(false);
      paths.add(spec.path);
    }
  });

  it('applies request defaults: an apply of one file deploys to prod and waits', () => {
    const req = USE_CASES['deploy.apply'].request.parse({ apps: [{ file: 'app.yaml' }] });
    expect(req).toMatchObject({ environment: 'prod', prune: true, wait: true, timeoutMs: 300_000 });
  });

  it('refuses a document given both as a path and inline', () => {
    const r = USE_CASES['deploy.plan'].request.safeParse({ apps: [{ file: 'a.yaml', yaml: 'x' }] });
    expect(r.success).toBe(false);
  });

  it('maps outcomes to exit codes: findings and changes are 1, failures 7', () => {
    expect(OUTCOMES.changes.exit).toBe(1);
    expect(OUTCOMES.findings.exit).toBe(1);
    expect(OUTCOMES.failed.exit).toBe(7);
    expect(OUTCOMES.partial.exit).toBe(7);
  });

  it('loads each use case by its domain alone: the same spec as USE_CASES', async () => {
    for (const id of Object.keys(USE_CASES) as UseCaseId[]) {
      expect(await loadUseCase(id), id).toBe(USE_CASES[id]);
    }
  });

  it("loads from each domain's table only the use cases of that domain, and all of them", async () => {
    const seen = new Set<string>();
    for (const domain of USE_CASE_DOMAINS) {
      const table = await loadUseCaseDomain(domain);
      for (const id of Object.keys(table)) {
        // vulndb.* and scan.* share one file: its table holds both domains.
        if (useCaseDomain(id as UseCaseId) === domain) seen.add(id);
        expect(Object.keys(USE_CASES)).toContain(id);
      }
    }
    expect([...seen].sort()).toEqual(Object.keys(USE_CASES).sort());
  });
});
