/**
 * The capacity simulator against the real kube-scheduler (v1.36.3) on hundreds of KWOK nodes:
 * generated scenarios (resources, node affinity, pod affinity and anti-affinity, taints and
 * tolerations, topology spreading, priorities and preemption), run wave by wave on the local
 * control plane. What is compared is written in test/components/capacity/agreement.ts; the rates
 * are printed.
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import type { KubeClient } from '@quai/core';
import {
  compareWave,
  ensurePriorityClasses,
  generateScenarios,
  PRIORITY_CLASSES,
  percent,
  runWave,
  summary,
  type ScenarioResult,
  type WaveRun,
} from '../components/capacity/agreement.js';
import { testClient, uniqueName } from './helpers.js';

const external = (process.env['QUAI_TEST_KUBECONFIG'] ?? '') !== '';
const SCENARIOS = Number(process.env['QUAI_CAPACITY_SCENARIOS'] ?? 210);
const WAVE = 70;
/** Runs again of a wave whose nodes were disturbed (see runWave's disturbances). */
const RERUNS = 2;

let client: KubeClient;

function keepLog(run: WaveRun): string {
  const file = join(tmpdir(), `${run.namespace}-kube-scheduler.log`);
  writeFileSync(file, run.log);
  return file;
}

beforeAll(async () => {
  client = await testClient({ qps: 200, burst: 400 });
  if (!external) await ensurePriorityClasses(client);
});

afterAll(async () => {
  if (!external) {
    for (const c of PRIORITY_CLASSES) {
      await client
        .delete({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', name: c.name })
        .catch(() => undefined);
    }
  }
  client.close();
});

describe.skipIf(external)('the scheduling simulator against kube-scheduler on KWOK nodes', () => {
  it(
    `agrees with the real scheduler on every scheduling cycle of ${SCENARIOS} generated scenarios`,
    async () => {
      const scenarios = generateScenarios(SCENARIOS, 20261205);
      const results: ScenarioResult[] = [];
      // A wave during which a scenario node was not Ready or carried a node lifecycle taint (a
      // loaded machine delays KWOK's lease renewals past the node monitor's grace period) is not
      // a comparison: the real scheduler saw nodes the simulator did not. It is reported, its
      // disagreements shown apart, and run again; a wave disturbed every time is left out and
      // named, and at least two thirds of the scenarios must have been compared.
      const disturbed: string[] = [];
      let disturbedRuns = 0;
      let nodes = 0;
      for (let i = 0; i < scenarios.length; i += WAVE) {
        const wave = scenarios.slice(i, i + WAVE);
        const n = i / WAVE + 1;
        const waveNodes = wave.reduce((s, x) => s + x.nodes.length, 0);
        nodes = Math.max(nodes, waveNodes);
        for (let attempt = 1; ; attempt++) {
          const run = await runWave(client, inject('kubeconfig'), uniqueName('quai-test-cap'), wave);
          const compared = compareWave(run);
          // The scheduler's log of a wave with a disagreement or a disturbance is kept for study.
          const kept =
            run.disturbances.length > 0 || compared.some((r) => r.disagreements.length > 0)
              ? keepLog(run)
              : undefined;
          const said = `[capacity] wave ${n}${attempt > 1 ? ` (run ${attempt})` : ''}: ${wave.length} scenarios, ${waveNodes} KWOK nodes, ${run.seconds.toFixed(0)} s`;
          if (run.disturbances.length === 0) {
            process.stdout.write(`${said}${kept === undefined ? '' : `; scheduler log in ${kept}`}\n`);
            results.push(...compared);
            break;
          }
          disturbedRuns++;
          const lost = compared.reduce((s, r) => s + r.disagreements.length, 0);
          process.stdout.write(
            `${said}, DISTURBED (${run.disturbances.length} node events; ${lost} disagreements not counted; scheduler log in ${kept ?? '-'}):\n` +
              run.disturbances
                .slice(0, 12)
                .map((d) => `[capacity]   ${d}\n`)
                .join(''),
          );
          if (attempt === 1 + RERUNS) {
            disturbed.push(`wave ${n} (${wave[0]?.id}..${wave.at(-1)?.id})`);
            break;
          }
        }
      }
      const disagreements = results.flatMap((r) => r.disagreements);
      const cycles = results.reduce((s, r) => s + r.cycles, 0);
      const agreed = results.reduce((s, r) => s + r.agreedCycles, 0);
      process.stdout.write(
        `\n[capacity] simulator vs kube-scheduler v1.36.3 (${results.length} scenarios, up to ${nodes} KWOK nodes at once)\n` +
          `${summary(results)}\n` +
          `agreed = the real node is among the simulator's best-scored nodes, or both leave the pod pending with the same preemption decision and victims\n` +
          `pending / per-node / per-zone = the simulator alone (its own tie-breaks) gives the same pending set / pods per node (sorted) / pods per zone\n` +
          `with ties = some tie-breaking and retry timing of the simulator reproduces all three exactly\n` +
          `decision agreement: ${agreed}/${cycles} = ${percent(agreed, cycles)}\n` +
          `preemptions whose victims differ only among pods kube-scheduler cannot tell apart (same group and priority, start times tied or not yet known to it): ${results.reduce((s, r) => s + r.interchangeableVictims, 0)} of ${results.reduce((s, r) => s + r.preemptions, 0)}\n` +
          `disturbed wave runs (nodes not Ready or tainted by the node lifecycle controller, run again): ${disturbedRuns}` +
          `; left out: ${disturbed.length === 0 ? 'none' : disturbed.join(', ')}\n`,
      );
      for (const d of disagreements.slice(0, 30))
        process.stdout.write(`[capacity] disagreement ${JSON.stringify(d)}\n`);
      // Every disagreement is printed above for study. Two runs on a loaded machine gave 100% and
      // 99.9% (5 of 4,104 cycles: a preemption's victims, one placement); the bar is 99.5%.
      expect(agreed / cycles, `${disagreements.length} disagreements`).toBeGreaterThanOrEqual(0.995);
      expect(
        results.length,
        `waves disturbed on every run, left out: ${disturbed.join(', ')}`,
      ).toBeGreaterThanOrEqual(Math.ceil((SCENARIOS * 2) / 3));
      expect(cycles).toBeGreaterThan(results.length * 5);
      expect(results.reduce((s, r) => s + r.preemptions, 0)).toBeGreaterThan(0);
      // The simulator alone, with 60 tie-breakings and two retry timings, reproduces the final
      // outcome of nearly every scenario. The few it may not are named: every cycle of theirs
      // agreed above, so what differs is when the real scheduler retried a pending pod (its
      // backoff clock, which a loaded machine stretches), not a decision.
      const notReproduced = results.filter((r) => !r.reproducedWithTies).map((r) => r.id);
      if (notReproduced.length > 0)
        process.stdout.write(`[capacity] final outcome not reproduced alone: ${notReproduced.join(', ')}\n`);
      expect(notReproduced.length).toBeLessThanOrEqual(Math.ceil(results.length * 0.03));
    },
    45 * 60_000,
  );
});
