import { msg, tr, type Lang } from '@quai/contracts';
import type { Revision } from '../deploy/index.js';
import { QuaiError } from '../errors/index.js';
import { gitlabError, GitlabHttpError, type GitlabClient } from './api.js';
import { compareText } from '../util/index.js';

/**
 * `quai rollback APP --via-merge-request`: with GitOps, the platform repository is the truth; a
 * rollback made in the cluster alone would be undone by the next pipeline. So the rollback is a
 * merge request that returns the app's files in the repository to their content at the commit of
 * the last good revision; merging it runs the pipeline, which deploys that content.
 *
 * How the commit is known: the generated pipeline deploys with `quai apply --message
 * "$CI_COMMIT_SHA $CI_COMMIT_TITLE"`, and every revision keeps its message; a revision whose
 * message starts with a commit SHA (7 to 40 hexadecimal digits) was deployed from that commit.
 */

/** The commit a revision was deployed from, when its message starts with one. */
export function commitOfRevision(r: Pick<Revision, 'message'>): string | undefined {
  return /^([0-9a-f]{7,40})(?:\s|$)/.exec(r.message)?.[1];
}

/** The revision to return to: the one asked, or the last good one before the current with a commit. */
export function chooseRevision(
  revisions: readonly Revision[],
  app: string,
  to?: number,
): { revision: Revision; commit: string } {
  if (revisions.length === 0) throw new QuaiError('NOT_FOUND', msg('gitlab.rollbackMr.noRevision', { app }));
  if (to !== undefined) {
    const r = revisions.find((x) => x.number === to);
    if (r === undefined)
      throw new QuaiError('NOT_FOUND', msg('gitlab.rollbackMr.unknownRevision', { app, revision: to }), {
        hint: msg('gitlab.rollbackMr.historyHint', { app }),
      });
    const commit = commitOfRevision(r);
    if (commit === undefined)
      throw new QuaiError(
        'NOT_FOUND',
        msg('gitlab.rollbackMr.noCommit', { app, revision: to, message: r.message }),
        {
          hint: msg('gitlab.rollbackMr.noCommitHint'),
        },
      );
    return { revision: r, commit };
  }
  const current = revisions.at(-1)!;
  const currentCommit = commitOfRevision(current);
  for (const r of [...revisions].reverse()) {
    if (r.number === current.number) continue;
    if (
      r.status === 'failed' ||
      r.status === 'rolled-back' ||
      r.status === 'interrupted' ||
      r.status === 'pending'
    )
      continue;
    const commit = commitOfRevision(r);
    // The same commit as the current one would change nothing in the repository.
    if (commit === undefined || commit === currentCommit) continue;
    return { revision: r, commit };
  }
  throw new QuaiError('NOT_FOUND', msg('gitlab.rollbackMr.noGoodRevision', { app }), {
    hint: msg('gitlab.rollbackMr.noCommitHint'),
  });
}

export interface FileChange {
  readonly path: string;
  readonly action: 'create' | 'update' | 'delete';
}

export interface RollbackMrOptions {
  readonly gitlab: GitlabClient;
  readonly url: string;
  readonly project: string | number;
  readonly app: string;
  readonly environment: string;
  readonly revision: Revision;
  readonly commit: string;
  readonly path: string;
  readonly targetBranch?: string | undefined;
  readonly dryRun: boolean;
  readonly lang: Lang;
}

export interface RollbackMrOutcome {
  readonly commit: string;
  readonly files: FileChange[];
  readonly branch: string;
  readonly targetBranch: string;
  readonly mergeRequest?: { iid: number; url: string; existed: boolean };
}

interface TreeEntry {
  id: string;
  type: string;
  path: string;
}

function notFound(error: unknown): boolean {
  return error instanceof GitlabHttpError && error.status === 404;
}

