import { posix } from 'node:path';
import { msg, type Message, type Param } from '@quai/contracts';
import { def } from './catalog.js';
import { secretLooking } from './secret-scan.js';
import type { AuditObject, CheckInfo, FieldPath } from './types.js';
import { POD_SPEC_SHAPE, wrongTypes } from './field-types.js';
import {
  asJson,
  formatPath,
  getPath,
  mapSelectorMatches,
  podTemplateOf,
  selectorMatches,
  templateContainers,
  type PodTemplate,
} from './workloads.js';

type Json = Record<string, unknown>;

const POLARIS = 'Polaris';
const KUBE_SCORE = 'kube-score';
const KUBE_LINTER = 'kube-linter';
const NSA = 'NSA/CISA Kubernetes Hardening Guide v1.2';
const CIS = 'CIS Kubernetes Benchmark v1.9';

const bp = (n: number, severity: CheckInfo['severity'], references: readonly string[] = []): CheckInfo =>
  def('best-practice', `QUAI-BP-${String(n).padStart(3, '0')}`, severity, references);

export const BP_CATALOG: readonly CheckInfo[] = [
  bp(1, 'high', [
    `${POLARIS}: tagNotSpecified`,
    `${KUBE_SCORE}: container-image-tag`,
    `${KUBE_LINTER}: latest-tag`,
  ]),
  bp(2, 'info', [`${NSA}, "Container image scanning"`]),
  bp(3, 'low', [`${POLARIS}: pullPolicyNotAlways`, `${KUBE_SCORE}: container-image-pull-policy`]),
  bp(4, 'medium', [
    `${POLARIS}: cpuRequestsMissing`,
    `${KUBE_SCORE}: container-resources`,
    `${KUBE_LINTER}: unset-cpu-requirements`,
  ]),
  bp(5, 'medium', [
    `${POLARIS}: memoryRequestsMissing`,
    `${KUBE_SCORE}: container-resources`,
    `${KUBE_LINTER}: unset-memory-requirements`,
  ]),
  bp(6, 'medium', [
    `${POLARIS}: memoryLimitsMissing`,
    `${KUBE_SCORE}: container-resources`,
    `${NSA}, "Resource policies"`,
  ]),
  bp(7, 'low', [`${POLARIS}: cpuLimitsMissing`, `${KUBE_SCORE}: container-resources`]),
  bp(8, 'medium', [`${POLARIS}: livenessProbeMissing`, `${KUBE_LINTER}: no-liveness-probe`]),
  bp(9, 'medium', [
    `${POLARIS}: readinessProbeMissing`,
    `${KUBE_SCORE}: pod-probes`,
    `${KUBE_LINTER}: no-readiness-probe`,
  ]),
  bp(10, 'low', [`${KUBE_SCORE}: pod-probes-identical`]),
  bp(11, 'high', [`${POLARIS}: hostPathSet`, `${NSA}, "Kubernetes Pod security"`, `${CIS} 5.2.12`]),
  bp(12, 'critical', [`${KUBE_LINTER}: docker-sock`, 'Trivy KSV006']),
  bp(13, 'high', [`${POLARIS}: hostNetworkSet`, `${CIS} 5.2.5`, `${KUBE_LINTER}: host-network`]),
  bp(14, 'high', [`${POLARIS}: hostPIDSet`, `${CIS} 5.2.3`, `${KUBE_LINTER}: host-pid`]),
  bp(15, 'high', [`${POLARIS}: hostIPCSet`, `${CIS} 5.2.4`, `${KUBE_LINTER}: host-ipc`]),
  bp(16, 'medium', [`${POLARIS}: hostPortSet`, `${CIS} 5.2.13`]),
  bp(17, 'critical', [
    `${POLARIS}: privilegeEscalationAllowed`,
    `${CIS} 5.2.2`,
    `${KUBE_LINTER}: privileged-container`,
  ]),
  bp(18, 'medium', [
    `${POLARIS}: privilegeEscalationAllowed`,
    `${CIS} 5.2.6`,
    `${KUBE_LINTER}: privilege-escalation-container`,
  ]),
  bp(19, 'medium', [
    `${POLARIS}: notReadOnlyRootFilesystem`,
    `${KUBE_SCORE}: container-security-context-readonlyrootfilesystem`,
    NSA,
  ]),
  bp(20, 'medium', [`${POLARIS}: runAsRootAllowed`, `${CIS} 5.2.7`, `${KUBE_LINTER}: run-as-non-root`]),
  bp(21, 'low', [`${KUBE_SCORE}: container-security-context-user-group-id`]),
  bp(22, 'medium', [
    `${POLARIS}: insecureCapabilities`,
    `${CIS} 5.2.8, 5.2.10`,
    `${KUBE_LINTER}: drop-net-raw-capability`,
  ]),
  bp(23, 'high', [`${POLARIS}: dangerousCapabilities`, `${CIS} 5.2.9`]),
  bp(24, 'medium', [`${CIS} 5.7.2`, `${KUBE_SCORE}: container-seccomp-profile`]),
  bp(25, 'low', [`${CIS} 5.1.6`, `${POLARIS}: automountServiceAccountToken`, NSA]),
  bp(26, 'low', [`${CIS} 5.1.5`, `${KUBE_LINTER}: default-service-account`]),
  bp(27, 'medium', [`${CIS} 5.7.4`, `${KUBE_LINTER}: use-namespace`]),
  bp(28, 'medium', [
    `${CIS} 5.3.2`,
    `${NSA}, "Network separation and hardening"`,
    `${KUBE_SCORE}: pod-networkpolicy`,
  ]),
  bp(29, 'low', [
    `${KUBE_SCORE}: deployment-has-poddisruptionbudget`,
    `${POLARIS}: missingPodDisruptionBudget`,
  ]),
  bp(30, 'low', [`${POLARIS}: deploymentMissingReplicas`, `${KUBE_LINTER}: minimum-three-replicas`]),
  bp(31, 'low', [
    `${KUBE_SCORE}: deployment-has-host-podantiaffinity`,
    `${POLARIS}: topologySpreadConstraint`,
  ]),
  bp(32, 'medium', [`${KUBE_SCORE}: service-type`, `${KUBE_LINTER}: exposed-services`]),
  bp(33, 'medium', [`${KUBE_LINTER}: exposed-services`]),
  bp(34, 'high', ['CVE-2020-8554', 'Trivy KSV108']),
  bp(35, 'medium', [`${KUBE_SCORE}: service-targets-pod`, `${KUBE_LINTER}: dangling-service`]),
  bp(36, 'medium', [`${NSA}, "Network separation and hardening"`, `${KUBE_LINTER}: ingress-no-tls`]),
  bp(37, 'medium', [`${KUBE_SCORE}: ingress-targets-service`, `${KUBE_LINTER}: dangling-ingress`]),
  bp(38, 'high', [`${CIS} 5.4.1`, `${KUBE_LINTER}: env-var-secret`, 'Trivy KSV-0109']),
  bp(39, 'high', ['Trivy KSV-0109', `${CIS} 5.4.1`]),
  bp(40, 'low', [`${NSA}, "Secrets"`]),
  bp(41, 'medium', [
    `${KUBE_SCORE}: deployment-targeted-by-hpa-does-not-have-replicas-configured`,
    `${KUBE_LINTER}: mismatching-selector`,
  ]),
  bp(42, 'medium', [`${KUBE_SCORE}: poddisruptionbudget-has-policy`, `${KUBE_LINTER}: pdb-max-unavailable`]),
  bp(43, 'high', ['https://kubernetes.io/docs/reference/using-api/deprecation-guide/', 'Pluto', 'kubent']),
  bp(44, 'low', ['https://kubernetes.io/docs/reference/using-api/deprecation-guide/']),
  bp(45, 'info', [
    'https://kubernetes.io/docs/concepts/overview/working-with-objects/common-labels/',
    `${KUBE_LINTER}: required-label-owner`,
  ]),
  bp(46, 'low', [`${KUBE_SCORE}: pod-owned-by-controller`]),
  bp(47, 'info', [`${POLARIS}: priorityClassNotSet`]),
  bp(48, 'medium', [`${KUBE_LINTER}: ssh-port`]),
  bp(49, 'medium', ['https://kubernetes.io/docs/concepts/security/pod-security-admission/', `${CIS} 5.2.1`]),
  bp(50, 'high', ['https://kubernetes.io/docs/concepts/security/pod-security-admission/', `${CIS} 5.2.1`]),
  bp(51, 'low', [`${KUBE_LINTER}: share-process-namespace`]),
  bp(52, 'medium', [`${CIS} 5.1.6`, 'https://kubernetes.io/docs/concepts/security/service-accounts/']),
  bp(53, 'low', [`${KUBE_SCORE}: container-security-context-user-group-id`]),
  bp(54, 'info', [`${NSA}, "Container image scanning"`]),
  bp(55, 'low', [`${KUBE_SCORE}: container-ephemeral-storage-request-and-limit`]),
  bp(56, 'high', ['https://kubernetes.io/docs/reference/using-api/api-concepts/#field-validation']),
];

