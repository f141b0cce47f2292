import type { Message } from '@quai/contracts';
import type { CheckCategory, CheckInfo, Severity } from './types.js';

/** The catalog message of one of a check's texts (packages/contracts/src/messages/audit-checks.ts). */
function checkText(id: string, part: 'title' | 'rationale' | 'remediation'): Message {
  return { id: `audit.check.${id}.${part}` };
}

/**
 * A check: what it is about and how serious it is. Its title, rationale and remediation are
 * messages of the catalog, in English and French, by its id (a test checks that all three exist).
 */
export function def(
  category: CheckCategory,
  id: string,
  severity: Severity,
  references: readonly string[] = [],
): CheckInfo {
  return {
    id,
    category,
    severity,
    title: checkText(id, 'title'),
    rationale: checkText(id, 'rationale'),
    remediation: checkText(id, 'remediation'),
    references,
  };
}

const PSS_DOC = 'https://kubernetes.io/docs/concepts/security/pod-security-standards/';
const NSA = 'NSA/CISA Kubernetes Hardening Guide v1.2, "Kubernetes Pod security"';

/** One entry per upstream Pod Security Admission check: `PSS-<upstream id>`. */
export const PSS_CATALOG: readonly CheckInfo[] = [
  def('pod-security', 'PSS-hostNamespaces', 'high', [
    `${PSS_DOC} (baseline: Host Namespaces)`,
    NSA,
    'CIS Kubernetes Benchmark 5.2.3, 5.2.4, 5.2.5',
  ]),
  def('pod-security', 'PSS-privileged', 'high', [
    `${PSS_DOC} (baseline: Privileged Containers)`,
    NSA,
    'CIS Kubernetes Benchmark 5.2.2',
  ]),
  def('pod-security', 'PSS-capabilities_baseline', 'high', [
    `${PSS_DOC} (baseline: Capabilities)`,
    'CIS Kubernetes Benchmark 5.2.9',
  ]),
  def('pod-security', 'PSS-hostPathVolumes', 'high', [
    `${PSS_DOC} (baseline: HostPath Volumes)`,
    NSA,
    'CIS Kubernetes Benchmark 5.2.12',
  ]),
  def('pod-security', 'PSS-hostPorts', 'high', [
    `${PSS_DOC} (baseline: Host Ports)`,
    'CIS Kubernetes Benchmark 5.2.13',
  ]),
  def('pod-security', 'PSS-appArmorProfile', 'high', [`${PSS_DOC} (baseline: AppArmor)`]),
  def('pod-security', 'PSS-seLinuxOptions', 'high', [`${PSS_DOC} (baseline: SELinux)`]),
  def('pod-security', 'PSS-procMount', 'high', [`${PSS_DOC} (baseline: /proc Mount Type)`]),
  def('pod-security', 'PSS-seccompProfile_baseline', 'high', [
    `${PSS_DOC} (baseline: Seccomp)`,
    'CIS Kubernetes Benchmark 5.7.2',
  ]),
  def('pod-security', 'PSS-sysctls', 'high', [`${PSS_DOC} (baseline: Sysctls)`]),
  def('pod-security', 'PSS-windowsHostProcess', 'high', [
    `${PSS_DOC} (baseline: HostProcess)`,
    'CIS Kubernetes Benchmark 5.2.11',
  ]),
  def('pod-security', 'PSS-hostProbesAndHostLifecycle', 'high', [
    `${PSS_DOC} (baseline: Probes and Lifecycle Hooks)`,
  ]),
  def('pod-security', 'PSS-restrictedVolumes', 'medium', [`${PSS_DOC} (restricted: Volume Types)`]),
  def('pod-security', 'PSS-allowPrivilegeEscalation', 'medium', [
    `${PSS_DOC} (restricted: Privilege Escalation)`,
    NSA,
    'CIS Kubernetes Benchmark 5.2.6',
  ]),
  def('pod-security', 'PSS-runAsNonRoot', 'medium', [
    `${PSS_DOC} (restricted: Running as Non-root)`,
    NSA,
    'CIS Kubernetes Benchmark 5.2.7',
  ]),
  def('pod-security', 'PSS-runAsUser', 'medium', [`${PSS_DOC} (restricted: Running as Non-root user)`]),
  def('pod-security', 'PSS-seccompProfile_restricted', 'medium', [
    `${PSS_DOC} (restricted: Seccomp)`,
    'CIS Kubernetes Benchmark 5.7.2',
  ]),
  def('pod-security', 'PSS-capabilities_restricted', 'medium', [
    `${PSS_DOC} (restricted: Capabilities)`,
    'CIS Kubernetes Benchmark 5.2.8, 5.2.9, 5.2.10',
  ]),
  def('pod-security', 'PSS-procMount_restricted', 'medium', [`${PSS_DOC} (restricted: /proc Mount Type)`]),
];

export const EXCEPTION_CATALOG: readonly CheckInfo[] = [
  def('exception', 'QUAI-EXC-001', 'medium', ['docs/audit.md#exceptions']),
  def('exception', 'QUAI-EXC-002', 'medium', ['docs/audit.md#exceptions']),
];
