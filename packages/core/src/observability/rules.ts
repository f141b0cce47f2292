/**
 * The default alert rules of an app: what the team watches for every application Quai deploys.
 * Pure: an app's workloads, volumes, backup and drill schedules in, a PrometheusRule object out
 * (the Prometheus Operator's kind; its spec.groups is a Prometheus rule file as is).
 *
 * The metrics come from the components docs/install.md installs:
 * - kube-state-metrics: kube_deployment_status_replicas_available, kube_statefulset_status_replicas_ready,
 *   kube_pod_container_status_restarts_total, kube_cronjob_status_last_successful_time,
 *   kube_cronjob_status_last_schedule_time;
 * - the kubelet: kubelet_volume_stats_available_bytes, kubelet_volume_stats_capacity_bytes;
 * - cert-manager: certmanager_certificate_expiration_timestamp_seconds.
 */

export interface AlertWorkload {
  readonly kind: 'Deployment' | 'StatefulSet';
  readonly name: string;
}

export interface AlertTarget {
  readonly app: string;
  readonly namespace: string;
  readonly workloads: readonly AlertWorkload[];
  /** PersistentVolumeClaims to watch for free space. */
  readonly volumes?: readonly string[];
  /** Watch the cert-manager Certificates of the namespace. */
  readonly certificates?: boolean;
  /** The CronJob that backs the app up, and the age past which the last success is too old. */
  readonly backup?: { readonly cronJob: string; readonly maxAgeHours: number };
  /** The CronJob that runs the app's restore drill. */
  readonly drill?: { readonly cronJob: string; readonly maxRunHours?: number };
  /** Restarts in 15 minutes past which the app is restarting (default 3). */
  readonly restarts?: number;
  /** Where the runbooks live (default: the docs in the repository). */
  readonly runbookBase?: string;
}

export interface AlertRule {
  readonly alert: string;
  readonly expr: string;
  readonly for?: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
}

export interface PrometheusRule {
  readonly apiVersion: 'monitoring.coreos.com/v1';
  readonly kind: 'PrometheusRule';
  readonly metadata: {
    readonly name: string;
    readonly namespace: string;
    readonly labels: Readonly<Record<string, string>>;
  };
  readonly spec: {
    readonly groups: readonly { readonly name: string; readonly rules: readonly AlertRule[] }[];
  };
}

