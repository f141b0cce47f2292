// The use cases, one file per domain. Only `export *` here, no code and no named re-export (see
// ../index.ts): a module that imports one domain's table through this file (a CLI command its
// own) then loads that domain only. USE_CASES, which loads every domain, is in all.ts; load.ts
// loads one domain's table when asked. A new domain: its file here, its table in all.ts's
// USE_CASES, its loader in load.ts.
export * from './audit.js';
export * from './backup.js';
export * from './cluster.js';
export * from './compare.js';
export * from './capacity.js';
export * from './deploy.js';
export * from './scan.js';
export * from './onboard.js';
export * from './gitlab.js';
export * from './docs.js';
export * from './settings.js';
export * from './sources.js';
export * from './view.js';
export * from './all.js';
export * from './load.js';
