import { describe, expect, it } from 'vitest';
import { USE_CASE_PATHS as LIGHT } from '../src/catalog.js';
import { USE_CASE_PATHS, USE_CASES } from '../src/index.js';

describe('the routes of the use cases without their schemas', () => {
  it('name every use case with the path USE_CASES gives it (add a new use case to use-case-paths.ts)', () => {
    const expected = Object.fromEntries(Object.entries(USE_CASES).map(([id, spec]) => [id, spec.path]));
    expect(USE_CASE_PATHS).toEqual(expected);
    expect(LIGHT).toBe(USE_CASE_PATHS);
  });
});
