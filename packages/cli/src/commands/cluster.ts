import type { CommandModule } from './types.js';

export const clusterCommand: CommandModule = {
  name: 'cluster',
  register() {},
};
