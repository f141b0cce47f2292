import { createHash } from 'node:crypto';
import { splitApiVersion, type KubeObject } from '../kube/index.js';

// ApplySet (KEP-3659), as kubectl writes it (checked against kubectl 1.36): a parent object
// labelled applyset.kubernetes.io/id, members labelled applyset.kubernetes.io/part-of with that
// id, and the parent annotated with the group-kinds its members may have, so pruning knows
// where to look.
const LABEL_ID = 'applyset.kubernetes.io/id';
export const LABEL_PART_OF = 'applyset.kubernetes.io/part-of';
export const ANNOTATION_TOOLING = 'applyset.kubernetes.io/tooling';
export const ANNOTATION_GROUP_KINDS = 'applyset.kubernetes.io/contains-group-kinds';
const ANNOTATION_NAMESPACES = 'applyset.kubernetes.io/additional-namespaces';

export interface ApplySetParent {
  readonly name: string;
  readonly namespace: string;
}

/** `applyset-` + base64url(sha256("<name>.<namespace>.<Kind>.<group>")) + `-v1`; the parent is a Secret. */
export function applySetId(parent: ApplySetParent): string {
  const digest = createHash('sha256')
    .update(`${parent.name}.${parent.namespace}.Secret.`)
    .digest('base64url');
  return `applyset-${digest}-v1`;
}

/** `Deployment.apps`, `ConfigMap` (core group): kubectl's group-kind notation. */
export function groupKind(o: Pick<KubeObject, 'apiVersion' | 'kind'>): string {
  const { group } = splitApiVersion(o.apiVersion);
  return group === '' ? o.kind : `${o.kind}.${group}`;
}

export function parseGroupKinds(value: string | undefined): string[] {
  return (value ?? '').split(',').filter((s) => s !== '');
}

/** The name of an app's ApplySet parent Secret (in each namespace the app is applied to). */
export function applySetParentName(app: string): string {
  return `quai-applyset-${app}`.slice(0, 253);
}

export function parentObject(
  parent: ApplySetParent,
  groupKinds: readonly string[],
  tooling: string,
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name: parent.name,
      namespace: parent.namespace,
      labels: { [LABEL_ID]: applySetId(parent) },
      annotations: {
        [ANNOTATION_TOOLING]: tooling,
        [ANNOTATION_GROUP_KINDS]: [...new Set(groupKinds)].sort().join(','),
        [ANNOTATION_NAMESPACES]: '',
      },
    },
    type: 'Opaque',
  };
}

/** A copy of the object labelled as a member of the set. */
export function asMember(o: KubeObject, id: string): KubeObject {
  return { ...o, metadata: { ...o.metadata, labels: { ...o.metadata.labels, [LABEL_PART_OF]: id } } };
}
