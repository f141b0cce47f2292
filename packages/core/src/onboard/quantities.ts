/** Docker byte sizes (512m, 1g, 1.5GB, 1024k, 2048) as Kubernetes quantities (512Mi, 1Gi). */
export function memoryQuantity(value: string | number): string | undefined {
  if (typeof value === 'number') return `${Math.ceil(value / 1048576)}Mi`;
  const m = /^(\d+(?:\.\d+)?)\s*([bkmgt])?i?b?$/i.exec(value.trim());
  if (m === null) return undefined;
  const n = Number(m[1]);
  const unit = (m[2] ?? 'b').toLowerCase();
  const bytes =
    n * { b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 }[unit as 'b' | 'k' | 'm' | 'g' | 't'];
  const mi = bytes / 1024 ** 2;
  if (mi >= 1024 && Number.isInteger(mi / 1024)) return `${mi / 1024}Gi`;
  return `${Math.max(1, Math.ceil(mi))}Mi`;
}

/** Docker CPU counts (0.5, "1.5") as Kubernetes quantities (500m, 1500m, 2). */
export function cpuQuantity(value: string | number): string | undefined {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n) || n <= 0) return undefined;
  return Number.isInteger(n) ? String(n) : `${Math.round(n * 1000)}m`;
}

/** Compose durations (1m30s, 10s, 500ms, 1h) in whole seconds (at least 1 when non-zero). */
export function durationSeconds(value: string | number): number | undefined {
  if (typeof value === 'number') return Math.round(value);
  const re = /(\d+(?:\.\d+)?)(h|ms|m|s|us|ns)/g;
  let total = 0;
  let matched = '';
  for (const m of value.matchAll(re)) {
    matched += m[0];
    const n = Number(m[1]);
    total +=
      n *
      { h: 3600, m: 60, s: 1, ms: 0.001, us: 1e-6, ns: 1e-9 }[m[2] as 'h' | 'm' | 's' | 'ms' | 'us' | 'ns'];
  }
  if (matched !== value.trim() || matched === '') return undefined;
  return total === 0 ? 0 : Math.max(1, Math.round(total));
}

/** Splits a command string like a POSIX shell would (quotes, backslashes), without expansion. */
export function shellSplit(text: string): string[] {
  const out: string[] = [];
  let cur = '';
  let has = false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? '';
    if (quote === "'") {
      if (ch === "'") quote = null;
      else cur += ch;
    } else if (quote === '"') {
      if (ch === '"') quote = null;
      else if (ch === '\\' && i + 1 < text.length && '"\\$`'.includes(text[i + 1] ?? '')) cur += text[++i];
      else cur += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      has = true;
    } else if (ch === '\\' && i + 1 < text.length) {
      cur += text[++i];
      has = true;
    } else if (/\s/.test(ch)) {
      if (has || cur !== '') out.push(cur);
      cur = '';
      has = false;
    } else {
      cur += ch;
    }
  }
  if (has || cur !== '') out.push(cur);
  return out;
}
