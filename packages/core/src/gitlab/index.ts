/** GitLab: pipelines (.gitlab-ci.yml), image pinning for pipelines. */
export { BUILDER_IMAGES, DEFAULT_ENVIRONMENTS, generatePipeline } from './ci.js';
export type { CiEnvironment, CiOptions, Severity } from './ci.js';
export { pinImage } from './pin.js';
