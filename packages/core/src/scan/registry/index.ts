export { dockerCredentials, parseChallenge, type Challenge, type RegistryCredentials } from './auth.js';
export {
  MEDIA_TYPES,
  RegistryClient,
  selectPlatform,
  type Descriptor,
  type FetchedManifest,
  type RegistryClientOptions,
  type ResolvedImage,
} from './client.js';
export { viewRegistryImage } from './pull.js';
export {
  apiHost,
  DOCKER_HUB,
  formatReference,
  isLoopback,
  parseReference,
  type ImageReference,
} from './reference.js';
