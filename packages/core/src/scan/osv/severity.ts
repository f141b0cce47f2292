import type { OsvAffected, OsvRecord } from './schema.js';

/*
 * One severity per finding, from what the record gives, in this order: a CVSS v3.x vector (its
 * base score, computed with the CVSS 3.1 formula, for the affected package first, then the
 * record), the advisory database's own rating (GitHub's database_specific.severity, Ubuntu's
 * priority, Debian's urgency), else "unknown". CVSS v4 and v2 vectors are kept as given.
 */

export type SeverityLevel = 'critical' | 'high' | 'medium' | 'low' | 'none' | 'unknown';

export interface Severity {
  readonly level: SeverityLevel;
  /** Where the level comes from: CVSS_V3, GHSA, Ubuntu, Debian urgency, ... */
  readonly source: string;
  readonly score?: number;
  readonly vector?: string;
}

const WEIGHTS = {
  AV: { N: 0.85, A: 0.62, L: 0.55, P: 0.2 },
  AC: { L: 0.77, H: 0.44 },
  UI: { N: 0.85, R: 0.62 },
  CIA: { H: 0.56, L: 0.22, N: 0 },
} as const;

/** CVSS 3.1 "Roundup": the smallest number, to one decimal, at or above the input. */
function roundUp(x: number): number {
  const i = Math.round(x * 100_000);
  return i % 10_000 === 0 ? i / 100_000 : (Math.floor(i / 10_000) + 1) / 10;
}

/** The base score of a CVSS v3.0 or v3.1 vector, or undefined when the vector is not one. */
const scores = new Map<string, number | undefined>();

/** The CVSS v3 base score of a vector (computed once per distinct vector). */
export function cvss3BaseScore(vector: string): number | undefined {
  if (scores.has(vector)) return scores.get(vector);
  const score = computeCvss3BaseScore(vector);
  if (scores.size < 100_000) scores.set(vector, score);
  return score;
}

function computeCvss3BaseScore(vector: string): number | undefined {
  const m = /^CVSS:3\.[01]\/(.*)$/.exec(vector.trim());
  if (m === null) return undefined;
  const metrics = new Map<string, string>();
  for (const part of m[1]!.split('/')) {
    const [k, val] = part.split(':');
    if (k === undefined || val === undefined) return undefined;
    metrics.set(k, val);
  }
  const get = <T extends Record<string, number>>(key: string, table: T): number | undefined => {
    const val = metrics.get(key);
    return val !== undefined && Object.hasOwn(table, val) ? table[val as keyof T] : undefined;
  };
  const scope = metrics.get('S');
  const av = get('AV', WEIGHTS.AV);
  const ac = get('AC', WEIGHTS.AC);
  const ui = get('UI', WEIGHTS.UI);
  const pr = get('PR', scope === 'C' ? { N: 0.85, L: 0.68, H: 0.5 } : { N: 0.85, L: 0.62, H: 0.27 });
  const c = get('C', WEIGHTS.CIA);
  const i = get('I', WEIGHTS.CIA);
  const a = get('A', WEIGHTS.CIA);
  if (scope !== 'U' && scope !== 'C') return undefined;
  if (av === undefined || ac === undefined || ui === undefined || pr === undefined) return undefined;
  if (c === undefined || i === undefined || a === undefined) return undefined;
  const iss = 1 - (1 - c) * (1 - i) * (1 - a);
  const impact = scope === 'U' ? 6.42 * iss : 7.52 * (iss - 0.029) - 3.25 * (iss - 0.02) ** 15;
  const exploitability = 8.22 * av * ac * pr * ui;
  if (impact <= 0) return 0;
  return scope === 'U'
    ? roundUp(Math.min(impact + exploitability, 10))
    : roundUp(Math.min(1.08 * (impact + exploitability), 10));
}

export function levelOfScore(score: number): SeverityLevel {
  if (score === 0) return 'none';
  if (score < 4) return 'low';
  if (score < 7) return 'medium';
  if (score < 9) return 'high';
  return 'critical';
}

function levelOfWord(word: unknown): SeverityLevel | undefined {
  if (typeof word !== 'string') return undefined;
  switch (word.trim().toLowerCase()) {
    case 'critical':
      return 'critical';
    case 'high':
    case 'important':
      return 'high';
    case 'medium':
    case 'moderate':
      return 'medium';
    case 'low':
    case 'negligible':
    case 'unimportant':
      return 'low';
    default:
      return undefined;
  }
}

export function severityOf(record: OsvRecord, affected: OsvAffected | undefined): Severity {
  const lists = [affected?.severity ?? [], record.severity ?? []];
  for (const list of lists) {
    for (const s of list) {
      if (s.type !== 'CVSS_V3') continue;
      const score = cvss3BaseScore(s.score);
      if (score !== undefined)
        return { level: levelOfScore(score), source: 'CVSS_V3', score, vector: s.score };
    }
  }
  const ghsa = levelOfWord(record.database_specific?.['severity']);
  if (ghsa !== undefined) return { level: ghsa, source: 'database_specific.severity' };
  for (const list of lists) {
    for (const s of list) {
      const word = levelOfWord(s.score);
      if (word !== undefined) return { level: word, source: s.type };
    }
  }
  const urgency = levelOfWord(affected?.ecosystem_specific?.['urgency']);
  if (urgency !== undefined) return { level: urgency, source: 'ecosystem_specific.urgency' };
  const other = lists.flat()[0];
  return other === undefined
    ? { level: 'unknown', source: 'none' }
    : { level: 'unknown', source: other.type, vector: other.score };
}
