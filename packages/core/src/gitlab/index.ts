/** GitLab: pipelines (.gitlab-ci.yml), image pinning for pipelines, the agent, the runner. */
export { DEFAULT_ENVIRONMENTS, generatePipeline } from './ci.js';
export { pinImage } from './pin.js';
export { generateAgent } from './agent.js';
export { generateRunner } from './runner.js';