export async function rollbackMergeRequest(o: RollbackMrOptions): Promise<RollbackMrOutcome> {
  const { gitlab } = o;
  const fail = (error: unknown, what: ReturnType<typeof msg>): QuaiError =>
    gitlabError(error, { url: o.url, project: String(o.project), what });
  let project: { id: number; default_branch: string };
  try {
    project = await gitlab.Projects.show(o.project);
  } catch (error) {
    throw fail(error, msg('gitlab.rollbackMr.what.project'));
  }
  const target = o.targetBranch ?? project.default_branch;
  let full: string;
  try {
    full = ((await gitlab.Commits.show(project.id, o.commit)) as unknown as { id: string }).id;
  } catch (error) {
    if (notFound(error))
      throw new QuaiError(
        'GITLAB_NOT_FOUND',
        msg('gitlab.rollbackMr.commitMissing', { commit: o.commit, project: String(o.project) }),
        {
          hint: msg('gitlab.rollbackMr.commitMissingHint'),
          cause: error,
        },
      );
    throw fail(error, msg('gitlab.rollbackMr.what.commit'));
  }
  const tree = async (ref: string): Promise<Map<string, string>> => {
    try {
      const entries = (await gitlab.Repositories.allRepositoryTrees(project.id, {
        path: o.path,
        ref,
        recursive: true,
        perPage: 100,
      })) as unknown as TreeEntry[];
      return new Map(entries.filter((e) => e.type === 'blob').map((e) => [e.path, e.id]));
    } catch (error) {
      if (notFound(error)) return new Map();
      throw fail(error, msg('gitlab.rollbackMr.what.tree'));
    }
  };
  const [good, head] = await Promise.all([tree(full), tree(target)]);
  if (good.size === 0)
    throw new QuaiError(
      'GITLAB_NOT_FOUND',
      msg('gitlab.rollbackMr.noFiles', { path: o.path, commit: full.slice(0, 12) }),
      {
        hint: msg('gitlab.rollbackMr.noFilesHint'),
      },
    );
  const files: FileChange[] = [];
  for (const [path, blob] of good) {
    const now = head.get(path);
    if (now === undefined) files.push({ path, action: 'create' });
    else if (now !== blob) files.push({ path, action: 'update' });
  }
  for (const path of head.keys()) if (!good.has(path)) files.push({ path, action: 'delete' });
  files.sort((a, b) => compareText(a.path, b.path));
  const branch = `quai/rollback-${o.app}-${o.environment}-${full.slice(0, 8)}`;
  const base = { commit: full, files, branch, targetBranch: target };
  if (o.dryRun || files.length === 0) return base;

  // An earlier run may have made the branch and its merge request: reuse them.
  let branchExists = true;
  try {
    await gitlab.Branches.show(project.id, branch);
  } catch (error) {
    if (!notFound(error)) throw fail(error, msg('gitlab.rollbackMr.what.branch'));
    branchExists = false;
  }
  if (branchExists) {
    let open: { iid: number; web_url: string }[];
    try {
      open = await gitlab.MergeRequests.all({
        projectId: project.id,
        sourceBranch: branch,
        state: 'opened',
      });
    } catch (error) {
      throw fail(error, msg('gitlab.rollbackMr.what.mergeRequest'));
    }
    if (open[0] !== undefined)
      return { ...base, mergeRequest: { iid: open[0].iid, url: open[0].web_url, existed: true } };
  } else {
    const actions = [];
    for (const f of files) {
      if (f.action === 'delete') {
        actions.push({ action: 'delete' as const, filePath: f.path });
        continue;
      }
      let content: string;
      try {
        content = (
          (await gitlab.RepositoryFiles.show(project.id, f.path, full)) as unknown as { content: string }
        ).content;
      } catch (error) {
        throw fail(error, msg('gitlab.rollbackMr.what.file', { path: f.path }));
      }
      actions.push({ action: f.action, filePath: f.path, content, encoding: 'base64' });
    }
    const params = { app: o.app, env: o.environment, revision: o.revision.number, commit: full.slice(0, 12) };
    try {
      await gitlab.Commits.create(
        project.id,
        branch,
        tr(o.lang, 'gitlab.rollbackMr.commitMessage', params),
        actions,
        {
          startBranch: target,
        },
      );
    } catch (error) {
      throw fail(error, msg('gitlab.rollbackMr.what.commitCreate', { branch }));
    }
  }
  const params = { app: o.app, env: o.environment, revision: o.revision.number, commit: full.slice(0, 12) };
  try {
    const mr = (await gitlab.MergeRequests.create(
      project.id,
      branch,
      target,
      tr(o.lang, 'gitlab.rollbackMr.title', params),
      {
        description: tr(o.lang, 'gitlab.rollbackMr.description', {
          ...params,
          deployedAt: o.revision.deployedAt,
          deployedBy: o.revision.deployedBy,
          files: files.map((f) => `- ${f.action} \`${f.path}\``).join('\n'),
        }),
        removeSourceBranch: true,
      },
    )) as unknown as { iid: number; web_url: string };
    return { ...base, mergeRequest: { iid: mr.iid, url: mr.web_url, existed: false } };
  } catch (error) {
    throw fail(error, msg('gitlab.rollbackMr.what.mergeRequestCreate', { branch }));
  }
}