/** A PromQL string literal: names here are DNS labels, but quote them properly all the same. */
const q = (s: string): string => JSON.stringify(s);
/** An anchored alternation of names for a regex matcher. */
const anyOf = (names: readonly string[]): string =>
  q(names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'));

/** Relative to the repository; set runbookBase to the address where the team reads its docs. */
const DEFAULT_RUNBOOKS = 'docs/operations/incidents.md';

export function alertRules(t: AlertTarget): PrometheusRule {
  const ns = `namespace=${q(t.namespace)}`;
  const runbook = (anchor: string): string => `${t.runbookBase ?? DEFAULT_RUNBOOKS}#${anchor}`;
  const labels = (severity: 'critical' | 'warning'): Record<string, string> => ({ severity, app: t.app });
  const rules: AlertRule[] = [];
  const deployments = t.workloads.filter((w) => w.kind === 'Deployment').map((w) => w.name);
  const statefulSets = t.workloads.filter((w) => w.kind === 'StatefulSet').map((w) => w.name);
  const down: string[] = [];
  if (deployments.length > 0) {
    down.push(`kube_deployment_status_replicas_available{${ns},deployment=~${anyOf(deployments)}} < 1`);
  }
  if (statefulSets.length > 0) {
    down.push(`kube_statefulset_status_replicas_ready{${ns},statefulset=~${anyOf(statefulSets)}} < 1`);
  }
  if (down.length > 0) {
    rules.push({
      alert: 'QuaiAppDown',
      expr: down.map((e) => `(${e})`).join(' or '),
      for: '5m',
      labels: labels('critical'),
      annotations: {
        summary: `${t.app}: a component has no ready replica`,
        summary_fr: `${t.app} : un composant n'a plus de réplique prête`,
        description: `{{ $labels.deployment }}{{ $labels.statefulset }} in ${t.namespace} has had no ready replica for 5 minutes.`,
        runbook_url: runbook('application-down'),
      },
    });
    const names = [...deployments, ...statefulSets];
    rules.push({
      alert: 'QuaiAppRestarting',
      expr: `increase(kube_pod_container_status_restarts_total{${ns},pod=~${q(`(${names.join('|')})-.*`)}}[15m]) > ${t.restarts ?? 3}`,
      labels: labels('warning'),
      annotations: {
        summary: `${t.app}: a container keeps restarting`,
        summary_fr: `${t.app} : un conteneur redémarre en boucle`,
        description: `Container {{ $labels.container }} of pod {{ $labels.pod }} restarted {{ $value | printf "%.0f" }} times in 15 minutes.`,
        runbook_url: runbook('failing-rollout'),
      },
    });
  }
  if (t.volumes !== undefined && t.volumes.length > 0) {
    const sel = `${ns},persistentvolumeclaim=~${anyOf(t.volumes)}`;
    rules.push({
      alert: 'QuaiVolumeNearlyFull',
      expr: `kubelet_volume_stats_available_bytes{${sel}} / kubelet_volume_stats_capacity_bytes{${sel}} < 0.1`,
      for: '10m',
      labels: labels('warning'),
      annotations: {
        summary: `${t.app}: a volume is more than 90% full`,
        summary_fr: `${t.app} : un volume est plein à plus de 90 %`,
        description: `Volume {{ $labels.persistentvolumeclaim }} has {{ $value | humanizePercentage }} free.`,
        runbook_url: runbook('disk-pressure'),
      },
    });
  }
  if (t.certificates === true) {
    rules.push({
      alert: 'QuaiCertificateExpiring',
      expr: `certmanager_certificate_expiration_timestamp_seconds{${ns}} - time() < 14 * 86400`,
      for: '1h',
      labels: labels('warning'),
      annotations: {
        summary: `${t.app}: a certificate expires in less than 14 days`,
        summary_fr: `${t.app} : un certificat expire dans moins de 14 jours`,
        description: `Certificate {{ $labels.name }} expires in {{ $value | humanizeDuration }}; cert-manager should have renewed it.`,
        runbook_url: runbook('certificate-expired'),
      },
    });
  }
  if (t.backup !== undefined) {
    const sel = `${ns},cronjob=${q(t.backup.cronJob)}`;
    rules.push({
      alert: 'QuaiBackupTooOld',
      expr: `(time() - kube_cronjob_status_last_successful_time{${sel}} > ${t.backup.maxAgeHours * 3600}) or absent(kube_cronjob_status_last_successful_time{${sel}})`,
      for: '15m',
      labels: labels('critical'),
      annotations: {
        summary: `${t.app}: no successful backup for more than ${t.backup.maxAgeHours} hours`,
        summary_fr: `${t.app} : aucune sauvegarde réussie depuis plus de ${t.backup.maxAgeHours} heures`,
        description: `The backup CronJob ${t.backup.cronJob} in ${t.namespace} has not succeeded recently (or never).`,
        runbook_url: runbook('backup-too-old'),
      },
    });
  }
  if (t.drill !== undefined) {
    const sel = `${ns},cronjob=${q(t.drill.cronJob)}`;
    const hours = t.drill.maxRunHours ?? 2;
    rules.push({
      alert: 'QuaiDrillFailed',
      expr: `kube_cronjob_status_last_schedule_time{${sel}} > kube_cronjob_status_last_successful_time{${sel}}`,
      for: `${hours}h`,
      labels: labels('warning'),
      annotations: {
        summary: `${t.app}: the last restore drill failed`,
        summary_fr: `${t.app} : le dernier exercice de restauration a échoué`,
        description: `The drill CronJob ${t.drill.cronJob} started more than ${hours} hours ago and has not succeeded since.`,
        runbook_url: runbook('drill-failed'),
      },
    });
  }
  return {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PrometheusRule',
    metadata: {
      name: `${t.app}-alerts`,
      namespace: t.namespace,
      labels: { 'app.kubernetes.io/name': t.app, 'app.kubernetes.io/managed-by': 'quai' },
    },
    spec: { groups: [{ name: `quai.${t.app}`, rules }] },
  };
}
