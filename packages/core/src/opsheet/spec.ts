import type { AppSpec, SheetDependency } from '@quai/contracts';

/** Dependencies the app spec declares: dependsOn (with its condition), connectsTo, dumped databases. */
export function specDependencies(app: AppSpec): SheetDependency[] {
  const out: SheetDependency[] = [];
  const jobs = new Set(Object.keys(app.spec.jobs ?? {}));
  const workloads = [...Object.entries(app.spec.components), ...Object.entries(app.spec.jobs ?? {})];
  for (const [from, w] of workloads) {
    for (const d of w.dependsOn ?? []) {
      const to = typeof d === 'string' ? d : d.component;
      out.push({
        from,
        kind: jobs.has(to) ? 'job' : 'component',
        to,
        how: typeof d === 'string' ? 'started' : d.condition,
      });
    }
    for (const to of w.connectsTo ?? []) out.push({ from, kind: 'component', to, how: 'connects' });
  }
  for (const d of app.spec.backup?.databases ?? []) {
    const host = d.service ?? d.host ?? '';
    const port = d.port ?? (d.engine === 'postgresql' ? 5432 : 3306);
    out.push({
      from: d.service ?? app.metadata.name,
      kind: 'database',
      to: `${d.engine} ${d.database}@${host}:${port}`,
      how: 'backup',
    });
  }
  return out;
}

/** The spec's own dependencies first, then those the objects show that it does not already say. */
export function mergeDependencies(
  fromSpec: readonly SheetDependency[],
  fromObjects: readonly SheetDependency[],
): SheetDependency[] {
  const said = new Set(fromSpec.map((d) => `${d.from}>${d.to}`));
  return [...fromSpec, ...fromObjects.filter((d) => !said.has(`${d.from}>${d.to}`))];
}
