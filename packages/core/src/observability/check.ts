import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { msg } from '@quai/contracts';
import { QuaiError } from '../errors/index.js';
import type { PrometheusRule } from './rules.js';

export interface RuleCheck {
  readonly name: string;
  readonly groups: number;
  readonly rules: number;
  /** What Prometheus's own parser said, empty when the rules are valid. */
  readonly errors: readonly string[];
}

/** The Prometheus rule file inside a PrometheusRule: its spec, as is. */
export function ruleFileText(rule: PrometheusRule): string {
  return stringify({ groups: rule.spec.groups }, { lineWidth: 0 });
}

/**
 * Checks rule files with a checker built from Prometheus's rule-format library (the parser of
 * `promtool check rules`): `checker FILE...` prints one JSON object per file,
 * `{ file, groups, rules, errors }`. test/components/promrules builds one; promtool itself is not
 * needed.
 */
export async function checkRules(
  files: readonly { readonly name: string; readonly text: string }[],
  checker: string,
): Promise<RuleCheck[]> {
  const dir = await mkdtemp(join(tmpdir(), 'quai-rules-'));
  try {
    const paths = await Promise.all(
      files.map(async (f, i) => {
        const path = join(dir, `${i}.yaml`);
        await writeFile(path, f.text);
        return path;
      }),
    );
    const stdout = await new Promise<string>((resolve, reject) => {
      execFile(checker, paths, { maxBuffer: 16 * 1024 * 1024 }, (error, out) => {
        // Exit code 1 means "some file has errors": the report is on stdout all the same.
        if (error !== null && (error as { code?: unknown }).code !== 1) {
          reject(
            new QuaiError(
              'PREREQUISITE_MISSING',
              msg('observability.checkerFailed', { checker, reason: error.message }),
              {
                hint: msg('observability.checkerFailedHint'),
                cause: error,
              },
            ),
          );
          return;
        }
        resolve(out);
      });
    });
    const byPath = new Map<string, { groups: number; rules: number; errors: string[] }>();
    for (const line of stdout.split('\n')) {
      if (line.trim() === '') continue;
      const r = JSON.parse(line) as { file: string; groups: number; rules: number; errors: string[] };
      byPath.set(r.file, r);
    }
    return files.map((f, i) => {
      const path = paths[i] ?? '';
      const r = byPath.get(path);
      return {
        name: f.name,
        groups: r?.groups ?? 0,
        rules: r?.rules ?? 0,
        errors:
          r === undefined ? ['the checker gave no result'] : r.errors.map((e) => e.replace(`${path}: `, '')),
      };
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
