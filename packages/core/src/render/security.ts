import type { PolicyLevel, SecurityException } from '@quai/contracts';
import { CAPABILITIES_ALLOWED_1_0 as BASELINE_CAPABILITIES } from '../audit/pss.js';
import { compareText } from '../util/index.js';

const DEFAULT_UID = 10001;

const LEVEL_ORDER: Record<PolicyLevel, number> = { restricted: 0, baseline: 1, privileged: 2 };

export function strictest(a: PolicyLevel, b: PolicyLevel): PolicyLevel {
  return LEVEL_ORDER[a] >= LEVEL_ORDER[b] ? a : b;
}

/** The Pod Security level a workload needs once its exceptions are applied. */
export function levelFor(exceptions: readonly SecurityException[]): PolicyLevel {
  let level: PolicyLevel = 'restricted';
  for (const e of exceptions) {
    const allow = e.allow;
    if (allow.startsWith('capability:')) {
      const cap = allow.slice('capability:'.length);
      if (cap !== 'NET_BIND_SERVICE')
        level = strictest(level, BASELINE_CAPABILITIES.has(cap) ? 'baseline' : 'privileged');
      continue;
    }
    switch (allow) {
      case 'runAsRoot':
      case 'privilegeEscalation':
        level = strictest(level, 'baseline');
        break;
      case 'privileged':
      case 'hostNetwork':
      case 'hostPID':
      case 'hostIPC':
      case 'hostPath':
      case 'unconfinedSeccomp':
        level = strictest(level, 'privileged');
        break;
      case 'writableRootFilesystem':
      case 'serviceAccountToken':
        break;
    }
  }
  return level;
}

export interface Hardening {
  readonly pod: Record<string, unknown>;
  readonly container: Record<string, unknown>;
  readonly automountToken: boolean;
  readonly host: { hostNetwork?: true; hostPID?: true; hostIPC?: true };
  /** `quai.dev/exception.<allow>` annotations carrying each justification. */
  readonly annotations: Record<string, string>;
}

/**
 * The security settings of a pod and its containers: non-root numeric user, no privilege
 * escalation, every capability dropped, RuntimeDefault seccomp, read-only root filesystem, no
 * token. Each exception weakens exactly one of them.
 */
export function hardening(
  exceptions: readonly SecurityException[],
  user: { uid: number; gid?: number | undefined; fsGroup?: number | undefined } | undefined,
): Hardening {
  const allowed = new Set(exceptions.map((e) => e.allow));
  const asRoot = allowed.has('runAsRoot');
  const uid = asRoot ? 0 : (user?.uid ?? DEFAULT_UID);
  const gid = user?.gid ?? (asRoot ? 0 : uid === 0 ? DEFAULT_UID : uid);
  const fsGroup = user?.fsGroup ?? gid;
  const seccomp = { type: allowed.has('unconfinedSeccomp') ? 'Unconfined' : 'RuntimeDefault' };
  const add = [...allowed]
    .filter((a) => a.startsWith('capability:'))
    .map((a) => a.slice('capability:'.length))
    .sort();
  const annotations: Record<string, string> = {};
  for (const e of [...exceptions].sort((a, b) => compareText(a.allow, b.allow))) {
    annotations[`quai.dev/exception.${e.allow.replace(':', '.')}`] = e.justification;
  }
  const host: Hardening['host'] = {
    ...(allowed.has('hostNetwork') ? { hostNetwork: true as const } : {}),
    ...(allowed.has('hostPID') ? { hostPID: true as const } : {}),
    ...(allowed.has('hostIPC') ? { hostIPC: true as const } : {}),
  };
  return {
    pod: {
      runAsNonRoot: !asRoot,
      runAsUser: uid,
      runAsGroup: gid,
      fsGroup,
      seccompProfile: seccomp,
    },
    container: {
      allowPrivilegeEscalation: allowed.has('privilegeEscalation') || allowed.has('privileged'),
      ...(allowed.has('privileged') ? { privileged: true } : {}),
      capabilities: { drop: ['ALL'], ...(add.length > 0 ? { add } : {}) },
      readOnlyRootFilesystem: !allowed.has('writableRootFilesystem'),
      runAsNonRoot: !asRoot,
      runAsUser: uid,
      seccompProfile: seccomp,
    },
    automountToken: allowed.has('serviceAccountToken'),
    host,
    annotations,
  };
}
