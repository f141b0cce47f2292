import { CompareData, CompareWeights } from '@quai/contracts';
import { locationOf, readInput, schemaDiagnostics, throwIfErrors, type Diagnostic } from '../model/index.js';
import { parseYamlLocated } from '../util/index.js';
import { checkData } from './engine.js';

/**
 * Parses a weights file (`quai compare --weights`). Every problem is reported with the file,
 * line and column; unknown criteria name the known ones.
 */
export function parseWeights(text: string, file: string, data: CompareData): Record<string, number> {
  const doc = parseYamlLocated(text, { file, what: 'weights file' });
  const parsed = CompareWeights.safeParse(doc.value);
  if (!parsed.success) throwIfErrors('weights file', file, schemaDiagnostics(doc, file, parsed.error.issues));
  const weights = parsed.success ? parsed.data.weights : {};
  const known = data.criteria.map((c) => c.id);
  const diagnostics: Diagnostic[] = [];
  for (const id of Object.keys(weights)) {
    if (!known.includes(id)) {
      diagnostics.push({
        severity: 'error',
        rule: 'unknown-criterion',
        message: `unknown criterion "${id}"`,
        location: locationOf(doc, file, ['weights', id]),
        hint: `Use one of: ${known.join(', ')}.`,
      });
    }
  }
  const total = known.reduce(
    (s, id) => s + (weights[id] ?? data.criteria.find((c) => c.id === id)?.weight ?? 0),
    0,
  );
  if (diagnostics.length === 0 && total === 0) {
    diagnostics.push({
      severity: 'error',
      rule: 'all-zero',
      message: 'every criterion ends up with weight 0: nothing to compare on',
      location: locationOf(doc, file, ['weights']),
      hint: 'Give at least one criterion a weight above 0.',
    });
  }
  throwIfErrors('weights file', file, diagnostics);
  return weights;
}

export async function loadWeights(file: string, data: CompareData): Promise<Record<string, number>> {
  return parseWeights(await readInput(file, 'weights file', 64 * 1024), file, data);
}

/** Parses a comparison data file (the study's own, or one a reader wrote with other options). */
export function parseData(text: string, file: string): CompareData {
  const doc = parseYamlLocated(text, { file, what: 'comparison data file' });
  const parsed = CompareData.safeParse(doc.value);
  if (!parsed.success) {
    throwIfErrors('comparison data file', file, schemaDiagnostics(doc, file, parsed.error.issues));
  }
  const data = parsed.data as CompareData;
  throwIfErrors(
    'comparison data file',
    file,
    checkData(data).map((message) => ({
      severity: 'error' as const,
      rule: 'consistency',
      message,
      location: { file },
    })),
  );
  return data;
}

export async function loadData(file: string): Promise<CompareData> {
  return parseData(await readInput(file, 'comparison data file'), file);
}
