/** GitLab: pipelines (.gitlab-ci.yml), image pinning for pipelines, the agent, the runner. */
export { BUILDER_IMAGES, DEFAULT_ENVIRONMENTS, generatePipeline } from './ci.js';
export type { CiEnvironment, CiOptions, Severity } from './ci.js';
export { pinImage } from './pin.js';
export { DEPLOYER_RULES, generateAgent } from './agent.js';
export type { AgentFiles, AgentOptions } from './agent.js';
export { generateRunner, RUNNER_RULES, TOKEN_PLACEHOLDER } from './runner.js';
export type { ContainerResources, RunnerFiles, RunnerOptions } from './runner.js';
