// Who owns an object, read from its labels before Quai writes it. One app must never silently
// take over another app's objects: server-side apply cannot tell (both apps write with the same
// field manager, so the server sees no conflict), so Quai checks first:
// - an object labelled applyset.kubernetes.io/part-of with another set's id belongs to that set
//   (another Quai app, or a kubectl ApplySet);
// - an object without it but labelled app.kubernetes.io/managed-by (quai, Helm, ...) and
//   app.kubernetes.io/part-of naming another app belongs to that app;
// - any other existing object was made by hand or by another tool: not this app's either;
// - a namespace annotated (or labelled) quai.dev/team belongs to that team: another team's app
//   may neither re-label it nor deploy into it; a namespace labelled as another app's (same team)
//   is shared: the app deploys its objects there but leaves the namespace's labels alone.
// Each refusal can be overridden on purpose (takeOwnership).
import { msg, type Message } from '@quai/contracts';
import { describeObject, type KubeObject, type ObjectRef } from '../kube/index.js';
import { LABEL_PART_OF } from './applyset.js';

export const LABEL_APP = 'app.kubernetes.io/part-of';
const LABEL_MANAGED_BY = 'app.kubernetes.io/managed-by';
export const TEAM_KEY = 'quai.dev/team';

/** An object (or the namespace) that belongs to someone else. */
export interface OwnershipIssue {
  readonly object: string;
  readonly ref: ObjectRef;
  /** Who owns it, in words: `app "alpha"`, `team "compta"`, `Helm app "x"`, `nobody (made by hand)`. */
  readonly owner: Message;
  readonly reason: Message;
}

function teamOf(o: KubeObject | undefined): string | undefined {
  return o?.metadata.annotations?.[TEAM_KEY] ?? o?.metadata.labels?.[TEAM_KEY];
}

function refOf(o: KubeObject): ObjectRef {
  return {
    apiVersion: o.apiVersion,
    kind: o.kind,
    name: o.metadata.name ?? '',
    ...(o.metadata.namespace ? { namespace: o.metadata.namespace } : {}),
  };
}

/** What to do with the app's namespace. */
export type NamespaceDecision =
  | { readonly action: 'write' }
  | { readonly action: 'leave'; readonly owner: Message }
  | { readonly action: 'refuse'; readonly issue: OwnershipIssue };

/**
 * Whether the app may write its namespace: yes when it is new, the app's own, or nobody's; left
 * alone when another app of the same team owns it (the namespace is shared); refused when
 * another team owns it.
 */
export function namespaceDecision(
  live: KubeObject | undefined,
  desired: KubeObject,
  app: string,
  takeOwnership: boolean,
): NamespaceDecision {
  if (live === undefined || takeOwnership) return { action: 'write' };
  const liveTeam = teamOf(live);
  const ourTeam = teamOf(desired);
  if (liveTeam !== undefined && liveTeam !== ourTeam) {
    const owner = msg('deploy.owner.team', { team: liveTeam });
    return {
      action: 'refuse',
      issue: {
        object: describeObject(desired),
        ref: refOf(desired),
        owner,
        reason: msg('deploy.reason.namespaceOfTeam', {
          namespace: live.metadata.name ?? '',
          owner,
          app,
          team:
            ourTeam === undefined ? msg('deploy.reason.noTeam') : msg('deploy.owner.team', { team: ourTeam }),
        }),
      },
    };
  }
  const liveApp = live.metadata.labels?.[LABEL_APP];
  if (live.metadata.labels?.[LABEL_MANAGED_BY] === 'quai' && liveApp !== undefined && liveApp !== app) {
    return { action: 'leave', owner: msg('deploy.owner.app', { app: liveApp }) };
  }
  return { action: 'write' };
}

/** Who owns a live object, when it is not the set `setId` of app `app`; undefined when it is ours. */
export function foreignOwner(live: KubeObject, setId: string, app: string): Message | undefined {
  const labels = live.metadata.labels ?? {};
  const partOf = labels[LABEL_PART_OF];
  const liveApp = labels[LABEL_APP];
  const manager = labels[LABEL_MANAGED_BY];
  if (partOf === setId) return undefined;
  if (partOf !== undefined) {
    return liveApp !== undefined && manager === 'quai'
      ? msg('deploy.owner.app', { app: liveApp })
      : msg('deploy.owner.applySet', { id: partOf });
  }
  if (manager === 'quai' && liveApp === app) return undefined; // ours, labelled before the set was
  if (manager !== undefined) {
    return liveApp !== undefined
      ? msg('deploy.owner.managedApp', { manager, app: liveApp })
      : msg('deploy.owner.manager', { manager });
  }
  const controller = (
    live.metadata['ownerReferences'] as { kind?: string; name?: string }[] | undefined
  )?.[0];
  if (controller !== undefined) {
    return msg('deploy.owner.controller', { kind: controller.kind ?? '', name: controller.name ?? '' });
  }
  return msg('deploy.owner.nobody');
}

/** The members the app would write that exist already and belong to someone else. */
export function memberIssues(
  members: readonly KubeObject[],
  live: ReadonlyMap<string, KubeObject>,
  keyOf: (o: KubeObject) => string,
  setId: string,
  app: string,
): OwnershipIssue[] {
  const issues: OwnershipIssue[] = [];
  for (const m of members) {
    const existing = live.get(keyOf(m));
    if (existing === undefined) continue;
    const owner = foreignOwner(existing, setId, app);
    if (owner === undefined) continue;
    issues.push({
      object: describeObject(m),
      ref: refOf(m),
      owner,
      reason: msg('deploy.reason.belongsTo', { owner, app }),
    });
  }
  return issues;
}
