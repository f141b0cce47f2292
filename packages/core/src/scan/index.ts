export * as versions from './versions/index.js';
