import { uniqueWarnings } from '../inventory/index.js';
import { severityRank, type ReportFinding, type ReportPackage, type ScanTarget } from '../report/model.js';

/*
 * One view from many reports: targets are merged per image digest (per name when no digest is
 * known), and findings per (vulnerability, package): two findings are the same when one's id is
 * the other's id or alias (Trivy says CVE-2023-5363 where Quai's Debian record is DSA-5532-1) and
 * they name the same package and version. A merged finding keeps every data source and rating,
 * the most severe level as its primary severity, the first fixed version and vendor status known.
 */

function packageKey(p: ReportPackage): string {
  return `${p.name}\u0000${p.version}`;
}

function mergeFinding(a: ReportFinding, b: ReportFinding): ReportFinding {
  const [primary, other] =
    severityRank(b.vulnerability.severity.level) < severityRank(a.vulnerability.severity.level)
      ? [b, a]
      : [a, b];
  const va = primary.vulnerability;
  const vb = other.vulnerability;
  const ids = new Set([va.id, vb.id, ...va.aliases, ...vb.aliases]);
  ids.delete(va.id);
  const ratings = [...(primary.ratings ?? []), other.vulnerability.severity, ...(other.ratings ?? [])].filter(
    (r, i, all) =>
      !(r.source === va.severity.source && r.score === va.severity.score && r.level === va.severity.level) &&
      all.findIndex((x) => x.source === r.source && x.score === r.score && x.vector === r.vector) === i,
  );
  const fixed = va.fixedVersion ?? vb.fixedVersion;
  const summary = va.summary ?? vb.summary;
  const status = primary.status ?? other.status;
  const layer = primary.layer ?? other.layer;
  const suppressed = primary.suppressed ?? other.suppressed;
  const locations = [...new Set([...a.package.locations, ...b.package.locations])];
  const pkg =
    a.package.sourceName !== undefined || b.package.sourceName === undefined ? a.package : b.package;
  return {
    package: { ...pkg, locations },
    vulnerability: {
      ...va,
      aliases: [...ids],
      ...(summary === undefined ? {} : { summary }),
      ...(fixed === undefined ? {} : { fixedVersion: fixed }),
      references: [...new Set([...va.references, ...vb.references])],
    },
    ...(status === undefined ? {} : { status }),
    dataSources: [...new Set([...(a.dataSources ?? []), ...(b.dataSources ?? [])])],
    ratings,
    ...(layer === undefined ? {} : { layer }),
    ...(suppressed === undefined ? {} : { suppressed }),
  };
}

/** Findings of one image, deduplicated by (id or alias, package name and version). */
export function dedupeFindings(findings: readonly ReportFinding[]): ReportFinding[] {
  const merged: (ReportFinding | undefined)[] = [];
  const index = new Map<string, number>();
  for (const f of findings) {
    const pk = packageKey(f.package);
    // The findings met before under the id or an alias, each once, in that order (mostly none:
    // no array is made for them).
    const v = f.vulnerability;
    let hits: number[] | undefined;
    for (let k = -1; k < v.aliases.length; k++) {
      const i = index.get(`${k < 0 ? v.id : v.aliases[k]!}\u0000${pk}`);
      if (i !== undefined && (hits === undefined || !hits.includes(i))) (hits ??= []).push(i);
    }
    let current = f;
    for (const i of hits ?? []) {
      const prior = merged[i];
      if (prior === undefined) continue;
      current = mergeFinding(prior, current);
      merged[i] = undefined;
    }
    const at = merged.length;
    merged.push(current);
    const c = current.vulnerability;
    index.set(`${c.id}\u0000${pk}`, at);
    for (const id of c.aliases) index.set(`${id}\u0000${pk}`, at);
  }
  return merged.filter((f): f is ReportFinding => f !== undefined);
}

function imageKey(t: ScanTarget): string {
  return t.digest ?? `name:${t.name}`;
}

/** Targets merged per image digest, with deduplicated findings and packages. */
export function mergeTargets(targets: readonly ScanTarget[]): ScanTarget[] {
  const groups = new Map<string, ScanTarget[]>();
  for (const t of targets) {
    const list = groups.get(imageKey(t)) ?? [];
    list.push(t);
    groups.set(imageKey(t), list);
  }
  return [...groups.values()].map((list) => {
    const first = list[0] as ScanTarget;
    if (list.length === 1) return { ...first, findings: dedupeFindings(first.findings) };
    const packages = new Map<string, ReportPackage>();
    for (const t of list)
      for (const p of t.packages) if (!packages.has(packageKey(p))) packages.set(packageKey(p), p);
    const named = list.find((t) => /:[^/]+$/.test(t.name.replace(/@sha256:[0-9a-f]+$/, ''))) ?? first;
    const os = list.find((t) => t.os !== undefined)?.os;
    const layers = list.find((t) => t.layers !== undefined)?.layers;
    const workloads = [...new Set(list.flatMap((t) => t.workloads ?? []))];
    const counts = list.flatMap((t) => (t.packageCount === undefined ? [] : [t.packageCount]));
    return {
      name: named.name,
      ...(first.digest === undefined ? {} : { digest: first.digest }),
      ...(os === undefined ? {} : { os }),
      packages: [...packages.values()],
      ...(counts.length === 0 ? {} : { packageCount: Math.max(...counts) }),
      findings: dedupeFindings(list.flatMap((t) => t.findings)),
      warnings: uniqueWarnings(list.flatMap((t) => t.warnings)),
      ...(layers === undefined ? {} : { layers }),
      ...(workloads.length === 0 ? {} : { workloads }),
    };
  });
}
