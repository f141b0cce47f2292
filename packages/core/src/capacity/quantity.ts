/**
 * Kubernetes resource quantities (`250m`, `1.5Gi`, `2e3`, `100M`) read exactly, the way
 * apimachinery's resource.Quantity does: the decimal value is kept as an integer mantissa and a
 * power of ten (and of two for the binary suffixes), then scaled and rounded up, as
 * Quantity.MilliValue() and Quantity.Value() round up.
 */

const DECIMAL: Readonly<Record<string, number>> = {
  n: -9,
  u: -6,
  m: -3,
  '': 0,
  k: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18,
};
const BINARY: Readonly<Record<string, number>> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };

const GRAMMAR = /^([+-]?)(\d*)(?:\.(\d*))?(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])?)$/;

interface Exact {
  readonly negative: boolean;
  /** value = digits × 10^pow10 × 2^pow2 */
  readonly digits: bigint;
  readonly pow10: number;
  readonly pow2: number;
}

function exact(text: string): Exact | undefined {
  const m = GRAMMAR.exec(text.trim());
  if (m === null) return undefined;
  const whole = m[2] ?? '';
  const fraction = m[3] ?? '';
  if (whole === '' && fraction === '') return undefined;
  let pow10 = -fraction.length;
  let pow2 = 0;
  if (m[4] !== undefined) pow10 += Number(m[4].slice(1));
  else if (m[5] !== undefined) {
    const b = BINARY[m[5]];
    if (b !== undefined) pow2 = b;
    else pow10 += DECIMAL[m[5]] ?? 0;
  }
  return { negative: m[1] === '-', digits: BigInt(`${whole}${fraction}` || '0'), pow10, pow2 };
}

/** True when the text is a valid Kubernetes quantity. */
export function isQuantity(text: string): boolean {
  return exact(text) !== undefined;
}

/** ceil(value × 10^scale) as a number, or undefined when the text is not a quantity. */
function scaled(text: string, scale: number): number | undefined {
  const q = exact(text);
  if (q === undefined) return undefined;
  let num = q.digits * 2n ** BigInt(q.pow2);
  let den = 1n;
  const p = q.pow10 + scale;
  if (p >= 0) num *= 10n ** BigInt(p);
  else den = 10n ** BigInt(-p);
  let v = num / den;
  if (num % den !== 0n) v += 1n;
  return Number(q.negative ? -v : v);
}

/** Millicores of a CPU quantity, rounded up: `250m` -> 250, `1.5` -> 1500, `0.1m` -> 1. */
export function milliValue(text: string): number | undefined {
  return scaled(text, 3);
}

/** The integer value of a quantity, rounded up: `1Gi` -> 1073741824, `0.5` -> 1. */
export function intValue(text: string): number | undefined {
  return scaled(text, 0);
}

/** Nano units, rounded up: how CPU amounts are summed exactly before a final rounding to milli. */
export function nanoValue(text: string): number | undefined {
  return scaled(text, 9);
}

/** A quantity as a number of base units (cores, bytes), for display and arithmetic on usage. */
export function quantityNumber(text: string): number | undefined {
  const n = nanoValue(text);
  return n === undefined ? undefined : n / 1e9;
}

/** Formats millicores as a quantity: 1500 -> `1500m`, 2000 -> `2`. */
export function formatMilli(milli: number): string {
  const m = Math.ceil(milli);
  return m % 1000 === 0 ? String(m / 1000) : `${m}m`;
}

/** Formats bytes as the largest binary unit that keeps an integer, rounding up to Mi otherwise. */
export function formatBytesQuantity(bytes: number): string {
  const b = Math.ceil(bytes);
  for (const [suffix, shift] of [
    ['Ti', 40],
    ['Gi', 30],
    ['Mi', 20],
  ] as const) {
    const unit = 2 ** shift;
    if (b >= unit && b % unit === 0) return `${b / unit}${suffix}`;
  }
  if (b % 1024 === 0 && b > 0) return `${b / 1024}Ki`;
  return `${Math.ceil(b / 2 ** 20)}Mi`;
}
