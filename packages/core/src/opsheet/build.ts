import {
  msg,
  type AppSheet,
  type AppSpec,
  type Message,
  type Revision,
  type SheetBackups,
  type SheetCommand,
  type SheetComponent,
} from '@quai/contracts';
import type { AuditReport } from '../audit/index.js';
import type { KubeObject } from '../kube/index.js';
import type { report } from '../scan/index.js';
import { componentsOf, dependenciesOf, endpointsOf, purposeOf, secretsOf, volumesOf } from './objects.js';
import { mergeDependencies, specDependencies } from './spec.js';
import { compareText } from '../util/index.js';

/** What the cluster says about a deployed app (read by the use case; nothing here reads it). */
export interface LiveState {
  /** The app's pods: the digests they run, by component and container. */
  readonly pods: readonly KubeObject[];
  /** The app's live workloads: ready replicas. */
  readonly workloads: readonly KubeObject[];
  /** The namespace's claims: their phase. */
  readonly claims: readonly KubeObject[];
  /** Names of the Secrets of the namespace (listed as metadata: values are never fetched). */
  readonly secretNames: ReadonlySet<string>;
  /** Revisions, oldest first. */
  readonly revisions: readonly Revision[];
  /** Readiness of each object (`Deployment/web`), from deploy's status. */
  readonly readiness: ReadonlyMap<string, 'ready' | 'progressing' | 'failed'>;
  readonly health: 'ready' | 'progressing' | 'failed' | 'unknown';
}

export interface SheetInputs {
  readonly app: string;
  readonly environment: string;
  readonly namespace: string;
  readonly generatedAt: string;
  readonly spec?: AppSpec;
  /** The objects the sheet describes: rendered from the spec, or kept by the deployed revision. */
  readonly objects: readonly KubeObject[];
  readonly objectsFrom: 'spec' | 'revision';
  readonly cluster: AppSheet['cluster'];
  readonly live?: LiveState;
  readonly backups?: SheetBackups;
  readonly audit: AuditReport;
  /** Trivy Operator's reports of the namespace (undefined: none stored, or not read). */
  readonly vulnerabilities?: readonly report.ScanTarget[];
  /** How the commands name the inputs: the spec and platform files, when they are files. */
  readonly specFile?: string;
  readonly platformFile?: string;
  /** The platform's backup place (spec.backupTarget): the commands' place when no backup says another. */
  readonly platformBackupTarget?: string;
  /** The namespace given explicitly (kubectl's -n), repeated in the commands. */
  readonly explicitNamespace?: string;
  readonly revisionsShown: number;
  readonly notes: readonly Message[];
}

