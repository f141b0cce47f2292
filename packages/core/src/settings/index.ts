export { checkGitlab, gitlabToken, type GitlabCheck } from './gitlab.js';
export {
  parseSettings,
  readSettings,
  settingsChanges,
  settingsYaml,
  SETTINGS_FILE,
  writeSettings,
  type StoredSettings,
} from './store.js';
export { checkTarget, findTarget, placeOfTarget, readSystemSecret, requireTarget } from './targets.js';
