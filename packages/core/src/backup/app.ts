import { msg } from '@quai/contracts';
import { applySetParentName } from '../deploy/index.js';
import { QuaiError } from '../errors/index.js';
import type { KubeClient, KubeObject } from '../kube/index.js';

/** The label `quai render` puts on every object of an app. */
export const APP_LABEL = 'app.kubernetes.io/part-of';

const PARENT_PREFIX = 'quai-applyset-';

/** Where an app's objects are: namespaces, and a label selector when a namespace is shared. */
export interface AppScope {
  readonly namespaces: readonly string[];
  /** Set when one of the namespaces also holds other apps: only the app's labelled objects. */
  readonly labelSelector?: string;
}

function isOtherParent(o: KubeObject, app: string): boolean {
  const name = o.metadata.name ?? '';
  return o.kind === 'Secret' && name.startsWith(PARENT_PREFIX) && name !== applySetParentName(app);
}

/**
 * The namespaces an app was applied to (each holds its ApplySet parent Secret, written by
 * `quai apply`). A namespace that holds another app's parent too is narrowed by the app label.
 */
export async function appScope(client: KubeClient, app: string, signal?: AbortSignal): Promise<AppScope> {
  const parents = await client.list('v1', 'Secret', {
    fieldSelector: `metadata.name=${applySetParentName(app)}`,
    ...(signal ? { signal } : {}),
  });
  const namespaces = [...new Set(parents.map((p) => p.metadata.namespace ?? ''))].filter((n) => n !== '');
  if (namespaces.length === 0) {
    throw new QuaiError('NOT_FOUND', msg('backup.app.notDeployed', { app }), {
      hint: msg('backup.app.notDeployedHint', { parent: applySetParentName(app) }),
    });
  }
  let shared = false;
  for (const namespace of namespaces.sort()) {
    const secrets = await client.list('v1', 'Secret', {
      namespace,
      labelSelector: 'applyset.kubernetes.io/id',
      ...(signal ? { signal } : {}),
    });
    if (secrets.some((s) => isOtherParent(s, app))) shared = true;
  }
  return { namespaces, ...(shared ? { labelSelector: `${APP_LABEL}=${app}` } : {}) };
}

/**
 * The same scope read from a backup's objects: namespaces holding the app's parent; in a
 * namespace shared with other apps, only the objects labelled with the app (and its parent).
 */
export function appObjectsOf(
  objects: readonly KubeObject[],
  app: string,
  backupName: string,
): { namespaces: string[]; keep: (o: KubeObject) => boolean } {
  const parent = applySetParentName(app);
  const namespaces = [
    ...new Set(
      objects
        .filter((o) => o.kind === 'Secret' && o.metadata.name === parent)
        .map((o) => o.metadata.namespace ?? ''),
    ),
  ]
    .filter((n) => n !== '')
    .sort();
  if (namespaces.length === 0) {
    throw new QuaiError('USAGE', msg('backup.app.notInBackup', { backup: backupName, app }), {
      hint: msg('backup.app.notInBackupHint', { parent }),
    });
  }
  const shared = new Set(objects.filter((o) => isOtherParent(o, app)).map((o) => o.metadata.namespace ?? ''));
  const keep = (o: KubeObject): boolean => {
    const ns = o.metadata.namespace;
    if (ns === undefined || !shared.has(ns)) return true;
    return o.metadata.name === parent || o.metadata.labels?.[APP_LABEL] === app;
  };
  return { namespaces, keep };
}