/** Quotes a shell word when it needs it (placeholders such as `<backup>` are never passed here). */
export function shellWord(s: string): string {
  return /^[A-Za-z0-9_/.:=@%+,-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

const SEVERITY_ORDER = ['critical', 'high', 'medium', 'low', 'info', 'none', 'unknown'];
const bySeverityRank = (a: string, b: string): number =>
  ((SEVERITY_ORDER.indexOf(a) + 100) % 100) - ((SEVERITY_ORDER.indexOf(b) + 100) % 100);

/** How many findings and vulnerabilities the sheet lists (the counts cover them all). */
const MAX_LISTED = 30;

function commandsOf(inputs: SheetInputs, secrets: boolean): AppSheet['commands'] {
  const w = shellWord;
  const app = w(inputs.app);
  const scope = [
    `--env ${w(inputs.environment)}`,
    ...(inputs.explicitNamespace === undefined ? [] : [`-n ${w(inputs.explicitNamespace)}`]),
  ].join(' ');
  const platform = inputs.platformFile === undefined ? '' : ` --platform ${w(inputs.platformFile)}`;
  const spec = inputs.specFile === undefined ? '<app-spec.yaml>' : w(inputs.specFile);
  const c = (purpose: Message, command: string): SheetCommand => ({ purpose, command: `quai ${command}` });
  const deploy = [
    c(msg('docs.cmd.plan'), `plan ${spec} ${scope}${platform}${secrets ? ' --secrets <secrets-dir>' : ''}`),
    c(
      msg('docs.cmd.apply'),
      `apply ${spec} ${scope}${platform}${secrets ? ' --secrets <secrets-dir>' : ''} --message '<message>'`,
    ),
    c(msg('docs.cmd.status'), `status ${app} ${scope}`),
  ];
  const revisions = inputs.live?.revisions ?? [];
  const current = revisions.at(-1);
  const previous = [...revisions]
    .reverse()
    .find((r) => r !== current && (r.status === 'superseded' || r.status === 'deployed') && r.hasManifests);
  const rollback = [
    c(msg('docs.cmd.history'), `history ${app} ${scope}`),
    c(msg('docs.cmd.rollback'), `rollback ${app} ${scope} --reason '<reason>'`),
    ...(previous === undefined
      ? []
      : [
          c(
            msg('docs.cmd.rollbackTo', { revision: previous.number }),
            `rollback ${app} ${scope} --to ${previous.number} --reason '<reason>'`,
          ),
        ]),
  ];
  const b = inputs.backups;
  const place = b?.last?.target ?? b?.targets[0]?.target ?? inputs.platformBackupTarget;
  const target = place === undefined ? '<backup-place>' : w(place);
  const backupName = b?.last?.name === undefined ? '<backup>' : w(b.last.name);
  const restore = [
    b?.schedules[0] === undefined
      ? c(
          msg('docs.cmd.backup'),
          `backup create <backup-name> --app ${app} --target ${target} --key-file <backup.key>`,
        )
      : c(msg('docs.cmd.backup'), `backup create --from-schedule ${w(b.schedules[0].name)} --wait`),
    c(
      msg('docs.cmd.restoreDry'),
      `restore ${backupName} --target ${target} --key-file <backup.key> --app ${app} --dry-run`,
    ),
    c(
      msg('docs.cmd.restore'),
      `restore ${backupName} --target ${target} --key-file <backup.key> --app ${app}`,
    ),
    c(msg('docs.cmd.drill'), `backup drill ${backupName} --target ${target} --key-file <backup.key>`),
    c(msg('docs.cmd.drillList'), `backup drill list --target ${target}`),
  ];
  return { deploy, rollback, restore };
}

/** Adds what the cluster says to the components: running digests, ready replicas, readiness. */
function withLive(components: SheetComponent[], live: LiveState | undefined): SheetComponent[] {
  if (live === undefined) return components;
  return components.map((c) => {
    const name = c.object.slice(c.object.indexOf('/') + 1);
    const workload = live.workloads.find((w) => `${w.kind}/${w.metadata.name ?? ''}` === c.object);
    const pods = live.pods.filter(
      (p) =>
        p.metadata.labels?.['app.kubernetes.io/component'] === c.name ||
        ((p.metadata['ownerReferences'] ?? []) as { name?: string }[]).some((o) => o.name === name) ||
        (p.metadata.name ?? '').startsWith(`${name}-`),
    );
    const digestsOf = (container: string, init: boolean): string[] => {
      const out = new Set<string>();
      for (const p of pods) {
        const status = (p['status'] ?? {}) as Record<string, unknown>;
        const list = (status[init ? 'initContainerStatuses' : 'containerStatuses'] ?? []) as {
          name?: string;
          imageID?: string;
        }[];
        for (const s of list) {
          const digest = /sha256:[0-9a-f]{64}/.exec(s.imageID ?? '')?.[0];
          if (s.name === container && digest !== undefined) out.add(digest);
        }
      }
      return [...out].sort();
    };
    const ready = (workload?.['status'] as { readyReplicas?: number } | undefined)?.readyReplicas;
    const state = live.readiness.get(c.object);
    return {
      ...c,
      containers: c.containers.map((k) => ({ ...k, digests: digestsOf(k.name, k.init) })),
      ...(c.replicas === undefined
        ? {}
        : {
            replicas: {
              desired:
                typeof (workload?.['spec'] as { replicas?: unknown } | undefined)?.replicas === 'number'
                  ? (workload?.['spec'] as { replicas: number }).replicas
                  : c.replicas.desired,
              ready: ready ?? 0,
            },
          }),
      ...(state === undefined ? {} : { state }),
    };
  });
}

/** The operations sheet of one app, from what the use case gathered. Pure: no I/O. */
export function buildSheet(inputs: SheetInputs): AppSheet {
  const { objects, live } = inputs;
  const fromSpec = inputs.spec;
  const purpose = {
    ...purposeOf(objects),
    ...(fromSpec?.metadata.team === undefined ? {} : { team: fromSpec.metadata.team }),
    ...(fromSpec?.metadata.owner === undefined ? {} : { owner: fromSpec.metadata.owner }),
    ...(fromSpec?.metadata.description === undefined ? {} : { description: fromSpec.metadata.description }),
  };
  const secrets = secretsOf(objects).map((s) =>
    live === undefined ? s : { ...s, present: live.secretNames.has(s.name) },
  );
  const volumes = volumesOf(objects).map((v) => {
    const claim = live?.claims.find((c) => c.metadata.name === v.claim);
    const phase = (claim?.['status'] as { phase?: string } | undefined)?.phase;
    return phase === undefined ? v : { ...v, phase };
  });
  const observed = dependenciesOf(objects, inputs.namespace);
  // One row per check and object (a check that fails on two containers of a pod is one finding here).
  const seen = new Set<string>();
  const findings = inputs.audit.findings.filter((f) => {
    const key = `${f.checkId}>${f.object.kind}/${f.object.namespace ?? ''}/${f.object.name}`;
    if (f.suppressed !== undefined || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const auditCounts: Record<string, number> = {};
  for (const f of findings) auditCounts[f.severity] = (auditCounts[f.severity] ?? 0) + 1;
  const revisions = live?.revisions ?? [];
  const current = revisions.at(-1);
  const sources: AppSheet['sources'] = [
    ...(fromSpec === undefined ? [] : (['spec'] as const)),
    ...(inputs.cluster.state === 'reachable' ? (['cluster'] as const) : []),
  ];
  return {
    app: inputs.app,
    environment: inputs.environment,
    namespace: inputs.namespace,
    generatedAt: inputs.generatedAt,
    sources,
    cluster: inputs.cluster,
    deployed: current !== undefined,
    purpose,
    endpoints: endpointsOf(objects, inputs.namespace),
    components: withLive(componentsOf(objects), live),
    volumes,
    secrets,
    dependencies: fromSpec === undefined ? observed : mergeDependencies(specDependencies(fromSpec), observed),
    commands: commandsOf(
      inputs,
      secrets.some((s) => !s.usedBy.some((u) => u.startsWith('Ingress/'))),
    ),
    rollout: {
      ...(live === undefined || current === undefined ? {} : { status: live.health }),
      ...(current === undefined ? {} : { current }),
      history: [...revisions].reverse().slice(0, inputs.revisionsShown),
    },
    ...(inputs.backups === undefined ? {} : { backups: inputs.backups }),
    security: {
      audit: {
        source: inputs.objectsFrom === 'spec' ? 'rendered-spec' : 'deployed-revision',
        bySeverity: auditCounts,
        findings: [...findings]
          .sort((a, b) => bySeverityRank(a.severity, b.severity) || compareText(a.checkId, b.checkId))
          .slice(0, MAX_LISTED)
          .map((f) => ({
            checkId: f.checkId,
            severity: f.severity,
            title: f.title,
            object: `${f.object.kind}/${f.object.name}`,
          })),
      },
      ...(inputs.vulnerabilities === undefined
        ? {}
        : { vulnerabilities: vulnerabilitySummary(inputs.vulnerabilities) }),
    },
    notes: [...inputs.notes],
  };
}

function vulnerabilitySummary(
  targets: readonly report.ScanTarget[],
): NonNullable<AppSheet['security']['vulnerabilities']> {
  const counts: Record<string, number> = {};
  const all: {
    id: string;
    severity: string;
    package: string;
    installed: string;
    fixed?: string;
    image: string;
  }[] = [];
  const seen = new Set<string>();
  for (const t of targets) {
    for (const f of t.findings) {
      if (f.suppressed !== undefined) continue;
      const key = `${t.digest ?? t.name}>${f.vulnerability.id}>${f.package.name}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const severity = f.vulnerability.severity.level;
      counts[severity] = (counts[severity] ?? 0) + 1;
      all.push({
        id: f.vulnerability.id,
        severity,
        package: f.package.name,
        installed: f.package.version,
        ...(f.vulnerability.fixedVersion === undefined ? {} : { fixed: f.vulnerability.fixedVersion }),
        image: t.name,
      });
    }
  }
  all.sort((a, b) => bySeverityRank(a.severity, b.severity) || compareText(a.id, b.id));
  return { reports: targets.length, bySeverity: counts, top: all.slice(0, MAX_LISTED) };
}
