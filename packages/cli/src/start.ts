/**
 * What main.ts needs once it knows a command runs, in one module: one dynamic import, so the
 * bundle loads one entry chunk here where four imports loaded four (each file Node loads costs
 * resolving, reading and linking it, about 0.3 ms on Node 20).
 */
export { tr } from '@quai/contracts/catalog';
export { langOf } from './i18n.js';
export { processStreams } from './io.js';
export { run } from './program.js';
