/**
 * The `quai` commands that CI runs, in the pipelines `quai gitlab ci` generates and in the GitLab
 * CI examples of the docs, are commands and flags this CLI has: a renamed flag breaks this test,
 * not a team's pipeline. (What they do is tested where each command is.)
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { app } from '@quai/core';
import { commandLineProblems, englishProgram } from './command-lines.js';

const root = resolve(import.meta.dirname, '../../..');
const program = await englishProgram();

/** Shell words of a command line (quotes kept together, unexpanded). */
function words(line: string): string[] {
  return [...line.matchAll(/"[^"]*"|'[^']*'|\S+/g)].map((m) => m[0]);
}

/** The `quai ...` commands of a job's script lines (also inside `for ...; do quai ...; done`). */
function quaiCommands(lines: readonly string[]): string[][] {
  const out: string[][] = [];
  for (const line of lines)
    for (const m of line.matchAll(/(?:^|[;&|]\s*|\bdo\s+)(quai\s[^;&|>]*)/g))
      out.push(words(m[1]!.trim()).slice(1));
  return out;
}

function scriptsOf(doc: Record<string, unknown>): string[] {
  return Object.values(doc).flatMap((job) =>
    job !== null && typeof job === 'object' && Array.isArray((job as { script?: unknown }).script)
      ? (job as { script: unknown[] }).script.filter((s): s is string => typeof s === 'string')
      : [],
  );
}

/** What is wrong with a command line: an unknown subcommand or flag. */
function problems(args: readonly string[]): string[] {
  return commandLineProblems(program, args);
}

async function generated(input: Record<string, unknown>): Promise<Record<string, unknown>> {
  const settings: app.Settings = { lang: 'en', cluster: { userAgent: 'quai/0.1.0' }, env: {} };
  const out = await app.withContext(settings, {}, (ctx) => app.run('gitlab.ci', input, ctx));
  return parse((out.result as { yaml: string }).yaml) as Record<string, unknown>;
}

describe('the quai commands CI runs', () => {
  it('exist with those flags in every generated pipeline', async () => {
    const pipelines = [
      await generated({
        kind: 'app',
        apps: ['app.yaml'],
        component: 'web',
        schedules: ['backup', 'drill', 'scan'],
      }),
      await generated({
        kind: 'app',
        apps: ['app.yaml'],
        builder: 'buildkit',
        agent: 'infra/agents:prod',
        auditExceptions: 'x.yaml',
        scanIgnoreFile: 'y.yaml',
      }),
      await generated({
        kind: 'platform',
        apps: ['apps/*/app.yaml'],
        platform: 'quai.yaml',
        schedules: ['backup'],
      }),
    ];
    const commands = pipelines.flatMap((p) => quaiCommands(scriptsOf(p)));
    expect(commands.length).toBeGreaterThan(20);
    expect(new Set(commands.map((c) => c.slice(0, 2).join(' ')))).toEqual(
      new Set([
        'gitlab pin-image',
        'vulndb status',
        'scan image',
        'render app.yaml',
        'render apps/*/app.yaml',
        'audit rendered/prod',
        'plan app.yaml',
        'plan apps/*/app.yaml',
        'apply app.yaml',
        'apply apps/*/app.yaml',
        'rollback app.yaml',
        'rollback "$QUAI_ROLLBACK_APP"',
        'backup create',
        'backup drill',
        'scan cluster',
      ]),
    );
    expect(commands.flatMap(problems)).toEqual([]);
  });

  it('exist with those flags in the GitLab CI examples of the docs, which run in Quai image', () => {
    const files = ['gitlab.md', 'scan.md', 'audit.md', 'fr/gitlab.md', 'fr/analyse-images.md', 'fr/audit.md'];
    let found = 0;
    for (const f of files) {
      const text = readFileSync(resolve(root, 'docs', f), 'utf8');
      for (const m of text.matchAll(/```yaml\n([\s\S]*?)```/g)) {
        const doc = parse(m[1]!) as Record<string, unknown> | null;
        if (doc === null || typeof doc !== 'object') continue;
        for (const job of Object.values(doc)) {
          const j = job as { image?: unknown; script?: unknown };
          if (!Array.isArray(j?.script)) continue;
          const commands = quaiCommands(j.script as string[]);
          if (commands.length === 0) continue;
          found += commands.length;
          // Quai's image, pinned, with no ENTRYPOINT surprise.
          expect(j.image, f).toEqual({
            name: expect.stringMatching(/\/quai\/quai:\d/) as unknown,
            entrypoint: [''],
          });
          expect(commands.flatMap(problems), f).toEqual([]);
        }
      }
      // The commands the docs show outside YAML too.
      for (const m of text.matchAll(/^\s*(quai gitlab [^\n\\]*)/gm))
        expect(problems(words(m[1]!).slice(1)), `${f}: ${m[1]!}`).toEqual([]);
    }
    expect(found).toBeGreaterThanOrEqual(4);
  });

  it('reports an unknown flag (the check can fail)', () => {
    expect(problems(['scan', 'image', 'x', '--ignore'])).toEqual(['quai scan image: unknown flag --ignore']);
    expect(problems(['scna', 'image'])).toEqual(['unknown command: quai scna image']);
  });
});
