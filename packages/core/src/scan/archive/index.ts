export { viewDockerArchive, type ArchiveOptions } from './docker-archive.js';
