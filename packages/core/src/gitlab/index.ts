/** GitLab: pipelines (.gitlab-ci.yml), image pinning for pipelines, the agent, the runner. */
export { DEFAULT_ENVIRONMENTS, generatePipeline } from './ci.js';
export { pinImage } from './pin.js';
export { generateAgent } from './agent.js';
export { generateRunner } from './runner.js';
export { GitlabHttpError, gitlabError, openGitlab, retryAfterSeconds, type GitlabClient } from './api.js';
export { applySync, planSync, resolveVariables } from './sync.js';
export { chooseRevision, commitOfRevision, rollbackMergeRequest } from './rollback-mr.js';