// ---- helpers ----------------------------------------------------------------------------------

export interface Emit {
  /** `paths`: every field at fault when there are several (Pod Security), `path` being the first. */
  (checkId: string, ao: AuditObject, message: Message, path?: FieldPath, paths?: readonly FieldPath[]): void;
}

function obj(v: unknown): Json | undefined {
  return asJson(v);
}
function arr(v: unknown): readonly unknown[] {
  return Array.isArray(v) ? v : [];
}
function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}
function labelsOf(v: unknown): Record<string, unknown> {
  return obj(v) ?? {};
}
const nsOf = (ao: AuditObject): string => ao.object.metadata.namespace ?? '';
/** A namespace as findings name it: `(unset)` in the reader's language when there is none. */
const namespaceParam = (ns: string): Param => (ns === '' ? msg('audit.finding.unset') : ns);

/** Splits an image reference into registry, repository, tag and digest. */
function parseImage(image: string): { registry?: string; tag?: string; digest?: string } {
  let rest = image;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  const slash = rest.indexOf('/');
  let registry: string | undefined;
  if (slash > 0) {
    const first = rest.slice(0, slash);
    if (first.includes('.') || first.includes(':') || first === 'localhost') {
      registry = first;
      rest = rest.slice(slash + 1);
    }
  }
  const colon = rest.lastIndexOf(':');
  const tag = colon >= 0 ? rest.slice(colon + 1) : undefined;
  return {
    ...(registry === undefined ? {} : { registry }),
    ...(tag === undefined ? {} : { tag }),
    ...(digest === undefined ? {} : { digest }),
  };
}

function capabilityName(cap: unknown): string {
  return str(cap).trim().toUpperCase().replace(/^CAP_/, '');
}

