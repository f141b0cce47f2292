// The platform settings are one YAML document in the ConfigMap quai-settings of quai-system: read
// and written with the caller's client (the API impersonates the signed-in user), so Kubernetes
// RBAC decides who may change them. A write names the resourceVersion it read: a change made
// meanwhile is refused (CONFLICT), never overwritten.
import { stringify } from 'yaml';
import {
  msg,
  PlatformSettings,
  SETTINGS_CONFIGMAP,
  SETTINGS_KEY,
  SETTINGS_NAMESPACE,
  type Message,
} from '@quai/contracts';
import { QuaiError } from '../errors/index.js';
import { KubeApiError, type KubeClient, type KubeObject } from '../kube/index.js';
import { parseYamlAs } from '../model/index.js';

/** The name errors give the document: `quai-system/quai-settings:settings.yaml`. */
export const SETTINGS_FILE = `${SETTINGS_NAMESPACE}/${SETTINGS_CONFIGMAP}:${SETTINGS_KEY}`;

const REF = { apiVersion: 'v1', kind: 'ConfigMap', namespace: SETTINGS_NAMESPACE, name: SETTINGS_CONFIGMAP };

type ConfigMap = KubeObject & { data?: Record<string, string> };

/** The settings as stored. */
export interface StoredSettings {
  readonly settings: PlatformSettings;
  /** The document as stored ('' when there is none). */
  readonly yaml: string;
  /** Absent when the ConfigMap does not exist. */
  readonly resourceVersion?: string;
  /** Why the stored document could not be used (the defaults are returned instead). */
  readonly invalid?: Message;
}

/**
 * Parses and checks a settings document: YAML errors and schema errors come with their line and
 * column in `quai-system/quai-settings:settings.yaml` (INPUT_INVALID).
 */
export function parseSettings(text: string): PlatformSettings {
  if (text.trim() === '') return PlatformSettings.parse({});
  return parseYamlAs(PlatformSettings, text, SETTINGS_FILE, msg('settings.what'));
}

/** The settings document for data (a form's): keys in a stable order, defaults left out. */
export function settingsYaml(settings: PlatformSettings): string {
  const cluster = Object.keys(settings.cluster).length === 0 ? undefined : settings.cluster;
  return stringify(
    {
      ...(cluster === undefined ? {} : { cluster }),
      targets: settings.targets,
      ...(settings.gitlab === undefined ? {} : { gitlab: settings.gitlab }),
    },
    { lineWidth: 0 },
  );
}

/** Reads the settings; a missing ConfigMap gives the defaults (no target, no GitLab). */
export async function readSettings(client: KubeClient, signal?: AbortSignal): Promise<StoredSettings> {
  const cm = await client.tryGet<ConfigMap>(REF, signal);
  if (cm === undefined) return { settings: PlatformSettings.parse({}), yaml: '' };
  const yaml = cm.data?.[SETTINGS_KEY] ?? '';
  const resourceVersion = cm.metadata.resourceVersion;
  const base = { yaml, ...(resourceVersion === undefined ? {} : { resourceVersion }) };
  try {
    return { ...base, settings: parseSettings(yaml) };
  } catch (error) {
    if (!(error instanceof QuaiError)) throw error;
    return { ...base, settings: PlatformSettings.parse({}), invalid: error.text };
  }
}

/**
 * Writes the document (already checked with parseSettings): creates the ConfigMap when no
 * resourceVersion is given, else replaces it only if it is still at that version.
 */
export async function writeSettings(
  client: KubeClient,
  yaml: string,
  resourceVersion: string | undefined,
  signal?: AbortSignal,
): Promise<{ resourceVersion: string; created: boolean }> {
  const path = `/api/v1/namespaces/${SETTINGS_NAMESPACE}/configmaps`;
  const object: ConfigMap = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: SETTINGS_CONFIGMAP,
      namespace: SETTINGS_NAMESPACE,
      labels: { 'app.kubernetes.io/managed-by': 'quai', 'app.kubernetes.io/part-of': 'quai' },
      ...(resourceVersion === undefined ? {} : { resourceVersion }),
    },
    data: { [SETTINGS_KEY]: yaml },
  };
  try {
    const written =
      resourceVersion === undefined
        ? await client.request<ConfigMap>({
            method: 'POST',
            path,
            body: object,
            ...(signal ? { signal } : {}),
          })
        : await client.request<ConfigMap>({
            method: 'PUT',
            path: `${path}/${SETTINGS_CONFIGMAP}`,
            body: object,
            ...(signal ? { signal } : {}),
          });
    return {
      resourceVersion: written.metadata.resourceVersion ?? '',
      created: resourceVersion === undefined,
    };
  } catch (error) {
    if (error instanceof KubeApiError && (error.code === 'CONFLICT' || error.code === 'ALREADY_EXISTS')) {
      throw new QuaiError('CONFLICT', msg('settings.conflict', { file: SETTINGS_FILE }), {
        hint: msg('settings.conflictHint'),
        cause: error,
      });
    }
    if (error instanceof KubeApiError && error.code === 'NOT_FOUND') {
      // Replaced, but deleted meanwhile; or the namespace does not exist.
      throw new QuaiError(
        resourceVersion === undefined ? 'NOT_FOUND' : 'CONFLICT',
        resourceVersion === undefined
          ? msg('settings.noNamespace', { namespace: SETTINGS_NAMESPACE })
          : msg('settings.conflict', { file: SETTINGS_FILE }),
        {
          hint:
            resourceVersion === undefined
              ? msg('settings.noNamespaceHint', { namespace: SETTINGS_NAMESPACE })
              : msg('settings.conflictHint'),
          cause: error,
        },
      );
    }
    throw error;
  }
}

/** What changed between two settings, one line each (`targets: + nas`, `gitlab.url`). */
export function settingsChanges(before: PlatformSettings, after: PlatformSettings): string[] {
  const out: string[] = [];
  const keys = new Set([...Object.keys(before.cluster), ...Object.keys(after.cluster)]);
  for (const k of [...keys].sort()) {
    const a = (before.cluster as Record<string, unknown>)[k];
    const b = (after.cluster as Record<string, unknown>)[k];
    if (a !== b) out.push(`cluster.${k}`);
  }
  const old = new Map(before.targets.map((t) => [t.name, t]));
  const now = new Map(after.targets.map((t) => [t.name, t]));
  for (const t of after.targets) {
    const was = old.get(t.name);
    if (was === undefined) out.push(`targets: + ${t.name}`);
    else if (JSON.stringify(was) !== JSON.stringify(t)) out.push(`targets: ~ ${t.name}`);
  }
  for (const t of before.targets) if (!now.has(t.name)) out.push(`targets: - ${t.name}`);
  const ga = before.gitlab ?? {};
  const gb = after.gitlab ?? {};
  const gkeys = new Set([...Object.keys(ga), ...Object.keys(gb)]);
  for (const k of [...gkeys].sort()) {
    if ((ga as Record<string, unknown>)[k] !== (gb as Record<string, unknown>)[k]) out.push(`gitlab.${k}`);
  }
  return out;
}
