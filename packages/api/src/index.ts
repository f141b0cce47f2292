export { AttemptLimiter, sha256, StaticTokens, type Principal } from './auth.js';
export { OidcSettings, ServerConfig, StaticToken } from './config.js';
export { startServer, type RunningServer, type StartOptions } from './listen.js';
export { openApiDocument } from './openapi.js';
export { API_PREFIX, createApi, type Api } from './server.js';
export {
  openPostgresStore,
  openSqliteStore,
  SCHEMA_VERSION,
  type AuditEvent,
  type Store,
} from './store/index.js';
export { serverManifests, type ManifestOptions } from './manifests.js';