const DANGEROUS_CAPS = new Set([
  'ALL',
  'SYS_ADMIN',
  'NET_ADMIN',
  'SYS_PTRACE',
  'SYS_MODULE',
  'NET_RAW',
  'SYS_RAWIO',
  'SYS_BOOT',
  'BPF',
  'PERFMON',
  'DAC_READ_SEARCH',
  'SYS_TIME',
  'MAC_ADMIN',
  'MAC_OVERRIDE',
]);
/** Where container runtimes listen (Docker, containerd, CRI-O, cri-dockerd, Podman, k3s). */
const RUNTIME_SOCKETS = [
  '/var/run/docker.sock',
  '/var/run/docker/containerd/containerd.sock',
  '/var/run/containerd/containerd.sock',
  '/var/run/crio/crio.sock',
  '/var/run/cri-dockerd.sock',
  '/var/run/podman/podman.sock',
  '/var/run/k3s/containerd/containerd.sock',
  '/var/lib/docker',
].flatMap((p) => [p, p.replace(/^\/var\/run\//, '/run/')]);

/**
 * Does mounting this host path expose a runtime socket? The socket itself, any folder holding one
 * (`/var/run/docker`, `/run/containerd`, `/run`, `/`), or a socket of that name anywhere.
 */
function exposesRuntimeSocket(path: string): boolean {
  if (/\/(docker|containerd|crio|cri-dockerd|podman)\.sock$/.test(path)) return true;
  return RUNTIME_SOCKETS.some((s) => s === path || s.startsWith(path === '' ? '/' : `${path}/`));
}
const CONTROLLERS = new Set(['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController']);
const LONG_RUNNING = new Set([
  'Pod',
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'ReplicationController',
]);
const SYSTEM_NAMESPACES = new Set(['kube-system', 'kube-public', 'kube-node-lease']);

interface RemovedApi {
  readonly deprecated: number;
  readonly removed?: number;
  readonly replacement: Param;
}
/** No API replaces PodSecurityPolicy: Pod Security Admission does its work. */
const PSA = msg('audit.finding.noReplacementPsa');
/** apiVersion/kind -> minor versions where it was deprecated and removed (deprecation guide). */
const API_LIFECYCLE: Readonly<Record<string, RemovedApi>> = {
  'extensions/v1beta1/Deployment': { deprecated: 9, removed: 16, replacement: 'apps/v1' },
  'extensions/v1beta1/DaemonSet': { deprecated: 9, removed: 16, replacement: 'apps/v1' },
  'extensions/v1beta1/ReplicaSet': { deprecated: 9, removed: 16, replacement: 'apps/v1' },
  'extensions/v1beta1/NetworkPolicy': { deprecated: 9, removed: 16, replacement: 'networking.k8s.io/v1' },
  'extensions/v1beta1/PodSecurityPolicy': {
    deprecated: 10,
    removed: 16,
    replacement: PSA,
  },
  'extensions/v1beta1/Ingress': { deprecated: 14, removed: 22, replacement: 'networking.k8s.io/v1' },
  'apps/v1beta1/Deployment': { deprecated: 9, removed: 16, replacement: 'apps/v1' },
  'apps/v1beta1/StatefulSet': { deprecated: 9, removed: 16, replacement: 'apps/v1' },
  'apps/v1beta2/Deployment': { deprecated: 9, removed: 16, replacement: 'apps/v1' },
  'apps/v1beta2/StatefulSet': { deprecated: 9, removed: 16, replacement: 'apps/v1' },
  'apps/v1beta2/DaemonSet': { deprecated: 9, removed: 16, replacement: 'apps/v1' },
  'apps/v1beta2/ReplicaSet': { deprecated: 9, removed: 16, replacement: 'apps/v1' },
  'networking.k8s.io/v1beta1/Ingress': { deprecated: 19, removed: 22, replacement: 'networking.k8s.io/v1' },
  'networking.k8s.io/v1beta1/IngressClass': {
    deprecated: 19,
    removed: 22,
    replacement: 'networking.k8s.io/v1',
  },
  'rbac.authorization.k8s.io/v1beta1/ClusterRole': {
    deprecated: 17,
    removed: 22,
    replacement: 'rbac.authorization.k8s.io/v1',
  },
  'rbac.authorization.k8s.io/v1beta1/ClusterRoleBinding': {
    deprecated: 17,
    removed: 22,
    replacement: 'rbac.authorization.k8s.io/v1',
  },
  'rbac.authorization.k8s.io/v1beta1/Role': {
    deprecated: 17,
    removed: 22,
    replacement: 'rbac.authorization.k8s.io/v1',
  },
  'rbac.authorization.k8s.io/v1beta1/RoleBinding': {
    deprecated: 17,
    removed: 22,
    replacement: 'rbac.authorization.k8s.io/v1',
  },
  'apiextensions.k8s.io/v1beta1/CustomResourceDefinition': {
    deprecated: 16,
    removed: 22,
    replacement: 'apiextensions.k8s.io/v1',
  },
  'admissionregistration.k8s.io/v1beta1/ValidatingWebhookConfiguration': {
    deprecated: 16,
    removed: 22,
    replacement: 'admissionregistration.k8s.io/v1',
  },
  'admissionregistration.k8s.io/v1beta1/MutatingWebhookConfiguration': {
    deprecated: 16,
    removed: 22,
    replacement: 'admissionregistration.k8s.io/v1',
  },
  'scheduling.k8s.io/v1beta1/PriorityClass': {
    deprecated: 14,
    removed: 22,
    replacement: 'scheduling.k8s.io/v1',
  },
  'storage.k8s.io/v1beta1/StorageClass': { deprecated: 19, removed: 22, replacement: 'storage.k8s.io/v1' },
  'storage.k8s.io/v1beta1/CSIDriver': { deprecated: 19, removed: 22, replacement: 'storage.k8s.io/v1' },
  'storage.k8s.io/v1beta1/CSINode': { deprecated: 17, removed: 22, replacement: 'storage.k8s.io/v1' },
  'storage.k8s.io/v1beta1/VolumeAttachment': {
    deprecated: 19,
    removed: 22,
    replacement: 'storage.k8s.io/v1',
  },
  'storage.k8s.io/v1beta1/CSIStorageCapacity': {
    deprecated: 24,
    removed: 27,
    replacement: 'storage.k8s.io/v1',
  },
  'certificates.k8s.io/v1beta1/CertificateSigningRequest': {
    deprecated: 19,
    removed: 22,
    replacement: 'certificates.k8s.io/v1',
  },
  'coordination.k8s.io/v1beta1/Lease': { deprecated: 14, removed: 22, replacement: 'coordination.k8s.io/v1' },
  'batch/v1beta1/CronJob': { deprecated: 21, removed: 25, replacement: 'batch/v1' },
  'discovery.k8s.io/v1beta1/EndpointSlice': {
    deprecated: 21,
    removed: 25,
    replacement: 'discovery.k8s.io/v1',
  },
  'events.k8s.io/v1beta1/Event': { deprecated: 19, removed: 25, replacement: 'events.k8s.io/v1' },
  'autoscaling/v2beta1/HorizontalPodAutoscaler': {
    deprecated: 22,
    removed: 25,
    replacement: 'autoscaling/v2',
  },
  'autoscaling/v2beta2/HorizontalPodAutoscaler': {
    deprecated: 23,
    removed: 26,
    replacement: 'autoscaling/v2',
  },
  'policy/v1beta1/PodDisruptionBudget': { deprecated: 21, removed: 25, replacement: 'policy/v1' },
  'policy/v1beta1/PodSecurityPolicy': {
    deprecated: 21,
    removed: 25,
    replacement: PSA,
  },
  'node.k8s.io/v1beta1/RuntimeClass': { deprecated: 20, removed: 25, replacement: 'node.k8s.io/v1' },
  'flowcontrol.apiserver.k8s.io/v1beta1/FlowSchema': {
    deprecated: 23,
    removed: 26,
    replacement: 'flowcontrol.apiserver.k8s.io/v1',
  },
  'flowcontrol.apiserver.k8s.io/v1beta1/PriorityLevelConfiguration': {
    deprecated: 23,
    removed: 26,
    replacement: 'flowcontrol.apiserver.k8s.io/v1',
  },
  'flowcontrol.apiserver.k8s.io/v1beta2/FlowSchema': {
    deprecated: 26,
    removed: 29,
    replacement: 'flowcontrol.apiserver.k8s.io/v1',
  },
  'flowcontrol.apiserver.k8s.io/v1beta2/PriorityLevelConfiguration': {
    deprecated: 26,
    removed: 29,
    replacement: 'flowcontrol.apiserver.k8s.io/v1',
  },
  'flowcontrol.apiserver.k8s.io/v1beta3/FlowSchema': {
    deprecated: 29,
    removed: 32,
    replacement: 'flowcontrol.apiserver.k8s.io/v1',
  },
  'flowcontrol.apiserver.k8s.io/v1beta3/PriorityLevelConfiguration': {
    deprecated: 29,
    removed: 32,
    replacement: 'flowcontrol.apiserver.k8s.io/v1',
  },
  'v1/Endpoints': { deprecated: 33, replacement: 'discovery.k8s.io/v1 EndpointSlice' },
};

/** The kinds the API lifecycle table knows (so they are not "unknown kinds"). */
export const LIFECYCLE_KINDS: ReadonlySet<string> = new Set(
  Object.keys(API_LIFECYCLE).map((k) => k.slice(k.lastIndexOf('/') + 1)),
);

// ---- context ------------------------------------------------------------------------------------

export interface BpContext {
  readonly targetMinor: number;
  /** Live objects: a Secret always has data there, so only manifests are checked for it. */
  readonly live: boolean;
}

// ---- checks of one object -------------------------------------------------------------------------

function containerChecks(ao: AuditObject, t: PodTemplate, emit: Emit): void {
  for (const { container: c, name, path, init, ephemeral } of templateContainers(t)) {
    const image = str(c['image']);
    const img = parseImage(image);
    const mutable = img.digest === undefined && (img.tag === undefined || img.tag === 'latest');
    if (mutable) {
      emit(
        'QUAI-BP-001',
        ao,
        msg(img.tag === undefined ? 'audit.finding.imageNoTag' : 'audit.finding.imageLatest', {
          container: name,
          image,
        }),
        [...path, 'image'],
      );
      const policy = str(c['imagePullPolicy']);
      if (policy === 'IfNotPresent' || policy === 'Never') {
        emit('QUAI-BP-003', ao, msg('audit.finding.imagePullPolicy', { container: name, image, policy }), [
          ...path,
          'imagePullPolicy',
        ]);
      }
    } else if (img.digest === undefined) {
      emit('QUAI-BP-002', ao, msg('audit.finding.imageNoDigest', { container: name, image }), [
        ...path,
        'image',
      ]);
    }
    if (image !== '' && img.registry === undefined) {
      emit('QUAI-BP-054', ao, msg('audit.finding.imageNoRegistry', { container: name, image }), [
        ...path,
        'image',
      ]);
    }
    // An ephemeral container may not have resources, probes or ports: only what it runs as counts.
    if (!ephemeral) resourceAndProbeChecks(ao, c, name, path, init, emit);
    securityChecks(ao, t, c, name, path, emit);
  }
}

function resourceAndProbeChecks(
  ao: AuditObject,
  c: Json,
  name: string,
  path: FieldPath,
  init: boolean,
  emit: Emit,
): void {
  const kind = ao.object.kind;
  {
    const resources = obj(c['resources']) ?? {};
    const requests = obj(resources['requests']) ?? {};
    const limits = obj(resources['limits']) ?? {};
    const rpath = [...path, 'resources'];
    if (!isSet(requests['cpu']) && !isSet(limits['cpu']))
      emit('QUAI-BP-004', ao, msg('audit.finding.noCpuRequest', { container: name }), rpath);
    if (!isSet(requests['memory']) && !isSet(limits['memory']))
      emit('QUAI-BP-005', ao, msg('audit.finding.noMemoryRequest', { container: name }), rpath);
    if (!isSet(limits['memory']))
      emit('QUAI-BP-006', ao, msg('audit.finding.noMemoryLimit', { container: name }), rpath);
    if (!isSet(limits['cpu']))
      emit('QUAI-BP-007', ao, msg('audit.finding.noCpuLimit', { container: name }), rpath);
    if (!isSet(limits['ephemeral-storage']))
      emit('QUAI-BP-055', ao, msg('audit.finding.noEphemeralStorageLimit', { container: name }), rpath);
    const sidecar = init && c['restartPolicy'] === 'Always';
    if ((!init || sidecar) && LONG_RUNNING.has(kind)) {
      const live = obj(c['livenessProbe']);
      const ready = obj(c['readinessProbe']);
      if (live === undefined)
        emit('QUAI-BP-008', ao, msg('audit.finding.noLivenessProbe', { container: name }), path);
      if (ready === undefined && !sidecar)
        emit('QUAI-BP-009', ao, msg('audit.finding.noReadinessProbe', { container: name }), path);
      if (
        live !== undefined &&
        ready !== undefined &&
        JSON.stringify(handlerOf(live)) === JSON.stringify(handlerOf(ready))
      ) {
        emit('QUAI-BP-010', ao, msg('audit.finding.identicalProbes', { container: name }), [
          ...path,
          'livenessProbe',
        ]);
      }
    }
    arr(c['ports']).forEach((p, i) => {
      const port = obj(p) ?? {};
      if (typeof port['hostPort'] === 'number' && port['hostPort'] !== 0) {
        emit('QUAI-BP-016', ao, msg('audit.finding.hostPort', { container: name, port: port['hostPort'] }), [
          ...path,
          'ports',
          i,
          'hostPort',
        ]);
      }
      if (port['containerPort'] === 22)
        emit('QUAI-BP-048', ao, msg('audit.finding.containerSsh', { container: name }), [
          ...path,
          'ports',
          i,
        ]);
    });
  }
}

function securityChecks(
  ao: AuditObject,
  t: PodTemplate,
  c: Json,
  name: string,
  path: FieldPath,
  emit: Emit,
): void {
  const podSc = obj(t.spec['securityContext']) ?? {};
  const podNonRoot = podSc['runAsNonRoot'] === true;
  const podSeccomp = obj(podSc['seccompProfile']);
  {
    const sc = obj(c['securityContext']) ?? {};
    const scPath = [...path, 'securityContext'];
    if (sc['privileged'] === true)
      emit('QUAI-BP-017', ao, msg('audit.finding.privileged', { container: name }), [
        ...scPath,
        'privileged',
      ]);
    if (sc['allowPrivilegeEscalation'] !== false)
      emit('QUAI-BP-018', ao, msg('audit.finding.privilegeEscalation', { container: name }), scPath);
    if (sc['readOnlyRootFilesystem'] !== true)
      emit('QUAI-BP-019', ao, msg('audit.finding.writableRoot', { container: name }), scPath);
    if (sc['runAsNonRoot'] !== true && !(podNonRoot && sc['runAsNonRoot'] === undefined)) {
      emit('QUAI-BP-020', ao, msg('audit.finding.mayRunAsRoot', { container: name }), scPath);
    }
    for (const f of ['runAsUser', 'runAsGroup'] as const) {
      const v = sc[f] ?? podSc[f];
      if (typeof v === 'number' && v > 0 && v < 10000) {
        emit(
          'QUAI-BP-021',
          ao,
          msg('audit.finding.lowId', { container: name, field: f, value: v }),
          isSet(sc[f]) ? [...scPath, f] : [...t.base, 'spec', 'securityContext', f],
        );
      }
    }
    if (sc['runAsGroup'] === 0)
      emit('QUAI-BP-053', ao, msg('audit.finding.rootGroup', { container: name }), [...scPath, 'runAsGroup']);
    const caps = obj(sc['capabilities']) ?? {};
    // Container runtimes upper-case capability names and strip CAP_ (containerd, CRI-O): `all`
    // and `cap_sys_admin` are ALL and SYS_ADMIN.
    if (!arr(caps['drop']).some((cap) => capabilityName(cap) === 'ALL'))
      emit('QUAI-BP-022', ao, msg('audit.finding.capabilitiesNotDropped', { container: name }), scPath);
    arr(caps['add']).forEach((cap, i) => {
      if (DANGEROUS_CAPS.has(capabilityName(cap))) {
        emit(
          'QUAI-BP-023',
          ao,
          msg('audit.finding.dangerousCapability', { container: name, capability: str(cap) }),
          [...scPath, 'capabilities', 'add', i],
        );
      }
    });
    const seccomp = obj(sc['seccompProfile']) ?? podSeccomp;
    if (seccomp === undefined || seccomp['type'] === 'Unconfined') {
      emit(
        'QUAI-BP-024',
        ao,
        msg(seccomp === undefined ? 'audit.finding.noSeccomp' : 'audit.finding.seccompUnconfined', {
          container: name,
        }),
        scPath,
      );
    }
    arr(c['env']).forEach((e, i) => {
      const env = obj(e) ?? {};
      if (typeof env['value'] !== 'string') return;
      const why = secretLooking(str(env['name']), env['value']);
      if (why !== undefined) {
        emit(
          'QUAI-BP-038',
          ao,
          msg('audit.finding.secretEnv', { container: name, variable: str(env['name']), reason: why }),
          [...path, 'env', i, 'value'],
        );
      }
    });
  }
}

function handlerOf(probe: Json): unknown {
  return probe['httpGet'] ?? probe['tcpSocket'] ?? probe['exec'] ?? probe['grpc'];
}
function isSet(v: unknown): boolean {
  return v !== undefined && v !== null;
}

function podChecks(ao: AuditObject, t: PodTemplate, emit: Emit): void {
  const spec = t.spec;
  const sp = [...t.base, 'spec'];
  arr(spec['volumes']).forEach((v, i) => {
    const vol = obj(v) ?? {};
    const hp = obj(vol['hostPath']);
    if (hp === undefined) return;
    const p = posix.normalize(`/${str(hp['path'])}`).replace(/\/+$/, '');
    if (exposesRuntimeSocket(p)) {
      emit(
        'QUAI-BP-012',
        ao,
        msg('audit.finding.runtimeSocket', { volume: str(vol['name']), path: p || '/' }),
        [...sp, 'volumes', i, 'hostPath'],
      );
    } else {
      emit('QUAI-BP-011', ao, msg('audit.finding.hostPath', { volume: str(vol['name']), path: p || '/' }), [
        ...sp,
        'volumes',
        i,
        'hostPath',
      ]);
    }
  });
  for (const w of wrongTypes(POD_SPEC_SHAPE, spec, sp)) {
    emit(
      'QUAI-BP-056',
      ao,
      msg('audit.finding.wrongType', { field: formatPath(w.path), actual: w.actual, expected: w.expected }),
      w.path,
    );
  }
  if (spec['hostNetwork'] === true)
    emit('QUAI-BP-013', ao, msg('audit.finding.hostNetwork'), [...sp, 'hostNetwork']);
  if (spec['hostPID'] === true) emit('QUAI-BP-014', ao, msg('audit.finding.hostPid'), [...sp, 'hostPID']);
  if (spec['hostIPC'] === true) emit('QUAI-BP-015', ao, msg('audit.finding.hostIpc'), [...sp, 'hostIPC']);
  if (spec['shareProcessNamespace'] === true)
    emit('QUAI-BP-051', ao, msg('audit.finding.shareProcessNamespace'), [...sp, 'shareProcessNamespace']);
  if (obj(spec['securityContext'])?.['fsGroup'] === 0)
    emit('QUAI-BP-053', ao, msg('audit.finding.podRootGroup'), [...sp, 'securityContext', 'fsGroup']);
  const sa = str(spec['serviceAccountName']) || str(spec['serviceAccount']);
  if (sa === '' || sa === 'default') emit('QUAI-BP-026', ao, msg('audit.finding.defaultServiceAccount'), sp);
  if (!isSet(spec['priorityClassName']) && LONG_RUNNING.has(ao.object.kind)) {
    emit('QUAI-BP-047', ao, msg('audit.finding.noPriorityClass'), sp);
  }
  if (ao.object.kind === 'Pod' && arr(ao.object.metadata['ownerReferences']).length === 0) {
    emit('QUAI-BP-046', ao, msg('audit.finding.barePod'));
  }
}

function replicaChecks(ao: AuditObject, t: PodTemplate, emit: Emit): void {
  const o = ao.object;
  if (o.kind !== 'Deployment' && o.kind !== 'StatefulSet') return;
  const spec = obj(o['spec']) ?? {};
  const replicas = typeof spec['replicas'] === 'number' ? spec['replicas'] : 1;
  if (replicas === 0) return;
  if (replicas === 1) {
    emit(
      'QUAI-BP-030',
      ao,
      msg('audit.finding.singleReplica', { kind: o.kind }),
      isSet(spec['replicas']) ? ['spec', 'replicas'] : ['spec'],
    );
    return;
  }
  // An empty list or an empty anti-affinity spreads nothing.
  const antiAffinity = obj(obj(t.spec['affinity'])?.['podAntiAffinity']) ?? {};
  const spreads =
    arr(t.spec['topologySpreadConstraints']).length > 0 ||
    arr(antiAffinity['requiredDuringSchedulingIgnoredDuringExecution']).length > 0 ||
    arr(antiAffinity['preferredDuringSchedulingIgnoredDuringExecution']).length > 0;
  if (!spreads) {
    emit('QUAI-BP-031', ao, msg('audit.finding.notSpread', { kind: o.kind, replicas }), [...t.base, 'spec']);
  }
}

function objectChecks(ao: AuditObject, ctx: BpContext, emit: Emit): void {
  const targetMinor = ctx.targetMinor;
  const o = ao.object;
  if (o.metadata.namespace === 'default' && o.kind !== 'Service' && o.kind !== 'Endpoints') {
    emit(
      'QUAI-BP-027',
      ao,
      msg('audit.finding.defaultNamespace', { kind: o.kind, name: o.metadata.name ?? '' }),
      ['metadata', 'namespace'],
    );
  }
  const life = API_LIFECYCLE[`${o.apiVersion}/${o.kind}`];
  if (life !== undefined) {
    if (life.removed !== undefined && targetMinor >= life.removed) {
      emit(
        'QUAI-BP-043',
        ao,
        msg('audit.finding.apiRemoved', {
          apiVersion: o.apiVersion,
          kind: o.kind,
          removed: life.removed,
          target: targetMinor,
          replacement: life.replacement,
        }),
        ['apiVersion'],
      );
    } else if (targetMinor >= life.deprecated) {
      emit(
        'QUAI-BP-044',
        ao,
        life.removed === undefined
          ? msg('audit.finding.apiDeprecated', {
              apiVersion: o.apiVersion,
              kind: o.kind,
              deprecated: life.deprecated,
              replacement: life.replacement,
            })
          : msg('audit.finding.apiDeprecatedRemoved', {
              apiVersion: o.apiVersion,
              kind: o.kind,
              deprecated: life.deprecated,
              removed: life.removed,
              replacement: life.replacement,
            }),
        ['apiVersion'],
      );
    }
  }
  const t = podTemplateOf(o);
  if (t !== undefined && o.kind !== 'Pod' && o.kind !== 'PodTemplate') {
    const labels = labelsOf(o.metadata.labels);
    if (!isSet(labels['app.kubernetes.io/name'])) {
      emit('QUAI-BP-045', ao, msg('audit.finding.noNameLabel', { kind: o.kind }), ['metadata']);
    }
  }
  switch (o.kind) {
    case 'Service': {
      const spec = obj(o['spec']) ?? {};
      const type = str(spec['type']);
      if (type === 'NodePort') emit('QUAI-BP-032', ao, msg('audit.finding.nodePort'), ['spec', 'type']);
      if (type === 'LoadBalancer')
        emit('QUAI-BP-033', ao, msg('audit.finding.loadBalancer'), ['spec', 'type']);
      if (arr(spec['externalIPs']).length > 0)
        emit('QUAI-BP-034', ao, msg('audit.finding.externalIps'), ['spec', 'externalIPs']);
      arr(spec['ports']).forEach((p, i) => {
        const port = obj(p) ?? {};
        if (port['port'] === 22 || port['targetPort'] === 22)
          emit('QUAI-BP-048', ao, msg('audit.finding.serviceSsh'), ['spec', 'ports', i]);
      });
      return;
    }
    case 'Ingress': {
      const spec = obj(o['spec']) ?? {};
      if (arr(spec['tls']).length === 0) emit('QUAI-BP-036', ao, msg('audit.finding.ingressNoTls'), ['spec']);
      return;
    }
    case 'ConfigMap': {
      for (const [k, v] of Object.entries(obj(o['data']) ?? {})) {
        if (typeof v !== 'string') continue;
        const why = secretLooking(k, v);
        if (why !== undefined)
          emit('QUAI-BP-039', ao, msg('audit.finding.secretConfigMap', { key: k, reason: why }), ['data', k]);
      }
      return;
    }
    case 'Secret': {
      const type = str(o['type']);
      if (type === 'kubernetes.io/service-account-token') {
        emit('QUAI-BP-052', ao, msg('audit.finding.tokenSecret'), ['type']);
      } else if (
        !ctx.live &&
        Object.keys(obj(o['data']) ?? {}).length + Object.keys(obj(o['stringData']) ?? {}).length > 0
      ) {
        emit(
          'QUAI-BP-040',
          ao,
          msg('audit.finding.secretData'),
          isSet(o['data']) ? ['data'] : ['stringData'],
        );
      }
      return;
    }
    case 'PodDisruptionBudget': {
      const spec = obj(o['spec']) ?? {};
      if (spec['maxUnavailable'] === 0 || spec['maxUnavailable'] === '0%') {
        emit('QUAI-BP-042', ao, msg('audit.finding.pdbMaxUnavailable'), ['spec', 'maxUnavailable']);
      }
      return;
    }
    case 'Namespace': {
      const name = o.metadata.name ?? '';
      if (SYSTEM_NAMESPACES.has(name)) return;
      const enforce = labelsOf(o.metadata.labels)['pod-security.kubernetes.io/enforce'];
      if (enforce === undefined)
        emit('QUAI-BP-049', ao, msg('audit.finding.namespaceNoEnforce', { name }), ['metadata']);
      else if (enforce === 'privileged')
        emit('QUAI-BP-050', ao, msg('audit.finding.namespacePrivileged', { name }), [
          'metadata',
          'labels',
          'pod-security.kubernetes.io/enforce',
        ]);
      return;
    }
    default:
      return;
  }
}

/** Every best-practice check that reads one object alone. */
export function localBestPractices(ao: AuditObject, ctx: BpContext, emit: Emit): void {
  objectChecks(ao, ctx, emit);
  const t = podTemplateOf(ao.object);
  if (t === undefined) return;
  containerChecks(ao, t, emit);
  podChecks(ao, t, emit);
  replicaChecks(ao, t, emit);
}

// ---- checks that relate objects ------------------------------------------------------------------

/** A label selector, for indexes: its matchLabels pairs and whether expressions narrow it more. */
function selectorPairs(selector: unknown): [string, string][] {
  return Object.entries(obj(obj(selector)?.['matchLabels']) ?? {}).map(([k, v]) => [k, String(v)]);
}
const pairKey = (k: string, v: unknown): string => `${k}\u0000${String(v)}`;

/**
 * Items under label selectors, found from a set of labels without trying every selector: each
 * selector is filed under one of its matchLabels pairs (or with those that have none).
 */
class SelectorIndex<T> {
  private readonly byPair = new Map<string, T[]>();
  private readonly open: T[] = [];
  add(selector: unknown, item: T): void {
    const first = selectorPairs(selector)[0];
    if (first === undefined) this.open.push(item);
    else push(this.byPair, pairKey(first[0], first[1]), item);
  }
  /** The items whose selector might select these labels (to be confirmed by the caller). */
  candidates(labels: Readonly<Record<string, unknown>>): T[] {
    const out = [...this.open];
    for (const [k, v] of Object.entries(labels)) {
      const list = this.byPair.get(pairKey(k, v));
      if (list !== undefined) for (const x of list) out.push(x);
    }
    return out;
  }
}

/** Items by their labels, found from a selector through its rarest matchLabels pair. */
class LabelIndex<T> {
  private readonly byPair = new Map<string, T[]>();
  private readonly all: T[] = [];
  add(labels: Readonly<Record<string, unknown>>, item: T): void {
    this.all.push(item);
    for (const [k, v] of Object.entries(labels)) push(this.byPair, pairKey(k, v), item);
  }
  get size(): number {
    return this.all.length;
  }
  /** The items a selector given as pairs might select (every item when it has no pair). */
  candidates(pairs: readonly (readonly [string, unknown])[]): readonly T[] {
    if (pairs.length === 0) return this.all;
    let best: readonly T[] | undefined;
    for (const [k, v] of pairs) {
      const list = this.byPair.get(pairKey(k, v)) ?? [];
      if (best === undefined || list.length < best.length) best = list;
    }
    return best ?? [];
  }
}

interface Workload {
  readonly ao: AuditObject;
  readonly t: PodTemplate;
  readonly labels: Record<string, unknown>;
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

/**
 * The checks that relate objects (a pod template and the NetworkPolicies, PodDisruptionBudgets,
 * Services, Ingresses and ServiceAccounts of its namespace), run once everything is read. Objects
 * are kept slim (see slimObject): what these checks read, and the positions they report.
 */
export class CrossChecks {
  private readonly workloads = new Map<string, LabelIndex<Workload>>();
  private readonly netpols = new Map<string, SelectorIndex<Json>>();
  private readonly pdbs = new Map<string, { ao: AuditObject; spec: Json }[]>();
  private readonly pdbIndex = new Map<string, SelectorIndex<Json>>();
  private readonly services = new Map<string, Set<string>>();
  private readonly serviceObjects: AuditObject[] = [];
  private readonly ingresses: AuditObject[] = [];
  private readonly noAutomount = new Set<string>();

  add(ao: AuditObject): void {
    const o = ao.object;
    const ns = nsOf(ao);
    const t = podTemplateOf(o);
    if (t !== undefined) {
      const index = this.workloads.get(ns) ?? new LabelIndex<Workload>();
      const labels = labelsOf(t.metadata['labels']);
      index.add(labels, { ao, t, labels });
      this.workloads.set(ns, index);
    }
    switch (o.kind) {
      case 'NetworkPolicy': {
        const spec = obj(o['spec']) ?? {};
        const index = this.netpols.get(ns) ?? new SelectorIndex<Json>();
        index.add(spec['podSelector'] ?? {}, spec);
        this.netpols.set(ns, index);
        break;
      }
      case 'PodDisruptionBudget': {
        const spec = obj(o['spec']) ?? {};
        push(this.pdbs, ns, { ao, spec });
        const index = this.pdbIndex.get(ns) ?? new SelectorIndex<Json>();
        index.add(spec['selector'], spec);
        this.pdbIndex.set(ns, index);
        break;
      }
      case 'ServiceAccount':
        if (o['automountServiceAccountToken'] === false)
          this.noAutomount.add(`${ns}/${o.metadata.name ?? ''}`);
        break;
      case 'Service': {
        const set = this.services.get(ns) ?? new Set<string>();
        set.add(o.metadata.name ?? '');
        this.services.set(ns, set);
        this.serviceObjects.push(ao);
        break;
      }
      case 'Ingress':
        this.ingresses.push(ao);
        break;
      default:
        break;
    }
  }

  run(emit: Emit): void {
    for (const [ns, index] of this.workloads) {
      for (const w of index.candidates([])) this.workloadChecks(ns, w, emit);
      this.overlaps(index, emit);
    }
    for (const ao of this.serviceObjects) this.serviceChecks(ao, emit);
    for (const ao of this.ingresses) this.ingressChecks(ao, emit);
    for (const [ns, list] of this.pdbs) for (const p of list) this.pdbChecks(ns, p.ao, p.spec, emit);
  }

  private workloadChecks(ns: string, { ao, t, labels }: Workload, emit: Emit): void {
    const spec = t.spec;
    const sp = [...t.base, 'spec'];
    const sa = str(spec['serviceAccountName']) || str(spec['serviceAccount']);
    // The pod's own field wins; else its service account's, when the input holds it.
    const automount =
      spec['automountServiceAccountToken'] === true ||
      (spec['automountServiceAccountToken'] !== false && !this.noAutomount.has(`${ns}/${sa || 'default'}`));
    if (automount) {
      emit('QUAI-BP-025', ao, msg('audit.finding.automountToken'), sp);
    }
    // NetworkPolicy coverage: any policy in the namespace whose podSelector selects the pods.
    if (ao.object.kind !== 'PodTemplate' && !SYSTEM_NAMESPACES.has(ns)) {
      const covered = (this.netpols.get(ns)?.candidates(labels) ?? []).some((np) =>
        selectorMatches(np['podSelector'] ?? {}, labels),
      );
      if (!covered)
        emit('QUAI-BP-028', ao, msg('audit.finding.noNetworkPolicy', { namespace: namespaceParam(ns) }), [
          ...t.base,
          'metadata',
          'labels',
        ]);
    }
    const o = ao.object;
    if (o.kind !== 'Deployment' && o.kind !== 'StatefulSet') return;
    const r = getPath(o, ['spec', 'replicas']);
    const replicas = typeof r === 'number' ? r : 1;
    if (replicas < 2) return;
    const pdbs = this.pdbIndex.get(ns)?.candidates(labels) ?? [];
    if (!pdbs.some((p) => selectorMatches(p['selector'], labels))) {
      emit('QUAI-BP-029', ao, msg('audit.finding.noPdb', { kind: o.kind, replicas }), ['spec', 'replicas']);
    }
  }

  /** Two controllers of a namespace whose selectors pick each other's pods. */
  private overlaps(index: LabelIndex<Workload>, emit: Emit): void {
    const controllers = index
      .candidates([])
      .filter((w) => CONTROLLERS.has(w.ao.object.kind) || w.ao.object.kind === 'DaemonSet');
    const order = new Map(controllers.map((w, i) => [w, i]));
    const reported = new Set<string>();
    for (const a of controllers) {
      const sel = getPath(a.ao.object, ['spec', 'selector']);
      if (sel === undefined) continue;
      const rc = a.ao.object.kind === 'ReplicationController';
      const pairs: [string, unknown][] = rc
        ? Object.entries(labelsOf(sel))
        : Object.entries(obj(obj(sel)?.['matchLabels']) ?? {});
      const matches = (labels: Record<string, unknown>): boolean =>
        rc ? mapSelectorMatches(labelsOf(sel), labels) : selectorMatches(sel, labels);
      for (const b of index.candidates(pairs)) {
        const bi = order.get(b);
        const ai = order.get(a);
        if (bi === undefined || ai === undefined || b === a || !matches(b.labels)) continue;
        // Reported once per pair, on the later of the two (as before: in input order).
        const [later, earlier] = ai > bi ? [a, b] : [b, a];
        const key = `${order.get(later) ?? 0}/${order.get(earlier) ?? 0}`;
        if (reported.has(key)) continue;
        reported.add(key);
        emit(
          'QUAI-BP-041',
          later.ao,
          msg('audit.finding.selectorOverlap', {
            kind: later.ao.object.kind,
            name: later.ao.object.metadata.name ?? '',
            otherKind: earlier.ao.object.kind,
            otherName: earlier.ao.object.metadata.name ?? '',
          }),
          ['spec', 'selector'],
        );
      }
    }
  }

  private serviceChecks(ao: AuditObject, emit: Emit): void {
    const ns = nsOf(ao);
    const spec = obj(ao.object['spec']) ?? {};
    const selector = obj(spec['selector']);
    const workloads = this.workloads.get(ns);
    if (
      selector === undefined ||
      Object.keys(selector).length === 0 ||
      workloads === undefined ||
      workloads.size === 0 ||
      str(spec['type']) === 'ExternalName'
    )
      return;
    const found = workloads
      .candidates(Object.entries(selector))
      .some((w) => w.ao.object.kind !== 'PodTemplate' && mapSelectorMatches(selector, w.labels));
    if (!found) {
      emit(
        'QUAI-BP-035',
        ao,
        msg('audit.finding.serviceSelectsNothing', {
          selector: JSON.stringify(selector),
          namespace: namespaceParam(ns),
        }),
        ['spec', 'selector'],
      );
    }
  }

  private ingressChecks(ao: AuditObject, emit: Emit): void {
    const ns = nsOf(ao);
    const spec = obj(ao.object['spec']) ?? {};
    const known = this.services.get(ns);
    if (known === undefined && (this.workloads.get(ns)?.size ?? 0) === 0) return;
    const backends: [string, FieldPath][] = [];
    const dflt = str(getPath(spec, ['defaultBackend', 'service', 'name']));
    if (dflt !== '') backends.push([dflt, ['spec', 'defaultBackend', 'service', 'name']]);
    arr(spec['rules']).forEach((r, i) => {
      arr(getPath(r, ['http', 'paths'])).forEach((p, j) => {
        const name =
          str(getPath(p, ['backend', 'service', 'name'])) || str(getPath(p, ['backend', 'serviceName']));
        if (name !== '') backends.push([name, ['spec', 'rules', i, 'http', 'paths', j, 'backend']]);
      });
    });
    for (const [name, path] of backends) {
      if (!(known?.has(name) ?? false))
        emit(
          'QUAI-BP-037',
          ao,
          msg('audit.finding.ingressBackend', { service: name, namespace: namespaceParam(ns) }),
          path,
        );
    }
  }

  private pdbChecks(ns: string, ao: AuditObject, spec: Json, emit: Emit): void {
    const index = this.workloads.get(ns);
    const selected = (index?.candidates(selectorPairs(spec['selector'])) ?? []).filter((w) =>
      selectorMatches(spec['selector'], w.labels),
    );
    if (!(spec['maxUnavailable'] === 0 || spec['maxUnavailable'] === '0%')) {
      if (typeof spec['minAvailable'] === 'number' || spec['minAvailable'] === '100%') {
        for (const w of selected) {
          const r = getPath(w.ao.object, ['spec', 'replicas']);
          const replicas = typeof r === 'number' ? r : 1;
          if (spec['minAvailable'] === '100%' || spec['minAvailable'] >= replicas) {
            emit(
              'QUAI-BP-042',
              ao,
              msg('audit.finding.pdbMinAvailable', {
                minAvailable: String(spec['minAvailable']),
                kind: w.ao.object.kind,
                name: w.ao.object.metadata.name ?? '',
                replicas,
              }),
              ['spec', 'minAvailable'],
            );
          }
        }
      }
    }
    if ((index?.size ?? 0) > 0 && selected.length === 0) {
      emit('QUAI-BP-042', ao, msg('audit.finding.selectsNothing', { namespace: namespaceParam(ns) }), [
        'spec',
        'selector',
      ]);
    }
  }
}
