import { stringify } from 'yaml';
import type { KubeObject } from '../kube/index.js';

/** One YAML stream, documents separated by `---`, stable formatting (no line folding). */
export function toYamlStream(objects: readonly KubeObject[]): string {
  return objects.map((o) => stringify(o, { lineWidth: 0, aliasDuplicateObjects: false })).join('---\n');
}

/** A file name per object: `03-serviceaccount-grist.yaml`, in apply order. */
export function fileNameFor(index: number, object: KubeObject): string {
  return `${String(index + 1).padStart(3, '0')}-${object.kind.toLowerCase()}-${object.metadata.name ?? 'unnamed'}.yaml`;
}
