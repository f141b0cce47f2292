import { msg } from '@quai/contracts';
import type { ClusterScanReport } from '../cluster.js';
import type { ReportPackage, ScanTarget } from './model.js';

/*
 * `quai scan cluster`'s result as report targets: one per image digest, named as the pods write
 * it, with the workloads that run it; an image that could not be read is a target without
 * findings whose warning says why, so every format still lists it.
 */
export function targetsFromCluster(report: ClusterScanReport): ScanTarget[] {
  return report.images.map((img) => {
    const packages = new Map<string, ReportPackage>();
    for (const f of img.report?.findings ?? []) packages.set(f.package.purl, f.package);
    return {
      name: img.images[0] ?? img.reference,
      ...(img.digest === undefined ? {} : { digest: img.digest }),
      ...(img.report?.os === undefined ? {} : { os: img.report.os }),
      packages: [...packages.values()],
      ...(img.report === undefined ? {} : { packageCount: img.report.packages }),
      findings: (img.report?.findings ?? []).map((f) => ({ ...f, dataSources: ['quai (OSV store)'] })),
      warnings: [
        ...(img.report?.warnings ?? []),
        ...(img.error === undefined
          ? []
          : [
              msg('scan.report.notScanned', {
                code: img.error.code,
                reason: img.error.i18n?.message ?? img.error.message,
              }),
            ]),
      ],
      workloads: [
        ...new Set(img.workloads.map((w) => `${w.kind} ${w.namespace}/${w.name} container ${w.container}`)),
      ],
    };
  });
}
